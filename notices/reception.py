# ruff: noqa: RUF001, RUF002  (the rules are quoted in Chinese, with full-width punctuation)
"""After the visit: each host unit's 接待清单, checked against what the office told it, and
what the party pays the host (结算).

The rules applied here, from 《党政机关国内公务接待管理规定》 (中办、国办, 2013):
- 第七条: 公务活动结束后，接待单位应当如实填写接待清单，并由相关负责人审签。接待清单包括
  接待对象的单位、姓名、职务和公务活动项目、时间、场所、费用等内容. The office's 公函 (or the
  notice that stood for it) names the party, and the 清单 must match it.
- 第十条: 接待单位可以安排工作餐一次，并严格控制陪餐人数。接待对象在10人以内的，陪餐人数
  不得超过3人；超过10人的，不得超过接待对象人数的三分之一.
- Reimbursement needs 财务票据、派出单位公函和接待清单, paid by 公务卡 or transfer, never cash
  (Settlement.Method offers no cash).
And 财政部等 (2019) on what the visitors pay for meals and cars at set rates (owed()).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import cached_property
from io import BytesIO

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from openpyxl import Workbook

from accounts import dates, words
from accounts.uploads import Checked
from directory import spreadsheet
from directory.models import HostUnit, ReceptionStandard
from notices.models import (
    Notice,
    OfficialLetter,
    ReceptionList,
    ReceptionReceipt,
    Settlement,
    lines_of,
)
from notices.parts import Part, read_part
from trips.costs import allowance
from trips.models import ItineraryItem, Trip
from trips.standards import ART_10_ESCORTS, ART_10_MEAL, in_standard

L = ReceptionList.Status
CENT = Decimal("0.01")
# Before 10 o'clock a meal is a breakfast (20 % of the day's allowance), else 40 %.
BREAKFAST_BEFORE = dt.time(10, 0)


def hosted(trip: Trip) -> QuerySet[Notice]:
    """The notices that tell each host unit its part as it stands (not cancelled): every
    one of these units owes a 接待清单."""
    return (
        trip.notices.current()
        .exclude(kind=Notice.Kind.CANCELLATION)
        .select_related("host_unit")
        .order_by("host_unit__name", "pk")
    )


def unsettled_lists() -> Q:
    """A trip with a host unit whose 清单 is neither submitted nor waived (for the guard that
    closes a trip, followups.items.close_trip)."""
    settled = ReceptionList.objects.filter(
        trip=OuterRef("trip"), host_unit=OuterRef("host_unit"), status__in=(L.SUBMITTED, L.WAIVED)
    )
    owing = (
        Notice.objects.filter(trip=OuterRef("pk"), superseded_by__isnull=True)
        .exclude(kind=Notice.Kind.CANCELLATION)
        .filter(~Exists(settled))
    )
    return Q(Exists(owing))


def missing(trip: Trip) -> list[HostUnit]:
    """The host units whose 清单 is neither submitted nor waived yet."""
    settled = set(
        trip.reception_lists.filter(status__in=(L.SUBMITTED, L.WAIVED)).values_list(
            "host_unit_id", flat=True
        )
    )
    return [n.host_unit for n in hosted(trip) if n.host_unit_id not in settled]


# --- the unit's list --------------------------------------------------------------------------


def name_of(line: str) -> str:
    """The person's name in a line "王伟（副省长）", "Wang Wei (Vice Governor)" or "王伟 副省长"."""
    for mark in ("（", "("):
        line = line.split(mark, 1)[0]
    parts = line.split()
    if len(parts) > 1 and all("\u4e00" <= ch <= "\u9fff" for ch in parts[0]):
        return parts[0]  # a Chinese name, then the post after a space
    return " ".join(parts).strip(" ,，")


def _activity_line(item) -> str:
    when = dates.long_span(item.start, item.end)
    return words.comma().join(x for x in (when, item.title, item.place) if x)


def prefilled(part: Part) -> dict:
    """The list as the notice told the unit: the party, the activities, its meals."""
    meals = [i for i in part.items if i.kind == ItineraryItem.Kind.MEAL]
    return {
        "people": "\n".join(part.party),
        "activities": "\n".join(_activity_line(item) for item in part.items),
        "meals": len(meals),
    }


def issued_letter(notice: Notice) -> OfficialLetter | None:
    """The unit's newest issued 公函 of the trip (a 变更函 over the one it changes)."""
    issued = OfficialLetter.objects.filter(
        trip=notice.trip_id, host_unit=notice.host_unit_id, status=OfficialLetter.Status.ISSUED
    )
    return issued.order_by("-created_at", "-pk").first()


