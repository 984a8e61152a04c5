"""Browser: a secretary plans a trip; the itinerary sorts itself; an outsider learns nothing."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.factories import TripFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def add_item(page: Page, start: str, end: str, kind: str, title: str) -> None:
    """Open the add form in place (htmx), fill it, save; the itinerary redraws itself."""
    page.get_by_role("link", name="Add an item").click()
    form = page.locator("#item-form-new")
    form.locator("input[name=start]").fill(start)
    form.locator("input[name=end]").fill(end)
    form.locator("select[name=kind]").select_option(kind)
    form.locator("input[name=title]").fill(title)
    form.get_by_role("button", name="Add").click()
    expect(page.locator("#itinerary")).to_contain_text(title)


def test_secretary_plans_a_trip_in_place_and_outsider_gets_404(
    page: Page, live_server, login_as, secretary, leader, staff2, artifacts
):
    login_as("secretary")
    page.goto(f"{live_server.url}/trips/new/")
    page.fill("input[name=title]", "Riverside water inspection")
    page.fill("input[name=start_date]", "2026-12-07")
    page.fill("input[name=end_date]", "2026-12-08")
    page.fill("textarea[name=intention]", "Look at the plant; listen to the township.")
    page.select_option("select[name=team-0-user]", label=leader.get_full_name())
    page.select_option("select[name=team-0-role]", "leader")
    page.get_by_role("button", name="Create the trip").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Riverside water inspection")
    trip_url = page.url

    # Out of time order, across two days; no page load in between (htmx swaps).
    page.evaluate("window.__same_page = true")
    add_item(page, "2026-12-08T09:00", "2026-12-08T10:00", "site_visit", "Second day visit")
    add_item(page, "2026-12-07T14:00", "2026-12-07T15:00", "forum", "Afternoon forum")
    add_item(page, "2026-12-07T09:00", "2026-12-07T10:00", "site_visit", "Morning visit")
    assert page.evaluate("window.__same_page") is True

    days = page.locator("#itinerary .day")
    expect(days).to_have_count(2)
    expect(days.nth(0).locator(".item strong")).to_have_text(["Morning visit", "Afternoon forum"])
    expect(days.nth(1).locator(".item strong")).to_have_text(["Second day visit"])

    page.get_by_role("button", name="中文").click()
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")
    expect(page.locator("body")).to_contain_text("行程安排")
    expect(page.locator("body")).to_contain_text("出行任务")
    page.screenshot(path=str(artifacts / "planning-trip-zh.png"), full_page=True)
    assert page.url == trip_url

    confidential = TripFactory(
        title="Confidential merger talks",
        visibility="confidential",
        created_by=secretary,
        team={secretary: "secretary", leader: "leader"},
    )
    page.context.clear_cookies()
    login_as("staff2")
    response = page.goto(f"{live_server.url}{confidential.get_absolute_url()}")
    assert response.status == 404
    page.goto(f"{live_server.url}/trips/?q=merger")
    expect(page.locator("main")).not_to_contain_text(re.compile("merger", re.I))
