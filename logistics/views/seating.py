"""Seating plan pages: the drawing of a meeting's, forum's or ceremony's seats, and its form."""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from accounts.roles import office_required
from logistics import seating
from logistics.forms.seating import SeatingPlanForm
from logistics.models import SeatingPlan
from trips.access import trip_for
from trips.models import ItineraryItem, Trip


def _seated_item(trip: Trip, item_pk: int) -> ItineraryItem:
    """A meeting, forum or ceremony of the trip; other kinds have no seating plan (404)."""
    item = get_object_or_404(trip.items.select_related("seating_plan"), pk=item_pk)
    if not seating.may_have_plan(item):
        raise Http404
    return item


@office_required
@require_GET
def seating_plan(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    """The plan drawn as seen from the hall, for everyone who may read the trip."""
    trip = trip_for(request.user, pk)
    item = _seated_item(trip, item_pk)
    plan = getattr(item, "seating_plan", None)
    context = {
        "trip": trip,
        "item": item,
        "plan": plan,
        "layout": seating.layout(plan) if plan else None,
        "can_edit": trip.can_edit(request.user),
    }
    return render(request, "logistics/seating_plan.html", context)


@office_required
@require_http_methods(["GET", "POST"])
def seating_edit(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    """The convention, the head table, the rows and the ranked list of people."""
    trip = trip_for(request.user, pk, edit=True)
    item = _seated_item(trip, item_pk)
    plan = getattr(item, "seating_plan", None) or SeatingPlan(item=item)
    if plan.pk:
        people = [(a.name, a.title) for a in plan.attendees.all()]
    else:
        people = seating.suggested_attendees(item)
    form = SeatingPlanForm(request.POST or None, instance=plan, people=people)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            seating.save_attendees(form.save(), form.cleaned_data["people"])
        messages.success(request, _("Seating plan saved."))
        return redirect("logistics:seating_plan", trip.pk, item.pk)
    return render(
        request, "logistics/seating_form.html", {"trip": trip, "item": item, "form": form}
    )
