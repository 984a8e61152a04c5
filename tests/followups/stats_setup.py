"""A small 督办 ledger counted by hand, for the statistics tests (and the browser journey).

Today is TODAY (1 February 2027); the period the page opens on is 2027. The water bureau:
  1 answered on time (5 days after assignment)
  2 answered late (15 days)
  3 extended from 10 to 31 January, answered on 25 January and accepted: late against the
    original date (22 days)
  4 answered on time, returned, answered again after its due date and accepted: on time,
    returned (7 days)
  5 answered "cannot be done" before its due date and accepted: on time, cannot (13)
  6 in progress, past its due date: overdue now
The finance bureau:
  7 assigned, past its due date: overdue now
  8 assigned, due in March: nothing to say yet
Not counted: a pending item (not assigned) and an item due in December 2026.

Water: 6 assigned, 3 on time, 2 late, 1 overdue, 1 extended, 1 returned, 1 cannot, 60 %,
(5 + 15 + 22 + 7 + 13) / 5 = 12.4 days. Finance: 2 assigned, 1 overdue, no answer: it
comes first (0 % with an item overdue). Totals: 8, 3, 2, 2, 1, 1, 1, 60 %, 12.4.
"""

from __future__ import annotations

import datetime as dt

from directory.models import Department
from followups.models import ExtensionRequest, FollowUp, FollowUpUpdate
from tests.factories import at
from tests.followups.item_setup import department

TODAY = dt.date(2027, 2, 1)
NOW = at(TODAY, 9)
WATER, FINANCE = "Water bureau", "Finance bureau"

WATER_ROW = {
    "assigned": 6,
    "on_time": 3,
    "late": 2,
    "overdue_now": 1,
    "extended": 1,
    "returned": 1,
    "cannot": 1,
    "on_time_percent": 60,
    "average_days": 12.4,
}
FINANCE_ROW = {
    "assigned": 2,
    "on_time": 0,
    "late": 0,
    "overdue_now": 1,
    "extended": 0,
    "returned": 0,
    "cannot": 0,
    "on_time_percent": None,
    "average_days": None,
}
TOTAL_ROW = {**WATER_ROW, "assigned": 8, "overdue_now": 2}


def jan(day: int, hour: int = 10) -> dt.datetime:
    return at(dt.date(2027, 1, day), hour)


def moved(item: FollowUp, when: dt.datetime, before: str | None, after: str, **more) -> None:
    """A history row moving the item from `before` to `after`, written at `when`."""
    row = FollowUpUpdate.objects.create(
        followup=item, by_name="Zhang Min", changes={"status": [before, after], **more}
    )
    FollowUpUpdate.objects.filter(pk=row.pk).update(at=when)


def bureau(name: str) -> Department:
    """The department of that name, made the first time."""
    return Department.objects.filter(name=name).first() or department(name)[0]


def _item(trip, by, dept, title: str, due: dt.date, status: str, **fields) -> FollowUp:
    return FollowUp.objects.create(
        trip=trip,
        department=dept,
        created_by=by,
        title=title,
        to_do="Do it.",
        due_date=due,
        status=status,
        **fields,
    )


def ledger(trip, by, water_name: str = WATER, finance_name: str = FINANCE) -> dict[str, FollowUp]:
    """The items above on the trip, with their history; by title."""
    water, finance = bureau(water_name), bureau(finance_name)
    due = dt.date(2027, 1, 15)
    made = {}

    made["on time"] = on_time = _item(
        trip, by, water, "On time", due, "done", answer="Fixed.", answer_kind="done"
    )
    moved(on_time, jan(5), "pending", "assigned")
    moved(on_time, jan(10), "in_progress", "answered")
    moved(on_time, jan(11), "answered", "done")

    made["late"] = late = _item(
        trip, by, water, "Late", due, "done", answer="Fixed.", answer_kind="done"
    )
    moved(late, jan(5), "pending", "assigned")
    moved(late, jan(20), "assigned", "answered")
    moved(late, jan(21), "answered", "done")

    made["extended"] = extended = _item(
        trip,
        by,
        water,
        "Extended, late",
        dt.date(2027, 1, 31),
        "done",
        original_due_date=dt.date(2027, 1, 10),
        answer="Fixed.",
        answer_kind="done",
    )
    moved(extended, jan(3), "pending", "assigned")
    ExtensionRequest.objects.create(
        followup=extended,
        from_date=dt.date(2027, 1, 10),
        to_date=dt.date(2027, 1, 31),
        reason="Parts on order.",
        status=ExtensionRequest.Status.APPROVED,
    )
    moved(extended, jan(25), "in_progress", "answered")
    moved(extended, jan(26), "answered", "done")

    made["returned"] = returned = _item(
        trip, by, water, "Returned", dt.date(2027, 1, 20), "done", answer="Now fixed."
    )
    moved(returned, jan(5), "pending", "assigned")
    moved(returned, jan(12), "assigned", "answered")
    moved(returned, jan(13), "answered", "returned")
    moved(returned, jan(25), "returned", "answered")
    moved(returned, jan(26), "answered", "done")

    made["cannot"] = cannot = _item(
        trip,
        by,
        water,
        "Cannot",
        dt.date(2027, 1, 20),
        "cannot",
        reason="No land.",
        answer_kind="cannot",
    )
    moved(cannot, jan(5), "pending", "assigned")
    moved(cannot, jan(18), "in_progress", "answered")
    moved(cannot, jan(19), "answered", "cannot")

    made["overdue"] = overdue = _item(
        trip, by, water, "Overdue", dt.date(2027, 1, 25), "in_progress"
    )
    moved(overdue, jan(5), "pending", "assigned")

    made["finance overdue"] = _item(
        trip, by, finance, "Finance overdue", dt.date(2027, 1, 28), "assigned"
    )
    made["finance later"] = _item(
        trip, by, finance, "Finance later", dt.date(2027, 3, 1), "assigned"
    )
    made["pending"] = _item(trip, by, water, "Pending", dt.date(2027, 1, 5), "pending")
    made["last year"] = _item(
        trip, by, water, "Last year", dt.date(2026, 12, 20), "done", answer="Fixed."
    )
    return made
