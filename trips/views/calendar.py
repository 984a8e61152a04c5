"""Calendars: a trip's .ics download and each user's private subscription feed."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST
from icalendar import Calendar

from accounts.roles import office_required
from trips import calendar
from trips.access import trip_for

CONTENT_TYPE = "text/calendar; charset=utf-8"


def _ics(ical: Calendar) -> HttpResponse:
    return HttpResponse(ical.to_ical(), content_type=CONTENT_TYPE)


@office_required
@require_GET
def trip_ics(request: HttpRequest, pk: int) -> HttpResponse:
    """The trip's itinerary as an .ics file to import into any calendar."""
    trip = trip_for(request.user, pk)
    response = _ics(calendar.trip_calendar(trip))
    response["Content-Disposition"] = calendar.content_disposition(trip)
    return response


@never_cache
@require_GET
def feed(request: HttpRequest, token: str) -> HttpResponse:
    """The private subscription feed: no login, the signed token says whose it is."""
    subscription = calendar.feed_for_token(token)
    if subscription is None:
        raise Http404
    return _ics(calendar.feed_calendar(subscription))


@office_required
@require_POST
def feed_regenerate(request: HttpRequest) -> HttpResponse:
    """Make a new subscription address; the old one stops working at once."""
    calendar.renew_feed(request.user)
    if request.htmx:
        context = {**calendar.card(request, request.user), "renewed": True}
        return render(request, "trips/_calendar_card.html", context)
    messages.success(request, _("New calendar address made. The old one no longer works."))
    return redirect("desk:profile")


@office_required
@require_POST
def feed_details(request: HttpRequest) -> HttpResponse:
    """Internal trips in full in the user's feed, or as busy blocks (the default)."""
    shown = request.POST.get("internal_details") == "on"
    calendar.set_internal_details(request.user, shown)
    if shown:
        messages.warning(
            request,
            _(
                "Your calendar now shows internal trips in full: their titles, places and "
                "people leave the office for your calendar service."
            ),
        )
    else:
        messages.success(request, _("Your calendar shows internal trips as busy times only."))
    return redirect("desk:profile")
