"""The party's working sheets: the contacts sheet (通讯录), the car plan (车辆安排) with the
drivers' sheet, and the meals and lodging plan (用餐住宿安排). All of them carry phone
numbers or the party's needs: they are for the party only (documents.on_team).

Like every document's data (printing.documents), each function returns plain JSON with
the words already in the document's language.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from django.db.models import Prefetch, prefetch_related_objects
from django.utils.translation import npgettext, pgettext_lazy

from accounts import dates, people
from logistics import checklists
from logistics.models import PersonalNeed
from printing.documents import (
    Document,
    _dates,
    _place,
    _time,
    host_contacts,
    on_team,
    party_data,
)
from trips import itinerary
from trips.itinerary import Slot
from trips.models import ItineraryItem, Trip


def _when(slot: Slot, language: str) -> dict[str, str]:
    return {"date": dates.long_date(slot.start.date(), language), "time": _time(slot, language)}


def _by_day(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows in time order as days, each its date and its rows: the way the sheets print."""
    days: list[dict[str, Any]] = []
    for row in rows:
        if not days or days[-1]["date"] != row["date"]:
            days.append({"date": row["date"], "rows": []})
        days[-1]["rows"].append(row)
    return days


# The contacts sheet (通讯录): the party in protocol order with titles and phones (as the
# party list has them), then each host unit in the order it is met, with its stops and
# whom to call there (documents.host_contacts, as the pocket itinerary has them).


def contacts_data(trip: Trip, language: str) -> dict[str, Any]:
    items = trip.items.select_related("host_unit").prefetch_related("contacts")
    hosts = host_contacts(trip, itinerary.days(trip, items), language)
    return {**party_data(trip, language), "hosts": hosts}


# The car plan (车辆安排) and the drivers' sheet: each car with its driver, who rides in it
# (protocol order) and the travel legs it serves, in time order. The drivers' sheet prints
# the same, one car a page.


def _leg(slot: Slot, language: str) -> dict[str, Any]:
    item = slot.item
    return {
        **_when(slot, language),
        "title": item.title,
        "origin": item.origin,
        "destination": item.destination,
        "place": item.place,
        "address": item.address,
    }


def cars_data(trip: Trip, language: str) -> dict[str, Any]:
    cars = checklists.cars_of(trip)
    legs = ItineraryItem.objects.order_by("start", "end", "pk")
    prefetch_related_objects(cars, Prefetch("travel_items", queryset=legs))
    return {
        "dates": _dates(trip, language),
        "cars": [
            {
                "name": car.name,
                "plate": car.plate,
                "driver": car.driver,
                "driver_phone": car.driver_phone,
                "notes": car.notes,
                "passengers": [people.person_label(p, language) for p in car.passengers.all()],
                "legs": _by_day(
                    [_leg(itinerary.slot(trip, item), language) for item in car.travel_items.all()]
                ),
            }
            for car in cars
        ],
        "unseated": [
            people.person_label(user, language) for user in checklists.unseated(trip, cars)
        ],
    }


# Meals and lodging (用餐住宿安排): every meal, rest and night in time order, where and
# when, for how many (the item's attendees, else the whole party), and at meals the
# dietary needs of those people as counts, never names: the medical needs are never read.

MEALS = (ItineraryItem.Kind.MEAL,)
STAYS = (ItineraryItem.Kind.REST, ItineraryItem.Kind.LODGING)
# One dietary need a line or between commas: "不吃辣、清真" is two needs.
_SEPARATORS = re.compile("[\n;,\uff1b\uff0c\u3001]+")  # and the full-width ones


def _needs(dietary: str) -> set[str]:
    return {" ".join(part.split()) for part in _SEPARATORS.split(dietary) if part.strip()}


def dietary_counts(needs: dict[int, set[str]], who: list[int]) -> list[str]:
    """How many of these people have each dietary need, the most frequent first."""
    counts = Counter(need for person in who for need in needs.get(person, ()))
    return [
        npgettext(
            "dietary needs at a meal",
            "%(need)s: %(count)d person",
            "%(need)s: %(count)d people",
            count,
        )
        % {"need": need, "count": count}
        for need, count in sorted(counts.items(), key=lambda entry: (-entry[1], entry[0]))
    ]


def meals_data(trip: Trip, language: str) -> dict[str, Any]:
    party = trip.party()
    everyone = [member.user_id for member in party if member.user_id]
    rows = PersonalNeed.objects.filter(trip=trip).exclude(dietary="")
    needs = {person: _needs(text) for person, text in rows.values_list("person_id", "dietary")}
    items = itinerary.items_of(trip).filter(kind__in=(*MEALS, *STAYS))
    meals, stays = [], []
    for item in items:
        attendees = [user.pk for user in item.attendees.all()]
        row = {
            **_when(itinerary.slot(trip, item), language),
            "title": item.title,
            "kind": str(item.get_kind_display()),
            "place": _place(item),
            "address": item.address,
            "host_unit": item.host_unit.name if item.host_unit else "",
            "people": len(attendees) if attendees else len(party),
        }
        if item.kind in MEALS:
            meals.append({**row, "dietary": dietary_counts(needs, attendees or everyone)})
        else:
            stays.append(row)
    return {
        "dates": _dates(trip, language),
        "party_size": len(party),
        "dietary": dietary_counts(needs, everyone),
        "meals": _by_day(meals),
        "stays": _by_day(stays),
    }


CONTACTS = Document(
    "contacts",
    pgettext_lazy("printed document", "Contacts sheet"),
    "printing/contacts.html",
    contacts_data,
    on_team,
)
CARS = Document(
    "cars",
    pgettext_lazy("printed document", "Car plan"),
    "printing/cars.html",
    cars_data,
    on_team,
)
DRIVERS = Document(
    "driver",
    pgettext_lazy("printed document", "Drivers' sheet"),
    "printing/driver.html",
    cars_data,
    on_team,
)
MEALS_AND_LODGING = Document(
    "meals",
    pgettext_lazy("printed document", "Meals and lodging"),
    "printing/meals.html",
    meals_data,
    on_team,
)
