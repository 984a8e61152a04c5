"""The seating chart (座次表) and the table cards (桌签) of a trip.

The chart: every seating plan of the trip (one a meeting item that has one), in time
order, each on its own page: the item's title, time and place, the drawing as on screen
(logistics.seating.layout(): the head table at the top, the rows below, each left to right
as seen from the hall) and the list of seats by rank, with names and titles.

The cards: one folded A4 landscape sheet a seat, plans in time order and each plan's seats
in seat order (the head table, then the rows, left to right as seen from the hall), the
name on both halves, the top half upside down so that it reads from both sides of the
table. Both are for the party (on_team), and offered only when the trip has a plan.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch
from django.utils.translation import pgettext, pgettext_lazy

from accounts import dates
from logistics import seating
from logistics.models import SeatingAttendee, SeatingPlan
from printing.documents import Document, on_team
from trips.models import Trip


def _plans(trip: Trip) -> list[SeatingPlan]:
    """The trip's plans in time order, with their attendees by rank: two queries."""
    return list(
        SeatingPlan.objects.filter(item__trip=trip)
        .select_related("item")
        .prefetch_related(Prefetch("attendees", queryset=SeatingAttendee.objects.order_by("rank")))
        .order_by("item__start", "item__pk")
    )


def _seat(seat: seating.Seat) -> dict[str, Any]:
    return {"rank": seat.rank, "name": seat.name, "title": seat.title}


def _when(trip: Trip, plan: SeatingPlan, language: str) -> str:
    start, end = trip.local(plan.item.start), trip.local(plan.item.end)
    day = dates.long_date(start.date(), language)
    if end.date() != start.date():
        last = dates.long_date(end.date(), language, year=False)
        return f"{day} {start:%H:%M}\N{EN DASH}{last} {end:%H:%M}"
    return f"{day} {start:%H:%M}\N{EN DASH}{end:%H:%M}"


def _where(layout: seating.Layout) -> dict[int, str]:
    """Each rank's place: the head table or its row."""
    places = {seat.rank: str(pgettext("seating chart", "Head table")) for seat in layout.head_table}
    for number, row in enumerate(layout.rows, start=1):
        label = pgettext("seating chart", "Row %(number)s") % {"number": number}
        places.update((seat.rank, label) for seat in row)
    return places


def _drawing(layout: seating.Layout) -> dict[str, Any]:
    """The head table and the rows, each a line of seats on the chart's grid: every seat
    is as wide as one column of the widest line, every line centred, as on screen."""
    column = round(100 / max(layout.width, 1), 3)
    lines = [layout.head_table, *layout.rows]
    return {
        "column": column,
        "lines": [
            {"width": round(column * len(line), 3), "seats": [_seat(s) for s in line]}
            for line in lines
        ],
    }


def has_plans(trip: Trip, user) -> bool:
    """The party reads the chart and the cards of a trip that has a seating plan."""
    return on_team(trip, user) and SeatingPlan.objects.filter(item__trip=trip).exists()


def _seated(plan: SeatingPlan) -> list[seating.Seat]:
    """The plan's seats in seat order: the head table, then the rows, front row first."""
    layout = seating.layout(plan, list(plan.attendees.all()))
    return [*layout.head_table, *(seat for row in layout.rows for seat in row)]


def chart_data(trip: Trip, language: str) -> dict[str, Any]:
    """Every plan of the trip: its item, the drawing and the seats by rank."""
    plans = []
    for plan in _plans(trip):
        attendees = list(plan.attendees.all())
        layout = seating.layout(plan, attendees)
        where = _where(layout)
        plans.append(
            {
                "title": plan.item.title,
                "when": _when(trip, plan, language),
                "place": plan.item.place,
                "chinese": plan.convention == SeatingPlan.Convention.CHINESE,
                "convention": str(plan.get_convention_display()),
                "notes": plan.notes,
                "drawing": _drawing(layout),
                "seats": [
                    {"rank": a.rank, "name": a.name, "title": a.title, "where": where[a.rank]}
                    for a in attendees
                ],
            }
        )
    return {"plans": plans}


def cards_data(trip: Trip, language: str) -> dict[str, Any]:
    """One card a seat: plans in time order, each plan's seats in seat order."""
    return {
        "cards": [
            {"name": seat.name, "title": seat.title}
            for plan in _plans(trip)
            for seat in _seated(plan)
        ]
    }


SEATING_CHART = Document(
    "seating",
    pgettext_lazy("printed document", "Seating chart"),
    "printing/seating.html",
    chart_data,
    has_plans,
)
TABLE_CARDS = Document(
    "table-cards",
    pgettext_lazy("printed document", "Table cards"),
    "printing/table_cards.html",
    cards_data,
    has_plans,
)
