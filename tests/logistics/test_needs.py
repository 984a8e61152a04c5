"""People's needs, the protocol register and the cars: for the team's eyes only."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from logistics.models import Gift, PersonalNeed, Vehicle
from tests.factories import UserFactory


def url(name: str, trip, *args) -> str:
    return reverse(f"logistics:{name}", args=[trip.pk, *args])


@pytest.fixture
def allergy(office_trip, leader):
    return PersonalNeed.objects.create(
        trip=office_trip, person=leader, dietary="No peanuts", medical="Carries an inhaler"
    )


# Who sees the needs


@pytest.mark.parametrize("member", ["secretary", "leader", "staff"])
def test_everyone_on_the_team_reads_the_needs(client, request, member, allergy, office_trip):
    client.force_login(request.getfixturevalue(member))
    response = client.get(url("needs", office_trip))
    assert response.status_code == 200
    assert "No peanuts" in response.content.decode()


def test_office_user_off_the_team_gets_404_even_on_an_office_trip(
    client, outsider, allergy, office_trip
):
    client.force_login(outsider)
    assert client.get(url("needs", office_trip)).status_code == 404


def test_office_user_off_the_team_sees_no_link_to_the_needs(client, outsider, office_trip):
    client.force_login(outsider)
    page = client.get(url("checklist", office_trip)).content.decode()
    assert url("needs", office_trip) not in page


def test_secretary_off_the_team_gets_404_too(client, allergy, office_trip):
    client.force_login(UserFactory(username="other-secretary", roles=["secretary"]))
    assert client.get(url("needs", office_trip)).status_code == 404
    assert client.get(url("need_edit", office_trip, allergy.pk)).status_code == 404


def test_outsider_gets_404_on_a_confidential_trip(client, outsider, confidential_trip):
    client.force_login(outsider)
    assert client.get(url("needs", confidential_trip)).status_code == 404


def test_account_without_office_role_gets_403(client, stranger, office_trip):
    client.force_login(stranger)
    assert client.get(url("needs", office_trip)).status_code == 403


def test_staff_on_the_team_reads_but_may_not_change_the_needs(client, staff, allergy, office_trip):
    client.force_login(staff)
    assert client.get(url("need_edit", office_trip, allergy.pk)).status_code == 403
    assert client.post(url("needs_delete", office_trip, "need", allergy.pk)).status_code == 403


# Needs


def test_secretary_records_a_persons_needs(client, secretary, staff, office_trip):
    client.force_login(secretary)
    data = {"person": staff.pk, "dietary": "Vegetarian", "medical": "", "notes": ""}
    response = client.post(url("need_create", office_trip), data)
    assert response.url == url("needs", office_trip)
    assert PersonalNeed.objects.get(trip=office_trip).dietary == "Vegetarian"


def test_needs_are_recorded_only_for_people_on_the_team(client, secretary, outsider, office_trip):
    client.force_login(secretary)
    data = {"person": outsider.pk, "dietary": "Vegetarian"}
    response = client.post(url("need_create", office_trip), data)
    assert "person" in response.context["form"].errors


def test_an_empty_needs_entry_is_refused(client, secretary, staff, office_trip):
    client.force_login(secretary)
    response = client.post(url("need_create", office_trip), {"person": staff.pk})
    assert response.context["form"].non_field_errors() == ["Write at least one need."]


def test_one_needs_entry_per_person(client, secretary, leader, allergy, office_trip):
    client.force_login(secretary)
    response = client.post(url("need_create", office_trip), {"person": leader.pk, "dietary": "x"})
    assert response.context["form"].errors["person"] == [
        "This person's needs are already recorded."
    ]
    assert PersonalNeed.objects.count() == 1


def test_secretary_deletes_a_needs_entry(client, secretary, allergy, office_trip):
    client.force_login(secretary)
    client.post(url("needs_delete", office_trip, "need", allergy.pk))
    assert not PersonalNeed.objects.exists()


# Gifts: the protocol register


def gift_data(**changes) -> dict:
    data = {
        "date": "2026-12-07",
        "direction": "received",
        "counterpart": "Riverside township",
        "item": "Tea set",
        "value_estimate": "300",
        "currency": "cny",
        "notes": "Handed to the office on return.",
    }
    return {**data, **changes}


def test_secretary_records_a_gift_received(client, secretary, office_trip):
    client.force_login(secretary)
    client.post(url("gift_create", office_trip), gift_data())
    gift = Gift.objects.get()
    assert (gift.date, gift.direction, gift.item, gift.value_estimate, gift.currency) == (
        dt.date(2026, 12, 7),
        "received",
        "Tea set",
        Decimal("300"),
        "CNY",
    )
    assert gift.recorded_by == secretary


def test_a_negative_value_is_refused_and_the_input_kept(client, secretary, office_trip):
    client.force_login(secretary)
    response = client.post(url("gift_create", office_trip), gift_data(value_estimate="-5"))
    assert response.context["form"].errors["value_estimate"] == ["A value cannot be negative."]
    assert 'value="Tea set"' in response.content.decode()


def test_the_register_lists_gifts_in_date_order(client, secretary, office_trip):
    client.force_login(secretary)
    client.post(url("gift_create", office_trip), gift_data(date="2026-12-08", item="Book"))
    client.post(url("gift_create", office_trip), gift_data(date="2026-12-07", item="Scarf"))
    page = client.get(url("needs", office_trip)).content.decode()
    assert page.index("Scarf") < page.index("Book")


# Cars


def car_data(*passengers, **changes) -> dict:
    data = {
        "name": "Car 1",
        "plate": "京A 12345",
        "driver": "Mr Zhou",
        "driver_phone": "+86 138 0000 1234",
        "passengers": [p.pk for p in passengers],
    }
    return {**data, **changes}


def test_secretary_allocates_people_to_a_car_with_its_driver(
    client, secretary, leader, office_trip
):
    client.force_login(secretary)
    client.post(url("vehicle_create", office_trip), car_data(leader, secretary))
    car = Vehicle.objects.get()
    assert (car.driver, car.driver_phone) == ("Mr Zhou", "+86 138 0000 1234")
    assert set(car.passengers.all()) == {leader, secretary}


def test_a_person_moved_to_another_car_leaves_the_first(client, secretary, staff, office_trip):
    client.force_login(secretary)
    client.post(url("vehicle_create", office_trip), car_data(staff))
    client.post(url("vehicle_create", office_trip), car_data(staff, name="Car 2"))
    assert list(Vehicle.objects.get(name="Car 1").passengers.all()) == []
    assert list(Vehicle.objects.get(name="Car 2").passengers.all()) == [staff]


def test_the_page_says_who_is_in_no_car(client, secretary, leader, office_trip):
    client.force_login(secretary)
    client.post(url("vehicle_create", office_trip), car_data(leader, secretary))
    response = client.get(url("needs", office_trip))
    assert [person.username for person in response.context["unseated"]] == ["staff"]


def test_a_drivers_phone_must_read_as_a_phone_number(client, secretary, office_trip):
    client.force_login(secretary)
    response = client.post(url("vehicle_create", office_trip), car_data(driver_phone="soon"))
    assert "driver_phone" in response.context["form"].errors
    assert not Vehicle.objects.exists()


def test_passengers_come_from_the_team(client, secretary, outsider, office_trip):
    client.force_login(secretary)
    response = client.post(url("vehicle_create", office_trip), car_data(outsider))
    assert "passengers" in response.context["form"].errors


def test_needs_page_queries_do_not_grow_with_entries(
    client, secretary, leader, staff, office_trip, django_assert_num_queries
):
    client.force_login(secretary)

    def fill(count: int) -> None:
        for i in range(count):
            client.post(url("gift_create", office_trip), gift_data(item=f"Gift {i}"))
            client.post(url("vehicle_create", office_trip), car_data(name=f"Car {i}"))

    fill(2)
    PersonalNeed.objects.create(trip=office_trip, person=staff, dietary="Halal")
    # The trip, its party (with accounts and profiles); needs, gifts, cars, their passengers.
    with django_assert_num_queries(3 + 6):
        client.get(url("needs", office_trip))
    fill(20)
    with django_assert_num_queries(3 + 6):
        client.get(url("needs", office_trip))
