"""Closing a trip: one action, one rule (every follow-up item has an outcome), wherever from."""

from __future__ import annotations

from importlib import import_module

import pytest
from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from followups import access, items
from tests.factories import TripFactory
from tests.followups.item_setup import department, item
from trips import approval
from trips.models import Trip, TripEvent

pytestmark = pytest.mark.django_db
S = Trip.Status


def completed_trip(secretary, leader) -> Trip:
    return TripFactory(status=S.COMPLETED, team={secretary: "secretary", leader: "leader"})


def fresh(trip: Trip) -> Trip:
    return Trip.objects.with_team().get(pk=trip.pk)


def close_url(trip) -> str:
    return reverse("followups:trip_close", args=[trip.pk])


def test_the_trip_page_offers_no_closing_step_of_its_own(client, secretary, leader):
    trip = completed_trip(secretary, leader)
    client.force_login(secretary)

    page = client.get(trip.get_absolute_url()).content.decode()

    assert 'value="closed"' not in page
    assert reverse("followups:trip_panel", args=[trip.pk]) in page


def test_the_follow_up_panel_holds_the_one_closing_button(client, secretary, leader):
    trip = completed_trip(secretary, leader)
    client.force_login(secretary)

    panel = client.get(reverse("followups:trip_panel", args=[trip.pk])).content.decode()

    assert panel.count(f'action="{close_url(trip)}"') == 1


def test_closing_with_an_open_item_says_how_many_are_open(client, secretary, leader):
    trip = completed_trip(secretary, leader)
    dept = department()[0]
    item(trip, secretary, dept)
    item(trip, secretary, dept, status="in_progress")
    client.force_login(secretary)

    page = client.post(close_url(trip), follow=True).content.decode()

    assert "2 follow-up items have no outcome yet." in page
    assert fresh(trip).status == S.COMPLETED


def test_closing_is_written_in_the_trips_history(secretary, leader):
    trip = completed_trip(secretary, leader)
    item(trip, secretary, department()[0], status="done", answer="Done.")

    items.close_trip(fresh(trip), secretary)

    event = Trip.objects.get(pk=trip.pk).events.get()
    assert (event.action, event.actor) == (TripEvent.Action.CLOSED, secretary)


def test_the_workflow_cannot_close_a_trip_with_an_open_item(secretary, leader):
    trip = completed_trip(secretary, leader)
    item(trip, secretary, department()[0])

    with pytest.raises(ValidationError):
        approval.advance(fresh(trip), S.CLOSED, by=secretary)
    with pytest.raises(ValueError, match="guard"):
        approval.change_status(fresh(trip), S.CLOSED)
    assert fresh(trip).status == S.COMPLETED


def test_the_admin_cannot_close_a_trip(admin_client, secretary, leader):
    trip = completed_trip(secretary, leader)
    item(trip, secretary, department()[0])
    url = reverse("admin:trips_trip_change", args=[trip.pk])

    form = admin_client.get(url).context["adminform"].form
    assert "status" not in form.fields
    admin_client.post(url, {**form.initial, "status": S.CLOSED})
    assert fresh(trip).status == S.COMPLETED


def test_a_closed_trips_secretary_still_comments_on_its_items(client, secretary, leader):
    trip = completed_trip(secretary, leader)
    it = item(trip, secretary, department()[0], status="done", answer="Done.")
    items.close_trip(fresh(trip), secretary)
    client.force_login(secretary)

    page = client.get(it.get_absolute_url()).content.decode()

    assert 'name="comment"' in page and 'name="record"' not in page


def test_a_closed_trips_settled_item_keeps_its_outcome(client, secretary, leader):
    trip = completed_trip(secretary, leader)
    it = item(trip, secretary, department()[0], status="done", answer="Done.")
    items.close_trip(fresh(trip), secretary)
    client.force_login(secretary)
    url = reverse("followups:item_update", args=[it.pk])

    client.post(url, {"record": "done", "answer": "Done; the pump was tested in March."})

    it.refresh_from_db()
    assert (it.status, it.answer) == ("done", "Done.")


def test_trips_closed_with_open_items_are_reopened_by_the_migration(secretary, leader):
    closed = TripFactory(status=S.CLOSED, team={secretary: "secretary", leader: "leader"})
    item(closed, secretary, department()[0], status="in_progress")
    settled = TripFactory(status=S.CLOSED, title="Settled")
    item(settled, secretary, department("Finance bureau")[0], status="done", answer="Done.")
    migration = import_module("followups.migrations.0003_reopen_trips_closed_with_open_items")

    migration.reopen(apps, None)

    assert (fresh(closed).status, fresh(settled).status) == (S.COMPLETED, S.CLOSED)
    assert fresh(closed).events.get().action == TripEvent.Action.REOPENED


def test_only_the_trips_secretaries_may_close_it(secretary, leader):
    trip = fresh(completed_trip(secretary, leader))
    assert access.may_close(secretary, trip) and not access.may_close(leader, trip)
    with pytest.raises(PermissionDenied):
        items.close_trip(trip, leader)
    assert fresh(trip).status == S.COMPLETED


def test_a_trip_not_completed_yet_is_not_closed_and_offers_no_button(client, secretary, leader):
    trip = fresh(TripFactory(status=S.IN_PROGRESS, team={secretary: "secretary"}))
    assert not access.may_close(secretary, trip)
    with pytest.raises(ValidationError, match="Only a completed trip is closed"):
        items.close_trip(trip, secretary)
    client.force_login(secretary)
    panel = client.get(reverse("followups:trip_panel", args=[trip.pk])).content.decode()
    assert close_url(trip) not in panel
