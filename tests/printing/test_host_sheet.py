"""A host unit's sheet: its part of the approved plan, as its notice tells it, and nothing
of other units; for the trip's secretaries only."""

from __future__ import annotations

import pytest
import time_machine
from django.urls import reverse

from notices import drafts
from tests.factories import HostUnitFactory, ItineraryItemFactory, at
from tests.notices.notice_setup import A_WEEK_BEFORE, approve, build_visit, fresh
from tests.printing import pdf

pytestmark = pytest.mark.django_db

# Everything of the plant's part and of the leader's own items: never on the township's sheet.
PLANT = (
    "Hilltop water plant", "Forum with the plant workers", "Lunch at the canteen",
    "Meeting room 3", "Staff canteen", "water quality", "Bring the lab reports",
)  # fmt: skip
TOWNSHIP = (
    "Riverside township", "Visit the pumping station", "Pumping station No. 2",
    "1 River Road", "Safety helmets for six", "Parking for two cars",
)  # fmt: skip
NOT_HOSTED = ("Drive to the plant", "Private talk on the merger", "Hotel room")


@pytest.fixture(autouse=True)
def _a_week_before():
    with time_machine.travel(A_WEEK_BEFORE, tick=True):
        yield


@pytest.fixture
def visit(office_trip, secretary, leader, staff):
    visit = build_visit(office_trip, leader, staff)
    approve(office_trip, secretary, leader)
    trip = fresh(office_trip)
    drafts.set_requirements(trip, visit.township, "Parking for two cars", secretary)
    drafts.set_requirements(trip, visit.plant, "Bring the lab reports", secretary)
    return visit


def _get(client, user, trip, unit, **query):
    client.force_login(user)
    return client.get(reverse("printing:host_sheet", args=[trip.pk, unit.pk]), query)


def test_sheet_holds_the_units_part_and_nothing_of_other_units(client, visit, secretary):
    response = _get(client, secretary, visit.trip, visit.township, lang="en")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "Riverside township" in response["Content-Disposition"]
    text = " ".join(pdf.text(response.content).split())
    assert "Host unit's sheet" in text and "Riverside water works" in text
    for words in TOWNSHIP:
        assert words in text, words
    # Who attends, in protocol order with the notice's labels: the leader first.
    assert text.index("Lee Wang") < text.index("Sam Zhao")
    for words in PLANT + NOT_HOSTED:
        assert words not in text, words


def test_the_other_units_sheet_in_its_own_language_by_default(client, visit, secretary):
    text = pdf.flat(_get(client, secretary, visit.trip, visit.plant).content)
    assert "Riverside water works".replace(" ", "") in text
    for words in (
        "Hilltop water plant", "Forum with the plant workers", "Lunch at the canteen",
        "Bring the lab reports", "活动安排", "由贵单位安排的食宿", "第1页共1页",
    ):  # fmt: skip
        assert words.replace(" ", "") in text, words
    for words in TOWNSHIP + NOT_HOSTED:
        assert words.replace(" ", "") not in text, words


def test_sheet_is_for_the_trips_secretaries_only(client, visit, staff, leader, outsider):
    for user in (staff, leader, outsider):
        assert _get(client, user, visit.trip, visit.township).status_code == 403


def test_confidential_trips_sheet_is_a_404_to_outsiders(client, confidential_trip, secretary,
                                                         leader, staff, outsider):  # fmt: skip
    visit = build_visit(confidential_trip, leader, staff)
    approve(confidential_trip, secretary, leader)
    assert _get(client, outsider, confidential_trip, visit.plant).status_code == 404
    response = _get(client, secretary, confidential_trip, visit.plant)
    assert response.status_code == 200
    assert "内部" in pdf.flat(response.content)


def test_a_unit_not_on_the_approved_plan_has_no_sheet(client, visit, secretary):
    elsewhere = HostUnitFactory(name="Somewhere else")
    assert _get(client, secretary, visit.trip, elsewhere).status_code == 404


def test_no_sheet_before_a_plan_is_approved(client, office_trip, secretary, leader, staff):
    visit = build_visit(office_trip, leader, staff)
    assert _get(client, secretary, office_trip, visit.township).status_code == 404


def test_notices_page_offers_each_units_sheet(client, visit, secretary):
    client.force_login(secretary)
    html = client.get(reverse("notices:notices", args=[visit.trip.pk])).content.decode()
    for unit in (visit.township, visit.plant):
        assert reverse("printing:host_sheet", args=[visit.trip.pk, unit.pk]) in html


def test_sheet_queries_do_not_grow_with_the_units_items(
    client, visit, secretary, leader, django_assert_max_num_queries
):
    _get(client, secretary, visit.trip, visit.plant)  # the session, the first request's lookups
    counts = []
    for extra in (0, 12):
        for n in range(extra):
            item = ItineraryItemFactory(
                trip=visit.trip, host_unit=visit.township, title=f"Stop {n}",
                start=at(visit.trip.end_date, 6, n * 20), minutes=10,
            )  # fmt: skip
            item.attendees.set([leader])
        if extra:
            approve(visit.trip, secretary, leader)
        with django_assert_max_num_queries(80) as captured:
            response = _get(client, secretary, visit.trip, visit.township, lang="en")
        assert response.status_code == 200
        counts.append(len(captured))
    assert "Stop 11" in pdf.text(response.content)
    assert counts[0] == counts[1]
