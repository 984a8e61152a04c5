"""Delivery under faults: a frozen Redis, a killed worker or database connection, a backlog.

Each test runs real processes (redis-server, celery worker, aiosmtpd) of its own; the
measured numbers are printed as "[reliability]" lines, never asserted.
"""

from __future__ import annotations

import os
import smtplib
import time

import psycopg
import pytest
from django.db import connection
from django.urls import reverse

from outbox.mail import breaker, enqueue
from outbox.models import Message
from outbox.tasks import deliver, sweep
from tests.fixtures.mail import wait_until
from tests.fixtures.services import SHORT_LEASE
from tests.integration.test_notice_reliability import (
    FAST_RETRIES,
    approved_trip,
    arrived,
    ids,
    notice_mails,
    say,
    sent,
)
from tests.outbox.factories import MessageFactory
from tests.services import need

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def test_frozen_redis_holds_the_secretarys_page_about_a_second_and_the_sweep_delivers_after(
    celery_workers, private_redis, restartable_smtp, secretary, leader, client, capsys
):
    trip = approved_trip(secretary, leader, units=20)
    worker = celery_workers.start(
        private_redis.broker(), restartable_smtp, beat=True, env=FAST_RETRIES
    )
    client.force_login(secretary)

    private_redis.freeze()
    try:
        started = time.monotonic()
        response = client.post(reverse("notices:notices_send", args=[trip.pk]), follow=True)
        seconds = time.monotonic() - started
    finally:
        private_redis.thaw()

    say(capsys, f"Redis frozen: the page answered in {seconds:.2f} s for 20 notices")
    assert response.status_code == 200
    assert "20 notices sent." in response.content.decode()
    assert seconds < 2.5, "publishing to a frozen Redis must give up after about a second"
    mails = notice_mails(trip)
    delivered = wait_until(lambda: sent(mails) == 20, timeout=60)
    assert delivered, f"{sent(mails)}/20 sent after SIGCONT; worker log:\n{worker.log()[-5000:]}"
    assert arrived(restartable_smtp, mails) == ids(mails)
    # Once Redis answers again (and the breaker has closed) publishing works as before.
    breaker.reset()
    later = MessageFactory()
    enqueue(later.pk)
    assert not breaker.is_open(), "the pooled publishing connection did not recover"
    assert wait_until(lambda: Message.objects.get(pk=later.pk).status == Message.Status.SENT)


def recovery_settings() -> dict[str, str]:
    """Short lease and sweep for the suite; RECOVERY_WITH_DEFAULTS=1 measures the defaults."""
    if os.environ.get("RECOVERY_WITH_DEFAULTS"):
        return {}
    return {**FAST_RETRIES, **SHORT_LEASE}


def test_worker_killed_mid_send_its_e_mail_is_delivered_by_another_after_the_lease(
    celery_workers, private_redis, restartable_smtp, capsys
):
    broker, env = private_redis.broker(), recovery_settings()
    # The server takes the message, then waits before its "250 OK": the kill falls there.
    restartable_smtp.delay = 1.5
    doomed = celery_workers.start(broker, restartable_smtp, concurrency=1, env=env)
    rescuer = celery_workers.start(
        broker, restartable_smtp, beat=True, env=env, queues="celery,beat"
    )
    message = MessageFactory()
    enqueue(message.pk)  # to the test's queue: only the doomed worker takes it
    taken = wait_until(lambda: restartable_smtp.peers, timeout=30)
    assert taken, doomed.log()[-5000:]

    doomed.kill()
    killed = time.monotonic()
    lease = int(env.get("OUTBOX_LEASE_SECONDS", 120))
    delivered = wait_until(
        lambda: Message.objects.get(pk=message.pk).status == Message.Status.SENT,
        timeout=lease + 90,
    )
    seconds = time.monotonic() - killed

    say(capsys, f"worker killed mid-send (lease {lease} s): delivered again {seconds:.1f} s later")
    assert delivered, rescuer.log()[-5000:]
    message.refresh_from_db()
    assert message.crashes == 1
    # Taken by the server before the kill, so sent twice: the one duplicate a crash may cost.
    assert restartable_smtp.message_ids() == [message.message_id] * 2


def test_a_sweep_runs_while_deliveries_are_backed_up(
    celery_workers, private_redis, restartable_smtp
):
    restartable_smtp.delay = 0.1
    backlog = MessageFactory.create_batch(60)
    worker = celery_workers.start(
        private_redis.broker(), restartable_smtp, concurrency=1, queues="celery,beat"
    )
    for message in backlog:
        deliver.apply_async((message.pk,), queue="celery")  # as the sweep queues them
    sweep.delay()  # as beat sends it: routed to the beat queue

    swept = wait_until(lambda: "outbox.tasks.sweep[" in worker.log(), timeout=30)

    assert swept, worker.log()[-5000:]
    waiting = Message.objects.exclude(status=Message.Status.SENT).count()
    assert waiting > 30, "the sweep waited behind the backlog of deliveries"


def test_postgres_connection_killed_just_after_smtp_accepted_is_reopened_not_resent(
    smtp_server,
):
    need(connection.vendor == "postgresql", "needs PostgreSQL (DATABASE_URL)")
    message = MessageFactory()
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        [pid] = cursor.fetchone()
    params = connection.get_connection_params()

    def terminate_backend(envelope) -> None:
        with psycopg.connect(**params, autocommit=True) as admin:
            admin.execute("SELECT pg_terminate_backend(%s)", [pid])

    smtp_server.on_accept = terminate_backend

    assert Message.objects.deliver(message.pk) is True

    message.refresh_from_db()
    assert message.status == Message.Status.SENT
    assert smtp_server.message_ids() == [message.message_id]


def bare_smtplib_seconds(port: int, count: int, emails: list) -> tuple[float, float]:
    """Seconds to send `count` e-mails with smtplib alone: a session each, and one for all."""
    messages = [email.message() for email in emails[:count]]
    started = time.monotonic()
    for message in messages:
        with smtplib.SMTP("127.0.0.1", port) as client:
            client.send_message(message)
    each = time.monotonic() - started
    started = time.monotonic()
    with smtplib.SMTP("127.0.0.1", port) as client:
        for message in messages:
            client.send_message(message)
    return each, time.monotonic() - started


def test_delivery_throughput_against_a_bare_smtplib_loop(
    celery_workers, redis_broker, restartable_smtp, capsys
):
    count = 300
    messages = MessageFactory.create_batch(count)
    worker = celery_workers.start(redis_broker, restartable_smtp, concurrency=2)

    started = time.monotonic()
    for message in messages:
        enqueue(message.pk)
    published = time.monotonic() - started
    delivered = wait_until(
        lambda: Message.objects.filter(status=Message.Status.SENT).count() == count, 120
    )
    seconds = time.monotonic() - started
    assert delivered, worker.log()[-5000:]

    emails = [message.as_email() for message in messages]
    each, one = bare_smtplib_seconds(restartable_smtp.port, count, emails)
    say(
        capsys,
        f"{count} e-mails: worker {seconds:.2f} s (published in {published:.2f} s); "
        f"bare smtplib {each:.2f} s (a session each, {each / seconds:.2f}x) / "
        f"{one:.2f} s (one session, {one / seconds:.2f}x); "
        f"{len(set(restartable_smtp.peers[:count]))} SMTP sessions used by the worker",
    )
