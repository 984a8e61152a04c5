"""The day-by-day timeline: layout on the hour scale, and the page that draws it."""

from __future__ import annotations

import json

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from tests.factories import ItineraryItemFactory, at
from trips import schedule, timeline
from trips.timeline import Scale

pytestmark = pytest.mark.django_db


def timeline_url(trip) -> str:
    return reverse("trips:trip_timeline", args=[trip.pk])


def build(trip) -> timeline.Timeline:
    items = list(trip.items.select_related("host_unit"))
    return timeline.build(trip, items, schedule.find_conflicts(trip, items=items))


# Layout


def test_an_hour_from_nine_on_an_eight_to_eighteen_scale_is_ten_percent_down_and_tall():
    assert Scale(8, 18).place(9 * 60, 10 * 60) == (10.0, 10.0)


def test_the_scale_shows_at_least_eight_to_eighteen():
    assert timeline.scale_for([(10 * 60, 11 * 60)]) == Scale(8, 18)


def test_the_scale_runs_from_the_earliest_hour_to_the_latest():
    assert timeline.scale_for([(6 * 60 + 30, 7 * 60), (20 * 60, 21 * 60 + 15)]) == Scale(6, 22)


def test_items_at_the_same_time_sit_side_by_side():
    assert timeline.lanes([(540, 600), (570, 630), (700, 720)]) == [(0, 2), (1, 2), (0, 1)]


def test_an_item_past_midnight_ends_at_the_bottom_of_its_first_day(office_trip):
    night = ItineraryItemFactory(
        trip=office_trip, kind="lodging", start=at(office_trip.start_date, 22), minutes=9 * 60
    )
    day = build(office_trip).days[0]
    block = next(b for b in day.blocks if b.pk == night.pk)
    assert block.top + block.height == pytest.approx(100.0)


def test_a_block_prints_its_position_as_css(office_trip):
    ItineraryItemFactory(trip=office_trip, start=at(office_trip.start_date, 9), minutes=60)
    block = build(office_trip).days[0].blocks[0]
    assert block.style == "top:10.00%;height:10.00%;left:0.00%;width:100.00%"


def test_the_plain_data_draws_exactly_what_the_timeline_draws(office_trip):
    day = office_trip.start_date
    ItineraryItemFactory(trip=office_trip, title="Plant", start=at(day, 9))
    ItineraryItemFactory(trip=office_trip, title="Clash", start=at(day, 9, 30))
    drawn = build(office_trip)
    data = json.loads(json.dumps(drawn.as_data()))  # plain JSON: the printed pack's cache key
    as_objects = render_to_string("trips/_timeline.html", {"timeline": drawn})
    assert render_to_string("trips/_timeline.html", {"timeline": data}) == as_objects
    assert "has-finding" in as_objects and "Something to check" in as_objects


def test_the_legend_explains_the_red_outline_only_when_something_is_to_check(office_trip):
    ItineraryItemFactory(trip=office_trip, start=at(office_trip.start_date, 9))
    ItineraryItemFactory(trip=office_trip, kind="lodging", start=at(office_trip.start_date, 21))
    clean = timeline.build(office_trip, office_trip.items.all())
    assert not clean.has_findings
    assert "Something to check" not in render_to_string("trips/_timeline.html", {"timeline": clean})


# The page


def test_timeline_page_draws_blocks_with_their_kind_classes(client, office_trip, staff):
    day = office_trip.start_date
    ItineraryItemFactory(trip=office_trip, kind="travel", title="Drive", start=at(day, 8))
    ItineraryItemFactory(trip=office_trip, kind="meal", title="Lunch", start=at(day, 12))
    ItineraryItemFactory(trip=office_trip, kind="meeting", title="Talks", start=at(day, 14))
    client.force_login(staff)
    page = client.get(timeline_url(office_trip)).content.decode()
    assert 'class="tl-block tl-travel kind-travel"' in page
    assert 'class="tl-block tl-meal kind-meal"' in page
    assert 'class="tl-block tl-meeting kind-meeting"' in page


def test_timeline_page_marks_an_item_with_a_finding(client, office_trip, staff):
    day = office_trip.start_date
    ItineraryItemFactory(trip=office_trip, title="Plant", start=at(day, 9))
    ItineraryItemFactory(trip=office_trip, title="Clash", start=at(day, 9, 30))
    client.force_login(staff)
    page = client.get(timeline_url(office_trip)).content.decode()
    assert 'class="tl-block tl-visit kind-site_visit has-finding"' in page
    assert "the leader cannot be in two places at once" in page


def test_outsider_gets_404_for_a_confidential_trips_timeline(client, confidential_trip, outsider):
    client.force_login(outsider)
    assert client.get(timeline_url(confidential_trip)).status_code == 404
