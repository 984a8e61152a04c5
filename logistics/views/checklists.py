"""Checklist pages: a trip's checklist edited in place, its templates."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import reswap, retarget, trigger_client_event

from accounts import people
from accounts.roles import office_required, secretary_required
from accounts.submissions import once
from logistics import access, checklists
from logistics.forms.checklists import (
    ApplyTemplateForm,
    AssignOwnersForm,
    ChecklistItemForm,
    ChecklistTemplateForm,
    MoveForm,
    SaveAsTemplateForm,
    TemplateItemFormSet,
    TickForm,
)
from logistics.models import (
    ChecklistItem,
    ChecklistTemplate,
    SeatingPlan,
)
from trips.access import trip_for
from trips.models import Trip


def _checklist_context(request: HttpRequest, trip: Trip) -> dict:
    """What the checklist page and its list partial show, in a fixed number of queries."""
    today = timezone.localdate()
    can_edit = trip.can_edit(request.user)
    return {
        "trip": trip,
        "items": checklists.load(trip, request.user),
        "progress": checklists.progress(trip, today),
        "today": today,
        "can_edit": can_edit,
        "on_team": access.on_team(trip, request.user),
        "assign_form": AssignOwnersForm(trip=trip) if can_edit else None,
        "apply_form": ApplyTemplateForm(
            trip=trip, all_languages=request.GET.get("templates") == "all"
        )
        if can_edit
        else None,
    }


def _checklist_changed(request: HttpRequest, trip: Trip, message: str) -> HttpResponse:
    """After a change: the redrawn list for htmx, back to the checklist otherwise."""
    if not request.htmx:
        messages.success(request, message)
        return redirect("logistics:checklist", trip.pk)
    response = render(request, "logistics/checklist.html#items", _checklist_context(request, trip))
    return retarget(reswap(response, "outerHTML"), "#checklist-items")


def _item_form(
    request: HttpRequest, trip: Trip, form: ChecklistItemForm, item: ChecklistItem | None = None
) -> HttpResponse:
    """The item form: its partial for htmx (errors included), the full page otherwise."""
    template = "logistics/checklist_item_form.html"
    if request.htmx:
        template += "#form"
    return render(request, template, {"trip": trip, "form": form, "item": item})


@office_required
@require_GET
def checklist(request: HttpRequest, pk: int) -> HttpResponse:
    """A trip's checklist with its progress; htmx asks for the list alone."""
    trip = trip_for(request.user, pk)
    context = _checklist_context(request, trip)
    if request.htmx:
        return render(request, "logistics/checklist.html#items", context)
    context["seating_items"] = trip.items.filter(kind__in=SeatingPlan.KINDS).select_related(
        "seating_plan"
    )
    return render(request, "logistics/checklist.html", context)


@office_required
@require_http_methods(["GET", "POST"])
def item_create(request: HttpRequest, pk: int) -> HttpResponse:
    """Add an item at the end of the list."""
    trip = trip_for(request.user, pk, edit=True)
    form = ChecklistItemForm(request.POST or None, trip=trip)
    if request.method == "POST" and form.is_valid():
        once(request, form.save)
        return _checklist_changed(request, trip, _("Item added."))
    return _item_form(request, trip, form)


