"""Feasibility checks of the itinerary: every rule at its edges, on the trip's own clock."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
from django.utils import translation

from tests.factories import HostUnitFactory, ItineraryItemFactory, TripFactory, UserFactory, at
from trips import schedule, standards
from trips.models import ItineraryItem, Trip

Kind = ItineraryItem.Kind
DAY = dt.date(2026, 12, 7)
BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")


def item(trip: Trip, start: str, end: str, *, on: int = 0, **fields) -> ItineraryItem:
    """An item on the trip's clock, `on` days after its first day; an end before the start
    is on the next morning (a night's lodging, a night train)."""
    day = trip.start_date + dt.timedelta(days=on)
    begins = at(day, *map(int, start.split(":")), tz=trip.tzinfo)
    ends = at(day, *map(int, end.split(":")), tz=trip.tzinfo)
    if ends < begins:
        ends = at(day + dt.timedelta(days=1), *map(int, end.split(":")), tz=trip.tzinfo)
    fields.setdefault("title", f"{fields.get('kind', 'visit')} at {start}")
    return ItineraryItemFactory(trip=trip, start=begins, end=ends, **fields)


def found(trip: Trip, rule: str) -> list[schedule.Finding]:
    """The trip's findings under one rule."""
    return [f for f in schedule.find_conflicts(trip) if f.rule == rule]


@pytest.fixture
def day_trip(db) -> Trip:
    """A one-day trip: no nights, so no lodging needed."""
    return TripFactory(start_date=DAY, end_date=DAY)


@pytest.fixture
def two_days(db) -> Trip:
    return TripFactory(start_date=DAY, end_date=DAY + dt.timedelta(days=1))


# A sound itinerary


def test_a_sound_itinerary_has_no_findings(two_days):
    township, school, plant = HostUnitFactory(), HostUnitFactory(), HostUnitFactory()
    car = {"kind": Kind.TRAVEL, "travel_mode": "car", "place": ""}
    item(two_days, "08:00", "09:00", title="Drive to the township", **car)
    item(two_days, "09:15", "11:30", title="Township forum", kind=Kind.FORUM, host_unit=township)
    item(two_days, "11:30", "12:30", title="Lunch", kind=Kind.MEAL, host_unit=township)
    item(two_days, "12:30", "13:00", title="Drive to the school", **car)
    item(two_days, "13:15", "16:00", title="School visit", host_unit=school)
    item(two_days, "16:00", "16:40", title="Drive to the hotel", **car)
    item(two_days, "17:00", "07:30", title="Riverside Hotel", kind=Kind.LODGING, place="Hotel")
    item(two_days, "08:00", "08:40", on=1, title="Drive to the plant", **car)
    item(two_days, "08:50", "11:00", on=1, title="Water plant", host_unit=plant)
    item(two_days, "11:00", "12:00", on=1, title="Drive back", **car)

    assert schedule.find_conflicts(two_days) == []


def test_an_empty_itinerary_has_no_findings(two_days):
    assert schedule.find_conflicts(two_days) == []


# Overlap


def test_touching_items_do_not_overlap(day_trip):
    item(day_trip, "09:00", "10:00")
    item(day_trip, "10:00", "11:00")
    assert found(day_trip, "overlap") == []


def test_items_overlapping_by_one_minute_are_reported_by_name_and_time(day_trip):
    first = item(day_trip, "09:00", "10:01", title="Water plant")
    second = item(day_trip, "10:00", "11:00", title="Township forum")
    [finding] = found(day_trip, "overlap")
    assert finding.items == (first.pk, second.pk)
    assert finding.day == DAY
    assert "“Water plant”" in finding.message and "10:01" in finding.message
    assert "“Township forum”" in finding.message and "10:00" in finding.message


def test_an_item_inside_another_overlaps_it(day_trip):
    long, short = item(day_trip, "09:00", "12:00"), item(day_trip, "10:00", "10:30")
    assert [f.items for f in found(day_trip, "overlap")] == [(long.pk, short.pk)]


def test_travel_that_runs_into_a_visit_overlaps_it(day_trip):
    travel = item(day_trip, "09:00", "10:05", kind=Kind.TRAVEL, travel_mode="car")
    visit = item(day_trip, "10:00", "11:00")
    assert [f.items for f in found(day_trip, "overlap")] == [(travel.pk, visit.pk)]


def test_lodging_overlapping_an_activity_is_reported(two_days):
    dinner = item(two_days, "19:00", "20:30", kind=Kind.MEAL)
    hotel = item(two_days, "20:00", "07:30", kind=Kind.LODGING)
    assert [f.items for f in found(two_days, "overlap")] == [(dinner.pk, hotel.pk)]


def test_lodging_does_not_clash_with_the_travel_to_it(two_days):
    item(two_days, "19:00", "20:30", kind=Kind.TRAVEL, travel_mode="car")
    item(two_days, "20:00", "07:30", kind=Kind.LODGING)
    assert found(two_days, "overlap") == []


def test_two_lodgings_the_same_night_are_not_an_overlap(two_days):
    item(two_days, "20:00", "07:30", kind=Kind.LODGING, title="Hotel A")
    item(two_days, "20:00", "07:30", kind=Kind.LODGING, title="Hotel B")
    assert found(two_days, "overlap") == []


# Travel between places


def test_visits_at_different_places_without_travel_are_reported(day_trip):
    first = item(day_trip, "09:00", "10:00", title="Water plant", place="Plant No. 1")
    second = item(day_trip, "11:00", "12:00", title="Township forum", place="Town hall")
    [finding] = found(day_trip, "travel_missing")
    assert finding.items == (first.pk, second.pk)
    assert "“Water plant”" in finding.message and "“Township forum”" in finding.message
    assert "10:00" in finding.message and "11:00" in finding.message


def test_the_same_host_unit_needs_no_travel_whatever_the_place_text(day_trip):
    unit = HostUnitFactory()
    item(day_trip, "09:00", "10:00", host_unit=unit, place="Workshop")
    item(day_trip, "10:30", "11:00", host_unit=unit, place="Meeting room")
    assert found(day_trip, "travel_missing") == []


def test_different_host_units_need_travel_even_with_the_same_place_text(day_trip):
    item(day_trip, "09:00", "10:00", host_unit=HostUnitFactory(), place="Town hall")
    item(day_trip, "10:30", "11:00", host_unit=HostUnitFactory(), place="Town hall")
    assert len(found(day_trip, "travel_missing")) == 1


def test_place_text_is_compared_ignoring_case_and_spaces(day_trip):
    item(day_trip, "09:00", "10:00", place="Plant  No. 1")
    item(day_trip, "10:30", "11:00", place=" plant no. 1 ")
    assert found(day_trip, "travel_missing") == []


def test_an_unknown_place_gives_no_travel_finding(day_trip):
    item(day_trip, "09:00", "10:00", place="Plant No. 1")
    item(day_trip, "10:30", "11:00", place="")
    item(day_trip, "11:30", "12:00", place="Town hall")
    assert found(day_trip, "travel_missing") == []


def test_travel_that_exactly_fills_the_gap_is_fine(day_trip):
    item(day_trip, "09:00", "10:00", place="Plant No. 1")
    item(day_trip, "10:00", "10:40", kind=Kind.TRAVEL, travel_mode="car", place="")
    item(day_trip, "10:40", "11:30", place="Town hall")
    assert found(day_trip, "travel_missing") == found(day_trip, "travel_too_short") == []


def test_travel_one_minute_longer_than_the_gap_is_too_short(day_trip):
    first = item(day_trip, "09:00", "10:00", title="Water plant", place="Plant No. 1")
    drive = item(day_trip, "10:00", "10:41", kind=Kind.TRAVEL, travel_mode="car", place="")
    second = item(day_trip, "10:40", "11:30", title="Township forum", place="Town hall")
    [finding] = found(day_trip, "travel_too_short")
    assert finding.items == (first.pk, drive.pk, second.pk)
    assert "41 min" in finding.message and "40 min" in finding.message
    assert "“Water plant”" in finding.message and "“Township forum”" in finding.message


def test_legs_of_a_journey_add_up(day_trip):
    item(day_trip, "08:00", "09:00", place="Plant No. 1")
    item(day_trip, "09:00", "09:30", kind=Kind.TRAVEL, travel_mode="car", place="")
    item(day_trip, "09:40", "11:00", kind=Kind.TRAVEL, travel_mode="train", place="")
    item(day_trip, "11:00", "12:00", place="Town hall")
    # 110 min of travel fits the 120 min gap.
    assert found(day_trip, "travel_too_short") == []


def test_legs_that_do_not_fit_together_are_too_short(day_trip):
    item(day_trip, "08:00", "09:00", place="Plant No. 1")
    item(day_trip, "09:00", "10:00", kind=Kind.TRAVEL, travel_mode="car", place="")
    item(day_trip, "10:00", "11:01", kind=Kind.TRAVEL, travel_mode="train", place="")
    item(day_trip, "11:00", "12:00", place="Town hall")
    assert len(found(day_trip, "travel_too_short")) == 1


# Slack before an appointment with a host


def test_exactly_the_buffer_before_an_appointment_is_fine(day_trip):
    item(day_trip, "09:00", "09:50", kind=Kind.TRAVEL, travel_mode="car")
    item(day_trip, "10:00", "11:00", host_unit=HostUnitFactory())
    assert found(day_trip, "no_slack") == []


def test_one_minute_less_than_the_buffer_is_reported(day_trip):
    drive = item(day_trip, "09:00", "09:51", title="Drive", kind=Kind.TRAVEL, travel_mode="car")
    visit = item(day_trip, "10:00", "11:00", title="Water plant", host_unit=HostUnitFactory())
    [finding] = found(day_trip, "no_slack")
    assert finding.items == (drive.pk, visit.pk)
    assert "9 min" in finding.message and "10 min" in finding.message
    assert "“Drive”" in finding.message and "“Water plant”" in finding.message


def test_the_trips_own_buffer_is_honoured(day_trip):
    day_trip.min_buffer_minutes = 30
    day_trip.save()
    item(day_trip, "08:00", "08:31")
    item(day_trip, "09:00", "10:00", host_unit=HostUnitFactory())
    item(day_trip, "10:00", "10:30")
    item(day_trip, "11:00", "12:00", host_unit=HostUnitFactory())
    [finding] = found(day_trip, "no_slack")
    assert "29 min" in finding.message and "30 min" in finding.message


def test_items_without_a_host_are_not_appointments(day_trip):
    item(day_trip, "09:00", "10:00")
    item(day_trip, "10:00", "11:00")
    assert found(day_trip, "no_slack") == []


def test_a_meal_at_a_host_is_not_an_appointment(day_trip):
    unit = HostUnitFactory()
    item(day_trip, "09:00", "12:00", host_unit=unit)
    item(day_trip, "12:00", "13:00", kind=Kind.MEAL, host_unit=unit)
    assert found(day_trip, "no_slack") == []


def test_the_first_item_of_the_day_needs_no_slack(two_days):
    item(two_days, "20:00", "07:55", kind=Kind.LODGING)
    item(two_days, "08:00", "09:00", on=1, host_unit=HostUnitFactory())
    assert found(two_days, "no_slack") == []


def test_slack_is_measured_from_the_item_that_ends_last(day_trip):
    long = item(day_trip, "08:00", "09:55")
    item(day_trip, "08:30", "09:00")
    visit = item(day_trip, "10:00", "11:00", host_unit=HostUnitFactory())
    assert [f.items for f in found(day_trip, "no_slack")] == [(long.pk, visit.pk)]


def test_an_overlap_is_not_also_reported_as_no_slack(day_trip):
    item(day_trip, "09:00", "10:05")
    item(day_trip, "10:00", "11:00", host_unit=HostUnitFactory())
    assert found(day_trip, "no_slack") == []
    assert len(found(day_trip, "overlap")) == 1


# Meal break


def test_a_free_stretch_of_exactly_the_meal_break_is_fine(day_trip):
    item(day_trip, "09:00", "12:00")
    item(day_trip, "12:45", "15:00")
    assert found(day_trip, "no_meal_break") == []


def test_a_free_stretch_one_minute_short_is_reported(day_trip):
    morning = item(day_trip, "09:00", "12:00", title="Water plant")
    afternoon = item(day_trip, "12:44", "15:00", title="Township forum")
    [finding] = found(day_trip, "no_meal_break")
    assert finding.items == (morning.pk, afternoon.pk)
    assert finding.day == DAY
    assert "44" in finding.message and "45" in finding.message
    assert "“Water plant”" in finding.message and "“Township forum”" in finding.message


def test_free_time_counts_only_inside_the_meal_window(day_trip):
    item(day_trip, "08:00", "10:30")
    item(day_trip, "11:44", "15:00")
    # 74 minutes free, but only 44 of them after the window opens at 11:00.
    assert len(found(day_trip, "no_meal_break")) == 1


def test_free_time_at_the_end_of_the_window_counts(day_trip):
    item(day_trip, "09:00", "13:15")
    item(day_trip, "14:30", "16:00")
    assert found(day_trip, "no_meal_break") == []


def test_a_meal_item_counts_as_the_break(day_trip):
    item(day_trip, "09:00", "12:00")
    item(day_trip, "12:00", "12:45", kind=Kind.MEAL)
    item(day_trip, "12:45", "15:00")
    assert found(day_trip, "no_meal_break") == []


def test_a_rest_item_next_to_free_time_counts_as_the_break(day_trip):
    item(day_trip, "09:00", "12:00")
    item(day_trip, "12:00", "12:30", kind=Kind.REST)
    item(day_trip, "12:45", "15:00")
    assert found(day_trip, "no_meal_break") == []


def test_one_long_item_across_the_whole_window_is_reported(day_trip):
    item(day_trip, "09:00", "15:00")
    assert len(found(day_trip, "no_meal_break")) == 1


def test_a_day_that_ends_before_the_window_closes_needs_no_meal_break(day_trip):
    item(day_trip, "09:00", "12:00")
    item(day_trip, "12:10", "14:00")
    assert found(day_trip, "no_meal_break") == []


def test_a_day_that_starts_in_the_window_needs_no_meal_break(day_trip):
    item(day_trip, "11:00", "12:00")
    item(day_trip, "12:10", "16:00")
    assert found(day_trip, "no_meal_break") == []


def test_the_trips_own_meal_break_and_window_are_honoured(day_trip):
    day_trip.meal_break_minutes = 60
    day_trip.meal_window_start = dt.time(12, 0)
    day_trip.meal_window_end = dt.time(13, 30)
    day_trip.save()
    item(day_trip, "09:00", "12:00")
    item(day_trip, "12:59", "15:00")
    [finding] = found(day_trip, "no_meal_break")
    assert "59" in finding.message and "60" in finding.message and "12:00" in finding.message


# Continuous activity


def test_exactly_the_longest_continuous_activity_is_fine(day_trip):
    item(day_trip, "08:00", "10:00")
    item(day_trip, "10:14", "12:00")
    assert found(day_trip, "too_long_without_break") == []


def test_one_minute_more_than_the_longest_continuous_activity_is_reported(day_trip):
    first = item(day_trip, "08:00", "10:00", title="Water plant")
    second = item(day_trip, "10:14", "12:01", title="Township forum")
    [finding] = found(day_trip, "too_long_without_break")
    assert finding.items == (first.pk, second.pk)
    assert "241 min" in finding.message and "240 min" in finding.message
    assert "08:00" in finding.message and "12:01" in finding.message
    assert "“Water plant”" in finding.message and "“Township forum”" in finding.message


def test_a_pause_of_fifteen_minutes_breaks_the_run(day_trip):
    item(day_trip, "08:00", "10:00")
    item(day_trip, "10:15", "13:00")
    assert found(day_trip, "too_long_without_break") == []


def test_short_travel_is_activity(day_trip):
    item(day_trip, "08:00", "08:20", kind=Kind.TRAVEL, travel_mode="car")
    item(day_trip, "08:20", "12:01")
    assert len(found(day_trip, "too_long_without_break")) == 1


def test_a_short_meal_does_not_break_the_run(day_trip):
    item(day_trip, "08:00", "10:00")
    item(day_trip, "10:00", "10:10", kind=Kind.MEAL)
    item(day_trip, "10:10", "12:01")
    assert len(found(day_trip, "too_long_without_break")) == 1


def test_the_trips_own_longest_activity_is_honoured(day_trip):
    day_trip.max_continuous_minutes = 120
    day_trip.save()
    item(day_trip, "08:00", "10:00")
    item(day_trip, "13:00", "15:01")
    [finding] = found(day_trip, "too_long_without_break")
    assert "13:00" in finding.message


# Day end


def test_a_day_ending_exactly_at_the_day_end_is_fine(day_trip):
    item(day_trip, "19:00", "21:00", kind=Kind.MEAL)
    assert found(day_trip, "late_day") == []


def test_a_day_ending_one_minute_late_is_reported(day_trip):
    dinner = item(day_trip, "19:00", "21:01", title="Dinner", kind=Kind.MEAL)
    [finding] = found(day_trip, "late_day")
    assert finding.items == (dinner.pk,)
    assert finding.day == DAY
    assert "“Dinner”" in finding.message and "21:01" in finding.message


def test_lodging_does_not_make_a_day_late(two_days):
    item(two_days, "22:00", "07:00", kind=Kind.LODGING)
    assert found(two_days, "late_day") == []


def test_the_trips_own_day_end_is_honoured(day_trip):
    day_trip.day_end = dt.time(18, 0)
    day_trip.save()
    item(day_trip, "17:00", "18:01")
    assert len(found(day_trip, "late_day")) == 1


# Lodging


def test_a_night_away_without_lodging_is_reported(two_days):
    item(two_days, "09:00", "10:00")
    item(two_days, "09:00", "10:00", on=1)
    [finding] = found(two_days, "no_lodging")
    assert finding.day == DAY
    assert finding.items == ()
    assert "Monday 7 December 2026" in finding.message


def test_lodging_starting_that_day_covers_the_night(two_days):
    item(two_days, "20:00", "07:30", kind=Kind.LODGING)
    assert found(two_days, "no_lodging") == []


def test_lodging_on_another_day_does_not_cover_the_night(db):
    trip = TripFactory(start_date=DAY, end_date=DAY + dt.timedelta(days=2))
    item(trip, "20:00", "07:30", on=1, kind=Kind.LODGING)
    assert [f.day for f in found(trip, "no_lodging")] == [DAY]


def test_a_night_train_covers_the_night(two_days):
    item(two_days, "22:00", "07:00", kind=Kind.TRAVEL, travel_mode="train")
    assert found(two_days, "no_lodging") == []


def test_a_one_day_trip_needs_no_lodging(day_trip):
    item(day_trip, "09:00", "10:00")
    assert found(day_trip, "no_lodging") == []


# Trip dates


def test_an_item_after_the_last_day_is_reported(day_trip):
    late = item(day_trip, "09:00", "10:00", on=1, title="Water plant")
    [finding] = found(day_trip, "outside_dates")
    assert finding.items == (late.pk,)
    assert "“Water plant”" in finding.message
    assert "Tuesday 8 December 2026, 09:00" in finding.message


def test_an_item_ending_at_the_last_minute_of_the_trip_is_inside(day_trip):
    item(day_trip, "22:00", "23:59")
    assert found(day_trip, "outside_dates") == []


def test_an_item_ending_after_midnight_of_the_last_day_is_outside(day_trip):
    item(day_trip, "23:00", "00:01", kind=Kind.TRAVEL, travel_mode="train")
    assert len(found(day_trip, "outside_dates")) == 1


# The same leader on another trip


def test_the_leader_on_another_office_trip_at_the_same_time_is_named(db, leader, office_trip):
    ours = TripFactory(start_date=DAY, end_date=DAY, team={leader: "leader"})
    mine = item(ours, "09:00", "10:00", title="Water plant")
    item(office_trip, "09:30", "11:00", title="Bridge opening")
    [finding] = found(ours, "leader_elsewhere")
    assert finding.items == (mine.pk,)
    assert "“Water plant”" in finding.message and "“Bridge opening”" in finding.message
    assert "Riverside water works" in finding.message


def test_a_confidential_trip_of_the_leader_is_not_named(db, leader, confidential_trip):
    ours = TripFactory(start_date=DAY, end_date=DAY, team={leader: "leader"})
    item(ours, "09:00", "10:00", title="Water plant")
    item(confidential_trip, "09:30", "11:00", title="Merger talks")
    [finding] = found(ours, "leader_elsewhere")
    assert "another trip" in finding.message
    assert "Talks on the plant merger" not in finding.message
    assert "Merger talks" not in finding.message


def test_touching_the_leaders_other_trip_is_fine(db, leader, office_trip):
    ours = TripFactory(start_date=DAY, end_date=DAY, team={leader: "leader"})
    item(ours, "09:00", "10:00")
    item(office_trip, "10:00", "11:00")
    assert found(ours, "leader_elsewhere") == []


def test_another_trip_where_our_leader_is_not_leading_is_ignored(db, leader):
    ours = TripFactory(start_date=DAY, end_date=DAY, team={leader: "leader"})
    theirs = TripFactory(start_date=DAY, end_date=DAY, team={leader: "staff"})
    item(ours, "09:00", "10:00")
    item(theirs, "09:00", "10:00")
    assert found(ours, "leader_elsewhere") == []


def test_another_trip_of_a_different_leader_is_ignored(db, leader):
    ours = TripFactory(start_date=DAY, end_date=DAY, team={leader: "leader"})
    theirs = TripFactory(start_date=DAY, end_date=DAY, team={UserFactory(): "leader"})
    item(ours, "09:00", "10:00")
    item(theirs, "09:00", "10:00")
    assert found(ours, "leader_elsewhere") == []


# Overseas: the trip's own clock


@pytest.fixture
def berlin_trip(db) -> Trip:
    return TripFactory(start_date=DAY, end_date=DAY, time_zone="Europe/Berlin")


def test_the_meal_window_is_on_the_trips_clock(berlin_trip):
    # 08:00-11:10 and 11:50-15:00 in Berlin leave 40 min for lunch; in Beijing the same
    # moments fall in the evening and would need no lunch at all.
    item(berlin_trip, "08:00", "11:10")
    item(berlin_trip, "11:50", "15:00")
    [finding] = found(berlin_trip, "no_meal_break")
    assert finding.day == DAY and "40" in finding.message


def test_the_day_end_is_on_the_trips_clock(berlin_trip):
    item(berlin_trip, "13:00", "14:30", title="Trade fair")  # 21:30 in Beijing: fine here
    evening = item(berlin_trip, "20:00", "21:30", title="Reception")  # 04:30 in Beijing
    [finding] = found(berlin_trip, "late_day")
    assert finding.items == (evening.pk,)
    assert "21:30" in finding.message


def test_messages_show_the_trips_clock(berlin_trip):
    item(berlin_trip, "09:00", "10:01", title="Trade fair")
    item(berlin_trip, "10:00", "11:00", title="Embassy")
    [finding] = found(berlin_trip, "overlap")
    assert "10:01" in finding.message and "10:00" in finding.message


# Order, grouping, language and cost


def test_findings_come_in_time_order(two_days):
    item(two_days, "09:00", "10:05", on=1, title="Forum", place="Plant")
    item(two_days, "19:00", "21:30", title="Dinner", kind=Kind.MEAL, place="Plant")
    item(two_days, "10:00", "11:00", on=1, title="Talk", place="Plant")
    item(two_days, "12:00", "13:00", title="Visit", place="Plant")
    rules = [f.rule for f in schedule.find_conflicts(two_days)]
    assert rules == ["late_day", "no_lodging", "overlap"]


def test_findings_by_item_lists_each_finding_once_under_the_item_where_it_starts(day_trip):
    first = item(day_trip, "09:00", "10:05")
    second = item(day_trip, "10:00", "21:30")
    by_item = schedule.findings_by_item(schedule.find_conflicts(day_trip))
    assert first.pk not in by_item
    assert sorted(f.rule for f in by_item[second.pk]) == [
        "late_day",
        "no_meal_break",
        "overlap",
        "too_long_without_break",
    ]


def test_findings_by_day_groups_by_the_trips_day(two_days):
    item(two_days, "09:00", "10:00", place="Plant")
    item(two_days, "11:00", "12:00", on=1, place="Town hall")
    by_day = schedule.findings_by_day(schedule.find_conflicts(two_days))
    assert {day: [f.rule for f in fs] for day, fs in by_day.items()} == {
        DAY: ["no_lodging"],
        DAY + dt.timedelta(days=1): ["travel_missing"],
    }


def test_every_rule_speaks_chinese_without_errors(db, leader, confidential_trip, office_trip):
    trip = TripFactory(start_date=DAY, end_date=DAY + dt.timedelta(days=1), team={leader: "leader"})
    unit = HostUnitFactory()
    item(trip, "08:00", "09:00", place="A")
    item(trip, "08:30", "09:55", kind=Kind.TRAVEL, travel_mode="car")
    item(trip, "10:00", "15:00", host_unit=unit, place="B")
    item(trip, "15:00", "21:30", place="C")
    item(trip, "09:00", "10:00", on=2, place="C")
    item(confidential_trip, "08:00", "09:00")
    item(office_trip, "10:00", "11:00")
    with translation.override("zh-hans"):
        findings = schedule.find_conflicts(trip)
    # The reception standards' rules have their own tests (tests/trips/test_reception.py).
    assert {f.rule for f in findings} == set(schedule.RULES) - set(standards.RULES)
    assert all(type(f.message) is str and f.message for f in findings)


def test_the_query_count_does_not_grow_with_the_itinerary(db, leader, django_assert_num_queries):
    small = TripFactory(items=3, team={leader: "leader"})
    large = TripFactory(items=60, team={leader: "leader"})
    # Items of the leader's other trip clash, so their trip is read for the message.
    other = TripFactory(team={leader: "leader"})
    ItineraryItemFactory.create_batch(5, trip=other, start=at(other.start_date, 8))
    with django_assert_num_queries(2):
        assert schedule.find_conflicts(small)
    with django_assert_num_queries(2):
        assert schedule.find_conflicts(large)


def test_items_already_loaded_cost_one_query(db, leader, django_assert_num_queries):
    trip = TripFactory(items=10, team={leader: "leader"})
    items = list(trip.items.select_related("host_unit"))
    with django_assert_num_queries(1):
        schedule.find_conflicts(trip, items=items)
