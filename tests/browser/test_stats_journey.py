# ruff: noqa: RUF001  (the Chinese words are written with full-width punctuation)
"""Browser, in Chinese on a phone: the secretary opens the 督办统计, narrows it to the trip
(the table is swapped by htmx), reads each department's figures, downloads the Excel
workbook; the page and the workbook show the numbers counted by hand
(tests/followups/stats_setup.py)."""

from __future__ import annotations

import datetime as dt
from io import BytesIO

import pytest
import time_machine
from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from tests.factories import TripFactory
from tests.followups.stats_setup import NOW, ledger

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
ZH = {"locale": "zh-CN", "extra_http_headers": {"Accept-Language": "zh-CN,zh;q=0.9"}}
WATER, FINANCE = "青山县水利局", "青山县财政局"
# Counted by hand: assigned, on time, late, overdue now, extended, returned, cannot, on-time
# rate, average days to answer. Worst first: finance (overdue, nothing answered).
BY_HAND = [
    (FINANCE, "2", "0", "0", "1", "0", "0", "0", "—", "—"),
    (WATER, "6", "3", "2", "1", "1", "1", "1", "60%", "12.4"),
    ("合计", "8", "3", "2", "2", "1", "1", "1", "60%", "12.4"),
]
IN_THE_WORKBOOK = [
    (FINANCE, 2, 0, 0, 1, 0, 0, 0, None, None),
    (WATER, 6, 3, 2, 1, 1, 1, 1, 0.6, 12.4),
    ("合计", 8, 3, 2, 2, 1, 1, 1, 0.6, 12.4),
]


@pytest.fixture
def browser_context_args(browser_context_args):
    """A phone in Chinese: small screen, touch."""
    return {**browser_context_args, **ZH, "viewport": PHONE, "is_mobile": True, "has_touch": True}


@pytest.fixture
def on_the_day():
    """The office's 1 February 2027: the server's clock runs from there."""
    with time_machine.travel(NOW, tick=True):
        yield


@pytest.fixture
def counted(secretary, leader, on_the_day):
    trip = TripFactory(
        title="青山县调研",
        start_date=dt.date(2026, 12, 7),
        end_date=dt.date(2026, 12, 8),
        created_by=secretary,
        team={secretary: "secretary", leader: "leader"},
    )
    ledger(trip, secretary, WATER, FINANCE)
    # Another trip's items, which the filter leaves out.
    ledger(TripFactory(title="河滨调研", team={secretary: "secretary"}), secretary, WATER, FINANCE)
    return trip


def rows(page: Page) -> list[tuple[str, ...]]:
    table = page.locator("table.stats")
    found = []
    for row in table.locator("tbody tr, tfoot tr").all():
        found.append(tuple(cell.inner_text().strip() for cell in row.locator("th, td").all()))
    return found


def test_the_statistics_page_and_its_workbook_show_the_count_by_hand(
    page: Page, live_server, login_as, counted, artifacts
):
    login_as("secretary")
    page.goto(f"{live_server.url}/follow-ups/")
    page.get_by_role("link", name="督办统计").tap()
    expect(page.locator("h1")).to_have_text("督办统计")
    expect(page.locator("#figures h2")).to_contain_text("2027年1月1日（星期五）至2027年12月31日")

    # Both trips: twice the figures.
    expect(page.locator("table.stats tfoot")).to_contain_text("16")

    # Only this trip: htmx swaps the table.
    page.get_by_label("出行").select_option(label=counted.title)
    expect(page.locator("table.stats tfoot th")).to_have_text("合计")
    expect(page).to_have_url(
        f"{live_server.url}/follow-ups/stats/?trip={counted.pk}&leader=&start=2027-01-01&end=2027-12-31"
    )
    assert rows(page) == BY_HAND
    # On the phone each department is a card: nothing runs off the screen.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.screenshot(path=artifacts / "stats-phone-zh.png", full_page=True)

    with page.expect_download() as download_info:
        page.get_by_role("link", name="导出 Excel").tap()
    download = download_info.value
    assert download.suggested_filename == "督办统计 2027-01-01_2027-12-31.xlsx"
    book = load_workbook(BytesIO(download.path().read_bytes()))
    departments, late = book.worksheets
    assert list(departments.iter_rows(min_row=2, values_only=True)) == IN_THE_WORKBOOK
    assert departments.freeze_panes == late.freeze_panes == "A2"
    assert sorted(row[2] for row in late.iter_rows(min_row=2, values_only=True)) == sorted(
        ["Late", "Extended, late", "Overdue", "Finance overdue"]
    )
