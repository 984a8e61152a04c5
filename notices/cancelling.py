"""Cancelling a trip tells its hosts: the trip called off (trips.approval.cancel) and a
cancellation (取消通知) sent to every unit told of the visit, in one transaction. The
workflow crosses both apps, so it lives here, above trips."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from directory.models import HostUnit
from notices.drafts import cancellations
from notices.models import Notice
from notices.sending import send_one
from trips import approval
from trips.models import Trip


@dataclass(frozen=True)
class Cancelled:
    """What cancelling a trip told the host units: the notices sent, the units to phone."""

    notices: list[Notice]
    to_phone: list[HostUnit]


def cancel_trip(trip: Trip, by, reason: str) -> Cancelled:
    """Call the trip off (trips.approval.cancel) and send a cancellation (取消通知) to every
    unit told of the visit, in one transaction; units no e-mail reaches are to be phoned."""
    with transaction.atomic():
        list(Trip.objects.select_for_update().filter(pk=trip.pk).values_list("pk"))
        drafts = cancellations(trip)
        approval.cancel(trip, by, reason)
        now = timezone.now()
        sent = [send_one(trip, draft, by, now) for draft in drafts if draft.can_send]
    return Cancelled(sent, [draft.host_unit for draft in drafts if not draft.can_send])
