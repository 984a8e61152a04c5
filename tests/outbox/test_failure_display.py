"""The mail log tells a temporary failure (retried) from a permanent refusal (given up)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from outbox import mail
from outbox.models import Message

from .factories import MessageFactory

pytestmark = pytest.mark.django_db

LIST = reverse("outbox:message_list")


@pytest.fixture
def retrying() -> Message:
    return MessageFactory(
        status=Message.Status.QUEUED,
        failure=Message.Failure.TEMPORARY,
        attempts=3,
        last_error="SMTPDataError: (451, b'Try later')",
        next_attempt_at=timezone.now() + dt.timedelta(minutes=4),
    )


@pytest.fixture
def refused() -> Message:
    return MessageFactory(
        status=Message.Status.FAILED,
        failure=Message.Failure.PERMANENT,
        attempts=1,
        last_error="SMTPRecipientsRefused: 550 No such user",
    )


def test_list_shows_retrying_and_refused_permanently(client, secretary, retrying, refused):
    client.force_login(secretary)
    page = client.get(LIST).content.decode()
    assert "Temporary failure, retrying at" in page
    assert "Refused permanently by the server" in page


def test_detail_shows_when_a_temporary_failure_is_retried(client, secretary, retrying):
    client.force_login(secretary)
    page = client.get(reverse("outbox:message_detail", args=[retrying.pk])).content.decode()
    assert "Temporary failure, retrying at" in page


def test_detail_shows_a_permanent_refusal(client, secretary, refused):
    client.force_login(secretary)
    page = client.get(reverse("outbox:message_detail", args=[refused.pk])).content.decode()
    assert "Refused permanently by the server" in page
    assert "retrying" not in page


def test_a_sent_e_mail_shows_no_failure(smtp_server, client, secretary, time_machine):
    time_machine.move_to(timezone.now(), tick=False)
    message = MessageFactory()
    smtp_server.reply = "451 4.3.0 Try later"
    Message.objects.deliver(message.pk)
    smtp_server.reply = ""
    time_machine.shift(dt.timedelta(minutes=1))
    Message.objects.deliver(message.pk)

    client.force_login(secretary)
    page = client.get(reverse("outbox:message_detail", args=[message.pk])).content.decode()
    assert "Temporary failure" not in page


def test_resend_starts_the_retry_period_afresh(secretary, refused):
    refused.first_attempt_at = timezone.now() - dt.timedelta(days=3)
    refused.save()

    assert mail.resend(refused)

    refused.refresh_from_db()
    assert (refused.status, refused.failure, refused.first_attempt_at) == (
        Message.Status.QUEUED,
        "",
        None,
    )
