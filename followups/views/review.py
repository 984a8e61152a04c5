"""The office's review of an answer (审核: accept or return), of a co-owner's part and of
a request for more time (延期); the leader's (审阅); the department asking for more time."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from followups import access, workflow
from followups.forms.department import ExtensionRequestForm
from followups.forms.review import (
    ExtensionDecisionForm,
    LeaderReviewForm,
    PartReviewForm,
    ReviewForm,
)
from followups.views.items import item_context


def apply_step(form, step) -> bool:
    """Run the workflow step; False with its refusal on the form."""
    try:
        step()
    except ValidationError as error:
        for field, errors in workflow.errors_of(error).items():
            form.add_error(field if field in form.fields else None, errors)
        return False
    return True


@login_required
@require_POST
def item_review(request: HttpRequest, pk: int) -> HttpResponse:
    """A trip's secretary accepts the department's answer or returns it with a reason."""
    item = access.item_for(request.user, pk)
    form = ReviewForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        if data["decision"] == "accept":
            step = lambda: workflow.accept(item, request.user, comment=data["comment"])  # noqa: E731
        else:
            step = lambda: workflow.return_answer(item, request.user, reason=data["comment"])  # noqa: E731
        if apply_step(form, step):
            messages.success(request, _("Your review is recorded."))
            return redirect(item)
    context = item_context(request, item, item.trip, review_form=form)
    return render(request, "followups/item.html", context, status=400)


@login_required
@require_POST
def item_leader_review(request: HttpRequest, pk: int) -> HttpResponse:
    """The trip's leader agrees with the answer or writes a 批示 that reopens the item."""
    item = access.item_for(request.user, pk)
    form = LeaderReviewForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        if data["decision"] == "agree":
            step = lambda: workflow.agree(item, request.user)  # noqa: E731
        else:
            step = lambda: workflow.instruct(  # noqa: E731
                item, request.user, instruction=data["instruction"]
            )
        if apply_step(form, step):
            messages.success(request, _("Your review is recorded."))
            return redirect(item)
    context = item_context(request, item, item.trip, leader_form=form)
    return render(request, "followups/item.html", context, status=400)


@login_required
@require_POST
def part_review(request: HttpRequest, pk: int, part_pk: int) -> HttpResponse:
    """A trip's secretary accepts a co-owner's part (配合) or returns it with a reason."""
    item = access.item_for(request.user, pk)
    part = get_object_or_404(item.parts, pk=part_pk)
    form = PartReviewForm.for_part(part, request.POST)
    if form.is_valid():
        data = form.cleaned_data
        accept = data["decision"] == "accept"
        if apply_step(
            form,
            lambda: workflow.review_part(
                part, request.user, accept=accept, comment=data["comment"]
            ),
        ):
            messages.success(request, _("Your review is recorded."))
            return redirect(item)
    context = item_context(request, item, item.trip, part_review_form=form)
    return render(request, "followups/item.html", context, status=400)


@login_required
@require_POST
def extension_decide(request: HttpRequest, pk: int, extension_pk: int) -> HttpResponse:
    """A trip's secretary approves a request for more time (延期) or refuses it."""
    item = access.item_for(request.user, pk)
    extension = get_object_or_404(item.extensions, pk=extension_pk)
    form = ExtensionDecisionForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        approve = data["decision"] == "approve"
        if apply_step(
            form,
            lambda: workflow.decide_extension(
                extension, request.user, approve=approve, comment=data["comment"]
            ),
        ):
            messages.success(request, _("Your decision is recorded."))
            return redirect(item)
    context = item_context(request, item, item.trip, extension_decision_form=form)
    return render(request, "followups/item.html", context, status=400)


@login_required
@require_POST
def item_extension(request: HttpRequest, pk: int) -> HttpResponse:
    """A member of the owner department asks for more time (延期申请)."""
    item = access.item_for(request.user, pk, edit=True)
    form = ExtensionRequestForm(request.POST)
    if form.is_valid() and apply_step(form, lambda: ask_for_time(item, form, by=request.user)):
        messages.success(request, _("Your request is sent to the office."))
        return redirect(item)
    context = item_context(request, item, item.trip, extension_request_form=form)
    return render(request, "followups/item.html", context, status=400)


def ask_for_time(item, form: ExtensionRequestForm, *, by=None, by_name: str = ""):
    """The department's request from its form, with an account or through its link."""
    data = form.cleaned_data
    return workflow.ask_extension(
        item, by, to_date=data["to_date"], reason=data["reason"], by_name=by_name
    )
