"""督办统计: how each owner department (承办部门, 牵头) answers its items, for the 通报.

The rules, in the office's words (the page states them too):
- The items counted are those handed to a department (not 待交办) whose ORIGINAL due date
  (FollowUp.original_due: before any extension) falls in the period.
- An item is answered when its history first moves it to answered (已反馈), or straight
  to done or cannot be done (the office recorded the outcome itself): the first such row
  is its answer, whatever the review did with it afterwards.
- On time: answered on or before the original due date, on the office's clock; late:
  after it. An extension moves the due date, never the measure of lateness.
- Overdue now: open and past the due date today (FollowUp.overdue_on, the board's rule).
- Extended: the due date was moved (original_due_date set, or an approved 延期申请).
- Returned: the office returned its answer (退回) at least once.
- Days to answer: from the day it was assigned (its first row moving it to 已交办, else
  the day the item was made) to the day of its answer.

Everything is counted in SQL from the history rows (FollowUpUpdate): department_figures
is one query however many items there are, late_items one more.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db import models
from django.db.models import (
    Count,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
)
from django.db.models.functions import Coalesce, TruncDate
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from accounts import dates
from followups.models import ExtensionRequest, FollowUp, FollowUpUpdate
from trips.models import Trip

S = FollowUp.Status

# The moves that give an item its answer (the first one counts).
ANSWERING = (S.ANSWERED, S.DONE, S.CANNOT)


@dataclass(frozen=True)
class DepartmentFigures:
    """One owner department's row of the 督办统计 (or the totals row: department_id None)."""

    department_id: int | None
    department: str
    assigned: int
    on_time: int
    late: int
    overdue_now: int
    extended: int
    returned: int
    cannot: int
    # The days from assignment to answer, summed over the answered items.
    answer_days: int = 0

    @property
    def answered(self) -> int:
        return self.on_time + self.late

    @property
    def on_time_rate(self) -> float | None:
        """The share of the answered items answered on time (0 to 1); None with no answer."""
        return self.on_time / self.answered if self.answered else None

    @property
    def on_time_percent(self) -> int | None:
        rate = self.on_time_rate
        return None if rate is None else round(100 * rate)

    @property
    def average_days(self) -> float | None:
        """Average days from assignment to answer, to one decimal; None with no answer."""
        return round(self.answer_days / self.answered, 1) if self.answered else None

    @property
    def is_total(self) -> bool:
        return self.department_id is None


@dataclass(frozen=True)
class LateItem:
    """An item answered after its original due date, or overdue now."""

    pk: int
    department: str
    trip: str
    title: str
    original_due: date
    due_date: date
    answered_on: date | None
    days_late: int


def original_due() -> Coalesce:
    """The due date before any extension, in SQL (FollowUp.original_due)."""
    return Coalesce("original_due_date", "due_date")


def in_period(items: QuerySet[FollowUp], start: date | None, end: date | None) -> QuerySet:
    """The items whose original due date falls between start and end (either may be open)."""
    items = items.alias(original_due_on=original_due())
    if start is not None:
        items = items.filter(original_due_on__gte=start)
    if end is not None:
        items = items.filter(original_due_on__lte=end)
    return items


def chosen(
    items: QuerySet[FollowUp],
    *,
    trip: Trip | None = None,
    leader=None,
    start: date | None = None,
    end: date | None = None,
) -> QuerySet[FollowUp]:
    """The items the statistics count, by the page's filters: handed to a department, of
    the trip, of the leader's trips, their original due date in the period."""
    items = items.exclude(status=S.PENDING)
    if trip is not None:
        items = items.filter(trip=trip)
    if leader is not None:
        items = items.filter(trip__in=Trip.objects.led_by(leader).values("pk"))
    return in_period(items, start, end)


def _first_day(rows: QuerySet[FollowUpUpdate]) -> Subquery:
    """The day (office's clock) of the item's first of these history rows, None for none."""
    first = rows.order_by().values("followup").annotate(first=Min("at")).values("first")
    return TruncDate(Subquery(first, output_field=models.DateTimeField()))


def with_answer(items: QuerySet[FollowUp]) -> QuerySet[FollowUp]:
    """Each item carries `answered_on` (the day of its first answer, or None),
    `assigned_on` (the day it was assigned, or made) and `original_due_on`."""
    history = FollowUpUpdate.objects.filter(followup=OuterRef("pk"))
    return items.annotate(
        original_due_on=original_due(),
        answered_on=_first_day(history.filter(changes__status__1__in=ANSWERING)),
        assigned_on=Coalesce(
            _first_day(history.filter(changes__status__1=S.ASSIGNED)),
            TruncDate("created_at"),
        ),
    )


