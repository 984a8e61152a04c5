"""The party's day: what the members read on the road, on a phone, also without signal."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from accounts.offline import keep_offline
from accounts.roles import office_required
from trips import today
from trips.access import party_trip_for


@office_required
@require_GET
def trip_today(request: HttpRequest, pk: int) -> HttpResponse:
    """Today's items (the first day before the trip, the last after it) with their times,
    places and hosts' phones, for the party; kept on the phone for reading without signal,
    unless the trip is internal."""
    trip = party_trip_for(request.user, pk)
    context = {"trip": trip, "day": today.party_day(trip, timezone.now())}
    response = render(request, "trips/today.html", context)
    return keep_offline(request, response, when=trip.may_be_kept_offline)
