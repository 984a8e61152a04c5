"""Notices to host units: the secretary's page and sending, the unit's page, leaving now."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts import people, throttle
from accounts.roles import office_required
from accounts.submissions import once
from directory.models import HostUnit
from trips import notices
from trips.access import trip_for
from trips.forms.notices import (
    NoticeAckForm,
    NoticeAnswerForm,
    NoticeReplyForm,
    NoticeSendForm,
    NoticeTextForm,
    PhoneNoticeForm,
    UnitRequirementsForm,
)
from trips.models import Notice, NoticeReply, Trip

HOUR = 3600


@office_required
@require_GET
def notice_board(request: HttpRequest, pk: int) -> HttpResponse:
    """Per host unit: the notice that would go now, and how the last one fares."""
    trip = trip_for(request.user, pk, edit=True)
    return _board_page(request, trip)


def _requirements_form(draft: notices.NoticeDraft, data=None) -> UnitRequirementsForm:
    """The unit's requirements form, filled with what its notice would say now."""
    content = draft.content
    initial = {
        "text": content.get("requirements", ""),
        "purpose": content.get("purpose", ""),
        "dietary": notices.format_dietary(content.get("dietary") or []),
        "reference": content.get("reference", ""),
    }
    return UnitRequirementsForm(data, initial=initial, prefix=f"unit-{draft.host_unit.pk}")


def _unit_forms(request: HttpRequest, row: notices.UnitRow) -> None:
    """The notices page's other forms of a unit: its notice text, a phone notice, an answer."""
    pk = row.draft.host_unit.pk
    if row.draft.is_pending:
        row.text_form = NoticeTextForm(initial={"text": row.draft.text}, prefix=f"text-{pk}")
        if row.draft.can_phone:
            initial = {
                "caller": people.display_name(request.user),
                "called_at": timezone.localtime().replace(second=0, microsecond=0),
                "acknowledged": True,
            }
            row.phone_form = PhoneNoticeForm(initial=initial, prefix=f"phone-{pk}")
    if row.notice is not None and row.replies:
        row.answer_form = NoticeAnswerForm(prefix=f"answer-{pk}")


def _board_page(
    request: HttpRequest,
    trip,
    refused: UnitRequirementsForm | None = None,
    unit_pk: int = 0,
    other: tuple[str, object] | None = None,
    status: int = 200,
) -> HttpResponse:
    """The board, each visited unit with its forms (a refused one as typed)."""
    board = notices.board(trip)
    rows = []
    for row in board.rows:
        form = None
        if row.draft.visited:
            form = refused if row.draft.host_unit.pk == unit_pk else _requirements_form(row.draft)
        _unit_forms(request, row)
        if other and row.draft.host_unit.pk == unit_pk:
            setattr(row, other[0], other[1])
        rows.append((row, form))
    context = {"trip": trip, "board": board, "rows": rows}
    template = "trips/notices.html#board" if request.htmx else "trips/notices.html"
    return render(request, template, context, status=status)


@office_required
@require_POST
def notice_requirements(request: HttpRequest, pk: int, unit_pk: int) -> HttpResponse:
    """Keep what one unit is asked to prepare; a refusal shows beside the field, input kept."""
    trip, unit = _trip_and_unit(request, pk, unit_pk)
    form = UnitRequirementsForm(request.POST, prefix=f"unit-{unit.pk}")
    if not form.is_valid():
        return _board_page(request, trip, refused=form, unit_pk=unit.pk)
    data = form.cleaned_data
    try:
        notices.set_requirements(
            trip,
            unit,
            data["text"],
            request.user,
            purpose=data["purpose"],
            dietary=data["dietary"],
            reference=data["reference"],
        )
    except ValidationError as refused:
        messages.error(request, refused.messages[0])
    else:
        text = _("Saved. %(unit)s learns it with its next notice.") % {"unit": unit.name}
        messages.success(request, text)
    return _to_unit(trip, unit)


def _trip_and_unit(request: HttpRequest, pk: int, unit_pk: int) -> tuple[Trip, HostUnit]:
    """The trip, for its secretaries, and one host unit of the directory."""
    return trip_for(request.user, pk, edit=True), get_object_or_404(HostUnit, pk=unit_pk)


