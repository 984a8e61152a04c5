"""The itinerary: items added, edited, deleted and duplicated in place, in time order, by day."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
from django.urls import reverse

from directory.models import Contact
from tests.factories import (
    ContactFactory,
    HostUnitFactory,
    ItineraryItemFactory,
    TripFactory,
    UserFactory,
    at,
)
from trips import itinerary
from trips.models import ItineraryItem

HTMX = {"HTTP_HX_REQUEST": "true"}
BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
TO = "\N{EN DASH}"  # between the start and the end of an item


def item_data(**changes) -> dict:
    """A valid item form, as typed: times on the trip's clock (datetime-local)."""
    data = {
        "start": "2026-12-07T09:00",
        "end": "2026-12-07T10:00",
        "kind": "site_visit",
        "title": "Water plant",
        "place": "Plant No. 1",
    }
    return {**data, **changes}


def add_url(trip) -> str:
    return reverse("trips:item_create", args=[trip.pk])


def edit_url(item) -> str:
    return reverse("trips:item_edit", args=[item.trip_id, item.pk])


@pytest.fixture
def as_secretary(client, secretary):
    client.force_login(secretary)
    return client


# Adding, with and without JavaScript


def test_item_added_without_javascript_redirects_to_the_trip(as_secretary, office_trip):
    response = as_secretary.post(add_url(office_trip), item_data())
    assert response.status_code == 302
    assert response.url == office_trip.get_absolute_url()
    assert office_trip.items.get().title == "Water plant"


def test_new_item_page_without_htmx_is_a_full_page(as_secretary, office_trip):
    response = as_secretary.get(add_url(office_trip))
    assert b"<html" in response.content
    assert b'name="start"' in response.content


def test_new_item_form_with_htmx_is_the_form_alone(as_secretary, office_trip):
    response = as_secretary.get(add_url(office_trip), **HTMX)
    assert response.status_code == 200
    assert b"<html" not in response.content
    assert b'name="start"' in response.content


def test_item_added_with_htmx_returns_the_itinerary_in_place_of_the_form(as_secretary, office_trip):
    response = as_secretary.post(add_url(office_trip), item_data(), **HTMX)
    assert response.status_code == 200
    assert b"<html" not in response.content
    assert b'id="itinerary"' in response.content
    assert b"Water plant" in response.content
    assert response["HX-Retarget"] == "#itinerary"
    assert response["HX-Reswap"] == "outerHTML"


def test_responses_vary_on_the_htmx_header(as_secretary, office_trip):
    response = as_secretary.get(add_url(office_trip), **HTMX)
    assert "HX-Request" in response["Vary"]


def test_trip_page_with_htmx_returns_the_itinerary_alone(as_secretary, office_trip):
    response = as_secretary.get(office_trip.get_absolute_url(), **HTMX)
    assert b'id="itinerary"' in response.content
    assert b"<html" not in response.content


def test_invalid_item_with_htmx_returns_the_form_with_errors_for_swapping(
    as_secretary, office_trip
):
    response = as_secretary.post(add_url(office_trip), item_data(title=""), **HTMX)
    # htmx does not swap 4xx answers by default: the form comes back with a 200.
    assert response.status_code == 200
    assert b"<html" not in response.content
    assert b'name="start"' in response.content
    assert b"This field is required." in response.content
    assert "HX-Retarget" not in response
    assert not office_trip.items.exists()


def test_new_item_form_suggests_the_time_after_the_last_item(as_secretary, office_trip):
    ItineraryItemFactory(trip=office_trip, start=at(office_trip.start_date, 9), minutes=90)
    response = as_secretary.get(add_url(office_trip))
    assert b'value="2026-12-07T10:30"' in response.content


# Validation: a message beside the field, the typed input kept


def test_end_before_start_is_refused_with_the_input_kept(as_secretary, office_trip):
    data = item_data(start="2026-12-07T11:00", end="2026-12-07T10:00", title="Forum at the plant")
    response = as_secretary.post(add_url(office_trip), data)
    assert response.status_code == 200
    assert response.context["form"].errors["end"] == ["The end cannot be before the start."]
    assert b'value="Forum at the plant"' in response.content
    assert b'value="2026-12-07T11:00"' in response.content


def test_item_outside_the_trips_dates_is_refused(as_secretary, office_trip):
    data = item_data(start="2026-12-10T09:00", end="2026-12-10T10:00")
    response = as_secretary.post(add_url(office_trip), data)
    assert "outside the trip's dates" in response.context["form"].errors["start"][0]
    assert b'value="2026-12-10T09:00"' in response.content


def test_travel_without_a_mode_is_refused(as_secretary, office_trip):
    response = as_secretary.post(add_url(office_trip), item_data(kind="travel"))
    assert response.context["form"].errors["travel_mode"] == ["Say how the party travels."]


