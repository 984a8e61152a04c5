"""A host unit's sheet (接待单位工作单): its part of the visit and nothing of other units.

The sheet shows what the unit's notice tells it: notices.drafts.prepare() works out each
unit's part of the approved plan (its own items, who attends them, what it prepares, its
own requirements, the office's contact) and read_part() reads it, as the notice e-mail does.
One Document per (trip, unit): host_sheet(unit) makes it, named "host-<unit id>", so the
PDF cache keys each unit's sheet apart. For the trip's secretaries only; not in the menu,
the notices page offers it per unit.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import translation
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy
from django.views.decorators.http import require_GET

from accounts import dates, people
from accounts.roles import office_required
from directory.models import HostUnit
from notices import drafts as notice_drafts
from notices import parts
from notices.parts import Part, PartItem
from printing import documents
from printing.documents import Document
from trips.access import trip_for
from trips.models import Trip, TripMember
from trips.zones import zone_label


def secretaries_only(trip: Trip, user) -> bool:
    """A host unit's sheet is for the trip's secretaries, who deal with the unit."""
    return trip.role_of(user) == TripMember.Role.SECRETARY


def unit_part(trip: Trip, unit: HostUnit) -> Part | None:
    """The unit's part of the approved plan, as its notice tells it; None when no plan is
    approved or the unit is not on it."""
    try:
        drafts = notice_drafts.prepare(trip)
    except ValidationError:
        return None
    mine = next((d for d in drafts if d.visited and d.host_unit.pk == unit.pk), None)
    return parts.read_part(mine.content) if mine else None


def _item(item: PartItem, language: str) -> dict[str, Any]:
    end = f"{item.end:%H:%M}"
    if item.ends_another_day:
        end = f"{dates.long_date(item.end.date(), language, year=False)} {end}"
    return {
        "date": dates.long_date(item.start.date(), language),
        "time": f"{item.start:%H:%M}\N{EN DASH}{end}",
        "kind": str(item.kind_label),
        "title": item.title,
        "place": item.place,
        "address": item.address,
        "attendees": item.attendees,  # the notice's: name and title, protocol order
        "preparation": item.host_preparation,
    }


def sheet_data(trip: Trip, unit: HostUnit, language: str) -> dict[str, Any]:
    part = unit_part(trip, unit)
    if part is None:
        raise Http404
    contact = part.office_contact
    return {
        "unit": part.unit,
        "dates": documents._dates(trip, language),
        "sections": [
            {"heading": str(heading), "items": [_item(item, language) for item in items]}
            for heading, items in (
                (_("Programme"), part.programme),
                (_("Meals and lodging you host"), part.meals_and_lodging),
            )
            if items
        ],
        "requirements": part.requirements,
        "zone": _("Times are local time (%(zone)s).") % {"zone": zone_label(part.time_zone)},
        "contact": {
            "name": people.with_title(contact.get("name", ""), contact.get("title", ""), language),
            "phone": contact.get("phone", ""),
            "email": contact.get("email", ""),
        }
        if contact.get("name")
        else {},
    }


def host_sheet(unit: HostUnit) -> Document:
    """The sheet of this unit, as a Document of its own."""
    return Document(
        f"host-{unit.pk}",
        pgettext_lazy("printed document", "Host unit's sheet"),
        "printing/host_sheet.html",
        lambda trip, language: sheet_data(trip, unit, language),
        secretaries_only,
    )


def _filename(sheet: Document, trip: Trip, unit: HostUnit, language: str) -> str:
    """ "接待单位工作单 - 河滨水厂 - 河滨水厂调研.pdf": each unit's sheet a name of its own."""
    with translation.override(language):
        label = f"{sheet.label} - {unit.name}"
    return documents.filename(replace(sheet, label=label), trip, language)


@office_required
@require_GET
def host_sheet_pdf(request: HttpRequest, pk: int, unit_pk: int) -> HttpResponse:
    """The unit's sheet as PDF, in the language asked for (?lang=) or the unit's own.
    A trip the user may not read is a 404; a sheet of it for others than its secretaries,
    a 403; a unit not on the approved plan, a 404."""
    trip = trip_for(request.user, pk)
    unit = get_object_or_404(HostUnit, pk=unit_pk)
    sheet = host_sheet(unit)
    language = documents.language_for(request.GET.get("lang") or unit.language)
    pdf = documents.download(sheet, trip, request.user, language)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(
        False, _filename(sheet, trip, unit, language)
    )
    response["Cache-Control"] = "private, no-store" if trip.is_confidential else "private"
    return response