def _to_unit(trip, unit: HostUnit) -> HttpResponse:
    """Back to the notices page, at this unit's section."""
    return redirect(f"{reverse('trips:notices', args=[trip.pk])}#unit-{unit.pk}")


@office_required
@require_POST
def notice_text(request: HttpRequest, pk: int, unit_pk: int) -> HttpResponse:
    """Keep the secretary's edit of the unit's next notice (empty: back to the generated)."""
    trip, unit = _trip_and_unit(request, pk, unit_pk)
    form = NoticeTextForm(request.POST, prefix=f"text-{unit.pk}")
    if form.is_valid():
        try:
            notices.set_notice_text(trip, unit, form.cleaned_data["text"], request.user)
        except ValidationError as refused:
            form.add_error("text", refused.messages[0])
    if not form.is_valid():
        return _board_page(request, trip, None, unit.pk, ("text_form", form), status=400)
    messages.success(request, _("The notice to %(unit)s is saved as edited.") % {"unit": unit})
    return _to_unit(trip, unit)


@office_required
@require_POST
def notice_phone(request: HttpRequest, pk: int, unit_pk: int) -> HttpResponse:
    """Record the unit's notice as given by phone."""
    trip, unit = _trip_and_unit(request, pk, unit_pk)
    form = PhoneNoticeForm(request.POST, prefix=f"phone-{unit.pk}")
    if not form.is_valid():
        return _board_page(request, trip, None, unit.pk, ("phone_form", form), status=400)
    try:
        once(request, lambda: notices.record_phone(trip, unit, request.user, **form.cleaned_data))
    except ValidationError as refused:
        messages.error(request, refused.messages[0])
    else:
        messages.success(request, _("The phone notice to %(unit)s is recorded.") % {"unit": unit})
    return _to_unit(trip, unit)


@office_required
@require_POST
def notice_answer(request: HttpRequest, pk: int, unit_pk: int) -> HttpResponse:
    """Answer the unit's messages: the answer reaches it by e-mail."""
    trip, unit = _trip_and_unit(request, pk, unit_pk)
    form = NoticeAnswerForm(request.POST, prefix=f"answer-{unit.pk}")
    if not form.is_valid():
        return _board_page(request, trip, None, unit.pk, ("answer_form", form), status=400)
    try:
        once(request, lambda: notices.answer(trip, unit, form.cleaned_data["text"], request.user))
    except ValidationError as refused:
        messages.error(request, refused.messages[0])
    else:
        messages.success(request, _("Your answer is on its way to %(unit)s.") % {"unit": unit})
    return _to_unit(trip, unit)


@office_required
@require_POST
def notice_message_read(request: HttpRequest, pk: int, message_pk: int) -> HttpResponse:
    """A secretary has read a unit's message: it leaves the dashboards."""
    trip = trip_for(request.user, pk, edit=True)
    message = get_object_or_404(
        NoticeReply.objects.select_related("notice"), pk=message_pk, notice__trip=trip
    )
    notices.mark_read(trip, message, request.user)
    back = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure()):
        return redirect(back)
    return redirect("trips:notices", trip.pk)


@office_required
@require_POST
def notices_send(request: HttpRequest, pk: int) -> HttpResponse:
    """Send every pending notice, or one unit's."""
    trip = trip_for(request.user, pk, edit=True)
    form = NoticeSendForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest()
    try:
        sent = notices.send(trip, request.user, form.unit_ids())
    except ValidationError as refused:
        messages.error(request, refused.messages[0])
    else:
        count = len(sent)
        text = ngettext("%(count)d notice sent.", "%(count)d notices sent.", count)
        messages.success(request, text % {"count": count} if count else _("Nothing to send."))
    return redirect("trips:notices", trip.pk)


