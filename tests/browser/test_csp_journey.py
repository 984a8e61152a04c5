"""Browser: the pages that once held inline scripts and styles work under the CSP, unrefused."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.outbox.factories import MessageFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_refused_inline_handler_is_caught(page: Page, live_server):
    page.goto(f"{live_server.url}/accounts/login/")
    # With alt text: the page's own accessibility check must not trip over the test's image.
    image = '<img src=x alt="" onerror=1>'
    # Waits for Chromium's report (up to Playwright's timeout) rather than a fixed time.
    with page.expect_console_message(lambda message: "Content Security Policy" in message.text):
        page.evaluate(f"document.body.insertAdjacentHTML('beforeend', '{image}')")
    assert any("Content Security Policy" in v for v in page.csp_violations)
    page.csp_violations.clear()  # caught: the fixture's own check passes


def test_the_calendar_address_is_selected_on_focus_and_renewal_asks_first(
    page: Page, live_server, login_as, secretary
):
    login_as("secretary")
    page.goto(f"{live_server.url}/profile/")
    field = page.locator("#calendar-url")
    old = field.input_value()
    field.focus()
    assert page.evaluate("document.getSelection().toString() || "
                         "document.activeElement.selectionEnd") not in ("", 0)  # fmt: skip
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Make a new address").click()
    expect(page.locator("#calendar-card")).to_contain_text("New calendar address made")
    assert page.locator("#calendar-url").input_value() != old


def test_the_mail_log_shows_an_emails_html_in_its_sandboxed_frame(
    page: Page, live_server, login_as, secretary
):
    message = MessageFactory(to=secretary.email)
    login_as("secretary")
    page.goto(f"{live_server.url}/mail/{message.pk}/")
    frame = page.frame_locator("iframe[sandbox]")
    expect(frame.locator("b")).to_have_text("9:00")


def test_an_emails_own_styles_apply_in_the_frame_without_a_violation(
    page: Page, live_server, login_as, secretary
):
    html = "<style>b { color: rgb(200, 0, 0) }</style><p>At <b>9:00</b></p>"
    message = MessageFactory(to=secretary.email, html_body=html)
    login_as("secretary")
    page.goto(f"{live_server.url}/mail/{message.pk}/")
    bold = page.frame_locator("iframe[sandbox]").locator("b")
    expect(bold).to_have_css("color", "rgb(200, 0, 0)")
