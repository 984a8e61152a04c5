"""Which trips' e-mails a user may read: the trips app says, since the outbox knows no trip."""

from __future__ import annotations

from collections.abc import Callable

from django.db.models import QuerySet

# Given a user, a query of the ids of the trips that user may read (one subquery, no list).
TripReader = Callable[[object], QuerySet]

_reader: TripReader | None = None


def read_trips_with(reader: TripReader) -> None:
    """Called once by the app that owns trips, from its AppConfig.ready()."""
    global _reader
    _reader = reader


def readable_trip_ids(user) -> QuerySet | list[int]:
    """The ids of the trips whose e-mails this user may read; none until an app says."""
    return _reader(user) if _reader is not None else []
