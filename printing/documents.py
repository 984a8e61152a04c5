"""The printed documents of a trip and how one copy is made.

A Document has a name (its address), a label (its title, translated), a template, the
function that gathers the data it shows and the rule of who may read it. The data is
plain JSON, words already in the document's language: the template shows only that, and
the cache keys the PDF by it (printing.cache), so whatever a document shows is in its key.

Documents of an internal (party-only) trip carry the reader's name and the time on every
page; the copy is made for that reader, so the reader is part of its key: the time on it
is when that reader's copy of this content was made.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import pgettext, pgettext_lazy

from accounts import dates, people
from directory.models import Contact
from notices.models import Notice
from printing import cache
from printing.models import Download
from printing.render import render
from trips import itinerary
from trips.itinerary import Slot
from trips.models import ItineraryItem, Trip, TripMember
from trips.zones import zone_label


def everyone(trip: Trip, user) -> bool:
    """Whoever may read the trip (trips.access decided that already)."""
    return True


@dataclass(frozen=True)
class Document:
    name: str
    label: Promise | str
    template: str
    data: Callable[..., dict[str, Any]]  # (trip, language[, reader]) -> what it shows
    readable_by: Callable[[Trip, Any], bool] = everyone
    # What it shows depends on who reads it (the briefing book leaves out sensitive
    # matters for staff): data takes the reader too. The cache keys by the data, so
    # readers who are shown the same share one copy.
    personal: bool = False

    def may_read(self, trip: Trip, user) -> bool:
        return self.readable_by(trip, user)


def shown(document: Document, trip: Trip, language: str, reader=None) -> dict[str, Any]:
    """Everything the document shows, in the language: its name, the trip's, its data."""
    with translation.override(language):
        data = document.data(trip, language, reader) if document.personal else None
        return {
            "document_name": str(document.label),
            "trip": {"title": trip.title, "internal": trip.is_confidential},
            **(data if data is not None else document.data(trip, language)),
        }


def copy_key(document: Document, trip: Trip, language: str, reader) -> tuple[str, dict]:
    """The cache key of the reader's copy, and the data it shows."""
    data = shown(document, trip, language, reader)
    who = [reader.pk, people.display_name(reader, language)] if trip.is_confidential else None
    return cache.key(document.name, language, data, reader=who), data


def copy_for(document: Document, trip: Trip, language: str, reader) -> bytes:
    """The PDF as this reader gets it: from the cache when its content is unchanged."""
    key, data = copy_key(document, trip, language, reader)
    watermarked = reader if trip.is_confidential else None
    return cache.get_or_render(
        key, lambda: render(document.template, data, language=language, reader=watermarked)
    )


def download(document: Document, trip: Trip, user, language: str) -> bytes:
    """The user's copy of the document; every download of an internal trip's document is
    logged (who, which, when), a cached copy's too. The trip was read through
    trips.access already: this checks only who may read this document."""
    if not document.may_read(trip, user):
        raise PermissionDenied
    pdf = copy_for(document, trip, language, user)
    record(document.name, trip, user, language)
    return pdf


def record(name: str, trip: Trip, user, language: str) -> None:
    """Log a download of an internal trip's document (a PDF, or a slip's Word file)."""
    if trip.is_confidential:
        Download.objects.create(trip=trip, user=user, document=name, language=language)


# A document in each language, as the print menu offers it: "英文版" on a Chinese page.
EDITIONS = {
    "en": pgettext_lazy("printed document", "English (PDF)"),
    "zh-hans": pgettext_lazy("printed document", "Chinese (PDF)"),
}


def edition(code: str) -> str:
    """The print menu's link to a document in this language, in the page's language."""
    label = EDITIONS.get(code)
    return str(label) if label is not None else f"{code} (PDF)"


def language_for(code: str | None) -> str:
    """The language asked for when the office prints in it, else the page's."""
    codes = [code for code, _name in settings.LANGUAGES]
    if code in codes:
        return code
    active = translation.get_language() or settings.LANGUAGE_CODE
    return active if active in codes else settings.LANGUAGE_CODE


def filename(document: Document, trip: Trip, language: str) -> str:
    """ "行程单 - 河滨水厂调研.pdf": no character a file system or a header would mind."""
    with translation.override(language):
        name = f"{document.label} - {trip.title}"
    return "".join(c for c in name if c.isprintable() and c not in '\\/:*?"<>|')[:120] + ".pdf"


def on_team(trip: Trip, user) -> bool:
    """The trip's party: documents with phone numbers are for them."""
    return trip.role_of(user) is not None


def _dates(trip: Trip, language: str) -> str:
    first = dates.long_date(trip.start_date, language)
    if trip.end_date == trip.start_date:
        return first
    last = dates.long_date(trip.end_date, language)
    return pgettext("from one day to another", "%(first)s to %(last)s") % {
        "first": first,
        "last": last,
    }


# The itinerary (行程单): per day, a table of time, activity, place, who of the party goes
# and the host's contact.


def _time(slot: Slot, language: str) -> str:
    end = f"{slot.end:%H:%M}"
    if slot.ends_another_day:
        end = f"{dates.long_date(slot.end.date(), language, year=False)} {end}"
    return f"{slot.start:%H:%M}\N{EN DASH}{end}"


def _place(item: ItineraryItem) -> str:
    if item.place:
        return item.place
    if item.origin or item.destination:
        return f"{item.origin} \N{RIGHTWARDS ARROW} {item.destination}".strip()
    return ""


