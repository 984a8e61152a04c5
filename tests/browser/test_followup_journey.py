"""Browser: on a phone, the secretary records a promise made during a visit and turns it into
a follow-up item for a department; the department answers through its e-mailed link; the
office accepts the answer; the board shows the item done with its answer, and the next
visit's briefing book shows the promise kept."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from playwright.sync_api import Page, expect

from followups.models import FollowUp
from outbox.models import Message
from tests.factories import HostUnitFactory, ItineraryItemFactory, TripFactory, at
from tests.followups.item_setup import department

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
PROMISE = "We will repair the east village pump before the spring sowing."
ANSWER = "The pump was repaired on 15 January; the village head confirmed it works."


@pytest.fixture
def browser_context_args(browser_context_args):
    """A phone: small screen, touch."""
    return {**browser_context_args, "viewport": PHONE, "is_mobile": True, "has_touch": True}


@pytest.fixture
def visits(secretary, leader):
    """This week's visit to the water works, and a second visit there next spring."""
    unit = HostUnitFactory(name="Riverside water works")
    team = {secretary: "secretary", leader: "leader"}
    first = TripFactory(
        title="Riverside inspection",
        start_date=dt.date(2026, 12, 7),
        end_date=dt.date(2026, 12, 8),
        created_by=secretary,
        team=team,
    )
    ItineraryItemFactory(
        trip=first, host_unit=unit, title="Pump station visit", start=at(first.start_date, 10)
    )
    second = TripFactory(
        title="Spring return visit",
        start_date=dt.date(2027, 4, 6),
        end_date=dt.date(2027, 4, 6),
        created_by=secretary,
        team=team,
    )
    ItineraryItemFactory(
        trip=second, host_unit=unit, title="Back at the pumps", start=at(second.start_date, 9)
    )
    dept, _contact = department("Water bureau")
    return first, second, dept


def test_a_promise_becomes_an_item_the_department_answers_and_the_next_book_shows_it_kept(
    page: Page, live_server, login_as, visits, artifacts
):
    first, second, dept = visits
    login_as("secretary")

    # During the visit, on the phone: the promise, tied to the visit.
    page.goto(f"{live_server.url}/trips/{first.pk}/notes/new/")
    page.get_by_label("Promise made to the host").tap()
    page.get_by_label("Itinerary item").select_option(value=str(first.items.get().pk))
    page.get_by_label("Text").fill(PROMISE)
    page.get_by_label("Who said it").fill("Mayor Liu")
    page.get_by_role("button", name="Save the note").tap()
    # Sent: the form is empty again for the next note, and nothing waits on the phone.
    expect(page.get_by_label("Text")).to_have_value("")
    expect(page.locator("#note-unsent")).to_be_hidden()

    # One step from the note to the item: the text and the unit come from the note.
    page.goto(f"{live_server.url}/trips/{first.pk}/notes/")
    page.get_by_role("link", name="Make a follow-up item").tap()
    expect(page.get_by_label("What is to be done")).to_have_value(PROMISE)
    expect(page.get_by_label("Host unit concerned")).to_have_value(
        str(first.items.get().host_unit_id)
    )
    page.get_by_label("Title").fill("Repair the east village pump")
    page.get_by_label("Owner department").select_option(label="Water bureau")
    page.get_by_label("Due date").fill("2027-01-31")
    page.get_by_role("button", name="Make the follow-up item").tap()
    expect(page.locator("h1")).to_contain_text("Repair the east village pump")
    item = FollowUp.objects.get()
    assert (item.department, item.note.text, item.status) == (dept, PROMISE, "pending")

    # The department gets its link by e-mail.
    page.get_by_role("button", name="Send the department its link").tap()
    expect(page.locator(".messages")).to_contain_text("The link is sent to Water bureau")
    mail = Message.objects.get(to="zhang@bureau.example")
    path = re.search(r"/follow-ups/d/[^/\s\"<]+/", mail.text_body).group(0)
    page.screenshot(path=str(artifacts / "followup-item-phone.png"), full_page=True)

    # The department, with no account, answers through the link: done, with the answer.
    page.context.clear_cookies()
    page.goto(f"{live_server.url}{path}")
    page.get_by_role("link", name="Repair the east village pump").tap()
    page.locator("#id_by_name").fill("Zhang Min")
    page.get_by_label("Answer: it is done").check()
    page.get_by_label("Answer given").fill(ANSWER)
    page.get_by_role("button", name="Send the update").tap()
    expect(page.locator("main")).to_contain_text("Thank you. The office has your update.")
    item.refresh_from_db()
    assert (item.status, item.answer) == ("answered", ANSWER)
    assert item.updates.last().by_name == "Zhang Min"

    # The office accepts the answer (销号); the board shows it done with its answer.
    login_as("secretary")
    page.goto(f"{live_server.url}{item.get_absolute_url()}")
    page.get_by_label("Accept the answer (销号)").check()
    page.get_by_role("button", name="Record the review").tap()
    expect(page.locator(".messages")).to_contain_text("Your review is recorded.")
    page.goto(f"{live_server.url}/follow-ups/")
    row = page.locator("tr.followup", has_text="Repair the east village pump")
    expect(row).to_contain_text("Done")
    page.goto(f"{live_server.url}{item.get_absolute_url()}")
    expect(page.locator("main")).to_contain_text(ANSWER)
    expect(page.locator("main")).to_contain_text("Zhang Min")

    # The next visit's briefing book: the promise made on the first visit, kept.
    page.goto(f"{live_server.url}/briefings/trip/{second.pk}/")
    promise = page.locator("li.promise", has_text="Repair the east village pump")
    expect(promise).to_have_class(re.compile(r"\bkept\b"))
    expect(promise).to_contain_text("Kept")
    expect(promise).to_contain_text(ANSWER)
    expect(promise).to_contain_text("Riverside inspection")
    page.screenshot(path=str(artifacts / "briefing-book-promise-kept.png"), full_page=True)
