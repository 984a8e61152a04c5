"""A 催办通知 pressed on the item's page reaches a real SMTP server through a real worker,
in the department's language, with its link."""

from __future__ import annotations

import email.header

import pytest
from django.urls import reverse

from followups.models import Urging
from outbox.models import Message
from tests.factories import TripFactory
from tests.fixtures.mail import wait_until
from tests.followups.item_setup import department, item

pytestmark = pytest.mark.integration


def test_an_urging_notice_reaches_the_smtp_server(
    celery_worker_process, smtp_server, client, secretary
):
    trip = TripFactory(team={secretary: "secretary"})
    dept, zhang = department("省水利厅农村饮水处", language="zh-hans")
    it = item(trip, secretary, dept, title="修复东村水泵")
    client.force_login(secretary)

    client.post(reverse("followups:item_urge", args=[it.pk]), {"note": "请本周内答复。"})

    message = Message.objects.get(cause_key__startswith="followup_urging:")
    sent = wait_until(lambda: Message.objects.get(pk=message.pk).status == Message.Status.SENT)
    assert sent, f"not sent within 30 s; worker log:\n{celery_worker_process.log()}"
    [received] = smtp_server.messages
    assert smtp_server.envelopes[0].rcpt_tos == [zhang.email]
    subject = str(email.header.make_header(email.header.decode_header(received["Subject"])))
    assert subject == "催办通知（第1次催办）：修复东村水泵"  # noqa: RUF001
    assert Urging.objects.get(followup=it).round == 1