def test_travel_fields_are_optional_for_other_items(as_secretary, office_trip):
    response = as_secretary.post(add_url(office_trip), item_data(kind="meal"))
    assert response.status_code == 302
    meal = office_trip.items.get()
    assert (meal.kind, meal.travel_mode) == ("meal", "")


def test_malformed_time_is_refused_with_the_input_kept(as_secretary, office_trip):
    response = as_secretary.post(add_url(office_trip), item_data(start="tomorrow-ish"))
    assert response.context["form"].errors["start"] == ["Enter a valid date/time."]
    assert b'value="tomorrow-ish"' in response.content


def test_contact_of_another_host_unit_is_refused_with_a_clear_message(as_secretary, office_trip):
    plant, school = HostUnitFactory(name="Water plant"), HostUnitFactory(name="School")
    headmaster = ContactFactory(name="Mr Ma", host_unit=school)
    data = item_data(host_unit=plant.pk, contacts=[headmaster.pk])
    response = as_secretary.post(add_url(office_trip), data)
    assert response.context["form"].errors["contacts"] == [
        "Not at Water plant: Mr Ma. Choose contacts of this host unit."
    ]


def test_contact_without_a_host_unit_chosen_is_refused(as_secretary, office_trip):
    headmaster = ContactFactory(name="Mr Ma")
    response = as_secretary.post(add_url(office_trip), item_data(contacts=[headmaster.pk]))
    assert "Choose the host unit of Mr Ma" in response.context["form"].errors["contacts"][0]


def test_office_department_contact_may_join_any_item(as_secretary, office_trip):
    plant = HostUnitFactory()
    driver = Contact.objects.create(name="Old Zhang", department="Motor pool")
    data = item_data(host_unit=plant.pk, contacts=[driver.pk])
    assert as_secretary.post(add_url(office_trip), data).status_code == 302
    assert list(office_trip.items.get().contacts.all()) == [driver]


def test_only_team_members_can_attend(as_secretary, office_trip, outsider):
    response = as_secretary.post(add_url(office_trip), item_data(attendees=[outsider.pk]))
    assert "attendees" in response.context["form"].errors


# Order and days


def test_items_added_out_of_order_land_in_time_order_grouped_by_day(as_secretary, office_trip):
    for title, start, end in [
        ("Forum", "2026-12-08T14:00", "2026-12-08T16:00"),
        ("Lunch", "2026-12-07T12:00", "2026-12-07T13:00"),
        ("Plant visit", "2026-12-07T09:00", "2026-12-07T11:00"),
    ]:
        as_secretary.post(add_url(office_trip), item_data(title=title, start=start, end=end))
    page = as_secretary.get(office_trip.get_absolute_url()).content.decode()
    order = [
        page.index(text)
        for text in ("Monday 7 December", "Plant visit", "Lunch", "Tuesday 8 December", "Forum")
    ]
    assert order == sorted(order)


def test_every_day_of_the_trip_is_shown_even_when_empty(office_trip):
    ItineraryItemFactory(trip=office_trip, start=at(office_trip.start_date, 9))
    days = itinerary.days(office_trip)
    assert [day.date for day in days] == [
        dt.date(2026, 12, 7),
        dt.date(2026, 12, 8),
        dt.date(2026, 12, 9),
    ]
    assert [len(day.slots) for day in days] == [1, 0, 0]


def test_item_left_outside_changed_trip_dates_still_shows(office_trip):
    stray = ItineraryItemFactory(trip=office_trip, start=at(dt.date(2026, 12, 12), 9))
    last_day = itinerary.days(office_trip)[-1]
    assert last_day.date == dt.date(2026, 12, 12)
    assert last_day.slots[0].item == stray


def test_item_belongs_to_its_day_on_the_trips_clock(db):
    # 23:30 in Berlin is already the next morning in the office (Asia/Shanghai).
    trip = TripFactory(time_zone="Europe/Berlin")
    ItineraryItemFactory(trip=trip, start=dt.datetime(2026, 12, 7, 23, 0, tzinfo=BERLIN))
    assert [len(day.slots) for day in itinerary.days(trip)] == [1, 0, 0]


# Time zones


@pytest.fixture
def berlin_trip(db, secretary):
    return TripFactory(
        title="Visit to Berlin", kind="overseas", time_zone="Europe/Berlin",
        team={secretary: "secretary"},
    )  # fmt: skip


def test_overseas_item_typed_in_local_time_is_stored_as_that_moment(as_secretary, berlin_trip):
    as_secretary.post(add_url(berlin_trip), item_data(start="2026-12-07T10:00"))
    assert berlin_trip.items.get().start == dt.datetime(2026, 12, 7, 9, 0, tzinfo=dt.UTC)


