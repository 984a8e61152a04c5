"""A submitted version read back, and what changed between two, in words a leader reads.

trips.snapshot writes, reads and compares the stored plan; this module shows it: the
version grouped by day with its findings and the leader's comments (read_version), and the
diff between two versions with labels and values as people read them (version_diff).
"""

from __future__ import annotations

import zoneinfo
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.db.models import Model
from django.utils.text import capfirst
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from accounts import dates, people, words
from trips import itinerary, snapshot
from trips.models import ItemComment, ItineraryItem, Trip, TripMember, TripVersion


def commented_items(version: TripVersion) -> list[tuple[snapshot.Item, list[ItemComment]]]:
    """The version's items the leader commented on, in time order, with the comments."""
    comments = _comments(version)
    return [(item, comments[item.id]) for item in snapshot.items_of(version) if item.id in comments]


def _comments(version: TripVersion) -> dict[int, list[ItemComment]]:
    """The leader's comments on the version, by the snapshot's item id, oldest first."""
    comments: dict[int, list[ItemComment]] = {}
    for comment in version.item_comments.all():
        comments.setdefault(comment.item_id, []).append(comment)
    return comments


# A version: the plan as it was submitted, read back from its snapshot


@dataclass(frozen=True)
class PlannedSlot:
    """One item of a submitted version (a trips.snapshot.Item), on the trip's clock."""

    item: snapshot.Item
    start: datetime
    end: datetime
    kind: str  # the kind's label, in the active language
    findings: tuple[itinerary.Note, ...] = ()  # the findings that start at this item
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

    @property
    def room_type_label(self) -> str:
        room = self.item.room_type
        return _label(ItineraryItem.RoomType, room) if room else ""

    @property
    def drinks_label(self) -> str:
        drinks = self.item.drinks
        return _label(ItineraryItem.Drinks, drinks) if drinks else ""


@dataclass(frozen=True)
class Plan:
    """A version as the leader reads it: brief, party, itinerary by day and findings."""

    brief: snapshot.Brief
    kind: str
    time_zone: str
    team: list[tuple[str, str]]  # (name and title, role label)
    days: list[itinerary.Day]
    health: itinerary.Health


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
    by_item: dict[int, list[itinerary.Note]] = {}
    for finding in findings:
        if finding.at is not None:
            by_item.setdefault(finding.at, []).append(itinerary.as_note(finding, titles))
    by_day: dict[date, list[PlannedSlot]] = {}
    first, last = brief.start_date, brief.end_date
    if first and last:
        by_day = {first + timedelta(days=n): [] for n in range((last - first).days + 1)}
    starts: dict[int, date] = {}
    comments = _comments(version)
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
        days=[itinerary.Day(day, by_day[day]) for day in sorted(by_day)],
        health=_snapshot_health(frozen, findings, starts),
    )


def _snapshot_health(
    frozen: snapshot.Snapshot, findings: Iterable[snapshot.Finding], starts: dict[int, date]
) -> itinerary.Health:
    """A version's findings by the day on which their item (where the problem starts)
    starts; a night's finding has none."""
    titles = {item.id: item.title for item in frozen.items}
    by_day: dict[date | None, list[itinerary.Concern]] = {}
    count = 0
    for f in findings:
        day = starts.get(f.at) if f.at is not None else None
        concern = itinerary.Concern(f.rule, f.message, [(pk, titles.get(pk, "")) for pk in f.items])
        by_day.setdefault(day, []).append(concern)
        count += 1
    return itinerary.Health(
        [(day, by_day[day]) for day in sorted(by_day, key=itinerary.day_order)], count
    )


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
