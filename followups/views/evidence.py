"""Evidence on a follow-up item: added by those who update the item, downloaded by those who
read it, removed by the trip's secretaries (followups.access)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts.submissions import once
from followups import access, evidence
from followups.forms.evidence import EvidenceForm
from followups.models import Evidence
from followups.views.items import item_context


@login_required
@require_POST
def evidence_add(request: HttpRequest, pk: int) -> HttpResponse:
    """One file showing what was done; refused beside the field, the description kept."""
    item = access.item_for(request.user, pk, edit=True)
    form = EvidenceForm(request.POST, request.FILES)
    if form.is_valid():
        once(
            request,
            lambda: evidence.attach(
                item,
                form.cleaned_data["evidence"],
                form.checked,
                by=request.user,
                description=form.cleaned_data["description"],
            ),
        )
        messages.success(request, _("The evidence is added."))
        return redirect(f"{item.get_absolute_url()}#evidence")
    context = item_context(request, item, item.trip, evidence_form=form)
    return render(request, "followups/item.html", context)


@login_required
@require_GET
def evidence_download(request: HttpRequest, pk: int) -> FileResponse:
    """The file as a download, only to those who may read its item."""
    found = get_object_or_404(Evidence, pk=pk)
    access.item_for(request.user, found.followup_id)
    return file_response(found)


@login_required
@require_POST
def evidence_remove(request: HttpRequest, pk: int) -> HttpResponse:
    """The trip's secretaries remove evidence, while the trip may be edited."""
    found = get_object_or_404(Evidence, pk=pk)
    item = access.item_for(request.user, found.followup_id)
    if not access.may_manage(request.user, item):
        raise PermissionDenied
    found.followup = item
    evidence.remove(found, request.user)
    messages.success(request, _("The evidence is removed."))
    return redirect(f"{item.get_absolute_url()}#evidence")


def file_response(found: Evidence) -> FileResponse:
    """Serve the stored file as an attachment under its safe name and checked type."""
    try:
        handle = found.file.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    response = FileResponse(
        handle, as_attachment=True, filename=found.filename, content_type=found.content_type
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    # An internal trip's evidence: no shared cache keeps a copy.
    patch_cache_control(response, private=True, no_store=True)
    return response
