"""Trip pages: the list, the brief with its team, the itinerary edited in place with htmx."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import reswap, retarget

from accounts.roles import is_secretary, office_required, secretary_required
from accounts.submissions import once
from directory.models import HostUnit
from trips import approval, costs, itinerary, schedule, timeline
from trips.access import cost_trip_for, may_read_costs, trip_for, visible_trips
from trips.forms.costs import CostsForm
from trips.forms.trips import (
    ItemMoveForm,
    ItineraryItemForm,
    TripFilterForm,
    TripForm,
    shown_as_typed,
    team_formset,
)
from trips.models import ItineraryItem, Trip
from trips.views.approval import workflow_context

PER_PAGE = 20


def _detail_context(request: HttpRequest, trip: Trip, *, workflow: bool = True) -> dict:
    """What the trip page shows; the itinerary partial needs the workflow only after a change."""
    items = list(itinerary.items_of(trip))
    # The leader's open comments beside their items, until the secretary marks them done.
    comments = approval.leader_comments(trip, request.user)  # no query on a draft
    elsewhere = approval.mark_comments(items, comments)
    # The items already loaded: the checks cost one query more, whatever their number.
    findings = schedule.find_conflicts(trip, items=items)
    context = {
        "trip": trip,
        "days": itinerary.days(trip, items, findings),
        "health": itinerary.health(items, findings),
        "can_edit": trip.can_edit(request.user),
        "on_team": trip.role_of(request.user) is not None,
        "reads_costs": may_read_costs(trip, request.user),
        "comments_elsewhere": elsewhere,
        "comment_count": approval.comment_count(trip, comments),
    }
    return {**context, **workflow_context(request, trip, items, findings)} if workflow else context


def _itinerary_changed(request: HttpRequest, trip: Trip, message: str) -> HttpResponse:
    """After a change: the refreshed itinerary for htmx, back to the trip page otherwise."""
    if not request.htmx:
        messages.success(request, message)
        return redirect(trip)
    # The workflow panel rides along out of band: an edit may make the plan differ from
    # the approved version.
    context = {**_detail_context(request, trip), "oob": True}
    response = render(request, "trips/trip_detail.html#itinerary", context)
    # The item form swaps itself when invalid; once saved, the whole itinerary is redrawn.
    return retarget(reswap(response, "outerHTML"), "#itinerary")


def _item_form(
    request: HttpRequest, trip: Trip, form: ItineraryItemForm, item: ItineraryItem | None = None
) -> HttpResponse:
    """The item form: its partial for htmx (errors included), the full page otherwise."""
    template = "trips/item_form.html#form" if request.htmx else "trips/item_form.html"
    return render(request, template, {"trip": trip, "form": form, "item": item})


def _team(request: HttpRequest, form: TripForm):
    """The party's rows for the brief's form; with a row more, both shown as typed."""
    team = team_formset(request.POST or None, form.instance)
    if team.growing:
        shown_as_typed(form)
    return team


@office_required
@require_GET
def trip_list(request: HttpRequest) -> HttpResponse:
    """The trips this user may read, filtered and searched, twenty a page."""
    form = TripFilterForm(request.GET)
    trips = form.filter(visible_trips(request.user).with_team())
    page = Paginator(trips, PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page_obj": page,
        "query_string": query.urlencode(),
        "can_create": is_secretary(request.user),
    }
    return render(request, "trips/trip_list.html", context)


@secretary_required
@require_http_methods(["GET", "POST"])
def trip_create(request: HttpRequest) -> HttpResponse:
    """A new trip's brief and team; the secretary who creates it joins the team."""
    form = TripForm(request.POST or None, instance=Trip(created_by=request.user))
    team = _team(request, form)
    if request.method == "POST" and not team.growing and all([form.is_valid(), team.is_valid()]):
        trip = once(request, lambda: form.save_with_team(team, creator=request.user))
        messages.success(request, _("Trip created."))
        return redirect(trip)
    return render(request, "trips/trip_form.html", {"form": form, "team": team})


@office_required
@require_http_methods(["GET", "POST"])
def trip_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """The brief and the team, for the trip's secretaries; new dates that change the
    itinerary show what moves first, and move it with them in the same step."""
    trip = trip_for(request.user, pk, edit=True)
    form = TripForm(request.POST or None, instance=trip)
    team = _team(request, form)
    valid = request.method == "POST" and not team.growing
    if valid and all([form.is_valid(), team.is_valid()]) and form.itinerary_seen:
        form.save_with_team(team, by=request.user)
        if form.moves_itinerary:
            messages.success(request, _("Trip saved; its itinerary moved with the dates."))
        else:
            messages.success(request, _("Trip saved."))
        return redirect(trip)
    return render(request, "trips/trip_form.html", {"form": form, "team": team, "trip": trip})


