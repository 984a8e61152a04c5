# ruff: noqa: RUF001  (Chinese text with full-width punctuation on purpose)
"""Browser, in Chinese: the secretary seats a forum face to face (座谈会), adds a guest, sees
who moved from which seat to which, and downloads the table cards in seat order; a line
typed without its comma is flagged and its card carries the name alone."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from tests.factories import ItineraryItemFactory, TripFactory, at
from tests.printing import pdf

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_secretary_seats_a_forum_adds_a_guest_sees_what_moved_and_prints_the_cards(
    page: Page, live_server, login_as, secretary, leader, artifacts
):
    trip = TripFactory(
        title="青山县调研", created_by=secretary, team={secretary: "secretary", leader: "leader"}
    )
    forum = ItineraryItemFactory(
        trip=trip, kind="forum", title="与县乡干部座谈", start=at(trip.start_date, 14)
    )
    login_as("secretary")
    page.get_by_role("button", name="中文").click()
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")

    plan_url = reverse("logistics:seating_plan", args=[trip.pk, forum.pk])
    page.goto(f"{live_server.url}{plan_url}")
    page.get_by_role("link", name="编排座次").click()

    # The layout decides which fields the form asks for.
    page.get_by_label("座谈会（主客双方隔桌相对）").check()
    expect(page.locator("textarea[name=guests]")).to_be_visible()
    expect(page.locator("input[name=head_table_seats]")).to_be_hidden()
    page.fill("textarea[name=people]", "刘建国，县长\n陈明，副县长")
    page.fill("textarea[name=guests]", "王伟，副省长\n赵敏 科员")
    page.get_by_role("button", name="保存").click()
    expect(page.locator(".messages")).to_contain_text("座次安排已保存")
    drawing = page.locator("figure.seating")
    expect(drawing).to_contain_text("客方（面门而坐）")
    expect(drawing).to_contain_text("主方（背门而坐）")
    # The line typed without its comma is flagged, read as name and title.
    flagged = page.locator(".seating-flagged")
    expect(flagged).to_contain_text("“赵敏 科员”的姓名与职务之间没有逗号")
    expect(page.locator("#seating-moves")).to_have_count(0)  # a new plan: nothing moved

    # A guest more senior than 赵敏 joins: everyone on that side is seated again.
    page.get_by_role("link", name="修改座次").click()
    page.fill("textarea[name=guests]", "王伟，副省长\n李娜，秘书长\n赵敏，科员")
    page.get_by_role("button", name="保存").click()
    moves = page.locator("#seating-moves")
    expect(moves).to_be_visible()
    rows = moves.locator("tbody tr")
    expect(rows.filter(has_text="李娜")).to_contain_text("新增")
    expect(rows.filter(has_text="李娜")).to_contain_text("客方左起第3座")
    expect(rows.filter(has_text="王伟")).to_contain_text("客方左起第1座")
    expect(rows.filter(has_text="王伟")).to_contain_text("客方左起第2座")
    expect(rows.filter(has_text="赵敏")).to_contain_text("客方左起第1座")
    expect(rows.filter(has_text="刘建国")).to_have_count(0)  # the hosts did not move
    expect(page.locator(".seating-flagged")).to_have_count(0)  # the line was corrected
    page.screenshot(path=str(artifacts / "seating-forum-moves-zh.png"), full_page=True)

    # The print menu offers the table cards: one a seat, the guests' side (as drawn from
    # the door, left to right) then the hosts'.
    cards = page.locator("#print-menu li", has_text="桌签")
    with page.expect_download() as download_info:
        cards.locator("a[hreflang=zh-hans]").click()
    document = download_info.value.path().read_bytes()
    assert pdf.pages(document) == 5
    names = ["赵敏", "王伟", "李娜", "陈明", "刘建国"]
    for number, name in enumerate(names, start=1):
        assert pdf.flat(document, number).count(name) == 2, (number, name)
