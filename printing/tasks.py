"""Printing tasks: the trip pack rendered outside the request; the cache swept daily."""

from __future__ import annotations

from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.contrib.auth import get_user_model

from printing import cache, documents, pack
from trips.access import trip_for


@shared_task(acks_late=True)
def render_pack(trip_id: int, language: str, reader_id: int) -> None:
    """Render the reader's copy of the trip pack into the PDF cache. Safe to run twice: a
    copy already rendered is a file read; a reader who lost access meanwhile gets nothing."""
    reader = get_user_model().objects.select_related("profile").get(pk=reader_id)
    trip = trip_for(reader, trip_id)  # Http404 when the reader may not see the trip
    if pack.PACK.may_read(trip, reader):
        documents.copy_for(pack.PACK, trip, language, reader)


@shared_task
def sweep_cache() -> int:
    """Remove the cached PDFs nobody downloaded for PDF_CACHE_DAYS days."""
    return cache.sweep(timedelta(days=settings.PDF_CACHE_DAYS))
