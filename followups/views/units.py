"""Follow-up panels for other apps' pages: a host unit's items, across the trips."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from accounts.panels import panel_template
from accounts.roles import office_required
from directory.models import HostUnit
from followups import items
from followups.models import FollowUp


@office_required
@require_GET
def unit_panel(request: HttpRequest, pk: int) -> HttpResponse:
    """Every follow-up item concerning a host unit, on the trips this user may read, open
    ones first: a panel of the unit's directory page (the page itself without htmx)."""
    unit = get_object_or_404(HostUnit, pk=pk)
    # Only trips the user may read: a confidential trip's item must not leak to outsiders.
    found = FollowUp.objects.concerning([unit.pk], request.user).open_first()
    context = {"unit": unit, "items": items.for_list(found, timezone.localdate())}
    return render(request, panel_template(request, "followups/_unit_panel.html"), context)
