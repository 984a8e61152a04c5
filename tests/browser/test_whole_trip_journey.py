# ruff: noqa: RUF001  (the office types Chinese with full-width punctuation)
"""Browser, in Chinese, on a desktop and on phones: a 调研 from an empty trip to a closed one,
as a real office runs it. The secretary builds it (two host units, items, the party), moves
its dates once, submits it; the leader sends it back from a phone and then approves it; the
hosts are told and acknowledge; on the day the party takes a note, a promise becomes a
follow-up item, the department answers through its link, the secretary checks the answer
and the trip is closed. Every page on the way is read for half-width punctuation beside a
Chinese character."""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urlparse

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from accounts.models import Profile
from followups.models import FollowUp
from notices.models import Notice
from outbox.models import Message
from tests.config.test_punctuation import half_width_beside_chinese
from tests.factories import ContactFactory, DepartmentFactory, HostUnitFactory
from trips.models import Trip

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESKTOP = {"viewport": {"width": 1440, "height": 900}}
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
ZH = {"locale": "zh-CN", "extra_http_headers": {"Accept-Language": "zh-CN,zh;q=0.9"}}


@pytest.fixture
def browser_context_args(browser_context_args):
    """The secretary's desk: a wide screen, in Chinese."""
    return {**browser_context_args, **DESKTOP, **ZH}


@pytest.fixture
def office(secretary, leader, staff):
    """The office in its own names and titles, two host units and a department, no trip."""
    for user, name, title in (
        (leader, "王伟", "副省长"),
        (secretary, "李娜", "秘书"),
        (staff, "赵山", "处长"),
    ):
        Profile.objects.filter(user=user).update(name=name, title=title, language="zh-hans")
    county = HostUnitFactory(name="青山县人民政府", language="zh-hans")
    plant = HostUnitFactory(name="青山县第一水厂", language="zh-hans")
    ContactFactory(name="刘建国", title="县长", host_unit=county, email="liu@qingshan.example")
    ContactFactory(name="陈明", title="厂长", host_unit=plant, email="chen@plant.example")
    bureau = DepartmentFactory(name="省水利厅农村饮水处", language="zh-hans")
    bureau.contacts.add(
        ContactFactory(name="周敏", department="省水利厅农村饮水处", email="zhou@slt.example")
    )
    return {"county": county, "plant": plant, "bureau": bureau}


def read_for_punctuation(page: Page, where: str, seen: dict) -> None:
    """The page's visible text must hold no half-width sign beside a hanzi."""
    hits = half_width_beside_chinese(page.locator("body").inner_text())
    if hits:
        seen[where] = hits


def day(offset: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=offset)


def add_item(page: Page, when: dt.date, start: str, end: str, kind: str, title: str, unit=None):
    page.get_by_role("link", name="添加活动").click()
    form = page.locator("#item-form-new")
    form.locator("input[name=start]").fill(f"{when.isoformat()}T{start}")
    form.locator("input[name=end]").fill(f"{when.isoformat()}T{end}")
    form.locator("select[name=kind]").select_option(kind)
    form.locator("input[name=title]").fill(title)
    if unit is not None:
        form.locator("select[name=host_unit]").select_option(str(unit.pk))
        # The unit's contact is ticked as soon as the unit is chosen.
        expect(form.locator("#contact-picker input[type=checkbox]:checked")).to_have_count(1)
    # The leader is ticked by default.
    expect(form.locator("input[name=attendees]:checked").first).to_be_visible()
    form.get_by_role("button", name="添加").click()
    expect(page.locator("#itinerary")).to_contain_text(title)


