"""Printing pages: a trip's documents as PDF, the print menu and the download log (both
panels of the trip page, loaded by URL: trips does not import printing)."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET

from accounts.panels import panel_template
from accounts.roles import office_required
from printing import catalogue, documents
from trips.access import trip_for


@office_required
@require_GET
def download_log(request: HttpRequest, pk: int) -> HttpResponse:
    """Who downloaded which document of an internal trip, and when: for its secretaries;
    for anyone else there is nothing to show (204, and htmx leaves the page as it is)."""
    trip = trip_for(request.user, pk)
    if not catalogue.sees_download_log(trip, request.user):
        return HttpResponse(status=204)
    context = {"trip": trip, "downloads": catalogue.download_log(trip)}
    return render(request, panel_template(request, "printing/_download_log.html"), context)


@office_required
@require_GET
def print_menu(request: HttpRequest, pk: int) -> HttpResponse:
    """A page's print menu: the documents this user may read (those named in ?only=, on
    a page that prints only some: the briefing book, the report), in each language."""
    trip = trip_for(request.user, pk)
    only = set(filter(None, request.GET.get("only", "").split(",")))
    readable = catalogue.readable(trip, request.user)
    context = {
        "trip": trip,
        "documents": [d for d in readable if not only or d.name in only],
        "languages": [(code, documents.edition(code)) for code, _name in settings.LANGUAGES],
    }
    return render(request, panel_template(request, "printing/_print_menu.html"), context)


@office_required
@require_GET
def document(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    """A document of the trip as PDF, in the language asked for (?lang=) or the page's.
    A trip the user may not read is a 404; a document of it the user may not read, a 403."""
    trip = trip_for(request.user, pk)
    chosen = catalogue.DOCUMENTS.get(name)
    if chosen is None:
        raise Http404
    language = documents.language_for(request.GET.get("lang"))
    pdf = documents.download(chosen, trip, request.user, language)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(
        False, documents.filename(chosen, trip, language)
    )
    # Internal copies carry the reader's name: no shared cache may keep them.
    response["Cache-Control"] = "private, no-store" if trip.is_confidential else "private"
    return response
