"""The demo office: its people, a directory of host units, three realistic trips, and the
inspection's notes, follow-up items and draft report, made from desk.demo_data through the
real domain functions (submitting, approving, recording notes, creating follow-ups)."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from dataclasses import asdict, dataclass

from django.conf import settings
from django.contrib.auth.models import Group, User
from django.db import transaction
from django.utils import timezone

from accounts.models import Profile
from desk import demo_data
from directory.models import Contact, Department, HostUnit
from followups import items as followup_items
from followups import notes as followup_notes
from followups import report, workflow
from followups.models import FollowUp, Note
from logistics import checklists
from logistics.models import Vehicle
from notices.models import UnitRequirements
from trips import approval
from trips.models import ItineraryItem, Trip, TripMember, TripVersion


@dataclass
class Seeded:
    users: dict[str, User]
    created_users: list[str]
    trips: list[Trip]


def seed(password: str | None = None, today: dt.date | None = None) -> Seeded:
    """Create what is missing; running it twice changes nothing."""
    password = password or settings.DEMO_PASSWORD
    today = today or timezone.localdate()  # the office's day, not the server's
    with transaction.atomic():
        users, created = _people(password)
        units = _host_units()
        _departments(units)
        trips = [_trip(demo, users, units, today) for demo in demo_data.TRIPS]
        for trip, demo in zip(trips, demo_data.TRIPS, strict=True):
            checklists.apply_template(trip, demo.checklist_language)
        _approve(trips[1], users)
        _notes_and_followups(trips[0], users, today)
        report.get_or_start(trips[0], users["secretary"])
    return Seeded(users=users, created_users=created, trips=trips)


def _approve(trip: Trip, users: dict[str, User]) -> None:
    """The meeting trip is approved, so its notices to host units can be sent."""
    if trip.status != Trip.Status.DRAFT:
        return
    trip = Trip.objects.with_team().get(pk=trip.pk)
    version = approval.submit(trip, users["secretary"], "Keynote and investors' panel.")
    approval.confirm_brief(version, users["leader"])
    approval.decide(version, users["leader"], TripVersion.Decision.APPROVED, "Agreed.")


def _people(password: str) -> tuple[dict[str, User], list[str]]:
    users, created = {}, []
    for person in demo_data.PEOPLE:
        user, was_created = User.objects.get_or_create(
            username=person.username,
            defaults={
                "first_name": person.first_name,
                "last_name": person.last_name,
                "email": person.email,
            },
        )
        if was_created:
            user.set_password(password)
            user.save()
            created.append(person.username)
        user.groups.add(Group.objects.get(name=person.role))
        Profile.objects.get_or_create(user=user, defaults=person.profile())
        users[person.username] = user
    return users, created


def _host_units() -> dict[str, HostUnit]:
    units = {}
    for row in demo_data.HOST_UNITS:
        unit, _ = HostUnit.objects.get_or_create(
            name=row.name,
            defaults={
                "kind": row.kind,
                "region": row.region,
                "address": row.address,
                "language": row.language,
            },
        )
        for contact in row.contacts:
            Contact.objects.get_or_create(
                name=contact.name,
                host_unit=unit,
                defaults={
                    "title": contact.title,
                    "phone": contact.phone,
                    "email": contact.email,
                    "receives_notices": True,
                },
            )
        units[row.name] = unit
    return units


def _departments(units: dict[str, HostUnit]) -> None:
    """The departments that answer for follow-ups, each with the person to ask."""
    for row in demo_data.DEPARTMENTS:
        department, _ = Department.objects.get_or_create(
            name=row.name, defaults={"language": row.language}
        )
        for person in row.contacts:
            contact, _ = Contact.objects.get_or_create(
                name=person.name,
                host_unit=units.get(person.host_unit),
                department=person.department,
                defaults={"title": person.title, "phone": person.phone, "email": person.email},
            )
            department.contacts.add(contact)


def _trip(demo: demo_data.DemoTrip, users: dict[str, User], units, today: dt.date) -> Trip:
    """The trip with its team and, when it is new, its party, itinerary, car and what each
    host unit is asked to prepare."""
    start = today + dt.timedelta(days=demo.starts_in)
    end = start + dt.timedelta(days=demo.days - 1)
    trip, created = Trip.objects.get_or_create(
        title=demo.title,
        defaults={
            "created_by": users["secretary"],
            "start_date": start,
            "end_date": end,
            **demo.brief,
        },
    )
    if not created:
        return trip
    for username, role in demo.team.items():
        TripMember.objects.create(trip=trip, user=users[username], role=role)
    for rank, other in enumerate(demo.others, start=1):
        TripMember.objects.create(trip=trip, rank=rank, **asdict(other))
    attendees = [users[name] for name in demo.attendees]
    for row in demo.items:
        _item(trip, row, units, attendees)
    if demo.car:
        _car(trip, demo.car, [users[name] for name in demo.car.passengers])
    for name, text in demo.requirements.items():
        UnitRequirements.objects.create(trip=trip, host_unit=units[name], text=text)
    return trip


def _item(trip: Trip, row: demo_data.Item, units: dict[str, HostUnit], attendees: list[User]):
    tz = zoneinfo.ZoneInfo(trip.time_zone)
    day = trip.start_date + dt.timedelta(days=row.day)
    # "+08:00" ends at that time on the next day (a night's lodging).
    end_day = day + dt.timedelta(days=1) if row.end.startswith("+") else day
    fields = {k: v for k, v in asdict(row).items() if k not in ("day", "start", "end", "unit")}
    item = ItineraryItem.objects.create(
        trip=trip,
        start=dt.datetime.combine(day, dt.time.fromisoformat(row.start), tz),
        end=dt.datetime.combine(end_day, dt.time.fromisoformat(row.end.lstrip("+")), tz),
        host_unit=units.get(row.unit) if row.unit else None,
        **fields,
    )
    item.attendees.set(attendees)
    if item.host_unit:
        item.contacts.set(item.host_unit.contacts.all())


def _car(trip: Trip, car: demo_data.Car, passengers: list[User]) -> None:
    """The trip's car: its passengers, and every travel item by car."""
    vehicle = Vehicle.objects.create(
        trip=trip, name=car.name, plate=car.plate, driver=car.driver, driver_phone=car.phone
    )
    checklists.allocate(vehicle, passengers)
    vehicle.travel_items.set(
        trip.items.filter(kind=ItineraryItem.Kind.TRAVEL, travel_mode=ItineraryItem.TravelMode.CAR)
    )


