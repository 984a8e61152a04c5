"""Who reads and who edits briefings: host-unit material for the office, a visit's for its trip."""

from __future__ import annotations

import pytest
from django.urls import reverse

from briefings.models import Briefing
from tests.briefings.factories import BriefingFactory, FigureFactory
from tests.factories import HostUnitFactory, ItineraryItemFactory, UserFactory

pytestmark = pytest.mark.django_db


def book_url(trip) -> str:
    return reverse("briefings:book", args=[trip.pk])


def test_outsider_gets_404_for_a_confidential_trips_book(client, confidential_trip, outsider):
    client.force_login(outsider)
    assert client.get(book_url(confidential_trip)).status_code == 404


def test_team_staff_read_a_confidential_trips_book(client, confidential_trip, staff):
    client.force_login(staff)
    assert client.get(book_url(confidential_trip)).status_code == 200


def test_office_staff_read_an_office_trips_book(client, office_trip, outsider):
    client.force_login(outsider)
    assert client.get(book_url(office_trip)).status_code == 200


def test_an_account_without_an_office_role_gets_403_for_a_book(client, office_trip, stranger):
    client.force_login(stranger)
    assert client.get(book_url(office_trip)).status_code == 403


def test_anonymous_visitors_are_sent_to_log_in_for_a_book(client, office_trip):
    assert client.get(book_url(office_trip))["Location"].startswith(reverse("login"))


def test_outsider_gets_404_for_a_confidential_visits_briefing(client, confidential_trip, outsider):
    item = ItineraryItemFactory(trip=confidential_trip)
    client.force_login(outsider)
    url = reverse("briefings:item", args=[confidential_trip.pk, item.pk])
    assert client.get(url).status_code == 404


def test_staff_on_the_team_cannot_add_to_a_visit(client, office_trip, staff):
    item = ItineraryItemFactory(trip=office_trip)
    client.force_login(staff)
    url = reverse("briefings:item_add", args=[office_trip.pk, item.pk, "figure"])
    assert client.get(url).status_code == 403


def test_staff_cannot_add_to_a_host_unit(client, staff):
    client.force_login(staff)
    url = reverse("briefings:unit_add", args=[HostUnitFactory().pk, "figure"])
    assert client.get(url).status_code == 403


def test_staff_cannot_mark_a_fact_verified(client, staff):
    figure = FigureFactory()
    client.force_login(staff)
    assert client.post(reverse("briefings:verify", args=["figure", figure.pk])).status_code == 403
    figure.refresh_from_db()
    assert not figure.is_verified


def test_any_secretary_adds_to_a_host_unit(client, db):
    client.force_login(UserFactory(roles=["secretary"]))
    url = reverse("briefings:unit_add", args=[HostUnitFactory().pk, "figure"])
    assert client.get(url).status_code == 200


def test_a_secretary_off_the_team_cannot_edit_a_visits_material(client, office_trip):
    figure = FigureFactory(host_unit=None, item=ItineraryItemFactory(trip=office_trip))
    client.force_login(UserFactory(roles=["secretary"]))
    assert client.get(reverse("briefings:edit", args=["figure", figure.pk])).status_code == 403


def test_a_secretary_off_the_team_gets_404_for_a_confidential_visits_material(
    client, confidential_trip
):
    figure = FigureFactory(host_unit=None, item=ItineraryItemFactory(trip=confidential_trip))
    client.force_login(UserFactory(roles=["secretary"]))
    assert client.get(reverse("briefings:edit", args=["figure", figure.pk])).status_code == 404


def test_the_trips_secretary_edits_a_visits_material(client, office_trip, secretary):
    figure = FigureFactory(host_unit=None, item=ItineraryItemFactory(trip=office_trip))
    client.force_login(secretary)
    assert client.get(reverse("briefings:edit", args=["figure", figure.pk])).status_code == 200


def test_people_cannot_be_added_to_a_visit(client, office_trip, secretary):
    item = ItineraryItemFactory(trip=office_trip)
    client.force_login(secretary)
    url = reverse("briefings:item_add", args=[office_trip.pk, item.pk, "person"])
    assert client.get(url).status_code == 404


def test_staff_do_not_see_sensitive_matters(client, staff):
    section = BriefingFactory(topic=Briefing.Topic.SENSITIVE, body="The merger is undecided.")
    client.force_login(staff)
    response = client.get(reverse("briefings:unit", args=[section.host_unit_id]))
    assert "The merger is undecided." not in response.content.decode()


def test_leaders_see_sensitive_matters(client, leader):
    section = BriefingFactory(topic=Briefing.Topic.SENSITIVE, body="The merger is undecided.")
    client.force_login(leader)
    response = client.get(reverse("briefings:unit", args=[section.host_unit_id]))
    assert "The merger is undecided." in response.content.decode()


def test_staff_do_not_see_sensitive_matters_in_the_book(client, office_trip, staff):
    item = ItineraryItemFactory(trip=office_trip)
    BriefingFactory(
        host_unit=None, item=item, topic=Briefing.Topic.SENSITIVE, body="Undecided opinion."
    )
    client.force_login(staff)
    assert "Undecided opinion." not in client.get(book_url(office_trip)).content.decode()


def test_staff_get_404_for_a_sensitive_sections_address(client, staff):
    section = BriefingFactory(topic=Briefing.Topic.SENSITIVE)
    client.force_login(staff)
    assert client.get(reverse("briefings:edit", args=["section", section.pk])).status_code == 404


# The access module with a user alone: what a background job (a PDF render) gets.


def test_material_of_a_confidential_trip_is_404_to_an_outsider_without_a_request(
    confidential_trip, outsider
):
    from django.http import Http404

    from briefings import access

    item = ItineraryItemFactory(trip=confidential_trip)
    fact = FigureFactory(item=item, host_unit=None)
    with pytest.raises(Http404):
        access.material_for(outsider, type(fact), fact.pk)


def test_staff_may_not_edit_unit_material_without_a_request(staff):
    from django.core.exceptions import PermissionDenied

    from briefings import access

    with pytest.raises(PermissionDenied):
        access.unit_for(staff, HostUnitFactory().pk, edit=True)


def test_the_team_reads_a_visits_material_without_a_request(confidential_trip, staff):
    from briefings import access

    item = ItineraryItemFactory(trip=confidential_trip)
    assert access.item_for(staff, confidential_trip.pk, item.pk) == item
