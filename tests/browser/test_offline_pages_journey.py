"""Browser: on a phone, one visit of the note page keeps it and the party's day on the phone
(the service worker): without signal both open again, a note is written and waits; logging
out asks first, then leaves nothing behind (no note, no draft, no kept page). An internal
trip's page is never kept and its notes live in the tab's session only; notes left unsent
too long are dropped, and the page says how many."""

from __future__ import annotations

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from followups.models import Note
from tests.factories import ItineraryItemFactory, TripFactory, at

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
TEXT = "The township asked for a second pumping station."

# The paths of the pages the service worker keeps, in every login's cache.
KEPT_PAGES = """async () => {
  const names = (await caches.keys()).filter((n) => n.startsWith("tripdesk-pages-"));
  const urls = [];
  for (const name of names) {
    const requests = await (await caches.open(name)).keys();
    urls.push(...requests.map((request) => new URL(request.url).pathname));
  }
  return urls.sort();
}"""
OUR_CACHES = "async () => (await caches.keys()).filter((n) => n.startsWith('tripdesk-'))"
NOTE_KEYS = "(store) => Object.keys(window[store]).filter((k) => k.startsWith('tripdesk-notes-'))"
QUEUE = "JSON.parse(localStorage.getItem(document.querySelector('[data-note-form]').dataset.queue))"


@pytest.fixture
def browser_context_args(browser_context_args):
    """A phone: small screen, touch."""
    return {**browser_context_args, "viewport": PHONE, "is_mobile": True, "has_touch": True}


@pytest.fixture
def trips(secretary, leader, staff):
    team = {secretary: "secretary", leader: "leader", staff: "staff"}
    # On the road today, whatever the date the suite runs on: the day page shows today.
    today = timezone.localdate()
    office = TripFactory(
        title="Riverside water works",
        start_date=today,
        end_date=today,
        created_by=secretary,
        team=team,
    )
    ItineraryItemFactory(
        trip=office,
        title="Pumping station visit",
        place="Pumping station No. 2",
        start=at(today, 9),
    )
    internal = TripFactory(
        title="Talks on the merger", visibility="confidential", created_by=secretary, team=team
    )
    return office, internal


def wait_for_kept(page: Page, *paths: str) -> None:
    """Until the service worker has kept these pages (it fetches them after the visit)."""
    expected = sorted(paths)
    for _ in range(100):
        if page.evaluate(KEPT_PAGES) == expected:
            return
        page.wait_for_timeout(100)
    assert page.evaluate(KEPT_PAGES) == expected


def test_one_visit_keeps_the_note_page_and_the_day_and_logging_out_forgets_them(
    page: Page, live_server, login_as, trips, artifacts
):
    office, _internal = trips
    capture = f"/trips/{office.pk}/notes/new/"
    day = f"/trips/{office.pk}/today/"
    login_as("staff")
    page.goto(live_server.url + capture)
    expect(page.get_by_text("This page and unsent notes are kept on this phone")).to_be_visible()
    wait_for_kept(page, capture, day)

    # No signal: the page opens again, from the phone, and so does the party's day.
    page.context.set_offline(True)
    reloaded = page.reload()
    assert reloaded.from_service_worker
    expect(page.get_by_role("heading", name="Write a note")).to_be_visible()
    page.get_by_role("link", name="The day's itinerary").tap()
    expect(page.get_by_text("Pumping station visit")).to_be_visible()
    expect(page.get_by_text("This page is kept on this phone until you log out")).to_be_visible()
    page.screenshot(path=str(artifacts / "offline-day.png"), full_page=True)
    page.go_back()

    # A note written without signal waits on the phone.
    page.get_by_label("Request from the people met").tap()
    page.get_by_label("Text").fill(TEXT)
    page.get_by_role("button", name="Save the note").tap()
    expect(page.locator("#note-unsent")).to_be_visible()
    assert len(page.evaluate(QUEUE)) == 1
    page.screenshot(path=str(artifacts / "offline-note-kept.png"), full_page=True)

    # The signal returns but the note still cannot get through (the server is not reached).
    page.context.route(
        "**/notes/new/",
        lambda route: route.abort() if route.request.method == "POST" else route.continue_(),
    )
    page.context.set_offline(False)
    page.reload()
    expect(page.locator("#note-unsent")).to_be_visible()

    # Logging out asks first: "no" keeps everything.
    questions: list[str] = []
    answer = {"accept": False}

    def on_dialog(dialog) -> None:
        questions.append(dialog.message)
        dialog.accept() if answer["accept"] else dialog.dismiss()

    page.on("dialog", on_dialog)
    page.locator(".usermenu summary").tap()
    page.get_by_role("button", name="Log out").tap()
    expect(page.get_by_role("heading", name="Write a note")).to_be_visible()
    assert questions and "Some notes have not been sent yet" in questions[0]
    assert page.evaluate(NOTE_KEYS, "localStorage")
    assert page.evaluate(KEPT_PAGES) == [capture, day]

    # "Yes": logged out, and the phone keeps nothing of it.
    answer["accept"] = True
    page.get_by_role("button", name="Log out").tap()
    expect(page.get_by_role("heading", name="You are logged out")).to_be_visible()
    assert len(questions) == 2
    assert page.evaluate(NOTE_KEYS, "localStorage") == []
    assert page.evaluate(NOTE_KEYS, "sessionStorage") == []
    assert page.evaluate(OUR_CACHES) == []
    assert not Note.objects.exists()

    # Without signal, the note page is no longer there to read.
    page.context.unroute("**/notes/new/")
    page.context.set_offline(True)
    with pytest.raises(Exception, match="ERR_INTERNET_DISCONNECTED"):
        page.goto(live_server.url + capture)


