"""Briefing pages: a host unit's material, a visit's material, the trip's briefing book.

Every office user reads host-unit material and any secretary edits it; a visit's material
follows its trip (briefings.access). Facts are edited and verified in place with htmx.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.roles import office_required
from accounts.submissions import once
from briefings import access, book
from briefings.forms import ADD_LABELS, EDIT_LABELS, VerifyForm, form_for, model_for
from briefings.models import Attachment, Sourced
from trips.access import trip_for

# What may be added where: people belong to a unit's leadership team, not to a visit.
UNIT_KINDS = ("section", "figure", "person", "attachment")
ITEM_KINDS = ("section", "figure", "attachment")


@office_required
@require_GET
def book_page(request: HttpRequest, pk: int) -> HttpResponse:
    """The trip's briefing book: every stop's material in itinerary order, unverified listed."""
    trip = trip_for(request.user, pk)
    context = {
        "trip": trip,
        "book": book.book_for(trip, request.user),
        "can_edit": trip.can_edit(request.user),
    }
    return render(request, "briefings/book.html", context)


@office_required
@require_GET
def unit(request: HttpRequest, pk: int) -> HttpResponse:
    """A host unit's material, reused on every trip, and what it was promised on visits."""
    host_unit = access.unit_for(request.user, pk)
    context = {
        "unit": host_unit,
        "material": book.unit_material(host_unit, request.user),
        "promises": book.earlier_promises(host_unit, request.user),
        "can_edit": access.may_edit_unit_material(request.user),
        "add_labels": _labels(UNIT_KINDS),
    }
    return render(request, "briefings/unit.html", context)


@office_required
@require_GET
def item(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    """One visit's own material, beside a link to its host unit's."""
    visit = access.item_for(request.user, pk, item_pk)
    context = {
        "item": visit,
        "trip": visit.trip,
        "material": book.item_material(visit, request.user),
        "can_edit": visit.trip.can_edit(request.user),
        "add_labels": _labels(ITEM_KINDS),
    }
    return render(request, "briefings/item.html", context)


@office_required
@require_http_methods(["GET", "POST"])
def unit_add(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    """Add material to a host unit (any secretary)."""
    host_unit = access.unit_for(request.user, pk, edit=True)
    back = reverse("briefings:unit", args=[host_unit.pk])
    return _add(request, kind, {"host_unit": host_unit}, owner=host_unit, back=back)


@office_required
@require_http_methods(["GET", "POST"])
def item_add(request: HttpRequest, pk: int, item_pk: int, kind: str) -> HttpResponse:
    """Add material to one visit (the trip's secretaries)."""
    if kind not in ITEM_KINDS:
        raise Http404
    visit = access.item_for(request.user, pk, item_pk, edit=True)
    back = reverse("briefings:item", args=[pk, visit.pk])
    return _add(request, kind, {"item": visit}, owner=visit, back=back)


def _add(request: HttpRequest, kind: str, owner_fields: dict, *, owner, back: str) -> HttpResponse:
    """The add form of any kind; saved, back to its page at the new card."""
    instance = model_for(kind)(created_by=request.user, **owner_fields)
    form = form_for(kind)(request.POST or None, request.FILES or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        material = once(request, form.save)
        messages.success(request, _("“%(name)s” added.") % {"name": material})
        return redirect(material)
    context = {"form": form, "kind": kind, "title": ADD_LABELS[kind], "owner": owner, "back": back}
    return _form_page(request, context)


@office_required
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    """Change material in place; a change of a verified fact's content clears its verification."""
    material = access.material_for(request.user, model_for(kind), pk, edit=True)
    form = form_for(kind)(request.POST or None, request.FILES or None, instance=material)
    if request.method == "POST" and form.is_valid():
        material = form.save()
        if request.htmx:
            return render(request, material.card_template, {"fact": material, "can_edit": True})
        messages.success(request, _("“%(name)s” saved.") % {"name": material})
        return redirect(material)
    context = {
        "form": form,
        "kind": kind,
        "title": EDIT_LABELS[kind],
        "material": material,
        "back": material.owner_url(),
    }
    return _form_page(request, context)


def _form_page(request: HttpRequest, context: dict) -> HttpResponse:
    """The form: its partial for htmx (errors included), the full page otherwise."""
    page = "briefings/material_form.html"
    return render(request, f"{page}#form" if request.htmx else page, context)


@office_required
@require_POST
def delete(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    """Remove material; for htmx an empty answer takes the card away."""
    material = access.material_for(request.user, model_for(kind), pk, edit=True)
    back, name = material.owner_url(), str(material)
    material.delete()
    if request.htmx:
        return HttpResponse("")
    messages.success(request, _("“%(name)s” deleted.") % {"name": name})
    return redirect(back)


@office_required
@require_POST
def verify(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    """Mark a fact verified (or withdraw that), one click; only the content the user saw."""
    if not issubclass(model_for(kind), Sourced):
        raise Http404
    fact = access.material_for(request.user, model_for(kind), pk, edit=True)
    form = VerifyForm(request.POST)
    form.is_valid()  # every field is optional
    problem = ""
    try:
        if form.cleaned_data.get("undo"):
            fact.unverify()
        else:
            fact.verify(
                request.user,
                seen=form.cleaned_data.get("seen") or None,
                how=form.cleaned_data.get("how") or "",
            )
    except ValidationError as error:
        problem = " ".join(error.messages)
    if request.htmx:
        context = {"fact": fact, "can_edit": True, "problem": problem}
        return render(request, fact.card_template, context)
    if problem:
        messages.error(request, problem)
    elif fact.is_verified:
        messages.success(request, _("“%(name)s” is marked verified.") % {"name": fact})
    else:
        messages.success(request, _("“%(name)s” is no longer marked verified.") % {"name": fact})
    return redirect(fact)


@office_required
@require_GET
def attachment(request: HttpRequest, pk: int) -> FileResponse:
    """Serve an attachment as a download, only to those who may see its unit or trip."""
    attached = access.material_for(request.user, Attachment, pk)
    try:
        handle = attached.file.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=attached.filename,
        content_type=attached.content_type,
    )
    # Briefing material may be confidential: no shared cache keeps a copy.
    patch_cache_control(response, private=True, no_store=True)
    return response


def _labels(kinds: tuple[str, ...]) -> list[tuple[str, str]]:
    """The "Add a …" buttons of a page: (kind, label)."""
    return [(kind, ADD_LABELS[kind]) for kind in kinds]
