"""Trips: creating and editing the brief with its team, the trip list, the dashboard."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.conf import settings
from django.urls import reverse

from tests.factories import TripFactory, UserFactory
from trips.models import Trip

CREATE_URL = reverse("trips:trip_create")
LIST_URL = reverse("trips:trip_list")


def team_data(*members: tuple, initial: int = 0) -> dict:
    """The team formset as posted: (user, role[, member pk, delete]) rows plus two empty ones."""
    rows = [*members, (None, ""), (None, "")]
    data = {
        "team-TOTAL_FORMS": str(len(rows)),
        "team-INITIAL_FORMS": str(initial),
        "team-MIN_NUM_FORMS": "0",
        "team-MAX_NUM_FORMS": "1000",
    }
    for i, (user, role, *rest) in enumerate(rows):
        data[f"team-{i}-user"] = user.pk if user else ""
        data[f"team-{i}-role"] = role
        if rest:
            data[f"team-{i}-id"] = rest[0]
            if len(rest) > 1 and rest[1]:
                data[f"team-{i}-DELETE"] = "on"
    return data


def trip_data(*members: tuple, initial: int = 0, **changes) -> dict:
    data = {
        "title": "Flood defences in Riverside",
        "kind": "inspection",
        "start_date": "2026-12-07",
        "end_date": "2026-12-08",
        "time_zone": "Asia/Shanghai",
        "visibility": "office",
        "purpose": "See the new dykes before the rainy season.",
        "intention": "Look at the weak points; listen to the villages.",
    }
    return {**data, **team_data(*members, initial=initial), **changes}


def existing_team(trip: Trip) -> list[tuple]:
    return [(m.user, m.role, m.pk) for m in trip.members.order_by("pk")]


@pytest.fixture
def as_secretary(client, secretary):
    client.force_login(secretary)
    return client


# Creating


def test_secretary_creates_a_trip_and_joins_its_team_as_secretary(as_secretary, secretary):
    response = as_secretary.post(CREATE_URL, trip_data())
    trip = Trip.objects.get()
    assert response.url == trip.get_absolute_url()
    assert trip.created_by == secretary
    assert trip.members.get().user == secretary
    assert trip.members.get().role == "secretary"


def test_team_is_saved_with_the_brief(as_secretary, leader, staff):
    as_secretary.post(CREATE_URL, trip_data((leader, "leader"), (staff, "staff")))
    trip = Trip.objects.get()
    assert {(m.user.username, m.role) for m in trip.members.all()} == {
        ("secretary", "secretary"),
        ("leader", "leader"),
        ("staff", "staff"),
    }
    assert trip.leaders() == [leader]


def test_new_trip_starts_as_a_draft(as_secretary):
    as_secretary.post(CREATE_URL, trip_data())
    assert Trip.objects.get().status == Trip.Status.DRAFT


def test_new_trip_form_offers_the_office_time_zone(as_secretary):
    form = as_secretary.get(CREATE_URL).context["form"]
    assert form["time_zone"].value() == settings.TIME_ZONE


def test_last_day_before_first_day_is_refused_with_the_input_kept(as_secretary):
    data = trip_data(start_date="2026-12-07", end_date="2026-12-05", title="Typed title")
    response = as_secretary.post(CREATE_URL, data)
    assert response.context["form"].errors["end_date"] == [
        "The last day cannot be before the first day."
    ]
    assert b'value="Typed title"' in response.content
    assert not Trip.objects.exists()


def test_unknown_time_zone_is_refused(as_secretary):
    response = as_secretary.post(CREATE_URL, trip_data(time_zone="Mars/Olympus"))
    assert "time_zone" in response.context["form"].errors


def test_team_offers_only_office_users(as_secretary, stranger):
    response = as_secretary.post(CREATE_URL, trip_data((stranger, "staff")))
    assert "user" in response.context["team"].forms[0].errors
    assert not Trip.objects.exists()


def test_only_office_secretaries_can_be_a_trips_secretary(as_secretary, staff):
    response = as_secretary.post(CREATE_URL, trip_data((staff, "secretary")))
    assert response.context["team"].forms[0].errors["role"] == [
        "Only the office's secretaries can be a trip's secretary."
    ]


def test_a_person_is_on_the_team_once(as_secretary, leader):
    response = as_secretary.post(CREATE_URL, trip_data((leader, "staff"), (leader, "leader")))
    assert response.context["team"].non_form_errors()
    assert not Trip.objects.exists()


# Editing


def test_secretary_on_the_team_edits_the_brief(as_secretary, office_trip):
    url = reverse("trips:trip_edit", args=[office_trip.pk])
    data = trip_data(
        *existing_team(office_trip),
        initial=3,
        title="Riverside, second visit",
        results_wanted="A list of repairs.",
    )
    response = as_secretary.post(url, data)
    office_trip.refresh_from_db()
    assert response.url == office_trip.get_absolute_url()
    assert office_trip.title == "Riverside, second visit"
    assert office_trip.results_wanted == "A list of repairs."


def test_team_member_is_removed_on_edit(as_secretary, office_trip, staff):
    url = reverse("trips:trip_edit", args=[office_trip.pk])
    team = [(*row, row[0] == staff) for row in existing_team(office_trip)]
    as_secretary.post(url, trip_data(*team, initial=3))
    assert not office_trip.members.filter(user=staff).exists()


def test_the_last_secretary_cannot_leave_the_team(as_secretary, office_trip, secretary):
    url = reverse("trips:trip_edit", args=[office_trip.pk])
    team = [(*row, row[0] == secretary) for row in existing_team(office_trip)]
    response = as_secretary.post(url, trip_data(*team, initial=3))
    assert response.context["team"].non_form_errors() == [
        "Keep a secretary on the team, or nobody can edit the trip."
    ]
    assert office_trip.members.filter(user=secretary).exists()


# The list


def test_list_filters_by_status(as_secretary, secretary):
    TripFactory(title="Draft trip", team={secretary: "secretary"})
    TripFactory(title="Approved trip", status="approved", team={secretary: "secretary"})
    response = as_secretary.get(LIST_URL, {"status": "approved"})
    assert [t.title for t in response.context["page_obj"]] == ["Approved trip"]


def test_list_filters_by_kind(as_secretary):
    TripFactory(title="A meeting", kind="meeting")
    TripFactory(title="An inspection", kind="inspection")
    response = as_secretary.get(LIST_URL, {"kind": "meeting"})
    assert [t.title for t in response.context["page_obj"]] == ["A meeting"]


def test_list_filters_by_dates_keeping_trips_that_overlap(as_secretary):
    TripFactory(title="Early", start_date=dt.date(2026, 3, 1), end_date=dt.date(2026, 3, 3))
    TripFactory(title="Spans", start_date=dt.date(2026, 3, 30), end_date=dt.date(2026, 4, 2))
    TripFactory(title="Late", start_date=dt.date(2026, 5, 1), end_date=dt.date(2026, 5, 2))
    response = as_secretary.get(LIST_URL, {"first": "2026-04-01", "last": "2026-04-30"})
    assert [t.title for t in response.context["page_obj"]] == ["Spans"]


def test_list_filters_by_leader(as_secretary, leader):
    other_leader = UserFactory(roles=["leader"])
    TripFactory(title="Mine", team={leader: "leader"})
    TripFactory(title="Theirs", team={other_leader: "leader"})
    response = as_secretary.get(LIST_URL, {"leader": leader.pk})
    assert [t.title for t in response.context["page_obj"]] == ["Mine"]


@pytest.mark.parametrize("field", ["title", "purpose", "intention"])
def test_search_looks_in_title_purpose_and_intention(as_secretary, field):
    TripFactory(**{field: "Repairs to the old dykes"})
    TripFactory(title="Other trip")
    response = as_secretary.get(LIST_URL, {"q": "DYKES"})
    assert response.context["page_obj"].paginator.count == 1


def test_range_ending_before_it_starts_is_shown_as_an_error(as_secretary):
    response = as_secretary.get(LIST_URL, {"first": "2026-05-01", "last": "2026-04-01"})
    assert response.context["form"].errors["last"] == ["This is before the “From” date."]


def test_list_shows_twenty_trips_a_page_keeping_the_filters(as_secretary):
    TripFactory.create_batch(21, kind="meeting")
    response = as_secretary.get(LIST_URL, {"kind": "meeting"})
    assert len(response.context["page_obj"]) == 20
    assert b'href="?kind=meeting&amp;page=2"' in response.content


# The dashboard


@pytest.fixture
def dashboard(client):
    def get(user):
        client.force_login(user)
        with time_machine.travel(dt.datetime(2026, 12, 1, 9, tzinfo=dt.UTC), tick=False):
            return client.get(reverse("desk:dashboard")).context

    return get


def test_dashboard_shows_my_upcoming_trips_but_not_past_ones(dashboard, staff):
    TripFactory(title="Coming", team={staff: "staff"})
    TripFactory(title="Past", start_date=dt.date(2026, 11, 2), end_date=dt.date(2026, 11, 3),
                team={staff: "staff"})  # fmt: skip
    assert [t.title for t in dashboard(staff)["upcoming"]] == ["Coming"]


def test_dashboard_drafts_are_those_i_am_secretary_of(dashboard, secretary):
    other_secretary = UserFactory(roles=["secretary"])
    TripFactory(title="My draft", team={secretary: "secretary"})
    TripFactory(title="Approved", status="approved", team={secretary: "secretary"})
    TripFactory(title="Someone else's", team={other_secretary: "secretary", secretary: "staff"})
    assert [t.title for t in dashboard(secretary)["drafts"]] == ["My draft"]


def test_dashboard_lists_other_office_trips_apart_from_mine(dashboard, staff):
    TripFactory(title="Mine", team={staff: "staff"})
    TripFactory(title="The office's")
    assert [t.title for t in dashboard(staff)["office_upcoming"]] == ["The office's"]


def test_dashboard_page_shows_the_sections(client, secretary):
    client.force_login(secretary)
    page = client.get(reverse("desk:dashboard")).content.decode()
    assert "My upcoming trips" in page
    assert "drafts I am secretary of" in page


def test_trip_page_shows_the_team_with_their_roles(client, office_trip, staff):
    client.force_login(staff)
    page = client.get(office_trip.get_absolute_url()).content.decode()
    assert 'Lee Wang <span class="badge">Leader</span>' in page
    assert 'Sam Zhao <span class="badge">Accompanying staff</span>' in page


def test_the_party_rows_ask_for_a_persons_title_in_the_offices_word(client, secretary):
    client.force_login(secretary)
    page = client.get("/trips/new/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert 'placeholder="职务"' in page and 'placeholder="标题"' not in page
