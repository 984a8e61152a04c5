"""Browser: staff open the trip pack from the trip page's print menu, watch the waiting page's
progress while the pack is rendered in the background, then download it when the link shows.

The tests run Celery eagerly (tests/conftest.py) and without ATOMIC_REQUESTS, so the queued
task would run inside the request and the waiting page would offer the file at once. The
live server is a thread of this process: the test holds the task back (as a busy worker
would), sees the progress, then runs it (the worker's turn) and the page's poll finds it.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from printing import tasks
from tests.factories import ItineraryItemFactory, TripFactory, at
from tests.printing import pdf

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_wait_for_the_trip_pack_then_download_it(
    page: Page,
    live_server,
    login_as,
    secretary,
    leader,
    staff,
    artifacts,
    monkeypatch,
    settings,
    tmp_path,
):
    # An empty cache of its own: an earlier run's copy of the same pack would be served
    # at once, with no waiting page.
    settings.PDF_CACHE_DIR = tmp_path / "pdf-cache"
    trip = TripFactory(
        title="Riverside water works",
        created_by=secretary,
        team={secretary: "secretary", leader: "leader", staff: "staff"},
    )
    ItineraryItemFactory(trip=trip, title="Visit the pumping station", start=at(trip.start_date, 9))
    queued = []
    monkeypatch.setattr(tasks.render_pack, "delay_on_commit", lambda *args: queued.append(args))
    login_as("staff")
    page.goto(f"{live_server.url}{trip.get_absolute_url()}")

    pack = page.locator("#print-menu li", has_text="Trip pack")
    pack.get_by_role("link", name="English (PDF)").click()
    status = page.locator("#pack-status")
    expect(status).to_contain_text("Preparing the trip pack")
    expect(status.locator("progress")).to_be_visible()
    assert queued == [(trip.pk, "en", staff.pk)]
    page.screenshot(path=str(artifacts / "pack-waiting.png"), full_page=True)

    tasks.render_pack(*queued[0])  # the worker's turn; the page polls every second
    link = status.get_by_role("link", name="Download the trip pack (PDF)")
    expect(link).to_be_visible(timeout=10_000)
    expect(status.locator("progress")).to_have_count(0)
    page.screenshot(path=str(artifacts / "pack-ready.png"), full_page=True)

    response = page.request.get(f"{live_server.url}{link.get_attribute('href')}")
    assert response.headers["content-type"] == "application/pdf"
    text = pdf.flat(response.body())
    assert "Riversidewaterworks" in text and "Visitthepumpingstation" in text
