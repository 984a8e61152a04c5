# ruff: noqa: RUF001  (Chinese text is written with full-width punctuation)
"""The cars serving a trip's travel items: chosen on the car's form, shown on the item card."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from logistics.models import Vehicle
from tests.factories import ItineraryItemFactory, TripFactory, at
from trips.models import Trip

pytestmark = pytest.mark.django_db


def url(name: str, trip, *args) -> str:
    return reverse(f"logistics:{name}", args=[trip.pk, *args])


def car_data(*travel_items, **changes) -> dict:
    data = {
        "name": "Car 1",
        "plate": "京A 12345",
        "driver": "Mr Zhou",
        "driver_phone": "+86 138 0000 1234",
        "travel_items": [item.pk for item in travel_items],
    }
    return {**data, **changes}


def travel(trip, **fields):
    return ItineraryItemFactory(trip=trip, kind="travel", travel_mode="car", **fields)


def test_a_car_serves_the_trips_travel_items(client, secretary, office_trip):
    there, back = travel(office_trip, title="To the plant"), travel(office_trip, title="Back")
    client.force_login(secretary)
    client.post(url("vehicle_create", office_trip), car_data(there, back))
    assert set(Vehicle.objects.get().travel_items.all()) == {there, back}


def test_the_car_form_offers_only_the_trips_travel_items(client, secretary, office_trip):
    mine = travel(office_trip, title="To the plant")
    ItineraryItemFactory(trip=office_trip, kind="site_visit", title="The plant")
    travel(TripFactory(), title="Someone else's ride")
    client.force_login(secretary)
    field = client.get(url("vehicle_create", office_trip)).context["form"]["travel_items"]
    assert [choice.data["value"].value for choice in field] == [mine.pk]


def test_another_trips_travel_item_is_refused_beside_the_field(client, secretary, office_trip):
    elsewhere = travel(TripFactory())
    client.force_login(secretary)
    response = client.post(url("vehicle_create", office_trip), car_data(elsewhere))
    assert response.context["form"].errors["travel_items"] == [
        "Choose among this trip's travel items."
    ]
    assert not Vehicle.objects.exists()


def test_the_travel_item_card_loads_its_cars_from_logistics(client, secretary, office_trip):
    ride, visit = travel(office_trip), ItineraryItemFactory(trip=office_trip)
    client.force_login(secretary)
    page = client.get(office_trip.get_absolute_url()).content.decode()
    assert f'hx-get="{url("item_cars", office_trip, ride.pk)}"' in page
    assert url("item_cars", office_trip, visit.pk) not in page


def test_the_item_card_loads_no_cars_for_someone_off_the_team(client, outsider, office_trip):
    ride = travel(office_trip)
    client.force_login(outsider)
    page = client.get(office_trip.get_absolute_url()).content.decode()
    assert url("item_cars", office_trip, ride.pk) not in page
    assert client.get(url("item_cars", office_trip, ride.pk)).status_code == 404


def test_the_cars_panel_names_the_car_and_its_driver(client, staff, office_trip):
    ride = travel(office_trip)
    car = Vehicle.objects.create(
        trip=office_trip, name="Minibus", plate="湘A·12345", driver="Mr Wang", driver_phone="139"
    )
    car.travel_items.add(ride)
    client.force_login(staff)
    panel = client.get(url("item_cars", office_trip, ride.pk)).content.decode()
    for text in ("Minibus", "湘A·12345", "Mr Wang", 'href="tel:139"'):
        assert text in panel


def test_the_cars_panel_is_empty_when_no_car_serves_the_item(client, staff, office_trip):
    ride = travel(office_trip)
    Vehicle.objects.create(trip=office_trip, name="Minibus", driver="Mr Wang", driver_phone="139")
    client.force_login(staff)
    response = client.get(url("item_cars", office_trip, ride.pk), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert response.content.decode().strip() == ""


def car_leg_labels(client, trip, language: str) -> list[str]:
    page = client.get(url("vehicle_create", trip), HTTP_ACCEPT_LANGUAGE=language)
    return [choice.data["label"] for choice in page.context["form"]["travel_items"]]


def test_a_car_leg_is_named_by_its_title_then_the_offices_date(client, secretary, office_trip):
    day = dt.date(2027, 1, 11)
    Trip.objects.filter(pk=office_trip.pk).update(start_date=day, end_date=day)
    travel(
        office_trip,
        title="乘车赴青山县",
        start=at(day, 8),
        origin="省政府",
        destination="青山县人民政府",
    )
    client.force_login(secretary)
    assert car_leg_labels(client, office_trip, "zh-hans") == [
        "乘车赴青山县（1月11日（星期一）08:00，省政府 → 青山县人民政府）"
    ]
    assert car_leg_labels(client, office_trip, "en") == [
        "乘车赴青山县 (Monday 11 January, 08:00, 省政府 → 青山县人民政府)"
    ]
