"""The e-mails follow-up items send: one function per e-mail, all through the outbox."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.urls import reverse
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy

from accounts.dates import long_date_lazy
from accounts.people import display_name, language_of
from accounts.words import labelled_lazy
from directory.models import Contact, Department
from followups import links
from followups.models import DepartmentLink, FollowUp, FollowUpUpdate
from outbox.mail import absolute_url, make_message
from outbox.models import Claim, Message
from trips.models import Trip


@dataclass(frozen=True)
class _NamedOnLink:
    """Who changed an item through the department's link, named as the e-mails name people
    ({{ by|person_name }}: the name typed on the link)."""

    username: str

    def display_name(self, language: str | None = None) -> str:
        return self.username


# What the mail log says caused each e-mail, worded in the e-mail's language.
CAUSES = {
    "followup_cannot": gettext_lazy("Cannot be done"),
    "followup_needs_leader": gettext_lazy("Needs the leader's help"),
    "link": gettext_lazy("Link for the department"),
    "owner": gettext_lazy("Reminder of follow-up items"),
    "secretary": gettext_lazy("Overdue follow-up items"),
    "leader": gettext_lazy("Weekly report on follow-up items"),
}


def _alert(template: str, item: FollowUp, update: FollowUpUpdate, by, to: list) -> list[Message]:
    messages = []
    for user in to:
        messages.append(
            make_message(
                template,
                user.email,
                {
                    "user": user,
                    "item": item,
                    "trip": item.trip,
                    "by": by or _NamedOnLink(update.by_name),
                },
                language=language_of(user),
                path=item.get_absolute_url(),
                cause=labelled_lazy(CAUSES[template], item.title),
                cause_key=f"{template}:{update.pk}:{user.pk}",
                recipient_user=user,
                created_by=by,
                trip_id=item.trip_id,
            )
        )
    return messages


def cannot_be_done(item: FollowUp, update: FollowUpUpdate, by, to: list) -> list[Message]:
    """Tell the trip's secretaries and leaders that an item cannot be done, and why."""
    return _alert("followup_cannot", item, update, by, to)


def needs_leader(item: FollowUp, update: FollowUpUpdate, by, to: list) -> list[Message]:
    """Tell the trip's secretaries at once that an item needs the leader's help."""
    return _alert("followup_needs_leader", item, update, by, to)


def department_link(
    department: Department,
    link: DepartmentLink,
    contacts: Iterable[Contact],
    by,
    *,
    trip: Trip,
    items: Iterable[FollowUp] = (),
) -> list[Message]:
    """Send the department its signed link to its follow-up items (followups.links), to each
    contact with an address, in the department's language; `items` are the trip's open items
    the e-mail lists. The mail log shows it to the trip's readers, the link hidden."""
    path = reverse("followups:department_items", args=[links.make_token(link)])
    context = {"department": department, "link": link, "trip": trip, "items": list(items)}
    return [
        make_message(
            "followup_department_link",
            contact.email,
            {**context, "contact": contact},
            language=department.language,
            path=path,
            cause=labelled_lazy(CAUSES["link"], department.name),
            # Each sending is its own e-mail: a renewal keeps the nonce, not the expiry.
            cause_key=f"followup_department_link:{link.nonce[:8]}:{link.expires_at:%s}:{contact.pk}",
            created_by=by,
            trip_id=trip.pk,
        )
        for contact in contacts
        if contact.email
    ]


# The reminder digests (followups.reminders) ------------------------------------------


def _with_links(items: list[FollowUp]) -> list[FollowUp]:
    """Each item with `url`, its page as a link that works from an e-mail."""
    for item in items:
        item.url = absolute_url(item.get_absolute_url())
    return items


def owner_digest(
    digest: Claim,
    department: Department,
    soon: list[FollowUp],
    overdue: list[FollowUp],
    link: DepartmentLink,
    members: list,
    contacts: list[Contact],
    *,
    trip_id: int | None = None,
) -> list[Message]:
    """The department's daily reminder: its items due soon and overdue (`co_owned` ones
    marked), with its signed link; to each member with an account in their own language,
    to each contact in the department's.

    Not tied to one trip (trip_id None), a member's copy is personal; a contact's copy is
    kept out of the mail log's bodies when it lists an internal trip's items.
    """
    path = reverse("followups:department_items", args=[links.make_token(link)])
    confidential = any(item.trip.is_confidential for item in (*soon, *overdue))
    context = {"department": department, "today": digest.period, "soon": soon}
    context.update(overdue=overdue, count=len(soon) + len(overdue))
    period = format_lazy("{} {}", department.name, long_date_lazy(digest.period))
    cause = labelled_lazy(CAUSES["owner"], period)
    messages = []
    for user in members:
        language = language_of(user)
        messages.append(
            make_message(
                "followup_owner_digest",
                user.email,
                {**context, "name": display_name(user, language)},
                language=language,
                path=path,
                cause=cause,
                cause_key=f"followups.owner_digest:{digest.pk}:user:{user.pk}",
                recipient_user=user,
                trip_id=trip_id,
            )
        )
    for contact in contacts:
        messages.append(
            make_message(
                "followup_owner_digest",
                contact.email,
                {**context, "name": contact.name},
                language=department.language,
                path=path,
                cause=cause,
                cause_key=f"followups.owner_digest:{digest.pk}:contact:{contact.pk}",
                trip_id=trip_id,
                private=trip_id is None and confidential,
            )
        )
    return messages


def _board(trip_id: int | None, **filters) -> str:
    """The board's path with these filters, narrowed to the trip when there is one."""
    query = "&".join(f"{name}={value}" for name, value in filters.items())
    if trip_id is not None:
        query += f"&trip={trip_id}"
    return f"{reverse('followups:board')}?{query}"


def secretary_digest(
    digest: Claim, user, items: list[FollowUp], *, trip_id: int | None = None
) -> Message:
    """One secretary's daily digest of the items that became overdue on their trips."""
    return make_message(
        "followup_secretary_digest",
        user.email,
        {"user": user, "today": digest.period, "items": _with_links(items), "count": len(items)},
        language=language_of(user),
        path=_board(trip_id, overdue="on"),
        cause=labelled_lazy(CAUSES["secretary"], long_date_lazy(digest.period)),
        cause_key=f"followups.secretary_digest:{digest.pk}",
        recipient_user=user,
        trip_id=trip_id,
    )


def leader_digest(
    digest: Claim,
    user,
    today: date,
    overdue: list[FollowUp],
    cannot: list[FollowUp],
    *,
    trip_id: int | None = None,
) -> Message:
    """One leader's weekly digest: the overdue items and the week's "cannot be done"
    answers on the trips they lead."""
    context = {"user": user, "today": today, "week": digest.period}
    context.update(overdue=_with_links(overdue), cannot=_with_links(cannot))
    return make_message(
        "followup_leader_digest",
        user.email,
        context,
        language=language_of(user),
        path=_board(trip_id, leader=user.pk),
        cause=labelled_lazy(CAUSES["leader"], long_date_lazy(digest.period)),
        cause_key=f"followups.leader_digest:{digest.pk}",
        recipient_user=user,
        trip_id=trip_id,
    )
