"""The itinerary as people read it: items grouped by day, on the trip's clock and the office's.

Also the plan as it was submitted (a version's snapshot), its findings and the diff between
two versions, in words and times a leader reads on a phone.
"""

from __future__ import annotations

import zoneinfo
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from typing import Any

from django.conf import settings
from django.db.models import Model, QuerySet
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from directory.models import Contact, HostUnit
from trips import schedule
from trips.approval import Diff
from trips.models import ItineraryItem, Trip, TripMember, TripVersion

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
    findings: tuple[schedule.Finding, ...] = ()

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


def days(
    trip: Trip,
    items: Iterable[ItineraryItem] | None = None,
    findings: Iterable[schedule.Finding] = (),
) -> list[Day]:
    """Every day of the trip, empty ones too, each with its items in time order.

    An item that no longer falls within the trip's dates (the dates were changed after it
    was planned) still shows, on a day of its own, so that nothing silently disappears.
    Each slot carries the findings that concern its item, to show beside it.
    """
    by_item = schedule.findings_by_item(findings)
    by_day: dict[date, list[Slot]] = {day: [] for day in trip_dates(trip)}
    for item in items_of(trip) if items is None else items:
        entry = replace(slot(trip, item), findings=tuple(by_item.get(item.pk, ())))
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
    """One item of a submitted version (a snapshot dict), on the trip's clock."""

    item: dict[str, Any]
    start: datetime
    end: datetime
    kind: str  # the kind's label, in the active language
    findings: tuple[dict, ...] = ()
    comments: tuple = ()  # the leader's ItemComments on this item
    box: Any = None  # the leader's comment field for this item, while deciding

    @property
    def ends_another_day(self) -> bool:
        return self.end.date() != self.start.date()

    @property
    def kind_label(self) -> str:
        return self.kind

    @property
    def travel_mode_label(self) -> str:
        mode = self.item.get("travel_mode")
        return ItineraryItem.TravelMode(mode).label if mode else ""


@dataclass(frozen=True)
class Plan:
    """A version as the leader reads it: brief, team, itinerary by day and findings."""

    brief: dict[str, Any]
    kind: str
    time_zone: str
    team: list[tuple[str, str]]  # (name, role label)
    days: list[Day]
    health: Health


def _label(choices: type, value: str) -> str:
    """A choice's label; the raw value when the choice no longer exists."""
    try:
        return str(choices(value).label)
    except ValueError:
        return value


def _zone(snapshot: dict, trip: Trip) -> zoneinfo.ZoneInfo:
    """The time zone the version was planned in (the trip's, when the snapshot lacks it)."""
    return zoneinfo.ZoneInfo(snapshot["brief"].get("time_zone") or trip.time_zone)


def _moment(value: str, tz: zoneinfo.ZoneInfo) -> datetime:
    """An ISO datetime from a snapshot on the trip's clock."""
    return datetime.fromisoformat(value).astimezone(tz)


def version_findings(version: TripVersion, language: str) -> list[dict]:
    """The version's findings in the language asked for, else in English."""
    findings = version.snapshot.get("findings", {})
    return findings[language] if language in findings else findings.get("en", [])


def read_version(
    version: TripVersion, language: str, boxes: Mapping[int, Any] | None = None
) -> Plan:
    """The snapshot of a version grouped by day, with findings and the leader's comments."""
    snapshot, trip = version.snapshot, version.trip
    tz = _zone(snapshot, trip)
    findings = version_findings(version, language)
    by_item: dict[int, list[dict]] = {}
    for finding in findings:
        for pk in finding["items"]:
            by_item.setdefault(pk, []).append(finding)
    brief = snapshot["brief"]
    by_day: dict[date, list[PlannedSlot]] = {}
    first, last = brief.get("start_date"), brief.get("end_date")
    if first and last:
        by_day = {
            date.fromisoformat(first) + timedelta(days=n): []
            for n in range((date.fromisoformat(last) - date.fromisoformat(first)).days + 1)
        }
    starts: dict[int, date] = {}
    for item, comments in version.items_with_comments():
        entry = PlannedSlot(
            item,
            _moment(item["start"], tz),
            _moment(item["end"], tz),
            _label(ItineraryItem.Kind, item["kind"]),
            tuple(by_item.get(item["id"], ())),
            tuple(comments),
            (boxes or {}).get(item["id"]),
        )
        starts[item["id"]] = entry.start.date()
        by_day.setdefault(entry.start.date(), []).append(entry)
    for slots in by_day.values():
        slots.sort(key=lambda s: (s.start, s.end, s.item["id"]))
    return Plan(
        brief=brief,
        kind=_label(Trip.Kind, brief.get("kind", "")),
        time_zone=tz.key,
        team=[(m["name"], _label(TripMember.Role, m["role"])) for m in snapshot["team"]],
        days=[Day(day, by_day[day]) for day in sorted(by_day)],
        health=_snapshot_health(snapshot, findings, starts),
    )