def test_an_internal_trips_page_is_not_kept_and_its_notes_last_the_session(
    page: Page, live_server, login_as, trips
):
    office, internal = trips
    login_as("staff")
    # The worker is there (an office trip's page was visited), but keeps nothing of this trip.
    page.goto(f"{live_server.url}/trips/{office.pk}/notes/new/")
    wait_for_kept(page, f"/trips/{office.pk}/notes/new/", f"/trips/{office.pk}/today/")
    page.goto(f"{live_server.url}/trips/{internal.pk}/notes/new/")
    expect(page.get_by_text("Internal trip: this page is not kept on this phone")).to_be_visible()
    page.goto(f"{live_server.url}/trips/{internal.pk}/today/")
    page.goto(f"{live_server.url}/trips/{internal.pk}/notes/new/")
    assert not [p for p in page.evaluate(KEPT_PAGES) if f"/trips/{internal.pk}/" in p]

    page.context.set_offline(True)
    page.get_by_label("Decision", exact=True).tap()
    page.get_by_label("Text").fill("Merge the two plants next year.")
    page.get_by_role("button", name="Save the note").tap()
    expect(page.locator("#note-unsent")).to_be_visible()
    staff = internal.members.get(role="staff").user_id
    assert page.evaluate(NOTE_KEYS, "sessionStorage") == [f"tripdesk-notes-{internal.pk}-{staff}"]
    assert page.evaluate(NOTE_KEYS, "localStorage") == []
    # Without signal the page is not there to open again (the browser's own error).
    with pytest.raises(Exception, match=r"net::ERR_"):
        page.reload()


def test_notes_left_unsent_too_long_are_dropped_and_the_page_says_how_many(
    page: Page, live_server, login_as, trips, settings
):
    office, _internal = trips
    login_as("staff")
    capture = f"{live_server.url}/trips/{office.pk}/notes/new/"
    page.goto(capture)
    wait_for_kept(page, f"/trips/{office.pk}/notes/new/", f"/trips/{office.pk}/today/")
    queue = page.locator("form[data-note-form]").get_attribute("data-queue")
    hours = int(page.locator("form[data-note-form]").get_attribute("data-queue-hours"))
    assert hours == settings.NOTE_QUEUE_HOURS == 72
    old = f"Date.now() - {hours + 1} * 3600 * 1000"
    note = "(key, at) => ({ fields: { kind: 'seen', text: 'old' }, client_key: key, saved_at: at })"
    page.evaluate(
        f"""() => {{
      const note = {note};
      const queue = [note("a", {old}), note("b", {old}), note("c", Date.now())];
      localStorage.setItem("{queue}", JSON.stringify(queue));
      localStorage.setItem("{queue}-draft", JSON.stringify(note("d", {old})));
    }}"""
    )
    # Nothing may be sent meanwhile: the fresh note stays in the queue.
    page.context.set_offline(True)
    page.reload()
    expired = page.locator("#note-expired")
    expect(expired).to_be_visible()
    expect(expired).to_contain_text("3 notes or drafts")
    kept = page.evaluate(f"JSON.parse(localStorage.getItem('{queue}'))")
    assert [entry["client_key"] for entry in kept] == ["c"]
    assert page.evaluate(f"localStorage.getItem('{queue}-draft')") is None


def test_another_login_on_the_same_phone_never_reads_the_pages_kept_for_the_first(
    page: Page, live_server, login_as, trips
):
    office, _internal = trips
    capture = f"/trips/{office.pk}/notes/new/"
    login_as("staff")
    page.goto(live_server.url + capture)
    wait_for_kept(page, capture, f"/trips/{office.pk}/today/")

    # The session ends without logging out (the browser closed); someone else logs in.
    page.context.clear_cookies()
    login_as("secretary")
    wait_for_kept(page)  # nothing kept any more
    page.context.set_offline(True)
    with pytest.raises(Exception, match=r"net::ERR_"):
        page.goto(live_server.url + capture)
