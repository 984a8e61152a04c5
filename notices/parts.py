# ruff: noqa: RUF002  (the Chinese examples are written with full-width punctuation)
"""What a unit is told: its part of the approved version, and only that.

A part is plain JSON stored on the notice (read_part() reads it back): the unit's
items with the party attending each in protocol order, name and title in the unit's
language; what the unit is asked to prepare (drafts.set_requirements()); the office's contact.
For the official notice (official.py) the part also keeps the leader, the kind of visit,
the purpose written for this unit, its party (only those attending its items), the dietary
counts the secretary confirmed and the reference number (文号).
"""

from __future__ import annotations

import zoneinfo
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.conf import settings
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy, pgettext, pgettext_lazy

from accounts import dates, people, words
from directory.models import HostUnit
from notices import official
from notices.models import Notice, UnitRequirements
from trips import snapshot
from trips.models import ItineraryItem, Trip, TripMember

# What of an item a unit is told; everything else (notes, vehicles, fallback plans) stays inside.
PART_FIELDS = ("start", "end", "kind", "title", "place", "address", "attendees", "host_preparation")
# A notice's title, which is also its e-mail's subject (official.py).
SUBJECTS = {
    Notice.Kind.NEW: official.subject,
    Notice.Kind.UPDATE: official.update_subject,
    Notice.Kind.CANCELLATION: official.cancellation_subject,
}
CHANGE_LABELS = {
    "added": gettext_lazy("Added"),
    "removed": gettext_lazy("Removed"),
    "moved": gettext_lazy("Moved"),
    "changed": gettext_lazy("Changed"),
    "requirements": gettext_lazy("What we ask you to prepare has changed"),
    "contact": gettext_lazy("The office's contact person has changed"),
    "purpose": gettext_lazy("The purpose of the visit has changed"),
    "dietary": gettext_lazy("The dietary requirements have changed"),
}
HOSTED_STAYS = (ItineraryItem.Kind.MEAL, ItineraryItem.Kind.LODGING)
# What a host unit reads for an item's kind: the office's look / listen / talk (看/听/谈)
# are its own words for planning, never shown to hosts.
HOST_LABELS = {
    ItineraryItem.Kind.SITE_VISIT: pgettext_lazy("kind, for host units", "Site visit"),
    ItineraryItem.Kind.FORUM: pgettext_lazy("kind, for host units", "Forum"),
    ItineraryItem.Kind.TALK: pgettext_lazy("kind, for host units", "Talk with staff"),
}


# A unit's part as people read it


@dataclass(frozen=True)
class PartItem:
    """One of the unit's items, its times on the trip's clock."""

    id: int
    start: datetime
    end: datetime
    kind: str
    title: str
    place: str
    address: str
    attendees: list[str]  # name and title, in protocol order
    host_preparation: str

    @property
    def kind_label(self) -> str:
        return _label(self.kind)

    @property
    def attendee_count(self) -> int:
        return len(self.attendees)

    @property
    def ends_another_day(self) -> bool:
        return self.end.date() != self.start.date()


@dataclass(frozen=True)
class Part:
    """What one unit is told: its items, its own requirements, the office's contact person;
    for the official notice, the leader, the kind of visit, the purpose for this unit, its
    party, dietary counts and the reference number."""

    unit: str
    time_zone: str
    items: list[PartItem]
    requirements: str
    office_contact: dict[str, str]
    leader: dict[str, str] = field(default_factory=dict)
    visit_kind: str = ""
    purpose: str = ""
    party: list[str] = field(default_factory=list)  # name and title, in protocol order
    dietary: list[tuple[str, int]] = field(default_factory=list)  # (need, count): no names
    reference: str = ""

    @property
    def programme(self) -> list[PartItem]:
        """Visits, forums, talks, meetings: what the party does at the unit."""
        return [i for i in self.items if i.kind not in HOSTED_STAYS]

    @property
    def meals_and_lodging(self) -> list[PartItem]:
        """The meals and nights the unit hosts."""
        return [i for i in self.items if i.kind in HOSTED_STAYS]

    @property
    def first_start(self) -> datetime | None:
        return self.items[0].start if self.items else None

    @property
    def dietary_text(self) -> str:
        """The dietary counts in words ("清真 1 人，不吃辣 2 人"), in the active language."""
        return dietary_text(self.dietary)


