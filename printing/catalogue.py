"""The catalogue of printed documents: every Document by name, in the order of the print
menu, and what each user may print. Each document is defined in its own module."""

from __future__ import annotations

from printing.books import BRIEFING_BOOK, POST_TRIP_REPORT
from printing.documents import ITINERARY, PARTY_LIST, Document
from printing.models import Download
from printing.pack import PACK
from printing.pocket import POCKET
from printing.seating import SEATING_CHART, TABLE_CARDS
from printing.sheets import CARS, CONTACTS, DRIVERS, MEALS_AND_LODGING
from printing.slips import label_of as slip_label
from trips.models import Trip, TripMember

# The documents, by name (their address), in the order of the print menu.
DOCUMENTS: dict[str, Document] = {
    d.name: d
    for d in (
        ITINERARY,
        PARTY_LIST,
        CONTACTS,
        CARS,
        DRIVERS,
        MEALS_AND_LODGING,
        PACK,
        POCKET,
        BRIEFING_BOOK,
        POST_TRIP_REPORT,
        SEATING_CHART,
        TABLE_CARDS,
    )
}


def label_of(name: str) -> str:
    """A document's title in the active language (a slip's with its item: printing.slips);
    the name of one no longer printed."""
    document = DOCUMENTS.get(name)
    if document is not None:
        return str(document.label)
    return slip_label(name) or name


def readable(trip: Trip, user) -> list[Document]:
    """The documents of the trip this user may read, in the order of the print menu."""
    return [document for document in DOCUMENTS.values() if document.may_read(trip, user)]


def sees_download_log(trip: Trip, user) -> bool:
    """The trip's secretaries read the download log of an internal trip."""
    return trip.is_confidential and trip.role_of(user) == TripMember.Role.SECRETARY


def download_log(trip: Trip, limit: int = 200) -> list[Download]:
    """The latest downloads of the trip's documents, newest first, with who made them and
    each document's title (document_label) in the active language."""
    rows = Download.objects.filter(trip=trip).select_related("user__profile")
    downloads = list(rows.order_by("-at", "-pk")[:limit])
    for row in downloads:
        row.document_label = label_of(row.document)
    return downloads
