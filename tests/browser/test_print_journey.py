"""Browser: a secretary prints an internal trip's itinerary from the trip page's print menu
and finds the download in the log; the browser's own print of the trip page and of the
timeline is clean."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
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


def test_the_browsers_print_of_the_timeline_is_clean(
    page: Page, live_server, login_as, secretary, artifacts
):
    trip = TripFactory(
        title="Riverside waterworks visit",
        end_date=dt.date(2026, 12, 22),
        start_date=dt.date(2026, 12, 21),
        created_by=secretary,
        team={secretary: "secretary"},
    )
    ItineraryItemFactory(trip=trip, title="Visit the pumping station", start=at(trip.start_date, 9))
    ItineraryItemFactory(trip=trip, title="Talk with the staff", start=at(trip.start_date, 14))
    ItineraryItemFactory(trip=trip, title="Train back home", start=at(trip.end_date, 8))
    login_as("secretary")
    page.goto(f"{live_server.url}{reverse('trips:trip_timeline', args=[trip.pk])}")
    # trips/timeline.css is served: the 14:00 block sits well below the 09:00 one.
    visit, talk = (page.locator(".tl-block", has_text=title) for title in ("pumping", "staff"))
    assert talk.bounding_box()["y"] - visit.bounding_box()["y"] > 100
    page.screenshot(path=str(artifacts / "timeline.png"), full_page=True)

    page.emulate_media(media="print")
    page.screenshot(path=str(artifacts / "timeline-print.png"), full_page=True)
    printed = page.pdf(format="A4", print_background=True)
    text = pdf.text(printed)
    for shown in ("Riverside waterworks visit", "Monday 21 December 2026", "Train back home"):
        assert shown in text, shown
    for screen_only in ("Dashboard", "Log out", "← Riverside"):
        assert screen_only not in text, screen_only
    # Both days on one A4 page, side by side: their headings on one line.
    assert pdf.pages(printed) == 1
    tops = {}
    for word, _x0, y0, _x1, _y1 in pdf.words(printed):
        tops.setdefault(word, y0)  # the first: the day's heading
    assert tops["Monday"] == pytest.approx(tops["Tuesday"], abs=1)