def _row(slot: Slot, language: str) -> dict[str, Any]:
    item = slot.item
    kind = slot.kind_label
    if item.is_travel and item.travel_mode:
        kind = f"{kind} · {slot.travel_mode_label}"
    return {
        "time": _time(slot, language),
        "title": item.title,
        "kind": str(kind),
        "place": _place(item),
        "host_unit": item.host_unit.name if item.host_unit else "",
        "address": item.address,
        # attendees_prefetch() has them in protocol order
        "attendees": [people.person_label(user, language) for user in item.attendees.all()],
        "contacts": [
            {"name": c.name, "title": c.title, "phone": c.phone} for c in item.contacts.all()
        ],
    }


def itinerary_data(trip: Trip, language: str) -> dict[str, Any]:
    """Every day of the trip with its items, times on the trip's clock."""
    days = itinerary.days(trip)
    zone = ""
    if trip.differs_from_office_time:
        zone = pgettext("printed itinerary", "Local time in %(zone)s.") % {
            "zone": zone_label(trip.time_zone)
        }
    return {
        "dates": _dates(trip, language),
        "zone": zone,
        "days": [
            {
                "date": dates.long_date(day.date, language),
                "items": [_row(slot, language) for slot in day.slots],
            }
            for day in days
        ],
    }


# Whom to call at each host unit (the contacts sheet, the pack's contacts, the pocket
# itinerary): the on-site contact the unit gave in its acknowledgement, the contacts the
# secretary chose for its items, then the unit's other contacts in the directory.

ON_SITE, AT_STOPS, DIRECTORY = "on_site", "at_stops", "directory"


def _person(name: str, title: str, phone: str, source: str, note: str = "") -> dict[str, str]:
    return {"name": name, "title": title, "phone": phone, "source": source, "note": note}


def host_contacts(trip: Trip, days: list[itinerary.Day], language: str) -> list[dict[str, Any]]:
    """Each host unit in the order the party meets it (a unit told of the trip that has no
    item left comes after), its stops, and whom to call there: its on-site contact, the
    contacts chosen for its items (with those items), its other contacts in the directory.
    Two queries beyond the days' items, which carry their host unit and contacts."""
    units: dict[int | None, dict[str, Any]] = {}
    chosen: dict[int | None, dict[Contact, list[str]]] = {}  # unit -> contact -> its items' titles

    def unit_of(host_unit) -> dict[str, Any]:
        # Contacts chosen for an item without a host unit are listed under no unit.
        name = host_unit.name if host_unit else ""
        pk = host_unit.pk if host_unit else None
        return units.setdefault(pk, {"unit": name, "stops": [], "people": []})

    for day in days:
        for slot in day.slots:
            item = slot.item
            if item.host_unit is None and not item.contacts.all():
                continue
            day_label = dates.long_date(slot.start.date(), language, year=False)
            stop = {"date": day_label, "time": _time(slot, language), "title": item.title}
            unit_of(item.host_unit)["stops"].append(stop)
            for contact in item.contacts.all():
                titles = chosen.setdefault(item.host_unit_id, {}).setdefault(contact, [])
                titles.append(item.title)
    on_site: dict[int, tuple[str, str]] = {}
    notices = trip.notices.current().exclude(kind=Notice.Kind.CANCELLATION)
    notices = notices.select_related("host_unit")
    for notice in notices.order_by("pk"):
        unit_of(notice.host_unit)
        if notice.onsite_contact_name or notice.onsite_contact_phone:
            on_site[notice.host_unit_id] = (notice.onsite_contact_name, notice.onsite_contact_phone)
    directory: dict[int, list[Contact]] = {}
    # The unit's contact for notices first, then in the order they were entered.
    for contact in Contact.objects.filter(host_unit__in=[pk for pk in units if pk]).order_by(
        "-receives_notices", "pk"
    ):
        directory.setdefault(contact.host_unit_id, []).append(contact)
    separator = pgettext("list separator", ", ")
    on_site_label = str(pgettext("host contacts", "On-site contact (from the acknowledgement)"))
    for pk, unit in units.items():
        name, phone = on_site.get(pk, ("", ""))
        if name or phone:
            unit["people"].append(_person(name, "", phone, ON_SITE, on_site_label))
        at_stops = chosen.get(pk, {})
        others = [contact for contact in directory.get(pk, []) if contact not in at_stops]
        for contact in [*at_stops, *others]:
            if (contact.name, contact.phone) == (name, phone):
                continue  # the on-site contact, listed already
            titles = at_stops.get(contact)
            source, note = (AT_STOPS, separator.join(titles)) if titles else (DIRECTORY, "")
            unit["people"].append(_person(contact.name, contact.title, contact.phone, source, note))
    return list(units.values())


# The party list (随行人员名单): protocol order (TripMember.protocol_key: the office's people
# by their profile's protocol rank, as accounts.people.in_protocol_order orders accounts,
# then those without an account by their order), with titles (职务) and phones.


def _phone(member: TripMember) -> str:
    return people.profile_of(member.user).phone if member.user_id else member.phone


def party_data(trip: Trip, language: str) -> dict[str, Any]:
    return {
        "dates": _dates(trip, language),
        "people": [
            {
                "name": member.display_name(language),
                "title": member.display_title(language),
                "organisation": member.organisation,
                "role": str(member.get_role_display()),
                "phone": _phone(member),
            }
            for member in trip.party()
        ],
    }


ITINERARY = Document(
    "itinerary",
    pgettext_lazy("printed document", "Itinerary"),
    "printing/itinerary.html",
    itinerary_data,
)
PARTY_LIST = Document(
    "party",
    pgettext_lazy("printed document", "Party list"),
    "printing/party.html",
    party_data,
    on_team,
)
