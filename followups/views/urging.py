"""催办 on an item's page: the trip's secretary sends a 催办通知 by e-mail, or records a
phone call; each is a round (followups.urging)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.submissions import once
from followups import access, urging
from followups.forms.urging import CallForm, UrgeForm
from followups.views.items import item_context


@login_required
@require_POST
def item_urge(request: HttpRequest, pk: int) -> HttpResponse:
    """Send the department a 催办通知 about the item, with its link; a new round."""
    item = access.item_for(request.user, pk)
    form = UrgeForm(request.POST)
    if form.is_valid():
        try:
            made = once(request, lambda: urging.urge(item, request.user, **form.cleaned_data))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _sent(made))
        return redirect(item)
    context = item_context(request, item, item.trip, urge_form=form)
    return render(request, "followups/item.html", context, status=400)


@login_required
@require_POST
def item_call(request: HttpRequest, pk: int) -> HttpResponse:
    """Record a phone call to the department as a round: who was called, what they said."""
    item = access.item_for(request.user, pk)
    form = CallForm(request.POST)
    if form.is_valid():
        try:
            made = once(
                request, lambda: urging.record_call(item, request.user, **form.cleaned_data)
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("Urging no. %(round)s is recorded.") % {"round": made.round}
            )
            return redirect(item)
    context = item_context(request, item, item.trip, call_form=form)
    return render(request, "followups/item.html", context, status=400)


def _sent(made) -> str:
    return _("Urging no. %(round)s is sent to %(to)s.") % {
        "round": made.round,
        "to": made.recipients,
    }
