"""Reminders swept by beat (acknowledge, the visit is near) and the day-of "leaving now"."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from notices import departures, links, reminders, tasks
from notices.models import Departure, Notice
from outbox.models import Message
from tests.factories import ContactFactory, HostUnitFactory, ItineraryItemFactory, at
from tests.notices.notice_setup import (
    A_WEEK_BEFORE,
    approve,
    build_visit,
    fresh,
    leaving_buttons,
    send,
)
from trips.models import Trip

pytestmark = pytest.mark.django_db

DAY = dt.date(2026, 12, 7)  # the visit's day, in the factory's trip


def run_beat_at(moment: dt.datetime, times: int = 1) -> None:
    with time_machine.travel(moment, tick=False):
        for _ in range(times):
            tasks.send_due_notice_reminders.delay()


def mails(notice: Notice, label: str) -> list[Message]:
    return list(Message.objects.filter(cause_key=f"{notice.cause_key}:{label}"))


# A unit that does not acknowledge


def test_unacknowledged_unit_is_reminded_once_after_24_hours(sent):
    run_beat_at(A_WEEK_BEFORE + dt.timedelta(hours=24), times=2)
    assert [m.to for m in mails(sent["township"], "reminder")] == ["zhang@township.example"]
    sent["township"].refresh_from_db()
    assert sent["township"].reminded_at == A_WEEK_BEFORE + dt.timedelta(hours=24)


def test_two_runs_that_picked_the_same_notice_send_one_reminder(sent):
    # Both runs selected the row before either wrote: the conditional update decides.
    due = A_WEEK_BEFORE + dt.timedelta(hours=24)
    assert reminders.remind_to_acknowledge(sent["township"].pk, due)
    assert not reminders.remind_to_acknowledge(sent["township"].pk, due)
    assert len(mails(sent["township"], "reminder")) == 1
    assert len(mails(sent["township"], "alert")) == 1


def test_two_runs_that_picked_the_same_visit_send_one_reminder(sent):
    due = at(DAY - dt.timedelta(days=1), 9)
    assert reminders.remind_of_visit(sent["plant"].pk, due)
    assert not reminders.remind_of_visit(sent["plant"].pk, due)
    assert len(mails(sent["plant"], "visit")) == 1


def test_the_reminder_carries_the_link_again(sent):
    run_beat_at(A_WEEK_BEFORE + dt.timedelta(hours=24))
    (reminder,) = mails(sent["township"], "reminder")
    assert links.link_url(sent["township"]) in reminder.text_body


def test_the_trips_secretaries_are_alerted_once(sent, secretary):
    run_beat_at(A_WEEK_BEFORE + dt.timedelta(hours=25), times=2)
    alerts = mails(sent["township"], "alert")
    assert [(m.to, m.recipient_user) for m in alerts] == [(secretary.email, secretary)]
    assert "Riverside township" in alerts[0].subject


def test_no_reminder_before_the_time_is_up(sent):
    run_beat_at(A_WEEK_BEFORE + dt.timedelta(hours=23, minutes=59))
    assert not Message.objects.filter(cause_key__endswith=":reminder").exists()


def test_an_acknowledged_unit_is_not_reminded(sent):
    sent["township"].acknowledge("Zhang Wei")
    run_beat_at(A_WEEK_BEFORE + dt.timedelta(hours=30))
    assert mails(sent["township"], "reminder") == []
    assert len(mails(sent["plant"], "reminder")) == 1


def test_a_superseded_notice_is_not_reminded(sent, visit, secretary, leader):
    visit.pumping.title = "Visit the new pumping station"
    visit.pumping.save()
    with time_machine.travel(A_WEEK_BEFORE + dt.timedelta(hours=20), tick=False):
        approve(visit.trip, secretary, leader)
        (update,) = send(visit.trip, secretary)
    run_beat_at(A_WEEK_BEFORE + dt.timedelta(hours=30))
    assert mails(sent["township"], "reminder") == []
    assert mails(update, "reminder") == []  # its own 24 hours are not up yet


def test_the_time_to_acknowledge_is_a_setting(visit, secretary, settings):
    settings.NOTICE_ACK_HOURS = 2
    notice = send(visit.trip, secretary)[0]
    run_beat_at(A_WEEK_BEFORE + dt.timedelta(hours=2))
    assert len(mails(notice, "reminder")) == 1


def test_a_finished_trip_reminds_nobody(sent, visit):
    Trip.objects.filter(pk=visit.trip.pk).update(status=Trip.Status.CLOSED)
    run_beat_at(A_WEEK_BEFORE + dt.timedelta(hours=30))
    assert not Message.objects.filter(cause_key__endswith=":reminder").exists()


# The visit is near


def test_each_unit_is_reminded_the_day_before_at_nine_once(sent):
    run_beat_at(at(DAY - dt.timedelta(days=1), 8, 59))
    assert not Message.objects.filter(cause_key__endswith=":visit").exists()
    run_beat_at(at(DAY - dt.timedelta(days=1), 9), times=2)
    assert [m.to for m in mails(sent["township"], "visit")] == ["zhang@township.example"]
    assert [m.to for m in mails(sent["plant"], "visit")] == ["li@plant.example"]
    assert "Visit the pumping station" in mails(sent["township"], "visit")[0].text_body


def test_the_visit_reminder_is_nine_on_the_trips_clock(office_trip, secretary, leader, staff):
    office_trip.time_zone = "Europe/Berlin"
    office_trip.save()
    build_visit(office_trip, leader, staff)  # 09:00 Shanghai is 02:00 Berlin on the 7th
    approve(office_trip, secretary, leader)
    notice = send(office_trip, secretary)[0]
    berlin_nine = dt.datetime(2026, 12, 6, 9, tzinfo=office_trip.tzinfo)
    assert notice.visit_reminder_due_at == berlin_nine
    run_beat_at(berlin_nine - dt.timedelta(minutes=1))
    assert mails(notice, "visit") == []
    run_beat_at(berlin_nine)
    assert len(mails(notice, "visit")) == 1


def test_the_visit_reminder_rule_is_a_setting(visit, secretary, settings):
    settings.NOTICE_VISIT_REMINDER = "2d 17:30"
    notice = send(visit.trip, secretary)[0]
    assert notice.visit_reminder_due_at == at(DAY - dt.timedelta(days=2), 17, 30)


def test_no_visit_reminder_once_the_visit_has_begun(sent):
    # Beat was down from the day before until the visit started.
    run_beat_at(at(DAY, 9, 5))
    assert mails(sent["township"], "visit") == []
    sent["township"].refresh_from_db()
    assert sent["township"].visit_reminder_due_at is None


def test_a_cancellation_schedules_no_reminder(sent, visit, secretary, leader):
    visit.pumping.cancel()
    approve(visit.trip, secretary, leader)
    (cancellation,) = send(visit.trip, secretary)
    assert (cancellation.ack_reminder_due_at, cancellation.visit_reminder_due_at) == (None, None)


def test_the_notices_page_shows_the_reminders_sent(client, sent, secretary):
    run_beat_at(A_WEEK_BEFORE + dt.timedelta(hours=24))
    client.force_login(secretary)
    html = client.get(reverse("notices:notices", args=[sent["township"].trip_id])).content.decode()
    assert "Reminded to acknowledge" in html


# Leaving now


def leave(visit, item, user, moment: dt.datetime):
    with time_machine.travel(moment, tick=False):
        return departures.leave(fresh(visit.trip).items.get(pk=item.pk), user)


def on_our_way(unit) -> list[Message]:
    return list(Message.objects.filter(cause_key__startswith="trips.departure:", to__endswith=unit))


def test_leaving_tells_the_next_unit_the_arrival_after_the_travel_item(visit, sent, secretary):
    departure, told = leave(visit, visit.pumping, secretary, at(DAY, 10, 35))
    assert told
    # 10:35 plus the 40-minute drive.
    assert departure.expected_at == at(DAY, 11, 15)
    (message,) = on_our_way("@plant.example")
    assert message.language == "zh-hans"
    assert "11:15" in message.subject


def test_the_previous_unit_is_not_named_to_the_next(visit, sent, secretary):
    visit.plant.language = "en"
    visit.plant.save()
    leave(visit, visit.pumping, secretary, at(DAY, 10, 35))
    (message,) = on_our_way("@plant.example")
    assert "Riverside" not in message.text_body
    assert "pumping" not in message.text_body


def test_a_second_tap_within_minutes_sends_nothing(visit, sent, secretary):
    leave(visit, visit.pumping, secretary, at(DAY, 10, 35))
    departure, told = leave(visit, visit.pumping, secretary, at(DAY, 10, 37))
    assert not told
    assert departure.left_at == at(DAY, 10, 35)
    assert len(on_our_way("@plant.example")) == 1


def test_a_later_tap_tells_the_unit_the_new_time(visit, sent, secretary):
    leave(visit, visit.pumping, secretary, at(DAY, 10, 35))
    departure, told = leave(visit, visit.pumping, secretary, at(DAY, 10, 50))
    assert told
    assert departure.expected_at == at(DAY, 11, 30)
    assert len(on_our_way("@plant.example")) == 2


def test_without_a_travel_item_the_scheduled_gap_counts(visit, sent, secretary):
    school = HostUnitFactory(name="Village school")
    ContactFactory(host_unit=school, email="head@school.example")
    ItineraryItemFactory(trip=visit.trip, host_unit=school, start=at(DAY, 15, 45))
    # The lunch ends at 13:15; the leader's own talk (no unit) comes between.
    departure, _told = leave(visit, visit.lunch, secretary, at(DAY, 13, 20))
    assert departure.next_unit == school
    assert departure.expected_at == at(DAY, 13, 20) + dt.timedelta(hours=2, minutes=30)


def test_no_leaving_now_when_the_next_stop_is_the_same_unit(visit, sent, secretary):
    with pytest.raises(ValidationError):
        leave(visit, visit.forum, secretary, at(DAY, 12, 10))  # lunch is at the plant too
    assert not Departure.objects.exists()


def test_only_the_party_taps_leaving_now(visit, sent, outsider):
    with pytest.raises(PermissionDenied):
        leave(visit, visit.pumping, outsider, at(DAY, 10, 35))


def test_staff_on_the_party_taps_leaving_now_on_the_day(visit, sent, staff):
    departure, told = leave(visit, visit.pumping, staff, at(DAY, 10, 35))
    assert told and departure.left_by == staff


def test_staff_on_the_party_cannot_tap_leaving_now_before_the_day(visit, sent, staff):
    with pytest.raises(ValidationError):
        leave(visit, visit.pumping, staff, at(DAY - dt.timedelta(days=1), 10, 35))


def test_leaving_now_waits_for_an_approved_plan(office_trip, secretary, leader, staff):
    visit = build_visit(office_trip, leader, staff)
    with pytest.raises(ValidationError):
        leave(visit, visit.pumping, secretary, at(DAY, 10, 35))


def test_the_trip_page_loads_the_leaving_now_buttons_into_the_items(client, visit, secretary):
    client.force_login(secretary)
    html = client.get(visit.trip.get_absolute_url()).content.decode()
    assert reverse("notices:leaving_buttons", args=[visit.trip.pk]) in html
    assert f'id="leaving-{visit.pumping.pk}"' in html


def test_the_trip_page_shows_leaving_now_to_the_secretary(client, visit, secretary):
    client.force_login(secretary)
    html = leaving_buttons(client, visit.trip)
    assert f'id="leaving-{visit.pumping.pk}" hx-swap-oob="true"' in html
    assert "Leaving now → Hilltop water plant" in html
    assert reverse("notices:item_leaving", args=[visit.trip.pk, visit.pumping.pk]) in html
    assert reverse("notices:item_leaving", args=[visit.trip.pk, visit.forum.pk]) not in html


def test_the_trip_page_shows_no_leaving_now_to_staff(client, visit, staff):
    client.force_login(staff)
    assert "Leaving now" not in leaving_buttons(client, visit.trip)


def test_an_office_user_off_the_party_gets_403_when_tapping(client, visit, outsider):
    client.force_login(outsider)
    url = reverse("notices:item_leaving", args=[visit.trip.pk, visit.pumping.pk])
    assert client.post(url).status_code == 403


def test_staff_on_the_party_taps_leaving_now_on_the_trip_page(client, visit, sent, staff):
    client.force_login(staff)
    url = reverse("notices:item_leaving", args=[visit.trip.pk, visit.pumping.pk])
    with time_machine.travel(at(DAY, 10, 35), tick=False):
        assert url in leaving_buttons(client, visit.trip)
        response = client.post(url, HTTP_HX_REQUEST="true")
    assert "Hilltop water plant expects you at 11:15." in response.content.decode()


def test_tapping_with_htmx_answers_the_button_with_the_arrival_time(client, visit, sent, secretary):
    client.force_login(secretary)
    url = reverse("notices:item_leaving", args=[visit.trip.pk, visit.pumping.pk])
    with time_machine.travel(at(DAY, 10, 35), tick=False):
        response = client.post(url, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "Hilltop water plant expects you at 11:15." in html
    assert "<html" not in html