def test_overseas_item_shows_local_and_office_time(as_secretary, berlin_trip):
    ItineraryItemFactory(trip=berlin_trip, start=dt.datetime(2026, 12, 7, 10, 0, tzinfo=BERLIN))
    page = as_secretary.get(berlin_trip.get_absolute_url()).content.decode()
    assert f"10:00{TO}11:00" in page
    assert f"Office time 17:00{TO}18:00" in page


def test_home_trip_shows_no_office_time(as_secretary, office_trip):
    ItineraryItemFactory(trip=office_trip, start=at(office_trip.start_date, 10))
    page = as_secretary.get(office_trip.get_absolute_url()).content.decode()
    assert f"10:00{TO}11:00" in page
    assert "Office time" not in page


def test_edit_form_shows_times_on_the_trips_clock(as_secretary, berlin_trip):
    item = ItineraryItemFactory(
        trip=berlin_trip, start=dt.datetime(2026, 12, 7, 9, 0, tzinfo=dt.UTC)
    )
    response = as_secretary.get(edit_url(item))
    assert b'value="2026-12-07T10:00"' in response.content


# Editing, deleting, duplicating


def test_item_edited_with_htmx_is_saved_and_the_itinerary_returned(as_secretary, office_trip):
    item = ItineraryItemFactory(trip=office_trip, title="Old title")
    response = as_secretary.post(edit_url(item), item_data(title="New title"), **HTMX)
    item.refresh_from_db()
    assert item.title == "New title"
    assert b'id="itinerary"' in response.content
    assert b"New title" in response.content


def test_item_edit_with_htmx_get_returns_the_form_alone(as_secretary, office_trip):
    item = ItineraryItemFactory(trip=office_trip, title="Forum")
    response = as_secretary.get(edit_url(item), **HTMX)
    assert b"<html" not in response.content
    assert b'value="Forum"' in response.content


def test_item_deleted_with_htmx_disappears_from_the_itinerary(as_secretary, office_trip):
    item = ItineraryItemFactory(trip=office_trip, title="Cancelled visit")
    url = reverse("trips:item_delete", args=[office_trip.pk, item.pk])
    response = as_secretary.post(url, **HTMX)
    assert not ItineraryItem.objects.filter(pk=item.pk).exists()
    assert b'id="itinerary"' in response.content
    assert b"Cancelled visit" not in response.content


def test_delete_asks_for_confirmation(as_secretary, office_trip):
    ItineraryItemFactory(trip=office_trip)
    page = as_secretary.get(office_trip.get_absolute_url()).content.decode()
    assert 'hx-confirm="Delete this item?"' in page


def test_duplicate_copies_contacts_and_attendees(as_secretary, office_trip, leader, staff):
    item = ItineraryItemFactory(trip=office_trip, host_unit=HostUnitFactory())
    item.contacts.set(ContactFactory.create_batch(2, host_unit=item.host_unit))
    item.attendees.set([leader, staff])
    url = reverse("trips:item_duplicate", args=[office_trip.pk, item.pk])
    as_secretary.post(url, **HTMX)
    copy = office_trip.items.exclude(pk=item.pk).get()
    assert set(copy.contacts.all()) == set(item.contacts.all())
    assert set(copy.attendees.all()) == {leader, staff}
    assert (copy.start, copy.title) == (item.start, item.title)


def test_read_only_team_members_see_no_edit_controls(client, office_trip, leader):
    ItineraryItemFactory(trip=office_trip)
    client.force_login(leader)
    page = client.get(office_trip.get_absolute_url()).content.decode()
    assert "Add an item" not in page
    assert "item_delete" not in page and "/delete/" not in page


def test_secretary_on_the_team_sees_edit_controls(as_secretary, office_trip):
    ItineraryItemFactory(trip=office_trip)
    page = as_secretary.get(office_trip.get_absolute_url()).content.decode()
    assert "Add an item" in page
    assert "/delete/" in page


def test_item_shows_what_the_secretary_needs_to_know(as_secretary, office_trip, staff):
    unit = HostUnitFactory(name="Township office")
    item = ItineraryItemFactory(
        trip=office_trip, kind="travel", travel_mode="car", driver="Old Li",
        origin="Hotel", destination="Township", host_unit=unit,
        host_preparation="A map of the villages", fallback_plan="Take the train if it snows",
    )  # fmt: skip
    item.contacts.add(ContactFactory(name="Mayor Hu", host_unit=unit))
    item.attendees.add(staff)
    page = as_secretary.get(office_trip.get_absolute_url()).content.decode()
    for text in (
        "Township office", "Mayor Hu", "Sam Zhao", "A map of the villages",
        "Old Li", "Hotel → Township", "Take the train if it snows",
    ):  # fmt: skip
        assert text in page


def test_attendee_choices_are_the_team_only(as_secretary, office_trip):
    UserFactory(username="nobody", first_name="No", last_name="Body", roles=["staff"])
    response = as_secretary.get(add_url(office_trip))
    assert b"No Body" not in response.content
