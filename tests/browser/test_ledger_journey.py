"""Browser: the ledger holds. A trip is cancelled from its page with a reason and each host
told of it gets a cancellation; a finished trip is closed from its follow-up panel only once
every item has an outcome, and a closed trip's item is still answered."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import Page, expect

from followups.models import FollowUp
from notices.models import Notice
from outbox.models import Message
from tests.factories import TripFactory
from tests.followups.item_setup import department, item
from tests.notices.notice_setup import approved_visit_next_week, send
from trips.models import Trip

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_secretary_cancels_a_trip_and_the_hosts_are_told(
    page: Page, live_server, login_as, secretary, leader, staff
):
    trip = approved_visit_next_week(secretary, leader, staff)
    send(trip, secretary)
    login_as("secretary")

    page.goto(f"{live_server.url}{trip.get_absolute_url()}")
    page.get_by_role("link", name="Cancel the trip").click()
    expect(page.get_by_text("Riverside township")).to_be_visible()
    page.get_by_role("button", name="Cancel the trip").click()
    # No reason: said beside the field, and the trip is still planned.
    expect(page.get_by_text("Say why the trip is cancelled.")).to_be_visible()
    page.get_by_label("Why is the trip cancelled?").fill("The leader is called to a meeting.")
    page.get_by_role("button", name="Cancel the trip").click()

    expect(page.get_by_text("The trip is cancelled.")).to_be_visible()
    expect(page.locator("#workflow .badge").first).to_have_text("Cancelled")
    page.get_by_text("What happened, step by step").click()
    expect(page.get_by_text("The leader is called to a meeting.")).to_be_visible()
    assert Trip.objects.get(pk=trip.pk).status == Trip.Status.CANCELLED
    kinds = set(Notice.objects.current().filter(trip=trip).values_list("kind", flat=True))
    assert kinds == {Notice.Kind.CANCELLATION}
    assert Message.objects.filter(subject__startswith="Cancellation of").count() == 1


def test_a_finished_trip_closes_only_when_every_item_has_an_outcome(
    page: Page, live_server, login_as, secretary, leader
):
    trip = TripFactory(
        title="Autumn inspection",
        start_date=dt.date(2026, 11, 2),
        end_date=dt.date(2026, 11, 3),
        status=Trip.Status.COMPLETED,
        created_by=secretary,
        team={secretary: "secretary", leader: "leader"},
    )
    open_item = item(trip, secretary, department()[0], title="Repair the pump")
    login_as("secretary")

    page.goto(f"{live_server.url}{trip.get_absolute_url()}")
    close = page.get_by_role("button", name="Close the trip")
    expect(close).to_have_count(1)
    expect(close).to_be_disabled()

    # The department's answer given by phone, recorded by the office (代录), then accepted.
    page.goto(f"{live_server.url}{open_item.get_absolute_url()}")
    page.get_by_label("It is done").check()
    page.get_by_label("Answer given").fill("Repaired on 10 November.")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("button", name="Close the trip")).to_have_count(0)
    page.get_by_label("Accept the answer (销号)").check()
    page.get_by_role("button", name="Record the review").click()
    expect(page.get_by_text("Your review is recorded.")).to_be_visible()

    page.goto(f"{live_server.url}{trip.get_absolute_url()}")
    page.get_by_role("button", name="Close the trip").click()
    expect(page.get_by_text("The trip is closed.")).to_be_visible()
    assert Trip.objects.get(pk=trip.pk).status == Trip.Status.CLOSED

    # After closing the record still grows (a comment), and the outcome stays.
    page.goto(f"{live_server.url}{open_item.get_absolute_url()}")
    page.get_by_label("Comment").fill("Tested again on 20 November.")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The item is updated.")).to_be_visible()
    settled = FollowUp.objects.get(pk=open_item.pk)
    assert (settled.status, settled.answer) == ("done", "Repaired on 10 November.")
    assert settled.updates.last().comment == "Tested again on 20 November."
