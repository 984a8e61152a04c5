"""Submitting the plan to the leader, the leader's decision, and the trip's status workflow.

A submission freezes the brief, party, itinerary and findings into a TripVersion
(trips.snapshot). The leader decides on exactly that version; a later edit never changes
what was approved.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import roles
from trips import emails, snapshot
from trips.models import (
    ItemComment,
    Trip,
    TripEvent,
    TripMember,
    TripVersion,
)

S = Trip.Status
# Which status may follow which. Anything else is refused with a message.
TRANSITIONS: dict[str, set[str]] = {
    # Until it starts, a trip may be called off; cancelled, like closed, it is read-only.
    S.DRAFT: {S.SUBMITTED, S.CANCELLED},
    S.SUBMITTED: {S.SUBMITTED, S.APPROVED, S.CHANGES_REQUESTED, S.CANCELLED},
    S.CHANGES_REQUESTED: {S.SUBMITTED, S.CANCELLED},
    S.APPROVED: {S.SUBMITTED, S.IN_PROGRESS, S.CANCELLED},
    S.IN_PROGRESS: {S.SUBMITTED, S.COMPLETED},
    S.COMPLETED: {S.CLOSED},
    S.CLOSED: set(),
    S.CANCELLED: set(),
}


def change_status(trip: Trip, to: str) -> None:
    """Change the trip's status if the workflow allows it and nobody changed it meanwhile."""
    if to not in TRANSITIONS[trip.status]:
        raise ValidationError(
            _("A trip that is “%(current)s” cannot become “%(next)s”.")
            % {"current": trip.get_status_display(), "next": S(to).label}
        )
    # Conditional update: of two concurrent moves from the same status, one wins.
    if not Trip.objects.filter(pk=trip.pk, status=trip.status).update(
        status=to, updated_at=timezone.now()
    ):
        raise ValidationError(_("Someone else changed this trip meanwhile. Reload the page."))
    trip.status = to


def latest_version(trip: Trip) -> TripVersion | None:
    return trip.versions.order_by("-number").first()


def approved_version(trip: Trip) -> TripVersion | None:
    """The version the leader approved last, if any."""
    return trip.versions.filter(decision=TripVersion.Decision.APPROVED).order_by("-number").first()


def changes_since_approval(trip: Trip, items: list | None = None) -> snapshot.Diff | None:
    """The diff from the approved version to the plan now, when the trip was approved."""
    if trip.status not in (S.APPROVED, S.IN_PROGRESS):
        return None
    approved = approved_version(trip)
    if approved is None:
        return None
    # The plan alone: a diff never reads the findings, which cost a query and a check each.
    now = snapshot.take(trip, items, findings=False)
    return snapshot.diff(snapshot.Snapshot.from_json(approved.snapshot), now)


def _leaders(trip: Trip) -> list:
    """The team's leaders who hold the office's leader role: the people who may decide."""
    return [
        m.user
        for m in trip.members.all()
        if m.user_id and m.role == TripMember.Role.LEADER and roles.is_leader(m.user)
    ]


def _secretaries(trip: Trip) -> list:
    return [m.user for m in trip.members.all() if m.user_id and m.role == TripMember.Role.SECRETARY]


def is_leader_of(trip: Trip, user) -> bool:
    """Only a leader on the trip's team, who holds the office's leader role, decides."""
    if not roles.is_leader(user):
        return False
    return any(
        m.user_id is not None and m.user_id == user.pk and m.role == TripMember.Role.LEADER
        for m in trip.members.all()
    )


def may_decide(version: TripVersion, user) -> bool:
    """A leader of the trip decides on a version, never the person who submitted it."""
    return is_leader_of(version.trip, user) and version.submitted_by_id != user.pk