@office_required
@require_http_methods(["GET", "POST"])
def item_edit(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    """Change what, who, when or the note of an item."""
    trip = trip_for(request.user, pk, edit=True)
    item = get_object_or_404(trip.checklist_items, pk=item_pk)
    form = ChecklistItemForm(request.POST or None, instance=item, trip=trip)
    if request.method == "POST" and form.is_valid():
        form.save()
        return _checklist_changed(request, trip, _("Item saved."))
    return _item_form(request, trip, form, item)


@office_required
@require_POST
def item_delete(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    """Remove an item; a second click on a stale page finds nothing left to do."""
    trip = trip_for(request.user, pk, edit=True)
    trip.checklist_items.filter(pk=item_pk).delete()
    return _checklist_changed(request, trip, _("Item deleted."))


@office_required
@require_POST
def item_move(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    """Move an item one place up or down."""
    trip = trip_for(request.user, pk, edit=True)
    item = get_object_or_404(trip.checklist_items, pk=item_pk)
    form = MoveForm(request.POST)
    if form.is_valid():
        checklists.reorder(item, form.cleaned_data["direction"])
    return _checklist_changed(request, trip, _("Item moved."))


@office_required
@require_POST
def item_tick(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    """Mark an item done or not done: the state asked for, so a double tap is harmless."""
    trip = trip_for(request.user, pk)
    item = get_object_or_404(trip.checklist_items, pk=item_pk)
    if not checklists.may_tick(item, request.user, trip):
        raise PermissionDenied
    form = TickForm(request.POST)
    if form.is_valid():
        checklists.tick(item, request.user, form.cleaned_data["done"])
    mine = request.POST.get("mine") == "1"
    if not request.htmx:
        item.refresh_from_db(fields=["done"])
        done = _("“%(title)s” is done.") if item.done else _("“%(title)s” is not done yet.")
        messages.success(request, done % {"title": item.title})
        return redirect("desk:my_checklist") if mine else redirect("logistics:checklist", pk)
    item = checklists.reload(item, request.user, trip)
    context = {"item": item, "trip": trip, "today": timezone.localdate(), "mine": mine}
    context["can_edit"] = trip.can_edit(request.user) and not mine
    # The progress bar on the checklist page listens for this and refreshes itself.
    return trigger_client_event(
        render(request, "logistics/_checklist_item.html", context), "checklist-changed"
    )


@office_required
@require_POST
def apply_template(request: HttpRequest, pk: int) -> HttpResponse:
    """Add a template's items to the trip's checklist."""
    trip = trip_for(request.user, pk, edit=True)
    form = ApplyTemplateForm(request.POST, trip=trip, all_languages=True)
    if form.is_valid():
        once(
            request, lambda: checklists.apply_template(trip, template=form.cleaned_data["template"])
        )
    return _checklist_changed(request, trip, _("Template items added."))


@office_required
@require_http_methods(["GET", "POST"])
def save_as_template(request: HttpRequest, pk: int) -> HttpResponse:
    """Keep this trip's checklist as a template for trips of its kind."""
    trip = trip_for(request.user, pk, edit=True)
    form = SaveAsTemplateForm(request.POST or None, trip=trip)
    if request.method == "POST" and form.is_valid():
        template = once(
            request,
            lambda: checklists.save_as_template(trip, user=request.user, **form.cleaned_data),
        )
        messages.success(request, _("Template “%(name)s” saved.") % {"name": template.name})
        return redirect(template)
    return render(request, "logistics/checklist_save_template.html", {"trip": trip, "form": form})


@secretary_required
@require_GET
def template_list(request: HttpRequest) -> HttpResponse:
    """Every checklist template, by trip kind and language."""
    templates = ChecklistTemplate.objects.annotate(item_count=Count("items"))
    return render(request, "logistics/checklist_template_list.html", {"templates": templates})


@secretary_required
@require_http_methods(["GET", "POST"])
def template_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """A template's name, kind, language and items (position, category, what, days before)."""
    template = get_object_or_404(ChecklistTemplate, pk=pk)
    form = ChecklistTemplateForm(request.POST or None, instance=template)
    items = TemplateItemFormSet(request.POST or None, instance=template, prefix="items")
    if request.method == "POST" and all([form.is_valid(), items.is_valid()]):
        with transaction.atomic():
            form.save()
            items.save()
        messages.success(request, _("Template saved."))
        return redirect("logistics:checklist_template_list")
    context = {"template": template, "form": form, "items": items}
    return render(request, "logistics/checklist_template_form.html", context)


@secretary_required
@require_POST
def template_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Delete a template; trips that used it keep their own copies of the items."""
    ChecklistTemplate.objects.filter(pk=pk).delete()
    messages.success(request, _("Template deleted."))
    return redirect("logistics:checklist_template_list")


@office_required
@require_POST
def items_assign(request: HttpRequest, pk: int) -> HttpResponse:
    """Give the ticked items to one owner; errors come back beside the fields."""
    trip = trip_for(request.user, pk, edit=True)
    form = AssignOwnersForm(request.POST, trip=trip)
    if not form.is_valid():
        context = {**_checklist_context(request, trip), "assign_form": form}
        return render(request, "logistics/checklist.html", context, status=400)
    count = checklists.assign_owner(
        trip, [item.pk for item in form.cleaned_data["items"]], form.cleaned_data["owner"]
    )
    message = ngettext(
        "%(count)s item given to %(owner)s.", "%(count)s items given to %(owner)s.", count
    ) % {"count": count, "owner": people.person_label(form.cleaned_data["owner"])}
    messages.success(request, message)
    return redirect("logistics:checklist", trip.pk)
