# ruff: noqa: RUF001  (times are written with an en dash, as the page does)
"""The party's day: today's items (the first day before the trip, the last after it) on the
trip's clock, with places and whom to call, for the party only; kept on the phone for an
office trip, never for an internal one."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from accounts.offline import OFFLINE_HEADER
from tests.factories import ContactFactory, HostUnitFactory, ItineraryItemFactory, TripFactory, at
from tests.notices.notice_setup import approve, build_visit, send
from trips import today
from trips.models import ItineraryItem

pytestmark = pytest.mark.django_db

FIRST, SECOND, LAST = dt.date(2026, 12, 7), dt.date(2026, 12, 8), dt.date(2026, 12, 9)


def today_url(trip) -> str:
    return reverse("notices:today", args=[trip.pk])


def titles(day: today.PartyDay) -> list[str]:
    return [stop.item.title for stop in day.stops]


# Which day, which items


@pytest.mark.parametrize(
    ("moment", "shown"),
    [
        (at(SECOND, 10), SECOND),
        (at(dt.date(2026, 11, 20), 10), FIRST),  # before the trip: its first day
        (at(dt.date(2027, 1, 5), 10), LAST),  # after it: its last day
    ],
)
def test_the_day_shown_is_today_or_else_the_nearest_day_of_the_trip(office_trip, moment, shown):
    assert office_trip.day_to_show(moment) == shown


def test_the_day_is_the_trips_own_day_on_its_clock(secretary):
    trip = TripFactory(time_zone="America/New_York", team={secretary: "secretary"})
    # 08:00 on the 8th in Shanghai is still the 7th in New York.
    assert trip.day_to_show(at(SECOND, 8)) == FIRST


def test_a_days_items_are_those_on_it_and_those_running_into_it(office_trip):
    ItineraryItemFactory(trip=office_trip, title="Yesterday", start=at(FIRST, 9))
    ItineraryItemFactory(trip=office_trip, title="Night train", start=at(FIRST, 22), minutes=600)
    ItineraryItemFactory(trip=office_trip, title="Forum", start=at(SECOND, 9))
    ItineraryItemFactory(trip=office_trip, title="Late talk", start=at(SECOND, 23, 30))
    ItineraryItemFactory(trip=office_trip, title="Tomorrow", start=at(LAST, 0))
    day = today.party_day(office_trip, at(SECOND, 12), on_site=lambda trip, units: {})
    assert (day.date, day.is_today) == (SECOND, True)
    assert titles(day) == ["Night train", "Forum", "Late talk"]


def test_the_items_of_a_day_come_in_time_order(office_trip):
    late = ItineraryItemFactory(trip=office_trip, start=at(FIRST, 15))
    early = ItineraryItemFactory(trip=office_trip, start=at(FIRST, 8))
    items = ItineraryItem.objects.filter(trip=office_trip).on_day(FIRST, office_trip.tzinfo)
    assert list(items) == [early, late]


def test_before_the_trip_the_first_day_is_shown_and_said_so(client, office_trip, staff):
    ItineraryItemFactory(trip=office_trip, title="Opening forum", start=at(FIRST, 9))
    client.force_login(staff)
    with time_machine.travel(at(dt.date(2026, 12, 1), 9), tick=False):
        content = client.get(today_url(office_trip)).content.decode()
    assert "Opening forum" in content
    assert "The trip has not started: its first day" in content


def test_whom_to_call_the_on_site_contact_first_then_the_items_contacts(
    client, office_trip, secretary, leader, staff
):
    with time_machine.travel(at(dt.date(2026, 11, 30), 10)):
        visit = build_visit(office_trip, leader, staff)
        visit.pumping.contacts.set([ContactFactory(name="Zhang Wei", phone="0731-8822 1001")])
        approve(office_trip, secretary, leader)
        notice = next(n for n in send(office_trip, secretary) if n.host_unit == visit.township)
        notice.acknowledge("Mayor Liu", "Liu Yang", "139 0000 1111")
    client.force_login(staff)
    with time_machine.travel(at(FIRST, 8), tick=False):
        response = client.get(today_url(office_trip))
    stop = next(s for s in response.context["day"].stops if s.item == visit.pumping)
    assert [(c.name, c.phone, c.on_site) for c in stop.calls] == [
        ("Liu Yang", "139 0000 1111", True),
        ("Zhang Wei", "0731-8822 1001", False),
    ]
    content = response.content.decode()
    assert 'href="tel:13900001111"' in content
    assert 'href="tel:073188221001"' in content
    assert "Pumping station No. 2" in content


def test_times_are_on_the_trips_clock_with_the_office_time_beside(client, secretary):
    trip = TripFactory(time_zone="Europe/Berlin", team={secretary: "secretary"})
    ItineraryItemFactory(trip=trip, title="Talks", start=at(FIRST, 9, tz=trip.tzinfo))
    client.force_login(secretary)
    with time_machine.travel(at(FIRST, 9, tz=trip.tzinfo), tick=False):
        content = client.get(today_url(trip)).content.decode()
    assert "09:00–10:00" in content
    assert "Office time 16:00–17:00" in content
    assert "Monday 7 December 2026" in content


def test_the_page_links_to_the_note_page(client, office_trip, staff):
    client.force_login(staff)
    content = client.get(today_url(office_trip)).content.decode()
    assert reverse("followups:note_capture", args=[office_trip.pk]) in content


# Who reads it


def test_a_member_of_the_party_reads_the_day(client, confidential_trip, staff):
    client.force_login(staff)
    assert client.get(today_url(confidential_trip)).status_code == 200


def test_an_outsider_gets_404_for_an_internal_trips_day(client, confidential_trip, outsider):
    client.force_login(outsider)
    assert client.get(today_url(confidential_trip)).status_code == 404


def test_an_office_user_outside_the_party_may_not_read_it(client, office_trip, outsider):
    client.force_login(outsider)
    assert client.get(today_url(office_trip)).status_code == 403


def test_someone_not_logged_in_is_sent_to_log_in(client, office_trip):
    assert client.get(today_url(office_trip))["Location"].startswith("/accounts/login/")


def test_the_days_queries_do_not_grow_with_its_items(
    client, staff, leader, secretary, django_assert_num_queries
):
    def trip_with(count: int):
        trip = TripFactory(team={secretary: "secretary", leader: "leader", staff: "staff"})
        for i in range(count):
            unit = HostUnitFactory()
            item = ItineraryItemFactory(
                trip=trip, host_unit=unit, start=at(FIRST, 7, i * 15), minutes=10
            )
            item.contacts.set(ContactFactory.create_batch(2, host_unit=unit))
        return trip

    small, large = trip_with(2), trip_with(40)
    client.force_login(staff)
    with time_machine.travel(at(FIRST, 8), tick=False):
        # The session, the user, the roles; the trip and its team; the items, their
        # contacts; the units' on-site contacts.
        with django_assert_num_queries(8):
            client.get(today_url(small))
        with django_assert_num_queries(8):
            client.get(today_url(large))


# Kept on the phone


def test_an_office_trips_day_may_be_kept_on_the_phone_for_this_login(client, office_trip, staff):
    client.force_login(staff)
    response = client.get(today_url(office_trip))
    key = response[OFFLINE_HEADER]
    assert len(key) == 32
    assert f'data-offline-key="{key}"' in response.content.decode()
    assert "This page is kept on this phone until you log out" in response.content.decode()


def test_each_login_keeps_its_pages_under_a_key_of_its_own(client, office_trip, staff):
    client.force_login(staff)
    first = client.get(today_url(office_trip))[OFFLINE_HEADER]
    client.logout()
    client.force_login(staff)
    assert client.get(today_url(office_trip))[OFFLINE_HEADER] != first


def test_an_internal_trips_day_is_never_kept_on_the_phone(client, confidential_trip, staff):
    client.force_login(staff)
    response = client.get(today_url(confidential_trip))
    assert OFFLINE_HEADER not in response
    content = response.content.decode()
    assert "data-offline-page" not in content
    assert "Internal trip: this page is not kept on this phone." in content


def test_a_page_that_is_refused_is_not_kept(client, office_trip, outsider):
    client.force_login(outsider)
    assert OFFLINE_HEADER not in client.get(today_url(office_trip))
