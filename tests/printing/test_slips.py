# ruff: noqa: RUF001  (the Chinese slips are written with full-width punctuation)
"""The 督办通知单 and 催办通知单 as PDF (one A4 page each) and Word, for the trip's team; the
item page's print links."""

from __future__ import annotations

import datetime as dt
from io import BytesIO
from urllib.parse import unquote

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from docx import Document

from followups import word
from followups.models import FollowUp, FollowUpUpdate
from printing.models import Download
from tests.followups import department_setup, item_setup
from tests.followups import slip_setup as setup
from tests.printing import pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def item(office_trip, secretary, leader):
    return setup.full_item(office_trip, secretary, leader)


@pytest.fixture
def secret_item(confidential_trip, secretary, leader):
    return setup.full_item(confidential_trip, secretary, leader)


def duban(client, user, item, kind: str = "slip", **query):
    client.force_login(user)
    return client.get(reverse(f"printing:duban_{kind}", args=[item.pk]), query)


def urging(client, user, item, round_: int, kind: str = "slip", **query):
    client.force_login(user)
    return client.get(reverse(f"printing:urging_{kind}", args=[item.pk, round_]), query)


def test_the_duban_notice_is_one_a4_page_in_chinese(client, item, secretary):
    response = duban(client, secretary, item, lang="zh-hans")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "督办通知单 督〔2026〕1号 Fix the pump.pdf" in unquote(response["Content-Disposition"])
    assert pdf.pages(response.content) == 1
    assert pdf.page_box(response.content) == pytest.approx((595.3, 841.9), abs=1)
    text = pdf.flat(response.content)
    for words in (
        "督办通知单",
        "督〔2026〕1号",
        "事项来源",
        "2026年12月7日（星期一）至2026年12月9日（星期三）",
        "牵头：Waterbureau",
        "配合：Financebureau",
        "办结时限2027年1月15日（星期五）",
        "0571-87009999",
        "2026年12月10日",
    ):
        assert words in text, words


def test_a_long_duban_notice_still_fits_one_page(client, office_trip, secretary, leader):
    long = setup.full_item(office_trip, secretary, leader)
    FollowUp.objects.filter(pk=long.pk).update(to_do="请修复东村水泵，确保村民饮水安全。" * 25)

    response = duban(client, secretary, long, lang="zh-hans")

    assert pdf.pages(response.content) == 1


def test_the_urging_notice_is_one_page_with_its_round(client, item, secretary):
    setup.urged(item, secretary, dt.date(2027, 1, 10), channel="email")
    setup.urged(item, secretary, dt.date(2027, 1, 20))

    response = urging(client, secretary, item, 2, lang="zh-hans")

    assert pdf.pages(response.content) == 1
    text = pdf.flat(response.content)
    for words in (
        "催办通知单",
        "催〔2026〕1-2号",
        "第2次催办",
        "红灯（滞后）",
        "已超过原定办结时限5天",
    ):
        assert words in text, words


def test_the_slip_is_in_english_for_an_english_page(client, item, secretary):
    response = duban(client, secretary, item)

    text = " ".join(pdf.text(response.content).split())
    assert "Follow-up notice 1/2026" in text
    assert "Friday 15 January 2027" in text
    assert "督" not in text


def test_the_trips_staff_print_the_slips(client, item, staff):
    assert duban(client, staff, item).status_code == 200


def test_an_outsider_gets_a_404_for_an_internal_trips_slips(
    client, secret_item, secretary, outsider
):
    setup.urged(secret_item, secretary, dt.date(2027, 1, 20))

    assert duban(client, outsider, secret_item).status_code == 404
    assert duban(client, outsider, secret_item, "docx").status_code == 404
    assert urging(client, outsider, secret_item, 1).status_code == 404
    assert not Download.objects.exists()


def test_an_office_user_off_the_team_may_not_print_an_open_trips_slips(client, item, outsider):
    assert duban(client, outsider, item).status_code == 403
    assert duban(client, outsider, item, "docx").status_code == 403


def test_a_department_member_may_not_print_the_slips(client, item):
    member = department_setup.member(item.department)

    assert duban(client, member, item).status_code == 403
    assert duban(client, member, item, "docx").status_code == 403


