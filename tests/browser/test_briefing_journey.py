"""Browser: the secretary adds a sourced figure and verifies it; the leader reads the book."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.factories import HostUnitFactory, ItineraryItemFactory, TripFactory, at

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def visit(secretary, leader):
    """A trip with one visit to the Riverside water works."""
    unit = HostUnitFactory(name="Riverside water works")
    trip = TripFactory(
        title="Riverside inspection",
        created_by=secretary,
        team={secretary: "secretary", leader: "leader"},
    )
    ItineraryItemFactory(
        trip=trip, host_unit=unit, title="Plant visit", start=at(trip.start_date, 10)
    )
    return trip, unit


def test_secretary_verifies_a_figure_and_the_leader_reads_it_in_the_book(
    page: Page, live_server, login_as, visit, artifacts
):
    trip, unit = visit
    login_as("secretary")
    page.goto(f"{live_server.url}/briefings/unit/{unit.pk}/")
    page.get_by_role("link", name="Add a figure").click()
    page.get_by_label("Label").fill("Households served")
    page.get_by_label("Value").fill("13000")
    page.get_by_label("Unit", exact=True).fill("households")
    page.get_by_label("As of").fill("2026-10-31")
    page.get_by_label("Source").fill("County water bureau, annual report 2025")
    page.get_by_role("button", name="Save").click()

    figure = page.locator("article.figure", has_text="Households served")
    expect(figure.locator(".badge")).to_have_text("unverified")
    figure.get_by_role("button", name="Mark verified").click()
    expect(figure.locator(".badge")).to_have_text("verified")

    page.context.clear_cookies()
    page.set_viewport_size({"width": 390, "height": 844})
    login_as("leader")
    page.goto(f"{live_server.url}/briefings/trip/{trip.pk}/")
    in_book = page.locator("article.figure", has_text="Households served")
    expect(in_book).to_contain_text("13,000")
    expect(in_book).to_contain_text("County water bureau, annual report 2025")
    expect(in_book.locator(".badge")).to_have_text("verified")
    expect(page.locator("main")).to_contain_text("Every fact in this book is verified.")
    page.screenshot(path=str(artifacts / "briefing-book-leader-phone.png"), full_page=True)
