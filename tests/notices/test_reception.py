"""After the visit: each host unit's 接待清单 through its link, checked against the office's
notice (Art. 7 and 10 of the 党政机关国内公务接待管理规定), what the party owes and pays, and
the trip closing only once every list is in or waived."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from io import BytesIO

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from accounts.uploads import Checked
from followups import items as followup_items
from notices import letters, links, reception
from notices.models import Notice, ReceptionList, Settlement
from notices.parts import read_part
from tests.factories import at
from trips.models import Trip

pytestmark = pytest.mark.django_db

AFTER = at(dt.date(2026, 12, 10), 10)  # the day after the visit (7-9 December)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _after_the_visit():
    with time_machine.travel(AFTER, tick=False):
        yield


def list_path(notice: Notice) -> str:
    return reverse("notices:reception_list", args=[links.make_token(notice)])


def filled(**fields) -> dict:
    return {
        "people": "Wang Wei (Vice Governor)",
        "activities": "Forum",
        "meals": "1",
        "escort_people": "Li Na (Director)",
        "meals_cost": "180.00",
        "lodging_cost": "",
        "transport_cost": "",
        "venue_cost": "",
        "other_cost": "",
        "transport_price": "",
        **fields,
    }


def the_list(notice: Notice) -> ReceptionList:
    return ReceptionList.objects.get(trip=notice.trip, host_unit=notice.host_unit)


def completed(trip: Trip) -> Trip:
    Trip.objects.filter(pk=trip.pk).update(status=Trip.Status.COMPLETED)
    return Trip.objects.with_team().get(pk=trip.pk)


# --- the rules ---------------------------------------------------------------------------


@pytest.mark.parametrize(("party", "cap"), [(1, 3), (10, 3), (11, 3), (12, 4), (30, 10)])
def test_the_escort_cap_follows_article_ten(party, cap):
    assert reception.escort_cap(party) == cap


def test_more_escorts_than_allowed_is_a_difference(sent):
    notice = sent["plant"]
    listed = reception.list_for(notice)
    listed.meals = 1
    listed.escort_people = "\n".join(f"P{n} (Staff)" for n in range(4))

    found = reception.differences(listed, read_part(notice.content))

    assert any("4 of the host's people ate with a party of 1" in d.text for d in found)


def test_three_escorts_for_a_small_party_is_no_difference(sent):
    notice = sent["plant"]
    listed = reception.list_for(notice)
    listed.meals, listed.escort_people = 1, "A\nB\nC"
    assert not reception.differences(listed, read_part(notice.content))


def test_a_second_meal_is_a_difference(sent):
    notice = sent["plant"]
    listed = reception.list_for(notice)
    listed.meals = 2
    [found] = reception.differences(listed, read_part(notice.content))
    assert "2 meals provided" in found.text and "Art. 10" in found.rule


def test_someone_not_in_the_party_is_a_difference(sent):
    notice = sent["plant"]
    listed = reception.list_for(notice)
    listed.people += "\nZhao Gang (Driver)"
    [found] = reception.differences(listed, read_part(notice.content))
    assert "Zhao Gang" in found.text and "Art. 7" in found.rule


def test_the_list_is_pre_filled_from_the_notice(sent):
    listed = reception.list_for(sent["plant"])
    party = read_part(sent["plant"].content).party
    assert listed.people.splitlines() == party
    assert listed.meals == 1  # the plant hosts the lunch
    assert "Forum with the plant workers" in listed.activities


def test_owed_lunch_is_forty_per_cent_per_person(settings, sent):
    settings.RECEPTION_MEAL_ALLOWANCE = 100
    listed = reception.list_for(sent["plant"])
    assert reception.owed(listed, read_part(sent["plant"].content)).meals == Decimal("40.00")


def test_owed_transport_is_the_hosts_price_when_it_has_one(sent):
    listed = reception.list_for(sent["plant"])
    listed.host_transport, listed.transport_price = True, Decimal("260")
    assert reception.owed(listed, read_part(sent["plant"].content)).transport == Decimal("260.00")


def test_owed_transport_is_half_the_daily_rate_per_half_day(settings, sent):
    settings.RECEPTION_TRANSPORT_ALLOWANCE = 80
    listed = reception.list_for(sent["plant"])
    listed.host_transport = True  # the forum and the lunch: one morning, one afternoon
    assert reception.owed(listed, read_part(sent["plant"].content)).transport == Decimal("80.00")


# --- the host unit's page ----------------------------------------------------------------


def test_the_unit_saves_its_list_and_sees_the_differences(client, sent):
    notice = sent["plant"]
    response = client.post(list_path(notice), filled(meals="2", save="1"))
    page = client.get(list_path(notice)).content.decode()

    assert response.status_code == 302
    assert the_list(notice).status == ReceptionList.Status.DRAFT
    assert the_list(notice).meals_cost == Decimal("180.00")
    assert "与公函不符之处" in page and "安排用餐2次" in page  # the plant reads Chinese


def test_submitting_needs_the_responsible_persons_name_and_post(client, sent):
    notice = sent["plant"]
    response = client.post(list_path(notice), filled(submit="1"))
    assert response.status_code == 400
    assert "signed_by_name" in response.context["form"].errors
    assert "180.00" in response.content.decode()  # what was typed stays


def test_a_signed_list_is_frozen(client, sent):
    notice = sent["plant"]
    data = filled(submit="1", signed_by_name="Li Na", signed_by_post="Director")
    client.post(list_path(notice), data)
    client.post(list_path(notice), filled(meals_cost="999", save="1"))

    listed = the_list(notice)
    assert (listed.status, listed.meals_cost) == ("submitted", Decimal("180.00"))
    assert listed.signed_by_name == "Li Na" and listed.submitted_at is not None


def test_a_receipt_is_attached_and_a_program_refused(client, sent):
    notice = sent["plant"]
    client.post(
        list_path(notice), {**filled(save="1"), "receipt": SimpleUploadedFile("a.pdf", PDF)}
    )
    refused = client.post(
        list_path(notice),
        {**filled(save="1"), "receipt": SimpleUploadedFile("b.pdf", b"MZ" + b"\0" * 60)},
    )
    assert [r.filename for r in the_list(notice).receipts.all()] == ["a.pdf"]
    assert refused.status_code == 400 and "receipt" in refused.context["form"].errors


def test_the_link_opens_the_list_a_month_after_the_trip_not_longer(client, settings, sent):
    settings.RECEPTION_LIST_DAYS = 30
    notice = sent["plant"]
    with time_machine.travel(at(dt.date(2027, 1, 8), 10), tick=False):
        assert client.get(list_path(notice)).status_code == 200
        assert (
            client.get(reverse("notices:notice_ack", args=[links.make_token(notice)])).status_code
            == 410
        )
    with time_machine.travel(at(dt.date(2027, 1, 9), 10), tick=False):
        assert client.get(list_path(notice)).status_code == 410


def test_before_the_visit_there_is_no_list_to_fill(client, sent):
    with time_machine.travel(at(dt.date(2026, 12, 5), 10), tick=False):
        page = client.get(list_path(sent["plant"])).content.decode()
    assert 'name="people"' not in page
    assert not ReceptionList.objects.exists()


# --- the office --------------------------------------------------------------------------


def test_the_office_sees_each_units_list_and_what_is_owed(client, secretary, sent):
    reception.list_for(sent["plant"])
    client.force_login(secretary)
    page = client.get(reverse("notices:reception", args=[sent["plant"].trip_id])).content
    assert "Hilltop water plant" in page.decode() and "Riverside township" in page.decode()


def test_the_office_page_takes_as_many_queries_with_lists_and_receipts(client, secretary, sent):
    client.force_login(secretary)
    url = reverse("notices:reception", args=[sent["plant"].trip_id])
    reception.list_for(sent["township"])  # one list, no receipt
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    for notice in sent.values():
        listed = reception.list_for(notice)
        for name in ("a.pdf", "b.pdf"):
            reception.save(
                listed,
                {k: getattr(listed, k) for k in reception.FILLED},
                receipt=SimpleUploadedFile(name, PDF),
                checked=Checked(name, "pdf", "application/pdf"),
            )
    with CaptureQueriesContext(connection) as after:
        client.get(url)
    assert len(after) == len(before)


def test_staff_may_not_open_the_office_page(client, staff, sent):
    client.force_login(staff)
    assert client.get(reverse("notices:reception", args=[sent["plant"].trip_id])).status_code == 403


def test_an_outsider_gets_404(client, outsider, confidential_trip):
    client.force_login(outsider)
    assert client.get(reverse("notices:reception", args=[confidential_trip.pk])).status_code == 404


def test_a_payment_is_recorded_with_its_receipt_never_in_cash(client, secretary, sent):
    notice = sent["plant"]
    client.force_login(secretary)
    url = reverse("notices:reception_settle", args=[notice.trip_id, notice.host_unit_id])
    data = {"amount": "40", "paid_on": "2026-12-10", "reference": "POS 88"}

    cash = client.post(url, {**data, "method": "cash", "receipt": SimpleUploadedFile("r.pdf", PDF)})
    client.post(url, {**data, "method": "card", "receipt": SimpleUploadedFile("r.pdf", PDF)})

    assert cash.status_code == 400 and "method" in cash.context["settle_form"].errors
    paid = Settlement.objects.get()
    assert (paid.method, paid.amount, paid.meals_owed) == ("card", Decimal("40"), Decimal("40.00"))


def test_waiving_a_list_needs_the_reason(secretary, sent):
    listed = reception.list_for(sent["plant"])
    with pytest.raises(ValidationError):
        reception.waive(listed, secretary, " ")
    reception.waive(listed, secretary, "The unit only lent its meeting room.")
    assert the_list(sent["plant"]).status == ReceptionList.Status.WAIVED


def test_only_the_secretaries_waive(staff, sent):
    with pytest.raises(PermissionDenied):
        reception.waive(reception.list_for(sent["plant"]), staff, "No.")


def test_the_trip_does_not_close_while_a_list_is_missing(secretary, sent):
    trip = completed(sent["plant"].trip)
    with pytest.raises(ValidationError) as refused:
        followup_items.close_trip(trip, secretary)
    assert "Hilltop water plant" in refused.value.messages[0]
    assert Trip.objects.get(pk=trip.pk).status == Trip.Status.COMPLETED


def test_the_trip_closes_with_every_list_in_or_waived(secretary, sent):
    reception.waive(reception.list_for(sent["township"]), secretary, "Only a site visit.")
    plant = reception.list_for(sent["plant"])
    data = {k: getattr(plant, k) for k in reception.FILLED}
    reception.save(
        plant, {**data, "signed_by_name": "Li Na", "signed_by_post": "Director"}, submit=True
    )

    followup_items.close_trip(completed(plant.trip), secretary)

    assert Trip.objects.get(pk=plant.trip_id).status == Trip.Status.CLOSED


def test_the_workbook_has_the_lists_the_payments_and_the_differences(client, secretary, sent):
    listed = reception.list_for(sent["plant"])
    listed.meals = 2
    listed.meals_cost = Decimal("180")
    listed.save()
    client.force_login(secretary)

    response = client.get(reverse("notices:reception_xlsx", args=[listed.trip_id]))

    book = load_workbook(BytesIO(response.content))
    lists, paid, differences = book.worksheets
    plant = next(
        r for r in lists.iter_rows(min_row=2, values_only=True) if r[0] == "Hilltop water plant"
    )
    assert plant[3] == 2 and plant[5] == 180 and lists.freeze_panes == "A2"
    assert any("2 meals provided" in (r[1] or "") for r in differences.iter_rows(values_only=True))
    assert paid.max_row == 3  # a header and the two units


def test_a_trip_started_early_opens_the_list(client, sent):
    Trip.objects.filter(pk=sent["plant"].trip_id).update(status=Trip.Status.IN_PROGRESS)
    with time_machine.travel(at(dt.date(2026, 12, 5), 10), tick=False):
        page = client.get(list_path(sent["plant"])).content.decode()
    assert 'name="people"' in page


def test_the_lists_escort_cap_is_the_standards_in_force(sent):
    # The stricter province allows 2 at the meal for a party of up to 5.
    from directory.models import CENTRAL_NAME, ReceptionStandard

    ReceptionStandard.objects.exclude(name=CENTRAL_NAME).get().put_in_force()
    notice = sent["plant"]
    listed = reception.list_for(notice)
    listed.meals, listed.escort_people = 1, "A\nB\nC"
    [found] = reception.differences(listed, read_part(notice.content))
    assert "at most 2" in found.text
    assert "省级从严细则示例" in found.rule


def test_the_list_is_matched_against_the_issued_letter(client, secretary, sent):
    notice = sent["plant"]
    with time_machine.travel(at(dt.date(2026, 12, 1), 10), tick=False):
        letter = letters.issue(
            letters.generate(notice.trip, notice.host_unit, secretary), secretary
        )

    page = client.get(list_path(notice)).content.decode()
    row = reception.row_for(notice.trip, notice.host_unit)

    assert row.letter == letter and row.reception.people.splitlines() == row.part.party
    assert f"与公函{letter.reference}核对。" in page
