"""The itinerary as people read it: items grouped by day, on the trip's clock and the office's.

A submitted version read back, and the diff between two versions in words, are in
trips.versions (beside trips.snapshot).
"""

from __future__ import annotations

import re
import zoneinfo
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db.models import QuerySet

from accounts import dates
from directory.models import Contact, HostUnit
from trips import schedule, snapshot
from trips.models import ItineraryItem, Trip, TripMember, attendees_prefetch

# What a new item lasts when nothing else is known, and when the first one starts.
DEFAULT_LENGTH = timedelta(hours=1)
DAY_STARTS = time(9, 0)


@dataclass(frozen=True)
class Note:
    """A finding as shown under its item, once: the words, and the other items it names
    as (id, title), linked to their #item-<id> anchors."""

    rule: str
    message: str
    items: tuple[int, ...]  # every item it concerns, in time order
    others: tuple[tuple[int, str], ...] = ()


def as_note(finding: schedule.Finding | snapshot.Finding, titles: Mapping[int, str]) -> Note:
    others = tuple((pk, titles[pk]) for pk in finding.items if pk != finding.at and pk in titles)
    return Note(finding.rule, finding.message, tuple(finding.items), others)


@dataclass(frozen=True)
class Slot:
    """One item with its times on the trip's clock and, when that differs, the office's."""

    item: ItineraryItem
    start: datetime
    end: datetime
    office_start: datetime | None = None
    office_end: datetime | None = None
    findings: tuple[Note, ...] = ()  # the findings that start at this item

    @property
    def ends_another_day(self) -> bool:
        """An overnight train or flight: the end is shown with its date."""
        return self.end.date() != self.start.date()

    @property
    def kind_label(self) -> str:
        return self.item.get_kind_display()

    @property
    def travel_mode_label(self) -> str:
        return self.item.get_travel_mode_display()

    @property
    def room_type_label(self) -> str:
        return self.item.get_room_type_display()

    @property
    def drinks_label(self) -> str:
        return self.item.get_drinks_display()

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

    @property
    def finding_count(self) -> int:
        """How many findings concern this day's items (one naming two items counts once)."""
        return len({(f.rule, tuple(f.items)) for s in self.slots for f in s.findings})


def open_days(
    days: list[Day], today: date, note: str = "", changed: Iterable[int] = ()
) -> set[date]:
    """The days a folded itinerary shows open: the first one, today's, the days the note
    names ("请重点审阅第二天") and those with items changed since the previous version."""
    if not days:
        return {today}
    changed = set(changed)
    touched = {day.date for day in days if any(s.item.id in changed for s in day.slots)}
    return {days[0].date, today, *named_days(note, [day.date for day in days]), *touched}


# How a note names a day: 第二天, 第2天, day 2, the second day, the last day; 1月12日,
# 12 January, January 12; 星期二, 周二, Tuesday.
ZH_NUMBERS = {c: n for n, c in enumerate("零一二三四五六七八九十")} | {"两": 2}
EN_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth")
EN_MONTHS = "|".join(dates.EN_MONTHS)
NTH_DAY = re.compile(r"第\s*([零一二两三四五六七八九十\d]+)\s*天|\bday\s*(\d+)\b", re.IGNORECASE)
ORDINAL_DAY = re.compile(rf"\b({'|'.join(EN_ORDINALS)})\s+day\b", re.IGNORECASE)
LAST_DAY = re.compile(r"最后一天|\blast\s+day\b", re.IGNORECASE)
ZH_DATE = re.compile(r"(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]")
EN_DATE = re.compile(
    rf"\b(\d{{1,2}})\s+({EN_MONTHS})\b|\b({EN_MONTHS})\s+(\d{{1,2}})\b", re.IGNORECASE
)
ZH_WEEKDAY_NUMBERS = {c: n for n, c in enumerate(dates.ZH_WEEKDAYS)} | {"天": 6}
ZH_WEEKDAY = re.compile(rf"(?:星期|礼拜|周)([{dates.ZH_WEEKDAYS}天])")
EN_WEEKDAY = re.compile(rf"\b({'|'.join(dates.EN_WEEKDAYS)})\b", re.IGNORECASE)


def _zh_number(text: str) -> int:
    """A number written 2, 二, 十二 or 二十一; 0 for anything else."""
    if text.isdigit():
        return int(text)
    if "十" not in text:
        return ZH_NUMBERS.get(text, 0) if len(text) == 1 else 0
    tens, _ten, ones = text.partition("十")
    return ZH_NUMBERS.get(tens, 1 if not tens else 0) * 10 + ZH_NUMBERS.get(ones, 0)


def _month(name: str) -> int:
    return [m.lower() for m in dates.EN_MONTHS].index(name.lower()) + 1


def named_days(note: str, trip_days: list[date]) -> set[date]:
    """The days of the trip a note names, by their place in the trip, date or weekday."""
    if not note or not trip_days:
        return set()
    first = trip_days[0]
    places = [_zh_number(zh or en) for zh, en in NTH_DAY.findall(note)]
    places += [EN_ORDINALS.index(word.lower()) + 1 for word in ORDINAL_DAY.findall(note)]
    named = {first + timedelta(days=n - 1) for n in places if n > 0}
    if LAST_DAY.search(note):
        named.add(trip_days[-1])
    months_days = [(int(m), int(d)) for m, d in ZH_DATE.findall(note)]
    months_days += [(_month(m1 or m2), int(d1 or d2)) for d1, m1, m2, d2 in EN_DATE.findall(note)]
    weekdays = {ZH_WEEKDAY_NUMBERS[c] for c in ZH_WEEKDAY.findall(note)}
    weekdays |= {
        [w.lower() for w in dates.EN_WEEKDAYS].index(w.lower()) for w in EN_WEEKDAY.findall(note)
    }
    for day in trip_days:
        if (day.month, day.day) in months_days or day.weekday() in weekdays:
            named.add(day)
    return named & set(trip_days)


