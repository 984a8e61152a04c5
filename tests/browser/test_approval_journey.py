"""Browser: the secretary submits, the leader asks for a change on a phone, then approves."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.factories import ItineraryItemFactory, TripFactory, at

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TO = "\N{EN DASH}"  # between a start and an end
PHONE = {"width": 390, "height": 844}
DAY = dt.date(2026, 12, 7)


@pytest.fixture
def trip(secretary, leader):
    """A one-day trip whose forum starts before the plant visit ends."""
    trip = TripFactory(
        title="Riverside water works",
        start_date=DAY,
        end_date=DAY,
        created_by=secretary,
        team={secretary: "secretary", leader: "leader"},
    )
    ItineraryItemFactory(trip=trip, title="Plant visit", start=at(DAY, 9), place="Water plant")
    ItineraryItemFactory(
        trip=trip, title="Township forum", kind="forum", start=at(DAY, 9, 30), place="Water plant"
    )
    return trip


def log_in(page: Page, base_url: str, username: str) -> None:
    """Log in through the real form (its own button: the header has language buttons too)."""
    page.goto(f"{base_url}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "pw-for-tests-1")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{base_url}/")


def edit_item(page: Page, pk: int, start: str, end: str) -> None:
    """Edit an item's times in place (htmx) and save."""
    page.locator(f"#item-{pk}").get_by_role("link", name="Edit").click()
    form = page.locator(f"form#item-{pk}")
    form.locator("input[name=start]").fill(start)
    form.locator("input[name=end]").fill(end)
    form.get_by_role("button", name="Save").click()
    expect(page.locator(f"article#item-{pk}")).to_be_visible()


def test_leader_sends_the_plan_back_then_approves_and_later_edits_show_as_changes(
    page: Page, browser: Browser, live_server, trip, artifacts
):
    url = live_server.url
    trip_url = f"{url}{trip.get_absolute_url()}"
    forum = trip.items.get(title="Township forum")
    plant = trip.items.get(title="Plant visit")

    # The secretary submits version 1, finding and all.
    log_in(page, url, "secretary")
    page.goto(trip_url)
    expect(page.locator("#schedule-health")).to_contain_text("two places at once")
    # Unconfirmed, the submission stops at a page that lists the finding, the note kept.
    page.get_by_label("Note to the leader").fill("The forum may start too early.")
    page.get_by_role("button", name="Submit for approval").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Submit with findings open?")
    expect(page.locator("#schedule-health")).to_contain_text("two places at once")
    expect(page.get_by_label("Note to the leader")).to_have_value("The forum may start too early.")
    page.get_by_label("Submit with one finding open: the leader sees it first.").check()
    page.get_by_role("button", name="Submit for approval").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Version 1")

    # The leader, on a phone, reads it, confirms the brief and asks for a change on one item.
    phone = browser.new_context(viewport=PHONE).new_page()
    log_in(phone, url, "leader")
    phone.goto(trip_url)
    phone.get_by_role("link", name="Version 1 waits for your decision.").click()
    expect(phone.locator("#schedule-health")).to_contain_text(
        "“Plant visit” ends at 10:00 but “Township forum” starts at 09:30"
    )
    expect(phone.locator(f"#item-{forum.pk} .item-findings")).to_be_visible()
    phone.get_by_role("button", name="I confirm this states my intention").click()
    expect(phone.locator(".confirmed")).to_contain_text("Confirmed by Lee Wang")
    phone.locator(f"#item-{forum.pk} summary", has_text="Comment").click()  # one tap opens it
    phone.get_by_label("Your comment on “Township forum”").fill("Start it after the plant visit.")
    phone.get_by_role("button", name="Request changes").click()
    expect(phone.locator("section.decision")).to_contain_text("Changes requested")
    expect(phone.locator(f"#item-{forum.pk} .item-comment")).to_contain_text("after the plant")

    # The secretary sees the comment beside the forum, moves the forum (the finding goes
    # away), marks the comment done and submits again.
    page.goto(trip_url)
    expect(page.locator("#workflow .badge").first).to_have_text("Changes requested")
    expect(page.locator("#comment-summary")).to_contain_text("1 comment, 0 done")
    expect(page.locator(f"#item-{forum.pk} .leader-comments")).to_contain_text("after the plant")
    edit_item(page, forum.pk, "2026-12-07T10:15", "2026-12-07T11:15")
    expect(page.locator("#schedule-health")).to_contain_text("No problems found")
    page.locator(f"#item-{forum.pk}").get_by_role("button", name="Mark done").click()
    expect(page.locator("#comment-summary")).to_contain_text("1 comment, 1 done")
    page.get_by_role("button", name="Submit for approval").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Version 2")

    # The leader sees what changed and approves.
    phone.goto(trip_url)
    phone.get_by_role("link", name="Version 2 waits for your decision.").click()
    expect(phone.locator(".read-back")).to_contain_text("Brief unchanged since version 1")
    changes = phone.locator("section.changes")
    expect(changes).to_contain_text("Moved")
    expect(changes).to_contain_text(f"Monday 7 December 2026, 09:30{TO}10:30")
    expect(changes).to_contain_text(f"Monday 7 December 2026, 10:15{TO}11:15")
    phone.screenshot(path=str(artifacts / "approval-leader-version-2-phone.png"), full_page=True)
    phone.get_by_role("button", name="Approve").click()
    expect(phone.locator("section.decision")).to_contain_text("Approved")

    # The secretary edits an item: the page says the plan changed since approval, and how.
    page.goto(trip_url)
    expect(page.locator("#workflow .badge").first).to_have_text("Approved")
    expect(page.locator("#workflow")).not_to_contain_text("Changed since approval")
    edit_item(page, plant.pk, "2026-12-07T09:00", "2026-12-07T09:50")
    banner = page.locator(".changed-banner")
    expect(banner).to_contain_text("Changed since approval")
    expect(banner).to_contain_text("Plant visit")
    expect(banner).to_contain_text(f"Monday 7 December 2026, 09:00{TO}09:50")
    expect(page.get_by_role("button", name="Submit again")).to_be_visible()
    shot = artifacts / "approval-secretary-changed-since-approval.png"
    page.screenshot(path=str(shot), full_page=True)
