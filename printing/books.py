"""The briefing book and the post-trip report as printed documents.

The briefing book shows what its reader may read (sensitive matters only for secretaries
and leaders), every fact with its source, and marks the unverified ones; the report is
the current edition (the draft with its live follow-up table, or the final revision as
frozen), for the trip's secretaries and leaders.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext, pgettext_lazy

from accounts import dates
from briefings import book
from briefings.book import Material
from followups import access as followup_access
from followups import report
from followups.models import FollowUp, Report
from printing.documents import Document, _dates, _place, on_team
from trips.models import Trip

# --- The briefing book ------------------------------------------------------------------


def _fact(fact) -> dict[str, Any]:
    """A fact with its source and whether it was verified, as plain words."""
    return {
        "source": fact.source,
        "verified": fact.is_verified,
        "hand": str(fact.hand_label),
    }


def _material(material: Material | None) -> list[dict[str, Any]]:
    """The material by topic: people, figures and sections under each heading."""
    if material is None:
        return []
    return [
        {
            "label": str(topic.label),
            "people": [
                {"name": p.name, "title": p.title, "text": p.responsibilities, **_fact(p)}
                for p in topic.people
            ],
            "figures": [
                {
                    "label": f.label,
                    "value": f.display_value,
                    "unit": f.unit,
                    "as_of": dates.long_date(f.as_of),
                    **_fact(f),
                }
                for f in topic.figures
            ],
            "sections": [{"title": s.title, "text": s.body, **_fact(s)} for s in topic.sections],
        }
        for topic in material.topics()
    ]


def _promise(item: FollowUp) -> dict[str, Any]:
    kept = item.status == FollowUp.Status.DONE
    return {
        "title": item.title,
        "status": gettext("Kept") if kept else str(item.get_status_display()),
        "overdue": bool(getattr(item, "overdue", False)),
        "trip": item.trip.title,
        "due": dates.long_date(item.due_date),
        "outcome": item.answer if kept else item.reason,
    }


def briefing_data(trip: Trip, language: str, reader) -> dict[str, Any]:
    """Each stop in time order with its unit's and its own material, and what the unit was
    promised on earlier visits; the count of unverified facts."""
    found = book.book_for(trip, reader)
    stops = []
    for stop in found.stops:
        item = stop.item
        start, end = trip.local(item.start), trip.local(item.end)
        stops.append(
            {
                "date": dates.long_date(start.date(), language),
                "time": f"{start:%H:%M}\N{EN DASH}{end:%H:%M}",
                "title": item.title,
                "place": _place(item),
                "unit": item.host_unit.name if item.host_unit else "",
                "unit_material": _material(stop.unit_material),
                "material": _material(stop.material),
                "promises": [_promise(p) for p in stop.promises],
            }
        )
    return {
        "dates": _dates(trip, language),
        "stops": stops,
        "unverified": len(found.unverified()),
    }


BRIEFING_BOOK = Document(
    "briefing-book",
    pgettext_lazy("printed document", "Briefing book"),
    "printing/briefing_book.html",
    briefing_data,
    on_team,
    personal=True,
)


# --- The post-trip report ---------------------------------------------------------------


def report_data(trip: Trip, language: str) -> dict[str, Any]:
    """The current edition: its title, text (through the report's sanitiser) and table."""
    current = report.existing(trip)
    shown = report.edition(current)
    return {
        "dates": _dates(trip, language),
        "title": shown.title,
        "revision": shown.number,
        "final": shown.is_final,
        # Markdown rendered by the same sanitiser as the page: a few tags, no attributes.
        "body_html": str(report.render_markdown(shown.body)),
        "rows": [
            {
                "number": row.number,
                "title": row.title,
                "owners": row.owners,
                "due": dates.long_date(row.due_date) if row.due_date else "",
                "status": row.status_label,
                "outcome": row.outcome,
            }
            for row in shown.rows
        ],
    }


def may_print_report(trip: Trip, user) -> bool:
    """The trip's secretaries and leaders, once a secretary has started the report."""
    return followup_access.may_read_report(trip, user) and Report.objects.filter(trip=trip).exists()


POST_TRIP_REPORT = Document(
    "report",
    pgettext_lazy("printed document", "Post-trip report"),
    "printing/report.html",
    report_data,
    may_print_report,
)
