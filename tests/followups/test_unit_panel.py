"""A host unit's follow-up items across the trips (followups:unit_panel), loaded by its
directory page: only trips the reader may see; the status, overdue and the answer shown;
a fixed number of queries."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from followups.models import FollowUp
from tests.factories import HostUnitFactory, TripFactory
from tests.followups.item_setup import department, item

pytestmark = pytest.mark.django_db


@pytest.fixture
def unit(db):
    return HostUnitFactory(name="Riverside township")


@pytest.fixture
def dept(db):
    return department()[0]


def panel(client, user, unit, htmx: bool = True) -> str:
    client.force_login(user)
    url = reverse("followups:unit_panel", args=[unit.pk])
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    response = client.get(url, **headers)
    assert response.status_code == 200
    return response.content.decode()


def test_the_directory_page_loads_the_panel_by_url_with_a_fallback_link(client, staff, unit):
    client.force_login(staff)
    html = client.get(unit.get_absolute_url()).content.decode()
    url = reverse("followups:unit_panel", args=[unit.pk])
    assert f'hx-get="{url}" hx-trigger="load"' in html
    assert f'<a href="{url}">' in html


def test_the_panel_lists_the_units_items_across_trips(client, staff, secretary, unit, dept):
    first, second = TripFactory(title="Spring visit"), TripFactory(title="Autumn visit")
    item(first, secretary, dept, host_unit=unit, title="Fix the village pump")
    item(second, secretary, dept, host_unit=unit, title="Pave the school road")
    item(second, secretary, dept, host_unit=HostUnitFactory(), title="Another unit's")
    html = panel(client, staff, unit)
    assert "Fix the village pump" in html and "Spring visit" in html
    assert "Pave the school road" in html and "Autumn visit" in html
    assert "Another unit's" not in html
    assert "Water bureau" in html
    assert "<html" not in html


def test_the_panel_marks_overdue_and_shows_the_answer_and_the_reason(
    client, staff, secretary, office_trip, unit, dept
):
    late = item(office_trip, secretary, dept, host_unit=unit, title="Late one")
    late.due_date = dt.date(2020, 1, 1)
    late.save()
    item(
        office_trip,
        secretary,
        dept,
        host_unit=unit,
        title="Kept one",
        status=FollowUp.Status.DONE,
        answer="The pump runs again.",
    )
    item(
        office_trip,
        secretary,
        dept,
        host_unit=unit,
        title="Impossible one",
        status=FollowUp.Status.CANNOT,
        reason="No budget.",
    )
    html = panel(client, staff, unit)
    assert '<tr class="followup overdue">' in html
    assert '<span class="badge bad">Overdue</span>' in html
    assert "The pump runs again." in html and "No budget." in html
    assert html.index("Late one") < html.index("Kept one") < html.index("Impossible one")


def test_a_confidential_trips_items_are_hidden_from_outsiders(
    client, outsider, staff, secretary, confidential_trip, unit, dept
):
    item(confidential_trip, secretary, dept, host_unit=unit, title="Merge the utilities")
    html = panel(client, outsider, unit)
    assert "Merge the utilities" not in html
    assert confidential_trip.title not in html
    assert "No follow-up items concern this unit" in html
    assert "Merge the utilities" in panel(client, staff, unit)


def test_without_htmx_the_panel_is_a_page(client, staff, unit):
    html = panel(client, staff, unit, htmx=False)
    assert "<html" in html and unit.get_absolute_url() in html


def test_the_panel_queries_do_not_grow_with_items(
    client, staff, secretary, unit, dept, django_assert_num_queries
):
    item(TripFactory(), secretary, dept, host_unit=unit)
    client.force_login(staff)
    url = reverse("followups:unit_panel", args=[unit.pk])
    # Session, user, roles; the unit; its items with their trips and departments; co-owners.
    with django_assert_num_queries(6):
        client.get(url, HTTP_HX_REQUEST="true")
    for trip in TripFactory.create_batch(5):
        for n in range(4):
            item(trip, secretary, department(f"Bureau {trip.pk}-{n}")[0], host_unit=unit)
    with django_assert_num_queries(6):
        client.get(url, HTTP_HX_REQUEST="true")
