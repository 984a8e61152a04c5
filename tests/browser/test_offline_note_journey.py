"""Browser: on a phone with no signal, a note is written and kept (in the form and on the
phone, also after a reload), with a "not sent yet" banner; when the signal returns it is
sent, once, and the banner goes."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from followups.models import Note
from tests.factories import ItineraryItemFactory, TripFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
TEXT = "The township promised clean water to the east villages by spring."


@pytest.fixture
def browser_context_args(browser_context_args):
    """A phone: small screen, touch."""
    return {**browser_context_args, "viewport": PHONE, "is_mobile": True, "has_touch": True}


@pytest.fixture
def trip(secretary, leader, staff):
    trip = TripFactory(
        title="Riverside water works",
        created_by=secretary,
        team={secretary: "secretary", leader: "leader", staff: "staff"},
    )
    ItineraryItemFactory(trip=trip, title="Plant visit")
    return trip


def test_a_note_written_without_signal_is_kept_and_sent_when_the_signal_returns(
    page: Page, live_server, login_as, trip, artifacts
):
    login_as("staff")
    capture = f"{live_server.url}/trips/{trip.pk}/notes/new/"
    page.goto(capture)
    banner = page.locator("#note-unsent")
    expect(banner).to_be_hidden()

    # No signal: the note is sent, fails, stays in the form, and the banner says so.
    page.context.set_offline(True)
    page.get_by_label("Promise made to the host").tap()
    page.get_by_label("Text").fill(TEXT)
    page.get_by_label("Who said it").fill("Mayor Liu")
    page.get_by_role("button", name="Save the note").tap()
    expect(banner).to_be_visible()
    expect(banner).to_contain_text("Not sent yet")
    expect(page.get_by_label("Text")).to_have_value(TEXT)
    page.screenshot(path=str(artifacts / "offline-note-not-sent.png"), full_page=True)
    assert not Note.objects.exists()

    # The page is opened again where it loads but the note still cannot get through:
    # the note is back in the form, with the banner.
    page.route(
        "**/notes/new/",
        lambda route: route.abort() if route.request.method == "POST" else route.continue_(),
    )
    page.context.set_offline(False)
    page.reload()
    expect(banner).to_be_visible()
    expect(page.get_by_label("Text")).to_have_value(TEXT)
    expect(page.get_by_label("Who said it")).to_have_value("Mayor Liu")
    expect(page.get_by_label("Promise made to the host")).to_be_checked()
    assert not Note.objects.exists()

    # The signal returns: the note goes, once, and the banner goes.
    page.unroute("**/notes/new/")
    page.context.set_offline(True)
    page.context.set_offline(False)
    expect(banner).to_be_hidden()
    expect(page.get_by_label("Text")).to_have_value("")
    note = Note.objects.get()
    assert (note.text, note.kind, note.speaker, note.author.username) == (
        TEXT,
        "promise",
        "Mayor Liu",
        "staff",
    )
    assert (
        page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('tripdesk-notes'))") == []
    )

    # The notes page lists it under its kind.
    page.goto(f"{live_server.url}/trips/{trip.pk}/notes/")
    expect(page.locator("#trip-notes")).to_contain_text(TEXT)
    expect(page.locator("#trip-notes")).to_contain_text("Promise made to the host")
