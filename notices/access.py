"""Who may see or change what of the notices: every view and task asks here (a user first).

The trip comes through trips.access (404 for outsiders); a host unit only through the
trip, so that a unit the trip has nothing to do with is a 404 too, before any domain call."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from directory.models import HostUnit
from trips import snapshot
from trips.access import trip_for
from trips.approval import approved_version
from trips.models import Trip


def trip_units(trip: Trip) -> QuerySet[HostUnit]:
    """The host units a trip has to do with: on its itinerary, on its approved plan (which
    notices go out from), or told of it by a notice."""
    version = approved_version(trip)
    planned: set[int] = set()
    if version is not None:
        frozen = snapshot.with_unit_ids(snapshot.Snapshot.of(version))
        planned = {item.host_unit_id for item in frozen.items if item.host_unit_id}
    return HostUnit.objects.filter(
        Q(items__trip=trip) | Q(notices__trip=trip) | Q(pk__in=planned)
    ).distinct()


def trip_and_unit(user, pk: int, unit_pk: int) -> tuple[Trip, HostUnit]:
    """The trip, for its secretaries, and one of its host units (trip_units); 404 else."""
    trip = trip_for(user, pk, edit=True)
    return trip, get_object_or_404(trip_units(trip), pk=unit_pk)
