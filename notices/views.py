"""Notices to host units: the secretary's page and sending, the trip page's panels,
cancelling the trip (which tells the hosts), "leaving now", the unit's page; and the
party's day, which shows the units' on-site contacts from their answers."""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts import links as account_links
from accounts import people, throttle
from accounts.offline import keep_offline
from accounts.panels import panel_template
from accounts.roles import office_required
from accounts.submissions import once
from directory.models import HostUnit
from notices import (
    access,
    cancelling,
    departures,
    drafts,
    links,
    official,
    parts,
    reception,
    sending,
)
from notices import board as boards
from notices import messages as unit_messages
from notices.forms import (
    NoticeAckForm,
    NoticeAnswerForm,
    NoticeReplyForm,
    NoticeSendForm,
    NoticeTextForm,
    PhoneNoticeForm,
    UnitRequirementsForm,
)
from notices.models import Notice, NoticeReply
from trips import today
from trips.access import party_trip_for, trip_for
from trips.forms.approval import CancelForm
from trips.models import Trip


@office_required
@require_GET
def notice_board(request: HttpRequest, pk: int) -> HttpResponse:
    """Per host unit: the notice that would go now, and how the last one fares."""
    trip = trip_for(request.user, pk, edit=True)
    return _board_page(request, trip)


def _requirements_form(draft: drafts.NoticeDraft, data=None) -> UnitRequirementsForm:
    """The unit's requirements form, filled with what its notice would say now."""
    content = draft.content
    initial = {
        "text": content.get("requirements", ""),
        "purpose": content.get("purpose", ""),
        "dietary": drafts.format_dietary(content.get("dietary") or []),
        "reference": content.get("reference", ""),
    }
    return UnitRequirementsForm(data, initial=initial, prefix=f"unit-{draft.host_unit.pk}")


def _unit_forms(request: HttpRequest, row: boards.UnitRow) -> None:
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
    board = boards.board(trip)
    # Each unit's 公函 and whether it was told by phone instead (notices.letters).
    latest = trip.letters.latest_by_unit()
    phoned = set(trip.phone_notices.values_list("host_unit_id", flat=True))
    rows = []
    for row in board.rows:
        row.letter = latest.get(row.draft.host_unit.pk)
        row.letter_by_phone = row.draft.host_unit.pk in phoned
        form = None
        if row.draft.visited:
            form = refused if row.draft.host_unit.pk == unit_pk else _requirements_form(row.draft)
        _unit_forms(request, row)
        if other and row.draft.host_unit.pk == unit_pk:
            setattr(row, other[0], other[1])
        rows.append((row, form))
    context = {"trip": trip, "board": board, "rows": rows}
    template = "notices/notices.html#board" if request.htmx else "notices/notices.html"
    return render(request, template, context, status=status)


