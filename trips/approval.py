"""Submitting the plan to the leader, the leader's decision, and the trip's status workflow.

A submission freezes the brief, team, itinerary and findings into a TripVersion. The
leader decides on exactly that version; a later edit never changes what was approved.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from accounts import roles
from outbox.mail import make_message
from trips import schedule
from trips.models import (
    BRIEF_FIELDS,
    ITEM_FIELDS,
    ItemComment,
    Trip,
    TripEvent,
    TripMember,
    TripVersion,
)

S = Trip.Status
# Which status may follow which. Anything else is refused with a message.
TRANSITIONS: dict[str, set[str]] = {
    S.DRAFT: {S.SUBMITTED},
    S.SUBMITTED: {S.SUBMITTED, S.APPROVED, S.CHANGES_REQUESTED},
    S.CHANGES_REQUESTED: {S.SUBMITTED},
    S.APPROVED: {S.SUBMITTED, S.IN_PROGRESS},
    S.IN_PROGRESS: {S.SUBMITTED, S.COMPLETED},
    S.COMPLETED: {S.CLOSED},
    S.CLOSED: set(),
}


def move(trip: Trip, to: str) -> None:
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


def load_items(trip: Trip) -> list:
    """The itinerary with everything a snapshot or a page shows, in a fixed number of queries."""
    return list(trip.items.select_related("host_unit").prefetch_related("contacts", "attendees"))


def plan(trip: Trip, items: list | None = None) -> dict[str, Any]:
    """The plan as plain JSON: brief, team and itinerary (what a diff compares)."""
    items = load_items(trip) if items is None else items
    return {
        "brief": {name: _plain(getattr(trip, name)) for name in BRIEF_FIELDS},
        "team": [
            {"user": m.user_id, "name": m.user.get_full_name() or m.user.username, "role": m.role}
            for m in trip.members.all()
        ],
        "items": [_item(item) for item in items],
    }


def snapshot(trip: Trip, items: list | None = None) -> dict[str, Any]:
    """What a version freezes: the plan, and its findings in every language."""
    items = load_items(trip) if items is None else items
    findings = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            findings[code] = [
                {"rule": f.rule, "items": list(f.items), "message": f.message}
                for f in schedule.find_conflicts(trip, items=items)
            ]
    return {**plan(trip, items), "findings": findings}


def _plain(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value


RELATED_ITEM_FIELDS = ("host_unit", "contacts", "attendees")


def _item(item) -> dict[str, Any]:
    data = {n: _plain(getattr(item, n)) for n in ITEM_FIELDS if n not in RELATED_ITEM_FIELDS}
    data["id"] = item.pk
    data["host_unit"] = item.host_unit.name if item.host_unit_id else ""
    data["contacts"] = sorted(c.name for c in item.contacts.all())
    data["attendees"] = sorted(u.get_full_name() or u.username for u in item.attendees.all())
    return data


@dataclass
class ItemChange:
    """How one item differs between two versions."""

    old: dict[str, Any] | None
    new: dict[str, Any] | None
    fields: list[str] = field(default_factory=list)

    @property
    def kind(self) -> str:
        if self.old is None:
            return "added"
        if self.new is None:
            return "removed"
        if {"start", "end"} & set(self.fields):
            return "moved"
        return "changed"

    @property
    def item(self) -> dict[str, Any]:
        return self.new or self.old


@dataclass
class Diff:
    """What changed from one version of the plan to another."""

    brief: list[str]
    team_added: list[dict]
    team_removed: list[dict]
    items: list[ItemChange]

    def __bool__(self) -> bool:
        return bool(self.brief or self.team_added or self.team_removed or self.items)


def diff(old: dict[str, Any], new: dict[str, Any]) -> Diff:
    """Items added, removed, moved in time or changed; brief fields and team changes."""
    old_items = {i["id"]: i for i in old["items"]}
    new_items = {i["id"]: i for i in new["items"]}
    changes = [
        ItemChange(
            old_items.get(pk), new_items.get(pk), _changed(old_items.get(pk), new_items.get(pk))
        )
        for pk in old_items.keys() | new_items.keys()
    ]
    old_team = {(m["user"], m["role"]): m for m in old["team"]}
    new_team = {(m["user"], m["role"]): m for m in new["team"]}
    return Diff(
        brief=[name for name in BRIEF_FIELDS if old["brief"].get(name) != new["brief"].get(name)],
        team_added=[new_team[k] for k in new_team.keys() - old_team.keys()],
        team_removed=[old_team[k] for k in old_team.keys() - new_team.keys()],
        items=sorted(
            (c for c in changes if c.old is None or c.new is None or c.fields),
            key=lambda c: (c.item["start"], c.item["id"]),
        ),
    )


def _changed(old: dict | None, new: dict | None) -> list[str]:
    if old is None or new is None:
        return []
    return [name for name in ITEM_FIELDS if old.get(name) != new.get(name)]


def latest_version(trip: Trip) -> TripVersion | None:
    return trip.versions.order_by("-number").first()


def approved_version(trip: Trip) -> TripVersion | None:
    """The version the leader approved last, if any."""
    return trip.versions.filter(decision=TripVersion.Decision.APPROVED).order_by("-number").first()


def changes_since_approval(trip: Trip, items: list | None = None) -> Diff | None:
    """The diff from the approved version to the plan now, when the trip was approved."""
    if trip.status not in (S.APPROVED, S.IN_PROGRESS):
        return None
    approved = approved_version(trip)
    if approved is None:
        return None
    # The plan alone: a diff never reads the findings, which cost a query and a check each.
    return diff(approved.snapshot, plan(trip, items))


def _leaders(trip: Trip) -> list:
    """The team's leaders who hold the office's leader role: the people who may decide."""
    return [
        m.user
        for m in trip.members.all()
        if m.role == TripMember.Role.LEADER and roles.is_leader(m.user)
    ]


def _secretaries(trip: Trip) -> list:
    return [m.user for m in trip.members.all() if m.role == TripMember.Role.SECRETARY]


def is_leader_of(trip: Trip, user) -> bool:
    """Only a leader on the trip's team, who holds the office's leader role, decides."""
    if not roles.is_leader(user):
        return False
    return any(
        m.user_id == user.pk and m.role == TripMember.Role.LEADER for m in trip.members.all()
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
    move(trip, S.SUBMITTED)
    trip.versions.filter(decision=TripVersion.Decision.PENDING).update(
        decision=TripVersion.Decision.SUPERSEDED
    )
    number = (trip.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    version = TripVersion.objects.create(
        trip=trip, number=number, snapshot=snapshot(trip), note=note, submitted_by=by
    )
    TripEvent.objects.create(
        trip=trip, version=version, actor=by, action=TripEvent.Action.SUBMITTED, comment=note
    )
    _tell(deciders, "version_submitted", version, by)
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
    move(trip, decision)
    ItemComment.objects.bulk_create(
        ItemComment(version=version, item_id=item_id, text=text.strip(), author=by)
        for item_id, text in (item_comments or {}).items()
        if text.strip()
    )
    version.refresh_from_db()
    TripEvent.objects.create(trip=trip, version=version, actor=by, action=decision, comment=comment)
    _tell(_secretaries(trip), "version_decided", version, by)


@transaction.atomic
def advance(trip: Trip, to: str, by=None) -> None:
    """Start, complete or close the trip (by a secretary on the team, or by Tripdesk itself)."""
    if by is not None and not trip.can_edit(by):
        raise PermissionDenied
    if to == S.IN_PROGRESS and trip.start_date > timezone.localdate():
        raise ValidationError(_("A trip starts on its first day."))
    move(trip, to)
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


def _tell(users, template: str, version: TripVersion, by) -> None:
    """E-mail each user about the version, through the outbox, in this request's language."""
    url = settings.SITE_URL.rstrip("/") + version.get_absolute_url()
    for user in users:
        if user.email:
            make_message(
                template,
                user.email,
                {"version": version, "trip": version.trip, "by": by, "url": url, "user": user},
                language=get_language() or settings.LANGUAGE_CODE,
                cause=f"{version.trip} v{version.number}",
                cause_key=f"trips.version:{version.pk}",
                recipient_user=user,
                created_by=by,
                trip_id=version.trip_id,
            )
