"""The outcome of a send is written only by the worker that still holds the claim."""

from __future__ import annotations

import datetime as dt
import logging
import smtplib

import pytest
from django.db import OperationalError, connection

from outbox import smtp
from outbox.models import Message

from .factories import MessageFactory

pytestmark = pytest.mark.django_db


class LostWrites:
    """Makes the database lose the connection on the UPDATEs that mark a row sent."""

    def __init__(self, times: int) -> None:
        self.times = times
        self.lost = 0

    def __call__(self, execute, sql, params, many, context):
        marks_sent = sql.startswith("UPDATE") and Message.Status.SENT in (params or ())
        if marks_sent and self.lost < self.times:
            self.lost += 1
            raise OperationalError("server closed the connection unexpectedly")
        return execute(sql, params, many, context)


# Outside a transaction, as in a worker: a failed query inside one spoils the transaction.
@pytest.mark.django_db(transaction=True)
def test_lost_database_write_after_the_send_is_retried_not_sent_again(smtp_server):
    message = MessageFactory()
    lose_one = LostWrites(times=1)

    with connection.execute_wrapper(lose_one):
        assert Message.objects.deliver(message.pk) is True

    assert lose_one.lost == 1
    message.refresh_from_db()
    assert (message.status, message.lease_token) == (Message.Status.SENT, None)
    assert smtp_server.message_ids() == [message.message_id]


@pytest.mark.django_db(transaction=True)
def test_post_send_write_is_given_up_near_the_end_of_the_lease_with_a_log_line(
    smtp_server, settings, caplog
):
    settings.OUTBOX_LEASE = dt.timedelta(seconds=2)
    settings.OUTBOX_LEASE_MARGIN = dt.timedelta(seconds=1)
    message = MessageFactory()

    with (
        caplog.at_level(logging.ERROR, logger="outbox.models"),
        connection.execute_wrapper(LostWrites(times=1000)),
    ):
        assert Message.objects.deliver(message.pk) is False

    message.refresh_from_db()
    assert message.status == Message.Status.SENDING  # taken again when the lease runs out
    assert f"E-mail {message.pk} (sent): not recorded" in caplog.text


def test_late_failure_does_not_turn_a_sent_row_back_into_queued(monkeypatch):
    message = MessageFactory()

    def overtaken_then_refused(email):
        # Meanwhile the lease ran out and another worker sent it and marked it sent.
        Message.objects.filter(pk=message.pk).update(status=Message.Status.SENT)
        raise smtplib.SMTPDataError(451, b"Try later")

    monkeypatch.setattr(smtp, "send", overtaken_then_refused)

    assert Message.objects.deliver(message.pk) is False

    message.refresh_from_db()
    assert message.status == Message.Status.SENT


def test_slow_send_whose_row_was_claimed_again_does_not_write_over_the_new_claim(
    settings, monkeypatch
):
    message = MessageFactory()
    sent: list[str] = []
    first_claim = True

    def slow_send(email):
        nonlocal first_claim
        sent.append(email.extra_headers["Message-ID"])
        if first_claim:
            first_claim = False
            # The send outlasts the lease: the sweep's deliver claims the row and finishes.
            later = Message.objects.get(pk=message.pk).lease_until + dt.timedelta(seconds=1)
            assert Message.objects.deliver(message.pk, now=later) is True

    monkeypatch.setattr(smtp, "send", slow_send)

    assert Message.objects.deliver(message.pk) is False

    message.refresh_from_db()
    assert message.status == Message.Status.SENT
    assert len(sent) == 2  # what the lease check in the settings prevents
