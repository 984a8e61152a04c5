"""The admin for the trips app: every page loads for an administrator, with real data in it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from directory.models import Contact, Department, HostUnit
from tests.factories import ContactFactory, DepartmentFactory, ItineraryItemFactory
from trips.models import ItineraryItem, Trip, TripMember

pytestmark = pytest.mark.django_db

MODELS = [Trip, TripMember, HostUnit, Contact, Department, ItineraryItem]


@pytest.fixture
def data(office_trip, confidential_trip):
    """A bit of everything, so that list columns and inlines have something to show."""
    # A unit's name no other row's fields contain (a sequence number could be in a phone).
    contact = ContactFactory(host_unit__name="Qingshan county government")
    item = ItineraryItemFactory(trip=office_trip, host_unit=contact.host_unit)
    item.contacts.add(contact)
    ItineraryItemFactory(trip=confidential_trip)
    return {
        Trip: office_trip,
        TripMember: office_trip.members.first(),
        HostUnit: contact.host_unit,
        Contact: contact,
        Department: DepartmentFactory(contacts=[contact]),
        ItineraryItem: item,
    }


def admin_url(model, view: str, *args) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_changelist_loads(admin_client, data, model):
    assert admin_client.get(admin_url(model, "changelist")).status_code == 200


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_changelist_search_loads(admin_client, data, model):
    response = admin_client.get(admin_url(model, "changelist"), {"q": "water"})
    assert response.status_code == 200


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_add_page_loads(admin_client, data, model):
    assert admin_client.get(admin_url(model, "add")).status_code == 200


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_change_page_loads(admin_client, data, model):
    assert admin_client.get(admin_url(model, "change", data[model].pk)).status_code == 200


def test_host_unit_list_counts_contacts(admin_client, data):
    ContactFactory(host_unit=data[HostUnit])
    response = admin_client.get(admin_url(HostUnit, "changelist"))
    assert [unit.contact_count for unit in response.context["cl"].result_list] == [2]


def test_contact_search_finds_by_host_unit_name(admin_client, data):
    ContactFactory(name="Somebody Else")
    unit_name = data[HostUnit].name
    response = admin_client.get(admin_url(Contact, "changelist"), {"q": unit_name})
    assert list(response.context["cl"].result_list) == [data[Contact]]


def test_contact_admin_keeps_the_phone_rule(admin_client, data):
    contact = data[Contact]
    response = admin_client.post(
        admin_url(Contact, "change", contact.pk),
        {"name": contact.name, "host_unit": contact.host_unit_id, "phone": "call me", "email": ""},
    )
    assert response.context["adminform"].form.errors["phone"] == [
        "Enter a phone number like +86 10 1234 5678."
    ]


def test_trip_added_in_admin_is_created_by_the_admin(admin_client, admin_user):
    form = admin_client.get(admin_url(Trip, "add")).context["adminform"].form
    defaults = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    inline_management = {
        f"{prefix}-{key}": value
        for prefix in ("members", "items")
        for key, value in {"TOTAL_FORMS": "0", "INITIAL_FORMS": "0"}.items()
    }
    response = admin_client.post(
        admin_url(Trip, "add"),
        {
            **defaults,
            "title": "Harvest inspection",
            "start_date": "2026-10-01",
            "end_date": "2026-10-02",
            **inline_management,
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Trip.objects.get(title="Harvest inspection").created_by == admin_user


def test_trip_list_queries_do_not_grow_with_trips(admin_client, django_assert_max_num_queries):
    from tests.factories import TripFactory

    TripFactory.create_batch(3)
    with django_assert_max_num_queries(12) as small:
        admin_client.get(admin_url(Trip, "changelist"))
    TripFactory.create_batch(27)
    with django_assert_max_num_queries(len(small.captured_queries)):
        admin_client.get(admin_url(Trip, "changelist"))


OUR_APPS = ("trips", "briefings", "outbox", "directory")


def test_every_model_of_ours_is_in_the_admin_or_an_inline():
    from django.apps import apps
    from django.contrib import admin

    inlines = {i.model for a in admin.site._registry.values() for i in a.inlines}
    missing = [
        m._meta.label
        for m in apps.get_models()
        if m._meta.app_label in OUR_APPS and m not in admin.site._registry and m not in inlines
    ]
    assert missing == []


def test_every_changelist_loads_with_the_demo_data(admin_client):
    from django.contrib import admin
    from django.core.management import call_command

    call_command("seed_demo")
    for model in admin.site._registry:
        if model._meta.app_label in OUR_APPS:
            url = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
            assert admin_client.get(url).status_code == 200, url
