"""Who a unit's notices reach: its notice contacts whose address works, and units none can."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from directory.models import Contact, HostUnit
from trips.models import Trip

# What the trip page reads of each unit's contacts to flag units no notice can reach.
CONTACT_COLUMNS = ("pk", "name", "email", "receives_notices")


def is_usable_address(email: str) -> bool:
    """True for an e-mail address a notice can be sent to."""
    try:
        validate_email(email)
    except ValidationError:
        return False
    return True


@dataclass
class Addresses:
    """A unit's contacts who receive notices: those that can be mailed, and those that cannot."""

    usable: list[Contact] = field(default_factory=list)
    unusable: list[Contact] = field(default_factory=list)


def notice_addresses(unit_ids: Iterable[int]) -> dict[int, Addresses]:
    """Each unit's notice contacts, split by whether their address works: one query."""
    found = {pk: Addresses() for pk in unit_ids}
    contacts = Contact.objects.filter(host_unit__in=found.keys(), receives_notices=True)
    for contact in contacts.order_by("name", "pk"):
        addresses = found[contact.host_unit_id]
        usable = is_usable_address(contact.email)
        (addresses.usable if usable else addresses.unusable).append(contact)
    return found


@dataclass(frozen=True)
class AddressProblem:
    """A host unit that no notice can reach, and its notice contacts whose address fails."""

    unit_id: int
    unit_name: str
    contacts: list[tuple[int, str]]  # (pk, name); empty: nobody receives notices


def unit_addresses(trip: Trip) -> list[AddressProblem | None]:
    """Per unit of the trip's itinerary, by name: its AddressProblem, or None when reachable."""
    rows = (
        HostUnit.objects.filter(items__trip=trip)
        .values_list("pk", "name", *(f"contacts__{name}" for name in CONTACT_COLUMNS))
        .distinct()
        .order_by("name", "pk", "contacts__name", "contacts__pk")
    )
    names: dict[int, str] = {}
    failing: dict[int, list[tuple[int, str]]] = {}
    reachable: set[int] = set()
    for pk, name, contact_pk, contact_name, email, receives in rows:
        names[pk] = name
        failing.setdefault(pk, [])
        if contact_pk is None or not receives:
            continue
        if is_usable_address(email or ""):
            reachable.add(pk)
        else:
            failing[pk].append((contact_pk, contact_name))
    return [None if pk in reachable else AddressProblem(pk, names[pk], failing[pk]) for pk in names]
