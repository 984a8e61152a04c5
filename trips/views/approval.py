"""Approval pages: submitting a version, the leader's version page and decision, the workflow."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts.roles import office_required
from trips import approval, costs, itinerary, schedule, snapshot, versions, workflow
from trips.access import may_read_costs, trip_for
from trips.forms.approval import AdvanceForm, DecisionForm, SubmitForm
from trips.models import ItemComment, ItineraryItem, Trip, TripVersion


def workflow_context(
    request: HttpRequest,
    trip: Trip,
    items: list[ItineraryItem],
    findings: list[schedule.Finding],
) -> dict:
    """The trip page's workflow panel: the page model, and the forms it allows this user
    (submitting asks to confirm the findings open, when there are some)."""
    panel = workflow.panel(trip, request.user, items)
    return {
        **panel.as_context(),
        "submit_form": SubmitForm(findings=findings) if panel.may_submit else None,
        "advance_form": AdvanceForm(trip=trip) if panel.may_advance else None,
        "may_cancel": panel.may_cancel,
    }


def _version(trip: Trip, number: int) -> TripVersion:
    """The trip's version by number, with the people it names and the leader's item comments."""
    return get_object_or_404(
        trip.versions.select_related(
            "submitted_by__profile", "brief_confirmed_by__profile", "decided_by__profile"
        ).prefetch_related(
            Prefetch(
                "item_comments", queryset=ItemComment.objects.select_related("author__profile")
            )
        ),
        number=number,
    )


def _version_page(
    request: HttpRequest, trip: Trip, version: TripVersion, form: DecisionForm | None
) -> HttpResponse:
    """The version page: the plan as submitted, its findings, the diff, the decision form."""
    previous = trip.versions.filter(number=version.number - 1).first()
    changes = None
    if previous:
        changes = versions.version_diff(previous, version, trip.time_zone)
    plan = versions.read_version(version, get_language(), form.boxes() if form else None)
    context = {
        "trip": trip,
        "version": version,
        "plan": plan,
        # Days fold on a phone: the first day, today's, those the note names and those
        # with changes stay open.
        "open_days": itinerary.open_days(
            plan.days,
            trip.local(timezone.now()).date(),
            version.note,
            changes.touched if changes else (),
        ),
        "previous": previous,
        "changes": changes,
        "read_back": approval.standing_read_back(version),
        "is_leader": approval.is_leader_of(trip, request.user),
        "own_version": version.submitted_by_id == request.user.pk,
        # The cost estimate as submitted, for the trip's secretaries and leaders.
        "costs": costs.read_frozen(version.costs) if may_read_costs(trip, request.user) else [],
        "form": form,
    }
    return render(request, "trips/version_detail.html", context)


@office_required
@require_GET
def version_detail(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    """A version for everyone who may see the trip; a leader on the team decides on it."""
    trip = trip_for(request.user, pk)
    version = _version(trip, number)
    # A pending version is always the latest: a new submission supersedes the pending one.
    may_decide = version.is_pending and approval.may_decide(version, request.user)
    form = DecisionForm(items=snapshot.items_of(version)) if may_decide else None
    return _version_page(request, trip, version, form)


@office_required
@require_POST
def version_decide(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    """The leader approves or asks for changes; a refusal shows beside the form, input kept."""
    trip = trip_for(request.user, pk)
    version = _version(trip, number)
    if not approval.may_decide(version, request.user):
        raise PermissionDenied
    form = DecisionForm(request.POST, items=snapshot.items_of(version))
    if form.is_valid():
        data = form.cleaned_data
        try:
            approval.decide(
                version, request.user, data["decision"], data["comment"], form.item_comments()
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your decision is recorded; the secretary is told."))
            return redirect(version)
    return _version_page(request, trip, version, form)


@office_required
@require_POST
def version_confirm_brief(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    """The leader confirms that the brief states his or her intention."""
    trip = trip_for(request.user, pk)
    version = _version(trip, number)
    approval.confirm_brief(version, request.user)  # PermissionDenied for anyone else
    messages.success(request, _("You confirmed the brief."))
    return redirect(version)


@office_required
@require_POST
def item_comment_done(request: HttpRequest, pk: int, comment_pk: int) -> HttpResponse:
    """The secretary marks one of the leader's comments done; htmx swaps the comment and
    the count, a plain POST goes back to the item."""
    trip = trip_for(request.user, pk, edit=True)
    comment = get_object_or_404(
        ItemComment.objects.select_related("version", "author__profile"),
        pk=comment_pk,
        version__trip=trip,
    )
    approval.mark_comment_done(trip, comment, request.user)
    if not request.htmx:
        messages.success(request, _("The comment is marked done."))
        return redirect(f"{trip.get_absolute_url()}#item-{comment.item_id}")
    comments = approval.leader_comments(trip, request.user)
    context = {
        "trip": trip,
        "comment": comment,
        "comment_count": approval.comment_count(trip, comments),
        "summary_oob": True,
    }
    return render(request, "trips/_item_comment_done.html", context)


@office_required
@require_POST
def version_submit(request: HttpRequest, pk: int) -> HttpResponse:
    """The secretary freezes the plan as a new version and sends it to the leader; with
    findings open, only once confirmed (else a page lists them, the note kept)."""
    trip = trip_for(request.user, pk, edit=True)
    items = list(itinerary.items_of(trip))
    findings = schedule.find_conflicts(trip, items=items)
    form = SubmitForm(request.POST, findings=findings)
    try:
        if not form.is_valid():
            approval.deciders_of_submission(trip, request.user)  # a refusal first, if any
            context = {"trip": trip, "form": form, "health": itinerary.health(items, findings)}
            return render(request, "trips/version_submit.html", context)
        version = approval.submit(trip, request.user, form.cleaned_data["note"])
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect(trip)
    messages.success(
        request, _("Version %(number)s is with the leader.") % {"number": version.number}
    )
    return redirect(version)


@office_required
@require_POST
def trip_advance(request: HttpRequest, pk: int) -> HttpResponse:
    """Start, complete or close the trip, as the workflow allows."""
    trip = trip_for(request.user, pk, edit=True)
    form = AdvanceForm(request.POST, trip=trip)
    if not form.is_valid():
        messages.error(request, _("Choose a step of the workflow."))
        return redirect(trip)
    try:
        approval.advance(trip, form.cleaned_data["to"], by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        status = trip.get_status_display()
        messages.success(request, _("The trip is now “%(status)s”.") % {"status": status})
    return redirect(trip)