@dataclass(frozen=True)
class FieldChange:
    """One thing of the part that changed, from what to what, in words of the active language."""

    label: str
    old: str
    new: str


@dataclass(frozen=True)
class PartChange:
    """One change to a unit's part, in words."""

    change: str  # added, removed, moved, changed, requirements, contact, purpose, dietary
    item: PartItem | None = None  # the item as it is now (as it was, when removed)
    was: PartItem | None = None  # the item before, when moved or changed
    fields: tuple[str, ...] = ()
    before: Any = None  # the unit's requirements, contact, purpose or dietary counts before
    after: Any = None  # and now (None on notices sent before they were kept)

    @property
    def label(self) -> str:
        return CHANGE_LABELS[self.change]

    @property
    def is_added(self) -> bool:
        """An item added to the unit's part (the official notice's 新增)."""
        return self.change == "added" and self.item is not None

    @property
    def is_removed(self) -> bool:
        """An item taken out of the unit's part (the official notice's 取消)."""
        return self.change == "removed" and self.item is not None

    @property
    def details(self) -> list[FieldChange]:
        """What changed from what to what: each field of a moved or changed item (its time
        as one), or the unit's requirements, contact, purpose or dietary counts."""
        if self.item is not None and self.was is not None:
            names = [n for n in self.fields if n not in ("start", "end")]
            timed = (
                [_field_change("time", self.was, self.item)]
                if len(names) < len(self.fields)
                else []
            )
            return timed + [_field_change(name, self.was, self.item) for name in names]
        if self.change in UNIT_FIELDS and (self.before is not None or self.after is not None):
            label, shown = UNIT_FIELDS[self.change]
            return [FieldChange(str(label), shown(self.before), shown(self.after))]
        return []


def _when(item: PartItem) -> str:
    """An item's day and times on the trip's clock, as pages write them."""
    return dates.long_span(item.start, item.end)


def _field_change(name: str, was: PartItem, now: PartItem) -> FieldChange:
    if name == "time":
        return FieldChange(str(pgettext_lazy("notice change", "Time")), _when(was), _when(now))
    label = str(capfirst(ItineraryItem._meta.get_field(name).verbose_name))
    if name == "kind":
        return FieldChange(label, was.kind_label, now.kind_label)
    if name == "attendees":
        return FieldChange(label, words.series(was.attendees), words.series(now.attendees))
    return FieldChange(label, str(getattr(was, name) or ""), str(getattr(now, name) or ""))


def _contact_text(contact: dict | None) -> str:
    contact = contact or {}
    name = people.with_title(contact.get("name", ""), contact.get("title", ""))
    return words.comma().join(filter(None, (name, contact.get("phone", ""))))


def dietary_text(pairs) -> str:
    """Dietary counts in words: "清真 1 人，不吃辣 2 人" / "halal: 1, no spicy food: 2"."""
    line = pgettext("dietary need and count", "%(need)s: %(count)s")
    return words.comma().join(line % {"need": n, "count": c} for n, c in pairs or ())


# The unit's own parts that a change can touch besides its items: their label, and how a
# stored value reads.
UNIT_FIELDS = {
    "requirements": (
        pgettext_lazy("notice change", "What we ask you to prepare"),
        lambda v: v or "",
    ),
    "contact": (gettext_lazy("Contact person"), _contact_text),
    "purpose": (gettext_lazy("Purpose of the visit"), lambda v: v or ""),
    "dietary": (gettext_lazy("Dietary requirements"), dietary_text),
}


def _label(kind: str) -> str:
    """The kind in the host unit's words."""
    if kind in HOST_LABELS:
        return str(HOST_LABELS[kind])
    try:
        return ItineraryItem.Kind(kind).label
    except ValueError:
        return kind


