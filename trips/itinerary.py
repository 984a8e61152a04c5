"""The itinerary as people read it: items grouped by day, on the trip's clock and the office's."""

from __future__ import annotations

import zoneinfo
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db.models import QuerySet

from .models import Contact, HostUnit, ItineraryItem, Trip

# What a new item lasts when nothing else is known, and when the first one starts.
DEFAULT_LENGTH = timedelta(hours=1)
DAY_STARTS = time(9, 0)


@dataclass(frozen=True)
class Slot:
    """One item with its times on the trip's clock and, when that differs, the office's."""

    item: ItineraryItem
    start: datetime
    end: datetime
    office_start: datetime | None = None
    office_end: datetime | None = None

    @property
    def ends_another_day(self) -> bool:
        """An overnight train or flight: the end is shown with its date."""
        return self.end.date() != self.start.date()

    @property
    def office_day_shift(self) -> int:
        """How many days the office's calendar is ahead (+) or behind (-) at the start."""
        if self.office_start is None:
            return 0
        return (self.office_start.date() - self.start.date()).days


@dataclass(frozen=True)
class Day:
    """One day of the trip on its own clock, with its items in time order."""

    date: date
    slots: list[Slot]


def items_of(trip: Trip) -> QuerySet[ItineraryItem]:
    """The trip's items in time order with all the itinerary shows: three queries, any size."""
    return trip.items.select_related("host_unit").prefetch_related("contacts", "attendees")


def trip_dates(trip: Trip) -> list[date]:
    """Every day of the trip, first to last."""
    return [
        trip.start_date + timedelta(days=n)
        for n in range((trip.end_date - trip.start_date).days + 1)
    ]


def slot(trip: Trip, item: ItineraryItem) -> Slot:
    """The item's times on the trip's clock, and on the office's when the two differ."""
    if not trip.differs_from_office_time:
        return Slot(item, trip.local(item.start), trip.local(item.end))
    office = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    return Slot(
        item,
        trip.local(item.start),
        trip.local(item.end),
        item.start.astimezone(office),
        item.end.astimezone(office),
    )


def days(trip: Trip, items: Iterable[ItineraryItem] | None = None) -> list[Day]:
    """Every day of the trip, empty ones too, each with its items in time order.

    An item that no longer falls within the trip's dates (the dates were changed after it
    was planned) still shows, on a day of its own, so that nothing silently disappears.
    """
    by_day: dict[date, list[Slot]] = {day: [] for day in trip_dates(trip)}
    for item in items_of(trip) if items is None else items:
        entry = slot(trip, item)
        by_day.setdefault(entry.start.date(), []).append(entry)
    return [Day(day, by_day[day]) for day in sorted(by_day)]


def next_free_time(trip: Trip) -> tuple[datetime, datetime]:
    """Where a new item most likely goes: after the last one, or the first morning."""
    last = trip.items.order_by("-end").first()
    if last is not None:
        return last.end, last.end + DEFAULT_LENGTH
    start = datetime.combine(trip.start_date, DAY_STARTS, trip.tzinfo)
    return start, start + DEFAULT_LENGTH


def contacts_elsewhere(host_unit: HostUnit | None, contacts: Iterable[Contact]) -> list[Contact]:
    """Chosen contacts who work at another host unit than the item's.

    The office's own people (a department, no host unit) may join any item.
    """
    unit_pk = host_unit.pk if host_unit else None
    return [c for c in contacts if c.host_unit_id and c.host_unit_id != unit_pk]
