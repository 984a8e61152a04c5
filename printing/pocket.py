"""The leader's pocket itinerary (随身行程卡): A6 portrait, small type.

A6 rather than an A5 sheet folded in two: an A6 page goes in a shirt pocket as it comes
off the printer (two or four to an A4 sheet with the printer's own "pages per sheet"),
its pages read in order, and nothing needs imposing or folding in the right place.

Only what the leader needs on the road: per day, time, activity and place; then the
phone numbers to call, the trip's secretaries (protocol order) and the hosts' on-site
contacts, each with a title. Readable by the party: it holds phone numbers.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import pgettext_lazy

from accounts import dates, people
from printing.documents import Document, _dates, _place, _time, on_team
from trips import itinerary
from trips.models import Trip, TripMember


def _contacts(days: list[itinerary.Day], trip: Trip) -> list[dict[str, str]]:
    """The hosts' contacts of the items, once each, in the order they are met; then the
    on-site contacts the units gave in answer to their notices, when not already listed."""
    seen: set[tuple[str, str]] = set()
    rows = []
    for day in days:
        for slot in day.slots:
            unit = slot.item.host_unit.name if slot.item.host_unit else ""
            for contact in slot.item.contacts.all():
                if contact.phone and (contact.name, contact.phone) not in seen:
                    seen.add((contact.name, contact.phone))
                    row = {"name": contact.name, "title": contact.title, "unit": unit}
                    rows.append({**row, "phone": contact.phone})
    notices = trip.notices.current().select_related("host_unit").order_by("pk")
    for notice in notices:
        name, phone = notice.onsite_contact_name, notice.onsite_contact_phone
        if phone and not notice.is_cancellation and (name, phone) not in seen:
            seen.add((name, phone))
            rows.append({"name": name, "title": "", "unit": notice.host_unit.name, "phone": phone})
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
        "hosts": _contacts(days, trip),
    }


POCKET = Document(
    "pocket",
    pgettext_lazy("printed document", "Pocket itinerary"),
    "printing/pocket.html",
    pocket_data,
    on_team,
)
