"""What the trip costs the office (差旅费): an estimate before approval, frozen with each
submitted version for the leader, and the actuals after the trip; kept apart from the hosts'
接待费 (notices.reception), as 《党政机关国内公务接待管理规定》 Art. 12 keeps 接待费 a line
of its own in the budget.

The suggestions follow the central travel rules (财政部《中央和国家机关差旅费管理办法》
财行〔2013〕531号): a meal allowance (伙食补助费) and a local transport allowance (市内交通费) per
person and day, lodging per person and night within the office's cap; tickets and cars are
entered by the secretary.
"""

# ruff: noqa: RUF002  (the rules are quoted in Chinese)

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from io import BytesIO

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from openpyxl import Workbook

from directory import spreadsheet
from trips.models import Trip, TripCost

C = TripCost.Category
CENT = Decimal("0.01")


@dataclass(frozen=True)
class CostLine:
    """One line of the trip's costs: what the rules suggest, the estimate, the actual."""

    category: str
    label: str
    suggested: Decimal | None
    estimate: Decimal | None
    actual: Decimal | None
    note: str = ""

    @property
    def difference(self) -> Decimal | None:
        """Actual minus estimate, once both are known."""
        if self.estimate is None or self.actual is None:
            return None
        return self.actual - self.estimate


def allowance(setting: str) -> Decimal:
    """A money setting (yuan) as a Decimal: the travel allowances, the lodging cap."""
    return Decimal(str(getattr(settings, setting)))


def suggested(trip: Trip) -> dict[str, Decimal | None]:
    """What the rules give for the party's days and nights: meals and local transport per
    person and day, lodging per person and night (TRIP_LODGING_PER_NIGHT); tickets, cars
    and other costs are the secretary's to enter."""
    people = len(trip.party()) or 1
    days = (trip.end_date - trip.start_date).days + 1
    nights = days - 1
    return {
        C.TRANSPORT: None,
        C.LOCAL: (allowance("RECEPTION_TRANSPORT_ALLOWANCE") * people * days).quantize(CENT),
        C.LODGING: (allowance("TRIP_LODGING_PER_NIGHT") * people * nights).quantize(CENT),
        C.MEALS: (allowance("RECEPTION_MEAL_ALLOWANCE") * people * days).quantize(CENT),
        C.OTHER: None,
    }


def sheet(trip: Trip) -> list[CostLine]:
    """Every category in order, with what was entered: one query for the lines."""
    entered = {cost.category: cost for cost in trip.costs.all()}
    rules = suggested(trip)
    lines = []
    for category, label in C.choices:
        cost = entered.get(category)
        lines.append(
            CostLine(
                category,
                str(label),
                rules[category],
                cost.estimate if cost else None,
                cost.actual if cost else None,
                cost.note if cost else "",
            )
        )
    return lines


def totals(lines: list[CostLine]) -> tuple[Decimal, Decimal]:
    """The estimate and the actual, summed over the lines that have one."""
    estimate = sum((line.estimate for line in lines if line.estimate is not None), Decimal(0))
    actual = sum((line.actual for line in lines if line.actual is not None), Decimal(0))
    return estimate, actual


def may_edit(trip: Trip, user) -> bool:
    """The trip's secretaries, while it may be edited, and once completed for the actuals."""
    return trip.can_edit(user) or (trip.has_secretary(user) and trip.is_completed)


@transaction.atomic
def save(trip: Trip, by, values: dict[str, dict]) -> None:
    """The secretary's estimate, actual and note per category (values[category])."""
    if not may_edit(trip, by):
        raise PermissionDenied
    for category, fields in values.items():
        TripCost.objects.update_or_create(
            trip=trip, category=category, defaults={**fields, "updated_by": by}
        )


def frozen(trip: Trip) -> list[dict]:
    """The estimate as a version keeps it: [{"category", "estimate"}], plain values."""
    return [
        {"category": line.category, "estimate": str(line.estimate)}
        for line in sheet(trip)
        if line.estimate is not None
    ]


def read_frozen(rows: list[dict]) -> list[tuple[str, Decimal]]:
    """A version's frozen estimate, each category in words, then the total (none: [])."""
    labels = dict(C.choices)
    lines = [(str(labels.get(r["category"], r["category"])), Decimal(r["estimate"])) for r in rows]
    if not lines:
        return []
    return [*lines, (_("Total"), sum((amount for _label, amount in lines), Decimal(0)))]


def workbook_response(trip: Trip) -> HttpResponse:
    """The trip's costs as a workbook for the finance office."""
    lines = sheet(trip)
    book = Workbook()
    ws = book.active
    ws.title = spreadsheet.sheet_title(_("Trip costs"))
    estimate, actual = totals(lines)
    rows = [[line.label, line.estimate, line.actual, line.difference, line.note] for line in lines]
    rows.append([_("Total"), estimate, actual, actual - estimate, ""])
    spreadsheet.write_sheet(
        ws,
        [
            (_("Cost"), 28),
            (_("Estimate (yuan)"), 14),
            (_("Actual (yuan)"), 14),
            (_("Difference (yuan)"), 14),
            (_("Note"), 40),
        ],
        rows,
    )
    buffer = BytesIO()
    book.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=spreadsheet.XLSX_CONTENT_TYPE)
    name = _("Trip costs") + f" {trip.start_date:%Y-%m-%d}.xlsx"
    response["Content-Disposition"] = content_disposition_header(True, name)
    return response
