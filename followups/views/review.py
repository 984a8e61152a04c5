"""The office's review of an answer (审核: accept or return) and the leader's (审阅)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from followups import access, workflow
from followups.forms.review import LeaderReviewForm, ReviewForm
from followups.views.items import item_context


def _apply(form, step) -> bool:
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
        if _apply(form, step):
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
        if _apply(form, step):
            messages.success(request, _("Your review is recorded."))
            return redirect(item)
    context = item_context(request, item, item.trip, leader_form=form)
    return render(request, "followups/item.html", context, status=400)
