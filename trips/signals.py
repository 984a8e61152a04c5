"""The one extension point trips offers the apps above it.

`trip_created` is sent once for each new trip, after the transaction that created it has
committed, with `trip` and `language` (the creator's). Logistics receives it to give the
trip its checklist. No other signal carries business logic.
"""

from __future__ import annotations

from django.db import transaction
from django.dispatch import Signal
from django.utils import translation

trip_created = Signal()


def announce_created(trip) -> None:
    """Send trip_created once the trip is committed, in the creator's current language."""
    language = translation.get_language()
    transaction.on_commit(
        lambda: trip_created.send(sender=type(trip), trip=trip, language=language)
    )
