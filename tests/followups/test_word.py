"""The post-trip report in Word, read back with python-docx: its form, its fonts and page
numbers, who may download it."""

from __future__ import annotations

from io import BytesIO

import pytest
from django.urls import reverse
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn

from followups import report, word
from tests.followups import report_setup as setup
from tests.followups.item_setup import settle

pytestmark = pytest.mark.django_db


def docx_of(content: bytes):
    return Document(BytesIO(content))


def headings(document) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]


def table_cells(table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def test_the_report_in_word_keeps_title_dates_headings_lists_and_the_table(
    client, office_trip, secretary
):
    setup.visited(office_trip, secretary)
    draft = report.get_or_start(office_trip, secretary)
    body = draft.body.replace(
        "## Purpose\n", "## Purpose\n\nThe **key** point.\n\n1. one\n2. two\n"
    )
    report.save_draft(draft, secretary, draft.title, body)
    client.force_login(secretary)

    response = client.get(reverse("followups:report_docx", args=[office_trip.pk]))

    assert response["Content-Type"] == word.DOCX_CONTENT_TYPE
    assert response["Content-Disposition"].startswith("attachment;")
    document = docx_of(response.content)
    title, dates = document.paragraphs[0], document.paragraphs[1]
    assert title.text == "Report on the trip: Riverside water works"
    assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert dates.text.startswith("Monday 7 December 2026 \u2013 Wednesday 9 December 2026")
    assert headings(document) == [
        "Purpose",
        "Units visited",
        "What was seen and heard",
        "Plant tour (Riverside plant)",
        "Talk with villagers (East village)",
        "Main findings",
        "Decisions and promises",
        "Follow-up items",
    ]
    texts = {p.text: p for p in document.paragraphs}
    assert [run.bold for run in texts["The key point."].runs] == [None, True, None]
    assert texts["Riverside plant (Monday 7 December)"].style.name == "List Bullet"
    assert texts["1. one"].style.name == "List" and "2. two" in texts
    assert setup.PROBLEM + " (Talk with villagers)" in texts
    [table] = document.tables
    assert table_cells(table) == [
        ["No.", "Title", "Owner department", "Due date", "Status", "Answer / reason"],
        [
            "1",
            "Repair the pipes",
            "Water bureau (with Finance bureau)",
            "Friday 15 January 2027",
            "Assigned",
            "",
        ],
    ]


def test_the_word_file_has_page_numbers_and_east_asian_fonts(office_trip, secretary):
    setup.visited(office_trip, secretary)
    document = docx_of(word.report_docx(report.get_or_start(office_trip, secretary)))

    footer = document.sections[0].footer._element
    instructions = [node.text.strip() for node in footer.iter(qn("w:instrText"))]
    assert instructions == ["PAGE"]
    kinds = [node.get(qn("w:fldCharType")) for node in footer.iter(qn("w:fldChar"))]
    assert kinds == ["begin", "separate", "end"]
    fonts = {
        run._element.rPr.rFonts.get(qn("w:eastAsia"))
        for paragraph in document.paragraphs
        for run in paragraph.runs
        if run.text.strip()
    }
    assert fonts == {"SimSun", "SimHei"}
    heading = next(p for p in document.paragraphs if p.text == "Main findings")
    assert heading.runs[0]._element.rPr.rFonts.get(qn("w:eastAsia")) == "SimHei"


def test_chinese_text_and_control_characters_are_written(client, office_trip, secretary):
    draft = report.get_or_start(office_trip, secretary)
    report.save_draft(draft, secretary, "关于调研的报告", "## 一、基本情况\n\n水厂运行\x01良好。")
    client.force_login(secretary)

    response = client.get(reverse("followups:report_docx", args=[office_trip.pk]))

    assert "filename*=utf-8''%E5%85%B3" in response["Content-Disposition"]
    document = docx_of(response.content)
    assert document.paragraphs[0].text == "关于调研的报告"
    assert "水厂运行良好。" in [p.text for p in document.paragraphs]


def test_an_earlier_revision_in_word_keeps_its_frozen_table(client, office_trip, secretary):
    repair = setup.visited(office_trip, secretary)
    draft = report.get_or_start(office_trip, secretary)
    report.mark_final(draft, secretary)
    settle(repair, secretary, "cannot", "No budget.")
    report.start_revision(draft, secretary)
    client.force_login(secretary)

    old = client.get(reverse("followups:report_revision_docx", args=[office_trip.pk, 1]))
    new = client.get(reverse("followups:report_docx", args=[office_trip.pk]))

    assert table_cells(docx_of(old.content).tables[0])[1][4:] == ["Assigned", ""]
    assert table_cells(docx_of(new.content).tables[0])[1][4:] == ["Cannot be done", "No budget."]


def test_the_leader_downloads_and_staff_do_not(client, office_trip, secretary, leader, staff):
    report.get_or_start(office_trip, secretary)
    docx_url = reverse("followups:report_docx", args=[office_trip.pk])
    xlsx_url = reverse("followups:trip_tracker", args=[office_trip.pk])
    client.force_login(leader)
    assert client.get(docx_url).status_code == 200
    assert client.get(xlsx_url).status_code == 200
    client.force_login(staff)
    assert client.get(docx_url).status_code == 404
    assert client.get(xlsx_url).status_code == 404


def test_no_word_file_before_the_report_is_started(client, office_trip, leader):
    client.force_login(leader)
    assert client.get(reverse("followups:report_docx", args=[office_trip.pk])).status_code == 404
