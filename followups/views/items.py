"""Follow-up item pages: an item made from a note, its page and changes, the board, the
trip's follow-up panel and the closing of the trip."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.panels import panel_template
from accounts.roles import office_required
from accounts.submissions import once
from followups import access, departments, evidence, items, slips, urging, workflow
from followups.forms.department import DepartmentUpdateForm, ExtensionRequestForm
from followups.forms.evidence import EvidenceForm
from followups.forms.items import BoardFilterForm, FollowUpForm, OfficeUpdateForm
from followups.forms.review import (
    ExtensionDecisionForm,
    LeaderReviewForm,
    PartReviewForm,
    ReviewForm,
)
from followups.forms.urging import CallForm, UrgeForm
from followups.models import ExtensionRequest, FollowUp, FollowUpPart, Note
from trips.access import trip_for
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
        once(
            request,
            lambda: items.create(item, request.user, co_owners=form.cleaned_data["co_owners"]),
        )
        messages.success(request, _("The follow-up item is made."))
        return redirect(item)
    template = "followups/item_form.html#form" if request.htmx else "followups/item_form.html"
    return render(request, template, {"trip": trip, "note": note, "form": form})


def _item_for(user, pk: int, *, edit: bool = False) -> tuple[FollowUp, Trip]:
    """The item and its trip by followups.access: 404 for outsiders, 403 to change it for
    those who only read it."""
    item = access.item_for(user, pk, edit=edit)
    return item, item.trip


def item_context(
    request: HttpRequest,
    item: FollowUp,
    trip: Trip,
    form=None,
    evidence_form=None,
    *,
    urge_form=None,
    call_form=None,
    review_form=None,
    leader_form=None,
    **more_forms,
) -> dict:
    """The item page's context; the forms given keep what was typed, with their errors.

    The trip's secretaries change the item and review an answer (审核); a member of its
    department takes the department's steps (followups.workflow), never settling it; the
    trip's leader reads an answer awaiting review (审阅); the team prints its slips."""
    user = request.user
    may_update = access.may_update(user, item)
    secretary = trip.has_secretary(user)
    part = None if secretary else workflow.part_of(item, access.acting_department(user, item))
    if may_update:
        if secretary:
            form = form or OfficeUpdateForm.for_item(item)
        else:
            form = form or DepartmentUpdateForm.for_item(item, part=part)
        evidence_form = evidence_form or EvidenceForm()
    may_urge = access.may_manage(user, item) and not item.has_outcome
    unanswered = urging.unanswered(item)
    history = items.history(item)
    reviewing = secretary and item.status == FollowUp.Status.ANSWERED and item.takes_answers
    leading = item.status == FollowUp.Status.LEADER_REVIEW and workflow.is_leader(user, item)
    # The slips print once the item is handed over (it has its 督办 number), for the team.
    number = slips.duban_number(item) if access.may_print_slips(user, item) else None
    return {
        "duban_number": slips.duban_label(number) if number else "",
        **_parts_and_extensions(item, secretary, may_update, part, **more_forms),
        "rounds": urging.rounds(item),
        "unanswered": unanswered,
        "escalated": urging.escalates(item, unanswered),
        "may_urge": may_urge,
        "urge_form": (urge_form or UrgeForm()) if may_urge else None,
        "call_form": (call_form or CallForm()) if may_urge else None,
        "item": item,
        "trip": trip,
        "can_edit": may_update,
        "can_manage": access.may_manage(user, item),
        "form": form if may_update else None,
        "department_form": may_update and not secretary,
        "evidence_form": evidence_form if may_update else None,
        "review_form": (review_form or ReviewForm()) if reviewing else None,
        "leader_form": (leader_form or LeaderReviewForm()) if leading else None,
        "evidence": evidence.of_item(item),
        "history": history,
        "last_word": workflow.last_word(item, history),
    }


def _parts_and_extensions(
    item: FollowUp,
    secretary: bool,
    may_update: bool,
    part,
    *,
    part_review_form=None,
    extension_decision_form=None,
    extension_request_form=None,
) -> dict:
    """The co-owners' parts (配合) and the requests for more time (延期), with the office's
    forms to review them and the department's to ask; the forms given keep what was typed."""
    parts = list(item.parts.select_related("department"))
    extensions = list(item.extensions.all())
    pending = next((e for e in extensions if e.status == ExtensionRequest.Status.PENDING), None)
    reviews = secretary and may_update and not item.has_outcome
    asks = may_update and not secretary and part is None
    for each in parts:
        if reviews and each.status == FollowUpPart.Status.ANSWERED:
            bound = part_review_form and part_review_form.part_pk == each.pk
            each.review_form = part_review_form if bound else PartReviewForm.for_part(each)
    return {
        "parts": parts,
        "my_part": part,
        "extensions": extensions,
        "pending_extension": pending,
        "extension_decision_form": (
            (extension_decision_form or ExtensionDecisionForm()) if reviews and pending else None
        ),
        "extension_request_form": (
            (extension_request_form or ExtensionRequestForm())
            if asks and workflow.may_ask_extension(item, timezone.localdate())
            else None
        ),
    }


