"""Browser: a secretary logs in, works in Chinese, and follows a test e-mail to the mail log."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_secretary_sends_a_test_email_in_chinese_and_finds_it_in_the_mail_log(
    page: Page, live_server, login_as, secretary, artifacts
):
    login_as("secretary")
    page.get_by_role("button", name="中文").click()
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")
    expect(page.get_by_role("heading", level=1)).to_contain_text("工作台")

    page.goto(f"{live_server.url}/profile/")
    page.get_by_role("button", name="给我发一封测试邮件").click()
    expect(page.locator(".messages")).to_contain_text(secretary.email)

    page.goto(f"{live_server.url}/mail/")
    row = page.locator("table.list tbody tr").first
    expect(row).to_contain_text(secretary.email)
    expect(row).to_contain_text("已发送")
    page.screenshot(path=str(artifacts / "foundation-mail-log-zh.png"), full_page=True)
