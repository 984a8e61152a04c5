# ruff: noqa: RUF001  (Chinese text is written with full-width punctuation)
"""Browser, in Chinese on a phone, in frozen time: an item's light goes 绿 → 黄 → 红 as its
due date nears and passes, and the two 催办通知 the secretary sends on the way are recorded
as rounds and arrive at a real SMTP server."""

from __future__ import annotations

import datetime as dt
import email.header

import pytest
import time_machine
from playwright.sync_api import Page, expect

from accounts.models import Profile
from directory.models import Contact
from followups.models import Urging
from tests.factories import DepartmentFactory, TripFactory, at
from tests.fixtures.mail import wait_until
from tests.followups.item_setup import item

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ZH = {"locale": "zh-CN", "extra_http_headers": {"Accept-Language": "zh-CN,zh;q=0.9"}}
DUE = dt.date(2027, 3, 15)


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
def pump(settings, secretary, leader):
    settings.DUBAN_WARN_DAYS = 3
    Profile.objects.filter(user=secretary).update(name="李娜", language="zh-hans")
    contact = Contact.objects.create(name="周敏", department="县水利局", email="zhou@sl.example")
    bureau = DepartmentFactory(name="县水利局", language="zh-hans", contacts=[contact])
    trip = TripFactory(title="青山县调研", team={secretary: "secretary", leader: "leader"})
    return item(trip, secretary, bureau, title="修复东村水泵", due_date=DUE)


def subjects(server) -> list[str]:
    return [
        str(email.header.make_header(email.header.decode_header(m["Subject"])))
        for m in server.messages
    ]


def urge(page: Page, note: str) -> None:
    page.get_by_label("给承办部门的话").fill(note)
    page.get_by_role("button", name="邮件催办").click()


def test_the_light_turns_yellow_then_red_and_two_urging_notices_arrive(
    page: Page, live_server, login_as, pump, smtp_server
):
    light = page.locator("h1 + p")
    with time_machine.travel(at(DUE - dt.timedelta(days=10), 9), tick=True) as clock:
        login_as("secretary")
        page.goto(f"{live_server.url}{pump.get_absolute_url()}")
        expect(light).to_contain_text("绿灯（正常）")

        clock.move_to(at(DUE - dt.timedelta(days=2), 9))
        page.reload()
        expect(light).to_contain_text("黄灯（预警）")
        urge(page, "请抓紧办理。")
        expect(page.locator(".messages")).to_contain_text("第1次催办已发送给周敏")

        clock.move_to(at(DUE + dt.timedelta(days=1), 9))
        page.reload()
        expect(light).to_contain_text("红灯（滞后）")
        urge(page, "已逾期，请今日答复。")
        expect(page.locator(".messages")).to_contain_text("第2次催办已发送给周敏")

    rounds = page.locator("ol.urgings li")
    expect(rounds).to_have_count(2)
    assert list(Urging.objects.filter(followup=pump).values_list("round", "channel")) == [
        (1, "email"),
        (2, "email"),
    ]
    assert wait_until(lambda: len(smtp_server.messages) == 2)
    assert subjects(smtp_server) == [
        "催办通知（第1次催办）：修复东村水泵",
        "催办通知（第2次催办）：修复东村水泵",
    ]
    assert all(env.rcpt_tos == ["zhou@sl.example"] for env in smtp_server.envelopes)