@login_required
@require_GET
def item_detail(request: HttpRequest, pk: int) -> HttpResponse:
    item, trip = _item_for(request.user, pk)
    return render(request, "followups/item.html", item_context(request, item, trip))


@login_required
@require_POST
def item_update(request: HttpRequest, pk: int) -> HttpResponse:
    """The trip's secretaries record an answer the department gave (代录), the leader's
    help, a comment; a member of a department that answers for the item takes its next
    step. Both by followups.workflow, where only the office's review settles an item.
    Errors beside the fields."""
    item, trip = _item_for(request.user, pk, edit=True)
    if not trip.has_secretary(request.user):
        return _department_update(request, item, trip)
    form = OfficeUpdateForm.for_item(item, request.POST)
    if form.is_valid():
        try:
            record = workflow.office_update(item, request.user, **form.cleaned_data)
        except ValidationError as error:
            for field, errors in workflow.errors_of(error).items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            if record is not None:
                messages.success(request, _("The item is updated."))
            return redirect(item)
    template = "followups/item.html#status" if request.htmx else "followups/item.html"
    return render(request, template, item_context(request, item, trip, form))


def _department_update(request: HttpRequest, item: FollowUp, trip: Trip) -> HttpResponse:
    """A department member's step, by the same rules as through the department's link."""
    part = workflow.part_of(item, access.acting_department(request.user, item))
    form = DepartmentUpdateForm.for_item(item, request.POST, request.FILES or None, part=part)
    if form.is_valid() and department_step(item, form, by=request.user, part=part):
        messages.success(request, _("The item is updated."))
        return redirect(item)
    form.ask_for_the_file_again()
    template = "followups/item.html#status" if request.htmx else "followups/item.html"
    return render(request, template, item_context(request, item, trip, form))


def department_step(
    item: FollowUp, form: DepartmentUpdateForm, *, by=None, by_name="", part=None
) -> bool:
    """Apply the department's form through followups.departments (a co-owner's: its
    `part`); False with the refusals on the form."""
    data = form.cleaned_data
    try:
        departments.answer(
            item,
            data["action"],
            by=by,
            by_name=by_name,
            answer=data["answer"],
            reason=data["reason"],
            needs_leader=data["needs_leader"],
            comment=data["comment"],
            upload=data.get("evidence"),
            checked=form.checked,
            part=part,
        )
    except ValidationError as error:
        for field, errors in workflow.errors_of(error).items():
            form.add_error(field if field in form.fields else None, errors)
        return False
    return True


@office_required
@require_GET
def board(request: HttpRequest) -> HttpResponse:
    """Every follow-up item of the trips the user may read, filtered, counted, overdue marked."""
    today = timezone.localdate()
    form = BoardFilterForm(request.GET or None, user=request.user)
    found, counted = items.board(request.user, today, **form.filters())
    listed = Paginator(items.for_list(found, today), BOARD_PAGE_SIZE)
    page = listed.get_page(request.GET.get("page"))
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
            "query_string": query.urlencode(),
            # The 督办统计 is for the trips' secretaries and leaders.
            "sees_stats": access.stats_trips(request.user).exists(),
        },
    )


def _panel_context(request: HttpRequest, trip: Trip) -> dict:
    today = timezone.localdate()
    counts = items.counts(trip.followups.all(), today)
    return {
        "trip": trip,
        "items": items.for_list(trip.followups.all(), today),
        "counts": counts,
        "can_close": access.may_close(request.user, trip),
        "may_read_report": access.may_read_report(trip, request.user),
    }


@office_required
@require_GET
def trip_panel(request: HttpRequest, pk: int) -> HttpResponse:
    """The trip page's follow-up panel (loaded by URL): the items, their counts, closing."""
    trip = trip_for(request.user, pk)
    template = panel_template(request, "followups/_followup_panel.html")
    return render(request, template, _panel_context(request, trip))


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
