"""What the trip costs the office: suggested by the travel rules, estimated, frozen with the
version the leader decides on, the actuals after, and an Excel file for finance."""

from __future__ import annotations

from decimal import Decimal
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.notices.notice_setup import approve, build_visit
from trips import costs
from trips.models import Trip, TripCost

pytestmark = pytest.mark.django_db


def url(trip: Trip) -> str:
    return reverse("trips:trip_costs", args=[trip.pk])


def post(**values) -> dict:
    data = {}
    for category in TripCost.Category.values:
        data[f"estimate_{category}"] = values.get(f"estimate_{category}", "")
        data[f"actual_{category}"] = values.get(f"actual_{category}", "")
        data[f"note_{category}"] = values.get(f"note_{category}", "")
    return data


def test_the_rules_suggest_allowances_per_person_day_and_night(settings, office_trip):
    settings.RECEPTION_MEAL_ALLOWANCE, settings.RECEPTION_TRANSPORT_ALLOWANCE = 100, 80
    settings.TRIP_LODGING_PER_NIGHT = 450
    party, days = len(office_trip.party()), (office_trip.end_date - office_trip.start_date).days + 1
    rules = costs.suggested(office_trip)
    assert rules["meals"] == Decimal(100 * party * days)
    assert rules["local"] == Decimal(80 * party * days)
    assert rules["lodging"] == Decimal(450 * party * (days - 1))
    assert rules["transport"] is None


def test_the_secretary_enters_the_estimate_and_the_actual(client, secretary, office_trip):
    client.force_login(secretary)
    client.post(url(office_trip), post(estimate_transport="1200", actual_transport="1350.50"))
    line = TripCost.objects.get(trip=office_trip, category="transport")
    assert (line.estimate, line.actual) == (Decimal("1200"), Decimal("1350.50"))


def test_a_negative_amount_is_refused_beside_its_field_and_the_rest_is_kept(
    client, secretary, office_trip
):
    client.force_login(secretary)
    response = client.post(url(office_trip), post(estimate_meals="-5", note_meals="三天"))
    assert response.status_code == 400
    assert "estimate_meals" in response.context["form"].errors
    assert 'value="三天"' in response.content.decode()
    assert not TripCost.objects.exists()


def test_the_leader_reads_but_does_not_change(client, leader, office_trip):
    client.force_login(leader)
    assert client.get(url(office_trip)).status_code == 200
    assert client.post(url(office_trip), post(estimate_other="1")).status_code == 403


def test_staff_may_not_read_the_costs(client, staff, office_trip):
    client.force_login(staff)
    assert client.get(url(office_trip)).status_code == 403


def test_an_outsider_gets_404(client, outsider, confidential_trip):
    client.force_login(outsider)
    assert client.get(url(confidential_trip)).status_code == 404


def test_the_version_keeps_the_estimate_it_was_submitted_with(
    client, secretary, leader, staff, office_trip
):
    build_visit(office_trip, leader, staff)
    TripCost.objects.create(trip=office_trip, category="transport", estimate=Decimal("900"))
    version = approve(office_trip, secretary, leader)
    TripCost.objects.filter(trip=office_trip).update(estimate=Decimal("5000"))
    client.force_login(leader)

    page = client.get(reverse("trips:version_detail", args=[office_trip.pk, version.number]))

    assert costs.read_frozen(version.costs)[0][1] == Decimal("900")
    assert "900" in page.content.decode() and "5000" not in page.content.decode()


def test_the_workbook_has_each_line_and_the_total(client, secretary, office_trip):
    TripCost.objects.create(
        trip=office_trip, category="lodging", estimate=Decimal("900"), actual=Decimal("850")
    )
    client.force_login(secretary)
    response = client.get(reverse("trips:trip_costs_xlsx", args=[office_trip.pk]))
    sheet = load_workbook(BytesIO(response.content)).active
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    lodging = next(r for r in rows if r[0] == "Lodging")
    assert lodging[1:4] == (900, 850, -50)
    assert rows[-1][1:3] == (900, 850) and sheet.freeze_panes == "A2"
