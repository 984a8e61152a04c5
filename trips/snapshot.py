"""The version snapshot: the plan as it was submitted, written and read here and nowhere else.

A TripVersion stores a Snapshot as JSON: the brief, the party, the itinerary and the
schedule findings (in every language). take() writes one from the trip; Snapshot.from_json()
reads any stored schema; diff() says what changed from one to another. The version page,
the "changed since approval" check and the updates to host units all use that one diff.

Schema 1 (before the schema number) named each item's host unit; schema 2 keeps the unit's
id and its name as it was, so that a unit renamed between two versions shows as a rename.
Schema 3 keeps each item's attendees in protocol order, with their names and titles in every
language as lists print them; older snapshots read with the labels of their party, in its
(protocol) order.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields, replace
from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.utils import translation

from accounts import people
from directory.models import HostUnit
from trips import schedule
from trips.models import (
    BRIEF_FIELDS,
    ITEM_FIELDS,
    ItineraryItem,
    Trip,
    TripVersion,
    attendees_prefetch,
)

SCHEMA = 3
# What the item's host unit is compared by: its id when both versions know it, else its name.
UNIT = "host_unit"
TIMES = ("start", "end")


def _languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


@dataclass(frozen=True)
class Brief:
    """What the trip is for, as the leader read it."""

    title: str = ""
    kind: str = ""
    start_date: date | None = None
    end_date: date | None = None
    time_zone: str = ""
    visibility: str = ""
    purpose: str = ""
    intention: str = ""
    results_wanted: str = ""
    topics: str = ""
    host_preparation: str = ""
    notes: str = ""

    def to_json(self) -> dict[str, Any]:
        return {name: _plain(getattr(self, name)) for name in BRIEF_FIELDS}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Brief:
        values = {f.name: data.get(f.name) or f.default for f in fields(cls)}
        for name in ("start_date", "end_date"):
            values[name] = date.fromisoformat(values[name]) if values[name] else None
        return cls(**values)


@dataclass(frozen=True)
class PartyMember:
    """One person of the party: the account (None for someone without one), the role on the
    trip, and the name and title as they were, per language."""

    user: int | None
    role: str
    names: Mapping[str, str] = field(default_factory=dict)
    titles: Mapping[str, str] = field(default_factory=dict)

    def name(self, language: str | None = None) -> str:
        return _in(self.names, language)

    def title(self, language: str | None = None) -> str:
        return _in(self.titles, language)

    @property
    def key(self) -> tuple:
        """Who this is in a diff: the account, or the name of someone without one."""
        return (self.user, "" if self.user else self.name(), self.role)

    def to_json(self) -> dict[str, Any]:
        return {
            "user": self.user,
            "role": self.role,
            "name": dict(self.names),
            "title": dict(self.titles),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> PartyMember:
        name, title = data.get("name") or "", data.get("title") or ""
        # Schema 1 kept one name, no title.
        names = name if isinstance(name, Mapping) else dict.fromkeys(_languages(), name)
        titles = title if isinstance(title, Mapping) else dict.fromkeys(_languages(), title)
        return cls(data.get("user"), data.get("role", ""), names, titles)


@dataclass(frozen=True)
class Item:
    """One item as it was. host_unit is the unit's name then; host_unit_id its id (None in
    schema 1). Contacts by name; attendees in protocol order by account name (what older
    versions compare by), by account and, per language, by name and title (their labels)."""

    id: int
    start: datetime
    end: datetime
    kind: str = ""
    title: str = ""
    place: str = ""
    address: str = ""
    host_unit_id: int | None = None
    host_unit: str = ""
    contacts: tuple[str, ...] = ()
    attendees: tuple[str, ...] = ()
    attendee_ids: tuple[int, ...] = ()
    attendee_labels: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    host_preparation: str = ""
    notes: str = ""
    travel_mode: str = ""
    driver: str = ""
    ticket: str = ""
    origin: str = ""
    destination: str = ""
    fallback_plan: str = ""
    room_type: str = ""
    drinks: str = ""

    def to_json(self) -> dict[str, Any]:
        data = {f.name: _plain(getattr(self, f.name)) for f in fields(self)}
        for name in ("contacts", "attendees", "attendee_ids"):
            data[name] = list(data[name])
        data["attendee_labels"] = {code: list(v) for code, v in self.attendee_labels.items()}
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Item:
        """An item of any schema; also a notice's item, which keeps only some of the fields.
        Keys no longer known (the free-text "vehicle" before cars were linked) are left out."""
        values: dict[str, Any] = {}
        for f in fields(cls):
            if f.name in data and data[f.name] is not None:
                values[f.name] = data[f.name]
        for name in TIMES:
            values[name] = datetime.fromisoformat(data[name])
        for name in ("contacts", "attendees", "attendee_ids"):
            values[name] = tuple(values.get(name, ()))
        labels = values.get("attendee_labels") or {}
        values["attendee_labels"] = {code: tuple(v) for code, v in labels.items()}
        return cls(**values)

    def value(self, name: str) -> Any:
        """A field of ITEM_FIELDS as the diff compares and shows it."""
        return getattr(self, name)

    def attending(self, language: str | None = None) -> tuple[str, ...]:
        """Who attends, in protocol order, with titles in the language (the active one by
        default); the names kept, where no labels are (a notice's item)."""
        return _in(self.attendee_labels, language) or self.attendees


@dataclass(frozen=True)
class Finding:
    """A schedule finding as it was, in one language. `at` is the item it is shown under
    (where the problem starts); snapshots taken before it was stored read as the last of
    `items`, the later item of a pair."""

    rule: str
    items: tuple[int, ...]
    message: str
    at: int | None = None

    def __post_init__(self) -> None:
        if self.at is None and self.items:
            object.__setattr__(self, "at", self.items[-1])

    def to_json(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "items": list(self.items),
            "message": self.message,
            "at": self.at,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Finding:
        return cls(
            data.get("rule", ""),
            tuple(data.get("items") or ()),
            data.get("message", ""),
            data.get("at"),
        )


@dataclass(frozen=True)
class Snapshot:
    """The plan as submitted: brief, party, items in time order, findings by language."""

    brief: Brief = field(default_factory=Brief)
    party: tuple[PartyMember, ...] = ()
    items: tuple[Item, ...] = ()
    findings: Mapping[str, tuple[Finding, ...]] = field(default_factory=dict)
    schema: int = SCHEMA

    def to_json(self) -> dict[str, Any]:
        """Always in the current schema."""
        return {
            "schema": SCHEMA,
            "brief": self.brief.to_json(),
            "party": [m.to_json() for m in self.party],
            "items": [i.to_json() for i in self.items],
            "findings": {
                code: [f.to_json() for f in found] for code, found in self.findings.items()
            },
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Snapshot:
        """A stored snapshot of any schema (schema 1 has no number and calls the party team)."""
        schema = data.get("schema", 1)
        party = tuple(PartyMember.from_json(m) for m in data.get("party", data.get("team", [])))
        return cls(
            brief=Brief.from_json(data.get("brief", {})),
            party=party,
            items=tuple(_labelled(Item.from_json(i), party) for i in data.get("items", [])),
            findings={
                code: tuple(Finding.from_json(f) for f in found)
                for code, found in (data.get("findings") or {}).items()
            },
            schema=schema,
        )

    @classmethod
    def of(cls, version: TripVersion) -> Snapshot:
        """The version's stored snapshot, read."""
        return cls.from_json(version.snapshot)

    def findings_in(self, language: str) -> tuple[Finding, ...]:
        """The findings in the language asked for, else in English."""
        if language in self.findings:
            return self.findings[language]
        return self.findings.get("en", ())


def items_of(version: TripVersion) -> tuple[Item, ...]:
    """The version's items in time order (what the leader comments on)."""
    return Snapshot.of(version).items


def _labelled(item: Item, party: tuple[PartyMember, ...]) -> Item:
    """An item of a snapshot taken before attendees were labelled (schema 1 and 2), with its
    attendees in the order of the party (protocol order) and labelled as the party lists them
    (matched by account, or by name in schema 1); anyone the party lacks last, by name."""
    if item.attendee_labels or not item.attendees:
        return item
    ids = item.attendee_ids or (None,) * len(item.attendees)
    found = []
    for pk, name in zip(ids, item.attendees, strict=False):
        rank = next(
            (n for n, m in enumerate(party) if (m.user == pk if pk else name in m.names.values())),
            len(party),
        )
        found.append((rank, pk, name))
    found.sort(key=lambda entry: entry[0])  # stable: those the party lacks keep their order

    def label(rank: int, name: str, code: str) -> str:
        if rank == len(party):
            return name
        member = party[rank]
        return people.with_title(member.name(code), member.title(code), code)

    return replace(
        item,
        attendees=tuple(name for _rank, _pk, name in found),
        attendee_ids=tuple(pk for _rank, pk, _name in found if pk),
        attendee_labels={
            code: tuple(label(rank, name, code) for rank, _pk, name in found)
            for code in _languages()
        },
    )


def _in(values: Mapping[str, Any], language: str | None) -> Any:
    """A value in the language asked for (the active one by default), else any we have."""
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    if values.get(language):
        return values[language]
    return values.get(settings.LANGUAGE_CODE) or next((v for v in values.values() if v), "")


def _plain(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value


# Writing


def load_items(trip: Trip) -> list[ItineraryItem]:
    """The itinerary with everything a snapshot shows, in a fixed number of queries."""
    return list(
        trip.items.select_related("host_unit").prefetch_related("contacts", attendees_prefetch())
    )


def _person(user) -> str:
    return user.get_full_name() or user.username


def _item(item: ItineraryItem) -> Item:
    simple = [n for n in ITEM_FIELDS if n not in (UNIT, "contacts", "attendees")]
    attendees = list(item.attendees.all())  # in protocol order: attendees_prefetch()
    return Item(
        id=item.pk,
        host_unit_id=item.host_unit_id,
        host_unit=item.host_unit.name if item.host_unit_id else "",
        contacts=tuple(sorted(c.name for c in item.contacts.all())),
        attendees=tuple(_person(u) for u in attendees),
        attendee_ids=tuple(u.pk for u in attendees),
        attendee_labels={
            code: tuple(people.person_label(u, code) for u in attendees) for code in _languages()
        },
        **{name: getattr(item, name) for name in simple},
    )


def _party(trip: Trip) -> tuple[PartyMember, ...]:
    """The party in protocol order, names and titles in every language, from the members
    as loaded with the trip (party_prefetch loads their profiles with them)."""
    return tuple(
        PartyMember(
            m.user_id,
            m.role,
            {code: m.display_name(code) for code in _languages()},
            {code: m.display_title(code) for code in _languages()},
        )
        for m in trip.party()
    )


def take(
    trip: Trip, items: list[ItineraryItem] | None = None, *, findings: bool = True
) -> Snapshot:
    """The plan as it is now. findings=False: the plan alone, for a comparison (a diff never
    reads the findings, which cost a query and a check in each language)."""
    items = load_items(trip) if items is None else items
    found: dict[str, tuple[Finding, ...]] = {}
    if findings:
        for code in _languages():
            with translation.override(code):
                found[code] = tuple(
                    Finding(f.rule, tuple(f.items), f.message, f.at)
                    for f in schedule.find_conflicts(trip, items=items)
                )
    return Snapshot(
        brief=Brief(**{name: getattr(trip, name) for name in BRIEF_FIELDS}),
        party=_party(trip),
        items=tuple(_item(item) for item in sorted(items, key=lambda i: (i.start, i.end, i.pk))),
        findings=found,
    )


def with_unit_ids(snapshot: Snapshot) -> Snapshot:
    """Schema 1 named host units only: give each item its unit's id, for the notices.

    The unit of that name, else (renamed since) the unit of the live item. No query for
    schema 2, which has the ids.
    """
    named = [i for i in snapshot.items if i.host_unit and i.host_unit_id is None]
    if not named:
        return snapshot
    ids = dict(
        HostUnit.objects.filter(name__in={i.host_unit for i in named}).values_list("name", "pk")
    )
    lost = [i.id for i in named if i.host_unit not in ids]
    live = dict(ItineraryItem.objects.filter(pk__in=lost).values_list("pk", "host_unit_id"))
    return replace(
        snapshot,
        items=tuple(
            replace(i, host_unit_id=ids.get(i.host_unit) or live.get(i.id)) if i in named else i
            for i in snapshot.items
        ),
    )


# Comparing


@dataclass(frozen=True)
class ItemChange:
    """How one item differs between two snapshots."""

    old: Item | None
    new: Item | None
    fields: tuple[str, ...] = ()

    @property
    def kind(self) -> str:
        if self.old is None:
            return "added"
        if self.new is None:
            return "removed"
        if set(TIMES) & set(self.fields):
            return "moved"
        return "changed"

    @property
    def item(self) -> Item:
        return self.new or self.old

    @property
    def unit_renamed(self) -> bool:
        """The item stayed with its host unit, and the unit has a new name."""
        return UNIT in self.fields and _same_unit(self.old, self.new)


@dataclass(frozen=True)
class Rename:
    """A host unit renamed between two snapshots."""

    unit: int
    old: str
    new: str


@dataclass(frozen=True)
class Diff:
    """What changed from one snapshot to another."""

    brief: tuple[str, ...] = ()
    party_added: tuple[PartyMember, ...] = ()
    party_removed: tuple[PartyMember, ...] = ()
    items: tuple[ItemChange, ...] = ()
    renamed_units: tuple[Rename, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.brief or self.party_added or self.party_removed or self.items)


def _same_unit(old: Item, new: Item) -> bool:
    return old.host_unit_id is not None and old.host_unit_id == new.host_unit_id


def _differs(name: str, old: Item, new: Item) -> bool:
    if name == UNIT:
        if old.host_unit_id is not None and new.host_unit_id is not None:
            return old.host_unit_id != new.host_unit_id or old.host_unit != new.host_unit
        return old.host_unit != new.host_unit  # schema 1 on either side: names alone
    if name == "attendees":
        # Who, not in what order or under which title: by account where both sides know
        # them (a new title or rank alone is no change), else by name.
        if old.attendee_ids and new.attendee_ids:
            return sorted(old.attendee_ids) != sorted(new.attendee_ids)
        return sorted(old.attendees) != sorted(new.attendees)
    return old.value(name) != new.value(name)


def diff(old: Snapshot, new: Snapshot, fields: Iterable[str] = ITEM_FIELDS) -> Diff:
    """Items added, removed, moved in time (old → new times) or changed, among the given
    fields; brief fields; people who joined or left the party; host units renamed.

    A unit renamed is a change of each of its items' host unit, which unit_renamed marks:
    never a removal and an addition.
    """
    fields = tuple(fields)
    old_items = {i.id: i for i in old.items}
    new_items = {i.id: i for i in new.items}
    changes = []
    for pk in old_items.keys() | new_items.keys():
        before, after = old_items.get(pk), new_items.get(pk)
        if before is None or after is None:
            changes.append(ItemChange(before, after))
        elif changed := tuple(n for n in fields if _differs(n, before, after)):
            changes.append(ItemChange(before, after, changed))
    changes.sort(key=lambda c: (c.item.start, c.item.id))
    renames = {
        c.old.host_unit_id: Rename(c.old.host_unit_id, c.old.host_unit, c.new.host_unit)
        for c in changes
        if c.old and c.new and c.unit_renamed
    }
    old_party = {m.key: m for m in old.party}
    new_party = {m.key: m for m in new.party}
    return Diff(
        brief=tuple(n for n in BRIEF_FIELDS if getattr(old.brief, n) != getattr(new.brief, n)),
        party_added=tuple(m for k, m in new_party.items() if k not in old_party),
        party_removed=tuple(m for k, m in old_party.items() if k not in new_party),
        items=tuple(changes),
        renamed_units=tuple(renames[pk] for pk in sorted(renames)),
    )
