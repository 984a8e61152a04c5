"""Notes on the trip: who may write them, the item under way, the note kept once, the list."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.db import IntegrityError, transaction

from followups.models import Note
from trips.models import ItineraryItem, Trip


def may_write(trip: Trip, user) -> bool:
    """Every office user in the party writes notes, until the trip is closed or cancelled."""
    return not trip.is_read_only and trip.role_of(user) is not None


def item_under_way(trip: Trip, now: datetime) -> ItineraryItem | None:
    """The item going on now; between items, the one that ended last on the same day
    (the note is usually about what was just seen). None before the day's first item."""
    under_way = trip.items.filter(start__lte=now, end__gte=now).order_by("-start").first()
    if under_way is not None:
        return under_way
    just_ended = trip.items.filter(end__lt=now).order_by("-end", "-start").first()
    if just_ended is not None and trip.local(just_ended.end).date() == trip.local(now).date():
        return just_ended
    return None


def record(trip: Trip, author, *, client_key: str = "", **fields) -> tuple[Note, bool]:
    """Write the note, or return the one already written with this client key by this author
    (a phone resending after a lost answer): (note, created)."""
    if client_key:
        existing = Note.objects.filter(author=author, client_key=client_key).first()
        if existing is not None:
            return existing, False
    try:
        with transaction.atomic():
            note = Note.objects.create(trip=trip, author=author, client_key=client_key, **fields)
    except IntegrityError:
        if not client_key:
            raise
        # Two copies raced: the other one won.
        return Note.objects.get(author=author, client_key=client_key), False
    return note, True


@dataclass
class KindGroup:
    kind: str
    label: str
    notes: list[Note] = field(default_factory=list)


@dataclass
class ItemGroup:
    item: ItineraryItem | None
    kinds: list[KindGroup] = field(default_factory=list)

    @property
    def count(self) -> int:
        return sum(len(group.notes) for group in self.kinds)


def by_item_and_kind(trip: Trip) -> list[ItemGroup]:
    """The trip's notes grouped by itinerary item (in time order, notes on no item last),
    then by kind (in the order of Note.Kind), oldest first: two queries whatever the size."""
    notes = list(
        trip.trip_notes.select_related("item", "author", "author__profile").order_by(
            "created_at", "pk"
        )
    )
    order = {kind: i for i, kind in enumerate(Note.Kind.values)}
    by_item: dict[int | None, ItemGroup] = {}
    for note in notes:
        group = by_item.get(note.item_id)
        if group is None:
            group = by_item[note.item_id] = ItemGroup(item=note.item)
        kinds = {g.kind: g for g in group.kinds}
        kind_group = kinds.get(note.kind)
        if kind_group is None:
            kind_group = KindGroup(kind=note.kind, label=note.get_kind_display())
            group.kinds.append(kind_group)
        kind_group.notes.append(note)
    for group in by_item.values():
        group.kinds.sort(key=lambda g: order.get(g.kind, len(order)))
    return sorted(by_item.values(), key=_in_time_order)


def _in_time_order(group: ItemGroup) -> tuple:
    """Items by start, notes on no item last."""
    if group.item is None:
        return (1, None, 0)
    return (0, group.item.start, group.item.pk)
