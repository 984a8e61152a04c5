"""Pages fetch what they show in a fixed number of queries, however much there is."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from tests.factories import (
    ContactFactory,
    HostUnitFactory,
    ItineraryItemFactory,
    TripFactory,
    UserFactory,
    at,
)

# Every page: the session, the user, the user's office roles.
PER_REQUEST = 3


@pytest.fixture
def trip_with_items(db, secretary, leader, staff):
    """A trip over three days whose items each have a host unit, two contacts, two attendees."""

    def make(count: int):
        trip = TripFactory(team={secretary: "secretary", leader: "leader", staff: "staff"})
        for i in range(count):
            unit = HostUnitFactory()
            day = trip.start_date + dt.timedelta(days=i % 3)
            item = ItineraryItemFactory(
                trip=trip, host_unit=unit, start=at(day, 7, (i // 3) * 15), minutes=10
            )
            item.contacts.set(ContactFactory.create_batch(2, host_unit=unit))
            item.attendees.set([leader, staff])
        return trip

    return make


@pytest.fixture
def trips_with_teams(db, secretary):
    """Trips the secretary drafts, each with a leader and staff of its own."""

    def make(count: int):
        for _ in range(count):
            team = {
                secretary: "secretary",
                UserFactory(roles=["leader"]): "leader",
                UserFactory(roles=["staff"]): "staff",
            }
            TripFactory(team=team)

    return make


def test_approved_trip_page_queries_do_not_grow_with_items(
    client, secretary, leader, trip_with_items, django_assert_num_queries
):
    from trips import approval
    from trips.models import Trip, TripVersion

    small, large = trip_with_items(3), trip_with_items(60)
    for trip in (small, large):
        version = approval.submit(Trip.objects.with_team().get(pk=trip.pk), secretary)
        approval.decide(version, leader, TripVersion.Decision.APPROVED)
    client.force_login(secretary)
    # As a draft's page, plus the approved version (changed since approval?) and the
    # leader's comments on items ("leaving now" and the notice panel load by URL).
    with django_assert_num_queries(PER_REQUEST + 10):
        client.get(small.get_absolute_url())
    with django_assert_num_queries(PER_REQUEST + 10):
        client.get(large.get_absolute_url())


def test_trip_page_queries_do_not_grow_with_items(
    client, secretary, trip_with_items, django_assert_num_queries
):
    small, large = trip_with_items(3), trip_with_items(60)
    client.force_login(secretary)
    # The trip, its party (with accounts and profiles); the items with host units, their
    # contacts, attendees (with profiles);
    # the leader's other trips (schedule checks); the versions; the history (the notice
    # panel loads by URL: notices:trip_panel).
    with django_assert_num_queries(PER_REQUEST + 8):
        client.get(small.get_absolute_url())
    with django_assert_num_queries(PER_REQUEST + 8):
        client.get(large.get_absolute_url())


def test_itinerary_partial_queries_do_not_grow_with_items(
    client, secretary, trip_with_items, django_assert_num_queries
):
    small, large = trip_with_items(3), trip_with_items(60)
    client.force_login(secretary)
    # As the page, less the workflow panel (versions, history).
    with django_assert_num_queries(PER_REQUEST + 6):
        client.get(small.get_absolute_url(), HTTP_HX_REQUEST="true")
    with django_assert_num_queries(PER_REQUEST + 6):
        client.get(large.get_absolute_url(), HTTP_HX_REQUEST="true")


def test_trip_list_queries_do_not_grow_with_trips(
    client, secretary, trips_with_teams, django_assert_num_queries
):
    client.force_login(secretary)
    # The count, the page of trips, their teams with people, the leader filter's choices.
    trips_with_teams(3)
    with django_assert_num_queries(PER_REQUEST + 4):
        client.get(reverse("trips:trip_list"))
    trips_with_teams(40)
    with django_assert_num_queries(PER_REQUEST + 4):
        client.get(reverse("trips:trip_list"))


def test_dashboard_queries_do_not_grow_with_trips(
    client, secretary, trips_with_teams, django_assert_num_queries
):
    client.force_login(secretary)
    # Three sections, each: its trips, their teams with people; host units' messages; the
    # follow-up panels (overdue on my trips, my departments' items).
    with time_machine.travel(dt.datetime(2026, 12, 1, tzinfo=dt.UTC), tick=False):
        trips_with_teams(3)
        TripFactory.create_batch(3)
        with django_assert_num_queries(PER_REQUEST + 9):
            client.get(reverse("desk:dashboard"))
        trips_with_teams(30)
        TripFactory.create_batch(30)
        with django_assert_num_queries(PER_REQUEST + 9):
            client.get(reverse("desk:dashboard"))