def items_of(trip: Trip) -> QuerySet[ItineraryItem]:
    """The trip's items in time order with all the itinerary shows: three queries, any size."""
    return trip.items.select_related("host_unit").prefetch_related("contacts", attendees_prefetch())


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


def days(
    trip: Trip,
    items: Iterable[ItineraryItem] | None = None,
    findings: Iterable[schedule.Finding] = (),
) -> list[Day]:
    """Every day of the trip, empty ones too, each with its items in time order.

    An item that no longer falls within the trip's dates (the dates were changed after it
    was planned) still shows, on a day of its own, so that nothing silently disappears.
    Each slot carries the findings that start at its item, to show under it (once each).
    """
    items = list(items_of(trip) if items is None else items)
    titles = {item.pk: item.title for item in items}
    by_item = schedule.findings_by_item(findings)
    by_day: dict[date, list[Slot]] = {day: [] for day in trip_dates(trip)}
    for item in items:
        notes = tuple(as_note(f, titles) for f in by_item.get(item.pk, ()))
        entry = replace(slot(trip, item), findings=notes)
        by_day.setdefault(entry.start.date(), []).append(entry)
    return [Day(day, by_day[day]) for day in sorted(by_day)]


def next_free_time(trip: Trip) -> tuple[datetime, datetime]:
    """Where a new item most likely goes: after the last one, or the first morning."""
    last = trip.items.order_by("-end").first()
    if last is not None:
        return last.end, last.end + DEFAULT_LENGTH
    start = datetime.combine(trip.start_date, DAY_STARTS, trip.tzinfo)
    return start, start + DEFAULT_LENGTH


# A meal or a journey is the whole party's; a visit, a forum, a talk … the leader's.
PARTY_KINDS = frozenset({ItineraryItem.Kind.MEAL, ItineraryItem.Kind.TRAVEL})


def usual_attendees(trip: Trip) -> dict[str, list[int]]:
    """Who of the team a new item of each kind is for: those on the trip's item of its sort
    (a meal or a journey; anything else) saved last, or else the leaders, and for a meal or
    a journey the whole party with an account."""
    members = list(trip.members.exclude(user=None).values_list("user_id", "role"))
    leaders = [user for user, role in members if role == TripMember.Role.LEADER]
    party = [user for user, _role in members]
    chosen = {}
    for together in (True, False):
        items = (
            trip.items.filter(kind__in=PARTY_KINDS)
            if together
            else trip.items.exclude(kind__in=PARTY_KINDS)
        )
        last = items.order_by("-updated_at", "-pk").first()
        kept = list(last.attendees.values_list("pk", flat=True)) if last else []
        # An item for nobody is no pattern to follow: the rule decides again.
        chosen[together] = kept or (party if together else leaders)
    return {kind: chosen[kind in PARTY_KINDS] for kind in ItineraryItem.Kind.values}


def default_contacts(host_unit_id: int) -> list[int]:
    """The contacts an item at this host unit starts with: those the directory has receive
    its notices, or all of the unit's when it marks none."""
    at_unit = Contact.objects.filter(host_unit_id=host_unit_id)
    contacts = list(at_unit.values_list("pk", "receives_notices"))
    marked = [pk for pk, receives in contacts if receives]
    return marked or [pk for pk, _receives in contacts]


def contacts_elsewhere(host_unit: HostUnit | None, contacts: Iterable[Contact]) -> list[Contact]:
    """Chosen contacts who work at another host unit than the item's.

    The office's own people (a department, no host unit) may join any item.
    """
    unit_pk = host_unit.pk if host_unit else None
    return [c for c in contacts if c.host_unit_id and c.host_unit_id != unit_pk]


# Schedule health: the findings grouped by day, each naming its items


@dataclass(frozen=True)
class Concern:
    """One finding in plain words with the items it names, as (id, title) for anchors."""

    rule: str
    message: str
    items: list[tuple[int, str]]


@dataclass(frozen=True)
class Health:
    """Every finding of a plan, grouped by the day it concerns (None: no particular day)."""

    days: list[tuple[date | None, list[Concern]]]
    count: int

    def __bool__(self) -> bool:
        return bool(self.count)


def day_order(day: date | None) -> tuple[bool, date]:
    """Days in order, the findings of no particular day last."""
    return (day is None, day or date.min)


def health(items: Iterable[ItineraryItem], findings: list[schedule.Finding]) -> Health:
    """The trip page's schedule health panel: each finding with the titles of its items."""
    titles = {item.pk: item.title for item in items}
    by_day = schedule.findings_by_day(findings)
    return Health(
        [
            (
                day,
                [
                    Concern(f.rule, f.message, [(pk, titles[pk]) for pk in f.items if pk in titles])
                    for f in by_day[day]
                ],
            )
            for day in sorted(by_day, key=day_order)
        ],
        len(findings),
    )
