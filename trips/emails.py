"""The e-mails trips sends: one function per e-mail, all through the outbox.

Office users read theirs in their own language (accounts.people.language_of), host units
in the unit's. The domain modules (approval, notices) decide who is told and when; these
functions only write the e-mails, each in the caller's transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, Literal

from django.urls import reverse
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy

from accounts.people import language_of
from accounts.words import labelled_lazy
from directory.models import Contact
from outbox.mail import make_message
from outbox.models import Message
from trips import snapshot, versions
from trips.models import Departure, Notice, NoticeReply, TripMember, TripVersion

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


# To the office: the plan's approval


def ask_to_decide(version: TripVersion, by, leaders: Iterable) -> list[Message]:
    """Ask each leader to approve the submitted version or ask for changes, naming the
    schedule's findings still open, in the leader's language."""
    frozen = snapshot.Snapshot.of(version)
    return _about_version(
        "version_submitted",
        version,
        by,
        leaders,
        lambda language: {"findings": frozen.findings_in(language)},
    )


def notify_decision(version: TripVersion, by, secretaries: Iterable) -> list[Message]:
    """Tell each secretary what the leader decided on the version, and on which items."""
    commented = versions.commented_items(version)
    return _about_version(
        "version_decided", version, by, secretaries, lambda language: {"commented": commented}
    )


def _about_version(
    template: str,
    version: TripVersion,
    by,
    users: Iterable,
    extra: Callable[[str], dict[str, Any]] = lambda language: {},
) -> list[Message]:
    """One e-mail about the version to each user; extra: more context in the user's language."""
    trip = version.trip
    return [
        make_message(
            template,
            user.email,
            {"version": version, "trip": trip, "by": by, "user": user, **extra(language_of(user))},
            language=language_of(user),
            path=version.get_absolute_url(),
            cause=f"{trip} v{version.number}",
            cause_key=f"trips.version:{version.pk}",
            recipient_user=user,
            created_by=by,
            trip_id=version.trip_id,
        )
        for user in users
        if user.email
    ]


# To host units: notices, reminders, "on our way"


def send_notice(
    notice: Notice, contacts: Iterable[Contact], context: dict[str, Any], by
) -> list[Message]:
    """The notice (new, update or cancellation) to each of the unit's contacts."""
    unit, trip = notice.host_unit, notice.trip
    label = Notice.Kind(notice.kind).label
    return [
        make_message(
            NOTICE_TEMPLATES[notice.kind],
            contact.email,
            {**context, "contact": contact},
            language=unit.language,
            cause=_cause(trip.title, label, unit.name),
            cause_key=notice.cause_key,
            created_by=by,
            trip_id=trip.pk,
        )
        for contact in contacts
    ]


def remind_unit(
    notice: Notice,
    kind: Literal["acknowledge", "visit"],
    contacts: Iterable[Contact],
    context: dict[str, Any],
) -> list[Message]:
    """Remind the unit to acknowledge its notice, or of its visit coming soon."""
    template, label = REMINDERS[kind]
    unit = notice.host_unit
    return [
        make_message(
            template,
            contact.email,
            {**context, "contact": contact, "notice": notice},
            language=unit.language,
            cause=_cause(notice.trip.title, CAUSES[kind], unit.name),
            cause_key=f"{notice.cause_key}:{label}",
            trip_id=notice.trip_id,
        )
        for contact in contacts
    ]


def _secretaries(trip) -> list:
    """The trip's secretaries with an e-mail address, in the order they joined."""
    members = trip.members.filter(role=TripMember.Role.SECRETARY).select_related("user__profile")
    return [m.user for m in members.order_by("pk") if m.user.email]


def alert_host_message(message: NoticeReply) -> list[Message]:
    """Tell the trip's secretaries at once that a unit wrote to the office."""
    notice = message.notice
    trip, unit = notice.trip, notice.host_unit
    return [
        make_message(
            "notice_message",
            user.email,
            {"message": message, "unit": unit, "trip": trip, "user": user},
            language=language_of(user),
            path=f"{reverse('trips:notices', args=[trip.pk])}#unit-{unit.pk}",
            cause=_cause(trip.title, CAUSES["message"], unit.name),
            cause_key=f"trips.notice_message:{message.pk}",
            recipient_user=user,
            trip_id=trip.pk,
        )
        for user in _secretaries(trip)
    ]


def answer_unit(
    message: NoticeReply, contacts: Iterable[Contact], context: dict[str, Any], by
) -> list[Message]:
    """The office's answer to the unit's contacts, in the unit's language, with its link."""
    notice = message.notice
    trip, unit = notice.trip, notice.host_unit
    return [
        make_message(
            "notice_answer",
            contact.email,
            {**context, "contact": contact, "by": by},
            language=unit.language,
            cause=_cause(trip.title, CAUSES["answer"], unit.name),
            cause_key=f"trips.notice_message:{message.pk}",
            created_by=by,
            trip_id=trip.pk,
        )
        for contact in contacts
    ]


def alert_unacknowledged(notice: Notice) -> list[Message]:
    """Tell the trip's secretaries that the unit has not acknowledged its notice."""
    trip, unit = notice.trip, notice.host_unit
    users = _secretaries(trip)
    return [
        make_message(
            "notice_unacknowledged",
            user.email,
            {"notice": notice, "unit": unit, "trip": trip, "user": user},
            language=language_of(user),
            path=reverse("trips:notices", args=[trip.pk]),
            cause=_cause(trip.title, CAUSES["unacknowledged"], unit.name),
            cause_key=f"{notice.cause_key}:alert",
            recipient_user=user,
            trip_id=trip.pk,
        )
        for user in users
    ]


def tell_on_our_way(
    departure: Departure, contacts: Iterable[Contact], context: dict[str, Any], by
) -> list[Message]:
    """Tell the next unit's contacts that the party left and when to expect it."""
    trip, unit = departure.item.trip, departure.next_unit
    return [
        make_message(
            "notice_on_our_way",
            contact.email,
            {**context, "contact": contact},
            language=unit.language,
            cause=_cause(trip.title, CAUSES["on_our_way"], unit.name),
            cause_key=f"trips.departure:{departure.pk}",
            created_by=by,
            trip_id=trip.pk,
        )
        for contact in contacts
    ]
