"""Entering an item: the contact picker, and travel fields for travel items only."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from tests.factories import ContactFactory, HostUnitFactory, ItineraryItemFactory
from trips import itinerary
from trips.models import ItineraryItem, TripMember


def item_data(**changes) -> dict:
    data = {
        "start": "2026-12-07T09:00",
        "end": "2026-12-07T10:00",
        "kind": "site_visit",
        "title": "Water plant",
    }
    return {**data, **changes}


@pytest.fixture
def as_secretary(client, secretary):
    client.force_login(secretary)
    return client


def add_url(trip) -> str:
    return reverse("trips:item_create", args=[trip.pk])


def contacts_url(trip) -> str:
    return reverse("trips:item_contacts", args=[trip.pk])


def test_travel_fields_typed_on_a_visit_are_not_kept(as_secretary, office_trip):
    data = item_data(travel_mode="car", driver="Mr Li", origin="Hotel", destination="Plant")
    as_secretary.post(add_url(office_trip), data)
    item = ItineraryItem.objects.get(trip=office_trip)
    assert (item.travel_mode, item.driver, item.origin, item.destination) == ("", "", "", "")


def test_travel_fields_are_kept_on_travel(as_secretary, office_trip):
    data = item_data(kind="travel", travel_mode="car", driver="Mr Li", destination="Plant")
    as_secretary.post(add_url(office_trip), data)
    item = ItineraryItem.objects.get(trip=office_trip)
    assert (item.travel_mode, item.driver, item.destination) == ("car", "Mr Li", "Plant")


def test_travel_fields_are_grouped_for_the_script_to_show_by_kind(as_secretary, office_trip):
    page = as_secretary.get(add_url(office_trip)).content.decode()
    assert 'data-for-kinds="travel"' in page


def test_contact_picker_offers_the_host_units_contacts_not_the_whole_directory(
    as_secretary, office_trip
):
    plant, school = HostUnitFactory(name="Water plant"), HostUnitFactory(name="School")
    ContactFactory(name="Engineer Wu", host_unit=plant)
    ContactFactory(name="Headmaster Ma", host_unit=school)
    page = as_secretary.get(contacts_url(office_trip), {"host_unit": plant.pk}).content.decode()
    assert "Engineer Wu" in page
    assert "Headmaster Ma" not in page
    assert 'type="checkbox"' in page


def test_contact_search_finds_contacts_elsewhere(as_secretary, office_trip):
    plant, school = HostUnitFactory(name="Water plant"), HostUnitFactory(name="School")
    ContactFactory(name="Headmaster Ma", host_unit=school)
    page = as_secretary.get(
        contacts_url(office_trip), {"host_unit": plant.pk, "contact_search": "headm"}
    ).content.decode()
    assert "Headmaster Ma" in page


def test_chosen_contacts_stay_chosen_when_the_form_has_errors(as_secretary, office_trip):
    plant = HostUnitFactory(name="Water plant")
    wu = ContactFactory(name="Engineer Wu", host_unit=plant)
    ContactFactory(name="Headmaster Ma", host_unit=HostUnitFactory(name="School"))
    data = item_data(title="", host_unit=plant.pk, contacts=[wu.pk])
    page = as_secretary.post(add_url(office_trip), data).content.decode()
    assert f'value="{wu.pk}"' in page and "checked" in page
    assert "Headmaster Ma" not in page


def test_contact_picker_is_refused_to_a_member_who_may_only_read(client, staff, office_trip):
    client.force_login(staff)
    assert client.get(contacts_url(office_trip)).status_code == 403


def test_team_form_carries_an_empty_row_to_add_in_place(client, secretary, office_trip):
    client.force_login(secretary)
    page = client.get(reverse("trips:trip_edit", args=[office_trip.pk])).content.decode()
    assert '<template id="team-empty-row">' in page
    assert 'name="team-__prefix__-name"' in page
    assert 'data-add-row="team-empty-row"' in page


def test_rows_added_in_place_are_saved(client, secretary, office_trip):
    client.force_login(secretary)
    url = reverse("trips:trip_edit", args=[office_trip.pk])
    form = client.get(url).context["team"]
    data = {**form.management_form.initial}
    data = {f"team-{key}": value for key, value in data.items()}
    for member in form.forms:
        for name in member.fields:
            value = member[name].value()
            if value not in (None, ""):
                data[member.add_prefix(name)] = value
    total = len(form.forms)
    for index, name in enumerate(["Driver Zhao", "Escort Qian"], start=total):
        data[f"team-{index}-name"] = name
        data[f"team-{index}-role"] = "driver"
    data["team-TOTAL_FORMS"] = total + 2
    brief = client.get(url).context["form"]
    for name in brief.fields:
        value = brief[name].value()
        if value not in (None, ""):
            data[name] = value
    response = client.post(url, data)
    assert response.status_code == 302, response.context and response.context["team"].errors
    assert set(office_trip.members.values_list("name", flat=True)) >= {"Driver Zhao", "Escort Qian"}


# Who a new item is for, and whom it names at the host unit, before anything is ticked


def ticked(page: str, name: str) -> set[int]:
    """The values of the checked boxes of a field on a rendered page."""
    found = re.findall(rf'<input type="checkbox" name="{name}" value="(\d+)"[^>]*checked', page)
    return {int(pk) for pk in found}


def test_a_new_item_starts_with_the_leader_ticked(as_secretary, office_trip, leader):
    page = as_secretary.get(add_url(office_trip)).content.decode()
    assert ticked(page, "attendees") == {leader.pk}


def test_a_meal_or_a_journey_is_for_the_whole_party_with_an_account(
    office_trip, secretary, leader, staff
):
    TripMember.objects.create(trip=office_trip, name="Driver Zhao", role="driver")
    usual = itinerary.usual_attendees(office_trip)
    everyone = {secretary.pk, leader.pk, staff.pk}
    assert set(usual["meal"]) == set(usual["travel"]) == everyone
    assert usual["forum"] == [leader.pk]


def test_the_page_gives_its_script_the_attendees_of_each_kind(as_secretary, office_trip, leader):
    page = as_secretary.get(add_url(office_trip)).content.decode()
    assert "data-attendee-defaults=" in page
    assert f"&quot;site_visit&quot;: [{leader.pk}]" in page


def test_a_new_item_starts_with_those_on_the_last_saved_item_of_its_sort(
    as_secretary, office_trip, leader, staff
):
    visit = ItineraryItemFactory(trip=office_trip)
    visit.attendees.set([leader, staff])
    lunch = ItineraryItemFactory(trip=office_trip, kind="meal")
    lunch.attendees.set([leader])
    usual = itinerary.usual_attendees(office_trip)
    assert set(usual["site_visit"]) == {leader.pk, staff.pk}
    assert usual["meal"] == [leader.pk]
    page = as_secretary.get(add_url(office_trip)).content.decode()
    assert ticked(page, "attendees") == {leader.pk, staff.pk}


def test_an_item_edited_keeps_its_own_attendees(as_secretary, office_trip, staff):
    visit = ItineraryItemFactory(trip=office_trip)
    visit.attendees.set([staff])
    url = reverse("trips:item_edit", args=[office_trip.pk, visit.pk])
    page = as_secretary.get(url).content.decode()
    assert ticked(page, "attendees") == {staff.pk}
    assert "data-attendee-defaults=" not in page


def choose_unit(client, trip, **data) -> str:
    headers = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TRIGGER_NAME": "host_unit"}
    return client.get(contacts_url(trip), data, **headers).content.decode()


def test_choosing_a_host_unit_ticks_the_contacts_who_receive_its_notices(as_secretary, office_trip):
    plant = HostUnitFactory(name="Water plant")
    wu = ContactFactory(name="Engineer Wu", host_unit=plant, receives_notices=True)
    ContactFactory(name="Driver Sun", host_unit=plant, receives_notices=False)
    assert ticked(choose_unit(as_secretary, office_trip, host_unit=plant.pk), "contacts") == {wu.pk}


def test_a_unit_that_marks_nobody_for_its_notices_has_all_its_contacts_ticked(
    as_secretary, office_trip
):
    plant = HostUnitFactory(name="Water plant")
    wu = ContactFactory(host_unit=plant, receives_notices=False)
    sun = ContactFactory(host_unit=plant, receives_notices=False)
    page = choose_unit(as_secretary, office_trip, host_unit=plant.pk)
    assert ticked(page, "contacts") == {wu.pk, sun.pk}


def test_another_unit_chosen_drops_the_ticks_of_the_first(as_secretary, office_trip):
    plant, school = HostUnitFactory(name="Water plant"), HostUnitFactory(name="School")
    wu = ContactFactory(host_unit=plant, receives_notices=True)
    ma = ContactFactory(host_unit=school, receives_notices=True)
    page = choose_unit(as_secretary, office_trip, host_unit=school.pk, contacts=[wu.pk])
    assert ticked(page, "contacts") == {ma.pk}


def test_a_search_leaves_the_ticks_as_the_secretary_set_them(as_secretary, office_trip):
    plant = HostUnitFactory(name="Water plant")
    ContactFactory(host_unit=plant, receives_notices=True)
    headers = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TRIGGER_NAME": "contact_search"}
    data = {"host_unit": plant.pk, "contact_search": "wu"}
    page = as_secretary.get(contacts_url(office_trip), data, **headers).content.decode()
    assert ticked(page, "contacts") == set()
