"""factory_boy factories for every model the tests build."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import factory
from django.conf import settings
from django.contrib.auth.models import Group, User

from accounts.models import Profile
from directory.models import Contact, Department, HostUnit
from trips.models import ItineraryItem, Trip, TripMember

OFFICE_TZ = zoneinfo.ZoneInfo(settings.TIME_ZONE)


class ProfileFactory(factory.django.DjangoModelFactory):
    """UserFactory(profile__name="王伟", profile__title="副省长", profile__protocol_rank=1)."""

    class Meta:
        model = Profile
        django_get_or_create = ("user",)

    user = factory.SubFactory("tests.factories.UserFactory", profile=None)
    name = factory.LazyAttribute(lambda p: p.user.get_full_name() or p.user.username)
    protocol_rank = factory.Sequence(lambda n: 100 + n)
    # Tests read e-mails in English; a test about a Chinese reader says so.
    language = "en"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    email = factory.LazyAttribute(lambda u: f"{u.username}@office.example")
    password = factory.django.Password("pw-for-tests-1")
    # Every test user has a profile, ranked in the order made; UserFactory(profile=None)
    # makes one without.
    profile = factory.RelatedFactory(ProfileFactory, factory_related_name="user")

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        """UserFactory(roles=["secretary"]) puts the user in those office groups."""
        for name in extracted or ():
            self.groups.add(Group.objects.get(name=name))


class HostUnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HostUnit

    name = factory.Sequence(lambda n: f"Host unit {n}")
    kind = HostUnit.Kind.TOWNSHIP
    address = factory.Sequence(lambda n: f"{n} Main Street")
    region = "Riverside"
    language = "en"


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact

    name = factory.Faker("name")
    title = "Director"
    host_unit = factory.SubFactory(HostUnitFactory)
    phone = "+86 10 1234 5678"
    email = factory.Sequence(lambda n: f"contact{n}@host.example")
    receives_notices = True


class DepartmentFactory(factory.django.DjangoModelFactory):
    """DepartmentFactory(contacts=[zhang, li]) makes a department those people answer for."""

    class Meta:
        model = Department
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Department {n}")
    language = "en"

    @factory.post_generation
    def contacts(self, create, extracted, **kwargs):
        if create and extracted:
            self.contacts.add(*extracted)


class TripFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Trip
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Inspection trip {n}")
    kind = Trip.Kind.INSPECTION
    start_date = dt.date(2026, 12, 7)
    end_date = dt.date(2026, 12, 9)
    visibility = Trip.Visibility.OFFICE
    purpose = "See how the new water works serve the villages."
    intention = "Look at the plants, listen to the township, talk to residents."
    created_by = factory.SubFactory(UserFactory)

    @factory.post_generation
    def team(self, create, extracted, **kwargs):
        """TripFactory(team={user: "secretary", other: "leader"})."""
        for user, role in (extracted or {}).items():
            TripMember.objects.create(trip=self, user=user, role=role)

    @factory.post_generation
    def items(self, create, extracted, **kwargs):
        """TripFactory(items=5): that many consecutive items on the first day."""
        for i in range(extracted or 0):
            ItineraryItemFactory(trip=self, start=at(self.start_date, 8, i * 10), minutes=9)


def at(day: dt.date, hour: int, minute: int = 0, tz: zoneinfo.ZoneInfo = OFFICE_TZ) -> dt.datetime:
    """An aware datetime on the given day, office time unless told otherwise."""
    return dt.datetime.combine(day, dt.time(0, 0), tz) + dt.timedelta(hours=hour, minutes=minute)


class ItineraryItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ItineraryItem
        exclude = ("minutes",)

    trip = factory.SubFactory(TripFactory)
    start = factory.LazyAttribute(lambda o: at(o.trip.start_date, 9))
    minutes = 60
    end = factory.LazyAttribute(lambda o: o.start + dt.timedelta(minutes=o.minutes))
    kind = ItineraryItem.Kind.SITE_VISIT
    title = factory.Sequence(lambda n: f"Visit {n}")
    place = "Water plant"
