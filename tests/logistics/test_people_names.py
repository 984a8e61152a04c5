"""Logistics pages name people as the office writes them, with titles, in protocol order."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.models import Profile
from logistics import checklists
from logistics.models import ChecklistItem, PersonalNeed, Vehicle

pytestmark = pytest.mark.django_db


def url(name: str, *args) -> str:
    return reverse(name, args=args)


def named(user, name: str, title: str, rank: int | None = None) -> None:
    changes = {"name_en": name, "title_en": title}
    if rank is not None:
        changes["protocol_rank"] = rank
    Profile.objects.filter(user=user).update(**changes)


@pytest.fixture
def names(secretary, leader, staff):
    named(leader, "Wang Wei", "Vice Governor")
    named(secretary, "Li Na", "Secretary")
    named(staff, "Zhao Qiang", "Director")


def test_the_needs_page_lists_people_by_rank_with_titles(
    client, secretary, leader, staff, office_trip
):
    named(staff, "Zhao Qiang", "Director", rank=1)  # ahead of the leader, against name order
    named(leader, "Wang Wei", "Vice Governor", rank=5)
    PersonalNeed.objects.create(trip=office_trip, person=leader, dietary="No peanuts")
    PersonalNeed.objects.create(trip=office_trip, person=staff, dietary="Halal")
    client.force_login(secretary)
    page = client.get(url("logistics:needs", office_trip.pk)).content.decode()
    assert page.index("Zhao Qiang (Director)") < page.index("Wang Wei (Vice Governor)")
    assert "Sam Zhao" not in page and "Lee Wang" not in page


def test_the_needs_page_names_passengers_and_people_in_no_car(
    client, names, secretary, leader, staff, office_trip
):
    car = Vehicle.objects.create(trip=office_trip, name="Car 1", driver="Mr Zhou", driver_phone="1")
    checklists.allocate(car, [staff, leader])
    client.force_login(secretary)
    page = client.get(url("logistics:needs", office_trip.pk)).content.decode()
    passengers = page[page.index("Car 1") :]
    assert passengers.index("Wang Wei (Vice Governor)") < passengers.index("Zhao Qiang (Director)")
    in_no_car = page[page.index("In no car") :]
    assert "Li Na (Secretary)" in in_no_car


def test_the_checklist_names_the_owner_and_who_ticked(client, names, secretary, staff, office_trip):
    ChecklistItem.objects.create(
        trip=office_trip, title="Book the cars", owner=staff, done=True, done_by=secretary
    )
    client.force_login(secretary)
    page = client.get(url("logistics:checklist", office_trip.pk)).content.decode()
    assert "Zhao Qiang" in page
    assert "Done by Li Na" in page
    assert "Sam Zhao" not in page and "Sue Li" not in page


def test_my_items_say_who_ticked_by_name(client, names, secretary, staff, office_trip):
    ChecklistItem.objects.create(
        trip=office_trip, title="Book the cars", owner=staff, done=True, done_by=secretary
    )
    client.force_login(staff)
    page = client.get(reverse("desk:my_checklist")).content.decode()
    assert "Done by Li Na" in page


def test_the_owner_picker_is_in_protocol_order(client, secretary, leader, staff, office_trip):
    named(staff, "Zhao Qiang", "Director", rank=2)
    client.force_login(secretary)
    form = client.get(url("logistics:checklist_item_create", office_trip.pk)).context["form"]
    choices = [label for value, label in form.fields["owner"].choices if value]
    assert choices == ["Lee Wang", "Zhao Qiang (Director)", "Sue Li"]
