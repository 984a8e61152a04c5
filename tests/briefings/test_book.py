"""The briefing book: every stop in itinerary order with its material; unverified facts marked."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse

from briefings import book
from tests.briefings.factories import BriefingFactory, FigureFactory, PersonFactory
from tests.factories import HostUnitFactory, ItineraryItemFactory, TripFactory, at

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)


def book_html(client, user, trip) -> str:
    client.force_login(user)
    return client.get(reverse("briefings:book", args=[trip.pk])).content.decode()


def card(html: str, anchor: str) -> str:
    """The opening tag and content of one fact's card, by its anchor."""
    match = re.search(rf'<article class="([^"]*)" id="{anchor}">(.*?)</article>', html, re.S)
    assert match, f"no card {anchor}"
    return match.group(0)


def test_an_unverified_figure_is_marked_in_the_book(client, office_trip, leader):
    unit = HostUnitFactory()
    ItineraryItemFactory(trip=office_trip, host_unit=unit)
    figure = FigureFactory(host_unit=unit)
    html = card(book_html(client, leader, office_trip), f"figure-{figure.pk}")
    assert 'class="fact figure unverified"' in html
    assert '<span class="badge warn unverified">unverified</span>' in html


def test_a_verified_figure_is_marked_verified_in_the_book(client, office_trip, leader, secretary):
    unit = HostUnitFactory()
    ItineraryItemFactory(trip=office_trip, host_unit=unit)
    figure = FigureFactory(host_unit=unit)
    figure.verify(secretary, NOW)
    html = card(book_html(client, leader, office_trip), f"figure-{figure.pk}")
    assert '<span class="badge ok verified">verified</span>' in html
    assert "Verified by Sue Li" in html


def test_an_unverified_figure_is_marked_on_the_unit_page(client, leader):
    figure = FigureFactory()
    client.force_login(leader)
    html = client.get(reverse("briefings:unit", args=[figure.host_unit_id])).content.decode()
    marked = card(html, f"figure-{figure.pk}")
    assert '<span class="badge warn unverified">unverified</span>' in marked


def test_every_figure_shows_its_source_and_hand(client, office_trip, leader):
    unit = HostUnitFactory()
    ItineraryItemFactory(trip=office_trip, host_unit=unit)
    figure = FigureFactory(host_unit=unit, source="Visit of 3 November", first_hand=True)
    html = card(book_html(client, leader, office_trip), f"figure-{figure.pk}")
    assert "First-hand" in html
    assert "Source: Visit of 3 November" in html


def test_the_unverified_list_links_to_each_unverified_fact(client, office_trip, leader, secretary):
    unit = HostUnitFactory()
    item = ItineraryItemFactory(trip=office_trip, host_unit=unit)
    unverified = [FigureFactory(host_unit=unit), BriefingFactory(host_unit=None, item=item)]
    verified = PersonFactory(host_unit=unit)
    verified.verify(secretary, NOW)
    html = book_html(client, leader, office_trip)
    listed = re.search(r'<section class="card unverified-list".*?</section>', html, re.S).group(0)
    assert re.findall(r'href="#([\w-]+)"', listed) == [f.anchor for f in unverified]


def test_the_book_follows_the_itinerary_order(client, office_trip, leader):
    day = office_trip.start_date
    later = ItineraryItemFactory(trip=office_trip, title="Afternoon forum", start=at(day, 15))
    earlier = ItineraryItemFactory(trip=office_trip, title="Morning visit", start=at(day, 9))
    html = book_html(client, leader, office_trip)
    assert html.index(f'id="item-{earlier.pk}"') < html.index(f'id="item-{later.pk}"')


def test_a_unit_visited_twice_has_its_material_once(client, office_trip, leader):
    unit = HostUnitFactory()
    ItineraryItemFactory(trip=office_trip, host_unit=unit, start=at(office_trip.start_date, 9))
    ItineraryItemFactory(trip=office_trip, host_unit=unit, start=at(office_trip.start_date, 15))
    figure = FigureFactory(host_unit=unit)
    assert book_html(client, leader, office_trip).count(f'id="figure-{figure.pk}"') == 1


def test_a_visits_own_material_is_shown_at_its_stop(client, office_trip, leader):
    item = ItineraryItemFactory(trip=office_trip)
    BriefingFactory(host_unit=None, item=item, body="Ask about the winter heating.")
    html = book_html(client, leader, office_trip)
    stop = re.search(rf'<section class="card stop" id="item-{item.pk}".*?</section>', html, re.S)
    assert "Ask about the winter heating." in stop.group(0)


def test_the_title_page_names_the_leader(client, office_trip, staff):
    assert "Lee Wang" in book_html(client, staff, office_trip)


def test_book_for_lists_unverified_facts_in_book_order(office_trip, staff):
    first, second = HostUnitFactory(), HostUnitFactory()
    ItineraryItemFactory(trip=office_trip, host_unit=second, start=at(office_trip.start_date, 14))
    ItineraryItemFactory(trip=office_trip, host_unit=first, start=at(office_trip.start_date, 9))
    late, early = FigureFactory(host_unit=second), FigureFactory(host_unit=first)
    unverified = [fact for fact, _stop in book.book_for(office_trip, staff).unverified()]
    assert unverified == [early, late]


@pytest.fixture
def trip_with_material(db, secretary, leader, staff):
    """A trip whose every item has a host unit and a visit with material of every kind."""

    def make(count: int):
        trip = TripFactory(team={secretary: "secretary", leader: "leader", staff: "staff"})
        for i in range(count):
            unit = HostUnitFactory()
            item = ItineraryItemFactory(
                trip=trip, host_unit=unit, start=at(trip.start_date, 7, i * 10), minutes=9
            )
            FigureFactory(host_unit=unit).verify(secretary, NOW)
            FigureFactory(host_unit=None, item=item)
            PersonFactory(host_unit=unit).verify(secretary, NOW)
            BriefingFactory(host_unit=unit)
            BriefingFactory(host_unit=None, item=item)
        return trip

    return make


def test_book_queries_do_not_grow_with_items(
    client, leader, trip_with_material, django_assert_num_queries
):
    small, large = trip_with_material(3), trip_with_material(30)
    client.force_login(leader)
    # Session, user, roles; the trip, its party (with accounts, profiles); the items, units;
    # sections, figures, attachments, people (with who verified them); earlier promises.
    with django_assert_num_queries(11):
        client.get(reverse("briefings:book", args=[small.pk]))
    with django_assert_num_queries(11):
        client.get(reverse("briefings:book", args=[large.pk]))
