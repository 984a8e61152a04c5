"""The 督办通知单 and 催办通知单 of a follow-up item as PDF, one A4 page each, and as Word.

What a slip says comes from followups.slips, once; the PDF renders that data here as a
Document of its own per item and per round ("duban-<item>", "urging-<item>-<round>"), so
the PDF cache keys each apart, and followups.word writes the same data as Word. An
internal trip's copies carry the reader's name and the time (the PDF's watermark, the Word
file's header) and every download is logged, the Word file's too. Who may print them is
followups.access.slip_item_for: the trip's team; outsiders of an internal trip get a 404.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import translation
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import pgettext, pgettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from accounts import words
from accounts.roles import office_required
from followups import access, slips, word
from followups.models import FollowUp
from followups.slips import Slip
from printing import documents
from printing.documents import Document
from printing.render import watermark

TEMPLATE = "printing/slip.html"


def slip_document(name: str, slip: Slip) -> Document:
    """The slip as a printed document named `name` (its PDF's cache and log name)."""
    # followups.access.slip_item_for decided who reads it already; the slip is worded in
    # its language (followups.slips), the document shows it as it is.
    return Document(name, slip.title, TEMPLATE, lambda trip, language: slip.as_data())


# The download log names a slip by its kind (printing.catalogue.label_of).
KINDS = {
    "duban": pgettext_lazy("printed document", "Follow-up notice"),
    "urging": pgettext_lazy("printed document", "Urging notice"),
}


def label_of(name: str) -> str | None:
    """The title of a slip logged as "duban-12", "urging-12-2" or "duban-12.docx" (with
    the item's id, the round, "Word"), in the active language; None for other names."""
    kind, _sep, rest = name.partition("-")
    if kind not in KINDS or not rest:
        return None
    rest, word_file = rest.removesuffix(".docx"), rest.endswith(".docx")
    item, _sep, round_ = rest.partition("-")
    label = f"{KINDS[kind]} #{item}" + (f"-{round_}" if round_ else "")
    return label + words.aside(pgettext("file format", "Word")) if word_file else label


def duban_name(item: FollowUp) -> str:
    return f"duban-{item.pk}"


def urging_name(item: FollowUp, round_: int) -> str:
    return f"urging-{item.pk}-{round_}"


def _pdf(request: HttpRequest, item: FollowUp, document: Document, slip: Slip) -> HttpResponse:
    trip = item.trip
    pdf = documents.download(document, trip, request.user, slip.language)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(
        False, slips.file_name(slip, item, ".pdf")
    )
    # Internal copies carry the reader's name: no shared cache may keep them.
    response["Cache-Control"] = "private, no-store" if trip.is_confidential else "private"
    return response


def _docx(request: HttpRequest, item: FollowUp, document: Document, slip: Slip) -> HttpResponse:
    trip = item.trip
    marking = ""
    if trip.is_confidential:
        with translation.override(slip.language):
            marking = f"{_('Internal')} · {watermark(request.user, slip.language)}"
    content = word.slip_docx(slip, marking)
    documents.record(f"{document.name}.docx", trip, request.user, slip.language)
    response = HttpResponse(content, content_type=word.DOCX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(
        True, slips.file_name(slip, item, ".docx")
    )
    response["Cache-Control"] = "private, no-store"
    return response


Serve = Callable[[HttpRequest, FollowUp, Document, Slip], HttpResponse]


def _serve(request: HttpRequest, name: str, slip: Slip | None, item: FollowUp, serve: Serve):
    if slip is None:
        raise Http404  # never handed over: no number, no slip
    return serve(request, item, slip_document(name, slip), slip)


def _duban(request: HttpRequest, pk: int, serve: Serve) -> HttpResponse:
    item = access.slip_item_for(request.user, pk)
    language = documents.language_for(request.GET.get("lang"))
    return _serve(request, duban_name(item), slips.duban_slip(item, language), item, serve)


def _urging(request: HttpRequest, pk: int, round_: int, serve: Serve) -> HttpResponse:
    item = access.slip_item_for(request.user, pk)
    urging = get_object_or_404(item.urgings, round=round_)
    language = documents.language_for(request.GET.get("lang"))
    slip = slips.urging_slip(urging, item, language)
    return _serve(request, urging_name(item, round_), slip, item, serve)


@office_required
@require_GET
def duban_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The item's 督办通知单 as PDF, in the language asked for (?lang=) or the page's; a 404
    while the item was never handed over."""
    return _duban(request, pk, _pdf)


@never_cache
@office_required
@require_GET
def duban_docx(request: HttpRequest, pk: int) -> HttpResponse:
    """The item's 督办通知单 in Word, for the office to stamp."""
    return _duban(request, pk, _docx)


@office_required
@require_GET
def urging_pdf(request: HttpRequest, pk: int, round: int) -> HttpResponse:
    """The 催办通知单 of one of the item's rounds as PDF, in the language asked for or the
    page's."""
    return _urging(request, pk, round, _pdf)


@never_cache
@office_required
@require_GET
def urging_docx(request: HttpRequest, pk: int, round: int) -> HttpResponse:
    """The 催办通知单 of one of the item's rounds in Word, for the office to stamp."""
    return _urging(request, pk, round, _docx)
