"""The e-mails follow-up items send: one function per e-mail, all through the outbox."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.urls import reverse
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy

from accounts.dates import long_date_lazy
from accounts.people import display_name, language_of
from accounts.words import labelled_lazy
from directory.models import Contact, Department
from followups import links
from followups.models import DepartmentLink, FollowUp, FollowUpUpdate, Urging
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


# What the mail log says caused each e-mail, worded in the e-mail's language; the key
# starts its cause_key.
CAUSES = {
    "followup_cannot": gettext_lazy("Cannot be done"),
    "followup_needs_leader": gettext_lazy("Needs the leader's help"),
    "followup_extension": gettext_lazy("Request for more time"),
    "followup_extension_decided": gettext_lazy("Decision on more time"),
    "followup_department_link": gettext_lazy("Link for the department"),
    "followup_urging": gettext_lazy("Urging notice"),
    "followups.owner_digest": gettext_lazy("Reminder of follow-up items"),
    "followups.secretary_digest": gettext_lazy("Overdue follow-up items"),
    "followups.leader_digest": gettext_lazy("Weekly report on follow-up items"),
}


def notify_department(
    template: str,
    to,
    context: dict,
    *,
    cause: str,
    about,
    key: tuple,
    trip_id: int | None,
    department: Department | None = None,
    path: str = "",
    created_by=None,
    private: bool = False,
) -> Message:
    """Write one follow-up e-mail to the outbox, to an office account or to a department's
    contact: in the account's own language or the department's, its cause in the mail log
    `CAUSES[cause]` with what it is `about`, its cause_key the cause and then `key`'s parts.
    """
    contact = isinstance(to, Contact)
    return make_message(
        template,
        to.email,
        context,
        language=department.language if contact else language_of(to),
        path=path,
        cause=labelled_lazy(CAUSES[cause], about),
        cause_key=":".join([cause, *map(str, key)]),
        recipient_user=None if contact else to,
        created_by=created_by,
        trip_id=trip_id,
        private=private,
    )


def _alert(template: str, item: FollowUp, update: FollowUpUpdate, by, to: list) -> list[Message]:
    context = {"item": item, "trip": item.trip, "by": by or _NamedOnLink(update.by_name)}
    return [
        notify_department(
            template,
            user,
            {"user": user, **context},
            cause=template,
            about=item.title,
            key=(update.pk, user.pk),
            trip_id=item.trip_id,
            path=item.get_absolute_url(),
            created_by=by,
        )
        for user in to
    ]


def cannot_be_done(item: FollowUp, update: FollowUpUpdate, by, to: list) -> list[Message]:
    """Tell the trip's secretaries and leaders that an item cannot be done, and why."""
    return _alert("followup_cannot", item, update, by, to)


def needs_leader(item: FollowUp, update: FollowUpUpdate, by, to: list) -> list[Message]:
    """Tell the trip's secretaries at once that an item needs the leader's help."""
    return _alert("followup_needs_leader", item, update, by, to)


def extension_asked(item: FollowUp, update: FollowUpUpdate, by, to: list) -> list[Message]:
    """Tell the trip's secretaries that the department asks for more time (延期申请)."""
    return _alert("followup_extension", item, update, by, to)


def _to_contacts(
    template: str,
    department: Department,
    contacts: Iterable[Contact],
    context: dict,
    *,
    about: str,
    key,
    trip_id: int,
    path: str,
    by,
) -> list[Message]:
    """One e-mail per contact of the department with an address, in its language; `key`
    gives each contact's e-mail its cause key."""
    return [
        notify_department(
            template,
            contact,
            {**context, "contact": contact},
            cause=template,
            about=about,
            key=key(contact),
            trip_id=trip_id,
            department=department,
            path=path,
            created_by=by,
        )
        for contact in contacts
        if contact.email
    ]


