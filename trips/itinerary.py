"""The itinerary as people read it: items grouped by day, on the trip's clock and the office's.

Also the plan as it was submitted (a version's snapshot), its findings and the diff between
two versions, in words and times a leader reads on a phone.
"""

from __future__ import annotations

import re
import zoneinfo
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from typing import Any

from django.conf import settings
from django.db.models import Model, QuerySet
from django.utils.text import capfirst
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from accounts import dates, people, words
from directory.models import Contact, HostUnit
from trips import schedule, snapshot
from trips.models import ItineraryItem, Trip, TripMember, TripVersion, attendees_prefetch

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


def _note(finding: schedule.Finding | snapshot.Finding, titles: Mapping[int, str]) -> Note:
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
        notes = tuple(_note(f, titles) for f in by_item.get(item.pk, ()))
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


def _by_date(day: date | None) -> tuple[bool, date]:
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
            for day in sorted(by_day, key=_by_date)
        ],
        len(findings),
    )


# A version: the plan as it was submitted, read back from its snapshot


@dataclass(frozen=True)
class PlannedSlot:
    """One item of a submitted version (a trips.snapshot.Item), on the trip's clock."""

    item: snapshot.Item
    start: datetime
    end: datetime
    kind: str  # the kind's label, in the active language
    findings: tuple[Note, ...] = ()  # the findings that start at this item
    comments: tuple = ()  # the leader's ItemComments on this item
    box: Any = None  # the leader's comment field for this item, while deciding
    attendees: tuple[str, ...] = ()  # name and title, in protocol order

    @property
    def ends_another_day(self) -> bool:
        return self.end.date() != self.start.date()

    @property
    def kind_label(self) -> str:
        return self.kind

    @property
    def travel_mode_label(self) -> str:
        mode = self.item.travel_mode
        return _label(ItineraryItem.TravelMode, mode) if mode else ""


@dataclass(frozen=True)
class Plan:
    """A version as the leader reads it: brief, party, itinerary by day and findings."""

    brief: snapshot.Brief
    kind: str
    time_zone: str
    team: list[tuple[str, str]]  # (name and title, role label)
    days: list[Day]
    health: Health


def _label(choices: type, value: str) -> str:
    """A choice's label; the raw value when the choice no longer exists."""
    try:
        return str(choices(value).label)
    except ValueError:
        return value


def _zone(brief: snapshot.Brief, trip: Trip) -> zoneinfo.ZoneInfo:
    """The time zone the version was planned in (the trip's, when the snapshot lacks it)."""
    return zoneinfo.ZoneInfo(brief.time_zone or trip.time_zone)


def _person(member: snapshot.PartyMember, language: str) -> str:
    """A member of a version's party as lists print them: name and title."""
    return people.with_title(member.name(language), member.title(language), language)


def read_version(
    version: TripVersion, language: str, boxes: Mapping[int, Any] | None = None
) -> Plan:
    """The snapshot of a version grouped by day, with findings and the leader's comments."""
    frozen, trip = snapshot.Snapshot.of(version), version.trip
    brief = frozen.brief
    tz = _zone(brief, trip)
    findings = frozen.findings_in(language)
    titles = {item.id: item.title for item in frozen.items}
    by_item: dict[int, list[Note]] = {}
    for finding in findings:
        if finding.at is not None:
            by_item.setdefault(finding.at, []).append(_note(finding, titles))
    by_day: dict[date, list[PlannedSlot]] = {}
    first, last = brief.start_date, brief.end_date
    if first and last:
        by_day = {first + timedelta(days=n): [] for n in range((last - first).days + 1)}
    starts: dict[int, date] = {}
    comments: dict[int, list] = {}
    for comment in version.item_comments.all():
        comments.setdefault(comment.item_id, []).append(comment)
    for item in frozen.items:
        entry = PlannedSlot(
            item,
            item.start.astimezone(tz),
            item.end.astimezone(tz),
            _label(ItineraryItem.Kind, item.kind),
            tuple(by_item.get(item.id, ())),
            tuple(comments.get(item.id, ())),
            (boxes or {}).get(item.id),
            item.attending(language),
        )
        starts[item.id] = entry.start.date()
        by_day.setdefault(entry.start.date(), []).append(entry)
    for slots in by_day.values():
        slots.sort(key=lambda s: (s.start, s.end, s.item.id))
    return Plan(
        brief=brief,
        kind=_label(Trip.Kind, brief.kind),
        time_zone=tz.key,
        team=[(_person(m, language), _label(TripMember.Role, m.role)) for m in frozen.party],
        days=[Day(day, by_day[day]) for day in sorted(by_day)],
        health=_snapshot_health(frozen, findings, starts),
    )


