"""The party's day on the road: the day page members read on a phone, also without signal.

Today's items on the trip's clock (before the trip its first day, once it is over its
last: Trip.day_to_show, ItineraryItemQuerySet.on_day), each with its times as the
itinerary shows them (trips.itinerary.slot), its place, and whom to call at its host unit:
the on-site contact the unit gave in its acknowledgement (the notices app knows it: the
caller passes on_site, notices.views.trip_today), then the contacts chosen for the item.
Three queries, however long the day.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from trips import itinerary
from trips.models import ItineraryItem, Trip


@dataclass(frozen=True)
class Call:
    """Someone to call at a stop."""

    name: str
    title: str
    phone: str
    on_site: bool = False  # the unit's on-site contact, from its acknowledgement


@dataclass(frozen=True)
class Stop:
    slot: itinerary.Slot
    calls: tuple[Call, ...]

    @property
    def item(self) -> ItineraryItem:
        return self.slot.item


@dataclass(frozen=True)
class PartyDay:
    """The day shown, and whether it is today, still to come or past."""

    date: date
    when: str  # TODAY, BEFORE (the trip has not started) or AFTER (it is over)
    stops: list[Stop]

    @property
    def is_today(self) -> bool:
        return self.when == TODAY

    @property
    def before_the_trip(self) -> bool:
        return self.when == BEFORE


TODAY, BEFORE, AFTER = "today", "before", "after"
# Each host unit's on-site contact (name, phone) on the trip, for the units given by id.
OnSite = Callable[[Trip, set[int]], dict[int, tuple[str, str]]]


def _calls(item: ItineraryItem, on_site: dict[int, tuple[str, str]]) -> tuple[Call, ...]:
    calls = []
    name, phone = on_site.get(item.host_unit_id, ("", ""))
    if name or phone:
        calls.append(Call(name, "", phone, on_site=True))
    for contact in item.contacts.all():
        if (contact.name, contact.phone) != (name, phone):
            calls.append(Call(contact.name, contact.title, contact.phone))
    return tuple(calls)


def party_day(trip: Trip, now: datetime, on_site: OnSite) -> PartyDay:
    """The day the party reads now, with its stops in time order; on_site gives the units'
    on-site contacts."""
    day, today = trip.day_to_show(now), trip.local(now).date()
    when = TODAY if day == today else BEFORE if today < day else AFTER
    items = list(
        trip.items.on_day(day, trip.tzinfo).select_related("host_unit").prefetch_related("contacts")
    )
    contacts = on_site(trip, {item.host_unit_id for item in items if item.host_unit_id})
    stops = [Stop(itinerary.slot(trip, item), _calls(item, contacts)) for item in items]
    return PartyDay(day, when, stops)
