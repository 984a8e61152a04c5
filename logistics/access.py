"""Who may see and change logistics: the trip's rules, and the team-only ones for needs."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from trips.access import trip_for
from trips.models import Trip


def on_team(trip: Trip, user) -> bool:
    """Needs, gifts and cars are for the team's eyes only: every member, whatever their role."""
    return trip.role_of(user) is not None


def needs_trip_for(user, pk: int, *, edit: bool = False) -> Trip:
    """The trip, for its team only (404 for anyone else, even on an office trip)."""
    trip = trip_for(user, pk)
    if not on_team(trip, user):
        raise Http404
    if edit and not trip.can_edit(user):
        raise PermissionDenied
    return trip
