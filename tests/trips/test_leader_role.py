"""Who leads a trip: only the office's leaders, and never on a version they submitted."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from outbox.models import Message
from tests.factories import ItineraryItemFactory, TripFactory, UserFactory, at
from tests.trips.test_trips import existing_team, trip_data
from trips import approval
from trips.models import Trip, TripMember, TripVersion

pytestmark = pytest.mark.django_db
D = TripVersion.Decision


def fresh(trip: Trip) -> Trip:
    return Trip.objects.with_team().get(pk=trip.pk)


@pytest.fixture
def trip(office_trip):
    ItineraryItemFactory(trip=office_trip, title="Water plant", start=at(office_trip.start_date, 9))
    return office_trip


@pytest.fixture
def staff2_made_leader(trip, staff2) -> TripMember:
    """The issue's case: a team row that makes staff2 a leader, written past the form."""
    return TripMember.objects.create(trip=trip, user=staff2, role=TripMember.Role.LEADER)


def test_staff_cannot_be_made_leader_on_the_trip_form(client, secretary, trip, staff2):
    client.force_login(secretary)
    url = reverse("trips:trip_edit", args=[trip.pk])
    data = trip_data(*existing_team(trip), (staff2, "leader"), initial=3, title="Typed title")
    response = client.post(url, data)
    form = response.context["team"].forms[3]
    assert form.errors["role"] == ["Only the office's leaders can be a trip's leader."]
    assert form["user"].value() == str(staff2.pk)
    assert b'value="Typed title"' in response.content
    assert not trip.members.filter(user=staff2).exists()


def test_an_office_leader_can_be_made_leader_on_the_trip_form(client, secretary, trip):
    other = UserFactory(username="deputy", roles=["leader"])
    client.force_login(secretary)
    url = reverse("trips:trip_edit", args=[trip.pk])
    client.post(url, trip_data(*existing_team(trip), (other, "leader"), initial=3))
    assert trip.members.get(user=other).role == TripMember.Role.LEADER


def test_a_leader_row_for_staff_fails_model_validation(trip, staff2):
    member = TripMember(trip=trip, user=staff2, role=TripMember.Role.LEADER)
    with pytest.raises(ValidationError) as refused:
        member.full_clean()
    assert refused.value.message_dict["role"] == [
        "Only the office's leaders can be a trip's leader."
    ]


def test_is_leader_of_needs_the_office_leader_role(trip, staff2, staff2_made_leader):
    assert not approval.is_leader_of(fresh(trip), staff2)


def test_staff_made_leader_cannot_approve(trip, secretary, staff2, staff2_made_leader):
    version = approval.submit(fresh(trip), secretary)
    with pytest.raises(PermissionDenied):
        approval.decide(version, staff2, D.APPROVED)
    assert TripVersion.objects.get(pk=version.pk).decision == D.PENDING


def test_staff_made_leader_is_not_asked_to_decide(trip, secretary, staff2, staff2_made_leader):
    approval.submit(fresh(trip), secretary)
    assert not Message.objects.filter(recipient_user=staff2).exists()


def test_staff_made_leader_does_not_count_as_the_trips_leader(secretary, staff2):
    trip = TripFactory(team={secretary: "secretary", staff2: "leader"})
    with pytest.raises(ValidationError, match="leader"):
        approval.submit(fresh(trip), secretary)


def test_staff_made_leader_posting_a_decision_is_refused(
    client, trip, secretary, staff2, staff2_made_leader
):
    version = approval.submit(fresh(trip), secretary)
    client.force_login(staff2)
    url = reverse("trips:version_decide", args=[trip.pk, version.number])
    assert client.post(url, {"decision": D.APPROVED}).status_code == 403


@pytest.fixture
def chief(db):
    """A person who holds both the secretary and the leader office roles."""
    return UserFactory(username="chief", roles=["secretary", "leader"])


@pytest.fixture
def own_version(trip, chief) -> TripVersion:
    """The chief submits as a secretary on the team, then becomes the trip's leader."""
    TripMember.objects.create(trip=trip, user=chief, role=TripMember.Role.SECRETARY)
    version = approval.submit(fresh(trip), chief)
    TripMember.objects.filter(trip=trip, user=chief).update(role=TripMember.Role.LEADER)
    return TripVersion.objects.get(pk=version.pk)


def test_the_submitter_cannot_decide_even_in_the_leader_role(own_version, chief):
    with pytest.raises(PermissionDenied):
        approval.decide(own_version, chief, D.APPROVED)
    assert TripVersion.objects.get(pk=own_version.pk).decision == D.PENDING


def test_another_leader_decides_on_the_submitters_version(own_version, leader):
    approval.decide(own_version, leader, D.APPROVED)
    assert TripVersion.objects.get(pk=own_version.pk).decision == D.APPROVED


def test_the_submitter_sees_no_decision_form_on_their_version(client, own_version, chief):
    client.force_login(chief)
    response = client.get(own_version.get_absolute_url())
    assert response.context["form"] is None
    assert b"another leader on the team decides" in response.content


def test_the_submitter_posting_a_decision_is_refused(client, own_version, chief):
    client.force_login(chief)
    url = reverse("trips:version_decide", args=[own_version.trip_id, own_version.number])
    assert client.post(url, {"decision": D.APPROVED}).status_code == 403