def _zone(content: dict[str, Any]) -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(content.get("time_zone") or settings.TIME_ZONE)


def read_item(data: dict[str, Any], tz: zoneinfo.ZoneInfo) -> PartItem:
    """One stored item (of a part, or a live item in that shape) on the given clock."""
    return PartItem(
        id=data["id"],
        start=datetime.fromisoformat(data["start"]).astimezone(tz),
        end=datetime.fromisoformat(data["end"]).astimezone(tz),
        kind=data.get("kind", ""),
        title=data.get("title", ""),
        place=data.get("place") or "",
        address=data.get("address") or "",
        attendees=list(data.get("attendees") or []),
        host_preparation=data.get("host_preparation") or "",
    )


def read_part(content: dict[str, Any]) -> Part:
    """A notice's stored content as the e-mails and the acknowledgement page show it."""
    tz = _zone(content)
    return Part(
        unit=content.get("unit", ""),
        time_zone=tz.key,
        items=[read_item(item, tz) for item in content.get("items", [])],
        requirements=content.get("requirements", ""),
        office_contact=content.get("office_contact") or {},
        leader=content.get("leader") or {},
        visit_kind=content.get("visit_kind", ""),
        purpose=content.get("purpose", ""),
        party=list(content.get("party") or []),
        dietary=[(need, count) for need, count in content.get("dietary") or []],
        reference=content.get("reference", ""),
    )


def read_changes(changes: list[dict[str, Any]], content: dict[str, Any]) -> list[PartChange]:
    """A notice's stored changes in words, times on the trip's clock."""
    tz = _zone(content)
    return [
        PartChange(
            change["change"],
            read_item(change["item"], tz) if change.get("item") else None,
            read_item(change["was"], tz) if change.get("was") else None,
            tuple(change.get("fields", ())),
            change.get("before"),
            change.get("after"),
        )
        for change in changes
    ]


def mail_context(
    unit: HostUnit,
    kind: str,
    content: dict,
    changes: list[dict],
    ack_url: str = "",
    text: str = "",
) -> dict[str, Any]:
    """The context of a notice's e-mail and acknowledgement page. text: the notice as the
    unit reads it (Notice.text); a new notice's subject is the official notice's title."""
    part = read_part(content)
    return {
        "unit": unit,
        "kind": kind,
        "part": part,
        "changes": read_changes(changes, content),
        "ack_url": ack_url,
        "notice_text": text,
        "subject": SUBJECTS[kind](part, unit.language) if kind in SUBJECTS else "",
    }


# A unit's part of a version, as stored on a notice


def unit_part(
    unit: HostUnit,
    items: list[snapshot.Item],
    frozen: snapshot.Snapshot,
    asked: UnitRequirements,
    tz: zoneinfo.ZoneInfo,
    office: dict,
    language: str | None = None,
) -> dict[str, Any]:
    """The unit's part of a version's snapshot as plain JSON: its items and requirements only;
    names and titles in the unit's language (or the one given: the 公函 is Chinese paper).

    Never the brief's trip-wide "what the hosts must prepare": it speaks of every unit. Of
    the party, only those attending the unit's own items.
    """
    party, language = frozen.party, language or unit.language
    part_items = []
    for item in items:
        whole = item.to_json()
        data = {"id": item.id, **{name: whole[name] for name in PART_FIELDS}}
        data["start"] = item.start.astimezone(tz).isoformat()
        data["end"] = item.end.astimezone(tz).isoformat()
        # Who of the party attends, in protocol order, with titles in the unit's language.
        data["attendees"] = list(item.attending(language))
        data["attendee_ids"] = list(item.attendee_ids)
        part_items.append(data)
    part_items.sort(key=lambda i: (i["start"], i["end"], i["id"]))
    leader = next((m for m in party if m.role == TripMember.Role.LEADER), None)
    return {
        "unit": unit.name,
        "time_zone": tz.key,
        "items": part_items,
        "requirements": asked.text.strip(),
        "office_contact": office,
        "leader": {"name": leader.name(language), "title": leader.title(language)}
        if leader
        else {},
        "visit_kind": frozen.brief.kind or "",
        "purpose": asked.purpose.strip(),
        "party": _unit_party(items, party, language),
        "dietary": [[need, count] for need, count in asked.dietary or []],
        "reference": asked.reference.strip(),
    }


