"""Seating plan pages: the drawing of a meeting's, forum's or ceremony's seats, and its form."""

from __future__ import annotations

from django.contrib import messages
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


def _context(trip: Trip, item: ItineraryItem, plan: SeatingPlan | None) -> dict:
    """The plan as drawn, its flagged lines and the last change's moves."""
    if plan is None:
        return {"trip": trip, "item": item, "plan": None}
    return {
        "trip": trip,
        "item": item,
        "plan": plan,
        "drawing": seating.drawing(plan, seating.layout(plan)),
        "flagged": seating.flagged(plan),
        "moves": seating.last_moves(plan),
    }


@office_required
@require_GET
def seating_plan(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    """The plan drawn as seen from the hall, for everyone who may read the trip."""
    trip = trip_for(request.user, pk)
    item = _seated_item(trip, item_pk)
    context = _context(trip, item, getattr(item, "seating_plan", None))
    context["can_edit"] = trip.can_edit(request.user)
    return render(request, "logistics/seating_plan.html", context)


@office_required
@require_http_methods(["GET", "POST"])
def seating_edit(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    """The layout, its sizes and the ranked lists of people; saving seats them again."""
    trip = trip_for(request.user, pk, edit=True)
    item = _seated_item(trip, item_pk)
    plan = getattr(item, "seating_plan", None) or SeatingPlan(item=item)
    if plan.pk:
        attendees = list(plan.attendees.all())
        people = [a for a in attendees if not a.guest]
        guests = [a for a in attendees if a.guest]
    else:
        people, guests = seating.suggested_attendees(item), []
    form = SeatingPlanForm(request.POST or None, instance=plan, people=people, guests=guests)
    if request.method == "POST" and form.is_valid():
        seating.reseat(form.instance, form.cleaned_data["people"], form.cleaned_data["guests"])
        messages.success(request, _("Seating plan saved."))
        return redirect("logistics:seating_plan", trip.pk, item.pk)
    context = {"trip": trip, "item": item, "form": form}
    context["flagged"] = seating.flagged(plan) if plan.pk and not form.is_bound else []
    return render(request, "logistics/seating_form.html", context)
