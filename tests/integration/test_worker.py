"""A real Celery worker delivers through a real broker to a real SMTP server, once."""

from __future__ import annotations

import pytest
from django.db import transaction

from outbox.mail import make_message
from outbox.models import Message
from tests.factories import UserFactory
from tests.fixtures.mail import wait_until

pytestmark = pytest.mark.integration


def test_committed_email_reaches_the_smtp_server_once_through_a_real_worker(
    celery_worker_process, smtp_server
):
    user = UserFactory(email="sam@office.example")

    with transaction.atomic():
        message = make_message("test", user.email, {"user": user}, language="en")

    sent = wait_until(lambda: Message.objects.get(pk=message.pk).status == Message.Status.SENT)
    assert sent, f"not sent within 30 s; worker log:\n{celery_worker_process.log()}"
    assert smtp_server.message_ids() == [message.message_id]
    assert smtp_server.envelopes[0].rcpt_tos == ["sam@office.example"]
