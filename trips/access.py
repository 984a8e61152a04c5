"""Who may see and change a trip: every view, task and command asks here, with a user."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404

from trips.models import Trip, TripMember, TripQuerySet


def visible_trips(user) -> TripQuerySet:
    """Every trip this user may read: the one queryset lists, search and counts start from."""
    return Trip.objects.visible_to(user)


def trip_for(user, pk: int, *, edit: bool = False) -> Trip:
    """The trip, with its team prefetched; Http404 when hidden from the user,
    PermissionDenied when the user may only read it.

    A confidential trip is a 404 to outsiders so that its existence does not leak.
    """
    try:
        trip = visible_trips(user).with_team().get(pk=pk)
    except Trip.DoesNotExist:
        raise Http404 from None
    if edit and not trip.can_edit(user):
        raise PermissionDenied
    return trip


def party_trip_for(user, pk: int) -> Trip:
    """The trip as its party reads it (the day page): Http404 when hidden from the user,
    PermissionDenied for a reader who is not in the party."""
    trip = trip_for(user, pk)
    if trip.role_of(user) is None:
        raise PermissionDenied
    return trip


def cost_trip_for(user, pk: int) -> Trip:
    """The trip whose costs the user reads: its secretaries and leaders (Http404 when the
    trip is hidden, PermissionDenied for any other reader)."""
    trip = trip_for(user, pk)
    if not may_read_costs(trip, user):
        raise PermissionDenied
    return trip


def may_read_costs(trip: Trip, user) -> bool:
    """The trip's costs are for its secretaries and leaders."""
    return trip.role_of(user) in (TripMember.Role.SECRETARY, TripMember.Role.LEADER)