def _notes_and_followups(trip: Trip, users: dict[str, User], today: dt.date) -> None:
    """The inspection's first day noted down, and five follow-up items for three departments
    with their history: one done, one overdue, one that cannot be done, two under way.
    Due dates count from the day seeded, so the overdue one is overdue whatever the day."""
    # By title, the first item of each title: those of the first day.
    visits = {
        item.title: item for item in trip.items.select_related("host_unit").order_by("-start")
    }
    notes = {}
    for row in demo_data.NOTES:
        notes[row.key], _ = followup_notes.record(
            trip,
            users[row.author],
            client_key=row.key,
            item=visits[row.item],
            kind=row.kind,
            speaker=row.speaker,
            text=row.text,
            verified=row.kind in (Note.Kind.SEEN, Note.Kind.HEARD),
        )
    secretary = users["secretary"]
    departments = {d.name: d for d in Department.objects.prefetch_related("contacts")}
    for row in demo_data.FOLLOWUPS:
        note = notes[row.note]
        if note.followups.exists():
            continue
        department = departments[row.department]
        item = followup_items.create(
            FollowUp(
                trip=trip,
                note=note,
                item=note.item,
                host_unit=note.item.host_unit,
                title=row.title,
                to_do=note.text,
                department=department,
                contact=next(iter(department.contacts.all()), None),
                due_date=today + dt.timedelta(days=row.due_in),
                priority=row.priority,
                status=FollowUp.Status.ASSIGNED,  # handed to the department (交办)
            ),
            secretary,
            co_owners=[departments[name] for name in row.co_owners],
        )
        for step, fields in row.steps:
            _take_step(item, step, dict(fields), secretary, today)


def _take_step(item: FollowUp, step: str, fields: dict, secretary: User, today: dt.date) -> None:
    """One step of a demo item's story: the office's by the secretary, the department's
    through its link, named by its contact."""
    contact = item.contact.name if item.contact else item.department.name
    if step == "update":
        followup_items.update(item, secretary, **fields)
    elif step == "accept":
        workflow.accept(item, secretary)
    elif step == "answer_part":
        workflow.answer_part(item.parts.first(), by_name=contact, **fields)
    elif step == "ask_extension":
        to_date = item.due_date + dt.timedelta(days=fields.pop("days"))
        workflow.ask_extension(item, to_date=to_date, by_name=contact, today=today, **fields)
    else:  # acknowledge, start, answer
        getattr(workflow, step)(item, by_name=contact, **fields)
