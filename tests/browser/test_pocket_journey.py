"""Browser: the leader, on a phone, opens the trip page's print menu and downloads the
pocket itinerary: a PDF with the trip's title and its items."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.factories import ItineraryItemFactory, TripFactory, at
from tests.printing import pdf

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def browser_context_args(browser_context_args):
    """A phone: small screen, touch."""
    return {**browser_context_args, "viewport": PHONE, "is_mobile": True, "has_touch": True}


def test_leader_downloads_the_pocket_itinerary_on_a_phone(
    page: Page, live_server, login_as, secretary, leader, artifacts
):
    trip = TripFactory(
        title="Riverside water works",
        created_by=secretary,
        team={secretary: "secretary", leader: "leader"},
    )
    ItineraryItemFactory(
        trip=trip, title="Visit the pumping station", place="Pumping station No. 2",
        start=at(trip.start_date, 9),
    )  # fmt: skip
    login_as("leader")
    page.goto(f"{live_server.url}{trip.get_absolute_url()}")

    menu = page.locator("#print-menu")
    menu.scroll_into_view_if_needed()
    expect(menu).to_contain_text("Pocket itinerary")
    page.screenshot(path=str(artifacts / "pocket-print-menu-phone.png"), full_page=True)
    pocket = menu.locator("li", has_text="Pocket itinerary")
    # The menu's links are downloads: the file is saved, not opened in a viewer.
    with page.expect_download() as download_info:
        pocket.get_by_role("link", name="English (PDF)").tap()
    download = download_info.value
    assert download.suggested_filename.endswith(".pdf")
    document = download.path().read_bytes()
    assert document.startswith(b"%PDF")
    text = pdf.flat(document)
    assert "Riversidewaterworks" in text
    assert "Visitthepumpingstation" in text
