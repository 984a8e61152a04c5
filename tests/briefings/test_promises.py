"""What was promised before: open follow-ups from earlier visits, once followups has them."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.urls import reverse

from briefings import book
from tests.factories import HostUnitFactory, ItineraryItemFactory

pytestmark = pytest.mark.django_db


@dataclass
class Promise:
    """What followups.FollowUp.objects.open_promises() must yield (see briefings/book.py)."""

    host_unit_id: int
    text: str

    def __str__(self) -> str:
        return self.text

    def get_absolute_url(self) -> str:
        return "/follow-ups/1/"


def fake_open_promises(calls: list):
    """Stands in for FollowUp.objects.open_promises until the followups app has it."""

    def open_promises(unit_ids, user, exclude_trip=None):
        calls.append((list(unit_ids), user, exclude_trip))
        return [Promise(pk, "Repair the school roof before winter") for pk in unit_ids]

    return open_promises


def test_earlier_promises_is_empty_while_followups_has_no_followup_model(secretary):
    assert book.earlier_promises(HostUnitFactory(), secretary) == []


def test_the_unit_page_lists_open_promises_once_followups_provides_them(
    client, secretary, monkeypatch
):
    monkeypatch.setattr(book, "open_promises", fake_open_promises([]))
    client.force_login(secretary)
    html = client.get(reverse("briefings:unit", args=[HostUnitFactory().pk])).content.decode()
    assert '<a href="/follow-ups/1/">Repair the school roof before winter</a>' in html


def test_the_book_asks_for_promises_of_earlier_visits_only(
    client, office_trip, secretary, monkeypatch
):
    calls: list = []
    monkeypatch.setattr(book, "open_promises", fake_open_promises(calls))
    unit = HostUnitFactory()
    ItineraryItemFactory(trip=office_trip, host_unit=unit)
    client.force_login(secretary)
    html = client.get(reverse("briefings:book", args=[office_trip.pk])).content.decode()
    assert calls == [([unit.pk], secretary, office_trip)]
    assert "Repair the school roof before winter" in html