def department_figures(items: QuerySet[FollowUp], today: date) -> list[DepartmentFigures]:
    """The figures of each owner department for these items (chosen() made them), worst
    first: one query."""
    returned = FollowUpUpdate.objects.filter(followup=OuterRef("pk"), changes__status__1=S.RETURNED)
    approved = ExtensionRequest.objects.filter(
        followup=OuterRef("pk"), status=ExtensionRequest.Status.APPROVED
    )
    answered = Q(answered_on__isnull=False)
    on_time = answered & Q(answered_on__lte=F("original_due_on"))
    late = answered & Q(answered_on__gt=F("original_due_on"))
    days = ExpressionWrapper(F("answered_on") - F("assigned_on"), output_field=DurationField())
    rows = (
        with_answer(items.order_by())
        .annotate(was_returned=Exists(returned), had_extension=Exists(approved), days=days)
        .values("department", "department__name")
        .annotate(
            assigned=Count("pk"),
            on_time=Count("pk", filter=on_time),
            late=Count("pk", filter=late),
            overdue_now=Count("pk", filter=FollowUp.overdue_on(today)),
            extended=Count("pk", filter=Q(original_due_date__isnull=False) | Q(had_extension=True)),
            returned=Count("pk", filter=Q(was_returned=True)),
            cannot=Count("pk", filter=Q(status=S.CANNOT)),
            answer_days=Sum("days", filter=answered),
        )
        .order_by()
    )
    figures = [
        DepartmentFigures(
            department_id=row["department"],
            department=row["department__name"],
            assigned=row["assigned"],
            on_time=row["on_time"],
            late=row["late"],
            overdue_now=row["overdue_now"],
            extended=row["extended"],
            returned=row["returned"],
            cannot=row["cannot"],
            answer_days=_days(row["answer_days"]),
        )
        for row in rows
    ]
    return sorted(figures, key=worst_first)


def _days(value: timedelta | int | None) -> int:
    """A sum of day differences as the database returns it (an interval, or microseconds)."""
    if value is None:
        return 0
    if isinstance(value, timedelta):
        return value.days
    return round(value / 86_400_000_000)


def worst_first(row: DepartmentFigures) -> tuple:
    """Lowest on-time rate first (a department with overdue items and no answer yet counts
    as 0%), then the most overdue now, the most answered late; a department with nothing
    answered and nothing overdue has nothing to judge yet and comes last."""
    rate = row.on_time_rate
    if rate is None:
        rate = 0.0 if row.overdue_now else 2.0
    return (rate, -row.overdue_now, -row.late, row.department)


def totals(figures: list[DepartmentFigures]) -> DepartmentFigures:
    """The totals row: every department's figures added up."""
    return DepartmentFigures(
        department_id=None,
        department="",
        **{
            name: sum(getattr(row, name) for row in figures)
            for name in (
                "assigned",
                "on_time",
                "late",
                "overdue_now",
                "extended",
                "returned",
                "cannot",
                "answer_days",
            )
        },
    )


def late_items(items: QuerySet[FollowUp], today: date) -> list[LateItem]:
    """The items answered after their original due date, or overdue now, with how many days
    late (to the answer, or to today while there is none): one query, latest first."""
    found = (
        with_answer(items.order_by())
        .filter(Q(answered_on__gt=F("original_due_on")) | FollowUp.overdue_on(today))
        .values(
            "pk",
            "department__name",
            "trip__title",
            "title",
            "original_due_on",
            "due_date",
            "answered_on",
        )
    )
    listed = []
    for row in found:
        answered_on = row["answered_on"]
        late_to = answered_on if answered_on and answered_on > row["original_due_on"] else today
        listed.append(
            LateItem(
                pk=row["pk"],
                department=row["department__name"],
                trip=row["trip__title"],
                title=row["title"],
                original_due=row["original_due_on"],
                due_date=row["due_date"],
                answered_on=answered_on,
                days_late=(late_to - row["original_due_on"]).days,
            )
        )
    return sorted(listed, key=lambda item: (-item.days_late, item.department, item.pk))


@dataclass(frozen=True)
class Statistics:
    """The 督办统计 as the page, the workbook and the printed copy show it."""

    start: date | None
    end: date | None
    departments: list[DepartmentFigures]
    total: DepartmentFigures
    # The items counted (chosen()), for late_items().
    items: QuerySet[FollowUp]

    @property
    def period(self) -> str:
        """The period in words, in the active language."""
        return period_in_words(self)


def statistics(
    items: QuerySet[FollowUp],
    today: date,
    *,
    trip: Trip | None = None,
    leader=None,
    start: date | None = None,
    end: date | None = None,
) -> Statistics:
    """The figures of the chosen items per department, worst first, and their totals."""
    counted = chosen(items, trip=trip, leader=leader, start=start, end=end)
    departments = department_figures(counted, today)
    return Statistics(start, end, departments, totals(departments), counted)


def period_in_words(figures: Statistics, language: str | None = None) -> str:
    """The period as the page and the printed copy say it, in the language (the active one
    by default): both days, or the one end given, or every date."""
    start = dates.long_date(figures.start, language)
    end = dates.long_date(figures.end, language)
    if start and end:
        return pgettext("from one day to another", "%(first)s to %(last)s") % {
            "first": start,
            "last": end,
        }
    if start:
        return _("From %(day)s") % {"day": start}
    if end:
        return _("Until %(day)s") % {"day": end}
    return _("All due dates")


def period_for_filename(figures: Statistics) -> str:
    """The period in a file's name: 2026-01-01_2026-12-31 (an open end left empty)."""
    first = figures.start.isoformat() if figures.start else ""
    last = figures.end.isoformat() if figures.end else ""
    return f"{first}_{last}" if first or last else _("all dates")
