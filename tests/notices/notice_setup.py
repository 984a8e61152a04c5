"""An approved inspection trip with two host units, for the notice tests (no fixtures here)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.urls import reverse

from directory.models import HostUnit
from notices import drafts, sending
from notices.models import Notice
from tests.factories import ContactFactory, HostUnitFactory, ItineraryItemFactory, at
from trips import approval
from trips.models import ItineraryItem, Trip, TripVersion

Kind = ItineraryItem.Kind
# The factory's trip runs 7-9 December 2026; the notice tests live a week before it (the
# clock ticks from there), so that they do not depend on the day they run.
A_WEEK_BEFORE = at(dt.date(2026, 11, 30), 10)


@dataclass
class Visit:
    """The trip, its two units (the township speaks English, the plant Chinese) and items."""

    trip: Trip
    township: HostUnit
    plant: HostUnit
    pumping: ItineraryItem  # the township's site visit
    drive: ItineraryItem  # travel between the two, 40 minutes
    forum: ItineraryItem  # the plant's forum
    lunch: ItineraryItem  # the plant hosts lunch
    private: ItineraryItem  # the leader's own talk: no host unit


def fresh(trip: Trip) -> Trip:
    """The trip as a view loads it: team prefetched."""
    return Trip.objects.with_team().get(pk=trip.pk)


def approve(trip: Trip, secretary, leader) -> TripVersion:
    """Submit the plan as it is now and have the leader approve it."""
    version = approval.submit(fresh(trip), secretary)
    approval.decide(TripVersion.objects.get(pk=version.pk), leader, TripVersion.Decision.APPROVED)
    return version


def send(trip: Trip, secretary, **kwargs) -> list[Notice]:
    return sending.send(fresh(trip), secretary, **kwargs)


def drafts_by_unit(trip: Trip) -> dict[str, drafts.NoticeDraft]:
    return {draft.host_unit.name: draft for draft in drafts.prepare(fresh(trip))}


def build_visit(trip: Trip, leader, staff) -> Visit:
    """Two units on the first day, a drive between them, and the leader's private talk."""
    day = trip.start_date
    township = HostUnitFactory(name="Riverside township", language="en")
    plant = HostUnitFactory(name="Hilltop water plant", language="zh-hans")
    ContactFactory(name="Zhang Wei", host_unit=township, email="zhang@township.example")
    ContactFactory(name="Li Na", host_unit=plant, email="li@plant.example")
    pumping = ItineraryItemFactory(
        trip=trip,
        host_unit=township,
        title="Visit the pumping station",
        place="Pumping station No. 2",
        address="1 River Road",
        start=at(day, 9),
        minutes=90,
        host_preparation="Safety helmets for six",
    )
    pumping.attendees.set([leader, staff])
    drive = ItineraryItemFactory(
        trip=trip,
        kind=Kind.TRAVEL,
        travel_mode=ItineraryItem.TravelMode.CAR,
        title="Drive to the plant",
        start=at(day, 10, 30),
        minutes=40,
    )
    forum = ItineraryItemFactory(
        trip=trip,
        host_unit=plant,
        kind=Kind.FORUM,
        title="Forum with the plant workers",
        place="Meeting room 3",
        start=at(day, 11, 15),
        minutes=60,
        host_preparation="A ten-minute report on water quality",
    )
    forum.attendees.set([leader])
    lunch = ItineraryItemFactory(
        trip=trip,
        host_unit=plant,
        kind=Kind.MEAL,
        title="Lunch at the canteen",
        place="Staff canteen",
        start=at(day, 12, 15),
        minutes=60,
    )
    private = ItineraryItemFactory(
        trip=trip,
        kind=Kind.TALK,
        title="Private talk on the merger",
        place="Hotel room",
        start=at(day, 14),
        minutes=60,
    )
    return Visit(trip, township, plant, pumping, drive, forum, lunch, private)


def approved_visit_next_week(secretary, leader, staff) -> Trip:
    """An approved trip a week from today with the two units: for the browser journeys."""
    from django.utils import timezone

    from tests.factories import TripFactory

    first = timezone.localdate() + dt.timedelta(days=7)
    trip = TripFactory(
        title="Riverside water works",
        start_date=first,
        end_date=first + dt.timedelta(days=2),
        created_by=secretary,
        team={secretary: "secretary", leader: "leader", staff: "staff"},
    )
    build_visit(trip, leader, staff)
    approve(trip, secretary, leader)
    return trip


def trip_panel(client, trip) -> str:
    """The trip page's notice panel, as htmx loads it."""
    url = reverse("notices:trip_panel", args=[trip.pk])
    return client.get(url, HTTP_HX_REQUEST="true").content.decode()


def leaving_buttons(client, trip) -> str:
    """The trip page's "leaving now" buttons, as htmx loads them."""
    url = reverse("notices:leaving_buttons", args=[trip.pk])
    return client.get(url, HTTP_HX_REQUEST="true").content.decode()
