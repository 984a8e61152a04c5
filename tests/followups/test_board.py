"""The follow-up board: items of readable trips only, filters, counts, fixed query count."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from followups.models import FollowUp
from tests.factories import TripFactory
from tests.followups.item_setup import department, item

pytestmark = pytest.mark.django_db
URL = reverse("followups:board")


def titles(response) -> set[str]:
    return {i.title for i in response.context["items"]}


def test_an_outsider_does_not_see_items_of_an_internal_trip(
    client, office_trip, confidential_trip, secretary, outsider
):
    dept = department()[0]
    item(office_trip, secretary, dept, title="Open matter")
    item(confidential_trip, secretary, dept, title="Secret matter")
    client.force_login(outsider)
    assert titles(client.get(URL)) == {"Open matter"}


def test_filters_by_department_including_co_owners(client, office_trip, secretary):
    water, finance = department()[0], department("Finance bureau")[0]
    item(office_trip, secretary, water, title="Water only")
    shared = item(office_trip, secretary, water, title="Shared")
    shared.co_owners.add(finance)
    item(office_trip, secretary, finance, title="Finance")
    client.force_login(secretary)
    assert titles(client.get(URL, {"department": finance.pk})) == {"Shared", "Finance"}


def test_filters_by_status_trip_leader_and_overdue(client, office_trip, secretary, leader):
    dept = department()[0]
    other = TripFactory(team={secretary: "secretary"})
    today = timezone.localdate()
    item(office_trip, secretary, dept, title="Late", due_date=today - dt.timedelta(days=1))
    item(office_trip, secretary, dept, title="Answered", status="done", answer="Yes.")
    item(other, secretary, dept, title="Elsewhere")
    client.force_login(secretary)

    assert titles(client.get(URL, {"status": "done"})) == {"Answered"}
    assert titles(client.get(URL, {"trip": other.pk})) == {"Elsewhere"}
    assert titles(client.get(URL, {"leader": leader.pk})) == {"Late", "Answered"}
    assert titles(client.get(URL, {"overdue": "on"})) == {"Late"}


def test_counts_by_status_and_the_share_answered(client, office_trip, secretary):
    dept = department()[0]
    item(office_trip, secretary, dept, status="done", answer="Yes.")
    item(office_trip, secretary, dept, status="cannot", reason="No land.")
    item(office_trip, secretary, dept, status="in_progress")
    item(office_trip, secretary, dept, due_date=timezone.localdate() - dt.timedelta(days=3))
    client.force_login(secretary)

    counts = client.get(URL).context["counts"]

    assert (counts.total, counts.open, counts.in_progress, counts.done, counts.cannot) == (
        4,
        1,
        1,
        1,
        1,
    )
    assert counts.overdue == 1 and counts.answered_share == 25


def test_overdue_items_stand_out(client, office_trip, secretary):
    item(office_trip, secretary, department()[0], due_date=dt.date(2020, 1, 1))
    client.force_login(secretary)
    assert 'class="followup overdue"' in client.get(URL).content.decode()


def test_the_board_costs_the_same_queries_for_5_or_500_items(client, secretary, leader):
    dept, other = department()[0], department("Finance bureau")[0]

    def trip_with(n):
        trip = TripFactory(team={secretary: "secretary", leader: "leader"})
        made = FollowUp.objects.bulk_create(
            FollowUp(
                trip=trip,
                department=dept,
                created_by=secretary,
                title=f"Item {i}",
                to_do="Do it.",
                due_date=dt.date(2027, 1, 1) + dt.timedelta(days=i % 30),
            )
            for i in range(n)
        )
        FollowUp.co_owners.through.objects.bulk_create(
            FollowUp.co_owners.through(followup_id=f.pk, department_id=other.pk) for f in made
        )
        return trip

    small, large = trip_with(5), trip_with(500)
    client.force_login(secretary)
    client.get(URL)  # the session and the roles, once

    def queries(trip) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(URL, {"trip": trip.pk}).status_code == 200
        return len(captured)

    assert queries(small) == queries(large)
