""" "Leaving now": one of the party taps it on an item, and the next host unit that day
learns when to expect the party (now plus the travel between them). The trip's secretaries
may tap it any time the trip is under way; the rest of the party on the item's day."""

from __future__ import annotations

import zoneinfo
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import people
from directory.models import HostUnit
from notices import emails
from notices.addresses import notice_addresses
from notices.models import Departure
from notices.parts import read_item
from trips.models import ItineraryItem, Trip

# "Leaving now" works on a trip under way.
UNDER_WAY = (Trip.Status.APPROVED, Trip.Status.IN_PROGRESS)
# A second tap on "leaving now" within this time does not tell the next unit again.
LEAVING_WINDOW = timedelta(minutes=5)


@dataclass(frozen=True)
class NextStop:
    """The next item at another host unit, and how long getting there takes."""

    item: ItineraryItem
    travel: timedelta
    departure: Departure | None = None

    @property
    def unit(self) -> HostUnit:
        return self.item.host_unit


def _next_stop(items: list[ItineraryItem], index: int, tz: zoneinfo.ZoneInfo) -> NextStop | None:
    """From items in time order: the first later hosted item, if at another unit that day."""
    current = items[index]
    if current.is_travel:
        return None
    day = current.end.astimezone(tz).date()
    travel, travelled = timedelta(0), False
    for later in items[index + 1 :]:
        if later.start.astimezone(tz).date() != day:
            return None
        if later.is_travel:
            travel, travelled = travel + (later.end - later.start), True
        elif later.host_unit_id is not None:
            if later.host_unit_id == current.host_unit_id:
                return None
            gap = max(later.start - current.end, timedelta(0))
            return NextStop(later, travel if travelled else gap)
    return None


def can_leave(trip: Trip, user) -> bool:
    """Whether the user may tap "leaving now" on some item of the trip: once the plan is
    approved, the secretaries any day; the rest of the party, with an account, on its days."""
    if trip.status not in UNDER_WAY:
        return False
    return trip.can_edit(user) or (trip.role_of(user) is not None and trip.covers(timezone.now()))


def can_leave_item(item: ItineraryItem, user, now: datetime | None = None) -> bool:
    """The secretaries on any item; another of the party on an item of today (trip clock)."""
    trip = item.trip
    if trip.status not in UNDER_WAY:
        return False
    if trip.can_edit(user):
        return True
    today = trip.local(now or timezone.now()).date()
    return trip.role_of(user) is not None and trip.local(item.end).date() == today


def mark_next_stops(trip: Trip, user, items: Iterable[ItineraryItem]) -> None:
    """Set item.next_stop on items with a next stop, for the "leaving now" buttons.

    No query unless the user may tap the button; then one, for the departures so far.
    """
    if not can_leave(trip, user):
        return
    ordered = sorted(items, key=lambda i: (i.start, i.end, i.pk))
    departures = {d.item_id: d for d in Departure.objects.filter(item__trip=trip)}
    secretary, today = trip.can_edit(user), trip.local(timezone.now()).date()
    for index, item in enumerate(ordered):
        if not secretary and trip.local(item.end).date() != today:
            continue
        stop = _next_stop(ordered, index, trip.tzinfo)
        item.next_stop = stop and replace(stop, departure=departures.get(item.pk))


def next_stop(item: ItineraryItem) -> NextStop | None:
    """The item's next stop at another host unit on the same day, with the departure so far."""
    items = list(item.trip.items.select_related("host_unit").order_by("start", "end", "pk"))
    index = next(i for i, other in enumerate(items) if other.pk == item.pk)
    stop = _next_stop(items, index, item.trip.tzinfo)
    return stop and replace(stop, departure=Departure.objects.filter(item=item).first())


def leave(item: ItineraryItem, by, now: datetime | None = None) -> tuple[Departure, bool]:
    """Tell the next unit when to expect the party: now plus the travel between them.

    A second tap within LEAVING_WINDOW changes nothing; the bool says whether e-mails went.
    """
    trip = item.trip
    if trip.role_of(by) is None or trip.is_read_only:
        raise PermissionDenied
    if trip.status not in UNDER_WAY:
        raise ValidationError(_("“Leaving now” works once the plan is approved."))
    if not can_leave_item(item, by, now):
        raise ValidationError(_("On the day of the item, anyone of the party can tap this."))
    stop = next_stop(item)
    if stop is None:
        raise ValidationError(_("No later stop at another host unit on this day."))
    recipients = notice_addresses([stop.unit.pk])[stop.unit.pk].usable
    if not recipients:
        raise ValidationError(
            _("%(unit)s has no e-mail address for notices.") % {"unit": stop.unit.name}
        )
    now = now or timezone.now()
    expected = now + stop.travel
    with transaction.atomic():
        departure, _created = Departure.objects.get_or_create(item=item)
        claimed = (
            Departure.objects.filter(pk=departure.pk)
            .filter(Q(left_at__isnull=True) | Q(left_at__lte=now - LEAVING_WINDOW))
            .update(left_at=now, left_by=by, next_unit=stop.unit, expected_at=expected)
        )
        departure.refresh_from_db()
        if not claimed:
            return departure, False
        context = {
            "unit": stop.unit,
            "item": read_item(_item_data(stop.item), trip.tzinfo),
            "expected": trip.local(expected),
            "time_zone": trip.time_zone,
            "office_contact": {
                "name": people.display_name(by, stop.unit.language),
                "email": by.email,
                "phone": people.profile_of(by).phone,
            },
        }
        emails.tell_on_our_way(departure, recipients, context, by)
    return departure, True


def _item_data(item: ItineraryItem) -> dict[str, Any]:
    """A live item in the shape of a notice's stored item (no attendees: not needed here)."""
    return {
        "id": item.pk,
        "start": item.start.isoformat(),
        "end": item.end.isoformat(),
        "kind": item.kind,
        "title": item.title,
        "place": item.place,
        "address": item.address,
        "host_preparation": item.host_preparation,
    }
