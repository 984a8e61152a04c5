"""Logistics' access module answers for a user, without a request: needs are team-only."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from logistics import access

pytestmark = pytest.mark.django_db


def test_the_team_reads_the_needs(office_trip, staff):
    assert access.needs_trip_for(staff, office_trip.pk) == office_trip


def test_office_user_off_the_team_gets_404_even_on_an_office_trip(office_trip, outsider):
    with pytest.raises(Http404):
        access.needs_trip_for(outsider, office_trip.pk)


def test_staff_on_the_team_may_not_change_the_needs(office_trip, staff):
    with pytest.raises(PermissionDenied):
        access.needs_trip_for(staff, office_trip.pk, edit=True)


def test_the_trips_secretary_changes_the_needs(office_trip, secretary):
    assert access.needs_trip_for(secretary, office_trip.pk, edit=True) == office_trip
