"""A closed or cancelled trip is the record of what happened: read-only to everyone."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.factories import ItineraryItemFactory
from trips import approval
from trips.models import Trip

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("status", [Trip.Status.CLOSED, Trip.Status.CANCELLED])
def test_nobody_edits_a_closed_or_cancelled_trip(office_trip, secretary, status):
    office_trip.status = status
    assert not office_trip.can_edit(secretary)


@pytest.mark.parametrize("status", [Trip.Status.CLOSED, Trip.Status.CANCELLED])
def test_deleting_an_item_of_a_closed_trip_is_refused(office_trip, status):
    item = ItineraryItemFactory(trip=office_trip)
    Trip.objects.filter(pk=office_trip.pk).update(status=status)
    item.refresh_from_db()
    with pytest.raises(ValidationError):
        item.cancel()
    assert office_trip.items.filter(pk=item.pk).exists()


def test_the_delete_button_of_a_cancelled_trip_answers_403(client, office_trip, secretary):
    item = ItineraryItemFactory(trip=office_trip)
    Trip.objects.filter(pk=office_trip.pk).update(status=Trip.Status.CANCELLED)
    client.force_login(secretary)
    url = reverse("trips:item_delete", args=[office_trip.pk, item.pk])
    assert client.post(url).status_code == 403


def test_a_draft_may_be_cancelled_and_then_goes_nowhere(office_trip):
    approval.change_status(office_trip, Trip.Status.CANCELLED)
    assert approval.TRANSITIONS[office_trip.status] == set()


def test_a_trip_under_way_cannot_be_cancelled(office_trip):
    office_trip.status = Trip.Status.IN_PROGRESS
    Trip.objects.filter(pk=office_trip.pk).update(status=Trip.Status.IN_PROGRESS)
    with pytest.raises(ValidationError):
        approval.change_status(office_trip, Trip.Status.CANCELLED)
