"""Follow-up item pages: an item made from a note, its page and changes, the board, the
trip's follow-up panel and the closing of the trip."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.roles import office_required
from followups import items
from followups.forms.items import BoardFilterForm, FollowUpForm, StatusForm
from followups.models import FollowUp, Note
from trips.access import trip_for, visible_trips
from trips.models import Trip

BOARD_PAGE_SIZE = 100


@office_required
@require_http_methods(["GET", "POST"])
def item_create(request: HttpRequest, pk: int, note_pk: int) -> HttpResponse:
    """A decision, promise, problem or request of the trip becomes a follow-up item."""
    trip = trip_for(request.user, pk, edit=True)
    note = get_object_or_404(Note.objects.select_related("item"), trip=trip, pk=note_pk)
    if not note.is_actionable:
        raise Http404
    item = FollowUp(trip=trip, note=note, item=note.item)
    form = FollowUpForm(request.POST or None, instance=item, initial=items.initial_from_note(note))
    if request.method == "POST" and form.is_valid():
        item = form.save(commit=False)
        items.create(item, request.user, co_owners=form.cleaned_data["co_owners"])
        messages.success(request, _("The follow-up item is made."))
        return redirect(item)
    template = "followups/item_form.html#form" if request.htmx else "followups/item_form.html"
    return render(request, template, {"trip": trip, "note": note, "form": form})


def _item_for(user, pk: int, *, edit: bool = False) -> tuple[FollowUp, Trip]:
    """The item and its trip by the trip's rules: 404 for outsiders, 403 to edit for staff."""
    item = get_object_or_404(
        FollowUp.objects.select_related("department", "contact", "host_unit", "note", "item"),
        pk=pk,
    )
    trip = trip_for(user, item.trip_id, edit=edit)
    item.trip = trip
    return item, trip


def _item_context(request: HttpRequest, item: FollowUp, trip: Trip, form=None) -> dict:
    can_edit = trip.can_edit(request.user)
    if can_edit and form is None:
        form = StatusForm.for_item(item)
    return {
        "item": item,
        "trip": trip,
        "can_edit": can_edit,
        "form": form,
        "history": items.history(item),
        "today": timezone.localdate(),
    }


@office_required
@require_GET
def item_detail(request: HttpRequest, pk: int) -> HttpResponse:
    item, trip = _item_for(request.user, pk)
    return render(request, "followups/item.html", _item_context(request, item, trip))


@office_required
@require_POST
def item_update(request: HttpRequest, pk: int) -> HttpResponse:
    """Change the status, the answer or the reason, the leader's help; errors beside fields."""
    item, trip = _item_for(request.user, pk, edit=True)
    form = StatusForm.for_item(item, request.POST)
    if form.is_valid():
        data = dict(form.cleaned_data)
        comment = data.pop("comment")
        try:
            record = items.update(item, request.user, comment=comment, **data)
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            if record is not None:
                messages.success(request, _("The item is updated."))
            return redirect(item)
    template = "followups/item.html#status" if request.htmx else "followups/item.html"
    return render(request, template, _item_context(request, item, trip, form))


@office_required
@require_GET
def board(request: HttpRequest) -> HttpResponse:
    """Every follow-up item of the trips the user may read, filtered, counted, overdue marked."""
    today = timezone.localdate()
    trips = visible_trips(request.user)
    form = BoardFilterForm(request.GET or None, trips=trips)
    found, counted = items.board(FollowUp.objects.filter(trip__in=trips), today, **form.filters())
    page = Paginator(items.for_list(found), BOARD_PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "followups/board.html",
        {
            "form": form,
            "page_obj": page,
            "items": page.object_list,
            "counts": items.counts(counted, today),
            "today": today,
            "query_string": query.urlencode(),
        },
    )


def _panel_context(request: HttpRequest, trip: Trip) -> dict:
    today = timezone.localdate()
    counts = items.counts(trip.followups.all(), today)
    can_edit = trip.can_edit(request.user)
    return {
        "trip": trip,
        "items": items.for_list(trip.followups.all()),
        "counts": counts,
        "today": today,
        "can_close": can_edit and trip.status == Trip.Status.COMPLETED,
    }


@office_required
@require_GET
def trip_panel(request: HttpRequest, pk: int) -> HttpResponse:
    """The trip page's follow-up panel (loaded by URL): the items, their counts, closing."""
    trip = trip_for(request.user, pk)
    return render(request, "followups/_followup_panel.html", _panel_context(request, trip))


@office_required
@require_POST
def trip_close(request: HttpRequest, pk: int) -> HttpResponse:
    """Close a completed trip whose every item has an outcome (件件有着落)."""
    trip = trip_for(request.user, pk, edit=True)
    try:
        items.close_trip(trip, request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The trip is closed."))
    return redirect(trip)
