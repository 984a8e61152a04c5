"""The seating chart (座次表) and the table cards (桌签) of a trip.

The chart: every seating plan of the trip, in time order, each on its own page: the item's
title, time and place, its layout, the drawing as on screen (logistics.seating.drawing,
drawn by the plan page's own template, logistics/_seating_drawing.html, and style sheet),
the lines to check (logistics.seating.flagged) and the list of seats by rank, with names,
titles and places.

The cards: one folded A4 landscape sheet a seat, plans in time order and each plan's seats
in seat order (logistics.seating.Layout.seated: the lines as drawn, left to right; a
banquet's tables in number order), the name on both halves, the top half upside down so
that it reads from both sides of the table. A line whose name could not be read gets no
card (the chart and the plan page flag it); a group photo has no cards. Both are for the
party (on_team), and offered only when the trip has a plan.
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
        .prefetch_related(
            Prefetch("attendees", queryset=SeatingAttendee.objects.order_by("guest", "rank"))
        )
        .order_by("item__start", "item__pk")
    )


def _when(trip: Trip, plan: SeatingPlan, language: str) -> str:
    start, end = trip.local(plan.item.start), trip.local(plan.item.end)
    day = dates.long_date(start.date(), language)
    if end.date() != start.date():
        last = dates.long_date(end.date(), language, year=False)
        return f"{day} {start:%H:%M}\N{EN DASH}{last} {end:%H:%M}"
    return f"{day} {start:%H:%M}\N{EN DASH}{end:%H:%M}"


def has_plans(trip: Trip, user) -> bool:
    """The party reads the chart and the cards of a trip that has a seating plan."""
    return on_team(trip, user) and SeatingPlan.objects.filter(item__trip=trip).exists()


def _side(person: seating.Person, plan: SeatingPlan) -> str:
    if not plan.is_two_sided:
        return ""
    if person.guest:
        return str(pgettext("seating chart", "Guests"))
    return str(pgettext("seating chart", "Hosts"))


def chart_data(trip: Trip, language: str) -> dict[str, Any]:
    """Every plan of the trip: its item, the drawing and the seats by rank."""
    plans = []
    for plan in _plans(trip):
        attendees = list(plan.attendees.all())
        layout = seating.layout(plan, attendees)
        places = sorted(layout.seated(), key=lambda seat: (seat[0].guest, seat[0].rank))
        plans.append(
            {
                "title": plan.item.title,
                "when": _when(trip, plan, language),
                "place": plan.item.place,
                "layout": str(plan.get_layout_display()),
                "notes": plan.notes,
                "drawing": seating.drawing(plan, layout),
                "flagged": seating.flagged(plan, attendees),
                "two_sided": plan.is_two_sided,
                "seats": [
                    {
                        "rank": person.rank,
                        "side": _side(person, plan),
                        "name": person.shown,
                        "title": person.title,
                        "where": place.label(),
                    }
                    for person, place in places
                ],
            }
        )
    return {"plans": plans}


def cards_data(trip: Trip, language: str) -> dict[str, Any]:
    """One card a seat whose name could be read: plans in time order, each plan's seats
    in seat order; none for a group photo."""
    return {
        "cards": [
            {"name": person.name, "title": person.title}
            for plan in _plans(trip)
            if plan.layout != SeatingPlan.Layout.PHOTO
            for person, _place in seating.layout(plan, plan.attendees.all()).seated()
            if person.name
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