def told(notice: Notice, letter: OfficialLetter | None) -> Part:
    """What the office told the unit: its issued 公函 (the 清单 must match it, Art. 7), or,
    without one, the notice that stood for it."""
    return read_part(letter.content if letter is not None else notice.content)


def list_for(notice: Notice, letter: OfficialLetter | None = None) -> ReceptionList:
    """The unit's 清单 for the trip, made pre-filled from its 公函 (or notice) the first time."""
    found = ReceptionList.objects.filter(trip=notice.trip_id, host_unit=notice.host_unit_id)
    existing = found.first()
    if existing is not None:
        return existing
    made, _created = ReceptionList.objects.get_or_create(
        trip=notice.trip,
        host_unit=notice.host_unit,
        defaults=prefilled(told(notice, letter or issued_letter(notice))),
    )
    return made


def may_fill(notice: Notice, today: dt.date | None = None) -> bool:
    """The unit fills in its list once the visit has begun: its first day has come (on the
    trip's clock), or the office has started the trip."""
    trip = notice.trip
    today = today or trip.local(timezone.now()).date()
    started = (Trip.Status.IN_PROGRESS, Trip.Status.COMPLETED, Trip.Status.CLOSED)
    return today >= trip.start_date or trip.status in started


@dataclass(frozen=True)
class Difference:
    """One way the list departs from what the office told the unit, with the rule."""

    text: str
    rule: str = ""


def escort_cap(party: int, standard: ReceptionStandard | None = None) -> int:
    """第十条: at most 3 of the host's people at the meal for a party of 10 or fewer, at most
    a third of the party above that; or the stricter tiers of the standards in force."""
    standard = standard or ReceptionStandard.objects.in_force()
    return standard.meal_escorts_allowed(party)


def differences(
    reception: ReceptionList, part: Part, standard: ReceptionStandard | None = None
) -> list[Difference]:
    """Where the list does not match the notice (names and counts) or the rules (the office's
    reception standards in force: one query, unless the caller has them)."""
    standard = standard or ReceptionStandard.objects.in_force()
    told = {name_of(line) for line in part.party}
    received = [name_of(line) for line in lines_of(reception.people)]
    found = []
    extra = [name for name in received if name not in told]
    if extra:
        found.append(
            Difference(
                _("Not in the party the office named: %(names)s.") % {"names": words.series(extra)},
                _("The 接待清单 must match the sending unit's 公函 (Art. 7)."),
            )
        )
    absent = [name for name in (name_of(line) for line in part.party) if name not in received]
    if absent:
        found.append(
            Difference(
                _("In the party the office named but not on the list: %(names)s.")
                % {"names": words.series(absent)}
            )
        )
    if reception.meals > standard.host_meals:
        found.append(
            Difference(
                _("%(count)s meals provided: the host may provide one working meal.")
                % {"count": reception.meals},
                in_standard(standard, ART_10_MEAL),
            )
        )
    party = len(received) or len(part.party)
    cap = escort_cap(party, standard)
    if reception.meals and reception.escorts > cap:
        found.append(
            Difference(
                _(
                    "%(escorts)s of the host's people ate with a party of %(party)s: at "
                    "most %(cap)s."
                )
                % {"escorts": reception.escorts, "party": party, "cap": cap},
                in_standard(standard, ART_10_ESCORTS),
            )
        )
    return found


@dataclass(frozen=True)
class Owed:
    """What the party pays the host, in yuan."""

    meals: Decimal
    transport: Decimal

    @property
    def total(self) -> Decimal:
        return self.meals + self.transport


def owed(reception: ReceptionList, part: Part) -> Owed:
    """Meals: each meal the unit hosted, per person attending, 20 % (breakfast) or 40 % of
    the day's 伙食补助费. Cars: the host's own price, else per person and half day the
    party spent with it, 50 % of the day's 市内交通费 (财政部等, 2019)."""
    daily_meal = allowance("RECEPTION_MEAL_ALLOWANCE")
    meals = Decimal(0)
    for item in part.items:
        if item.kind == ItineraryItem.Kind.MEAL:
            share = Decimal("0.2") if item.start.time() < BREAKFAST_BEFORE else Decimal("0.4")
            meals += daily_meal * share * max(item.attendee_count, 1)
    transport = Decimal(0)
    if reception.host_transport:
        if reception.transport_price is not None:
            transport = reception.transport_price
        else:
            half_days = {(i.start.date(), i.start.hour >= 12) for i in part.items}
            people = len(lines_of(reception.people)) or len(part.party)
            half = allowance("RECEPTION_TRANSPORT_ALLOWANCE") * Decimal("0.5")
            transport = half * len(half_days) * people
    return Owed(meals.quantize(CENT, ROUND_HALF_UP), transport.quantize(CENT, ROUND_HALF_UP))


