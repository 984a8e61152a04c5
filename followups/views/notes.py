"""Notes on the trip: quick capture on a phone, the list by item and kind, the trip page's panel."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from accounts.offline import keep_offline
from accounts.roles import office_required
from followups import access, notes
from followups.forms.notes import NoteForm
from trips.models import Trip


def _wants_json(request: HttpRequest) -> bool:
    """static/js/notes.js sends the form with fetch() and asks for JSON."""
    return "application/json" in request.headers.get("Accept", "")


def _list_context(request: HttpRequest, trip: Trip) -> dict:
    return {
        "trip": trip,
        "groups": notes.by_item_and_kind(trip),
        "may_write": notes.may_write(trip, request.user),
        # The trip's secretaries turn decisions, promises, problems and requests into items.
        "can_edit": trip.can_edit(request.user),
    }


@office_required
@require_http_methods(["GET", "POST"])
def note_capture(request: HttpRequest, pk: int) -> HttpResponse:
    """Write a note, with the item under way chosen already; a note resent under the same
    client key is kept once. The script gets JSON, a plain form post a redirect. The page
    stays on the phone for writing without signal, unless the trip is internal."""
    trip = access.note_trip_for(request.user, pk, edit=True)
    form = NoteForm(
        request.POST or None, trip=trip, item=notes.item_under_way(trip, timezone.now())
    )
    if request.method == "POST":
        if form.is_valid():
            note, created = notes.record(
                trip,
                request.user,
                client_key=form.cleaned_data["client_key"],
                **form.notes_fields(),
            )
            if _wants_json(request):
                status = 201 if created else 200
                return JsonResponse({"id": note.pk, "created": created}, status=status)
            messages.success(request, _("Note saved."))
            return redirect("followups:note_capture", trip.pk)
        if _wants_json(request):
            return JsonResponse({"errors": form.errors.get_json_data()}, status=400)
    context = {"trip": trip, "form": form, "hours": settings.NOTE_QUEUE_HOURS}
    response = render(request, "followups/note_capture.html", context)
    return keep_offline(request, response, when=trip.may_be_kept_offline)


@office_required
@require_GET
def note_list(request: HttpRequest, pk: int) -> HttpResponse:
    """The trip's notes by item and kind: for everyone who may read the trip."""
    trip = access.note_trip_for(request.user, pk)
    return render(request, "followups/notes.html", _list_context(request, trip))


@office_required
@require_GET
def trip_notes(request: HttpRequest, pk: int) -> HttpResponse:
    """The notes panel the trip page loads by URL (trips does not know notes)."""
    trip = access.note_trip_for(request.user, pk)
    context = {**_list_context(request, trip), "panel": True}
    return render(request, "followups/notes.html#panel", context)
