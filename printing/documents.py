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

from django.utils import translation
from django.utils.functional import Promise

from accounts import people
from printing import cache
from printing.render import render
from trips.models import Trip


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
