"""The post-trip report: its page with the edit form and preview, marking it final, the next
revision, earlier revisions; its Word download and the follow-up tracker in Excel."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.roles import office_required
from followups import access, items, tracker, word
from followups import report as reports
from followups.forms.items import BoardFilterForm
from followups.forms.report import ReportForm
from followups.models import FollowUp, Report, ReportRevision
from trips.models import Trip


def _context(request: HttpRequest, trip: Trip, report: Report | None, **extra) -> dict:
    can_edit = report is not None and trip.can_edit(request.user)
    shown = reports.edition(report) if report is not None else None
    if can_edit and not report.is_final and "form" not in extra:
        extra["form"] = ReportForm.for_report(report)
    revisions = report.revisions.select_related("final_by__profile") if report else []
    return {
        "trip": trip,
        "report": report,
        "shown": shown,
        "body": reports.render_markdown(shown.body) if shown else "",
        "can_edit": can_edit,
        "revisions": revisions,
        **extra,
    }


def _preview(request: HttpRequest, trip: Trip, report: Report, form: ReportForm) -> HttpResponse:
    """The text as it will read, unsaved: the preview alone for htmx, else the whole page."""
    preview = reports.render_markdown(form.cleaned_data["body"])
    if request.htmx:
        return render(request, "followups/report.html#preview", {"preview": preview})
    context = _context(request, trip, report, form=form, preview=preview)
    return render(request, "followups/report.html", context)


@office_required
@require_http_methods(["GET", "POST"])
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The report: the trip's secretaries start and edit the draft (a POST saves it, or with
    action=preview shows it unsaved), the leaders read it; a final report is frozen."""
    trip = access.report_trip_for(request.user, pk, edit=request.method == "POST")
    if trip.can_edit(request.user):
        report = reports.get_or_start(trip, request.user)
    else:
        report = reports.existing(trip)
    if request.method == "GET":
        return render(request, "followups/report.html", _context(request, trip, report))
    form = ReportForm.for_report(report, request.POST)
    if not form.is_valid():
        return render(request, "followups/report.html", _context(request, trip, report, form=form))
    if request.POST.get("action") == "preview" and not report.is_final:
        return _preview(request, trip, report, form)
    try:
        reports.save_draft(report, request.user, **form.cleaned_data)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The report is saved."))
    return redirect("followups:report", trip.pk)


def _act(request: HttpRequest, pk: int, action, done: str) -> HttpResponse:
    """Mark final or start a revision: the trip's secretaries, while the trip may change."""
    trip = access.report_trip_for(request.user, pk, edit=True)
    report = reports.existing(trip)
    if report is None:
        raise Http404
    try:
        action(report, request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, done)
    return redirect("followups:report", trip.pk)


@office_required
@require_POST
def report_final(request: HttpRequest, pk: int) -> HttpResponse:
    """Freeze the draft, with its follow-up table as it stands, as a final revision."""
    return _act(request, pk, reports.mark_final, _("The report is final."))


@office_required
@require_POST
def report_revise(request: HttpRequest, pk: int) -> HttpResponse:
    """Start the next revision from the final text; the final one stays as it was."""
    return _act(request, pk, reports.start_revision, _("A new revision is started."))


def _revision(trip: Trip, number: int) -> ReportRevision:
    revision = get_object_or_404(
        ReportRevision.objects.select_related("report", "final_by__profile"),
        report__trip=trip,
        number=number,
    )
    revision.report.trip = trip
    return revision


@office_required
@require_GET
def report_revision(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    """A final revision as it was marked final, its follow-up table frozen."""
    trip = access.report_trip_for(request.user, pk)
    revision = _revision(trip, number)
    shown = reports.edition(revision)
    context = {
        "trip": trip,
        "report": revision.report,
        "revision": revision,
        "shown": shown,
        "body": reports.render_markdown(shown.body),
    }
    return render(request, "followups/report_revision.html", context)


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


@never_cache
@office_required
@require_GET
def report_docx(request: HttpRequest, pk: int, number: int | None = None) -> HttpResponse:
    """The report (the draft, or its final revision), or an earlier revision, in Word."""
    trip = access.report_trip_for(request.user, pk)
    report = _revision(trip, number) if number else reports.existing(trip)
    if report is None:
        raise Http404
    name = f"{report.title} r{number}.docx" if number else f"{report.title}.docx"
    return _download(word.report_docx(report), word.DOCX_CONTENT_TYPE, name)


@never_cache
@office_required
@require_GET
def trip_tracker(request: HttpRequest, pk: int) -> HttpResponse:
    """The trip's follow-up items and their history in Excel, for the report's readers."""
    trip = access.report_trip_for(request.user, pk)
    name = _("Follow-up items %(trip)s") % {"trip": trip.title}
    content = tracker.tracker_xlsx(FollowUp.objects.filter(trip=trip))
    return _download(content, tracker.XLSX_CONTENT_TYPE, f"{name}.xlsx")


@never_cache
@office_required
@require_GET
def board_tracker(request: HttpRequest) -> HttpResponse:
    """The board's items, with the board's filters (the same query string), in Excel."""
    today = timezone.localdate()
    form = BoardFilterForm(request.GET or None, user=request.user)
    found, _counted = items.board(request.user, today, **form.filters())
    name = _("Follow-up items %(day)s") % {"day": today.isoformat()}
    return _download(tracker.tracker_xlsx(found), tracker.XLSX_CONTENT_TYPE, f"{name}.xlsx")