def _snapshot_health(snapshot: dict, findings: list[dict], starts: dict[int, date]) -> Health:
    """A version's findings by the day of their first item (a night's finding has none)."""
    titles = {item["id"]: item["title"] for item in snapshot["items"]}
    by_day: dict[date | None, list[Concern]] = {}
    for f in findings:
        day = starts.get(f["items"][0]) if f["items"] else None
        concern = Concern(f["rule"], f["message"], [(pk, titles.get(pk, "")) for pk in f["items"]])
        by_day.setdefault(day, []).append(concern)
    return Health([(day, by_day[day]) for day in sorted(by_day, key=_by_date)], len(findings))


# The diff between two versions, in words


@dataclass(frozen=True)
class FieldChange:
    """One field: its label, the value before and after (blank when not shown)."""

    label: str
    old: str = ""
    new: str = ""


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
    """A diff (trips.approval.Diff) with labels and values as people read them."""

    brief: list[FieldChange]
    team_added: list[str]
    team_removed: list[str]
    items: list[ItemDiff]

    def __bool__(self) -> bool:
        return bool(self.brief or self.team_added or self.team_removed or self.items)


TO = "\N{EN DASH}"  # between a start and an end
CHANGE_LABELS = {
    "added": _("Added"),
    "removed": _("Removed"),
    "moved": _("Moved"),
    "changed": _("Changed"),
}


def _span(item: dict, tz: zoneinfo.ZoneInfo) -> str:
    """An item's time, as "2026-12-07 09:00" to "10:00" (with the end's date if it differs)."""
    start, end = _moment(item["start"], tz), _moment(item["end"], tz)
    end_format = "%H:%M" if end.date() == start.date() else "%Y-%m-%d %H:%M"
    return f"{start:%Y-%m-%d %H:%M}{TO}{end:{end_format}}"


def _shown(model: type[Model], name: str, value: Any) -> str:
    """A snapshot value in words: choice labels, lists joined, blanks empty."""
    if value in (None, "", []):
        return ""
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    choices = dict(model._meta.get_field(name).flatchoices)
    return str(choices.get(value, value))


def _field_label(model: type[Model], name: str) -> str:
    return capfirst(model._meta.get_field(name).verbose_name)


def _item_diff(change, tz: zoneinfo.ZoneInfo) -> ItemDiff:
    """One ItemChange in words: the time moved old → new, then every other field."""
    item = change.item
    rows = []
    if {"start", "end"} & set(change.fields):
        rows.append(FieldChange(str(_("Time")), _span(change.old, tz), _span(change.new, tz)))
    rows += [
        FieldChange(
            _field_label(ItineraryItem, name),
            _shown(ItineraryItem, name, change.old.get(name)),
            _shown(ItineraryItem, name, change.new.get(name)),
        )
        for name in change.fields
        if name not in ("start", "end")
    ]
    return ItemDiff(
        change.kind,
        str(CHANGE_LABELS[change.kind]),
        item["id"],
        item["title"],
        _span(item, tz),
        rows,
    )


def read_diff(
    diff: Diff, time_zone: str, old_brief: dict | None = None, new_brief: dict | None = None
) -> ReadableDiff:
    """The diff in words; brief values are shown when both briefs are given."""
    tz = zoneinfo.ZoneInfo(time_zone)
    both = old_brief is not None and new_brief is not None
    return ReadableDiff(
        brief=[
            FieldChange(
                _field_label(Trip, name),
                _shown(Trip, name, old_brief.get(name)) if both else "",
                _shown(Trip, name, new_brief.get(name)) if both else "",
            )
            for name in diff.brief
        ],
        team_added=[f"{m['name']} ({_label(TripMember.Role, m['role'])})" for m in diff.team_added],
        team_removed=[
            f"{m['name']} ({_label(TripMember.Role, m['role'])})" for m in diff.team_removed
        ],
        items=[_item_diff(change, tz) for change in diff.items],
    )
