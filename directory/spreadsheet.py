"""Cells for CSV and Excel exports that a spreadsheet shows as text, never runs as a formula.

Imports keep what people typed (a contact's notes may well start with "="); every export
passes each cell through safe_cell, following OWASP's advice on CSV injection:
https://owasp.org/www-community/attacks/CSV_Injection
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

# A spreadsheet reads a cell starting with one of these as a formula (tab and line breaks:
# some programs drop them and then read the formula behind them).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


def safe_cell(value: Any) -> Any:
    """The value, with a leading quote when it is text a spreadsheet would run; numbers as-is."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


# Excel workbooks: the header, the cells, the widths every export shares.

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDE6F0")
WRAP = Alignment(wrap_text=True, vertical="top")
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"


def as_cell(value):
    """A value as a cell: text made safe (no formula, no character Excel refuses), a moment
    on the office's clock (Excel knows no time zones), yes/no in words."""
    if isinstance(value, Promise):
        value = str(value)
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, datetime):
        return timezone.localtime(value).replace(tzinfo=None)
    if isinstance(value, str):
        return safe_cell(ILLEGAL_CHARACTERS_RE.sub("", value))
    return value


def write_sheet(sheet: Worksheet, columns: list[tuple[str, int]], rows: Iterable[list]) -> None:
    """Header row, rows, dates formatted, long text wrapped; frozen header, auto filter."""
    sheet.append([as_cell(label) for label, _width in columns])
    for cell in sheet[1]:
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
    for row in rows:
        sheet.append([as_cell(value) for value in row])
    for index, (_label, width) in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    for line in sheet.iter_rows(min_row=2):
        for cell in line:
            if isinstance(cell.value, datetime):
                cell.number_format = DATETIME_FORMAT
            elif isinstance(cell.value, date):
                cell.number_format = DATE_FORMAT
            elif isinstance(cell.value, str) and len(cell.value) > 30:
                cell.alignment = WRAP
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{sheet.max_row}"


def sheet_title(text: str) -> str:
    """Excel's limits on a sheet's name: 31 characters, none of []:*?/\\."""
    return re.sub(r"[\[\]:*?/\\]", " ", text)[:31]
