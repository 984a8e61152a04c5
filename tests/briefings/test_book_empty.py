"""The briefing book says when it is empty; travel, meals and rest have no material block;
a verification records how the fact was checked."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.briefings.factories import FigureFactory
from tests.factories import HostUnitFactory, ItineraryItemFactory

pytestmark = pytest.mark.django_db


def book_html(client, user, trip) -> str:
    client.force_login(user)
    return client.get(reverse("briefings:book", args=[trip.pk])).content.decode()


def test_a_book_without_material_says_so_not_all_verified(client, office_trip, secretary):
    ItineraryItemFactory(trip=office_trip, host_unit=HostUnitFactory())
    html = book_html(client, secretary, office_trip)
    assert "There is no material in this book yet." in html
    assert "Every fact in this book is verified." not in html


def test_travel_has_no_material_link_in_the_book(client, office_trip, secretary):
    ItineraryItemFactory(trip=office_trip, kind="travel", travel_mode="car", title="To the plant")
    html = book_html(client, secretary, office_trip)
    assert "To the plant" in html
    assert "Material for this visit" not in html


def test_verifying_records_how(client, office_trip, secretary):
    unit = HostUnitFactory()
    ItineraryItemFactory(trip=office_trip, host_unit=unit)
    figure = FigureFactory(host_unit=unit)
    client.force_login(secretary)
    url = reverse("briefings:verify", args=[figure.kind, figure.pk])
    client.post(url, {"seen": figure.content_digest(), "how": "phone"})
    figure.refresh_from_db()
    assert (figure.verified_by, figure.verified_how) == (secretary, "phone")
    assert "(by phone)" in book_html(client, secretary, office_trip)
