"""The trip page's workflow panel as a page model: status, changes, versions, what to do."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from trips import approval
from trips.models import ItineraryItem, Trip, TripVersion
from trips.versions import read_diff


@dataclass
class Panel:
    """What the workflow panel shows one user, and which actions it offers."""

    versions: list[TripVersion]
    events: Any  # the trip's history, people and versions joined
    changes: Any  # the diff since approval, read for the page; None when none applies
    approved: TripVersion | None
    awaiting_you: TripVersion | None
    may_submit: bool
    # Why the plan cannot go to the leader yet, for those who could submit it (else empty).
    not_submittable: str
    may_advance: bool
    may_cancel: bool

    def as_context(self) -> dict[str, Any]:
        """The template's names for the panel (shallow: the objects themselves)."""
        names = (f.name for f in fields(self) if not f.name.startswith("may_"))
        return {name: getattr(self, name) for name in names}


def panel(trip: Trip, user, items: list[ItineraryItem]) -> Panel:
    """The panel for this user: a background job can build it with a user alone."""
    can_edit = trip.can_edit(user)
    versions = list(
        trip.versions.select_related("submitted_by__profile", "decided_by__profile").defer(
            "snapshot"
        )
    )
    changes = approval.changes_since_approval(trip, items)
    # Resubmitting an approved plan makes sense only once it has changed.
    may_submit = trip.Status.SUBMITTED in approval.TRANSITIONS[trip.status] and (
        changes is None or bool(changes)
    )
    not_submittable = approval.why_not_submit(items) if can_edit and may_submit else ""
    latest = versions[0] if versions else None
    return Panel(
        versions=versions,
        events=trip.events.select_related("actor__profile", "version").defer("version__snapshot"),
        changes=read_diff(changes, trip.time_zone) if changes else None,
        approved=next((v for v in versions if v.decision == v.Decision.APPROVED), None),
        awaiting_you=latest
        if latest and latest.is_pending and approval.may_decide(latest, user)
        else None,
        may_submit=can_edit and may_submit and not not_submittable,
        not_submittable=not_submittable,
        may_advance=can_edit,
        may_cancel=can_edit and trip.Status.CANCELLED in approval.TRANSITIONS[trip.status],
    )