def extension_decided(
    item: FollowUp, extension, link: DepartmentLink, contacts: Iterable[Contact], by
) -> list[Message]:
    """Tell the department's contacts the office's decision on its request for more time,
    in the department's language, with its signed link."""
    department = item.department
    return _to_contacts(
        "followup_extension_decided",
        department,
        contacts,
        {"department": department, "item": item, "extension": extension, "link": link},
        about=item.title,
        key=lambda contact: (extension.pk, contact.pk),
        trip_id=item.trip_id,
        path=reverse("followups:department_item", args=[links.make_token(link), item.pk]),
        by=by,
    )


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
    return _to_contacts(
        "followup_department_link",
        department,
        contacts,
        {"department": department, "link": link, "trip": trip, "items": list(items)},
        about=department.name,
        # Each sending is its own e-mail: a renewal keeps the nonce, not the expiry.
        key=lambda contact: (link.nonce[:8], f"{link.expires_at:%s}", contact.pk),
        trip_id=trip.pk,
        path=reverse("followups:department_items", args=[links.make_token(link)]),
        by=by,
    )


def urging(
    item: FollowUp, urging: Urging, link: DepartmentLink, contacts: Iterable[Contact], by
) -> list[Message]:
    """The 催办通知 of one round (followups.urging.urge): to each of the department's contacts
    with an address, in the department's language, with its signed link."""
    department = item.department
    return _to_contacts(
        "followup_urging",
        department,
        contacts,
        {"department": department, "item": item, "urging": urging, "link": link},
        about=item.title,
        key=lambda contact: (urging.pk, contact.pk),
        trip_id=item.trip_id,
        path=reverse("followups:department_items", args=[links.make_token(link)]),
        by=by,
    )


# The reminder digests (followups.reminders) ------------------------------------------


def _with_links(items: list[FollowUp]) -> list[FollowUp]:
    """Each item with `url`, its page as a link that works from an e-mail."""
    for item in items:
        item.url = absolute_url(item.get_absolute_url())
    return items


def owner_digest(
    claim: Claim,
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
    context = {"department": department, "today": claim.period, "soon": soon}
    context.update(overdue=overdue, count=len(soon) + len(overdue))
    period = format_lazy("{} {}", department.name, long_date_lazy(claim.period))
    copies = [(user, "user", display_name(user, language_of(user))) for user in members]
    copies += [(contact, "contact", contact.name) for contact in contacts]
    return [
        notify_department(
            "followup_owner_digest",
            to,
            {**context, "name": name},
            cause="followups.owner_digest",
            about=period,
            key=(claim.pk, kind, to.pk),
            trip_id=trip_id,
            department=department,
            path=path,
            private=kind == "contact" and trip_id is None and confidential,
        )
        for to, kind, name in copies
    ]


def _board(trip_id: int | None, **filters) -> str:
    """The board's path with these filters, narrowed to the trip when there is one."""
    query = "&".join(f"{name}={value}" for name, value in filters.items())
    if trip_id is not None:
        query += f"&trip={trip_id}"
    return f"{reverse('followups:board')}?{query}"


def secretary_digest(
    claim: Claim, user, items: list[FollowUp], *, trip_id: int | None = None
) -> Message:
    """One secretary's daily digest of the items that became overdue on their trips."""
    return notify_department(
        "followup_secretary_digest",
        user,
        {"user": user, "today": claim.period, "items": _with_links(items), "count": len(items)},
        cause="followups.secretary_digest",
        about=long_date_lazy(claim.period),
        key=(claim.pk,),
        trip_id=trip_id,
        path=_board(trip_id, overdue="on"),
    )


def leader_digest(
    claim: Claim,
    user,
    today: date,
    overdue: list[FollowUp],
    cannot: list[FollowUp],
    *,
    escalated: list[FollowUp] = (),
    trip_id: int | None = None,
) -> Message:
    """One leader's weekly digest: the overdue items, the week's "cannot be done" answers
    and the items to coordinate (需领导协调: chased with no answer, with their `rounds`) on
    the trips they lead; the claim's period is the week's Monday."""
    context = {"user": user, "today": today, "week": claim.period}
    context.update(overdue=_with_links(overdue), cannot=_with_links(cannot))
    context.update(
        escalated=_with_links(list(escalated)), escalation_rounds=settings.DUBAN_ESCALATE_ROUNDS
    )
    return notify_department(
        "followup_leader_digest",
        user,
        context,
        cause="followups.leader_digest",
        about=long_date_lazy(claim.period),
        key=(claim.pk,),
        trip_id=trip_id,
        path=_board(trip_id, leader=user.pk),
    )