def test_an_item_never_handed_over_has_no_slip(client, office_trip, secretary):
    dept = item_setup.department("Roads bureau")[0]
    pending = item_setup.item(office_trip, secretary, dept, status=FollowUp.Status.PENDING)
    FollowUpUpdate.objects.create(followup=pending, changes={"status": [None, "pending"]})

    assert duban(client, secretary, pending).status_code == 404
    assert duban(client, secretary, pending, "docx").status_code == 404


def test_a_round_the_item_does_not_have_is_a_404(client, item, secretary):
    assert urging(client, secretary, item, 1).status_code == 404


def docx_text(content: bytes) -> str:
    document = Document(BytesIO(content))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    header = [p.text for p in document.sections[0].header.paragraphs]
    return "\n".join([*header, *(p.text for p in document.paragraphs), *cells])


def test_the_slips_download_as_word(client, item, secretary):
    setup.urged(item, secretary, dt.date(2027, 1, 20))

    notice = duban(client, secretary, item, "docx", lang="zh-hans")
    urged = urging(client, secretary, item, 1, "docx", lang="zh-hans")

    assert notice["Content-Type"] == word.DOCX_CONTENT_TYPE
    assert notice["Content-Disposition"].startswith("attachment;")
    assert "督〔2026〕1号" in docx_text(notice.content)
    assert "牵头：Water bureau\n配合：Finance bureau" in docx_text(notice.content)
    assert "催〔2026〕1-1号" in docx_text(urged.content)


def test_an_internal_trips_word_file_names_its_reader_and_is_logged(client, secret_item, secretary):
    response = duban(client, secretary, secret_item, "docx")

    assert "Internal · Sue Li" in docx_text(response.content)
    assert [(d.user, d.document) for d in Download.objects.all()] == [
        (secretary, f"duban-{secret_item.pk}.docx")
    ]


def test_an_internal_trips_pdf_is_logged(client, secret_item, secretary):
    duban(client, secretary, secret_item)

    assert [d.document for d in Download.objects.all()] == [f"duban-{secret_item.pk}"]


# --- the item page ---------------------------------------------------------------------


def test_the_item_page_offers_the_slips_once_handed_over(client, item, secretary):
    setup.urged(item, secretary, dt.date(2027, 1, 20))
    client.force_login(secretary)

    page = client.get(item.get_absolute_url()).content.decode()

    assert reverse("printing:duban_slip", args=[item.pk]) in page
    assert reverse("printing:duban_docx", args=[item.pk]) in page
    assert reverse("printing:urging_slip", args=[item.pk, 1]) in page
    assert reverse("printing:urging_docx", args=[item.pk, 1]) in page
    assert "Follow-up notice 1/2026" in page


def test_the_item_page_of_a_pending_item_offers_no_slip(client, office_trip, secretary):
    dept = item_setup.department("Roads bureau")[0]
    pending = item_setup.item(office_trip, secretary, dept, status=FollowUp.Status.PENDING)
    client.force_login(secretary)

    page = client.get(pending.get_absolute_url()).content.decode()

    assert reverse("printing:duban_slip", args=[pending.pk]) not in page


def test_a_department_member_sees_no_print_links(client, item):
    member = department_setup.member(item.department)
    client.force_login(member)

    page = client.get(item.get_absolute_url()).content.decode()

    assert reverse("printing:duban_slip", args=[item.pk]) not in page


def test_the_download_log_names_the_slips(client, secret_item, secretary):
    setup.urged(secret_item, secretary, dt.date(2027, 1, 20))
    duban(client, secretary, secret_item, "docx")
    urging(client, secretary, secret_item, 1)
    client.force_login(secretary)

    log = client.get(reverse("printing:download_log", args=[secret_item.trip_id]))

    page = log.content.decode()
    assert f"Follow-up notice #{secret_item.pk} (Word)" in page
    assert f"Urging notice #{secret_item.pk}-1" in page


def test_an_urging_notices_queries_do_not_grow_with_the_rounds(
    client, office_trip, item, secretary, leader
):
    chased = setup.full_item(office_trip, secretary, leader, owners=("Roads", "Parks"))
    setup.urged(item, secretary, dt.date(2027, 1, 20))
    for day in range(1, 9):
        setup.urged(chased, secretary, dt.date(2027, 1, 10 + day))
    client.force_login(secretary)
    urging(client, secretary, item, 1)  # the session and the caches warm

    with CaptureQueriesContext(connection) as one:
        urging(client, secretary, item, 1)
    with CaptureQueriesContext(connection) as eight:
        urging(client, secretary, chased, 8)

    assert len(eight) == len(one)