@office_required
@require_POST
def notice_requirements(request: HttpRequest, pk: int, unit_pk: int) -> HttpResponse:
    """Keep what one unit is asked to prepare; a refusal shows beside the field, input kept."""
    trip, unit = access.trip_and_unit(request.user, pk, unit_pk)
    form = UnitRequirementsForm(request.POST, prefix=f"unit-{unit.pk}")
    if not form.is_valid():
        return _board_page(request, trip, refused=form, unit_pk=unit.pk)
    data = form.cleaned_data
    try:
        drafts.set_requirements(
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


def _to_unit(trip, unit: HostUnit) -> HttpResponse:
    """Back to the notices page, at this unit's section."""
    return redirect(f"{reverse('notices:notices', args=[trip.pk])}#unit-{unit.pk}")


@office_required
@require_POST
def notice_text(request: HttpRequest, pk: int, unit_pk: int) -> HttpResponse:
    """Keep the secretary's edit of the unit's next notice (empty: back to the generated)."""
    trip, unit = access.trip_and_unit(request.user, pk, unit_pk)
    form = NoticeTextForm(request.POST, prefix=f"text-{unit.pk}")
    if form.is_valid():
        try:
            drafts.set_notice_text(trip, unit, form.cleaned_data["text"], request.user)
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
    trip, unit = access.trip_and_unit(request.user, pk, unit_pk)
    form = PhoneNoticeForm(request.POST, prefix=f"phone-{unit.pk}")
    if not form.is_valid():
        return _board_page(request, trip, None, unit.pk, ("phone_form", form), status=400)
    try:
        once(
            request,
            lambda: sending.record_phone(trip, unit, request.user, **form.cleaned_data),
        )
    except ValidationError as refused:
        messages.error(request, refused.messages[0])
    else:
        messages.success(request, _("The phone notice to %(unit)s is recorded.") % {"unit": unit})
    return _to_unit(trip, unit)


@office_required
@require_POST
def notice_answer(request: HttpRequest, pk: int, unit_pk: int) -> HttpResponse:
    """Answer the unit's messages: the answer reaches it by e-mail."""
    trip, unit = access.trip_and_unit(request.user, pk, unit_pk)
    form = NoticeAnswerForm(request.POST, prefix=f"answer-{unit.pk}")
    if not form.is_valid():
        return _board_page(request, trip, None, unit.pk, ("answer_form", form), status=400)
    try:
        once(
            request,
            lambda: unit_messages.answer(trip, unit, form.cleaned_data["text"], request.user),
        )
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
    unit_messages.mark_read(trip, message, request.user)
    back = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure()):
        return redirect(back)
    return redirect("notices:notices", trip.pk)


@office_required
@require_POST
def notices_send(request: HttpRequest, pk: int) -> HttpResponse:
    """Send every pending notice, or one unit's."""
    trip = trip_for(request.user, pk, edit=True)
    form = NoticeSendForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest()
    try:
        sent = sending.send(trip, request.user, form.unit_ids())
    except ValidationError as refused:
        messages.error(request, refused.messages[0])
    else:
        count = len(sent)
        text = ngettext("%(count)d notice sent.", "%(count)d notices sent.", count)
        messages.success(request, text % {"count": count} if count else _("Nothing to send."))
    return redirect("notices:notices", trip.pk)


@office_required
@require_POST
def item_leaving(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    """Tell the next host unit when to expect the party ("leaving now"): any of the party."""
    trip = trip_for(request.user, pk)
    item = get_object_or_404(trip.items.select_related("host_unit"), pk=item_pk)
    try:
        departure, told = departures.leave(item, request.user)
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
        item.next_stop = departures.next_stop(item)
        failed = level == messages.ERROR
        context = {"item": item, "trip": trip, "note": note, "failed": failed}
        return render(request, "notices/_leaving_now.html", context)
    messages.add_message(request, level, note)
    return redirect(f"{trip.get_absolute_url()}#item-{item.pk}")


# The host unit's page: no account, a signed link, the unit's language


def _refused(request: HttpRequest, refused: links.LinkRefused) -> HttpResponse:
    """A clear page for a link that opens nothing, with no data of any notice."""
    language = refused.notice.host_unit.language if refused.notice else translation.get_language()
    return account_links.refused_page(request, refused.words, refused.status, language)


def notice_link(view=None, *, for_list: bool = False):
    """Open the signed link (a clear page when refused), then answer in the unit's language;
    @notice_link(for_list=True) for the 接待清单, which the link opens longer."""
    if view is None:
        return lambda view: notice_link(view, for_list=for_list)

    @wraps(view)
    def wrapped(request: HttpRequest, token: str) -> HttpResponse:
        try:
            notice = links.open_link(token, for_list=for_list)
        except links.LinkRefused as refused:
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
        **parts.mail_context(notice.host_unit, notice.kind, notice.content, notice.changes),
        "notice": notice,
        "token": token,
        "ack_form": ack_form,
        "reply_form": reply_form,
        "replies": notice.replies.all(),
        "reception_open": not notice.is_cancellation and reception.may_fill(notice),
        # The Chinese notice on GB/T 9704 paper (printing serves it by URL name).
        "paper": bool(notice.text) and official.is_chinese(notice.host_unit.language),
    }
    return render(request, "notices/notice_ack.html", context)


