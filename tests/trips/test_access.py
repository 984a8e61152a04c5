"""Who may see and change which trip: every trip page, list, search and count."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse

from tests.factories import ItineraryItemFactory, TripFactory, UserFactory
from trips import access

# Every page of one trip: (URL name, method, reads or edits).
TRIP_PAGES = [
    ("trip_detail", "get", "read"),
    ("trip_edit", "get", "edit"),
    ("item_create", "get", "edit"),
    ("item_edit", "get", "edit"),
    ("item_delete", "post", "edit"),
    ("item_duplicate", "post", "edit"),
]

# The access matrix: office role x on the trip's team (in that role) x trip visibility.
# "ok" is 200 for a page, 302 back to the trip for a POST that did its work.
MATRIX = [
    # role, on team, visibility, reading, editing
    ("secretary", True, "office", 200, "ok"),
    ("secretary", True, "confidential", 200, "ok"),
    ("secretary", False, "office", 200, 403),
    ("secretary", False, "confidential", 404, 404),
    ("leader", True, "office", 200, 403),
    ("leader", True, "confidential", 200, 403),
    ("leader", False, "office", 200, 403),
    ("leader", False, "confidential", 404, 404),
    ("staff", True, "office", 200, 403),
    ("staff", True, "confidential", 200, 403),
    ("staff", False, "office", 200, 403),
    ("staff", False, "confidential", 404, 404),
]


def page_url(name: str, trip) -> str:
    if name in ("item_edit", "item_delete", "item_duplicate"):
        return reverse(f"trips:{name}", args=[trip.pk, trip.items.get().pk])
    return reverse(f"trips:{name}", args=[trip.pk])


@pytest.mark.parametrize("role, on_team, visibility, reading, editing", MATRIX)
@pytest.mark.parametrize("name, method, does", TRIP_PAGES)
def test_trip_pages_answer_each_role_as_the_matrix_says(
    client, db, name, method, does, role, on_team, visibility, reading, editing
):
    user = UserFactory(roles=[role])
    team = {UserFactory(roles=["secretary"]): "secretary", **({user: role} if on_team else {})}
    trip = TripFactory(visibility=visibility, items=1, team=team)
    client.force_login(user)
    response = getattr(client, method)(page_url(name, trip))
    expected = reading if does == "read" else editing
    if expected == "ok":
        expected = 200 if method == "get" else 302
    assert response.status_code == expected


@pytest.mark.parametrize("role, on_team, visibility, reading, editing", MATRIX)
def test_trip_for_a_user_answers_as_the_matrix_says(
    db, role, on_team, visibility, reading, editing
):
    """The same rules without a request: what a Celery task or a command gets."""
    user = UserFactory(roles=[role])
    team = {UserFactory(roles=["secretary"]): "secretary", **({user: role} if on_team else {})}
    trip = TripFactory(visibility=visibility, team=team)
    assert _status_of(user, trip.pk, edit=False) == (200 if reading == "ok" else reading)
    assert _status_of(user, trip.pk, edit=True) == (200 if editing == "ok" else editing)


def _status_of(user, pk: int, *, edit: bool) -> int:
    """The status a view would answer for what the access module says."""
    try:
        access.trip_for(user, pk, edit=edit)
    except Http404:
        return 404
    except PermissionDenied:
        return 403
    return 200


@pytest.mark.parametrize("name, method, does", TRIP_PAGES)
def test_anonymous_visitors_are_sent_to_log_in(client, confidential_trip, name, method, does):
    ItineraryItemFactory(trip=confidential_trip)
    response = getattr(client, method)(page_url(name, confidential_trip))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize("name, method, does", TRIP_PAGES)
def test_accounts_without_an_office_role_are_refused(
    client, stranger, office_trip, name, method, does
):
    ItineraryItemFactory(trip=office_trip)
    client.force_login(stranger)
    assert getattr(client, method)(page_url(name, office_trip)).status_code == 403


@pytest.mark.parametrize("name", ["desk:dashboard", "trips:trip_list", "trips:trip_create"])
def test_anonymous_visitors_are_sent_to_log_in_from_the_lists(client, db, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize("role, status", [("secretary", 200), ("leader", 403), ("staff", 403)])
def test_only_secretaries_create_trips(client, db, role, status):
    client.force_login(UserFactory(roles=[role]))
    assert client.get(reverse("trips:trip_create")).status_code == status


def test_read_only_post_changes_nothing(client, office_trip, leader):
    item = ItineraryItemFactory(trip=office_trip)
    client.force_login(leader)
    client.post(reverse("trips:item_delete", args=[office_trip.pk, item.pk]))
    client.post(reverse("trips:trip_edit", args=[office_trip.pk]), {"title": "Hijacked"})
    office_trip.refresh_from_db()
    assert office_trip.items.filter(pk=item.pk).exists()
    assert office_trip.title == "Riverside water works"


def test_item_of_another_trip_is_not_reachable_through_ones_own_trip(client, confidential_trip):
    hidden = ItineraryItemFactory(trip=confidential_trip)
    other_secretary = UserFactory(roles=["secretary"])
    own_trip = TripFactory(team={other_secretary: "secretary"})
    client.force_login(other_secretary)
    url = reverse("trips:item_duplicate", args=[own_trip.pk, hidden.pk])
    assert client.post(url).status_code == 404
    assert confidential_trip.items.count() == 1


# Lists, search and counts never reveal a confidential trip to an outsider


def test_outsider_does_not_see_a_confidential_trip_in_the_list(client, confidential_trip, outsider):
    client.force_login(outsider)
    response = client.get(reverse("trips:trip_list"))
    assert confidential_trip not in response.context["page_obj"]
    assert b"plant merger" not in response.content


def test_outsider_search_does_not_find_a_confidential_trip(client, confidential_trip, outsider):
    client.force_login(outsider)
    response = client.get(reverse("trips:trip_list"), {"q": "merger"})
    assert response.context["page_obj"].paginator.count == 0
    assert b"0 trips" in response.content


def test_outsider_count_leaves_confidential_trips_out(
    client, office_trip, confidential_trip, outsider
):
    client.force_login(outsider)
    response = client.get(reverse("trips:trip_list"))
    assert response.context["page_obj"].paginator.count == 1
    assert b"1 trip<" in response.content


def test_outsider_filtering_by_leader_does_not_find_a_confidential_trip(
    client, confidential_trip, outsider, leader
):
    client.force_login(outsider)
    response = client.get(reverse("trips:trip_list"), {"leader": leader.pk})
    assert response.context["page_obj"].paginator.count == 0


def test_team_member_finds_the_confidential_trip(client, confidential_trip, staff):
    client.force_login(staff)
    response = client.get(reverse("trips:trip_list"), {"q": "merger"})
    assert list(response.context["page_obj"]) == [confidential_trip]


def test_outsider_dashboard_does_not_show_a_confidential_trip(client, confidential_trip, outsider):
    client.force_login(outsider)
    with time_machine.travel(dt.datetime(2026, 12, 1, tzinfo=dt.UTC), tick=False):
        response = client.get(reverse("desk:dashboard"))
    assert b"plant merger" not in response.content
    assert not any(
        confidential_trip in response.context[section]
        for section in ("upcoming", "drafts", "office_upcoming")
    )
