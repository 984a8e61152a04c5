"""printing.cache: a document is rendered once per content, keyed by all it shows."""

from __future__ import annotations

import os
import time
from datetime import timedelta

import pytest

from printing import cache, documents, tasks
from tests.factories import ItineraryItemFactory
from trips.models import Trip

pytestmark = pytest.mark.django_db


def _items(trip: Trip, language: str) -> dict:
    return {"rows": [item.title for item in trip.items.order_by("start", "pk")]}


def _party(trip: Trip, language: str) -> dict:
    party = Trip.objects.with_team().get(pk=trip.pk).party()
    return {"rows": [member.label(language) for member in party]}


# Two documents of the tests' own: one shows the items, one the party.
ITEMS = documents.Document("items", "Items", "printing_tests/long_table.html", _items)
PARTY = documents.Document("party", "Party", "printing_tests/long_table.html", _party)


@pytest.fixture
def renders(monkeypatch, test_templates):
    """The documents rendered, by name: a spy on printing.render.render."""
    made: list[str] = []
    real = documents.render

    def spy(template, context, *, language, reader=None):
        made.append(context["document_name"])
        return real(template, context, language=language, reader=reader)

    monkeypatch.setattr(documents, "render", spy)
    return made


def test_second_download_of_an_unchanged_document_is_a_file_read(
    office_trip, secretary, renders, settings
):
    ItineraryItemFactory(trip=office_trip, title="Visit the pumping station")
    first = documents.copy_for(ITEMS, office_trip, "en", secretary)
    second = documents.copy_for(ITEMS, office_trip, "en", secretary)
    assert renders == ["Items"]
    assert second == first and first.startswith(b"%PDF")
    assert len(list(settings.PDF_CACHE_DIR.rglob("*.pdf"))) == 1


def test_changing_an_item_renders_exactly_the_documents_that_show_it(
    office_trip, secretary, renders
):
    item = ItineraryItemFactory(trip=office_trip, title="Visit the pumping station")
    documents.copy_for(ITEMS, office_trip, "en", secretary)
    documents.copy_for(PARTY, office_trip, "en", secretary)
    assert renders == ["Items", "Party"]

    item.title = "Visit the new pumping station"
    item.save()
    documents.copy_for(ITEMS, office_trip, "en", secretary)
    documents.copy_for(PARTY, office_trip, "en", secretary)
    assert renders == ["Items", "Party", "Items"]  # the party list stayed cached


def test_language_and_the_data_make_the_key():
    base = cache.key("itinerary", "en", {"rows": ["a"]})
    assert cache.key("itinerary", "en", {"rows": ["a"]}) == base
    assert cache.key("itinerary", "zh-hans", {"rows": ["a"]}) != base
    assert cache.key("itinerary", "en", {"rows": ["b"]}) != base
    assert cache.key("party", "en", {"rows": ["a"]}) != base
    assert cache.key("itinerary", "en", {"rows": ["a"]}, reader=[1, "Wang"]) != base


def test_template_version_is_part_of_the_key(monkeypatch):
    base = cache.key("itinerary", "en", {})
    monkeypatch.setattr(cache, "template_version", lambda: "2-different")
    assert cache.key("itinerary", "en", {}) != base


def test_data_must_be_plain_json():
    with pytest.raises(TypeError):
        cache.key("itinerary", "en", {"trip": Trip()})


def test_office_trip_copies_are_shared_internal_ones_are_per_reader(
    office_trip, confidential_trip, secretary, staff, renders
):
    documents.copy_for(ITEMS, office_trip, "en", secretary)
    documents.copy_for(ITEMS, office_trip, "en", staff)
    assert renders == ["Items"]  # no watermark: one copy for everyone

    documents.copy_for(ITEMS, confidential_trip, "en", secretary)
    documents.copy_for(ITEMS, confidential_trip, "en", staff)
    documents.copy_for(ITEMS, confidential_trip, "en", staff)
    assert renders == ["Items", "Items", "Items"]  # one per reader, each once


def test_a_write_is_whole_or_nothing(monkeypatch):
    def broken() -> bytes:
        raise RuntimeError("WeasyPrint failed")

    with pytest.raises(RuntimeError):
        cache.get_or_render("ab" * 32, broken)
    assert not cache.path_for("ab" * 32).exists()

    def failing_replace(source, target):
        raise OSError("disk full")

    monkeypatch.setattr(cache.os, "replace", failing_replace)
    with pytest.raises(OSError):
        cache.get_or_render("cd" * 32, lambda: b"%PDF-1.7 ...")
    assert list(cache.path_for("cd" * 32).parent.iterdir()) == []  # no temporary left


def test_template_version_follows_the_templates_style_sheets_and_fonts(monkeypatch, tmp_path):
    version = cache.template_version()
    assert version.startswith(f"{cache.TEMPLATE_VERSION}-")
    cache.template_version.cache_clear()
    monkeypatch.setattr(cache.render, "STATIC", tmp_path)  # as if print.css and fonts changed
    try:
        assert cache.template_version() != version
    finally:
        cache.template_version.cache_clear()


def _age(path, days: float) -> None:
    moment = time.time() - days * 86400
    os.utime(path, (moment, moment))


def test_the_sweep_removes_copies_nobody_downloaded_lately(
    office_trip, secretary, renders, settings
):
    ItineraryItemFactory(trip=office_trip, title="Visit the pumping station")
    documents.copy_for(ITEMS, office_trip, "en", secretary)
    documents.copy_for(PARTY, office_trip, "en", secretary)
    old, recent = sorted(settings.PDF_CACHE_DIR.rglob("*.pdf"))
    _age(old, 31)
    _age(recent, 29)
    assert tasks.sweep_cache() == 1
    assert not old.exists() and recent.exists()
    assert tasks.sweep_cache() == 0  # safe to run twice


def test_a_download_keeps_its_copy_from_the_sweep(office_trip, secretary, renders, settings):
    documents.copy_for(ITEMS, office_trip, "en", secretary)
    (copy,) = settings.PDF_CACHE_DIR.rglob("*.pdf")
    _age(copy, 40)
    documents.copy_for(ITEMS, office_trip, "en", secretary)  # a file read, and a touch
    assert tasks.sweep_cache() == 0
    assert copy.exists() and renders == ["Items"]


def test_the_sweep_removes_what_a_killed_render_left_behind(settings):
    folder = settings.PDF_CACHE_DIR / "ab"
    folder.mkdir(parents=True)
    leftover, writing = folder / ".old.tmp", folder / ".now.tmp"
    leftover.write_bytes(b"%PDF-1.")
    writing.write_bytes(b"%PDF-1.")
    _age(leftover, 31)
    assert cache.sweep(timedelta(days=30)) == 1
    assert not leftover.exists() and writing.exists()


def test_the_sweep_runs_daily_on_the_beat_queue(settings):
    from config.celery import BEAT_QUEUE, route_beat_jobs

    jobs = {job["task"]: job["schedule"] for job in settings.CELERY_BEAT_SCHEDULE.values()}
    assert jobs["printing.tasks.sweep_cache"] == 86400
    assert route_beat_jobs("printing.tasks.sweep_cache", (), {}, {}) == {"queue": BEAT_QUEUE}