def test_a_whole_inspection_from_an_empty_trip_to_a_closed_one(
    page: Page, live_server, login_as, office, secretary, leader, staff, artifacts
):
    seen: dict[str, list[str]] = {}
    login_as("secretary")
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")

    # The secretary builds the trip for next week.
    page.get_by_role("link", name="出行", exact=True).first.click()
    page.get_by_role("link", name="新建出行").click()
    read_for_punctuation(page, "new trip", seen)
    page.fill("input[name=title]", "青山县农村饮水安全调研")
    page.fill("input[name=start_date]", day(7).isoformat())
    page.fill("input[name=end_date]", day(8).isoformat())
    page.fill("textarea[name=intention]", "看一看水厂运行，听一听县里汇报，谈一谈群众饮水难题。")
    page.select_option("select[name=team-0-user]", str(leader.pk))
    page.select_option("select[name=team-0-role]", "leader")
    page.get_by_role("button", name="添加随行人员").click()
    page.select_option("select[name=team-1-user]", str(staff.pk))
    page.select_option("select[name=team-1-role]", "staff")
    page.get_by_role("button", name="创建出行").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("青山县农村饮水安全调研")
    trip = Trip.objects.get(title="青山县农村饮水安全调研")
    trip_url = page.url
    read_for_punctuation(page, "trip page (empty)", seen)

    add_item(page, day(7), "09:00", "10:30", "site_visit", "实地查看水厂运行", office["plant"])
    add_item(page, day(7), "11:00", "12:00", "forum", "听取县政府工作汇报", office["county"])
    add_item(page, day(7), "12:10", "13:00", "meal", "工作餐", office["county"])
    add_item(page, day(8), "09:00", "10:00", "talk", "与村民代表座谈")
    read_for_punctuation(page, "trip page (items)", seen)
    page.screenshot(path=str(artifacts / "whole-trip-planned.png"), full_page=True)

    # The leader can go sooner: the trip moves to today, and the itinerary with it.
    page.get_by_role("link", name="编辑出行任务和出行人员").click()
    page.fill("input[name=start_date]", day(0).isoformat())
    page.fill("input[name=end_date]", day(1).isoformat())
    page.get_by_role("button", name="保存").first.click()
    moving = page.locator("#itinerary-move")
    expect(moving.locator(".moves li")).to_have_count(4)
    expect(moving.get_by_label("行程安排随日期一并调整")).to_be_checked()
    read_for_punctuation(page, "trip form (moving)", seen)
    moving.get_by_role("button", name="保存").click()
    expect(page.locator(".messages")).to_contain_text("行程安排已随日期一并调整")
    expect(page.locator("#itinerary")).not_to_contain_text("超出出行日期范围")
    assert {i.start.astimezone(trip.tzinfo).date() for i in trip.items.all()} == {day(0), day(1)}

    # Submitted with a note and, since the plan has findings, confirmed.
    workflow = page.locator("#workflow")
    workflow.locator("textarea[name=note]").fill("请重点审阅第二天。")
    workflow.locator("input[name=confirm]").check()
    workflow.get_by_role("button", name="报批").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("第 1 版")
    read_for_punctuation(page, "version 1 (secretary)", seen)

    # The leader, on a phone, sends it back with a comment.
    phone = page.context.browser.new_context(**PHONE, **ZH)
    lead = phone.new_page()
    login(lead, live_server, "leader")
    lead.get_by_role("link", name="待我审批").tap()
    lead.get_by_role("link", name="青山县农村饮水安全调研").first.tap()
    expect(lead.get_by_role("heading", level=1)).to_contain_text("第 1 版")
    read_for_punctuation(lead, "version 1 (leader)", seen)
    lead.get_by_label("对整个行程方案的意见").fill("座谈会请安排在上午，先听汇报再看水厂。")
    lead.get_by_role("button", name="退回修改").tap()
    expect(lead.locator(".messages")).to_be_visible()

    # The secretary puts the forum first and submits again; the leader approves.
    page.goto(trip_url)
    forum = page.locator(".item", has_text="听取县政府工作汇报")
    forum.get_by_role("link", name="编辑").click()
    form = page.locator("form.item-form")
    form.locator("input[name=start]").fill(f"{day(0).isoformat()}T08:00")
    form.locator("input[name=end]").fill(f"{day(0).isoformat()}T08:50")
    form.get_by_role("button", name="保存").click()
    expect(page.locator("#itinerary .day").first.locator(".item strong").first).to_have_text(
        "听取县政府工作汇报"
    )
    page.goto(trip_url)
    workflow = page.locator("#workflow")
    if workflow.locator("input[name=confirm]").count():
        workflow.locator("input[name=confirm]").check()
    workflow.get_by_role("button", name=re.compile("报批|再次报批|重新报批")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("第 2 版")
    lead.goto(f"{live_server.url}{page.url.removeprefix(live_server.url)}")
    read_for_punctuation(lead, "version 2 (leader)", seen)
    lead.get_by_role("button", name="批准").tap()
    expect(lead.locator(".messages")).to_be_visible()
    assert Trip.objects.get(pk=trip.pk).status == Trip.Status.APPROVED

    # The hosts are told, each of its own part; the water plant acknowledges on a phone.
    page.goto(trip_url)
    page.get_by_role("link", name="通知", exact=True).first.click()
    read_for_punctuation(page, "notices", seen)
    page.get_by_role("button", name=re.compile("发送 2 份待发通知")).click()
    expect(page.locator(".messages")).to_be_visible()
    mail = Message.objects.get(to="chen@plant.example")
    assert "青山县人民政府" not in mail.text_body  # the plant reads its own part only
    host = page.context.browser.new_context(**PHONE, **ZH).new_page()
    plant_link = link_in(mail, "/n/", live_server)
    host.goto(plant_link)
    read_for_punctuation(host, "the plant's notice", seen)
    host.get_by_label("您的姓名").fill("陈明")
    host.get_by_label("现场联系人", exact=True).fill("王强")
    host.get_by_label("现场联系人电话").fill("0731-8822 1010")
    host.get_by_role("button", name="提交回执").tap()
    expect(host.locator(".messages")).to_be_visible()
    notice = Notice.objects.current().get(trip=trip, host_unit=office["plant"])
    assert notice.acknowledged_by_name == "陈明"

    # On the day: the trip starts; on a phone, a promise made at the plant is noted.
    page.goto(trip_url)
    page.get_by_role("button", name="开始出行").click()
    expect(page.locator("#workflow .badge").first).to_have_text("进行中")
    notes = phone.new_page()
    login(notes, live_server, "staff")
    notes.goto(f"{live_server.url}/trips/{trip.pk}/notes/new/")
    read_for_punctuation(notes, "note capture", seen)
    notes.get_by_label("对接待方的承诺").tap()
    notes.locator("select[name=item]").select_option(
        str(trip.items.get(title="实地查看水厂运行").pk)
    )
    notes.locator("textarea[name=text]").fill("年底前为水厂增配一台在线水质监测仪。")
    notes.locator("input[name=speaker]").fill("王伟")
    notes.get_by_role("button", name="保存记录").tap()
    expect(notes.locator("textarea[name=text]")).to_have_value("")

    # The promise becomes a follow-up item of the water bureau, which gets its link.
    page.goto(f"{live_server.url}/trips/{trip.pk}/notes/")
    read_for_punctuation(page, "notes", seen)
    page.get_by_role("link", name="转为督办事项").click()
    page.locator("input[name=title]").fill("为青山县第一水厂增配在线水质监测仪")
    page.locator("select[name=department]").select_option(str(office["bureau"].pk))
    page.locator("input[name=due_date]").fill(day(30).isoformat())
    page.get_by_role("button", name="建立督办事项").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("在线水质监测仪")
    read_for_punctuation(page, "follow-up item", seen)
    page.get_by_role("button", name="向承办部门发送链接").click()
    expect(page.locator(".messages")).to_be_visible()

    # The bureau answers through its link, without an account.
    mail = Message.objects.get(to="zhou@slt.example")
    bureau = page.context.browser.new_context(**DESKTOP, **ZH).new_page()
    bureau.goto(link_in(mail, "/follow-ups/d/", live_server))
    read_for_punctuation(bureau, "the bureau's items", seen)
    bureau.get_by_role("link", name="为青山县第一水厂增配在线水质监测仪").click()
    bureau.locator("#id_by_name").fill("周敏")
    bureau.locator("input[name=action][value=answer_done]").check()
    bureau.locator("textarea[name=answer]").fill("监测仪已于本月采购到位并安装调试。")
    bureau.get_by_role("button", name="提交办理情况").click()
    expect(bureau.locator(".messages")).to_be_visible()
    assert FollowUp.objects.get(trip=trip).status == FollowUp.Status.ANSWERED

    # The office reads the answer and accepts it (销号).
    page.goto(f"{live_server.url}{FollowUp.objects.get(trip=trip).get_absolute_url()}")
    read_for_punctuation(page, "the item under review", seen)
    page.get_by_label("同意销号").check()
    page.get_by_role("button", name="提交审核意见").click()
    expect(page.locator(".messages")).to_be_visible()
    assert FollowUp.objects.get(trip=trip).status == FollowUp.Status.DONE

    # Back home: the trip is completed; the plant signs its 接待清单 on the phone, the
    # county's is waived; the trip is closed, every item having its outcome.
    page.goto(trip_url)
    page.get_by_role("button", name="结束出行").click()
    host.goto(f"{plant_link}list/")
    read_for_punctuation(host, "the plant's reception list", seen)
    host.get_by_label("审签负责人").fill("陈明")
    host.get_by_label("职务", exact=True).fill("厂长")
    host.get_by_role("button", name="审签并报送").tap()
    expect(host.locator(".messages")).to_contain_text("清单已审签并报送办公室。")
    page.goto(f"{live_server.url}/trips/{trip.pk}/reception/")
    read_for_punctuation(page, "reception lists", seen)
    page.locator("tr.reception-row").filter(has_not_text="青山县第一水厂").get_by_role(
        "link"
    ).click()
    page.get_by_label("免报理由").fill("县政府仅安排汇报会，未发生接待费用。")
    page.get_by_role("button", name="免报").click()
    expect(page.locator(".messages")).to_contain_text("已免报该清单。")
    page.goto(trip_url)
    page.get_by_role("button", name="办结出行").click()
    expect(page.locator(".messages")).to_be_visible()
    assert Trip.objects.get(pk=trip.pk).status == Trip.Status.CLOSED
    read_for_punctuation(page, "closed trip", seen)
    page.screenshot(path=str(artifacts / "whole-trip-closed.png"), full_page=True)

    assert not seen, f"half-width punctuation beside Chinese: {seen}"


def link_in(mail: Message, marker: str, live_server) -> str:
    """The signed link an e-mail carries, on the test server."""
    word = next(w for w in mail.text_body.split() if marker in w)
    return f"{live_server.url}{urlparse(word).path}"


def login(page: Page, live_server, username: str) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "pw-for-tests-1")
    page.click("form:has(input[name=password]) button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")
