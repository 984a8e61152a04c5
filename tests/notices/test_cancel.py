"""Cancelling a trip: a reason, a cancellation to every unit told of it, nothing chased."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from notices import cancelling, reminders
from notices.models import Notice
from outbox.models import Message
from tests.factories import ItineraryItemFactory, TripFactory, UserFactory, at
from tests.notices.notice_setup import build_visit, fresh, send
from trips import calendar
from trips.models import Trip, TripEvent, TripVersion

pytestmark = pytest.mark.django_db
S = Trip.Status


# The clock ticks on from a week before the trip (tests.notices.conftest).
CLOCK_TICKS = True


def cancel_url(trip) -> str:
    return reverse("notices:trip_cancel", args=[trip.pk])


def test_cancelling_records_the_reason_in_the_history(visit, secretary):
    cancelling.cancel_trip(fresh(visit.trip), secretary, "The leader is called to the capital.")

    trip = fresh(visit.trip)
    event = trip.events.get(action=TripEvent.Action.CANCELLED)
    assert trip.status == S.CANCELLED
    assert (event.actor, event.comment) == (secretary, "The leader is called to the capital.")


def test_cancelling_needs_a_reason(visit, secretary):
    with pytest.raises(ValidationError, match="Say why"):
        cancelling.cancel_trip(fresh(visit.trip), secretary, "  ")
    assert fresh(visit.trip).status == S.APPROVED


def test_only_the_trips_secretaries_cancel_it(visit, leader):
    with pytest.raises(PermissionDenied):
        cancelling.cancel_trip(fresh(visit.trip), leader, "No.")
    assert fresh(visit.trip).status == S.APPROVED


def test_every_unit_told_of_the_visit_gets_a_cancellation(visit, secretary):
    send(visit.trip, secretary)
    Message.objects.all().delete()

    done = cancelling.cancel_trip(fresh(visit.trip), secretary, "Called off.")

    current = Notice.objects.current().filter(trip=visit.trip)
    assert {n.host_unit.name: n.kind for n in current} == {
        "Riverside township": Notice.Kind.CANCELLATION,
        "Hilltop water plant": Notice.Kind.CANCELLATION,
    }
    assert sorted(m.to for m in Message.objects.all()) == [
        "li@plant.example",
        "zhang@township.example",
    ]
    assert len(done.notices) == 2 and done.to_phone == []


def test_the_cancellation_does_not_tell_the_hosts_the_reason(visit, secretary):
    send(visit.trip, secretary)
    Message.objects.all().delete()

    cancelling.cancel_trip(fresh(visit.trip), secretary, "The leader is unwell.")

    for message in Message.objects.all():
        assert "unwell" not in message.text_body and "unwell" not in message.subject


def test_units_never_told_get_nothing(visit, secretary):
    cancelling.cancel_trip(fresh(visit.trip), secretary, "Called off.")

    assert not Notice.objects.filter(trip=visit.trip).exists()
    assert (
        not Message.objects.filter(trip_id=visit.trip.pk)
        .exclude(cause_key="")
        .filter(cause_key__startswith="trips.notice")
    )


def test_a_unit_no_email_reaches_is_named_to_be_phoned(visit, secretary):
    send(visit.trip, secretary)
    visit.plant.contacts.update(email="")

    done = cancelling.cancel_trip(fresh(visit.trip), secretary, "Called off.")

    assert [unit.name for unit in done.to_phone] == ["Hilltop water plant"]


def test_no_reminder_goes_out_for_a_cancelled_trip(visit, secretary):
    send(visit.trip, secretary)
    cancelling.cancel_trip(fresh(visit.trip), secretary, "Called off.")
    Message.objects.all().delete()

    with time_machine.travel(at(visit.trip.start_date, 8), tick=False):
        assert reminders.send_due_reminders() == 0
    assert not Message.objects.exists()


def test_a_pending_version_is_withdrawn(office_trip, secretary, leader, staff):
    build_visit(office_trip, leader, staff)
    from trips import approval

    version = approval.submit(fresh(office_trip), secretary)
    cancelling.cancel_trip(fresh(office_trip), secretary, "Called off.")

    version.refresh_from_db()
    assert version.decision == TripVersion.Decision.WITHDRAWN
    assert not approval.waiting_for(leader).exists()


def test_calendars_show_every_item_of_a_cancelled_trip_as_cancelled(visit, secretary):
    before = {item.pk: item.sequence for item in visit.trip.items.all()}
    cancelling.cancel_trip(fresh(visit.trip), secretary, "Called off.")

    ics = calendar.trip_calendar(fresh(visit.trip)).to_ical().decode()
    events = ics.count("BEGIN:VEVENT")
    assert events == len(before) and ics.count("STATUS:CANCELLED") == events
    assert all(item.sequence == before[item.pk] + 1 for item in visit.trip.items.all())


def test_a_cancelled_trip_is_read_only(visit, secretary):
    cancelling.cancel_trip(fresh(visit.trip), secretary, "Called off.")
    assert not fresh(visit.trip).can_edit(secretary)


def test_a_trip_on_the_road_is_not_cancelled(secretary, leader):
    trip = TripFactory(status=S.IN_PROGRESS, team={secretary: "secretary", leader: "leader"})
    with pytest.raises(ValidationError, match="cannot become"):
        cancelling.cancel_trip(fresh(trip), secretary, "Too late.")


# The page


def test_the_cancel_page_names_the_units_to_be_told(client, visit, secretary):
    send(visit.trip, secretary)
    client.force_login(secretary)

    page = client.get(cancel_url(visit.trip)).content.decode()

    assert "Riverside township" in page and "Hilltop water plant" in page
    assert 'name="reason"' in page


def test_cancelling_without_a_reason_says_so_beside_the_field(client, visit, secretary):
    client.force_login(secretary)

    response = client.post(cancel_url(visit.trip), {"reason": ""})

    assert response.status_code == 200
    assert "Say why the trip is cancelled." in response.content.decode()
    assert fresh(visit.trip).status == S.APPROVED


def test_cancelling_from_the_page_goes_back_to_the_trip(client, visit, secretary):
    client.force_login(secretary)

    response = client.post(cancel_url(visit.trip), {"reason": "Called off."}, follow=True)

    assert response.redirect_chain[-1][0] == visit.trip.get_absolute_url()
    assert "The trip is cancelled." in response.content.decode()
    assert "cancelled the trip" in response.content.decode()


@pytest.mark.parametrize("status", [S.DRAFT, S.SUBMITTED, S.CHANGES_REQUESTED, S.APPROVED])
def test_the_trip_page_offers_cancelling_where_the_workflow_allows(
    client, secretary, leader, status
):
    trip = TripFactory(status=status, team={secretary: "secretary", leader: "leader"})
    client.force_login(secretary)

    page = client.get(trip.get_absolute_url()).content.decode()

    assert cancel_url(trip) in page
    assert client.post(cancel_url(trip), {"reason": "Called off."}).status_code == 302
    assert fresh(trip).status == S.CANCELLED


@pytest.mark.parametrize("status", [S.IN_PROGRESS, S.COMPLETED, S.CLOSED, S.CANCELLED])
def test_the_trip_page_does_not_offer_cancelling_otherwise(client, secretary, leader, status):
    trip = TripFactory(status=status, team={secretary: "secretary", leader: "leader"})
    client.force_login(secretary)

    assert cancel_url(trip) not in client.get(trip.get_absolute_url()).content.decode()


def test_an_outsider_gets_404_for_a_confidential_trips_cancel_page(
    client, confidential_trip, outsider
):
    client.force_login(outsider)
    assert client.get(cancel_url(confidential_trip)).status_code == 404
    assert client.post(cancel_url(confidential_trip), {"reason": "x"}).status_code == 404


def test_a_staff_member_on_the_team_may_not_cancel(client, office_trip, staff):
    client.force_login(staff)
    assert client.post(cancel_url(office_trip), {"reason": "x"}).status_code == 403
    assert fresh(office_trip).status == S.DRAFT


# Starting


def test_start_is_offered_only_from_the_first_day(client, secretary, leader):
    trip = TripFactory(
        status=S.APPROVED,
        start_date=dt.date(2026, 12, 21),
        end_date=dt.date(2026, 12, 23),
        team={secretary: "secretary", leader: "leader"},
    )
    ItineraryItemFactory(trip=trip)
    client.force_login(secretary)
    start = 'value="in_progress"'

    with time_machine.travel(at(dt.date(2026, 12, 7), 10), tick=False):
        assert start not in client.get(trip.get_absolute_url()).content.decode()
    with time_machine.travel(at(dt.date(2026, 12, 21), 8), tick=False):
        assert start in client.get(trip.get_absolute_url()).content.decode()


def test_an_outsider_with_the_secretary_role_cannot_cancel(client, office_trip):
    other = UserFactory(username="other-secretary", roles=["secretary"])
    client.force_login(other)
    assert client.post(cancel_url(office_trip), {"reason": "x"}).status_code == 403
