"""The trip pack's pages: the PDF when it is rendered, else a page that waits for it."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET

from accounts.roles import office_required
from printing import documents, pack
from printing.tasks import render_pack
from trips.access import trip_for

# Polls (one a second) before the page stops and offers to try again.
PATIENCE = 90


def _waiting(request: HttpRequest, trip, language: str, template: str) -> HttpResponse:
    polls = int(request.GET.get("n", "0")) if request.GET.get("n", "").isdigit() else 0
    query = f"?lang={language}"
    context = {
        "trip": trip,
        "ready": pack.is_ready(trip, language, request.user),
        "given_up": polls >= PATIENCE,
        "download_url": reverse("printing:pack", args=[trip.pk]) + query,
        "status_url": reverse("printing:pack_status", args=[trip.pk]) + f"{query}&n={polls + 1}",
    }
    return render(request, template, context)


@office_required
@require_GET
def pack_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The trip pack as PDF when rendered already (a file read); else queue its rendering
    and show a page that polls until it is ready."""
    trip = trip_for(request.user, pk)
    if not pack.PACK.may_read(trip, request.user):
        raise PermissionDenied
    language = documents.language_for(request.GET.get("lang"))
    if not pack.is_ready(trip, language, request.user):
        render_pack.delay_on_commit(trip.pk, language, request.user.pk)
        return _waiting(request, trip, language, "printing/_pack_status.html")
    pdf = documents.download(pack.PACK, trip, request.user, language)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(
        False, documents.filename(pack.PACK, trip, language)
    )
    response["Cache-Control"] = "private, no-store" if trip.is_confidential else "private"
    return response


@office_required
@require_GET
def pack_status(request: HttpRequest, pk: int) -> HttpResponse:
    """The waiting page's status (htmx, every second): still rendering, or the link."""
    trip = trip_for(request.user, pk)
    if not pack.PACK.may_read(trip, request.user):
        raise PermissionDenied
    language = documents.language_for(request.GET.get("lang"))
    return _waiting(request, trip, language, "printing/_pack_status.html#status")
