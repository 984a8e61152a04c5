# ruff: noqa: RUF001  (the Chinese words are written with full-width punctuation)
"""The 督办统计 printed: one A4 landscape page with the page's figures, in Chinese too."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from followups.models import FollowUp
from tests.factories import TripFactory
from tests.followups.item_setup import department
from tests.followups.stats_setup import NOW, ledger
from tests.printing import pdf

pytestmark = pytest.mark.django_db
URL = reverse("printing:duban_stats")


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(NOW, tick=False):
        yield


def _pdf(client, user, **query) -> bytes:
    client.force_login(user)
    response = client.get(URL, query)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return response.content


def test_the_printed_statistics_show_the_figures_in_chinese(client, office_trip, secretary):
    ledger(office_trip, secretary)

    text = pdf.flat(_pdf(client, secretary, lang="zh-hans"))

    assert "督办统计" in text
    assert "原定办理时限：2027年1月1日" in text
    # The totals row: 8 assigned, 3 on time, 2 late, 2 overdue, 1 extended, 1 returned,
    # 1 cannot, 60%, 12.4 days.
    assert "合计83221116" + "0%12.4" in text


def test_the_printed_statistics_are_one_landscape_page(client, office_trip, secretary):
    ledger(office_trip, secretary)
    for n in range(20):
        FollowUp.objects.create(
            trip=office_trip,
            department=department(f"District bureau {n}")[0],
            created_by=secretary,
            title="Item",
            to_do="Do it.",
            due_date=dt.date(2027, 1, 20),
            status="assigned",
        )

    document = _pdf(client, secretary)

    assert pdf.pages(document) == 1
    width, height = pdf.page_box(document)
    assert (round(width), round(height)) == (842, 595)  # A4 landscape, in points


def test_an_outsider_gets_404(client, office_trip, secretary, outsider):
    ledger(office_trip, secretary)
    client.force_login(outsider)
    assert client.get(URL).status_code == 404


def test_internal_trips_figures_carry_the_readers_name(client, confidential_trip, secretary):
    ledger(confidential_trip, secretary)

    text = pdf.text(_pdf(client, secretary))

    assert "Sue Li" in text


def test_the_office_trip_figures_carry_no_name(client, secretary):
    trip = TripFactory(team={secretary: "secretary"})
    ledger(trip, secretary)

    assert "Sue Li" not in pdf.text(_pdf(client, secretary))


def test_an_account_without_an_office_role_is_refused(client, office_trip, secretary, stranger):
    ledger(office_trip, secretary)
    client.force_login(stranger)
    assert client.get(URL).status_code == 403
