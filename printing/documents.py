"""The printed documents of a trip and how one copy is made.

A Document has a name (its address), a label (its title, translated), a template, the
function that gathers the data it shows and the rule of who may read it. The data is
plain JSON, words already in the document's language: the template shows only that, and
the cache keys the PDF by it (printing.cache), so whatever a document shows is in its key.

Documents of an internal (party-only) trip carry the reader's name and the time on every
page; the copy is made for that reader, so the reader is part of its key: the time on it
is when that reader's copy of this content was made.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils import translation
from django.utils.functional import Promise

from accounts import people
from printing import cache
from printing.models import Download
from printing.render import render
from trips.models import Trip, TripMember


def everyone(trip: Trip, user) -> bool:
    """Whoever may read the trip (trips.access decided that already)."""
    return True


@dataclass(frozen=True)
class Document:
    name: str
    label: Promise | str
    template: str
    data: Callable[[Trip, str], dict[str, Any]]  # (trip, language) -> what it shows
    readable_by: Callable[[Trip, Any], bool] = everyone

    def may_read(self, trip: Trip, user) -> bool:
        return self.readable_by(trip, user)


def shown(document: Document, trip: Trip, language: str) -> dict[str, Any]:
    """Everything the document shows, in the language: its name, the trip's, its data."""
    with translation.override(language):
        return {
            "document_name": str(document.label),
            "trip": {"title": trip.title, "internal": trip.is_confidential},
            **document.data(trip, language),
        }


def copy_for(document: Document, trip: Trip, language: str, reader) -> bytes:
    """The PDF as this reader gets it: from the cache when its content is unchanged."""
    data = shown(document, trip, language)
    watermarked = reader if trip.is_confidential else None
    who = [reader.pk, people.display_name(reader, language)] if watermarked else None
    key = cache.key(document.name, language, data, reader=who)
    return cache.get_or_render(
        key, lambda: render(document.template, data, language=language, reader=watermarked)
    )


def download(document: Document, trip: Trip, user, language: str) -> bytes:
    """The user's copy of the document; every download of an internal trip's document is
    logged (who, which, when), a cached copy's too. The trip was read through
    trips.access already: this checks only who may read this document."""
    if not document.may_read(trip, user):
        raise PermissionDenied
    pdf = copy_for(document, trip, language, user)
    if trip.is_confidential:
        Download.objects.create(trip=trip, user=user, document=document.name, language=language)
    return pdf


# The documents, by name (their address); filled below as each is defined.
DOCUMENTS: dict[str, Document] = {}


def label_of(name: str) -> str:
    """A document's title in the active language; the name of one no longer printed."""
    document = DOCUMENTS.get(name)
    return str(document.label) if document else name


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
