"""Who may read and write notes: the trip's rules; writing is for the party."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from followups import notes
from trips.access import trip_for
from trips.models import Trip


def note_trip_for(user, pk: int, *, edit: bool = False) -> Trip:
    """The trip whose notes the user reads (404 when the trip is hidden from them, as an
    internal trip is from outsiders); with edit, PermissionDenied unless they may write."""
    trip = trip_for(user, pk)
    if edit and not notes.may_write(trip, user):
        raise PermissionDenied
    return trip
