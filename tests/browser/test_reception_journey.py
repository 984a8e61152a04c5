# ruff: noqa: RUF001  (the Chinese host reads full-width punctuation)
"""Browser: the secretary writes and issues each host unit's 公函; after the visit, the Chinese
host unit fills in its 接待清单 on a phone through its link, pre-filled from the 公函, with a
receipt; a mismatch with the office's notice (too many 陪餐) is flagged before
it signs; the secretary sees it, records the payment by 公务卡 with the receipt, waives the
other unit's list with a reason, and the trip closes."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from playwright.sync_api import Page, expect

from notices import links
from notices.models import OfficialLetter, ReceptionList, Settlement
from tests.browser.test_notice_journey import PHONE
from tests.factories import at
from tests.notices.notice_setup import approved_visit_next_week, send
from trips.models import Trip

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def visited(secretary, leader, staff):
    """The two-unit visit, its notices sent; the visit itself is over."""
    trip = approved_visit_next_week(secretary, leader, staff)
    notices = {n.host_unit.name: n for n in send(trip, secretary)}
    return trip, notices


def test_the_host_fills_in_its_list_and_the_office_settles_and_closes(
    page: Page, live_server, login_as, visited, tmp_path
):
    trip, notices = visited
    receipt = tmp_path / "餐费发票.pdf"
    receipt.write_bytes(PDF)
    login_as("secretary")
    page.goto(f"{live_server.url}/trips/{trip.pk}/letters/")
    for unit in ("Hilltop water plant", "Riverside township"):
        card = page.locator("section.letter-unit", has_text=unit)
        card.get_by_role("button", name="Write the letter").click()
        card = page.locator("section.letter-unit", has_text=unit)
        card.get_by_role("button", name="Issue the letter (its text is then frozen)").click()
        expect(page.locator("section.letter-unit", has_text=unit)).to_contain_text("Issued")
    plant_letter = OfficialLetter.objects.get(host_unit__name="Hilltop water plant")
    after = at(trip.end_date + dt.timedelta(days=1), 10)
    with time_machine.travel(after, tick=True):
        phone = page.context.browser.new_context(locale="zh-CN", **PHONE).new_page()
        token = links.make_token(notices["Hilltop water plant"])
        phone.goto(f"{live_server.url}/n/{token}/list/")
        expect(phone.get_by_role("heading", level=1)).to_contain_text("接待清单")
        expect(phone.get_by_text(f"与公函{plant_letter.reference}核对。")).to_be_visible()
        expect(phone.get_by_label("接待对象（每行一人：姓名、职务）")).not_to_have_value("")
        phone.get_by_label("陪餐人员").fill(
            "李娜（厂长）\n赵刚（副厂长）\n钱明（主任）\n孙亮（科长）"
        )
        phone.get_by_label("餐费（元）").fill("240")
        phone.get_by_label("票据（发票或收据）").set_input_files(str(receipt))
        phone.get_by_role("button", name="保存并核对").click()
        expect(phone.locator(".messages")).to_contain_text("清单已保存。")
        expect(phone.locator("#differences")).to_be_visible()
        expect(phone.locator(".differences")).to_contain_text("陪餐4人")
        expect(phone.locator("section", has=phone.locator("#receipts"))).to_contain_text(
            "餐费发票.pdf"
        )
        phone.get_by_label("审签负责人").fill("李娜")
        phone.get_by_label("职务", exact=True).fill("厂长")
        phone.get_by_role("button", name="审签并报送").click()
        expect(phone.locator(".messages")).to_contain_text("清单已审签并报送办公室。")

        page.goto(f"{live_server.url}/trips/{trip.pk}/reception/")
        plant = page.locator("tr.reception-row", has_text="Hilltop water plant")
        expect(plant).to_contain_text("Signed and submitted")
        expect(plant).to_contain_text("1 difference")
        plant.get_by_role("link", name="Hilltop water plant").click()
        page.get_by_label("Official card (公务卡)").check()
        page.get_by_label("Paid on").fill(after.date().isoformat())
        page.get_by_label("The unit's receipt").set_input_files(str(receipt))
        page.get_by_role("button", name="Record the payment").click()
        expect(page.locator(".messages")).to_contain_text("The payment is recorded.")

        page.goto(f"{live_server.url}/trips/{trip.pk}/reception/")
        page.get_by_role("link", name="Riverside township").click()
        page.get_by_role("button", name="Waive the list").click()
        expect(page.get_by_text("This field is required.")).to_be_visible()
        page.get_by_label("Why the list is not needed").fill("Only a site visit, no cost.")
        page.get_by_role("button", name="Waive the list").click()
        expect(page.locator(".messages")).to_contain_text("The list is waived.")

        Trip.objects.filter(pk=trip.pk).update(status=Trip.Status.COMPLETED)
        page.goto(f"{live_server.url}{trip.get_absolute_url()}")
        page.get_by_role("button", name="Close the trip").click()
        expect(page.locator(".messages")).to_contain_text("The trip is closed.")
        page.wait_for_load_state("networkidle")

    assert Trip.objects.get(pk=trip.pk).status == Trip.Status.CLOSED
    assert ReceptionList.objects.get(host_unit__name="Hilltop water plant").escorts == 4
    assert Settlement.objects.get().method == "card"
