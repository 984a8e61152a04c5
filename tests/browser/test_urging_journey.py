# ruff: noqa: RUF001  (Chinese text is written with full-width punctuation)
"""Browser, in Chinese: the board lights each open item (绿灯、黄灯、红灯, always with its word)
and filters by light; on the item's page the secretary sends a 催办通知 by e-mail and records
a phone call, and both rounds are listed (第1次催办、第2次催办)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from accounts.models import Profile
from directory.models import Contact
from followups.models import Urging
from outbox.models import Message
from tests.factories import DepartmentFactory, TripFactory
from tests.followups.item_setup import item

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ZH = {"locale": "zh-CN", "extra_http_headers": {"Accept-Language": "zh-CN,zh;q=0.9"}}


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": {"width": 1280, "height": 900}, **ZH}


@pytest.fixture
def items(settings, secretary, leader):
    """Three open items of one trip: due in ten days, in two days, and two days ago."""
    settings.DUBAN_WARN_DAYS = 3
    Profile.objects.filter(user=secretary).update(name="李娜", language="zh-hans")
    contact = Contact.objects.create(
        name="周敏", department="省水利厅农村饮水处", email="zhou@slt.example"
    )
    bureau = DepartmentFactory(name="省水利厅农村饮水处", language="zh-hans", contacts=[contact])
    trip = TripFactory(title="青山县调研", team={secretary: "secretary", leader: "leader"})
    today = timezone.localdate()
    made = {}
    for title, days in (("编制供水方案", 10), ("修复东村水泵", 2), ("更换监测仪", -2)):
        due = today + dt.timedelta(days=days)
        made[title] = item(trip, secretary, bureau, title=title, to_do=title, due_date=due)
    return made


def row(page: Page, title: str):
    return page.locator("tr.followup", has_text=title)


def test_the_board_lights_the_items_and_two_urging_rounds_are_recorded(
    page: Page, live_server, login_as, items
):
    login_as("secretary")

    page.goto(f"{live_server.url}/follow-ups/")
    expect(row(page, "编制供水方案")).to_contain_text("绿灯（正常）")
    expect(row(page, "修复东村水泵")).to_contain_text("黄灯（预警）")
    expect(row(page, "更换监测仪")).to_contain_text("红灯（滞后）")
    expect(page.locator(".light-counts")).to_contain_text("红灯（滞后）：1")

    page.get_by_label("督办亮灯").select_option(label="红灯（滞后）")
    page.get_by_role("button", name="筛选").click()
    expect(page.locator("tr.followup")).to_have_count(1)
    expect(row(page, "更换监测仪")).to_be_visible()

    # The yellow item: a 催办通知 by e-mail, then a phone call.
    page.goto(f"{live_server.url}{items['修复东村水泵'].get_absolute_url()}")
    expect(page.locator("h1 + p")).to_contain_text("黄灯（预警）")
    page.get_by_label("给承办部门的话").fill("村民反映强烈，请抓紧办理。")
    page.get_by_role("button", name="邮件催办").click()
    expect(page.locator(".messages")).to_contain_text("第1次催办已发送给周敏")
    page.get_by_label("致电对象").fill("周敏，0571-8888 1234")
    page.get_by_label("对方答复").fill("本周内答复。")
    page.get_by_role("button", name="记录电话").click()
    expect(page.locator(".messages")).to_contain_text("第2次催办已记录。")

    rounds = page.locator("ol.urgings li")
    expect(rounds).to_have_count(2)
    expect(rounds.nth(0)).to_contain_text("第1次催办 · 邮件")
    expect(rounds.nth(1)).to_contain_text("第2次催办 · 电话")
    expect(rounds.nth(1)).to_contain_text("本周内答复。")

    assert Urging.objects.filter(followup=items["修复东村水泵"]).count() == 2
    notice = Message.objects.get(cause_key__startswith="followup_urging:")
    assert notice.to == "zhou@slt.example" and "村民反映强烈" in notice.text_body