@transaction.atomic
def submit(trip: Trip, by, note: str = "") -> TripVersion:
    """Freeze the plan as a new version and ask the trip's leaders to decide."""
    if not trip.can_edit(by):
        raise PermissionDenied
    deciders = [user for user in _leaders(trip) if user.pk != by.pk]
    if not deciders:
        raise ValidationError(_("Put a leader on the team before submitting."))
    current = latest_version(trip)
    if trip.status == S.APPROVED and current and not changes_since_approval(trip):
        raise ValidationError(_("Nothing has changed since the leader approved this plan."))
    change_status(trip, S.SUBMITTED)
    trip.versions.filter(decision=TripVersion.Decision.PENDING).update(
        decision=TripVersion.Decision.SUPERSEDED
    )
    number = (trip.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    version = TripVersion.objects.create(
        trip=trip,
        number=number,
        snapshot=snapshot.take(trip).to_json(),
        note=note,
        submitted_by=by,
    )
    TripEvent.objects.create(
        trip=trip, version=version, actor=by, action=TripEvent.Action.SUBMITTED, comment=note
    )
    emails.ask_to_decide(version, by, deciders)
    return version


@transaction.atomic
def confirm_brief(version: TripVersion, by) -> None:
    """The leader confirms that the brief states his or her intention (the read-back)."""
    if not is_leader_of(version.trip, by):
        raise PermissionDenied
    if version.brief_confirmed_at:
        return
    TripVersion.objects.filter(pk=version.pk, brief_confirmed_at__isnull=True).update(
        brief_confirmed_by=by, brief_confirmed_at=timezone.now()
    )
    version.refresh_from_db()
    TripEvent.objects.create(
        trip=version.trip, version=version, actor=by, action=TripEvent.Action.BRIEF_CONFIRMED
    )


@transaction.atomic
def decide(
    version: TripVersion,
    by,
    decision: str,
    comment: str = "",
    item_comments: dict[int, str] | None = None,
) -> None:
    """Approve the version or ask for changes; of two decisions on one version, one wins."""
    trip = version.trip
    # The submitter never decides, even when in the leader role: nobody approves their own plan.
    if not may_decide(version, by):
        raise PermissionDenied
    if decision not in (TripVersion.Decision.APPROVED, TripVersion.Decision.CHANGES_REQUESTED):
        raise ValidationError(_("Choose to approve or to ask for changes."))
    if decision == TripVersion.Decision.CHANGES_REQUESTED and not (
        comment.strip() or any(t.strip() for t in (item_comments or {}).values())
    ):
        raise ValidationError(_("Say what should change, on the whole plan or on an item."))
    won = TripVersion.objects.filter(pk=version.pk, decision=TripVersion.Decision.PENDING).update(
        decision=decision, decided_by=by, decided_at=timezone.now(), comment=comment
    )
    if not won:
        raise ValidationError(
            _("This version was decided already or replaced by a newer one. Reload the page.")
        )
    trip.refresh_from_db(fields=["status"])
    change_status(trip, decision)
    ItemComment.objects.bulk_create(
        ItemComment(version=version, item_id=item_id, text=text.strip(), author=by)
        for item_id, text in (item_comments or {}).items()
        if text.strip()
    )
    version.refresh_from_db()
    TripEvent.objects.create(trip=trip, version=version, actor=by, action=decision, comment=comment)
    emails.notify_decision(version, by, _secretaries(trip))


@transaction.atomic
def advance(trip: Trip, to: str, by=None) -> None:
    """Start, complete or close the trip (by a secretary on the team, or by Tripdesk itself)."""
    if by is not None and not trip.can_edit(by):
        raise PermissionDenied
    if to == S.IN_PROGRESS and trip.start_date > timezone.localdate():
        raise ValidationError(_("A trip starts on its first day."))
    change_status(trip, to)
    action = {
        S.IN_PROGRESS: TripEvent.Action.STARTED,
        S.COMPLETED: TripEvent.Action.COMPLETED,
        S.CLOSED: TripEvent.Action.CLOSED,
    }[to]
    TripEvent.objects.create(trip=trip, actor=by, action=action)


def start_due_trips(today) -> int:
    """Approved trips whose first day has come are in progress (a daily beat job)."""
    started = 0
    for trip in Trip.objects.filter(status=S.APPROVED, start_date__lte=today):
        try:
            advance(trip, S.IN_PROGRESS)
            started += 1
        except ValidationError:  # changed meanwhile: the next run sees it
            continue
    return started
