"""Moving the itinerary in time: with the trip's new dates, a day's later items by some
minutes, one item to another day, the next items fitted to one.

Each move is one change of the plan: atomic, one entry in the trip's history (whatever the
number of items), and every moved item's calendar SEQUENCE raised once. Days are added on
the trip's clock, so an item at 09:00 stays at 09:00 across a change to summer time;
minutes are added to the moment itself. A shift never takes an item to another day.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from trips import schedule
from trips.history import days_phrase
from trips.models import ItineraryItem, Trip, TripEvent

MINUTE = timedelta(minutes=1)


@dataclass(frozen=True)
class Move:
    """One item's times before and after a move, on the trip's clock."""

    item: ItineraryItem
    old_start: datetime
    old_end: datetime
    start: datetime
    end: datetime
    outside: bool  # it lands outside the trip's dates


@dataclass(frozen=True)
class DateChange:
    """What new dates do to the itinerary: the days it moves by, each item as it would move,
    and the items that fall outside the new dates if they stay where they are."""

    key: str  # the new dates and clock this was worked out for
    days: int
    moves: tuple[Move, ...]  # every item moved by `days`; empty when the first day stays
    left_out: tuple[Move, ...]  # items outside the new dates unless moved (times unchanged)

    def __bool__(self) -> bool:
        return bool(self.moves or self.left_out)

    @property
    def by(self) -> str:
        """How far the first day moves, in words: "3 days later"."""
        return days_phrase(self.days) if self.days else ""

    @property
    def moved_out(self) -> tuple[Move, ...]:
        """Items still outside the new dates once moved (the trip got shorter too)."""
        return tuple(move for move in self.moves if move.outside)


def _move(trip: Trip, item: ItineraryItem, start: datetime, end: datetime) -> Move:
    """The item from its times now to new ones, all on the trip's clock."""
    start, end = start.astimezone(trip.tzinfo), end.astimezone(trip.tzinfo)
    old_start, old_end = trip.local(item.start), trip.local(item.end)
    return Move(item, old_start, old_end, start, end, outside=not trip.spans(start, end))


def _by_days(trip: Trip, item: ItineraryItem, days: int) -> Move:
    """The item moved by whole days on the trip's clock: the same local time of day."""
    shift = timedelta(days=days)
    # Aware arithmetic adds to the wall clock; astimezone (in _move) finds the day's offset.
    return _move(trip, item, trip.local(item.start) + shift, trip.local(item.end) + shift)


def date_change(trip: Trip, first_day: date) -> DateChange:
    """What the trip's dates as given on `trip` (not saved yet) do to its itinerary, whose
    first day was `first_day`: one query, whatever the number of items."""
    items = list(trip.items.all())
    days = (trip.start_date - first_day).days
    return DateChange(
        key=f"{trip.start_date.isoformat()}/{trip.end_date.isoformat()}/{trip.time_zone}",
        days=days,
        moves=tuple(_by_days(trip, item, days) for item in items) if days else (),
        left_out=tuple(
            stay
            for stay in (_move(trip, item, item.start, item.end) for item in items)
            if stay.outside
        ),
    )


# Shifting by minutes: every item keeps to its day


def _midnight(trip: Trip, day: date) -> datetime:
    return datetime.combine(day, time(0), trip.tzinfo)


def _room(trip: Trip, item: ItineraryItem) -> tuple[tuple[timedelta, str], tuple[timedelta, str]]:
    """How far the item may move earlier and later, each with what it would do beyond:
    its start keeps to its day; its end reaches midnight at most or, overnight (a night
    train, lodging), the trip's last day."""
    start, end = trip.local(item.start), trip.local(item.end)
    day_opens = _midnight(trip, start.date())
    day_closes = day_opens + timedelta(days=1)
    earlier = (start - day_opens, "day_before")
    if end <= day_closes:
        return earlier, (day_closes - end, "past_midnight")
    trip_ends = _midnight(trip, trip.end_date + timedelta(days=1))
    return earlier, min((day_closes - MINUTE - start, "next_day"), (trip_ends - end, "after_trip"))


def _refusal(item: ItineraryItem, room: timedelta, beyond: str) -> ValidationError:
    """Why the items cannot move as far as asked, naming the one that stops them."""
    values = {"item": item.title, "limit": _minutes(room)}
    if room < MINUTE:
        if beyond == "day_before":
            return ValidationError(_("“%(item)s” cannot move any earlier on its day.") % values)
        return ValidationError(_("“%(item)s” cannot move any later on its day.") % values)
    messages = {
        "day_before": _(
            "“%(item)s” would start the day before: move by at most %(limit)s min earlier."
        ),
        "past_midnight": _(
            "“%(item)s” would run past midnight: move by at most %(limit)s min later."
        ),
        "next_day": _("“%(item)s” would start the next day: move by at most %(limit)s min later."),
        "after_trip": _(
            "“%(item)s” would end after the trip's last day: move by at most %(limit)s min later."
        ),
    }
    return ValidationError(messages[beyond] % values)


