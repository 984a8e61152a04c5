"""What a host unit was promised on earlier visits: at its stop in the briefing book and on
its briefing page, open ones first, kept ones with the answer; never from a trip the
reader may not see, nor from this trip or a later one."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse

from briefings import book
from followups.models import FollowUp
from tests.factories import HostUnitFactory, ItineraryItemFactory, TripFactory
from tests.followups.item_setup import department, item

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 12, 1)


@pytest.fixture
def unit(office_trip):
    """A unit this trip visits."""
    unit = HostUnitFactory(name="Riverside township")
    ItineraryItemFactory(trip=office_trip, host_unit=unit, title="Visit the township")
    return unit


@pytest.fixture
def dept(db):
    return department()[0]


def earlier_trip(secretary, days_before: int = 90, **kwargs):
    start = dt.date(2026, 12, 7) - dt.timedelta(days=days_before)
    return TripFactory(
        start_date=start,
        end_date=start + dt.timedelta(days=1),
        team={secretary: "secretary"},
        **kwargs,
    )


def promise(trip, by, dept, unit, title: str, **kwargs) -> FollowUp:
    return item(trip, by, dept, host_unit=unit, title=title, **kwargs)


def stop_html(client, user, trip) -> str:
    """The first stop of the trip's book."""
    client.force_login(user)
    html = client.get(reverse("briefings:book", args=[trip.pk])).content.decode()
    return re.search(r'<section class="card stop".*?</section>', html, re.S).group(0)


def test_a_promise_of_an_earlier_trip_shows_at_the_stop(
    client, office_trip, unit, dept, secretary, leader
):
    before = earlier_trip(secretary, title="Spring visit")
    promised = promise(before, secretary, dept, unit, "Fix the village pump")
    stop = stop_html(client, leader, office_trip)
    assert "Promises from earlier visits" in stop
    assert f'<a href="{promised.get_absolute_url()}">Fix the village pump</a>' in stop
    assert "Spring visit" in stop


def test_a_kept_promise_shows_as_kept_with_its_answer_after_the_open_ones(
    client, office_trip, unit, dept, secretary, leader
):
    before = earlier_trip(secretary)
    promise(
        before,
        secretary,
        dept,
        unit,
        "Fix the village pump",
        status=FollowUp.Status.DONE,
        answer="The pump was repaired on 3 May.",
        due_date=dt.date(2026, 6, 1),
    )
    promise(before, secretary, dept, unit, "Pave the school road", due_date=dt.date(2027, 1, 1))
    stop = stop_html(client, leader, office_trip)
    kept = re.search(r'<li class="promise kept">.*?</li>', stop, re.S).group(0)
    assert "Fix the village pump" in kept
    assert '<span class="badge ok">Kept</span>' in kept
    assert "The pump was repaired on 3 May." in kept
    assert stop.index("Pave the school road") < stop.index("Fix the village pump")


def test_an_overdue_and_an_impossible_promise_say_so(
    client, office_trip, unit, dept, secretary, leader
):
    before = earlier_trip(secretary)
    promise(before, secretary, dept, unit, "Late one", due_date=dt.date(2020, 1, 1))
    promise(
        before,
        secretary,
        dept,
        unit,
        "Impossible one",
        status=FollowUp.Status.CANNOT,
        reason="No budget this year.",
    )
    stop = stop_html(client, leader, office_trip)
    late = re.search(r'<li class="promise overdue">.*?</li>', stop, re.S).group(0)
    assert "Late one" in late and "Overdue" in late
    cannot = re.search(r'<li class="promise cannot">.*?</li>', stop, re.S).group(0)
    assert "Cannot be done" in cannot and "No budget this year." in cannot


def test_promises_of_a_confidential_trip_hidden_from_the_reader_do_not_show(
    client, office_trip, unit, dept, secretary, outsider
):
    hidden = earlier_trip(secretary, visibility="confidential", title="Secret talks")
    promise(hidden, secretary, dept, unit, "Merge the two utilities")
    stop = stop_html(client, outsider, office_trip)
    assert "Merge the two utilities" not in stop
    assert "Secret talks" not in stop


def test_the_trips_own_items_and_later_trips_items_do_not_show(
    client, office_trip, unit, dept, secretary, leader
):
    promise(office_trip, secretary, dept, unit, "Promised on this trip")
    promise(earlier_trip(secretary, days_before=-30), secretary, dept, unit, "Promised later")
    stop = stop_html(client, leader, office_trip)
    assert "Promised on this trip" not in stop
    assert "Promised later" not in stop
    assert "Promises from earlier visits" not in stop


def test_earlier_promises_are_by_unit_and_only_of_units_asked_for(
    office_trip, unit, dept, secretary
):
    before = earlier_trip(secretary)
    mine = promise(before, secretary, dept, unit, "Mine")
    promise(before, secretary, dept, HostUnitFactory(), "Another unit's")
    promise(before, secretary, dept, None, "No unit")
    found = book.earlier_promises_by_unit([unit.pk], secretary, before=office_trip, today=TODAY)
    assert found == {unit.pk: [mine]}
    assert found[unit.pk][0].overdue is False


def test_the_unit_page_lists_its_promises_with_their_status(client, unit, dept, secretary):
    before = earlier_trip(secretary)
    promise(
        before,
        secretary,
        dept,
        unit,
        "Fix the village pump",
        status=FollowUp.Status.DONE,
        answer="Repaired.",
    )
    client.force_login(secretary)
    html = client.get(reverse("briefings:unit", args=[unit.pk])).content.decode()
    assert "Fix the village pump" in html
    assert "Kept" in html and "Repaired." in html


def test_book_queries_do_not_grow_with_promises(
    client, leader, secretary, dept, django_assert_num_queries
):
    def trip_with_promises(count: int):
        trip = TripFactory(team={secretary: "secretary", leader: "leader"})
        unit = HostUnitFactory()
        ItineraryItemFactory(trip=trip, host_unit=unit)
        before = earlier_trip(secretary)
        for i in range(count):
            promise(before, secretary, dept, unit, f"Promise {i}")
        return trip

    small, large = trip_with_promises(2), trip_with_promises(20)
    client.force_login(leader)
    # Session, user, roles; the trip, its party; the items, units; sections, figures,
    # attachments, people; the earlier promises (their trips joined).
    with django_assert_num_queries(11):
        response = client.get(reverse("briefings:book", args=[small.pk]))
    assert response.content.decode().count('class="promise open"') == 2
    with django_assert_num_queries(11):
        response = client.get(reverse("briefings:book", args=[large.pk]))
    assert response.content.decode().count('class="promise open"') == 20