FILLED = (
    "people",
    "escort_people",
    "activities",
    "meals",
    "meals_cost",
    "lodging_cost",
    "transport_cost",
    "venue_cost",
    "other_cost",
    "host_transport",
    "transport_price",
)


@transaction.atomic
def save(
    reception: ReceptionList,
    data: dict,
    *,
    submit: bool = False,
    receipt: UploadedFile | None = None,
    checked: Checked | None = None,
) -> ReceptionList:
    """The unit's list as typed, kept as a draft or signed off (submit: by its responsible
    person, named with the post); a receipt attached. Refused once it was submitted."""
    current = ReceptionList.objects.select_for_update().get(pk=reception.pk)
    if current.is_settled:
        raise ValidationError(
            _("This list was submitted already. If something is wrong, please contact the office.")
        )
    for name in FILLED:
        setattr(reception, name, data[name])
    fields = [*FILLED, "updated_at"]
    if submit:
        errors = {}
        for name in ("signed_by_name", "signed_by_post"):
            if not (data.get(name) or "").strip():
                errors[name] = _("The responsible person signs the list with name and post.")
        if not lines_of(reception.people):
            errors["people"] = _("List the people the unit received.")
        if errors:
            raise ValidationError(errors)
        reception.signed_by_name = data["signed_by_name"].strip()
        reception.signed_by_post = data["signed_by_post"].strip()
        reception.status, reception.submitted_at = L.SUBMITTED, timezone.now()
        fields += ["signed_by_name", "signed_by_post", "status", "submitted_at"]
    reception.save(update_fields=fields)
    if receipt is not None and checked is not None:
        ReceptionReceipt.objects.create(
            reception_list=reception,
            file=receipt,
            filename=checked.filename,
            content_type=checked.content_type,
            size=receipt.size,
        )
    return reception


@transaction.atomic
def waive(reception: ReceptionList, by, reason: str) -> None:
    """The office goes without this unit's list, for a reason kept on the record."""
    if not reception.trip.can_edit(by):
        raise PermissionDenied
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the list is not needed.")})
    if ReceptionList.objects.filter(pk=reception.pk, status=L.SUBMITTED).exists():
        raise ValidationError(_("The unit has submitted its list: nothing to waive."))
    reception.status, reception.waived_reason = L.WAIVED, reason.strip()
    reception.waived_by, reception.waived_at = by, timezone.now()
    reception.save(update_fields=["status", "waived_reason", "waived_by", "waived_at"])


@transaction.atomic
def settle(
    reception: ReceptionList,
    part: Part,
    by,
    *,
    amount: Decimal,
    method: str,
    paid_on: dt.date,
    reference: str,
    receipt: UploadedFile,
    checked: Checked,
) -> Settlement:
    """Record what the party paid the unit (one settlement per unit and trip: 一事一结),
    with the receipt; what was owed is kept beside it."""
    if not reception.trip.can_edit(by):
        raise PermissionDenied
    if method not in Settlement.Method.values:
        raise ValidationError({"method": _("Pay by official card or by transfer, never cash.")})
    if Settlement.objects.filter(trip=reception.trip_id, host_unit=reception.host_unit_id):
        raise ValidationError(_("The payment to this unit is recorded already."))
    due = owed(reception, part)
    return Settlement.objects.create(
        trip=reception.trip,
        host_unit=reception.host_unit,
        meals_owed=due.meals,
        transport_owed=due.transport,
        amount=amount,
        method=method,
        paid_on=paid_on,
        reference=reference.strip(),
        receipt=receipt,
        receipt_name=checked.filename,
        recorded_by=by,
    )


# --- the office's page and workbook -----------------------------------------------------------


@dataclass
class Row:
    """One host unit on the office's page: its notice, its list (None until it opens it),
    the differences, what the party owes, what it paid."""

    notice: Notice
    reception: ReceptionList | None
    settlement: Settlement | None
    # The reception standards in force, loaded once for the page (differences()).
    standard: ReceptionStandard | None = None
    letter: OfficialLetter | None = None  # the issued 公函 the list must match

    @property
    def unit(self) -> HostUnit:
        return self.notice.host_unit

    @cached_property
    def part(self) -> Part:
        return told(self.notice, self.letter)

    @cached_property
    def differences(self) -> list[Difference]:
        if self.reception is None:
            return []
        return differences(self.reception, self.part, self.standard)

    @cached_property
    def owed(self) -> Owed:
        if self.reception is None:
            return owed(ReceptionList(), self.part)
        return owed(self.reception, self.part)

    @property
    def status_label(self) -> str:
        if self.reception is None:
            return _("Not opened yet")
        return self.reception.get_status_display()


