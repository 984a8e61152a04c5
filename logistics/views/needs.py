"""People's needs, the protocol register (gifts) and the cars: for the team's eyes only."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.panels import panel_template
from accounts.roles import office_required
from accounts.submissions import once
from logistics import access, checklists
from logistics.forms.checklists import (
    GiftForm,
    PersonalNeedForm,
    VehicleForm,
)
from logistics.models import (
    Gift,
    PersonalNeed,
    Vehicle,
)
from trips.models import Trip


@office_required
@require_GET
def needs(request: HttpRequest, pk: int) -> HttpResponse:
    """Dietary and medical needs, gifts given and received, who rides in which car."""
    trip = access.needs_trip_for(request.user, pk)
    vehicles = checklists.cars_of(trip)
    context = {
        "trip": trip,
        "needs": checklists.needs_of(trip),
        "gifts": trip.gifts.all(),
        "vehicles": vehicles,
        "unseated": checklists.unseated(trip, vehicles),
        "can_edit": trip.can_edit(request.user),
    }
    return render(request, "logistics/needs.html", context)


@office_required
@require_GET
def item_cars(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    """The cars serving a travel item: a panel the trip page's item card loads by URL (trips
    does not know cars). Empty when no car serves it; team only, like the cars page."""
    trip = access.needs_trip_for(request.user, pk)
    cars = list(checklists.cars_serving(trip, item_pk))
    return render(
        request, panel_template(request, "logistics/_item_cars.html"), {"trip": trip, "cars": cars}
    )


def _needs_form(request: HttpRequest, trip: Trip, form, title: str, what: str) -> HttpResponse:
    """Save and go back to the needs page, or show the form with its errors."""
    if request.method == "POST" and form.is_valid():
        once(request, form.save)  # a new entry once, however often the form is sent
        messages.success(request, _("Saved."))
        return redirect("logistics:needs", trip.pk)
    context = {"trip": trip, "form": form, "title": title, "what": what}
    return render(request, "logistics/needs_form.html", context)


@office_required
@require_http_methods(["GET", "POST"])
def need_edit(request: HttpRequest, pk: int, need_pk: int | None = None) -> HttpResponse:
    """Record or change one person's dietary and medical needs."""
    trip = access.needs_trip_for(request.user, pk, edit=True)
    need = get_object_or_404(trip.needs, pk=need_pk) if need_pk else PersonalNeed(trip=trip)
    form = PersonalNeedForm(request.POST or None, instance=need, trip=trip)
    return _needs_form(request, trip, form, _("Dietary and medical needs"), "need")


@office_required
@require_http_methods(["GET", "POST"])
def gift_edit(request: HttpRequest, pk: int, gift_pk: int | None = None) -> HttpResponse:
    """Record or change a gift given or received."""
    trip = access.needs_trip_for(request.user, pk, edit=True)
    gift = get_object_or_404(trip.gifts, pk=gift_pk) if gift_pk else Gift(trip=trip)
    form = GiftForm(request.POST or None, instance=gift, trip=trip, user=request.user)
    return _needs_form(request, trip, form, _("Gift"), "gift")


@office_required
@require_http_methods(["GET", "POST"])
def vehicle_edit(request: HttpRequest, pk: int, vehicle_pk: int | None = None) -> HttpResponse:
    """Add or change a car, its driver and its passengers."""
    trip = access.needs_trip_for(request.user, pk, edit=True)
    vehicle = get_object_or_404(trip.vehicles, pk=vehicle_pk) if vehicle_pk else Vehicle(trip=trip)
    form = VehicleForm(request.POST or None, instance=vehicle, trip=trip)
    return _needs_form(request, trip, form, _("Car"), "vehicle")


@office_required
@require_POST
def needs_delete(request: HttpRequest, pk: int, what: str, entry_pk: int) -> HttpResponse:
    """Delete a needs entry, a gift or a car."""
    trip = access.needs_trip_for(request.user, pk, edit=True)
    entries = {"need": trip.needs, "gift": trip.gifts, "vehicle": trip.vehicles}
    if what not in entries:
        raise Http404
    entries[what].filter(pk=entry_pk).delete()
    messages.success(request, _("Deleted."))
    return redirect("logistics:needs", trip.pk)
