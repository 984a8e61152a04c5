"""Who may read and change briefing material; built on trips.access, never beside it.

- Host-unit material is not tied to a trip: every office user reads it, every secretary
  edits it.
- An itinerary item's material follows its trip: readable by those who may see the trip
  (404 for outsiders of a confidential trip), editable by the trip's secretaries (403 for
  other readers).
- A unit's material inside a trip's briefing book is reached through the trip, so a
  confidential trip's book is for its team only.
- "Sensitive matters" sections are for secretaries and leaders only, never for staff:
  they hold undecided opinions and private matters (the domain guide's confidentiality).
  Staff get a 404 for them, as if they did not exist.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from accounts import roles as office
from briefings.models import Briefing, Material
from directory.models import HostUnit
from trips import access as trips_access
from trips.models import ItineraryItem


def may_read_sensitive(user) -> bool:
    """Secretaries and leaders read sensitive matters; staff do not."""
    roles = office.office_roles(user)
    return bool(roles & {office.SECRETARY, office.LEADER})


def sections_readable_by(user, sections: QuerySet[Briefing]) -> QuerySet[Briefing]:
    """The sections the user may read: sensitive matters only for secretaries and leaders."""
    if may_read_sensitive(user):
        return sections
    return sections.exclude(topic=Briefing.Topic.SENSITIVE)


def may_edit_unit_material(user) -> bool:
    """Any secretary keeps host-unit material up to date."""
    return office.is_secretary(user)


def _check_unit_access(user, *, edit: bool) -> None:
    """403 for non-office accounts, and for non-secretaries asking to edit."""
    if not office.is_office_user(user) or (edit and not may_edit_unit_material(user)):
        raise PermissionDenied


def unit_for(user, pk: int, *, edit: bool = False) -> HostUnit:
    """The host unit; 403 when editing is asked of someone who is not a secretary."""
    _check_unit_access(user, edit=edit)
    return get_object_or_404(HostUnit, pk=pk)


def item_for(user, trip_pk: int, item_pk: int, *, edit: bool = False) -> ItineraryItem:
    """The item of a trip the user may see (404 otherwise); 403 when read-only and editing."""
    trip = trips_access.trip_for(user, trip_pk, edit=edit)
    item = get_object_or_404(trip.items.select_related("host_unit"), pk=item_pk)
    item.trip = trip  # keeps the prefetched team for can_edit()
    return item


def material_for(user, model: type[Material], pk: int, *, edit: bool = False) -> Material:
    """One piece of material, checked against its owner: the item's trip, or the unit."""
    owned_by_items = hasattr(model, "item")
    queryset = model.objects.select_related("host_unit", *(["item"] if owned_by_items else []))
    if model is Briefing:
        queryset = sections_readable_by(user, queryset)
    material = get_object_or_404(queryset, pk=pk)
    if owned_by_items and material.item_id:
        material.item = item_for(user, material.item.trip_id, material.item_id, edit=edit)
    else:
        _check_unit_access(user, edit=edit)
    return material