def _unit_party(
    items: list[snapshot.Item], party: Sequence[snapshot.PartyMember], language: str
) -> list[str]:
    """Who of the party comes to the unit: those attending any of its items, in protocol
    order, with titles; never the rest of the party."""
    attending = {pk for item in items for pk in item.attendee_ids}
    labels = [
        people.with_title(m.name(language), m.title(language), language)
        for m in party
        if m.user is not None and m.user in attending
    ]
    known = {m.user for m in party}
    for item in items:  # attendees the version's party does not list, as the item names them
        for pk, label in zip(item.attendee_ids, item.attending(language), strict=False):
            if pk not in known and label not in labels:
                labels.append(label)
    return labels


def _as_plan(content: dict[str, Any]) -> snapshot.Snapshot:
    """A notice's items as a snapshot of the unit's part, for the one diff."""
    return snapshot.Snapshot(
        items=tuple(snapshot.Item.from_json(data) for data in content.get("items", []))
    )


def with_accounts(content: dict[str, Any], items: list[snapshot.Item]) -> dict[str, Any]:
    """A notice sent before notices kept the attendees' accounts, given those of the plan
    where it names the same people: its names alone then make no update."""
    now = {item.id: item for item in items}
    upgraded = []
    for data in content.get("items", []):
        item = now.get(data["id"])
        if (
            "attendee_ids" not in data
            and item is not None
            and sorted(data.get("attendees") or ()) == sorted(item.attendees)
        ):
            data = {**data, "attendee_ids": list(item.attendee_ids)}
        upgraded.append(data)
    return {**content, "items": upgraded}


def part_changes(old: dict[str, Any], new: dict[str, Any]) -> list[dict[str, Any]]:
    """What changed in a unit's part (trips.snapshot.diff over the fields the unit is told):
    items added, removed, moved or changed; then its requirements and the office's contact."""
    stored = {"old": {i["id"]: i for i in old.get("items", [])}}
    stored["new"] = {i["id"]: i for i in new.get("items", [])}
    changes = []
    for change in snapshot.diff(_as_plan(old), _as_plan(new), PART_FIELDS).items:
        if change.kind in ("added", "removed"):
            side = "new" if change.kind == "added" else "old"
            changes.append({"change": change.kind, "item": stored[side][change.item.id]})
            continue
        changes.append(
            {
                "change": change.kind,
                "item": stored["new"][change.item.id],
                "was": stored["old"][change.item.id],
                "fields": list(change.fields),
            }
        )
    if old.get("requirements", "") != new.get("requirements", ""):
        changes.append(
            {
                "change": "requirements",
                "before": old.get("requirements", ""),
                "after": new.get("requirements", ""),
            }
        )
    # A notice sent before the contact had a title and phone is compared on what it had.
    before, now = old.get("office_contact") or {}, new.get("office_contact") or {}
    if any(before.get(key) != now.get(key) for key in before):
        changes.append({"change": "contact", "before": before, "after": now})
    for key in ("purpose", "dietary"):
        if old.get(key, new.get(key)) != new.get(key):
            changes.append({"change": key, "before": old.get(key), "after": new.get(key)})
    return changes


def office_contact(trip: Trip, language: str) -> dict[str, str]:
    """The trip's first secretary, whom the unit asks about the visit: name and title in the
    unit's language, phone (accounts.people), e-mail."""
    secretaries = sorted(
        (m for m in trip.members.all() if m.role == TripMember.Role.SECRETARY), key=lambda m: m.pk
    )
    if not secretaries:
        return {"name": "", "email": ""}
    user = secretaries[0].user
    return {
        "name": people.display_name(user, language),
        "email": user.email,
        "title": people.display_title(user, language),
        "phone": people.profile_of(user).phone,
    }
