"""The version page and the workflow panel name people as the office writes them."""

from __future__ import annotations

import pytest

from accounts.models import Profile
from tests.factories import ItineraryItemFactory
from trips import approval
from trips.models import Trip, TripVersion

pytestmark = pytest.mark.django_db


@pytest.fixture
def decided(office_trip, secretary, leader) -> TripVersion:
    Profile.objects.filter(user=secretary).update(name_en="Li Na", title_en="Secretary")
    Profile.objects.filter(user=leader).update(name_en="Wang Wei", title_en="Vice Governor")
    ItineraryItemFactory(trip=office_trip)
    version = approval.submit(Trip.objects.with_team().get(pk=office_trip.pk), secretary)
    approval.decide(version, leader, TripVersion.Decision.CHANGES_REQUESTED, "Later", {})
    return version


def test_the_version_page_names_who_submitted_and_who_decided(client, decided, leader):
    client.force_login(leader)
    page = client.get(decided.get_absolute_url()).content.decode()
    assert "Submitted by Li Na" in page
    assert "By Wang Wei" in page
    assert "Sue Li" not in page and "Lee Wang," not in page


def test_the_workflow_panel_names_versions_and_history_by_profile(client, decided, secretary):
    client.force_login(secretary)
    page = client.get(decided.trip.get_absolute_url()).content.decode()
    assert "submitted by Li Na" in page
    assert "decided by Wang Wei" in page
    history = page[page.index("What happened, step by step") :]
    assert "Li Na" in history and "Wang Wei" in history
    assert "Sue Li" not in page
