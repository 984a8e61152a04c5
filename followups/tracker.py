"""The follow-up tracker as an Excel file (.xlsx): sheet 1 one row per item, sheet 2 every
change to them; and the 督办统计 (statistics_xlsx). Every text cell made safe
(directory.spreadsheet.safe_cell: no formulas).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from io import BytesIO

from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from openpyxl import Workbook

from accounts import people
from directory import spreadsheet
from followups import items as followup_items
from followups import report as reports
from followups import stats
from followups.models import FollowUp, FollowUpUpdate

XLSX_CONTENT_TYPE = spreadsheet.XLSX_CONTENT_TYPE


def tracker_items(found: QuerySet[FollowUp], today: date) -> QuerySet[FollowUp]:
    """The items with everything the tracker writes: three queries, whatever their number."""
    updates = FollowUpUpdate.objects.select_related("by_user__profile").order_by("at", "pk")
    return (
        reports.with_numbers(found)
        .with_overdue(today)
        .select_related("trip", "department", "contact", "host_unit", "note")
        .prefetch_related("co_owners", Prefetch("updates", queryset=updates))
        .order_by("-trip__start_date", "trip_id", "pk")
    )


def _item_row(item: FollowUp) -> list:
    contact = ""
    if item.contact:
        contact = ", ".join(part for part in (item.contact.name, item.contact.phone) if part)
    return [
        item.trip.title,
        item.number,
        item.title,
        item.to_do,
        item.note.text if item.note else "",
        item.host_unit.name if item.host_unit else "",
        item.department.name,
        ", ".join(other.name for other in item.co_owners.all()),
        contact,
        item.due_date,
        item.get_priority_display(),
        item.get_status_display(),
        item.overdue,
        item.answer,
        item.reason,
        item.needs_leader,
        item.updated_at,
    ]


def _history_rows(item: FollowUp) -> Iterable[list]:
    for update in item.updates.all():
        who = people.display_name(update.by_user) if update.by_user else update.by_name
        for field, before, after in followup_items.change_lines(update) or [("", "", "")]:
            yield [
                item.trip.title,
                item.number,
                item.title,
                update.at,
                who,
                field,
                before,
                after,
                update.comment,
            ]


def tracker_xlsx(found: QuerySet[FollowUp]) -> bytes:
    """The follow-up tracker: sheet 1 one row per item, sheet 2 every change to them."""
    listed = list(tracker_items(found, timezone.localdate()))
    book = Workbook()
    sheet = book.active
    sheet.title = spreadsheet.sheet_title(_("Follow-up items"))
    item_columns = [
        (_("Trip"), 28),
        (_("No."), 6),
        (pgettext("follow-up item", "Title"), 36),
        (_("What is to be done"), 48),
        (_("From the note"), 40),
        (_("Host unit concerned"), 24),
        (_("Owner department"), 24),
        (_("Co-owners"), 24),
        (_("Contact"), 24),
        (_("Due date"), 12),
        (_("Priority"), 10),
        (_("Status"), 14),
        (_("Overdue"), 10),
        (_("Answer given"), 40),
        (_("Why it cannot be done"), 40),
        (_("Needs the leader's help"), 12),
        (_("Last updated"), 17),
    ]
    spreadsheet.write_sheet(sheet, item_columns, (_item_row(item) for item in listed))
    history_columns = [
        (_("Trip"), 28),
        (_("No."), 6),
        (pgettext("follow-up item", "Item"), 36),
        (_("When"), 17),
        (_("Who"), 18),
        (_("Field"), 18),
        (_("Before"), 24),
        (_("After"), 24),
        (_("Comment"), 40),
    ]
    history = book.create_sheet(spreadsheet.sheet_title(_("History")))
    spreadsheet.write_sheet(
        history, history_columns, (row for item in listed for row in _history_rows(item))
    )
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# --- 督办统计 (followups.stats) -------------------------------------------------------------

PERCENT_FORMAT = "0%"
DAYS_FORMAT = "0.0"


def _figures_row(row: stats.DepartmentFigures) -> list:
    return [
        _("Total") if row.is_total else row.department,
        row.assigned,
        row.on_time,
        row.late,
        row.overdue_now,
        row.extended,
        row.returned,
        row.cannot,
        row.on_time_rate,
        row.average_days,
    ]


def statistics_xlsx(figures: stats.Statistics, today: date) -> bytes:
    """The 督办统计: sheet 1 the departments' figures worst first and the totals, sheet 2
    the items answered late or overdue now; numbers and dates as such, header frozen."""
    book = Workbook()
    sheet = book.active
    sheet.title = spreadsheet.sheet_title(_("Departments"))
    columns = [
        (_("Owner department"), 28),
        (_("Items assigned"), 10),
        (_("Answered on time"), 10),
        (_("Answered late"), 10),
        (_("Overdue now"), 10),
        (_("Extended"), 10),
        (_("Returned"), 10),
        (_("Cannot be done"), 10),
        (_("On-time rate"), 10),
        (_("Average days to answer"), 12),
    ]
    rows = [_figures_row(row) for row in [*figures.departments, figures.total]]
    spreadsheet.write_sheet(sheet, columns, rows)
    for line in sheet.iter_rows(min_row=2, min_col=9, max_col=10):
        line[0].number_format, line[1].number_format = PERCENT_FORMAT, DAYS_FORMAT
    for cell in sheet[sheet.max_row]:
        cell.font = spreadsheet.HEADER_FONT
    late = book.create_sheet(spreadsheet.sheet_title(_("Late and overdue items")))
    late_columns = [
        (_("Owner department"), 24),
        (_("Trip"), 28),
        (pgettext("follow-up item", "Title"), 36),
        (_("Original due date"), 12),
        (_("Due date"), 12),
        (_("Answered"), 12),
        (_("Days late"), 8),
    ]
    late_rows = (
        [
            item.department,
            item.trip,
            item.title,
            item.original_due,
            item.due_date,
            item.answered_on,
            item.days_late,
        ]
        for item in stats.late_items(figures.items, today)
    )
    spreadsheet.write_sheet(late, late_columns, late_rows)
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()
