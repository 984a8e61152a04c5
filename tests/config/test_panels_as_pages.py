"""A panel a trip's page loads by URL is, opened directly (a new tab, a bookmark, a reload),
a page of its own under the trip's name; fetched in place, the panel alone."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import ItineraryItemFactory

HTMX = {"HTTP_HX_REQUEST": "true"}


def panels(trip, travel) -> dict[str, str]:
    return {
        "print menu": reverse("printing:print_menu", args=[trip.pk]),
        "follow-up panel": reverse("followups:trip_panel", args=[trip.pk]),
        "cars of a travel item": reverse("logistics:item_cars", args=[trip.pk, travel.pk]),
    }


@pytest.fixture
def travel(office_trip):
    return ItineraryItemFactory(trip=office_trip, kind="travel", title="To the plant")


@pytest.mark.parametrize("name", ["print menu", "follow-up panel", "cars of a travel item"])
def test_opened_directly_a_panel_is_a_page_under_the_trips_name(
    client, secretary, office_trip, travel, name
):
    client.force_login(secretary)
    page = client.get(panels(office_trip, travel)[name]).content.decode()
    assert page.startswith("<!doctype html>")
    assert 'rel="icon"' in page
    assert f'<a href="{office_trip.get_absolute_url()}">{office_trip.title}</a>' in page


@pytest.mark.parametrize("name", ["print menu", "follow-up panel", "cars of a travel item"])
def test_fetched_in_place_a_panel_is_the_panel_alone(client, secretary, office_trip, travel, name):
    client.force_login(secretary)
    panel = client.get(panels(office_trip, travel)[name], **HTMX).content.decode()
    assert "<html" not in panel
    assert f'<a href="{office_trip.get_absolute_url()}">{office_trip.title}</a>' not in panel


def test_the_download_log_opened_directly_is_a_page(client, secretary, confidential_trip):
    client.force_login(secretary)
    page = client.get(reverse("printing:download_log", args=[confidential_trip.pk]))
    assert page.content.decode().startswith("<!doctype html>")
    assert "Downloads of printed documents" in page.content.decode()


def test_a_panel_of_a_confidential_trip_is_404_to_an_outsider(client, outsider, confidential_trip):
    client.force_login(outsider)
    url = reverse("printing:print_menu", args=[confidential_trip.pk])
    assert client.get(url).status_code == 404
