"""Browser: a secretary prints an internal trip's itinerary from the trip page's print menu
and finds the download in the log; the browser's own print of the trip page is clean."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.factories import ItineraryItemFactory, TripFactory, at
from tests.printing import pdf

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_secretary_prints_the_itinerary_and_the_download_is_logged(
    page: Page, live_server, login_as, secretary, leader, artifacts
):
    trip = TripFactory(
        title="Talks on the plant merger",
        visibility="confidential",
        created_by=secretary,
        team={secretary: "secretary", leader: "leader"},
    )
    ItineraryItemFactory(trip=trip, title="Visit the pumping station", start=at(trip.start_date, 9))
    login_as("secretary")
    page.goto(f"{live_server.url}{trip.get_absolute_url()}")

    menu = page.locator("#print-menu")
    expect(menu).to_contain_text("Itinerary")
    expect(menu).to_contain_text("Party list")
    expect(page.locator("#download-log")).to_contain_text("Nobody has downloaded")

    link = menu.get_by_role("link", name="English (PDF)").first
    response = page.request.get(f"{live_server.url}{link.get_attribute('href')}")
    assert response.headers["content-type"] == "application/pdf"
    text = pdf.flat(response.body())
    assert "Visitthepumpingstation" in text and "Internal" in text

    page.reload()
    expect(page.locator("#download-log")).to_contain_text("Itinerary")
    page.screenshot(path=str(artifacts / "print-menu-and-log.png"), full_page=True)

    # The browser's own print of the trip page: content, no navigation, menus or buttons.
    page.emulate_media(media="print")
    printed = pdf.text(page.pdf(format="A4"))
    assert "Talks on the plant merger" in printed
    assert "Visit the pumping station" in printed
    for screen_only in ("Dashboard", "Log out", "Add an item", "Print", "Downloads of printed"):
        assert screen_only not in printed, screen_only
