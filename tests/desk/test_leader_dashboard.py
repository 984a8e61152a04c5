"""The leader's dashboard: "For my approval" first, then the leader's trips; no secretary's
panels; a fixed number of queries."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from tests.factories import ItineraryItemFactory, TripFactory, UserFactory, at
from trips import approval
from trips.models import Trip, TripVersion

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 12, 1, 9, tzinfo=dt.UTC)
PER_REQUEST = 3  # the session, the user, the user's office roles
TO = "\N{EN DASH}"  # between two dates


def submitted(title: str, secretary, leader, when: dt.datetime = NOW, **kwargs) -> TripVersion:
    trip = TripFactory(title=title, team={secretary: "secretary", leader: "leader"}, **kwargs)
    ItineraryItemFactory(trip=trip, start=at(trip.start_date, 9))
    with time_machine.travel(when, tick=False):
        return approval.submit(Trip.objects.with_team().get(pk=trip.pk), secretary)


def dashboard(client, user) -> tuple[dict, str]:
    client.force_login(user)
    with time_machine.travel(NOW, tick=False):
        response = client.get(reverse("desk:dashboard"))
    return response.context, response.content.decode()


def test_for_my_approval_lists_waiting_versions_newest_first(client, secretary, leader):
    submitted("Older", secretary, leader, NOW - dt.timedelta(days=2))
    submitted("Newer", secretary, leader, NOW - dt.timedelta(hours=3))
    context, _page = dashboard(client, leader)
    assert [v.trip.title for v in context["for_approval"]] == ["Newer", "Older"]


def test_for_my_approval_leaves_out_decided_versions_and_other_leaders_trips(
    client, secretary, leader
):
    decided = submitted("Decided", secretary, leader, NOW - dt.timedelta(days=1))
    approval.decide(decided, leader, TripVersion.Decision.APPROVED)
    submitted("Someone else's", secretary, UserFactory(roles=["leader"]))
    submitted("Mine", secretary, leader)
    context, _page = dashboard(client, leader)
    assert [v.trip.title for v in context["for_approval"]] == ["Mine"]


def test_for_my_approval_opens_the_page(client, secretary, leader):
    submitted("Riverside", secretary, leader)
    _context, page = dashboard(client, leader)
    assert page.index("For my approval") < page.index("My upcoming trips")


def test_for_my_approval_shows_the_trip_dates_and_how_long_it_waited(client, secretary, leader):
    version = submitted("Riverside", secretary, leader, NOW - dt.timedelta(days=2, hours=1))
    _context, page = dashboard(client, leader)
    assert version.get_absolute_url() in page
    assert f"Monday 7 December 2026 {TO} Wednesday 9 December 2026" in page
    assert "waiting 2\xa0days, 1\xa0hour, from Sue Li" in page


def test_leader_sees_no_drafts_or_checklist_panels(client, secretary, leader):
    _context, page = dashboard(client, leader)
    assert "drafts I am secretary of" not in page
    assert 'id="checklists"' not in page and "Checklist" not in page


def test_secretary_sees_no_approval_panel(client, secretary):
    _context, page = dashboard(client, secretary)
    assert "For my approval" not in page
    assert "drafts I am secretary of" in page


def test_leader_dashboard_queries_do_not_grow_with_versions(
    client, secretary, leader, django_assert_num_queries
):
    submitted("First", secretary, leader)
    TripFactory(title="The office's")
    client.force_login(leader)
    # The versions waiting (trip and submitter joined), my trips and their teams, the
    # office's trips and their teams; the follow-up panels: the leader's, the departments'.
    with time_machine.travel(NOW, tick=False), django_assert_num_queries(PER_REQUEST + 7):
        client.get(reverse("desk:dashboard"))
    for n in range(5):
        submitted(f"More {n}", secretary, leader)
    with time_machine.travel(NOW, tick=False), django_assert_num_queries(PER_REQUEST + 7):
        client.get(reverse("desk:dashboard"))
