# ruff: noqa: RUF001  (times are written with an en dash between them, as pages show them)
"""Browser: the leader's trip is put back a week and the itinerary moves with it; a forum
runs late and the rest of the afternoon is shifted by 30 minutes in place."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import Page, expect

from tests.factories import ItineraryItemFactory, TripFactory, at

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FIRST = dt.date(2026, 12, 7)


@pytest.fixture
def trip(secretary, leader):
    """A three-day inspection with an item on each day and a night's lodging between."""
    trip = TripFactory(
        title="Riverside water inspection",
        start_date=FIRST,
        end_date=FIRST + dt.timedelta(days=2),
        created_by=secretary,
        team={secretary: "secretary", leader: "leader"},
    )
    for day, hour, title, kind in (
        (0, 9, "Water plant visit", "site_visit"),
        (0, 14, "Township forum", "forum"),
        (0, 16, "Talk with engineers", "talk"),
        (1, 9, "Village pumping station", "site_visit"),
        (2, 9, "Reservoir", "site_visit"),
    ):
        ItineraryItemFactory(
            trip=trip, title=title, kind=kind, start=at(FIRST + dt.timedelta(days=day), hour)
        )
    for night in (0, 1):
        ItineraryItemFactory(
            trip=trip,
            title=f"Hotel, night {night + 1}",
            kind="lodging",
            start=at(FIRST + dt.timedelta(days=night), 20),
            minutes=12 * 60,
        )
    return trip


def test_secretary_puts_the_trip_back_a_week_and_the_itinerary_moves_with_it(
    page: Page, live_server, login_as, trip, artifacts
):
    login_as("secretary")
    page.goto(f"{live_server.url}/trips/{trip.pk}/edit/")
    page.fill("input[name=start_date]", "2026-12-14")
    page.fill("input[name=end_date]", "2026-12-16")
    page.get_by_role("button", name="Save").click()

    # Nothing saved yet: what moves, old and new, ticked to move.
    moving = page.locator("#itinerary-move")
    expect(moving).to_contain_text("The first day moves 7 days later.")
    expect(moving).to_contain_text(
        "Water plant visit: Monday 7 December 2026, 09:00 → Monday 14 December 2026, 09:00"
    )
    expect(moving).to_contain_text("Reservoir: Wednesday 9 December 2026, 09:00")
    expect(page.get_by_label("Move the itinerary with the dates")).to_be_checked()
    page.screenshot(path=str(artifacts / "moving-dates-preview.png"), full_page=True)
    moving.get_by_role("button", name="Save").click()

    expect(page.locator(".messages")).to_contain_text(
        "Trip saved; its itinerary moved with the dates."
    )
    itinerary = page.locator("#itinerary")
    expect(itinerary.locator(".day h3")).to_have_text(
        ["Monday 14 December 2026", "Tuesday 15 December 2026", "Wednesday 16 December 2026"]
    )
    expect(itinerary.locator(".day").nth(2)).to_contain_text("Reservoir")
    expect(page.locator("body")).not_to_contain_text("outside the trip's dates")
    page.get_by_text("What happened, step by step").click()
    expect(page.locator(".history")).to_contain_text("moved the itinerary: 7 items, 7 days later")


def test_secretary_shifts_the_rest_of_the_afternoon_by_30_minutes_in_place(
    page: Page, live_server, login_as, trip, artifacts
):
    login_as("secretary")
    page.goto(f"{live_server.url}/trips/{trip.pk}/")
    page.evaluate("window.__same_page = true")
    forum = page.locator(".item", has_text="Township forum")
    forum.get_by_role("link", name="Move").click()

    panel = page.locator(".item-moving")
    # Too far first: refused beside the field, the number kept.
    panel.get_by_label("Minutes (negative: earlier)").fill("600")
    panel.get_by_role("button", name="Shift").click()
    expect(panel.locator(".field.has-error")).to_contain_text("move by at most 239 min later")
    expect(panel.get_by_label("Minutes (negative: earlier)")).to_have_value("600")
    panel.screenshot(path=str(artifacts / "moving-panel-refused.png"))

    panel.get_by_label("Minutes (negative: earlier)").fill("30")
    panel.get_by_role("button", name="Shift").click()
    first_day = page.locator("#itinerary .day").first
    expect(first_day.locator(".item", has_text="Township forum")).to_contain_text("14:30–15:30")
    expect(first_day.locator(".item", has_text="Talk with engineers")).to_contain_text(
        "16:30–17:30"
    )
    expect(first_day.locator(".item", has_text="Water plant visit")).to_contain_text("09:00–10:00")
    assert page.evaluate("window.__same_page") is True
    page.screenshot(path=str(artifacts / "moving-shift-later.png"), full_page=True)
