"""The follow-up reminders job through a real worker, Redis and SMTP server: sent twice,
each digest reaches the SMTP server once."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone

from directory.models import Contact
from followups.models import FollowUp
from followups.tasks import send_reminders
from outbox.models import Claim, Message
from tests.factories import DepartmentFactory, TripFactory
from tests.fixtures.mail import wait_until
from tests.fixtures.services import BEAT_QUEUE, DEFAULT_QUEUE

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db(transaction=True),
]


def digests() -> list[Message]:
    return list(Message.objects.filter(cause_key__startswith="followups."))


def test_reminders_sent_twice_through_a_real_worker_arrive_once(
    celery_workers, private_redis, restartable_smtp, secretary, leader
):
    # No time travel: the worker runs on the real clock, so the item is overdue today, and
    # the digest hour is midnight (whenever the test runs) and leader day today.
    today = timezone.localdate()
    trip = TripFactory(team={secretary: "secretary", leader: "leader"}, created_by=secretary)
    contact = Contact.objects.create(
        name="Zhang Min", department="Water bureau", email="zhang@bureau.example"
    )
    water = DepartmentFactory(name="Water bureau", language="zh-hans", contacts=[contact])
    FollowUp.objects.create(
        trip=trip,
        department=water,
        created_by=secretary,
        title="Fix the pump",
        to_do="Repair the pump in the east village.",
        due_date=today - dt.timedelta(days=1),
    )
    # The worker takes its own queue, Celery's default (the deliveries it queues) and
    # beat's, where the job goes as beat sends it (config.celery.route_beat_jobs).
    queues = f"{celery_workers.queue},{DEFAULT_QUEUE},{BEAT_QUEUE}"
    worker = celery_workers.start(
        private_redis.broker(),
        restartable_smtp,
        queues=queues,
        concurrency=2,
        env={"FOLLOWUP_DIGEST_HOUR": "0", "FOLLOWUP_LEADER_WEEKDAY": str(today.weekday())},
    )

    send_reminders.delay()
    send_reminders.delay()

    def both_ran() -> bool:
        ran = re.findall(r"Task followups\.tasks\.send_reminders\[\S+\] succeeded", worker.log())
        return len(ran) == 2

    def all_sent() -> bool:
        mails = digests()
        return len(mails) == 3 and all(m.status == Message.Status.SENT for m in mails)

    assert wait_until(both_ran, timeout=60), worker.log()[-5000:]
    assert wait_until(all_sent, timeout=60), worker.log()[-5000:]
    mails = digests()
    received = [m for m in restartable_smtp.message_ids() if m in {x.message_id for x in mails}]
    assert sorted(received) == sorted(m.message_id for m in mails)  # each once
    assert sorted(e.rcpt_tos[0] for e in restartable_smtp.envelopes) == sorted(
        ["zhang@bureau.example", secretary.email, leader.email]
    )
    sent = Claim.objects.filter(message__isnull=False)
    assert sorted(sent.values_list("kind", flat=True)) == [
        "followups.leader",
        "followups.owner",
        "followups.secretary",
    ]
    assert Message.objects.get(to="zhang@bureau.example").language == "zh-hans"