def rows(trip: Trip) -> list[Row]:
    """Every host unit that owes a list, in a fixed number of queries however many units
    (the reception standards in force among them, read once for every row)."""
    lists = {r.host_unit_id: r for r in trip.reception_lists.prefetch_related("receipts")}
    paid = {s.host_unit_id: s for s in trip.settlements.all()}
    standard = ReceptionStandard.objects.in_force()
    issued = trip.letters.filter(status=OfficialLetter.Status.ISSUED).latest_by_unit()
    return [
        Row(
            notice,
            lists.get(notice.host_unit_id),
            paid.get(notice.host_unit_id),
            standard,
            issued.get(notice.host_unit_id),
        )
        for notice in hosted(trip)
    ]


def row_for(trip: Trip, unit: HostUnit) -> Row:
    """One unit's row, its list made (pre-filled) if the unit has not opened it yet."""
    notice = hosted(trip).filter(host_unit=unit).first()
    if notice is None:  # a unit of the plan that was never told: nothing of it to show
        raise Http404
    letter = issued_letter(notice)
    paid = trip.settlements.filter(host_unit=unit).first()
    return Row(notice, list_for(notice, letter), paid, ReceptionStandard.objects.in_force(), letter)


def workbook(trip: Trip) -> bytes:
    """The lists, what was owed and paid, and the differences, one sheet each, for the
    finance office (real numbers and dates, frozen headers)."""
    found = rows(trip)
    book = Workbook()
    sheet = book.active
    sheet.title = spreadsheet.sheet_title(_("Reception lists"))
    spreadsheet.write_sheet(
        sheet,
        [
            (_("Host unit"), 28),
            (_("Status"), 16),
            (_("People received"), 10),
            (_("Meals provided"), 10),
            (_("Host's people at the meals"), 10),
            (_("Meals (yuan)"), 12),
            (_("Lodging (yuan)"), 12),
            (_("Transport (yuan)"), 12),
            (_("Venue (yuan)"), 12),
            (_("Other (yuan)"), 12),
            (_("Total (yuan)"), 12),
            (_("Signed by"), 20),
            (_("Submitted"), 18),
            (_("Receipts"), 10),
        ],
        (_list_row(row) for row in found),
    )
    paid = book.create_sheet(spreadsheet.sheet_title(_("Settlements")))
    spreadsheet.write_sheet(
        paid,
        [
            (_("Host unit"), 28),
            (_("Meals owed (yuan)"), 14),
            (_("Transport owed (yuan)"), 14),
            (_("Amount paid (yuan)"), 14),
            (_("Paid by"), 16),
            (_("Paid on"), 12),
            (_("Payment reference"), 24),
        ],
        (_settlement_row(row) for row in found),
    )
    departs = book.create_sheet(spreadsheet.sheet_title(_("Differences")))
    spreadsheet.write_sheet(
        departs,
        [(_("Host unit"), 28), (_("Difference"), 60), (_("Rule"), 50)],
        ([row.unit.name, d.text, d.rule] for row in found for d in row.differences),
    )
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _list_row(row: Row) -> list:
    listed = row.reception
    if listed is None:
        return [row.unit.name, row.status_label, *[None] * 12]
    costs = [listed.meals_cost, listed.lodging_cost, listed.transport_cost]
    signed = words.series([listed.signed_by_name, listed.signed_by_post])
    return [
        row.unit.name,
        row.status_label,
        len(lines_of(listed.people)),
        listed.meals,
        listed.escorts,
        *costs,
        listed.venue_cost,
        listed.other_cost,
        listed.total_cost,
        signed or None,
        listed.submitted_at,
        len(listed.receipts.all()),
    ]


def _settlement_row(row: Row) -> list:
    due, paid = row.owed, row.settlement
    if paid is None:
        return [row.unit.name, due.meals, due.transport, None, None, None, None]
    return [
        row.unit.name,
        paid.meals_owed,
        paid.transport_owed,
        paid.amount,
        paid.get_method_display(),
        paid.paid_on,
        paid.reference,
    ]


def workbook_response(trip: Trip) -> HttpResponse:
    """The workbook as a download named after the trip."""
    response = HttpResponse(workbook(trip), content_type=spreadsheet.XLSX_CONTENT_TYPE)
    name = _("Reception lists") + f" {trip.start_date:%Y-%m-%d}.xlsx"
    response["Content-Disposition"] = content_disposition_header(True, name)
    return response
