"""The dashboard's follow-up panels: the secretary sees what is overdue on their trips, the
leader what needs the leader, a department's member the department's open items; a fixed
number of queries however many items."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import NoReverseMatch, reverse

from followups import items
from tests.factories import TripFactory, UserFactory
from tests.followups.item_setup import department, item, settle

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 12, 1, 9, tzinfo=dt.UTC)
TODAY = NOW.date()
PAST = TODAY - dt.timedelta(days=5)
LATER = TODAY + dt.timedelta(days=5)


@pytest.fixture
def dept(db):
    return department()[0]


def dashboard(client, user) -> tuple[dict, str]:
    client.force_login(user)
    with time_machine.travel(NOW, tick=False):
        response = client.get(reverse("desk:dashboard"))
    return response.context, response.content.decode()


def titles(panel) -> list[str]:
    return [i.title for i in panel.items]


# The secretary: what is overdue


def test_the_secretary_sees_an_overdue_item_of_their_trip_not_one_still_due(
    client, office_trip, secretary, dept
):
    item(office_trip, secretary, dept, title="Fix the pump", due_date=PAST)
    item(office_trip, secretary, dept, title="Pave the road", due_date=LATER)
    context, page = dashboard(client, secretary)
    assert titles(context["followups_overdue"]) == ["Fix the pump"]
    assert context["followups_overdue"].total == 1
    assert "Overdue follow-up items" in page
    assert f'href="{reverse("followups:board")}?overdue=on"' in page


def test_the_secretary_does_not_see_another_teams_items(client, secretary, dept):
    other = UserFactory(roles=["secretary"])
    hidden = TripFactory(title="Secret talks", visibility="confidential", team={other: "secretary"})
    item(hidden, other, dept, title="Merge the utilities", due_date=PAST)
    not_mine = TripFactory(title="Someone else's trip", team={other: "secretary"})
    item(not_mine, other, dept, title="Not my item", due_date=PAST)
    context, page = dashboard(client, secretary)
    assert titles(context["followups_overdue"]) == []
    assert "Merge the utilities" not in page and "Secret talks" not in page
    assert "Nothing is overdue on your trips." in page


def test_the_overdue_panel_shows_ten_and_counts_all(client, office_trip, secretary, dept):
    for n in range(12):
        item(office_trip, secretary, dept, title=f"Item {n}", due_date=PAST)
    context, page = dashboard(client, secretary)
    panel = context["followups_overdue"]
    assert (len(panel.items), panel.total, panel.more) == (10, 12, 2)
    assert "12 items past their due date" in page
    assert "and 2 more" in page


# The leader: what needs the leader's help


def test_the_leader_sees_an_item_that_needs_the_leaders_help(
    client, office_trip, secretary, leader, dept
):
    help_wanted = item(office_trip, secretary, dept, title="Talk to the finance bureau")
    item(office_trip, secretary, dept, title="Routine item")
    with time_machine.travel(NOW - dt.timedelta(days=1), tick=False):
        items.update(help_wanted, secretary, needs_leader=True)
    context, page = dashboard(client, leader)
    assert titles(context["followups_for_leader"]) == ["Talk to the finance bureau"]
    assert "Needs the leader's help" in page
    assert context["followups_overdue"] is None


def test_the_leader_sees_items_found_not_doable_in_the_last_two_weeks(
    client, office_trip, secretary, leader, dept
):
    recent = item(office_trip, secretary, dept, title="Recently impossible")
    old = item(office_trip, secretary, dept, title="Long impossible")
    with time_machine.travel(NOW - dt.timedelta(days=20), tick=False):
        settle(old, secretary, "cannot", "No money.")
    with time_machine.travel(NOW - dt.timedelta(days=3), tick=False):
        settle(recent, secretary, "cannot", "No land.")
    context, page = dashboard(client, leader)
    assert titles(context["followups_for_leader"]) == ["Recently impossible"]
    assert "No land." in page


def test_the_leader_does_not_see_another_leaders_items(client, secretary, leader, dept):
    other = UserFactory(roles=["leader"])
    trip = TripFactory(team={secretary: "secretary", other: "leader"})
    item(trip, secretary, dept, title="Another leader's", needs_leader=True)
    context, _page = dashboard(client, leader)
    assert titles(context["followups_for_leader"]) == []


# A department's member: the department's open items


def test_a_department_member_sees_the_departments_open_items(
    client, office_trip, secretary, staff2, dept
):
    dept.members.add(staff2)
    shared_with = department("Finance bureau")[0]
    item(office_trip, secretary, dept, title="Ours")
    item(office_trip, secretary, shared_with, title="Shared with us").co_owners.add(dept)
    item(office_trip, secretary, dept, title="Done already", status="done", answer="Done.")
    item(office_trip, secretary, shared_with, title="Not ours")
    context, page = dashboard(client, staff2)
    assert sorted(titles(context["followups_departments"])) == ["Ours", "Shared with us"]
    assert "My department's open items" in page
    try:
        url = reverse("followups:my_department_items")
    except NoReverseMatch:
        return
    assert f'href="{url}"' in page


def test_without_a_department_there_is_no_department_panel(client, office_trip, staff, dept):
    item(office_trip, staff, dept, title="Somebody's item")
    _context, page = dashboard(client, staff)
    assert "My department's open items" not in page


def test_dashboard_queries_do_not_grow_with_followup_items(
    client, secretary, leader, dept, django_assert_num_queries
):
    dept.members.add(secretary)
    trip = TripFactory(team={secretary: "secretary", leader: "leader"})

    def add(count: int) -> None:
        for n in range(count):
            item(trip, secretary, dept, title=f"Item {n}", due_date=PAST, needs_leader=True)

    add(2)
    TripFactory(title="The office's")
    client.force_login(secretary)
    with time_machine.travel(NOW, tick=False):
        # Session, user, roles; three trip sections, each its trips and their teams; host
        # units' messages; the overdue panel, the departments' panel.
        with django_assert_num_queries(3 + 9) as small:
            client.get(reverse("desk:dashboard"))
        add(20)
        with django_assert_num_queries(len(small.captured_queries)):
            client.get(reverse("desk:dashboard"))
    client.force_login(leader)
    # The leader's: approvals, my trips and teams, the office's trips and teams; the
    # leader's follow-up panel, the departments' panel.
    with time_machine.travel(NOW, tick=False), django_assert_num_queries(3 + 7):
        client.get(reverse("desk:dashboard"))


def test_a_department_member_without_an_office_role_lands_on_the_departments_items(client, dept):
    clerk = UserFactory(username="bureau-clerk")
    dept.members.add(clerk)
    client.force_login(clerk)
    response = client.get(reverse("desk:dashboard"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("followups:my_department_items")
    nav = response.content.decode().split('<nav class="nav"')[1].split("</nav>")[0]
    assert reverse("followups:my_department_items") in nav
    assert reverse("trips:trip_list") not in nav


def test_an_account_with_no_office_role_and_no_department_gets_403(client):
    client.force_login(UserFactory(username="nobody"))
    assert client.get(reverse("desk:dashboard")).status_code == 403
