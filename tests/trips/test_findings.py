"""Findings that help: each shown once, under the item where the problem starts, on that
item's day, in words that make sense, and explained on the timeline page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from tests.factories import TripFactory
from tests.trips.test_schedule import DAY, found, item
from trips import itinerary, schedule, snapshot
from trips.models import ItineraryItem

Kind = ItineraryItem.Kind


@pytest.fixture
def day_trip(db):
    return TripFactory(start_date=DAY, end_date=DAY, time_zone="Asia/Shanghai")


def test_a_finding_shows_once_under_the_later_item_linking_the_earlier(day_trip):
    first = item(day_trip, "09:00", "10:05", title="Water plant")
    second = item(day_trip, "10:00", "11:00", title="Township forum")
    [day] = itinerary.days(day_trip, None, schedule.find_conflicts(day_trip))
    notes = {slot.item.pk: [(n.rule, n.others) for n in slot.findings] for slot in day.slots}
    assert notes == {first.pk: [], second.pk: [("overlap", ((first.pk, "Water plant"),))]}


def test_no_window_of_zero_minutes_is_offered_for_travel(day_trip):
    item(day_trip, "12:00", "13:15", title="Water plant", place="Plant No. 1")
    item(day_trip, "13:15", "14:00", title="Township forum", place="Town hall")
    [finding] = found(day_trip, "travel_missing")
    assert "No time left for travel between “Water plant” and “Township forum”" in (finding.message)
    assert "13:15 and 13:15" not in finding.message


@pytest.mark.parametrize(("travel_minutes", "findings"), [(29, 1), (30, 0)])
def test_travel_of_thirty_minutes_breaks_a_run_of_activity(day_trip, travel_minutes, findings):
    travel_ends = f"10:{travel_minutes:02d}"
    item(day_trip, "08:00", "10:00", title="Water plant")
    item(day_trip, "10:00", travel_ends, kind=Kind.TRAVEL, travel_mode="car", place="")
    item(day_trip, "10:30", "12:30", title="Township forum")
    assert len(found(day_trip, "too_long_without_break")) == findings


def test_a_finding_belongs_to_the_day_its_later_item_starts(db):
    trip = TripFactory(start_date=DAY, end_date=DAY + dt.timedelta(days=1))
    item(trip, "20:00", "23:55", title="Evening talks")
    later = item(trip, "00:05", "06:00", on=1, title="Early inspection")
    [finding] = found(trip, "too_long_without_break")
    assert (finding.at, finding.day) == (later.pk, DAY + dt.timedelta(days=1))


def test_a_frozen_finding_of_an_older_version_shows_under_its_later_item():
    frozen = snapshot.Finding.from_json({"rule": "overlap", "items": [4, 9], "message": "…"})
    assert frozen.at == 9


def test_the_timeline_numbers_each_finding_and_explains_it_under_the_day(
    client, office_trip, staff
):
    item(office_trip, "09:00", "10:05", title="Water plant")
    item(office_trip, "10:00", "11:00", title="Township forum")
    client.force_login(staff)
    page = client.get(reverse("trips:trip_timeline", args=[office_trip.pk])).content.decode()
    anchor = f"tl-{office_trip.start_date.isoformat()}-1"
    assert f'class="tl-mark" href="#{anchor}"' in page
    note = page.split(f'<li id="{anchor}" value="1">', 1)[1].split("</li>", 1)[0]
    assert "<strong>Township forum</strong>" in note
    assert "the leader cannot be in two places at once" in note
