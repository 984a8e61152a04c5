"""Browser: the secretary sends the notices; a host unit acknowledges on its phone; the
secretary sees the answer."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest
from playwright.sync_api import Page, expect

from outbox.models import Message
from tests.notices.notice_setup import approved_visit_next_week

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


@pytest.fixture
def approved_trip(secretary, leader, staff):
    """An approved trip next week: the township (English) and the plant (Chinese)."""
    return approved_visit_next_week(secretary, leader, staff)


def test_secretary_sends_notices_and_sees_the_units_acknowledgement(
    page: Page, live_server, login_as, approved_trip, artifacts
):
    login_as("secretary")
    page.goto(f"{live_server.url}/trips/{approved_trip.pk}/notices/")
    township = page.locator("section.notice-unit", has_text="Riverside township")
    expect(township).to_contain_text("Visit the pumping station")  # the preview
    page.screenshot(path=str(artifacts / "notices-before-sending.png"), full_page=True)
    page.get_by_role("button", name="Send 2 pending notices").click()
    expect(page.locator(".messages")).to_contain_text("2 notices sent.")
    expect(township).to_contain_text("Not yet")

    # The host unit opens the link from its e-mail on a phone, with no account.
    text = Message.objects.get(to="zhang@township.example").text_body
    link = urlparse(next(word for word in text.split() if "/n/" in word))
    unit = page.context.browser.new_context(**PHONE).new_page()
    unit.goto(f"{live_server.url}{link.path}")
    expect(unit.get_by_role("heading", level=1)).to_contain_text("Riverside township")
    expect(unit.locator("main")).not_to_contain_text("Forum with the plant workers")
    unit.get_by_label("Your name").fill("Zhang Wei")
    unit.get_by_label("On-site contact", exact=True).fill("Wang Fang")
    unit.get_by_label("On-site contact's phone").fill("+86 10 5555 1234")
    unit.get_by_label("Your preparation").select_option("ready")
    unit.get_by_role("button", name="Acknowledge").click()
    expect(unit.locator(".messages")).to_contain_text("Thank you")
    expect(unit.locator(".confirmed")).to_contain_text("Zhang Wei")
    unit.screenshot(path=str(artifacts / "notice-acknowledged-phone.png"), full_page=True)

    page.reload()
    expect(township).to_contain_text("by Zhang Wei")
    expect(township).to_contain_text("Wang Fang")
    expect(township).to_contain_text("Ready")
    page.screenshot(path=str(artifacts / "notices-acknowledged.png"), full_page=True)
    page.goto(f"{live_server.url}/trips/{approved_trip.pk}/")
    expect(page.locator(".notices-summary")).to_contain_text("1 of 2 units acknowledged.")