@require_http_methods(["GET", "POST"])
@notice_link
def notice_ack(request: HttpRequest, notice: Notice, token: str) -> HttpResponse:
    """The unit acknowledges, names its on-site contact and says how far it is."""
    form = NoticeAckForm(request.POST or None, notice=notice)
    if request.method == "POST" and form.is_valid():
        notice.acknowledge(**form.cleaned_data)
        messages.success(request, _("Thank you. The office has your answer."))
        return redirect("notices:notice_ack", token)
    return _ack_page(request, notice, token, form, NoticeReplyForm())


@require_POST
@notice_link
def notice_reply(request: HttpRequest, notice: Notice, token: str) -> HttpResponse:
    """A message from the unit to the office."""
    form = NoticeReplyForm(request.POST)
    status = 200
    if form.is_valid():
        if unit_messages.may_reply(notice, throttle.client_ip(request)):
            once(request, lambda: unit_messages.reply(notice, form.cleaned_data["text"]))
            messages.success(request, _("Your message was sent to the office."))
            return redirect("notices:notice_ack", token)
        # Beside the field, which keeps what the unit typed.
        form.add_error(
            "text", _("Too many messages in the last hour. Please send this one again later.")
        )
        status = 429
    response = _ack_page(request, notice, token, NoticeAckForm(notice=notice), form)
    response.status_code = status
    return response


@office_required
@require_http_methods(["GET", "POST"])
def trip_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    """Call the trip off with a reason; every host unit told of it gets a cancellation."""
    trip = trip_for(request.user, pk, edit=True)
    form = CancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            done = cancelling.cancel_trip(trip, request.user, form.cleaned_data["reason"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The trip is cancelled."))
            if done.to_phone:
                names = pgettext("list separator", ", ").join(u.name for u in done.to_phone)
                messages.warning(
                    request, _("No e-mail reaches %(units)s: phone them.") % {"units": names}
                )
            return redirect(trip)
    context = {"trip": trip, "form": form, "drafts": drafts.cancellations(trip)}
    return render(request, "notices/trip_cancel.html", context)


@office_required
@require_GET
def trip_panel(request: HttpRequest, pk: int) -> HttpResponse:
    """The trip page's notice panel, for the trip's secretaries (empty for anyone else):
    units no notice can reach, acknowledgements so far."""
    trip = trip_for(request.user, pk)
    context = {"trip": trip, "notice_summary": boards.trip_summary(trip, request.user)}
    return render(request, panel_template(request, "notices/trip_panel.html"), context)


@office_required
@require_GET
def leaving_buttons(request: HttpRequest, pk: int) -> HttpResponse:
    """The trip page's "leaving now" buttons, each swapped into its item's place (htmx out
    of band); nothing for whoever may not tap one."""
    trip = trip_for(request.user, pk)
    items = list(trip.items.select_related("host_unit"))
    departures.mark_next_stops(trip, request.user, items)
    stops = [item for item in items if getattr(item, "next_stop", None)]
    context = {"trip": trip, "items": stops}
    return render(request, panel_template(request, "notices/leaving_buttons.html"), context)


@office_required
@require_GET
def trip_today(request: HttpRequest, pk: int) -> HttpResponse:
    """The party's day (trips.today): today's items (the first day before the trip, the last
    after it) with their times, places and hosts' phones, the on-site contacts the units
    gave in their acknowledgements first; kept on the phone for reading without signal,
    unless the trip is internal. Here, not in trips: it reads the notices' answers."""
    trip = party_trip_for(request.user, pk)
    day = today.party_day(trip, timezone.now(), on_site=_on_site)
    response = render(request, "trips/today.html", {"trip": trip, "day": day})
    return keep_offline(request, response, when=trip.may_be_kept_offline)


def _on_site(trip: Trip, unit_ids: set[int]) -> dict[int, tuple[str, str]]:
    return trip.notices.on_site_contacts(unit_ids)
