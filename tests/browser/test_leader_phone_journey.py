"""Browser: the leader, on a phone, opens the inbox, unfolds a day of the version, comments
on one item with one tap and approves; no script, no CSP violation."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import Page, expect

from tests.factories import ItineraryItemFactory, TripFactory, at
from trips import approval
from trips.models import Trip

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
DAY = dt.date(2026, 12, 7)


@pytest.fixture
def browser_context_args(browser_context_args):
    """A phone: small screen, touch."""
    return {**browser_context_args, "viewport": PHONE, "is_mobile": True, "has_touch": True}


@pytest.fixture
def version(secretary, leader):
    """Version 1 of a three-day trip, waiting for the leader."""
    trip = TripFactory(
        title="Riverside water works",
        start_date=DAY,
        end_date=DAY + dt.timedelta(days=2),
        created_by=secretary,
        team={secretary: "secretary", leader: "leader"},
    )
    ItineraryItemFactory(trip=trip, title="Plant visit", start=at(DAY, 9), place="Water plant")
    ItineraryItemFactory(
        trip=trip, title="Village talk", start=at(DAY + dt.timedelta(days=2), 10), place="Hall"
    )
    return approval.submit(Trip.objects.with_team().get(pk=trip.pk), secretary, "Three days.")


def test_leader_comments_on_a_folded_day_with_one_tap_and_approves(
    page: Page, live_server, login_as, version, artifacts
):
    talk = version.trip.items.get(title="Village talk")
    login_as("leader")

    # The inbox opens the dashboard; the version waiting is its first link.
    inbox = page.locator("section.approvals")
    expect(inbox).to_contain_text("For my approval")
    expect(inbox).to_contain_text("Riverside water works")
    inbox.get_by_role("link", name="Riverside water works").tap()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Version 1")

    # The third day is folded: its item is out of sight until the day is tapped open.
    item = page.locator(f"#item-{talk.pk}")
    expect(item).to_be_hidden()
    page.locator("#day-2026-12-09 > summary").tap()
    expect(item).to_be_visible()

    # No comment box until the one tap on "Comment" under the item.
    box = page.get_by_label("Your comment on “Village talk”")
    expect(box).to_be_hidden()
    item.locator("summary", has_text="Comment").tap()
    expect(box).to_be_visible()
    box.fill("Meet the residents first.")
    page.screenshot(path=str(artifacts / "leader-phone-version-comment.png"), full_page=True)

    page.get_by_role("button", name="Approve").tap()
    expect(page.locator("section.decision")).to_contain_text("Approved")
    page.locator("#day-2026-12-09 > summary").tap()
    expect(page.locator(f"#item-{talk.pk} .item-comment")).to_contain_text(
        "Meet the residents first."
    )


@pytest.fixture
def version_with_note(secretary, leader):
    """Version 1 of a three-day trip, two items at once on its second day; the note asks the
    leader to look at that day."""
    trip = TripFactory(
        title="Hill villages",
        start_date=DAY,
        end_date=DAY + dt.timedelta(days=2),
        created_by=secretary,
        team={secretary: "secretary", leader: "leader"},
    )
    second, third = DAY + dt.timedelta(days=1), DAY + dt.timedelta(days=2)
    ItineraryItemFactory(trip=trip, title="Plant visit", start=at(DAY, 9), place="Water plant")
    ItineraryItemFactory(trip=trip, title="School visit", start=at(second, 9), place="School")
    ItineraryItemFactory(trip=trip, title="Clinic visit", start=at(second, 9, 30), place="Clinic")
    ItineraryItemFactory(trip=trip, title="Village talk", start=at(third, 10), place="Hall")
    trip = Trip.objects.with_team().get(pk=trip.pk)
    return approval.submit(trip, secretary, "请重点审阅第二天")


def test_the_leader_reads_the_day_the_note_names_and_the_findings_first_with_a_short_nav(
    page: Page, live_server, login_as, version_with_note, artifacts
):
    trip = version_with_note.trip
    login_as("leader")
    page.get_by_role("button", name="中文").tap()

    # The leader's own navigation: three links, none of the planning.
    nav = page.get_by_role("navigation", name="主导航")
    expect(nav.get_by_role("link")).to_have_text(["待我审批", "我的出行", "需要我协调的督办事项"])
    page.locator("section.approvals").get_by_role("link", name="Hill villages").tap()
    expect(page.get_by_role("heading", level=1)).to_contain_text("第 1 版")

    # The findings come first, before the note and the brief.
    findings = page.locator("#schedule-health")
    expect(findings).to_contain_text("待核查")
    note = page.locator("section.note")
    expect(note).to_contain_text("请重点审阅第二天")
    assert findings.bounding_box()["y"] < note.bounding_box()["y"]

    # The second day, which the note names, is open; the third stays folded.
    school = trip.items.get(title="School visit")
    talk = trip.items.get(title="Village talk")
    expect(page.locator(f"#item-{school.pk}")).to_be_visible()
    expect(page.locator(f"#item-{talk.pk}")).to_be_hidden()
    page.screenshot(path=str(artifacts / "leader-phone-note-day-open.png"), full_page=True)
