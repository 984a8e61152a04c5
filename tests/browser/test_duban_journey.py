# ruff: noqa: RUF001  (the Chinese words are written with full-width punctuation)
"""Browser, in Chinese on a phone: the 督办 round of one item. The department 签收 and
answers through its link; the secretary returns it (退回) with a reason; the department
reads the reason and answers again; the secretary accepts (销号); the leader, who raised
the matter, reads the answer (审阅) and writes a 批示 that reopens it for the department."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import Page, expect

from followups import departments
from followups.models import FollowUp
from tests.factories import TripFactory
from tests.followups.department_setup import token_for
from tests.followups.item_setup import department

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
ZH = {"locale": "zh-CN", "extra_http_headers": {"Accept-Language": "zh-CN,zh;q=0.9"}}
RETURNED = "请补充维修后的现场照片。"
INSTRUCTION = "另外两个村的水泵也要一并检修。"


@pytest.fixture
def browser_context_args(browser_context_args):
    """A phone in Chinese: small screen, touch."""
    return {
        **browser_context_args,
        **ZH,
        "viewport": PHONE,
        "is_mobile": True,
        "has_touch": True,
    }


@pytest.fixture
def raised(secretary, leader):
    """An item the leader raised, handed to a Chinese-speaking bureau."""
    trip = TripFactory(
        title="青山县调研",
        start_date=dt.date(2026, 12, 7),
        end_date=dt.date(2026, 12, 8),
        created_by=secretary,
        team={secretary: "secretary", leader: "leader"},
    )
    dept, _contact = department("青山县水利局", language="zh-hans")
    item = FollowUp.objects.create(
        trip=trip,
        department=dept,
        created_by=secretary,
        title="检修东村水泵",
        to_do="春耕前修好东村水泵。",
        due_date=dt.date(2027, 1, 31),
        status=FollowUp.Status.ASSIGNED,
        raised_by_leader=True,
    )
    return item, token_for(dept)


def answer(page: Page, text: str) -> None:
    page.locator("#id_by_name").fill("张敏")
    page.get_by_label("反馈：已办理完毕").check()
    page.locator("textarea[name=answer]").fill(text)
    page.get_by_role("button", name="提交办理情况").tap()
    expect(page.locator(".messages")).to_be_visible()


def review(page: Page, live_server, item: FollowUp, choice: str, comment: str = "") -> None:
    page.goto(f"{live_server.url}{item.get_absolute_url()}")
    page.get_by_label(choice).check()
    if comment:
        page.locator("#item-review textarea[name=comment]").fill(comment)
    page.get_by_role("button", name="提交审核意见").tap()
    expect(page.locator(".messages")).to_contain_text("审核意见已记录。")


def status(item: FollowUp) -> str:
    return FollowUp.objects.get(pk=item.pk).status


def test_return_answer_again_accept_and_the_leaders_instruction_reopens_it(
    page: Page, live_server, login_as, raised, artifacts, monkeypatch
):
    monkeypatch.setattr(departments, "LINK_POSTS_PER_HOUR", 100)
    item, token = raised
    link = f"{live_server.url}/follow-ups/d/{token}/{item.pk}/"

    # The bureau, through its link: 签收, then its answer.
    page.goto(link)
    page.locator("#id_by_name").fill("张敏")
    page.get_by_label("签收").check()
    page.get_by_role("button", name="提交办理情况").tap()
    expect(page.locator("main")).to_contain_text("已签收")
    answer(page, "水泵已修好。")
    assert status(item) == "answered"

    # The secretary returns it with the reason.
    login_as("secretary")
    review(page, live_server, item, "退回承办部门重新办理", RETURNED)
    assert status(item) == "returned"

    # The bureau reads the reason and answers again.
    page.context.clear_cookies()
    page.goto(link)
    expect(page.locator("main")).to_contain_text("办公室已退回")
    expect(page.locator("main")).to_contain_text(RETURNED)
    answer(page, "水泵已修好，现场照片已上传。")

    # The secretary accepts: the leader raised it, so it waits for the leader.
    login_as("secretary")
    review(page, live_server, item, "同意销号")
    assert status(item) == "leader_review"

    # The leader, on his phone, reads it and writes a 批示: the item reopens.
    login_as("leader")
    page.goto(f"{live_server.url}{item.get_absolute_url()}")
    expect(page.locator("main")).to_contain_text("水泵已修好，现场照片已上传。")
    page.get_by_label("作出批示").check()
    page.locator("textarea[name=instruction]").fill(INSTRUCTION)
    page.screenshot(path=str(artifacts / "duban-leader-review-phone.png"), full_page=True)
    page.get_by_role("button", name="提交审核意见").tap()
    expect(page.locator(".messages")).to_contain_text("审核意见已记录。")
    assert status(item) == "in_progress"

    # The bureau sees the 批示, and the history tells every step.
    page.context.clear_cookies()
    page.goto(link)
    expect(page.locator("main")).to_contain_text("领导批示")
    expect(page.locator("main")).to_contain_text(INSTRUCTION)
    expect(page.locator(".history")).to_contain_text("已反馈 → 已退回")
    expect(page.locator(".history")).to_contain_text("待领导审阅 → 办理中")
