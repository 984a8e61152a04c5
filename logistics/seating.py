"""Seating plans: who sits where at the head table and in the rows, by protocol rank.

Viewpoints. People at the head table (主席台) sit facing the hall, so their left is the
hall's right. Every layout here lists seats **left to right as seen from the hall**
(the way the drawing is printed: head table at the top, the audience looking at it).

The Chinese convention (国内政务礼仪, 以左为上: "left is senior", left meaning the left hand
of the people at the head table):
- odd number of seats: No. 1 sits in the centre, No. 2 at No. 1's left hand (the hall's
  right), No. 3 at No. 1's right hand (the hall's left), then No. 4 beyond No. 2, No. 5
  beyond No. 3, and so on, alternating outwards. Five seats, seen from the hall:
  5 3 1 2 4.
- even number: No. 1 and No. 2 share the two middle seats and No. 2 is still at No. 1's
  left hand; so No. 1 takes the middle seat on the hall's left (on the right of centre as
  seen from the head table). Four seats, seen from the hall: 3 1 2 4.
  (Sources on 主席台座次 agree that No. 2 stays at No. 1's left hand with an even count.)

The international convention (right is senior): the host sits in the middle and the guest
of honour at the host's right hand (the hall's left), then alternating outwards. It is
the mirror image: five seats 4 2 1 3 5, four seats 4 2 1 3. The attendee list is ordered
host first, guest of honour second.

The rows in the hall follow the head table: the next ranks fill the front row, then the
next, each row arranged by the same convention.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from accounts.people import display_name, display_title, in_protocol_order
from logistics.models import SeatingAttendee, SeatingPlan
from trips.models import ItineraryItem

CHINESE = SeatingPlan.Convention.CHINESE
INTERNATIONAL = SeatingPlan.Convention.INTERNATIONAL


def seat_order(count: int, convention: str) -> list[int]:
    """Ranks 1..count in seat order, left to right as seen from the hall."""
    if count <= 0:
        return []
    honour = list(range(2, count + 1, 2))  # 2, 4, 6 …: the side of honour, outwards
    other = list(range(3, count + 1, 2))  # 3, 5, 7 …
    if convention == CHINESE:
        # The side of honour is No. 1's left hand: the hall's right.
        return [*reversed(other), 1, *honour]
    # International: the host's right hand, which is the hall's left.
    return [*reversed(honour), 1, *other]


@dataclass(frozen=True)
class Seat:
    rank: int
    name: str
    title: str


@dataclass(frozen=True)
class Layout:
    head_table: list[Seat]  # left to right as seen from the hall
    rows: list[list[Seat]]  # front row first, each left to right as seen from the hall

    @property
    def width(self) -> int:
        """The most seats side by side, for the drawing's grid."""
        return max([len(self.head_table), *(len(row) for row in self.rows)], default=1)


def arrange(people: list[Seat], convention: str) -> list[Seat]:
    """People (most senior first) placed left to right as seen from the hall."""
    return [people[rank - 1] for rank in seat_order(len(people), convention)]


def layout(plan: SeatingPlan, attendees: list[SeatingAttendee] | None = None) -> Layout:
    """The head table and the rows of a plan, from its attendees in rank order."""
    attendees = list(plan.attendees.all()) if attendees is None else attendees
    people = [Seat(a.rank, a.name, a.title) for a in sorted(attendees, key=lambda a: a.rank)]
    head, rest = people[: plan.head_table_seats], people[plan.head_table_seats :]
    per_row = max(plan.seats_per_row, 1)
    rows = [
        arrange(rest[start : start + per_row], plan.convention)
        for start in range(0, len(rest), per_row)
    ]
    return Layout(head_table=arrange(head, plan.convention), rows=rows)


def may_have_plan(item: ItineraryItem) -> bool:
    """Meetings, forums and ceremonies have seating plans."""
    return item.kind in SeatingPlan.KINDS


def save_attendees(plan: SeatingPlan, people: list[tuple[str, str]]) -> None:
    """Replace the plan's attendees by these (name, title) pairs, most senior first."""
    with transaction.atomic():
        plan.attendees.all().delete()
        SeatingAttendee.objects.bulk_create(
            SeatingAttendee(plan=plan, rank=rank, name=name, title=title)
            for rank, (name, title) in enumerate(people, start=1)
        )


def suggested_attendees(item: ItineraryItem) -> list[tuple[str, str]]:
    """A first list to start from: the item's team attendees, then its host contacts."""
    team = [
        (display_name(person), display_title(person))
        for person in in_protocol_order(item.attendees.all())
    ]
    hosts = [(contact.name, contact.title) for contact in item.contacts.all()]
    return team + hosts
