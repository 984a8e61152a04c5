"""The beat sweep: delivers what the broker lost, re-claims dead workers' rows."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from kombu.exceptions import OperationalError

from outbox import tasks
from outbox.mail import make_message
from outbox.models import Message

from .factories import MessageFactory

pytestmark = pytest.mark.django_db


def test_sweep_delivers_a_row_whose_task_never_reached_the_broker(
    staff, mailoutbox, monkeypatch, django_capture_on_commit_callbacks, settings, time_machine
):
    time_machine.move_to(dt.datetime(2026, 12, 7, 9, 0, tzinfo=dt.UTC), tick=False)

    def broker_down(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    with monkeypatch.context() as patch:
        patch.setattr(tasks.deliver, "apply_async", broker_down)
        with django_capture_on_commit_callbacks(execute=True):
            message = make_message("test", staff.email, {"user": staff}, language="en")
    assert mailoutbox == []

    time_machine.shift(settings.OUTBOX_SWEEP_GRACE)
    assert tasks.sweep() == 1

    assert len(mailoutbox) == 1
    message.refresh_from_db()
    assert message.status == Message.Status.SENT


def test_sweep_reclaims_an_expired_lease(mailoutbox):
    message = MessageFactory(
        status=Message.Status.SENDING,
        attempts=1,
        lease_until=timezone.now() - dt.timedelta(seconds=1),
    )

    tasks.sweep()

    message.refresh_from_db()
    assert (message.status, message.attempts) == (Message.Status.SENT, 2)
    assert len(mailoutbox) == 1


def test_sweep_leaves_a_live_lease_alone(mailoutbox):
    message = MessageFactory(
        status=Message.Status.SENDING,
        attempts=1,
        lease_until=timezone.now() + dt.timedelta(minutes=1),
    )

    assert tasks.sweep() == 0

    message.refresh_from_db()
    assert message.status == Message.Status.SENDING
    assert mailoutbox == []


def test_sweep_waits_for_a_retry_to_fall_due(mailoutbox, time_machine):
    time_machine.move_to(dt.datetime(2026, 12, 7, 9, 0, tzinfo=dt.UTC), tick=False)
    message = MessageFactory(next_attempt_at=timezone.now() + dt.timedelta(minutes=1), attempts=1)

    assert tasks.sweep() == 0
    time_machine.shift(dt.timedelta(minutes=1))
    assert tasks.sweep() == 1

    message.refresh_from_db()
    assert message.status == Message.Status.SENT


def test_sweep_leaves_sent_and_failed_rows_alone(mailoutbox):
    MessageFactory(status=Message.Status.SENT)
    MessageFactory(status=Message.Status.FAILED)

    assert tasks.sweep() == 0
    assert mailoutbox == []


def test_row_whose_workers_keep_dying_is_given_up(settings, mailoutbox):
    message = MessageFactory(
        status=Message.Status.SENDING,
        attempts=settings.OUTBOX_MAX_CRASHES,
        crashes=settings.OUTBOX_MAX_CRASHES - 1,  # this expired lease is the last straw
        lease_until=timezone.now() - dt.timedelta(seconds=1),
    )

    tasks.sweep()

    message.refresh_from_db()
    assert message.status == Message.Status.FAILED
    assert message.failure == Message.Failure.ABANDONED
    assert "abandoned" in message.last_error
    assert mailoutbox == []


def test_many_temporary_failures_are_not_taken_for_dying_workers(settings, mailoutbox):
    message = MessageFactory(attempts=50, next_attempt_at=timezone.now())

    tasks.sweep()

    message.refresh_from_db()
    assert (message.status, message.crashes) == (Message.Status.SENT, 0)


def test_each_expired_lease_counts_as_a_crash(mailoutbox):
    message = MessageFactory(
        status=Message.Status.SENDING,
        attempts=1,
        lease_until=timezone.now() - dt.timedelta(seconds=1),
    )

    tasks.sweep()

    message.refresh_from_db()
    assert (message.status, message.crashes) == (Message.Status.SENT, 1)


def test_sweep_leaves_a_just_written_row_to_its_own_task(settings):
    settings.OUTBOX_SWEEP_GRACE = dt.timedelta(seconds=60)
    now = timezone.now()
    fresh = MessageFactory(next_attempt_at=now - dt.timedelta(seconds=10))
    lost = MessageFactory(next_attempt_at=now - dt.timedelta(seconds=61))
    retry = MessageFactory(next_attempt_at=now - dt.timedelta(seconds=1), attempts=1)
    swept = set(Message.objects.for_sweep(now).values_list("pk", flat=True))
    assert swept == {lost.pk, retry.pk}
    assert fresh.pk not in swept


def test_after_one_failed_publish_the_rest_of_the_request_does_not_wait_for_the_broker(
    staff, monkeypatch, django_capture_on_commit_callbacks
):
    calls = []

    def broker_down(args, **kwargs):
        calls.append(args)
        raise OperationalError("Error 111 connecting to redis")

    monkeypatch.setattr(tasks.deliver, "apply_async", broker_down)
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(5):
            make_message("test", f"u{n}@example.org", {"user": staff}, language="en")
    assert len(calls) == 1
    assert Message.objects.filter(status=Message.Status.QUEUED).count() == 5
