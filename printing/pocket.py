"""The leader's pocket itinerary (随身行程卡): A6 portrait, small type.

A6 rather than an A5 sheet folded in two: an A6 page goes in a shirt pocket as it comes
off the printer (two or four to an A4 sheet with the printer's own "pages per sheet"),
its pages read in order, and nothing needs imposing or folding in the right place.

Only what the leader needs on the road: per day, time, activity and place; then the
phone numbers to call, the trip's secretaries (protocol order) and each host's people
(printing.documents.host_contacts, as the contacts sheet has them: its on-site contact, the
contacts chosen for its stops, else its directory's), each with a title. Readable by the
party: it holds phone numbers.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import pgettext_lazy

from accounts import dates, people
from printing.documents import DIRECTORY, Document, _dates, _place, _time, host_contacts, on_team
from trips import itinerary
from trips.models import Trip, TripMember


def _phones(hosts: list[dict[str, Any]]) -> list[dict[str, str]]:
    """The hosts' numbers to call (documents.host_contacts), once each: every unit's on-site
    contact and the contacts chosen for its stops; a unit with neither, its directory's."""
    seen: set[tuple[str, str]] = set()
    rows = []
    for host in hosts:
        chosen = [p for p in host["people"] if p["source"] != DIRECTORY]
        for person in chosen or host["people"]:
            if person["phone"] and (person["name"], person["phone"]) not in seen:
                seen.add((person["name"], person["phone"]))
                rows.append({**person, "unit": host["unit"]})
    return rows


def pocket_data(trip: Trip, language: str) -> dict[str, Any]:
    days = itinerary.days(trip)
    secretaries = [m for m in trip.party() if m.role == TripMember.Role.SECRETARY]
    return {
        "dates": _dates(trip, language),
        "days": [
            {
                "date": dates.long_date(day.date, language),
                "items": [
                    {
                        "time": _time(slot, language),
                        "title": slot.item.title,
                        "place": _place(slot.item),
                    }
                    for slot in day.slots
                ],
            }
            for day in days
            if day.slots
        ],
        "secretaries": [
            {
                "name": m.display_name(language),
                "title": m.display_title(language),
                "phone": people.profile_of(m.user).phone if m.user_id else m.phone,
            }
            for m in secretaries
        ],
        "hosts": _phones(host_contacts(trip, days, language)),
    }


POCKET = Document(
    "pocket",
    pgettext_lazy("printed document", "Pocket itinerary"),
    "printing/pocket.html",
    pocket_data,
    on_team,
)
