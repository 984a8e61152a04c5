"""The marking of an internal trip's documents: on every page of every document (A4, the
A4 landscape table cards, the A6 pocket itinerary), at least one whole copy of the reader's
name and the time lies inside the page."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from followups import report
from printing import catalogue, documents, host, render
from tests.factories import ItineraryItemFactory, at
from tests.notices.notice_setup import approve
from tests.printing import pdf
from tests.printing.test_documents import DAY, _trip
from tests.printing.test_documents import people as people
from tests.printing.test_seating import _plan

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 12, 14, 9, 30, tzinfo=dt.UTC)


@pytest.fixture
def internal_trip(people):
    """An internal trip with something in every document (a seating plan, a report, an
    approved plan for the host unit's sheet), long enough to run over pages."""
    trip = _trip(people, visibility="confidential")
    for n in range(30):
        ItineraryItemFactory(trip=trip, title=f"考察点{n}", start=at(DAY, 6, n * 15), minutes=10)
    _plan(trip)
    approve(trip, people["secretary"], people["leader"])
    report.get_or_start(trip, people["secretary"])
    return trip


def _documents(trip):
    unit = trip.items.exclude(host_unit=None).first().host_unit
    return [*catalogue.DOCUMENTS.values(), host.host_sheet(unit)]


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_every_page_of_every_document_holds_one_whole_copy_of_the_marking(
    internal_trip, people, language
):
    reader = people["secretary"]
    with time_machine.travel(NOW, tick=False):
        marking = render.watermark(reader, language)
        copies = {
            document.name: documents.copy_for(document, internal_trip, language, reader)
            for document in _documents(internal_trip)
            if document.may_read(internal_trip, reader)
        }
    assert len(copies) == len(catalogue.DOCUMENTS) + 1  # every one, the host unit's sheet too
    cut = [
        (name, page)
        for name, copy in copies.items()
        for page in range(1, pdf.pages(copy) + 1)
        if not pdf.whole_on_page(copy, page, marking)
    ]
    assert not cut, f"{marking!r} cut or missing on {cut}"
    assert pdf.pages(copies["pocket"]) > 1 and pdf.pages(copies["itinerary"]) > 1
