"""The briefing book: each stop of a trip with what the leader must know, and what is unverified.

Pages load material through these functions, a fixed number of queries whatever the
number of stops, units and facts.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Q
from django.utils import timezone

from briefings import access
from briefings.models import Attachment, Briefing, Figure, Person, Sourced
from directory.models import HostUnit
from followups.models import FollowUp
from trips.models import ItineraryItem, Trip


@dataclass(frozen=True)
class Topic:
    """One topic's heading with what is under it."""

    label: str
    sections: list[Briefing]
    people: list[Person]
    figures: list[Figure]


@dataclass
class Material:
    """What is known about one host unit or one visit."""

    sections: list[Briefing] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.sections or self.people or self.figures or self.attachments)

    def topics(self) -> list[Topic]:
        """The material under its topics, in the order of Briefing.Topic; empty ones left out.

        People go under "Leadership team" and figures under "Key figures", beside any
        sections on those topics.
        """
        blocks = [
            Topic(
                label=label,
                sections=[s for s in self.sections if s.topic == value],
                people=self.people if value == Briefing.Topic.LEADERSHIP else [],
                figures=self.figures if value == Briefing.Topic.FIGURES else [],
            )
            for value, label in Briefing.Topic.choices
        ]
        return [block for block in blocks if block.sections or block.people or block.figures]

    def facts(self) -> list[Sourced]:
        """Every sourced fact, in the order the page shows them."""
        return [
            fact
            for block in self.topics()
            for fact in (*block.people, *block.figures, *block.sections)
        ]

    def unverified(self) -> list[Sourced]:
        return [fact for fact in self.facts() if not fact.is_verified]


NO_MATERIAL_KINDS = (ItineraryItem.Kind.TRAVEL, ItineraryItem.Kind.MEAL, ItineraryItem.Kind.REST)


@dataclass
class Stop:
    """One itinerary item with its unit's material (the first time the unit comes up)."""

    item: ItineraryItem
    material: Material
    unit_material: Material | None = None  # None: no host unit, or shown at an earlier stop
    promises: list[FollowUp] = field(default_factory=list)  # earlier_promises()

    @property
    def takes_material(self) -> bool:
        """Travel, meals and rest have nothing to brief the leader on."""
        return self.item.kind not in NO_MATERIAL_KINDS


@dataclass
class Book:
    """A trip's briefing book, in itinerary order."""

    trip: Trip
    stops: list[Stop]

    def unverified(self) -> list[tuple[Sourced, Stop]]:
        """Every fact still unverified, with the stop it appears at, in book order."""
        return [
            (fact, stop)
            for stop in self.stops
            for material in (stop.unit_material, stop.material)
            if material is not None
            for fact in material.unverified()
        ]

    def fact_count(self) -> int:
        return sum(
            len(material.facts())
            for stop in self.stops
            for material in (stop.unit_material, stop.material)
            if material is not None
        )


def unit_material(unit: HostUnit, user) -> Material:
    """A host unit's own material, as the user may read it."""
    by_unit, _by_item = _load(user, unit_ids=[unit.pk], item_ids=[])
    return by_unit[unit.pk]


def item_material(item: ItineraryItem, user) -> Material:
    """One visit's own material, as the user may read it."""
    _by_unit, by_item = _load(user, unit_ids=[], item_ids=[item.pk])
    return by_item[item.pk]


def book_for(trip: Trip, user) -> Book:
    """The trip's stops in time order; each unit's material at its first stop only."""
    items = list(trip.items.select_related("host_unit"))
    unit_ids = list(dict.fromkeys(i.host_unit_id for i in items if i.host_unit_id))
    by_unit, by_item = _load(user, unit_ids=unit_ids, item_ids=[i.pk for i in items])
    promises = earlier_promises_by_unit(unit_ids, user, before=trip)
    stops, seen = [], set()
    for item in items:
        first = item.host_unit_id is not None and item.host_unit_id not in seen
        seen.add(item.host_unit_id)
        stops.append(
            Stop(
                item=item,
                material=by_item[item.pk],
                unit_material=by_unit[item.host_unit_id] if first else None,
                promises=promises.get(item.host_unit_id, []) if first else [],
            )
        )
    return Book(trip=trip, stops=stops)


def _load(
    user, *, unit_ids: list[int], item_ids: list[int]
) -> tuple[dict[int, Material], dict[int, Material]]:
    """The material of these units and items: four queries, whatever their number."""
    by_unit = {pk: Material() for pk in unit_ids}
    by_item = {pk: Material() for pk in item_ids}
    owned = Q(host_unit__in=unit_ids) | Q(item__in=item_ids)

    def owner(obj) -> Material:
        return by_unit[obj.host_unit_id] if obj.host_unit_id else by_item[obj.item_id]

    for section in access.sections_readable_by(user, Briefing.objects.filter(owned)).select_related(
        "verified_by__profile"
    ):
        owner(section).sections.append(section)
    for figure in Figure.objects.filter(owned).select_related("verified_by__profile"):
        owner(figure).figures.append(figure)
    for attachment in Attachment.objects.filter(owned):
        owner(attachment).attachments.append(attachment)
    if unit_ids:
        for person in Person.objects.filter(host_unit__in=unit_ids).select_related(
            "verified_by__profile"
        ):
            by_unit[person.host_unit_id].people.append(person)
    return by_unit, by_item


# --- What was promised before -----------------------------------------------------------
#
# Briefings sits above followups and reads its items with a plain import: what each unit
# was promised on earlier visits (FollowUp.objects.promises_to), open ones first, then the
# ones kept and those that cannot be done, each with its status; one query for any number
# of units and items.


def earlier_promises(host_unit: HostUnit, user, *, before: Trip | None = None) -> list[FollowUp]:
    """What this unit was promised on visits before `before` (on any trip without it)."""
    return earlier_promises_by_unit([host_unit.pk], user, before=before).get(host_unit.pk, [])


def earlier_promises_by_unit(
    unit_ids: Iterable[int], user, *, before: Trip | None = None, today: date | None = None
) -> dict[int, list[FollowUp]]:
    """earlier_promises() for many units at once, by unit id: one query. Each item has
    `overdue` (FollowUpQuerySet.with_overdue: open and past its due date today)."""
    unit_ids = list(unit_ids)
    today = today or timezone.localdate()
    grouped: dict[int, list[FollowUp]] = {}
    if not unit_ids:
        return grouped
    promises = FollowUp.objects.promises_to(unit_ids, user, exclude_trip=before)
    for promise in promises.with_overdue(today):
        grouped.setdefault(promise.host_unit_id, []).append(promise)
    return grouped
