# ruff: noqa: RUF001  (Chinese text is written with full-width punctuation)
"""Moving the itinerary in time (trips.moving): with new dates, a day's later items by some
minutes, an item to another day, the next items fitted to one. Each is one change."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation
from icalendar import Calendar

from tests.factories import HostUnitFactory, ItineraryItemFactory, TripFactory, at
from tests.notices.notice_setup import approve, fresh
from trips import approval, calendar, moving
from trips.models import ItineraryItem, Trip, TripEvent

pytestmark = pytest.mark.django_db

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
FIRST = dt.date(2026, 12, 7)  # the factory's trips run from 7 to 9 December 2026


def item(trip: Trip, title: str, day: int, hour: int, minute: int = 0, minutes: int = 60, **kw):
    """An item on the trip's day `day` (0: the first), on the trip's clock."""
    start = at(trip.start_date + dt.timedelta(days=day), hour, minute, tz=trip.tzinfo)
    return ItineraryItemFactory(trip=trip, title=title, start=start, minutes=minutes, **kw)


def local(trip: Trip, title: str) -> tuple[dt.datetime, dt.datetime]:
    """An item's start and end on the trip's clock, read back from the database."""
    row = ItineraryItem.objects.get(trip=trip, title=title)
    return trip.local(row.start), trip.local(row.end)


def hm(moment: dt.datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M")


def moved_to(trip: Trip, first: dt.date, last: dt.date) -> Trip:
    """The trip with new dates saved, as the trip form saves them before moving the items."""
    trip.start_date, trip.end_date = first, last
    trip.save()
    return fresh(trip)


@pytest.fixture
def trip(office_trip):
    return fresh(office_trip)


@pytest.fixture
def berlin_trip(secretary, leader):
    """Three days in Berlin just before summer time starts (28 March 2027, 02:00)."""
    return fresh(
        TripFactory(
            start_date=dt.date(2027, 3, 25),
            end_date=dt.date(2027, 3, 27),
            time_zone="Europe/Berlin",
            created_by=secretary,
            team={secretary: "secretary", leader: "leader"},
        )
    )


# New dates: every item moves by the same number of days


def test_moving_the_itinerary_keeps_each_items_local_time_across_summer_time(
    berlin_trip, secretary
):
    item(berlin_trip, "Plant visit", 0, 9)
    item(berlin_trip, "Dinner", 2, 19, minutes=90)
    trip = moved_to(berlin_trip, dt.date(2027, 4, 1), dt.date(2027, 4, 3))
    moving.move_itinerary(trip, 7, secretary)
    start, end = local(trip, "Plant visit")
    assert (hm(start), hm(end)) == ("2027-04-01 09:00", "2027-04-01 10:00")
    assert hm(local(trip, "Dinner")[0]) == "2027-04-03 19:00"
    # Seven days on the wall clock are an hour less than seven times 24 hours.
    before = at(dt.date(2027, 3, 25), 9, tz=BERLIN)
    assert ItineraryItem.objects.get(title="Plant visit").start - before == dt.timedelta(
        days=7, hours=-1
    )


def test_moving_the_itinerary_is_one_entry_in_the_history(trip, secretary):
    for hour in range(8, 22):
        item(trip, f"Visit at {hour}", 0, hour, minutes=50)
    trip = moved_to(trip, FIRST + dt.timedelta(days=3), FIRST + dt.timedelta(days=5))
    moving.move_itinerary(trip, 3, secretary)
    event = trip.events.get()
    assert (event.action, event.actor) == (TripEvent.Action.MOVED, secretary)
    assert event.what_moved() == "14 items, 3 days later"


def test_the_history_tells_a_move_in_the_readers_language(trip, secretary):
    item(trip, "Forum", 0, 9)
    moving.move_itinerary(moved_to(trip, dt.date(2026, 12, 5), dt.date(2026, 12, 7)), -2, secretary)
    with translation.override("zh-hans"):
        assert trip.events.get().what_moved() == "1项活动，提前2天"


def test_each_moved_item_tells_calendars_once(trip, secretary):
    forum = item(trip, "Forum", 0, 9)
    forum.save()  # edited once before: its sequence is 1
    item(trip, "Lunch", 0, 12)
    moving.move_itinerary(
        moved_to(trip, FIRST + dt.timedelta(days=1), FIRST + dt.timedelta(3)), 1, secretary
    )
    assert dict(trip.items.values_list("title", "sequence")) == {"Forum": 2, "Lunch": 1}


def test_subscribed_calendars_show_the_items_on_their_new_days(trip, secretary):
    forum = item(trip, "Forum", 0, 9)
    moving.move_itinerary(
        moved_to(trip, dt.date(2026, 12, 10), dt.date(2026, 12, 12)), 3, secretary
    )
    event = next(iter(Calendar.from_ical(calendar.trip_calendar(fresh(trip)).to_ical()).events))
    assert str(event.uid).startswith(f"item-{forum.pk}@")
    assert event.start == dt.datetime(2026, 12, 10, 9, 0, tzinfo=SHANGHAI)
    assert event["SEQUENCE"] == 1


def test_after_approval_the_moved_items_read_as_moved(trip, secretary, leader):
    item(trip, "Forum", 0, 9)
    item(trip, "Lunch", 0, 12)
    approve(trip, secretary, leader)
    trip = moved_to(fresh(trip), FIRST + dt.timedelta(days=7), FIRST + dt.timedelta(days=9))
    moving.move_itinerary(trip, 7, secretary)
    changes = approval.changes_since_approval(fresh(trip))
    assert changes.brief == ("start_date", "end_date")
    assert [(c.kind, c.item.title, c.fields) for c in changes.items] == [
        ("moved", "Forum", ("start", "end")),
        ("moved", "Lunch", ("start", "end")),
    ]


def test_only_the_trips_secretaries_move_its_itinerary(trip, staff):
    item(trip, "Forum", 0, 9)
    with pytest.raises(PermissionDenied):
        moving.move_itinerary(trip, 1, staff)
    assert not trip.events.exists()


@pytest.mark.parametrize("status", [Trip.Status.CLOSED, Trip.Status.CANCELLED])
def test_a_closed_or_cancelled_trip_does_not_move(trip, secretary, status):
    forum = item(trip, "Forum", 0, 9)
    Trip.objects.filter(pk=trip.pk).update(status=status)
    with pytest.raises(PermissionDenied):
        moving.shift_later(fresh(trip), forum, 30, secretary)
    assert ItineraryItem.objects.get(pk=forum.pk).start == forum.start


# What new dates do, before they are saved


def test_new_dates_show_each_item_old_and_new(trip):
    item(trip, "Forum", 0, 9)
    item(trip, "Lunch", 1, 12)
    trip.start_date, trip.end_date = dt.date(2026, 12, 14), dt.date(2026, 12, 16)
    change = moving.date_change(trip, FIRST)
    assert change.days == 7
    assert [(m.item.title, hm(m.old_start), hm(m.start)) for m in change.moves] == [
        ("Forum", "2026-12-07 09:00", "2026-12-14 09:00"),
        ("Lunch", "2026-12-08 12:00", "2026-12-15 12:00"),
    ]
    assert [m.item.title for m in change.left_out] == ["Forum", "Lunch"]
    assert change.moved_out == ()


def test_a_shorter_trip_shows_the_items_that_fall_outside_it(trip):
    item(trip, "Forum", 0, 9)
    item(trip, "Last visit", 2, 9)
    trip.end_date = dt.date(2026, 12, 8)
    change = moving.date_change(trip, FIRST)
    assert (change.days, change.moves) == (0, ())
    assert [m.item.title for m in change.left_out] == ["Last visit"]


def test_moved_and_shortened_shows_what_stays_outside(trip):
    item(trip, "Forum", 0, 9)
    item(trip, "Last visit", 2, 9)
    trip.start_date, trip.end_date = dt.date(2026, 12, 8), dt.date(2026, 12, 9)
    change = moving.date_change(trip, FIRST)
    assert [m.item.title for m in change.moved_out] == ["Last visit"]


def test_new_dates_cost_one_query_whatever_the_number_of_items(trip, django_assert_num_queries):
    for hour in range(8, 20):
        item(trip, f"Visit at {hour}", 0, hour)
    trip.start_date = trip.end_date = dt.date(2026, 12, 20)
    with django_assert_num_queries(1):
        moving.date_change(trip, FIRST)


# Shifting the later items of a day by some minutes


@pytest.fixture
def day(trip):
    """A first day of four items, and one on the second day."""
    return {
        "visit": item(trip, "Visit", 0, 9),
        "forum": item(trip, "Forum", 0, 10, 30),
        "lunch": item(trip, "Lunch", 0, 12),
        "talk": item(trip, "Talk", 0, 14),
        "tomorrow": item(trip, "Tomorrow", 1, 9),
    }


def starts(trip: Trip) -> dict[str, str]:
    return {row.title: trip.local(row.start).strftime("%d %H:%M") for row in trip.items.all()}


def test_shifting_moves_the_item_and_the_later_ones_of_its_day(trip, day, secretary):
    moving.shift_later(trip, day["forum"], 30, secretary)
    assert starts(trip) == {
        "Visit": "07 09:00",
        "Forum": "07 11:00",
        "Lunch": "07 12:30",
        "Talk": "07 14:30",
        "Tomorrow": "08 09:00",
    }
    event = trip.events.get()
    assert event.what_moved() == "“Forum” and 2 later items, 30 min later"


def test_shifting_earlier_takes_a_negative_number(trip, day, secretary):
    moving.shift_later(trip, day["lunch"], -15, secretary)
    assert [starts(trip)[t] for t in ("Forum", "Lunch", "Talk")] == [
        "07 10:30",
        "07 11:45",
        "07 13:45",
    ]


def test_shifting_past_midnight_is_refused_and_nothing_moves(trip, secretary):
    first = item(trip, "Forum", 0, 20)
    item(trip, "Reception", 0, 22, 30, minutes=75)
    with pytest.raises(ValidationError) as refused:
        moving.shift_later(trip, first, 60, secretary)
    assert refused.value.messages == [
        "“Reception” would run past midnight: move by at most 15 min later."
    ]
    assert starts(trip) == {"Forum": "07 20:00", "Reception": "07 22:30"}
    assert not trip.events.exists()


def test_a_night_in_the_hotel_may_shift_only_while_it_starts_that_evening(trip, secretary):
    hotel = item(trip, "Hotel", 0, 20, minutes=12 * 60, kind="lodging")
    with pytest.raises(ValidationError) as refused:
        moving.shift_later(trip, hotel, 300, secretary)
    assert refused.value.messages == [
        "“Hotel” would start the next day: move by at most 239 min later."
    ]
    moving.shift_later(trip, hotel, 60, secretary)
    assert starts(trip) == {"Hotel": "07 21:00"}


def test_shifting_to_the_day_before_is_refused(trip, secretary):
    early = item(trip, "Early train", 0, 0, 20)
    with pytest.raises(ValidationError, match="at most 20 min earlier"):
        moving.shift_later(trip, early, -30, secretary)


def test_shifting_by_nothing_is_refused(trip, day, secretary):
    with pytest.raises(ValidationError, match="other than 0"):
        moving.shift_later(trip, day["forum"], 0, secretary)


def test_a_second_click_on_a_stale_page_does_not_shift_twice(trip, day, secretary):
    seen = day["forum"].sequence
    moving.shift_later(trip, day["forum"], 30, secretary, seen=seen)
    with pytest.raises(ValidationError, match="changed meanwhile"):
        moving.shift_later(trip, day["forum"], 30, secretary, seen=seen)
    assert starts(trip)["Forum"] == "07 11:00"


def test_shifting_raises_each_moved_items_sequence_once(trip, day, secretary):
    moving.shift_later(trip, day["lunch"], 10, secretary)
    assert dict(trip.items.values_list("title", "sequence")) == {
        "Visit": 0,
        "Forum": 0,
        "Lunch": 1,
        "Talk": 1,
        "Tomorrow": 0,
    }


# Moving an item to another day


def test_an_item_moves_to_another_day_at_its_time(trip, day, secretary):
    moving.move_to_day(trip, day["forum"], dt.date(2026, 12, 9), secretary)
    assert starts(trip)["Forum"] == "09 10:30"
    assert starts(trip)["Lunch"] == "07 12:00"
    assert trip.events.get().what_moved() == "“Forum” to Wednesday 9 December 2026"


def test_an_item_moved_across_summer_time_keeps_its_local_time(berlin_trip, secretary):
    berlin_trip.end_date = dt.date(2027, 3, 29)
    berlin_trip.save()
    visit = item(berlin_trip, "Visit", 0, 9)
    moving.move_to_day(fresh(berlin_trip), visit, dt.date(2027, 3, 29), secretary)
    assert hm(local(berlin_trip, "Visit")[0]) == "2027-03-29 09:00"


def test_moving_to_the_same_day_is_refused(trip, day, secretary):
    with pytest.raises(ValidationError, match="on that day already"):
        moving.move_to_day(trip, day["forum"], FIRST, secretary)


def test_moving_outside_the_trip_is_refused(trip, day, secretary):
    with pytest.raises(ValidationError, match="day of the trip"):
        moving.move_to_day(trip, day["forum"], dt.date(2026, 12, 10), secretary)


def test_a_night_train_cannot_move_to_the_last_day(trip, secretary):
    train = item(trip, "Night train", 0, 22, minutes=600, kind="travel", travel_mode="train")
    with pytest.raises(ValidationError, match="after the trip's last day"):
        moving.move_to_day(trip, train, dt.date(2026, 12, 9), secretary)


# Fitting the next items to one


def test_fitting_starts_the_next_item_right_after_and_keeps_the_rest_in_step(trip, day, secretary):
    moving.fit_after(trip, day["visit"], secretary)
    # Forum moves from 10:30 to 10:00; the later items of the day move as much.
    assert starts(trip) == {
        "Visit": "07 09:00",
        "Forum": "07 10:00",
        "Lunch": "07 11:30",
        "Talk": "07 13:30",
        "Tomorrow": "08 09:00",
    }
    assert trip.events.get().what_moved() == "3 items after “Visit”, 30 min earlier"


def test_fitting_leaves_the_slack_an_appointment_with_a_host_needs(trip, secretary):
    trip.min_buffer_minutes = 15
    visit = item(trip, "Visit", 0, 9)
    item(trip, "Forum", 0, 11, host_unit=HostUnitFactory(), kind="forum")
    moving.fit_after(trip, visit, secretary)
    assert starts(trip)["Forum"] == "07 10:15"


def test_fitting_after_the_last_item_of_a_day_is_refused(trip, day, secretary):
    with pytest.raises(ValidationError, match="Nothing comes after “Talk”"):
        moving.fit_after(trip, day["talk"], secretary)


def test_fitting_what_fits_already_is_refused(trip, secretary):
    visit = item(trip, "Visit", 0, 9)
    item(trip, "Forum", 0, 10)
    with pytest.raises(ValidationError, match="starts right after “Visit” already"):
        moving.fit_after(trip, visit, secretary)
    assert not trip.events.exists()
