"""Printing pages: a trip's documents as PDF, the print menu and the download log (both
panels of the trip page, loaded by URL: trips does not import printing)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from accounts.roles import office_required
from printing import documents
from trips.access import trip_for


@office_required
@require_GET
def download_log(request: HttpRequest, pk: int) -> HttpResponse:
    """Who downloaded which document of an internal trip, and when: for its secretaries;
    for anyone else there is nothing to show (204, and htmx leaves the page as it is)."""
    trip = trip_for(request.user, pk)
    if not documents.sees_download_log(trip, request.user):
        return HttpResponse(status=204)
    context = {"trip": trip, "downloads": documents.download_log(trip)}
    return render(request, "printing/_download_log.html", context)
