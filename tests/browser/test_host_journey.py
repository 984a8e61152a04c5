# ruff: noqa: RUF001  (the Chinese notice is written with full-width punctuation)
"""Browser: the Chinese host unit reads the official notice, writes to the office; the
secretary sees the message on the dashboard and answers; the answer reaches the unit."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest
from playwright.sync_api import Page, expect

from notices.models import NoticeReply
from outbox.models import Message
from tests.browser.test_notice_journey import PHONE
from tests.notices.notice_setup import approved_visit_next_week

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def approved_trip(secretary, leader, staff):
    """An approved trip next week, led by 副省长王伟: the township and the plant (Chinese)."""
    profile = leader.profile
    profile.name, profile.title = "王伟", "副省长"
    profile.save()
    return approved_visit_next_week(secretary, leader, staff)


def test_host_reads_the_official_notice_and_gets_the_secretarys_answer(
    page: Page, live_server, login_as, approved_trip, artifacts
):
    login_as("secretary")
    page.goto(f"{live_server.url}/trips/{approved_trip.pk}/notices/")
    plant = page.locator("section.notice-unit", has_text="Hilltop water plant")
    expect(plant.locator(".notice-preview")).to_contain_text(
        "关于副省长王伟同志一行到Hilltop water plant调研的通知"
    )
    page.get_by_role("button", name="Send 2 pending notices").click()
    expect(page.locator(".messages")).to_contain_text("2 notices sent.")

    # The plant opens its link on a phone: the official notice, in Chinese.
    mail = Message.objects.get(to="li@plant.example")
    assert mail.subject == "关于副省长王伟同志一行到Hilltop water plant调研的通知"
    link = urlparse(next(word for word in mail.text_body.split() if "/n/" in word))
    unit = page.context.browser.new_context(**PHONE).new_page()
    unit.goto(f"{live_server.url}{link.path}")
    expect(unit.locator(".official-notice")).to_contain_text("副省长王伟同志一行拟于")
    expect(unit.locator(".official-notice")).to_contain_text("到贵单位调研，现将有关事项通知如下：")
    unit.locator("textarea[name=text]").fill("座谈会能否改到11:30开始？")
    unit.locator("form[action$='/message/'] button[type=submit]").click()
    unit.screenshot(path=str(artifacts / "host-message-phone.png"), full_page=True)

    # The secretary is e-mailed at once and sees it on the dashboard.
    message = NoticeReply.objects.get()
    assert Message.objects.filter(cause_key=f"trips.notice_message:{message.pk}").exists()
    page.goto(f"{live_server.url}/")
    panel = page.locator("section.host-messages")
    expect(panel).to_contain_text("座谈会能否改到11:30开始？")
    page.screenshot(path=str(artifacts / "dashboard-host-message.png"), full_page=True)
    panel.get_by_role("link", name="Answer").first.click()
    plant = page.locator("section.notice-unit", has_text="Hilltop water plant")
    plant.get_by_label("Answer to the unit").fill("可以，11:30开始。")
    plant.get_by_role("button", name="Send the answer").click()
    expect(page.locator(".messages")).to_contain_text("Your answer is on its way")

    # The answer reaches the unit by e-mail and shows on its page; the dashboard is clear.
    answer = Message.objects.get(
        to="li@plant.example", cause_key__startswith="trips.notice_message:"
    )
    assert "可以，11:30开始。" in answer.text_body
    unit.reload()
    expect(unit.locator("main")).to_contain_text("可以，11:30开始。")
    page.goto(f"{live_server.url}/")
    expect(page.locator("section.host-messages")).to_have_count(0)
