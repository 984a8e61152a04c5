# ruff: noqa: RUF001  (Chinese text is written with full-width punctuation)
"""Browser, in Chinese on a phone: the department asks for more time (延期申请) through its
link, with a date too early first (the error beside the field, what was typed kept); the
secretary approves it on the item's page; the board then shows the new date with the first."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from playwright.sync_api import Page, expect

from followups.models import FollowUp
from tests.factories import TripFactory, at
from tests.followups.department_setup import item_url, token_for
from tests.followups.item_setup import department, item

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ZH = {"locale": "zh-CN", "extra_http_headers": {"Accept-Language": "zh-CN,zh;q=0.9"}}
DUE = dt.date(2027, 3, 15)
REASON = "水泵配件须从厂家调货，预计三月底到货。"


@pytest.fixture
def browser_context_args(browser_context_args):
    return {
        **browser_context_args,
        **ZH,
        "viewport": {"width": 390, "height": 844},
        "is_mobile": True,
        "has_touch": True,
    }


@pytest.fixture
def pump(secretary, leader):
    trip = TripFactory(title="青山县调研", team={secretary: "secretary", leader: "leader"})
    bureau = department("青山县水利局", language="zh-hans")[0]
    return item(trip, secretary, bureau, title="修复东村水泵", due_date=DUE)


def test_the_department_asks_for_more_time_and_the_secretary_approves(
    page: Page, live_server, login_as, pump
):
    with time_machine.travel(at(DUE - dt.timedelta(days=5), 9), tick=True):
        page.goto(f"{live_server.url}{item_url(token_for(pump.department), pump)}")
        ask = page.locator("form", has=page.get_by_role("button", name="提交申请"))
        ask.get_by_label("您的姓名").fill("张敏")
        ask.get_by_label("申请延至").fill("2027-03-10")
        ask.get_by_label("延期理由").fill(REASON)
        ask.get_by_role("button", name="提交申请").click()

        ask = page.locator("form", has=page.get_by_role("button", name="提交申请"))
        expect(ask).to_contain_text("请选择办结时限（2027年3月15日（星期一））之后的日期。")
        expect(ask.get_by_label("延期理由")).to_have_value(REASON)
        ask.get_by_label("申请延至").fill("2027-04-10")
        ask.get_by_role("button", name="提交申请").click()
        expect(page.locator(".messages")).to_contain_text("延期申请已报送办公室。")
        expect(page.locator("#extensions")).to_contain_text("待办公室审批")

        login_as("secretary")
        page.goto(f"{live_server.url}{pump.get_absolute_url()}")
        decide = page.locator("#extensions form")
        expect(page.locator("#extensions")).to_contain_text(REASON)
        decide.get_by_label("同意延期", exact=True).check()
        decide.get_by_role("button", name="提交审批意见").click()
        expect(page.locator(".messages")).to_contain_text("审批意见已记录。")

        page.goto(f"{live_server.url}/follow-ups/")
        row = page.locator("tr.followup", has_text="修复东村水泵")
        expect(row).to_contain_text("2027年4月10日")
        expect(row).to_contain_text("（已延期，原定2027年3月15日（星期一））")
    pump = FollowUp.objects.get(pk=pump.pk)
    assert (pump.due_date, pump.original_due_date) == (dt.date(2027, 4, 10), DUE)
