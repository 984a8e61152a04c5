"""Submitting the plan to the leader, the leader's decision, and the trip's status workflow.

A submission freezes the brief, party, itinerary and findings into a TripVersion
(trips.snapshot). The leader decides on exactly that version; a later edit never changes
what was approved.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Max, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import roles
from trips import costs, emails, snapshot
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


# Closing needs every follow-up item settled, a rule of the followups app above this one:
# a trip is closed only through followups.items.close_trip, which passes that rule as the
# guard of the status change (so the rule and the change are one conditional update).
NEEDS_GUARD = {S.CLOSED}
# The steps a secretary takes by hand on the trip page; cancelling (cancel()) asks for a
# reason and closing (followups.items.close_trip) for the follow-ups' outcomes.
MANUAL_STEPS = (S.IN_PROGRESS, S.COMPLETED)


def change_status(trip: Trip, to: str, *, guard: Q | None = None) -> None:
    """Change the trip's status if the workflow allows it and nobody changed it meanwhile.

    A guard is a condition on the trip row that must hold at the moment of the change.
    """
    if to not in TRANSITIONS[trip.status]:
        raise ValidationError(
            _("A trip that is “%(current)s” cannot become “%(next)s”.")
            % {"current": trip.get_status_display(), "next": S(to).label}
        )
    if to in NEEDS_GUARD and guard is None:
        raise ValueError(f"A trip becomes {to} only with its rule as the guard.")
    # Conditional update: of two concurrent moves from the same status, one wins.
    rows = Trip.objects.filter(pk=trip.pk, status=trip.status)
    if guard is not None:
        rows = rows.filter(guard)
    if not rows.update(status=to, updated_at=timezone.now()):
        raise ValidationError(_("Someone else changed this trip meanwhile. Reload the page."))
    trip.status = to


def next_steps(trip: Trip, today: date) -> list[str]:
    """The manual steps the trip may take now: it starts on its first day, not before."""
    allowed = TRANSITIONS[trip.status]
    return [
        to
        for to in MANUAL_STEPS
        if to in allowed and not (to == S.IN_PROGRESS and trip.start_date > today)
    ]


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


def changes_since(version: TripVersion, trip: Trip, items: list | None = None) -> snapshot.Diff:
    """What changed in the plan (brief, party, itinerary) since the version was submitted."""
    now = snapshot.take(trip, items, findings=False)
    return snapshot.diff(snapshot.Snapshot.of(version), now)


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


def waiting_for(user) -> QuerySet[TripVersion]:
    """The versions waiting for this leader's decision, newest first: on trips the user leads
    and may read, submitted by someone else. Trip and submitter joined, snapshot left out."""
    if not roles.is_leader(user):
        return TripVersion.objects.none()
    return (
        TripVersion.objects.filter(
            decision=TripVersion.Decision.PENDING,
            trip__in=Trip.objects.visible_to(user).led_by(user),
        )
        .exclude(submitted_by=user)
        .select_related("trip", "submitted_by__profile")
        .defer("snapshot")
        .order_by("-submitted_at", "-pk")
    )


def may_decide(version: TripVersion, user) -> bool:
    """A leader of the trip decides on a version, never the person who submitted it."""
    return is_leader_of(version.trip, user) and version.submitted_by_id != user.pk


def why_not_submit(items: list | QuerySet) -> str:
    """What keeps the plan from going to the leader, whoever asks (empty: nothing)."""
    if not items:
        return _("Add the itinerary's items first: an empty plan is not submitted for approval.")
    return ""


def deciders_of_submission(trip: Trip, by) -> list:
    """The leaders who would decide on the plan submitted now; PermissionDenied, or a
    ValidationError saying why the plan cannot be submitted."""
    if not trip.can_edit(by):
        raise PermissionDenied
    deciders = [user for user in _leaders(trip) if user.pk != by.pk]
    if not deciders:
        raise ValidationError(_("Put a leader on the team before submitting."))
    refused = why_not_submit(trip.items.all()[:1])
    if refused:
        raise ValidationError(refused)
    current = latest_version(trip)
    if current is not None and not changes_since(current, trip):
        raise ValidationError(
            _("Nothing changed since version %(number)s.") % {"number": current.number}
        )
    return deciders


@transaction.atomic
def submit(trip: Trip, by, note: str = "") -> TripVersion:
    """Freeze the plan as a new version and ask the trip's leaders to decide."""
    deciders = deciders_of_submission(trip, by)
    change_status(trip, S.SUBMITTED)
    trip.versions.filter(decision=TripVersion.Decision.PENDING).update(
        decision=TripVersion.Decision.SUPERSEDED
    )
    number = (trip.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    version = TripVersion.objects.create(
        trip=trip,
        number=number,
        snapshot=snapshot.take(trip).to_json(),
        costs=costs.frozen(trip),
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


def standing_read_back(version: TripVersion) -> TripVersion | None:
    """The earlier version whose confirmed brief this version repeats unchanged, if any.

    The leader reads the brief back once: it is asked again only when the brief changed
    since the version the leader last confirmed. None when this version is confirmed
    itself, or when the brief must be read back.
    """
    if version.brief_confirmed_at:
        return None
    confirmed = (
        version.trip.versions.filter(number__lt=version.number, brief_confirmed_at__isnull=False)
        .select_related("brief_confirmed_by__profile")
        .order_by("-number")
        .first()
    )
    if confirmed is None:
        return None
    if snapshot.Snapshot.of(confirmed).brief != snapshot.Snapshot.of(version).brief:
        return None
    return confirmed


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


# The leader's comments on items, until the secretary marks each one done


@dataclass(frozen=True)
class CommentCount:
    """How many comments the leader made on the plan's items, and how many are done."""

    total: int
    done: int

    @property
    def open(self) -> int:
        return self.total - self.done

    def __bool__(self) -> bool:
        return bool(self.total)


def leader_comments(trip: Trip, user) -> list[ItemComment]:
    """Every comment of the leader on the trip's items, oldest first, for the trip's team.

    A leader's opinion stays inside the team (机要). A draft never went to the leader: no
    query for it.
    """
    if trip.status == S.DRAFT or trip.role_of(user) is None:
        return []
    return list(
        ItemComment.objects.filter(version__trip=trip)
        .select_related("version", "author__profile")
        .defer("version__snapshot")
        .order_by("created_at", "pk")
    )


def mark_comments(items: list, comments: list[ItemComment]) -> list[ItemComment]:
    """Give each live item its open comments (item.open_comments); return the open comments
    whose item is no longer in the plan."""
    by_item: dict[int, list[ItemComment]] = {}
    for comment in comments:
        if not comment.is_done:
            by_item.setdefault(comment.item_id, []).append(comment)
    for item in items:
        item.open_comments = by_item.pop(item.pk, [])
    return [comment for found in by_item.values() for comment in found]


def comment_count(trip: Trip, comments: list[ItemComment]) -> CommentCount | None:
    """The trip page's "changes requested: 3 comments, 1 done": while changes are requested
    or a comment is still open; None otherwise."""
    count = CommentCount(len(comments), sum(1 for c in comments if c.is_done))
    if count.open or (count and trip.status == S.CHANGES_REQUESTED):
        return count
    return None


@transaction.atomic
def mark_comment_done(trip: Trip, comment: ItemComment, by) -> None:
    """The secretary says the plan answers the comment; a second click changes nothing."""
    if not trip.can_edit(by):
        raise PermissionDenied
    if comment.version.trip_id != trip.pk:
        raise PermissionDenied
    now = timezone.now()
    if ItemComment.objects.filter(pk=comment.pk, done_at__isnull=True).update(
        done_at=now, done_by=by
    ):
        comment.done_at, comment.done_by = now, by
    else:
        comment.refresh_from_db(fields=["done_at", "done_by"])


@transaction.atomic
def advance(trip: Trip, to: str, by=None) -> None:
    """Start or complete the trip (by a secretary on the team, or by Tripdesk itself)."""
    if by is not None and not trip.can_edit(by):
        raise PermissionDenied
    if to not in MANUAL_STEPS:
        raise ValidationError(_("Choose a step of the workflow."))
    if to == S.IN_PROGRESS and trip.start_date > trip.local(timezone.now()).date():
        raise ValidationError(_("A trip starts on its first day."))
    change_status(trip, to)
    action = {S.IN_PROGRESS: TripEvent.Action.STARTED, S.COMPLETED: TripEvent.Action.COMPLETED}
    TripEvent.objects.create(trip=trip, actor=by, action=action[to])


@transaction.atomic
def cancel(trip: Trip, by, reason: str) -> None:
    """Call the trip off, with the reason in its history; it becomes read-only.

    A version waiting for the leader is withdrawn, and subscribed calendars cancel every
    event of the trip. Telling the host units is notices.cancelling.cancel_trip's part.
    """
    if not trip.can_edit(by):
        raise PermissionDenied
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the trip is cancelled.")})
    change_status(trip, S.CANCELLED)
    trip.versions.filter(decision=TripVersion.Decision.PENDING).update(
        decision=TripVersion.Decision.WITHDRAWN
    )
    # SEQUENCE rises: calendars replace each event with its cancelled copy (trips.calendar).
    trip.items.update(sequence=F("sequence") + 1, updated_at=timezone.now())
    TripEvent.objects.create(trip=trip, actor=by, action=TripEvent.Action.CANCELLED, comment=reason)


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
