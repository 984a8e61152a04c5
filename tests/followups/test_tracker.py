"""The follow-up tracker in Excel, read back with openpyxl: a row per item and its history,
cells made safe, the board's filters kept; a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from followups import items, tracker, workflow
from followups.models import FollowUp
from tests.factories import TripFactory
from tests.followups import report_setup as setup
from tests.followups.item_setup import department, item

pytestmark = pytest.mark.django_db

ITEM_HEADER = [
    "Trip",
    "No.",
    "Title",
    "What is to be done",
    "From the note",
    "Host unit concerned",
    "Owner department",
    "Co-owners",
    "Contact",
    "Due date",
    "Priority",
    "Status",
    "Overdue",
    "Answer given",
    "Why it cannot be done",
    "Needs the leader's help",
    "Last updated",
]
HISTORY_HEADER = ["Trip", "No.", "Item", "When", "Who", "Field", "Before", "After", "Comment"]


def workbook(client, trip):
    response = client.get(reverse("followups:trip_tracker", args=[trip.pk]))
    assert response["Content-Type"] == tracker.XLSX_CONTENT_TYPE
    assert response["Content-Disposition"].startswith("attachment;")
    return load_workbook(BytesIO(response.content))


def test_the_tracker_has_a_row_per_item_and_its_history(client, office_trip, secretary):
    repair = setup.visited(office_trip, secretary)
    repair.to_do, repair.priority, repair.needs_leader = "Replace 2 km of pipe.", "high", True
    repair.save()
    workflow.start(repair, by_name="Zhang Min", comment="Asked the bureau.")
    water = repair.department
    item(office_trip, secretary, water, title='=HYPERLINK("http://evil.example","x")')
    client.force_login(secretary)

    book = workbook(client, office_trip)

    sheet, history = book.worksheets
    assert [cell.value for cell in sheet[1]] == ITEM_HEADER
    row = [cell.value for cell in sheet[2]]
    assert row[:4] == ["Riverside water works", 1, "Repair the pipes", "Replace 2 km of pipe."]
    assert row[6:9] == ["Water bureau", "Finance bureau", None]  # no contact: an empty cell
    assert sheet["J2"].is_date and sheet["J2"].value.date() == dt.date(2027, 1, 15)
    assert row[10:16] == ["High", "In progress", "no", None, None, "yes"]
    assert sheet["Q2"].is_date
    assert sheet["C3"].value == '\'=HYPERLINK("http://evil.example","x")'
    assert sheet["C3"].data_type == "s" and sheet["B3"].value == 2
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == "A1:Q3"
    assert sheet.column_dimensions["C"].width > sheet.column_dimensions["B"].width
    assert [cell.value for cell in history[1]] == HISTORY_HEADER
    lines = [[cell.value for cell in line] for line in history.iter_rows(min_row=2)]
    assert [line[:3] + line[4:] for line in lines] == [
        [
            "Riverside water works",
            1,
            "Repair the pipes",
            "Zhang Min",
            "Status",
            "Assigned",
            "In progress",
            "Asked the bureau.",
        ]
    ]
    assert history["D2"].is_date
    assert history.freeze_panes == "A2" and history.auto_filter.ref == "A1:I2"


def test_overdue_contact_and_origin_note_are_written(client, office_trip, secretary):
    dept, contact = department()
    contact.phone = "010 1234"
    contact.save()
    origin = setup.note(office_trip, secretary, text="-1 wells work")
    late = timezone.localdate() - dt.timedelta(days=2)
    item(office_trip, secretary, dept, contact=contact, note=origin, due_date=late)
    client.force_login(secretary)

    sheet = workbook(client, office_trip).worksheets[0]

    assert sheet["E2"].value == "'-1 wells work"
    assert sheet["I2"].value == "Zhang Min, 010 1234"
    assert sheet["M2"].value == "yes"


def test_the_board_export_keeps_the_board_s_filters_and_visibility(
    client, office_trip, confidential_trip, secretary, outsider
):
    dept = department()[0]
    item(office_trip, secretary, dept, title="Open matter")
    item(office_trip, secretary, dept, title="Answered", status="done", answer="Yes.")
    item(confidential_trip, secretary, dept, title="Secret matter")
    url = reverse("followups:board_tracker")

    client.force_login(outsider)
    titles = [c.value for c in load_workbook(BytesIO(client.get(url).content)).active["C"]]
    assert titles[1:] == ["Open matter", "Answered"]

    client.force_login(secretary)
    filtered = client.get(url, {"status": "done"})
    assert [c.value for c in load_workbook(BytesIO(filtered.content)).active["C"]][1:] == [
        "Answered"
    ]


def test_the_board_links_to_its_export_with_the_same_filters(client, secretary):
    client.force_login(secretary)
    page = client.get(reverse("followups:board"), {"status": "done", "page": "1"})
    assert f'href="{reverse("followups:board_tracker")}?status=done"' in page.content.decode()


@pytest.mark.parametrize("name", ["trip_tracker", "board_tracker"])
def test_the_export_queries_do_not_grow_with_items(
    client, secretary, name, django_assert_num_queries
):
    small = TripFactory(team={secretary: "secretary"})
    large = TripFactory(team={secretary: "secretary"})
    setup.many_items(small, secretary, 5)
    setup.many_items(large, secretary, 50)
    for followup in FollowUp.objects.all():
        items.update(followup, secretary, comment="Checked.")
    client.force_login(secretary)
    expected = {"trip_tracker": 8, "board_tracker": 7}[name]
    for trip in (small, large):
        url = (
            reverse("followups:trip_tracker", args=[trip.pk])
            if name == "trip_tracker"
            else reverse("followups:board_tracker") + f"?trip={trip.pk}"
        )
        with django_assert_num_queries(expected):
            client.get(url)