@office_required
@require_POST
def item_leaving(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    """Tell the next host unit when to expect the party ("leaving now"): any of the party."""
    trip = trip_for(request.user, pk)
    item = get_object_or_404(trip.items.select_related("host_unit"), pk=item_pk)
    try:
        departure, told = notices.leave(item, request.user)
    except ValidationError as refused:
        level, note = messages.ERROR, refused.messages[0]
    else:
        when = f"{trip.local(departure.expected_at):%H:%M}"
        text = (
            _("%(unit)s expects you at %(time)s.")
            if told
            else _("%(unit)s was told a moment ago: expected at %(time)s.")
        )
        level, note = messages.SUCCESS, text % {"unit": departure.next_unit, "time": when}
    if request.htmx:
        item.next_stop = notices.next_stop(item)
        failed = level == messages.ERROR
        context = {"item": item, "trip": trip, "note": note, "failed": failed}
        return render(request, "trips/_leaving_now.html", context)
    messages.add_message(request, level, note)
    return redirect(f"{trip.get_absolute_url()}#item-{item.pk}")


# The host unit's page: no account, a signed link, the unit's language


def _refused(request: HttpRequest, refused: notices.LinkRefused) -> HttpResponse:
    """A clear page for a link that opens nothing, with no data of any notice."""
    language = refused.notice.host_unit.language if refused.notice else translation.get_language()
    with translation.override(language):
        response = render(
            request, "trips/notice_refused.html", {"reason": refused.reason}, status=refused.status
        )
    response.headers["Content-Language"] = language
    return response


def notice_link(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Open the signed link (a clear page when refused), then answer in the unit's language."""

    @wraps(view)
    def wrapped(request: HttpRequest, token: str) -> HttpResponse:
        try:
            notice = notices.open_link(token)
        except notices.LinkRefused as refused:
            return _refused(request, refused)
        language = notice.host_unit.language
        with translation.override(language):
            response = view(request, notice, token)
        response.headers["Content-Language"] = language
        return response

    return never_cache(wrapped)


def _ack_page(
    request: HttpRequest,
    notice: Notice,
    token: str,
    ack_form: NoticeAckForm,
    reply_form: NoticeReplyForm,
) -> HttpResponse:
    """The unit's part of the visit (as sent), its answer so far, and the two forms."""
    context = {
        **notices.mail_context(notice.host_unit, notice.kind, notice.content, notice.changes),
        "notice": notice,
        "token": token,
        "ack_form": ack_form,
        "reply_form": reply_form,
        "replies": notice.replies.all(),
    }
    return render(request, "trips/notice_ack.html", context)


@require_http_methods(["GET", "POST"])
@notice_link
def notice_ack(request: HttpRequest, notice: Notice, token: str) -> HttpResponse:
    """The unit acknowledges, names its on-site contact and says how far it is."""
    form = NoticeAckForm(request.POST or None, notice=notice)
    if request.method == "POST" and form.is_valid():
        notice.acknowledge(**form.cleaned_data)
        messages.success(request, _("Thank you. The office has your answer."))
        return redirect("trips:notice_ack", token)
    return _ack_page(request, notice, token, form, NoticeReplyForm())


@require_POST
@notice_link
def notice_reply(request: HttpRequest, notice: Notice, token: str) -> HttpResponse:
    """A message from the unit to the office."""
    form = NoticeReplyForm(request.POST)
    status = 200
    if form.is_valid():
        if _reply_allowed(request, notice):
            once(request, lambda: notices.reply(notice, form.cleaned_data["text"]))
            messages.success(request, _("Your message was sent to the office."))
            return redirect("trips:notice_ack", token)
        # Beside the field, which keeps what the unit typed.
        form.add_error(
            "text", _("Too many messages in the last hour. Please send this one again later.")
        )
        status = 429
    response = _ack_page(request, notice, token, NoticeAckForm(notice=notice), form)
    response.status_code = status
    return response


def _reply_allowed(request: HttpRequest, notice: Notice) -> bool:
    """At most NOTICE_MESSAGE_LIMIT messages an hour per notice and per client address."""
    limit = settings.NOTICE_MESSAGE_LIMIT
    per_notice = throttle.allow(f"notice-reply:{notice.pk}", limit, HOUR)
    per_ip = throttle.allow(f"notice-reply-ip:{throttle.client_ip(request)}", limit, HOUR)
    return per_notice and per_ip
