"""After the visit: the host unit's 接待清单 through its signed link, and the office's page of
every unit's list, the differences, what the party owes and what it paid (notices.reception)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.forms import add_refusal
from accounts.roles import office_required
from notices import access, reception
from notices.forms import ReceptionListForm, SettlementForm, WaiveListForm
from notices.models import Notice, ReceptionReceipt
from notices.views import notice_link
from trips.access import trip_for

# --- the host unit, through its link ---------------------------------------------------------


@require_http_methods(["GET", "POST"])
@notice_link(for_list=True)
def reception_list(request: HttpRequest, notice: Notice, token: str) -> HttpResponse:
    """The unit fills in its 接待清单 (pre-filled from its 公函, or the notice), sees where it
    departs from the party the office named, attaches receipts and signs it off."""
    if notice.is_cancellation or not reception.may_fill(notice):
        return render(request, "notices/reception_list.html", {"notice": notice, "form": None})
    letter = reception.issued_letter(notice)
    listed = reception.list_for(notice, letter)
    form = ReceptionListForm(request.POST or None, request.FILES or None, instance=listed)
    status = 200
    if request.method == "POST" and not listed.is_settled and form.is_valid():
        submit = "submit" in request.POST
        data = form.cleaned_data
        try:
            reception.save(
                listed, data, submit=submit, receipt=data["receipt"], checked=form.checked
            )
        except ValidationError as refused:
            add_refusal(form, refused)
        else:
            done = _("Thank you. The list is signed and sent to the office.")
            messages.success(request, done if submit else _("The list is saved."))
            return redirect("notices:reception_list", token)
    if request.method == "POST":
        form.ask_for_the_file_again()
        status = 400
    context = {
        "notice": notice,
        "token": token,
        "letter": letter,
        "form": None if listed.is_settled else form,
        "reception": listed,
        "differences": reception.differences(listed, reception.told(notice, letter)),
        "receipts": listed.receipts.all(),
    }
    return render(request, "notices/reception_list.html", context, status=status)


# --- the office ------------------------------------------------------------------------------


@office_required
@require_GET
def reception_board(request: HttpRequest, pk: int) -> HttpResponse:
    """Every host unit's 清单 of the trip, its differences, what is owed and what was paid."""
    trip = trip_for(request.user, pk, edit=True)
    rows = reception.rows(trip)
    return render(request, "notices/reception_board.html", {"trip": trip, "rows": rows})


def _unit_page(request, trip, unit, *, waive_form=None, settle_form=None, status=200):
    row = reception.row_for(trip, unit)
    context = {
        "trip": trip,
        "row": row,
        "waive_form": waive_form or WaiveListForm(),
        "settle_form": settle_form or SettlementForm(initial={"amount": row.owed.total}),
    }
    return render(request, "notices/reception_unit.html", context, status=status)


@office_required
@require_GET
def reception_unit(request: HttpRequest, pk: int, unit_pk: int) -> HttpResponse:
    """One unit's 清单 as it signed it, its receipts, what the party owes it, the payment."""
    trip, unit = access.trip_and_unit(request.user, pk, unit_pk)
    return _unit_page(request, trip, unit)


@office_required
@require_POST
def reception_waive(request: HttpRequest, pk: int, unit_pk: int) -> HttpResponse:
    """The office goes without the unit's list, for a reason kept on the record."""
    trip, unit = access.trip_and_unit(request.user, pk, unit_pk)
    form = WaiveListForm(request.POST)
    if form.is_valid():
        row = reception.row_for(trip, unit)
        try:
            reception.waive(row.reception, request.user, form.cleaned_data["reason"])
        except ValidationError as refused:
            add_refusal(form, refused)
        else:
            messages.success(request, _("The list is waived."))
            return redirect("notices:reception_unit", trip.pk, unit.pk)
    return _unit_page(request, trip, unit, waive_form=form, status=400)


@office_required
@require_POST
def reception_settle(request: HttpRequest, pk: int, unit_pk: int) -> HttpResponse:
    """Record what the party paid the unit, with its receipt (公务卡 or transfer)."""
    trip, unit = access.trip_and_unit(request.user, pk, unit_pk)
    form = SettlementForm(request.POST, request.FILES)
    if form.is_valid():
        row = reception.row_for(trip, unit)
        data = form.cleaned_data
        try:
            reception.settle(
                row.reception,
                row.part,
                request.user,
                amount=data["amount"],
                method=data["method"],
                paid_on=data["paid_on"],
                reference=data["reference"],
                receipt=data["receipt"],
                checked=form.checked,
            )
        except ValidationError as refused:
            add_refusal(form, refused)
        else:
            messages.success(request, _("The payment is recorded."))
            return redirect("notices:reception_unit", trip.pk, unit.pk)
    form.ask_for_the_file_again()
    return _unit_page(request, trip, unit, settle_form=form, status=400)


@office_required
@require_GET
def reception_receipt(request: HttpRequest, pk: int, receipt_pk: int) -> FileResponse:
    """A receipt the unit attached, as a download, for the trip's secretaries."""
    trip = trip_for(request.user, pk, edit=True)
    receipt = get_object_or_404(ReceptionReceipt, reception_list__trip=trip, pk=receipt_pk)
    return FileResponse(receipt.file.open("rb"), as_attachment=True, filename=receipt.filename)


@office_required
@require_GET
def settlement_receipt(request: HttpRequest, pk: int, unit_pk: int) -> FileResponse:
    """The receipt of the office's payment to the unit, as a download."""
    trip, unit = access.trip_and_unit(request.user, pk, unit_pk)
    paid = get_object_or_404(trip.settlements, host_unit=unit)
    return FileResponse(paid.receipt.open("rb"), as_attachment=True, filename=paid.receipt_name)


@office_required
@require_GET
def reception_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    """The lists, the differences and the payments as a workbook for the finance office."""
    trip = trip_for(request.user, pk, edit=True)
    return reception.workbook_response(trip)
