"""The trip pack (行程手册): one PDF with a cover, a table of contents and the sections
of the trip's documents, each on pages of its own.

A section is one entry of SECTIONS: its anchor, its title, the partial that shows it and
the function that gathers its data (trip, language) -> plain JSON, or (trip, language,
reader) for a personal section, whose content depends on its reader. The pack's data is the
cover and every section's data, so the cache keys the pack by all it shows. The pack is
rendered by a Celery task (printing.tasks.render_pack) when it is not cached yet.

Sections in the pack: the brief as approved, the itinerary, its timeline drawing (trips.
timeline, drawn by the screen page's template and style sheet), the party list, the hosts'
contacts on site, the car plan, meals and lodging (printing.sheets), the seating plans
(printing.seating), the briefing book (printing.books: what it shows depends on the
reader, so the pack is personal: each reader's copy is cached by its own data) and the
host units' acknowledgements.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import pgettext, pgettext_lazy

from accounts import dates, people
from notices.models import Notice
from printing import books, cache, seating, sheets
from printing.documents import (
    Document,
    _dates,
    copy_key,
    itinerary_data,
    on_team,
    party_data,
)
from trips import snapshot, timeline
from trips.approval import approved_version
from trips.models import Trip

# The brief's fields the pack prints, in this order (the trip form's labels).
BRIEF_SHOWN = ("purpose", "intention", "results_wanted", "topics", "host_preparation", "notes")


@dataclass(frozen=True)
class Section:
    anchor: str  # the id its heading carries, the TOC's link target
    title: Promise | str
    partial: str  # a template under templates/printing/
    data: Callable[..., dict[str, Any]]
    personal: bool = False  # data takes the reader too: (trip, language, reader)

    def data_for(self, trip: Trip, language: str, reader) -> dict[str, Any]:
        if self.personal:
            return self.data(trip, language, reader)
        return self.data(trip, language)


def brief_data(trip: Trip, language: str) -> dict[str, Any]:
    """The brief as the leader approved it (the approved version's snapshot), else as it is
    now, marked as not yet approved."""
    version = approved_version(trip)
    if version is not None:
        brief = snapshot.Snapshot.from_json(version.snapshot).brief
        values = {name: getattr(brief, name) for name in BRIEF_SHOWN}
        status = pgettext("trip pack", "As approved in version %(number)s.") % {
            "number": version.number
        }
    else:
        values = {name: getattr(trip, name) for name in BRIEF_SHOWN}
        status = pgettext("trip pack", "Not approved yet: the brief as it stands.")
    return {
        "status": status,
        "fields": [
            {"label": str(Trip._meta.get_field(name).verbose_name).capitalize(), "text": text}
            for name, text in values.items()
            if text
        ],
    }


def timeline_data(trip: Trip, language: str) -> dict[str, Any]:
    """Each day drawn on its hour scale, as on the timeline page but without the planners'
    findings: the pack is for the party."""
    return timeline.build(trip, trip.items.select_related("host_unit")).as_data()


def _answer(notice: Notice, language: str) -> str:
    if notice.acknowledged_at is None:
        return pgettext("trip pack", "Not acknowledged")
    moment = dates.long_date(notice.acknowledged_at.date(), language)
    return pgettext("trip pack", "Acknowledged by %(name)s, %(date)s") % {
        "name": notice.acknowledged_by_name,
        "date": moment,
    }


def acknowledgements_data(trip: Trip, language: str) -> dict[str, Any]:
    """Each host unit's current notice: how it was told, whether it answered, its on-site
    contact and how far its preparation is; in one query."""
    notices = (
        Notice.objects.current()
        .filter(trip=trip)
        .select_related("host_unit")
        .order_by("host_unit__name", "pk")
    )
    return {
        "units": [
            {
                "unit": notice.host_unit.name,
                "kind": str(notice.get_kind_display()),
                "channel": str(notice.get_channel_display()),
                "answer": _answer(notice, language),
                "acknowledged": notice.acknowledged_at is not None,
                "contact": " ".join(
                    filter(None, [notice.onsite_contact_name, notice.onsite_contact_phone])
                ),
                "preparation": str(notice.get_preparation_status_display()),
            }
            for notice in notices
        ]
    }


SECTIONS: list[Section] = [
    Section("brief", pgettext_lazy("trip pack", "Brief"), "printing/pack.html#brief", brief_data),
    Section(
        "itinerary",
        pgettext_lazy("printed document", "Itinerary"),
        "printing/pack.html#itinerary",
        itinerary_data,
    ),
    Section(
        "timeline",
        pgettext_lazy("trip pack", "Timeline"),
        "printing/_pack_timeline.html",
        timeline_data,
    ),
    Section(
        "party",
        pgettext_lazy("printed document", "Party list"),
        "printing/pack.html#party",
        party_data,
    ),
    Section(
        "contacts",
        pgettext_lazy("trip pack", "The hosts' contacts on site"),
        "printing/pack.html#contacts",
        sheets.contacts_data,
    ),
    Section(
        "cars",
        pgettext_lazy("printed document", "Car plan"),
        "printing/pack.html#cars",
        sheets.cars_data,
    ),
    Section(
        "meals",
        pgettext_lazy("printed document", "Meals and lodging"),
        "printing/pack.html#meals",
        sheets.meals_data,
    ),
    Section(
        "seating",
        pgettext_lazy("printed document", "Seating chart"),
        "printing/_pack_seating.html",
        seating.chart_data,
    ),
    Section(
        "briefing",
        pgettext_lazy("printed document", "Briefing book"),
        "printing/_pack_briefing.html",
        books.briefing_data,
        personal=True,
    ),
    Section(
        "acknowledgements",
        pgettext_lazy("trip pack", "Host units' acknowledgements"),
        "printing/pack.html#acknowledgements",
        acknowledgements_data,
    ),
]


def cover_data(trip: Trip, language: str) -> dict[str, Any]:
    party = trip.party()
    return {
        "title": trip.title,
        "dates": _dates(trip, language),
        "leaders": [people.person_label(user, language) for user in trip.leaders()],
        "party_size": len(party),
    }


def pack_data(trip: Trip, language: str, reader) -> dict[str, Any]:
    """The cover and every section, in order: title, anchor, partial and data (the
    reader's: the briefing book shows what they may read)."""
    return {
        "cover": cover_data(trip, language),
        "sections": [
            {
                "anchor": section.anchor,
                "title": str(section.title),
                "partial": section.partial,
                "data": section.data_for(trip, language, reader),
            }
            for section in SECTIONS
        ],
    }


PACK = Document(
    "pack",
    pgettext_lazy("printed document", "Trip pack"),
    "printing/pack.html",
    pack_data,
    on_team,
    personal=True,
)


def is_ready(trip: Trip, language: str, reader) -> bool:
    """Whether the reader's copy is rendered already (a download is then a file read)."""
    return cache.has(copy_key(PACK, trip, language, reader)[0])