def _minutes(delta: timedelta) -> int:
    return int(delta.total_seconds() // 60)


def _by_minutes(trip: Trip, items: Sequence[ItineraryItem], shift: timedelta) -> list[Move]:
    """The items moved by the same length of time; refused when one would leave its day."""
    later = shift > timedelta(0)
    rooms = [(_room(trip, item)[1 if later else 0], item) for item in items]
    (room, beyond), tightest = min(rooms, key=lambda entry: entry[0])
    if abs(shift) > room:
        raise _refusal(tightest, room, beyond)
    return [_move(trip, item, item.start + shift, item.end + shift) for item in items]


# Applying a move: one change, one entry in the history


def _order(item: ItineraryItem) -> tuple:
    return (item.start, item.end, item.pk)


def _locked(trip: Trip, by) -> list[ItineraryItem]:
    """The trip's items in time order, locked for the move, for a secretary of the trip."""
    if not trip.can_edit(by):
        raise PermissionDenied
    return sorted(
        trip.items.select_for_update(of=("self",)).select_related("host_unit"), key=_order
    )


def _current(
    items: Sequence[ItineraryItem], item: ItineraryItem, seen: int | None
) -> ItineraryItem:
    """The item as it is now; refused when it changed since the page showed it (at
    calendar sequence `seen`), as after a second click."""
    current = next((other for other in items if other.pk == item.pk), None)
    if current is None:
        raise ValidationError(_("This item is no longer on the itinerary."))
    if seen is not None and current.sequence != seen:
        raise ValidationError(
            _("“%(item)s” was changed meanwhile: look at the itinerary again, then move it.")
            % {"item": current.title}
        )
    return current


def _same_day_after(
    trip: Trip, items: Sequence[ItineraryItem], anchor: ItineraryItem, *, with_anchor: bool
) -> list[ItineraryItem]:
    """The items of the anchor's day that come after it in time order (and the anchor)."""
    day = trip.local(anchor.start).date()
    return [
        item
        for item in items
        if trip.local(item.start).date() == day
        and (_order(item) > _order(anchor) or (with_anchor and item.pk == anchor.pk))
    ]


def _apply(trip: Trip, moves: Sequence[Move], by, details: Mapping[str, Any]) -> TripEvent:
    """Save the moved items at once, each SEQUENCE raised once, and record the one step."""
    now = timezone.now()
    items = []
    for move in moves:
        item = move.item
        item.start, item.end = move.start, move.end
        item.sequence += 1  # under the row lock: calendars replace the event
        item.updated_at = now
        items.append(item)
    ItineraryItem.objects.bulk_update(items, ["start", "end", "sequence", "updated_at"])
    return TripEvent.objects.create(
        trip=trip, actor=by, action=TripEvent.Action.MOVED, details=dict(details)
    )


@transaction.atomic
def move_itinerary(trip: Trip, days: int, by) -> TripEvent | None:
    """Move every item by whole days on the trip's clock, with the trip's new dates."""
    items = _locked(trip, by)
    if not days or not items:
        return None
    moves = [_by_days(trip, item, days) for item in items]
    return _apply(trip, moves, by, {"how": "days", "days": days, "items": len(moves)})


@transaction.atomic
def shift_later(
    trip: Trip, item: ItineraryItem, minutes: int, by, seen: int | None = None
) -> TripEvent:
    """Shift the item and every later item of its day by some minutes (negative: earlier)."""
    items = _locked(trip, by)
    anchor = _current(items, item, seen)
    if not minutes:
        raise ValidationError(_("Give a number of minutes other than 0."))
    moved = _same_day_after(trip, items, anchor, with_anchor=True)
    moves = _by_minutes(trip, moved, timedelta(minutes=minutes))
    details = {"how": "minutes", "minutes": minutes, "item": anchor.title, "later": len(moves) - 1}
    return _apply(trip, moves, by, details)


@transaction.atomic
def move_to_day(
    trip: Trip, item: ItineraryItem, day: date, by, seen: int | None = None
) -> TripEvent:
    """Move one item to another day of the trip, at the same time of day."""
    anchor = _current(_locked(trip, by), item, seen)
    if not trip.start_date <= day <= trip.end_date:
        raise ValidationError(_("Choose a day of the trip."))
    days = (day - trip.local(anchor.start).date()).days
    if not days:
        raise ValidationError(_("“%(item)s” is on that day already.") % {"item": anchor.title})
    move = _by_days(trip, anchor, days)
    if move.outside:
        raise ValidationError(
            _("“%(item)s” would end after the trip's last day.") % {"item": anchor.title}
        )
    details = {"how": "day", "day": day.isoformat(), "item": anchor.title}
    return _apply(trip, [move], by, details)


@transaction.atomic
def fit_after(trip: Trip, item: ItineraryItem, by, seen: int | None = None) -> TripEvent:
    """Start the next item of the day right after this one, with the slack an appointment
    with a host needs (trips.schedule), and move the day's later items with it."""
    items = _locked(trip, by)
    anchor = _current(items, item, seen)
    following = _same_day_after(trip, items, anchor, with_anchor=False)
    if not following:
        raise ValidationError(
            _("Nothing comes after “%(item)s” on its day.") % {"item": anchor.title}
        )
    first = following[0]
    shift = anchor.end + schedule.slack_before(trip, first) - first.start
    if not shift:
        raise ValidationError(
            _("“%(next)s” starts right after “%(item)s” already.")
            % {"next": first.title, "item": anchor.title}
        )
    moves = _by_minutes(trip, following, shift)
    details = {
        "how": "fit",
        "minutes": _minutes(shift),
        "item": anchor.title,
        "items": len(moves),
    }
    return _apply(trip, moves, by, details)