@office_required
@require_GET
def trip_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The brief, the team and the itinerary by day; htmx asks for the itinerary alone."""
    trip = trip_for(request.user, pk)
    template = "trips/trip_detail.html#itinerary" if request.htmx else "trips/trip_detail.html"
    return render(request, template, _detail_context(request, trip, workflow=not request.htmx))


@office_required
@require_GET
def trip_timeline(request: HttpRequest, pk: int) -> HttpResponse:
    """The itinerary drawn day by day on an hour scale, findings marked in red."""
    trip = trip_for(request.user, pk)
    items = list(trip.items.select_related("host_unit"))
    findings = schedule.find_conflicts(trip, items=items)
    context = {"trip": trip, "timeline": timeline.build(trip, items, findings)}
    return render(request, "trips/timeline.html", context)


@office_required
@require_http_methods(["GET", "POST"])
def item_create(request: HttpRequest, pk: int) -> HttpResponse:
    """Add an item; it lands in time order."""
    trip = trip_for(request.user, pk, edit=True)
    form = ItineraryItemForm(request.POST or None, trip=trip)
    if request.method == "POST" and form.is_valid():
        once(request, form.save)
        return _itinerary_changed(request, trip, _("Item added."))
    return _item_form(request, trip, form)


@office_required
@require_http_methods(["GET", "POST"])
def item_edit(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    """Change an item in place."""
    trip = trip_for(request.user, pk, edit=True)
    item = get_object_or_404(trip.items, pk=item_pk)
    form = ItineraryItemForm(request.POST or None, instance=item, trip=trip)
    if request.method == "POST" and form.is_valid():
        form.save()
        return _itinerary_changed(request, trip, _("Item saved."))
    return _item_form(request, trip, form, item)


@office_required
@require_GET
def item_contacts(request: HttpRequest, pk: int) -> HttpResponse:
    """The item form's contact picker for the host unit, the chosen and a search (htmx)."""
    trip = trip_for(request.user, pk, edit=True)
    # Another host unit chosen (not a search typed): that unit's usual contacts are ticked.
    unit_chosen = request.htmx.trigger_name == "host_unit"
    form = ItineraryItemForm(request.GET, trip=trip, unit_chosen=unit_chosen)
    return render(request, "trips/item_form.html#contacts", {"trip": trip, "form": form})


@office_required
@require_POST
def item_delete(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    """Remove an item from the itinerary."""
    trip = trip_for(request.user, pk, edit=True)
    # cancel(), not delete(): subscribed calendars learn that the event is gone.
    get_object_or_404(trip.items, pk=item_pk).cancel()
    return _itinerary_changed(request, trip, _("Item deleted."))


@office_required
@require_POST
def item_duplicate(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    """Copy an item, with its contacts and attendees, as a start for a similar one."""
    trip = trip_for(request.user, pk, edit=True)
    once(request, get_object_or_404(trip.items, pk=item_pk).duplicate)
    return _itinerary_changed(request, trip, _("Item duplicated."))


@office_required
@require_http_methods(["GET", "POST"])
def item_move(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    """Shift an item and the later ones of its day, move it to another day, or fit the next
    items to it: one change each; in place with htmx, a page of its own otherwise."""
    trip = trip_for(request.user, pk, edit=True)
    item = get_object_or_404(trip.items, pk=item_pk)
    form = ItemMoveForm(request.POST if request.method == "POST" else None, trip=trip, item=item)
    if request.method == "POST" and form.is_valid() and (moved := form.save(request.user)):
        message = _("Moved: %(what)s.") % {"what": moved.what_moved()}
        return _itinerary_changed(request, trip, message)
    template = "trips/item_move.html#moving" if request.htmx else "trips/item_move.html"
    context = {"trip": trip, "item": item, "slot": itinerary.slot(trip, item), "form": form}
    return render(request, template, context)


@office_required
@require_GET
def unit_visits(request: HttpRequest, unit_pk: int) -> HttpResponse:
    """A host unit's items on the trips this user may read: a panel of its directory page."""
    unit = get_object_or_404(HostUnit, pk=unit_pk)
    # Only trips the user may read: a confidential trip's stop must not leak to outsiders.
    items = unit.items.filter(trip__in=visible_trips(request.user)).select_related("trip")
    context = {"unit": unit, "items": items.order_by("-start", "pk")}
    template = "trips/unit_visits.html#visits" if request.htmx else "trips/unit_visits.html"
    return render(request, template, context)


@office_required
@require_http_methods(["GET", "POST"])
def trip_costs(request: HttpRequest, pk: int) -> HttpResponse:
    """What the trip costs the office: the estimate the leader approves it with, the actuals
    after; the secretaries edit, the leaders and the team read."""
    trip = cost_trip_for(request.user, pk)
    may_edit = costs.may_edit(trip, request.user)
    lines = costs.sheet(trip)
    form = CostsForm(request.POST or None, lines=lines)
    if request.method == "POST":
        if not may_edit:
            raise PermissionDenied
        if form.is_valid():
            costs.save(trip, request.user, form.values())
            messages.success(request, _("The costs are saved."))
            return redirect("trips:trip_costs", trip.pk)
    estimate, actual = costs.totals(lines)
    context = {
        "trip": trip,
        "form": form,
        "may_edit": may_edit,
        "estimate": estimate,
        "actual": actual,
    }
    return render(request, "trips/costs.html", context, status=400 if form.errors else 200)


@office_required
@require_GET
def trip_costs_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    """The trip's costs as a workbook for the finance office."""
    return costs.workbook_response(cost_trip_for(request.user, pk))
