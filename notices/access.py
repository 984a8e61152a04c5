"""Who may see or change what of the notices: every view and task asks here (a user first).

The trip comes through trips.access (404 for outsiders); a host unit only through the
trip, so that a unit the trip has nothing to do with is a 404 too, before any domain call."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from directory.models import HostUnit
from notices.models import OfficialLetter
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


def letter_for(user, pk: int, letter_pk: int, *, edit: bool = False) -> tuple[Trip, OfficialLetter]:
    """One 公函 of the trip: for its team to read (trips.access: 404 for outsiders of a
    confidential trip, 403 for others not on the team), for its secretaries to change."""
    trip = trip_for(user, pk, edit=True) if edit else team_trip_for(user, pk)
    letter = get_object_or_404(OfficialLetter.objects.select_related("host_unit"), pk=letter_pk)
    if letter.trip_id != trip.pk:
        raise Http404
    letter.trip = trip
    return trip, letter


def team_trip_for(user, pk: int) -> Trip:
    """The trip, for its team (its 公函 and phone notices); 404 or 403 as trips.access says."""
    trip = trip_for(user, pk)
    if trip.role_of(user) is None:
        raise PermissionDenied
    return trip