def _snapshot_health(
    frozen: snapshot.Snapshot, findings: Iterable[snapshot.Finding], starts: dict[int, date]
) -> Health:
    """A version's findings by the day on which their item (where the problem starts)
    starts; a night's finding has none."""
    titles = {item.id: item.title for item in frozen.items}
    by_day: dict[date | None, list[Concern]] = {}
    count = 0
    for f in findings:
        day = starts.get(f.at) if f.at is not None else None
        concern = Concern(f.rule, f.message, [(pk, titles.get(pk, "")) for pk in f.items])
        by_day.setdefault(day, []).append(concern)
        count += 1
    return Health([(day, by_day[day]) for day in sorted(by_day, key=_by_date)], count)


# The diff between two versions, in words


@dataclass(frozen=True)
class FieldChange:
    """One field: its label, the value before and after (blank when not shown), and a note
    ("renamed": the item's host unit is the same, under a new name)."""

    label: str
    old: str = ""
    new: str = ""
    note: str = ""


@dataclass(frozen=True)
class ItemDiff:
    """One item added, removed, moved in time or changed."""

    kind: str  # added, removed, moved, changed
    label: str
    id: int
    title: str
    when: str
    fields: list[FieldChange] = field(default_factory=list)


@dataclass(frozen=True)
class ReadableDiff:
    """A diff (trips.snapshot.Diff) with labels and values as people read them."""

    brief: list[FieldChange]
    team_added: list[str]
    team_removed: list[str]
    items: list[ItemDiff]

    def __bool__(self) -> bool:
        return bool(self.brief or self.team_added or self.team_removed or self.items)

    @property
    def touched(self) -> set[int]:
        """The items of the newer plan that were added, moved or changed."""
        return {change.id for change in self.items if change.kind != "removed"}


CHANGE_LABELS = {
    "added": _("Added"),
    "removed": _("Removed"),
    "moved": _("Moved"),
    "changed": _("Changed"),
}


def _span(item: snapshot.Item, tz: zoneinfo.ZoneInfo) -> str:
    """An item's time in the office's format, the end with its day when it is another day."""
    return dates.long_span(item.start.astimezone(tz), item.end.astimezone(tz))


def _shown(model: type[Model], name: str, value: Any) -> str:
    """A snapshot value in words: choice labels, lists joined, days in the office's format,
    blanks empty."""
    if value in (None, "", [], ()):
        return ""
    if isinstance(value, list | tuple):
        return words.series(value)
    if isinstance(value, date):
        return dates.long_date(value)
    choices = dict(model._meta.get_field(name).flatchoices)
    return str(choices.get(value, value))


def _value(item: snapshot.Item, name: str) -> str:
    """A field of a version's item in words; its attendees by name and title."""
    if name == "attendees":
        return words.series(item.attending())
    return _shown(ItineraryItem, name, item.value(name))


def _field_label(model: type[Model], name: str) -> str:
    return capfirst(model._meta.get_field(name).verbose_name)


def _item_diff(change: snapshot.ItemChange, tz: zoneinfo.ZoneInfo) -> ItemDiff:
    """One ItemChange in words: the time moved old → new, then every other field."""
    item = change.item
    rows = []
    if set(snapshot.TIMES) & set(change.fields):
        rows.append(FieldChange(str(_("Time")), _span(change.old, tz), _span(change.new, tz)))
    rows += [
        FieldChange(
            _field_label(ItineraryItem, name),
            _value(change.old, name),
            _value(change.new, name),
            str(_("renamed")) if name == snapshot.UNIT and change.unit_renamed else "",
        )
        for name in change.fields
        if name not in snapshot.TIMES
    ]
    return ItemDiff(
        change.kind, str(CHANGE_LABELS[change.kind]), item.id, item.title, _span(item, tz), rows
    )


def version_diff(old: TripVersion, new: TripVersion, time_zone: str) -> ReadableDiff:
    """What changed from one version to another, in words, brief values included."""
    before, after = snapshot.Snapshot.of(old), snapshot.Snapshot.of(new)
    return read_diff(snapshot.diff(before, after), time_zone, before.brief, after.brief)


def read_diff(
    diff: snapshot.Diff,
    time_zone: str,
    old_brief: snapshot.Brief | None = None,
    new_brief: snapshot.Brief | None = None,
) -> ReadableDiff:
    """The diff in words; brief values are shown when both briefs are given."""
    tz = zoneinfo.ZoneInfo(time_zone)
    both = old_brief is not None and new_brief is not None
    language = get_language() or settings.LANGUAGE_CODE

    def person(member: snapshot.PartyMember) -> str:
        return f"{_person(member, language)}{words.aside(_label(TripMember.Role, member.role))}"

    return ReadableDiff(
        brief=[
            FieldChange(
                _field_label(Trip, name),
                _shown(Trip, name, getattr(old_brief, name)) if both else "",
                _shown(Trip, name, getattr(new_brief, name)) if both else "",
            )
            for name in diff.brief
        ],
        team_added=[person(m) for m in diff.party_added],
        team_removed=[person(m) for m in diff.party_removed],
        items=[_item_diff(change, tz) for change in diff.items],
    )
