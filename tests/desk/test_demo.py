"""seed_demo: the demo office, idempotent."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command

from accounts.models import Profile
from directory.models import Contact, Department
from logistics.models import Vehicle
from trips.models import ItineraryItem, Trip, TripMember

pytestmark = pytest.mark.django_db


def test_seed_demo_creates_the_four_users_with_the_demo_password(settings, capsys):
    settings.DEMO_PASSWORD = "demo-pass-123"
    call_command("seed_demo")
    assert "demo-pass-123" in capsys.readouterr().out
    for name, role in [
        ("secretary", "secretary"),
        ("leader", "leader"),
        ("staff", "staff"),
        ("staff2", "staff"),
    ]:
        user = User.objects.get(username=name)
        assert user.check_password("demo-pass-123")
        assert user.groups.filter(name=role).exists()


def test_seed_demo_twice_changes_nothing():
    call_command("seed_demo")
    counts = (User.objects.count(), Trip.objects.count(), ItineraryItem.objects.count())
    call_command("seed_demo")
    assert (User.objects.count(), Trip.objects.count(), ItineraryItem.objects.count()) == counts


def test_seed_demo_if_empty_leaves_a_used_database_alone(secretary):
    call_command("seed_demo", "--if-empty")
    assert not Trip.objects.exists()


def test_demo_has_a_chinese_three_day_inspection_with_a_full_itinerary():
    call_command("seed_demo")
    trip = Trip.objects.get(kind=Trip.Kind.INSPECTION)
    assert (trip.end_date - trip.start_date).days == 2
    kinds = set(trip.items.values_list("kind", flat=True))
    assert trip.items.count() >= 12
    assert {"site_visit", "forum", "talk", "meal", "travel", "lodging"} <= kinds
    assert "调研" in trip.title


def test_demo_confidential_trip_leaves_out_staff2():
    call_command("seed_demo")
    trip = Trip.objects.get(visibility=Trip.Visibility.CONFIDENTIAL)
    assert "staff2" not in trip.members.values_list("user__username", flat=True)
    assert (
        Trip.objects.visible_to(User.objects.get(username="staff2")).filter(pk=trip.pk).count() == 0
    )


def test_demo_people_have_chinese_names_titles_and_ranks():
    call_command("seed_demo")
    leader = Profile.objects.get(user__username="leader")
    assert (leader.name, leader.title, leader.protocol_rank) == ("王伟", "副省长", 1)
    ranks = Profile.objects.values_list("user__username", flat=True)
    assert list(ranks) == ["leader", "secretary", "staff", "staff2"]


def test_demo_inspection_party_has_people_without_an_account_after_the_office():
    call_command("seed_demo")
    call_command("seed_demo")
    trip = Trip.objects.with_team().get(kind=Trip.Kind.INSPECTION)
    party = trip.party()
    assert [m.role for m in party[:2]] == ["leader", "secretary"]
    assert [m.display_name() for m in party if not m.user_id] == ["王师傅", "刘洋", "张敏"]
    assert TripMember.objects.filter(user=None).count() == 3


def test_demo_travel_items_by_car_have_their_trips_car():
    call_command("seed_demo")
    rides = ItineraryItem.objects.filter(kind="travel", travel_mode="car")
    assert rides.count() >= 10
    for ride in rides:
        cars = list(Vehicle.objects.filter(travel_items=ride))
        assert cars and all(car.trip_id == ride.trip_id for car in cars), ride.title
    assert Vehicle.objects.filter(passengers__isnull=False).distinct().count() == 2


def test_demo_departments_have_their_contacts_and_seed_once():
    call_command("seed_demo")
    call_command("seed_demo")
    water = Department.objects.get(name="省水利厅农村饮水处")
    assert list(water.contacts.values_list("name", flat=True)) == ["张敏"]
    assert Department.objects.filter(name="青山县人民政府办公室").exists()
    assert Contact.objects.filter(name="张敏").count() == 1
