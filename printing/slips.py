"""The 督办通知单 and 催办通知单 of a follow-up item as PDF, one A4 page each, and as Word.

What a slip says comes from followups.slips, once; the PDF renders it here as a Document
of its own per item and per round ("duban-<item>", "urging-<item>-<round>"), so the PDF
cache keys each apart, and followups.word writes the same data as Word. An internal
trip's copies carry the reader's name and the time (the PDF's watermark, the Word file's
header) and every download is logged, the Word file's too. Who may print them is
followups.access.slip_item_for: the trip's team; outsiders of an internal trip get a 404.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import translation
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from accounts.roles import office_required
from followups import access, slips, word
from followups.models import FollowUp, Urging
from followups.slips import Slip
from printing import documents
from printing.documents import Document
from printing.render import watermark

TEMPLATE = "printing/slip.html"


def _slip_document(name: str, label, make: Callable[[str], Slip | None]) -> Document:
    def data(trip, language: str) -> dict:
        slip = make(language)
        if slip is None:
            raise Http404  # never handed over: no number, no slip
        return slip.as_data()

    # followups.access.slip_item_for decided who reads it already.
    return Document(name, label, TEMPLATE, data)


def duban_document(item: FollowUp) -> Document:
    return _slip_document(
        f"duban-{item.pk}",
        pgettext_lazy("printed document", "Follow-up notice"),
        lambda language: slips.duban_slip(item, language),
    )


def urging_document(item: FollowUp, urging) -> Document:
    return _slip_document(
        f"urging-{item.pk}-{urging.round}",
        pgettext_lazy("printed document", "Urging notice"),
        lambda language: slips.urging_slip(urging, item, language),
    )


def _pdf(request: HttpRequest, item: FollowUp, document: Document) -> HttpResponse:
    trip = item.trip
    language = documents.language_for(request.GET.get("lang"))
    pdf = documents.download(document, trip, request.user, language)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(
        False, documents.filename(document, trip, language)
    )
    # Internal copies carry the reader's name: no shared cache may keep them.
    response["Cache-Control"] = "private, no-store" if trip.is_confidential else "private"
    return response


@office_required
@require_GET
def duban_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The item's 督办通知单 as PDF, in the language asked for (?lang=) or the page's; a 404
    while the item was never handed over."""
    item = access.slip_item_for(request.user, pk)
    return _pdf(request, item, duban_document(item))


@office_required
@require_GET
def urging_pdf(request: HttpRequest, pk: int, round: int) -> HttpResponse:
    """The 催办通知单 of one of the item's rounds as PDF, in the language asked for or the
    page's."""
    item = access.slip_item_for(request.user, pk)
    return _pdf(request, item, urging_document(item, _urging(item, round)))


def _docx(request: HttpRequest, item: FollowUp, name: str, slip: Slip | None) -> HttpResponse:
    if slip is None:
        raise Http404  # never handed over: no number, no slip
    trip, language = item.trip, slip.language
    marking = ""
    if trip.is_confidential:
        with translation.override(language):
            marking = f"{_('Internal')} · {watermark(request.user, language)}"
    content = word.slip_docx(slip, marking)
    documents.record(f"{name}.docx", trip, request.user, language)
    response = HttpResponse(content, content_type=word.DOCX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(
        True, slips.file_name(slip, item, ".docx")
    )
    return response


def _urging(item: FollowUp, round: int) -> Urging:
    return get_object_or_404(item.urgings, round=round)


@never_cache
@office_required
@require_GET
def duban_docx(request: HttpRequest, pk: int) -> HttpResponse:
    """The item's 督办通知单 in Word, for the office to stamp, in the language asked for or
    the page's."""
    item = access.slip_item_for(request.user, pk)
    language = documents.language_for(request.GET.get("lang"))
    return _docx(request, item, duban_document(item).name, slips.duban_slip(item, language))


@never_cache
@office_required
@require_GET
def urging_docx(request: HttpRequest, pk: int, round: int) -> HttpResponse:
    """The 催办通知单 of one of the item's rounds in Word, in the language asked for or the
    page's."""
    item = access.slip_item_for(request.user, pk)
    urging = _urging(item, round)
    language = documents.language_for(request.GET.get("lang"))
    slip = slips.urging_slip(urging, item, language)
    return _docx(request, item, urging_document(item, urging).name, slip)
