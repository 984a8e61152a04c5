"""The briefing book and the post-trip report as PDF: what they show, to whom."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from briefings.models import Briefing
from followups import report
from tests.briefings.factories import BriefingFactory, FigureFactory
from tests.factories import HostUnitFactory, ItineraryItemFactory, TripFactory, UserFactory, at
from tests.followups.item_setup import department, item
from tests.printing import pdf

pytestmark = pytest.mark.django_db
DAY = dt.date(2026, 12, 21)


@pytest.fixture
def trip(secretary, leader, staff):
    trip = TripFactory(
        title="Riverside inspection",
        start_date=DAY,
        end_date=DAY,
        created_by=secretary,
        team={secretary: "secretary", leader: "leader", staff: "staff"},
    )
    unit = HostUnitFactory(name="Riverside water works")
    ItineraryItemFactory(trip=trip, host_unit=unit, title="Pump station visit", start=at(DAY, 9))
    FigureFactory(host_unit=unit, label="Households served", source="Bureau statistics 2025")
    BriefingFactory(
        host_unit=unit,
        topic=Briefing.Topic.SENSITIVE,
        title="Complaints",
        body="Petition over the 2024 flood compensation.",
    )
    return trip


def flat(words: str) -> str:
    """As pdf.flat() reads a PDF: without white space."""
    return "".join(words.split())


def _get(client, user, trip, name):
    client.force_login(user)
    return client.get(reverse("printing:document", args=[trip.pk, name]), {"lang": "en"})


def test_briefing_book_shows_each_stop_with_its_facts_sources_and_unverified_mark(
    client, trip, secretary
):
    text = pdf.flat(_get(client, secretary, trip, "briefing-book").content)
    for words in (
        "Briefing book",
        "Riverside inspection",
        "Pump station visit",
        "Riverside water works",
        "Households served",
        "Bureau statistics 2025",
        "unverified",
    ):
        assert flat(words) in text


def test_briefing_book_leaves_sensitive_matters_out_for_staff(client, trip, secretary, staff):
    assert "floodcompensation" in pdf.flat(_get(client, secretary, trip, "briefing-book").content)
    assert "floodcompensation" not in pdf.flat(_get(client, staff, trip, "briefing-book").content)


def test_briefing_book_shows_what_the_unit_was_promised_before(client, trip, secretary):
    earlier = TripFactory(
        title="Autumn visit",
        start_date=DAY - dt.timedelta(days=60),
        end_date=DAY - dt.timedelta(days=60),
        created_by=secretary,
        team={secretary: "secretary"},
    )
    unit = trip.items.get().host_unit
    item(
        earlier,
        secretary,
        department()[0],
        title="Repair the east pump",
        host_unit=unit,
        status="done",
        answer="Repaired in November.",
    )
    text = pdf.flat(_get(client, secretary, trip, "briefing-book").content)
    assert flat("Repair the east pump") in text
    assert "Kept" in text
    assert flat("Repaired in November.") in text


def test_report_pdf_has_the_text_and_the_follow_up_table(client, trip, secretary, leader):
    draft = report.get_or_start(trip, secretary)
    report.save_draft(draft, secretary, "Report on Riverside", "## Findings\n\n**Pumps** are old.")
    item(trip, secretary, department()[0], title="New pumps")
    text = pdf.flat(_get(client, leader, trip, "report").content)
    for words in ("Report on Riverside", "Findings", "Pumps are old.", "New pumps"):
        assert flat(words) in text


def test_report_pdf_keeps_typed_html_as_text(client, trip, secretary):
    draft = report.get_or_start(trip, secretary)
    report.save_draft(draft, secretary, "Report", "Before <b>bold</b> after")
    assert "<b>bold</b>" in pdf.flat(_get(client, secretary, trip, "report").content)


def test_report_pdf_is_for_secretaries_and_leaders_once_started(client, trip, secretary, staff):
    assert _get(client, secretary, trip, "report").status_code == 403  # not started yet
    report.get_or_start(trip, secretary)
    assert _get(client, secretary, trip, "report").status_code == 200
    assert _get(client, staff, trip, "report").status_code == 403


def test_confidential_trip_briefing_book_is_a_404_to_outsiders(client, trip):
    trip.visibility = "confidential"
    trip.save()
    outsider = UserFactory(username="outsider", roles=["secretary"])
    assert _get(client, outsider, trip, "briefing-book").status_code == 404


def test_the_book_and_report_pages_offer_only_their_own_document(client, trip, secretary):
    report.get_or_start(trip, secretary)
    client.force_login(secretary)
    menu = reverse("printing:print_menu", args=[trip.pk])
    html = client.get(menu, {"only": "report"}).content.decode()
    assert reverse("printing:document", args=[trip.pk, "report"]) in html
    assert reverse("printing:document", args=[trip.pk, "itinerary"]) not in html
    book_page = client.get(reverse("briefings:book", args=[trip.pk])).content.decode()
    assert f"{menu}?only=briefing-book" in book_page
