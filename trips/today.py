"""The party's day on the road: the day page members read on a phone, also without signal.

Today's items on the trip's clock (before the trip its first day, once it is over its
last: Trip.day_to_show, ItineraryItemQuerySet.on_day), each with its times as the
itinerary shows them (trips.itinerary.slot), its place, and whom to call at its host unit:
the on-site contact the unit gave in its acknowledgement, then the contacts chosen for the
item. Three queries, however long the day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from trips import itinerary
from trips.models import ItineraryItem, Notice, Trip


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


def _on_site(trip: Trip, unit_ids: set[int]) -> dict[int, tuple[str, str]]:
    """Each unit's on-site contact (name, phone) from its current notice, if it gave one."""
    if not unit_ids:
        return {}
    notices = trip.notices.current().exclude(kind=Notice.Kind.CANCELLATION)
    notices = notices.filter(host_unit_id__in=unit_ids).exclude(
        onsite_contact_name="", onsite_contact_phone=""
    )
    rows = notices.order_by("pk").values_list(
        "host_unit_id", "onsite_contact_name", "onsite_contact_phone"
    )
    return {unit: (name, phone) for unit, name, phone in rows}


def _calls(item: ItineraryItem, on_site: dict[int, tuple[str, str]]) -> tuple[Call, ...]:
    calls = []
    name, phone = on_site.get(item.host_unit_id, ("", ""))
    if name or phone:
        calls.append(Call(name, "", phone, on_site=True))
    for contact in item.contacts.all():
        if (contact.name, contact.phone) != (name, phone):
            calls.append(Call(contact.name, contact.title, contact.phone))
    return tuple(calls)


def party_day(trip: Trip, now: datetime) -> PartyDay:
    """The day the party reads now, with its stops in time order."""
    day, today = trip.day_to_show(now), trip.local(now).date()
    when = TODAY if day == today else BEFORE if today < day else AFTER
    items = list(
        trip.items.on_day(day, trip.tzinfo).select_related("host_unit").prefetch_related("contacts")
    )
    on_site = _on_site(trip, {item.host_unit_id for item in items if item.host_unit_id})
    stops = [Stop(itinerary.slot(trip, item), _calls(item, on_site)) for item in items]
    return PartyDay(day, when, stops)
