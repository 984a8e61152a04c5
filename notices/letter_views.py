"""The 公函 pages: per host unit its official letters (write, edit, issue) and phone notices
(电话通知); the team reads them, the trip's secretaries change them. The letter's paper
(PDF, Word) is printing's (printing.letters)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts import people
from accounts.roles import office_required
from accounts.submissions import once
from notices import access, letters
from notices.forms import LetterPhoneForm, LetterTextForm


def _page(request: HttpRequest, trip, refused: tuple[int, str, object] | None = None, status=200):
    """Every unit's letters and calls; the secretaries' forms (a refused one as typed)."""
    rows = letters.board(trip)
    if trip.can_edit(request.user):
        now = timezone.localtime().replace(second=0, microsecond=0)
        for row in rows:
            current = row.current
            if current is not None and not current.is_issued:
                row.text_form = LetterTextForm(
                    initial={"title": current.title, "text": current.text},
                    prefix=f"letter-{current.pk}",
                )
            row.phone_form = LetterPhoneForm(
                initial={"caller": people.display_name(request.user), "called_at": now},
                prefix=f"call-{row.unit.pk}",
            )
            if refused and refused[0] == row.unit.pk:
                setattr(row, refused[1], refused[2])
    context = {"trip": trip, "rows": rows, "may_edit": trip.can_edit(request.user)}
    return render(request, "notices/letters.html", context, status=status)


def _to_unit(trip, unit_pk: int) -> HttpResponse:
    return redirect(f"{reverse('notices:letters', args=[trip.pk])}#letters-{unit_pk}")


@office_required
@require_GET
def letters_page(request: HttpRequest, pk: int) -> HttpResponse:
    """Each host unit's 公函 (number and status) and phone notices."""
    return _page(request, access.team_trip_for(request.user, pk))


@office_required
@require_POST
def letter_generate(request: HttpRequest, pk: int, unit_pk: int) -> HttpResponse:
    """Write the unit's letter from the approved plan (a 变更函 after an issued one)."""
    trip, unit = access.trip_and_unit(request.user, pk, unit_pk)
    try:
        letter = once(request, lambda: letters.generate(trip, unit, request.user))
    except ValidationError as refused:
        messages.error(request, refused.messages[0])
    else:
        text = _("%(reference)s to %(unit)s is written as a draft.")
        messages.success(request, text % {"reference": letter.reference, "unit": unit})
    return _to_unit(trip, unit.pk)


@office_required
@require_POST
def letter_text(request: HttpRequest, pk: int, letter_pk: int) -> HttpResponse:
    """Keep the secretary's edit of a draft; an issued letter refuses, the text kept."""
    trip, letter = access.letter_for(request.user, pk, letter_pk, edit=True)
    form = LetterTextForm(request.POST, prefix=f"letter-{letter.pk}")
    if form.is_valid():
        try:
            letters.edit(
                letter, form.cleaned_data["title"], form.cleaned_data["text"], request.user
            )
        except ValidationError as refused:
            form.add_error("text", refused.messages[0])
    if not form.is_valid():
        return _page(request, trip, (letter.host_unit_id, "text_form", form), status=400)
    messages.success(request, _("%(reference)s is saved as edited.") % {"reference": letter})
    return _to_unit(trip, letter.host_unit_id)


@office_required
@require_POST
def letter_issue(request: HttpRequest, pk: int, letter_pk: int) -> HttpResponse:
    """Issue the letter: its text is frozen from now on."""
    trip, letter = access.letter_for(request.user, pk, letter_pk, edit=True)
    try:
        letters.issue(letter, request.user)
    except ValidationError as refused:
        messages.error(request, refused.messages[0])
    else:
        messages.success(request, _("%(reference)s is issued.") % {"reference": letter})
    return _to_unit(trip, letter.host_unit_id)


@office_required
@require_POST
def letter_phone(request: HttpRequest, pk: int, unit_pk: int) -> HttpResponse:
    """Record a phone notice (电话通知) to the unit."""
    trip, unit = access.trip_and_unit(request.user, pk, unit_pk)
    form = LetterPhoneForm(request.POST, prefix=f"call-{unit.pk}")
    if not form.is_valid():
        return _page(request, trip, (unit.pk, "phone_form", form), status=400)
    try:
        once(request, lambda: letters.record_phone(trip, unit, request.user, **form.cleaned_data))
    except ValidationError as refused:
        messages.error(request, refused.messages[0])
    else:
        messages.success(request, _("The phone notice to %(unit)s is recorded.") % {"unit": unit})
    return _to_unit(trip, unit.pk)
