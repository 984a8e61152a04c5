"""The e-mails about notices: to host units (notices, reminders, answers, "on our way") and
to the trip's secretaries about them, all through the outbox.

Host units read theirs in the unit's language, office users in their own
(accounts.people.language_of). The domain modules decide who is told and when; these
functions only write the e-mails, each in the caller's transaction, through notify_unit
and notify_secretaries, which fill in what every such e-mail carries (its language, the
mail log's cause, the cause key, the trip).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Literal

from django.urls import reverse
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy

from accounts.people import language_of
from accounts.words import labelled_lazy
from directory.models import Contact, HostUnit
from notices.models import Departure, Notice, NoticeReply
from outbox.mail import make_message
from outbox.models import Message
from trips.models import Trip, TripMember

# The reminders a host unit gets about a notice: the template, and the label in the cause.
REMINDERS = {
    "acknowledge": ("notice_reminder", "reminder"),
    "visit": ("notice_visit_reminder", "visit"),
}
# What the mail log says caused each e-mail to a unit, worded in the e-mail's language.
CAUSES = {
    "acknowledge": gettext_lazy("Reminder to acknowledge"),
    "visit": gettext_lazy("Reminder of the visit"),
    "message": gettext_lazy("Message from the unit"),
    "answer": gettext_lazy("Answer to the unit"),
    "unacknowledged": gettext_lazy("Not acknowledged"),
    "on_our_way": gettext_lazy("On our way"),
}
NOTICE_TEMPLATES = {
    Notice.Kind.NEW: "notice",
    Notice.Kind.UPDATE: "notice_update",
    Notice.Kind.CANCELLATION: "notice_cancellation",
}


def _cause(trip_title: str, what, unit_name: str):
    """ "Riverside visit: Update → Riverside plant", worded in the e-mail's language."""
    return labelled_lazy(trip_title, format_lazy("{} → {}", what, unit_name))


def notify_unit(
    template: str,
    trip: Trip,
    unit: HostUnit,
    contacts: Iterable[Contact],
    context: dict[str, Any],
    *,
    what,
    cause_key: str,
    by=None,
) -> list[Message]:
    """One e-mail to each of the unit's contacts, in the unit's language; the mail log says
    "trip: what → unit" and scopes it to the trip."""
    return [
        make_message(
            template,
            contact.email,
            {**context, "contact": contact},
            language=unit.language,
            cause=_cause(trip.title, what, unit.name),
            cause_key=cause_key,
            created_by=by,
            trip_id=trip.pk,
        )
        for contact in contacts
    ]


def notify_secretaries(
    template: str,
    trip: Trip,
    unit: HostUnit,
    context: dict[str, Any],
    *,
    what,
    cause_key: str,
    path: str,
) -> list[Message]:
    """One e-mail about the unit to each of the trip's secretaries, in the secretary's
    language, with a link to the trip's notices page (path)."""
    return [
        make_message(
            template,
            user.email,
            {**context, "unit": unit, "trip": trip, "user": user},
            language=language_of(user),
            path=path,
            cause=_cause(trip.title, what, unit.name),
            cause_key=cause_key,
            recipient_user=user,
            trip_id=trip.pk,
        )
        for user in _secretaries(trip)
    ]


def _secretaries(trip: Trip) -> list:
    """The trip's secretaries with an e-mail address, in the order they joined."""
    members = trip.members.filter(role=TripMember.Role.SECRETARY).select_related("user__profile")
    return [m.user for m in members.order_by("pk") if m.user.email]


def send_notice(
    notice: Notice, contacts: Iterable[Contact], context: dict[str, Any], by
) -> list[Message]:
    """The notice (new, update or cancellation) to each of the unit's contacts."""
    return notify_unit(
        NOTICE_TEMPLATES[notice.kind],
        notice.trip,
        notice.host_unit,
        contacts,
        context,
        what=Notice.Kind(notice.kind).label,
        cause_key=notice.cause_key,
        by=by,
    )


def remind_unit(
    notice: Notice,
    kind: Literal["acknowledge", "visit"],
    contacts: Iterable[Contact],
    context: dict[str, Any],
) -> list[Message]:
    """Remind the unit to acknowledge its notice, or of its visit coming soon."""
    template, label = REMINDERS[kind]
    return notify_unit(
        template,
        notice.trip,
        notice.host_unit,
        contacts,
        {**context, "notice": notice},
        what=CAUSES[kind],
        cause_key=f"{notice.cause_key}:{label}",
    )


def alert_host_message(message: NoticeReply) -> list[Message]:
    """Tell the trip's secretaries at once that a unit wrote to the office."""
    trip, unit = message.notice.trip, message.notice.host_unit
    return notify_secretaries(
        "notice_message",
        trip,
        unit,
        {"message": message},
        what=CAUSES["message"],
        cause_key=f"trips.notice_message:{message.pk}",
        path=f"{reverse('notices:notices', args=[trip.pk])}#unit-{unit.pk}",
    )


def answer_unit(
    message: NoticeReply, contacts: Iterable[Contact], context: dict[str, Any], by
) -> list[Message]:
    """The office's answer to the unit's contacts, in the unit's language, with its link."""
    return notify_unit(
        "notice_answer",
        message.notice.trip,
        message.notice.host_unit,
        contacts,
        {**context, "by": by},
        what=CAUSES["answer"],
        cause_key=f"trips.notice_message:{message.pk}",
        by=by,
    )


def alert_unacknowledged(notice: Notice) -> list[Message]:
    """Tell the trip's secretaries that the unit has not acknowledged its notice."""
    trip = notice.trip
    return notify_secretaries(
        "notice_unacknowledged",
        trip,
        notice.host_unit,
        {"notice": notice},
        what=CAUSES["unacknowledged"],
        cause_key=f"{notice.cause_key}:alert",
        path=reverse("notices:notices", args=[trip.pk]),
    )


def tell_on_our_way(
    departure: Departure, contacts: Iterable[Contact], context: dict[str, Any], by
) -> list[Message]:
    """Tell the next unit's contacts that the party left and when to expect it."""
    return notify_unit(
        "notice_on_our_way",
        departure.item.trip,
        departure.next_unit,
        contacts,
        context,
        what=CAUSES["on_our_way"],
        cause_key=f"trips.departure:{departure.pk}",
        by=by,
    )
