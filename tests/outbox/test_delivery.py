"""Delivery through a real SMTP server: once, retried on 4xx and network errors, 5xx fails."""

from __future__ import annotations

import datetime as dt
import smtplib

import pytest
from django.utils import timezone

from outbox.models import Message, is_permanent
from tests.services import free_port

from .factories import MessageFactory

pytestmark = pytest.mark.django_db

START = dt.datetime(2026, 12, 7, 9, 0, tzinfo=dt.UTC)


def test_email_arrives_once_even_when_deliver_runs_twice(smtp_server):
    message = MessageFactory()

    assert Message.objects.deliver(message.pk) is True
    assert Message.objects.deliver(message.pk) is False

    assert smtp_server.message_ids() == [message.message_id]
    message.refresh_from_db()
    assert (message.status, message.attempts) == (Message.Status.SENT, 1)
    assert message.sent_at is not None


def test_email_has_text_html_and_the_rows_headers(smtp_server):
    message = MessageFactory(to="office@host.example", headers={"X-Tripdesk-Cause": "notice:12"})

    Message.objects.deliver(message.pk)

    [received] = smtp_server.messages
    assert smtp_server.envelopes[0].rcpt_tos == ["office@host.example"]
    assert received["Subject"] == message.subject
    assert received["X-Tripdesk-Cause"] == "notice:12"
    parts = {part.get_content_type(): part for part in received.walk()}
    assert received.get_content_type() == "multipart/alternative"
    assert "9:00" in parts["text/plain"].get_payload(decode=True).decode()
    assert "<b>9:00</b>" in parts["text/html"].get_payload(decode=True).decode()


def test_try_later_is_retried_with_doubling_delays_up_to_the_cap(
    smtp_server, settings, time_machine
):
    settings.OUTBOX_RETRY_BASE = dt.timedelta(seconds=30)
    settings.OUTBOX_RETRY_MAX = dt.timedelta(seconds=100)
    smtp_server.reply = "451 4.3.0 Try later"
    time_machine.move_to(START, tick=False)
    message = MessageFactory()

    delays = []
    for _attempt in range(8):  # more than the six attempts that used to be the end
        Message.objects.deliver(message.pk)
        message.refresh_from_db()
        assert (message.status, message.failure) == (
            Message.Status.QUEUED,
            Message.Failure.TEMPORARY,
        )
        delays.append(message.next_attempt_at - timezone.now())
        assert Message.objects.deliver(message.pk) is False  # not due yet
        time_machine.move_to(message.next_attempt_at, tick=False)

    assert delays == [dt.timedelta(seconds=s) for s in (30, 60, 100, 100, 100, 100, 100, 100)]
    assert message.attempts == 8
    assert "451" in message.last_error
    assert smtp_server.messages == []


def test_temporary_failures_are_given_up_after_the_give_up_period(
    smtp_server, settings, time_machine
):
    settings.OUTBOX_GIVE_UP_AFTER = dt.timedelta(hours=48)
    smtp_server.reply = "451 4.3.0 Try later"
    time_machine.move_to(START, tick=False)
    message = MessageFactory()
    Message.objects.deliver(message.pk)

    time_machine.move_to(START + dt.timedelta(hours=47, minutes=59), tick=False)
    Message.objects.deliver(message.pk)
    message.refresh_from_db()
    assert message.status == Message.Status.QUEUED

    time_machine.move_to(START + dt.timedelta(hours=48), tick=False)
    Message.objects.deliver(message.pk)
    message.refresh_from_db()
    assert (message.status, message.failure) == (Message.Status.FAILED, Message.Failure.EXPIRED)
    assert message.first_attempt_at == START


def test_the_give_up_period_counts_from_the_first_attempt_not_the_writing(
    smtp_server, settings, time_machine
):
    settings.OUTBOX_GIVE_UP_AFTER = dt.timedelta(hours=48)
    smtp_server.reply = "451 4.3.0 Try later"
    time_machine.move_to(START, tick=False)
    message = MessageFactory()  # written, then a resend three days later starts afresh
    Message.objects.filter(pk=message.pk).update(first_attempt_at=None)

    time_machine.move_to(START + dt.timedelta(days=3), tick=False)
    Message.objects.deliver(message.pk)

    message.refresh_from_db()
    assert message.status == Message.Status.QUEUED


def test_retry_delay_never_overflows_after_many_attempts(settings):
    settings.OUTBOX_RETRY_MAX = dt.timedelta(minutes=10)
    assert Message(attempts=5000).retry_delay() == dt.timedelta(minutes=10)


def test_retry_after_a_temporary_failure_delivers(smtp_server, time_machine):
    time_machine.move_to(START, tick=False)
    message = MessageFactory()
    smtp_server.reply = "451 4.3.0 Try later"
    Message.objects.deliver(message.pk)

    smtp_server.reply = ""
    time_machine.move_to(START + dt.timedelta(minutes=1), tick=False)
    Message.objects.deliver(message.pk)

    message.refresh_from_db()
    assert (message.status, message.attempts) == (Message.Status.SENT, 2)
    assert smtp_server.message_ids() == [message.message_id]


def test_unreachable_server_is_a_temporary_failure(settings, time_machine):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()  # nobody listens
    time_machine.move_to(START, tick=False)
    message = MessageFactory()

    Message.objects.deliver(message.pk)

    message.refresh_from_db()
    assert (message.status, message.attempts) == (Message.Status.QUEUED, 1)
    assert message.next_attempt_at == START + settings.OUTBOX_RETRY_BASE
    assert "ConnectionRefusedError" in message.last_error
    assert message.lease_until is None


def test_permanent_failure_fails_at_once(smtp_server):
    smtp_server.reply = "550 5.1.1 No such user"
    message = MessageFactory()

    Message.objects.deliver(message.pk)

    message.refresh_from_db()
    assert (message.status, message.attempts) == (Message.Status.FAILED, 1)
    assert message.failure == Message.Failure.PERMANENT
    assert "550" in message.last_error


@pytest.mark.parametrize(
    ("error", "permanent"),
    [
        (smtplib.SMTPRecipientsRefused({"a@host.example": (550, b"No such user")}), True),
        (smtplib.SMTPRecipientsRefused({"a@host.example": (450, b"Mailbox busy")}), False),
        (smtplib.SMTPDataError(554, b"Rejected"), True),
        (smtplib.SMTPDataError(451, b"Try later"), False),
        (smtplib.SMTPServerDisconnected("Connection unexpectedly closed"), False),
        (ConnectionRefusedError(111, "Connection refused"), False),
        (TimeoutError("timed out"), False),
    ],
)
def test_only_5xx_answers_are_permanent(error, permanent):
    assert is_permanent(error) is permanent
