# ruff: noqa: RUF001  (Chinese text is written with full-width punctuation)
"""督办 lights: each open item green, yellow or red by its due date and its returns, in SQL;
shown with a word wherever items are listed, filtered and counted on the board."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from followups import reminders
from followups.models import RETURNED, FollowUp, FollowUpUpdate, Light
from outbox.models import Message
from tests.factories import HostUnitFactory, TripFactory, at
from tests.followups.department_setup import item_url, items_url, token_for
from tests.followups.item_setup import department, item

pytestmark = pytest.mark.django_db

DUE = dt.date(2027, 1, 15)
DAY = dt.timedelta(days=1)
BOARD = reverse("followups:board")


@pytest.fixture(autouse=True)
def _warn_days(settings):
    settings.DUBAN_WARN_DAYS = 3


def light_on(it: FollowUp, day: dt.date) -> str | None:
    return FollowUp.objects.with_light(day).get(pk=it.pk).light


def returned(it: FollowUp, by) -> None:
    """The office returns the item's answer (退回), as the workflow writes it."""
    FollowUpUpdate.objects.create(
        followup=it, by_user=by, changes={"status": ["answered", RETURNED]}, comment="Not enough."
    )


def test_the_light_goes_green_yellow_red_as_the_due_date_nears_and_passes(office_trip, secretary):
    it = item(office_trip, secretary, department()[0], due_date=DUE)
    seen = []
    for day in (DUE - 4 * DAY, DUE - 3 * DAY, DUE, DUE + DAY):
        with time_machine.travel(at(day, 9), tick=False):
            seen.append(FollowUp.objects.with_light(day).get(pk=it.pk).light)
    assert seen == [Light.GREEN, Light.YELLOW, Light.YELLOW, Light.RED]


def test_the_warning_days_are_the_offices_setting(settings, office_trip, secretary):
    settings.DUBAN_WARN_DAYS = 10
    it = item(office_trip, secretary, department()[0], due_date=DUE)
    assert light_on(it, DUE - 10 * DAY) == Light.YELLOW


def test_returned_once_is_yellow_and_twice_red_however_far_the_due_date(office_trip, secretary):
    it = item(office_trip, secretary, department()[0], due_date=DUE)
    far = DUE - 30 * DAY
    returned(it, secretary)
    assert light_on(it, far) == Light.YELLOW
    returned(it, secretary)
    assert light_on(it, far) == Light.RED


def test_a_settled_item_has_no_light(office_trip, secretary):
    it = item(office_trip, secretary, department()[0], due_date=DUE, status="done", answer="Yes.")
    assert light_on(it, DUE + 10 * DAY) is None


def board_items(office_trip, secretary):
    dept = department()[0]
    item(office_trip, secretary, dept, title="Far", due_date=DUE + 30 * DAY)
    item(office_trip, secretary, dept, title="Near", due_date=DUE + DAY)
    item(office_trip, secretary, dept, title="Late", due_date=DUE - DAY)
    item(office_trip, secretary, dept, title="Answered", status="done", answer="Yes.")


@time_machine.travel(at(DUE, 9), tick=False)
def test_the_board_filters_by_light(client, office_trip, secretary):
    board_items(office_trip, secretary)
    client.force_login(secretary)
    found = client.get(BOARD, {"light": "yellow"}).context["items"]
    assert [i.title for i in found] == ["Near"]


@time_machine.travel(at(DUE, 9), tick=False)
def test_the_board_counts_the_open_items_by_light(client, office_trip, secretary):
    board_items(office_trip, secretary)
    client.force_login(secretary)
    counts = client.get(BOARD, {"light": "red"}).context["counts"]
    assert (counts.green, counts.yellow, counts.red) == (1, 1, 1)


@time_machine.travel(at(DUE, 9), tick=False)
def test_the_light_shows_with_its_word_in_chinese(client, office_trip, secretary):
    item(office_trip, secretary, department()[0], due_date=DUE - DAY)
    client.force_login(secretary)
    page = client.get(BOARD, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert 'data-light="red"' in page and "红灯（滞后）" in page


@time_machine.travel(at(DUE, 9), tick=False)
def test_the_item_page_trip_panel_and_unit_panel_show_the_light(client, office_trip, secretary):
    host = HostUnitFactory()
    it = item(office_trip, secretary, department()[0], due_date=DUE + DAY, host_unit=host)
    client.force_login(secretary)
    for url in (
        it.get_absolute_url(),
        reverse("followups:trip_panel", args=[office_trip.pk]),
        reverse("followups:unit_panel", args=[host.pk]),
    ):
        assert "Yellow (at risk)" in client.get(url).content.decode(), url


@time_machine.travel(at(DUE, 9), tick=False)
def test_the_departments_link_page_shows_the_light(client, office_trip, secretary):
    dept = department()[0]
    item(office_trip, secretary, dept, due_date=DUE - DAY)
    page = client.get(items_url(token_for(dept))).content.decode()
    assert "Red (lagging)" in page


def test_the_owner_digest_shows_each_items_light_in_words(settings, office_trip, secretary):
    settings.FOLLOWUP_DIGEST_HOUR = 8
    item(office_trip, secretary, department()[0], title="Fix the pump", due_date=DUE - DAY)
    with time_machine.travel(at(DUE, 9), tick=False):
        reminders.send_reminders()
    message = Message.objects.get(cause_key__startswith="followups.owner_digest")
    assert "Fix the pump · Red (lagging)" in message.text_body
    assert 'data-light="red"' in message.html_body


def test_the_board_costs_the_same_queries_for_5_or_50_items_with_lights(client, secretary, leader):
    dept = department()[0]

    def trip_with(n):
        trip = TripFactory(team={secretary: "secretary", leader: "leader"})
        made = FollowUp.objects.bulk_create(
            FollowUp(
                trip=trip,
                department=dept,
                created_by=secretary,
                title=f"Item {i}",
                to_do="Do it.",
                due_date=DUE + dt.timedelta(days=i % 7 - 2),
            )
            for i in range(n)
        )
        FollowUpUpdate.objects.bulk_create(
            FollowUpUpdate(followup=f, changes={"status": ["answered", RETURNED]})
            for f in made[::2]
        )
        return trip

    small, large = trip_with(5), trip_with(50)
    client.force_login(secretary)

    def queries(trip, **filters) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(BOARD, {"trip": trip.pk, **filters}).status_code == 200
        return len(captured)

    with time_machine.travel(at(DUE, 9), tick=False):
        client.get(BOARD)  # the session and the roles, once
        assert queries(small) == queries(large)
        assert queries(small, light="red") == queries(large, light="red")


@time_machine.travel(at(DUE, 9), tick=False)
def test_the_departments_item_page_through_its_link_shows_the_light(client, office_trip, secretary):
    dept = department()[0]
    it = item(office_trip, secretary, dept, due_date=DUE - DAY)
    page = client.get(item_url(token_for(dept), it)).content.decode()
    assert "Red (lagging)" in page
