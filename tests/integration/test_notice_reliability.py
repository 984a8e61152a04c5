"""No notice is ever lost: a real worker, Redis and SMTP server, each killed in turn.

Every test counts what reached the SMTP server by Message-ID: a notice that arrived twice
shows up as a repeated ID, a lost one as a missing ID.
"""

from __future__ import annotations

import datetime as dt
import time

import pytest
from django.urls import reverse
from django.utils import timezone

from notices import sending as notice_sending
from outbox.models import Message
from tests.factories import ContactFactory, HostUnitFactory, ItineraryItemFactory, TripFactory, at
from tests.fixtures.mail import wait_until
from tests.fixtures.services import SHORT_LEASE
from trips import approval
from trips.models import Trip, TripVersion

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db(transaction=True),
]

SENT = Message.Status.SENT
# Worker processes; a kill can leave at most one message each in the SMTP server's hands.
CONCURRENCY = 2
# Beat queues the due rows every second, and a failed row is due again after 1, 2, 4 s.
FAST_RETRIES = {"OUTBOX_SWEEP_SECONDS": "1", "OUTBOX_RETRY_BASE_SECONDS": "1"}


def approved_trip(secretary, leader, units: int) -> Trip:
    """A trip next week visiting `units` host units, one notice contact each, approved."""
    # No time travel: the worker runs on the real clock, so the trip lies in the real future.
    day = timezone.localdate() + dt.timedelta(days=7)
    trip = TripFactory(
        start_date=day,
        end_date=day + dt.timedelta(days=2),
        team={secretary: "secretary", leader: "leader"},
    )
    for n in range(units):
        unit = HostUnitFactory(language="zh-hans" if n % 2 else "en")
        ContactFactory(host_unit=unit, email=f"office@unit{n}.example")
        ItineraryItemFactory(trip=trip, host_unit=unit, start=at(day, 6, n * 15), minutes=10)
    version = approval.submit(with_team(trip), secretary)
    approval.decide(TripVersion.objects.get(pk=version.pk), leader, TripVersion.Decision.APPROVED)
    return with_team(trip)


def with_team(trip: Trip) -> Trip:
    return Trip.objects.with_team().get(pk=trip.pk)


def notice_mails(trip: Trip) -> list[Message]:
    """The e-mails of the trip's notices (not the approval e-mails before them)."""
    keys = [notice.cause_key for notice in trip.notices.all()]
    return list(Message.objects.filter(cause_key__in=keys))


def fan_out(trip: Trip, secretary) -> list[Message]:
    """The secretary sends every notice: one transaction, one e-mail per unit."""
    notice_sending.send(trip, secretary)
    return notice_mails(trip)


def sent(mails: list[Message]) -> int:
    return Message.objects.filter(pk__in=[m.pk for m in mails], status=SENT).count()


def ids(mails: list[Message]) -> list[str]:
    return sorted(m.message_id for m in mails)


def arrived(smtp, mails: list[Message]) -> list[str]:
    """The Message-IDs of these e-mails the SMTP server took, repeats included."""
    wanted = set(ids(mails))
    return sorted(i for i in smtp.message_ids() if i in wanted)


def say(capsys, text: str) -> None:
    """A measured number, shown in the CI log even when the test passes."""
    with capsys.disabled():
        print(f"\n[reliability] {text}")


def test_200_notices_fanned_out_arrive_exactly_once_each(
    celery_workers, redis_broker, restartable_smtp, secretary, leader, capsys
):
    trip = approved_trip(secretary, leader, units=200)
    worker = celery_workers.start(redis_broker, restartable_smtp, concurrency=CONCURRENCY)

    started = time.monotonic()
    mails = fan_out(trip, secretary)
    written = time.monotonic() - started
    delivered = wait_until(lambda: sent(mails) == 200, timeout=90)
    seconds = time.monotonic() - started

    say(capsys, f"200 notices: written in {written:.1f} s, all sent {seconds:.1f} s after")
    assert delivered, f"{sent(mails)}/200 sent; worker log:\n{worker.log()[-5000:]}"
    assert arrived(restartable_smtp, mails) == ids(mails)


def test_worker_killed_mid_fan_out_loses_nothing_and_repeats_only_what_smtp_took(
    celery_workers, private_redis, restartable_smtp, secretary, leader, capsys
):
    trip = approved_trip(secretary, leader, units=200)
    # The server holds each message 50 ms before its "250 OK": a kill often falls there.
    restartable_smtp.delay = 0.05
    worker = celery_workers.start(
        private_redis.broker(),
        restartable_smtp,
        beat=True,
        concurrency=CONCURRENCY,
        env={**FAST_RETRIES, **SHORT_LEASE},
    )
    mails = fan_out(trip, secretary)
    halfway = wait_until(lambda: len(arrived(restartable_smtp, mails)) >= 50, timeout=60)
    assert halfway, f"50 notices not sent within 60 s; worker log:\n{worker.log()[-5000:]}"

    worker.kill()
    time.sleep(1)  # the server finishes reading what the dead worker had written
    taken = set(arrived(restartable_smtp, mails))
    # Claimed by a dead process: handed to SMTP or not, never marked sent.
    sending = Message.objects.filter(pk__in=[m.pk for m in mails], status=Message.Status.SENDING)
    unconfirmed = set(sending.values_list("message_id", flat=True)) & taken
    assert len(taken) < 200, "the kill came after the fan-out; nothing was interrupted"

    worker.start()
    delivered = wait_until(lambda: sent(mails) == 200, timeout=90)

    received = arrived(restartable_smtp, mails)
    repeated = {i for i in received if received.count(i) > 1}
    say(
        capsys,
        f"worker killed after {len(taken)}/200 notices reached SMTP; "
        f"{len(unconfirmed)} taken but unconfirmed; "
        f"{len(received) - len(set(received))} duplicate(s) after the restart",
    )
    assert delivered, f"{sent(mails)}/200 sent; worker log:\n{worker.log()[-5000:]}"
    assert sorted(set(received)) == ids(mails)
    assert len(received) - len(set(received)) == len(repeated)  # none arrived three times
    assert repeated == unconfirmed
    assert len(repeated) <= CONCURRENCY


def test_smtp_down_then_back_delivers_every_notice_and_the_mail_log_shows_the_attempts(
    celery_workers, private_redis, restartable_smtp, secretary, leader, client, capsys
):
    trip = approved_trip(secretary, leader, units=20)
    worker = celery_workers.start(
        private_redis.broker(), restartable_smtp, beat=True, env=FAST_RETRIES
    )
    restartable_smtp.stop()
    mails = fan_out(trip, secretary)
    pks = [m.pk for m in mails]
    failed_twice = wait_until(
        lambda: not Message.objects.filter(pk__in=pks, attempts__lt=2).exists(), timeout=30
    )
    assert failed_twice, worker.log()[-5000:]

    restartable_smtp.start()
    delivered = wait_until(lambda: sent(mails) == 20, timeout=60)

    assert delivered, f"{sent(mails)}/20 sent; worker log:\n{worker.log()[-5000:]}"
    assert arrived(restartable_smtp, mails) == ids(mails)
    rows = Message.objects.filter(pk__in=pks)
    say(capsys, f"SMTP down: attempts per notice {sorted(r.attempts for r in rows)}")
    # Each failed at least once and was delivered after. A row claimed for its second try
    # just before SMTP came back is delivered on that try (attempts count at the claim).
    assert all(r.attempts >= 2 and "Connection refused" in r.last_error for r in rows)
    assert sum(r.attempts >= 3 for r in rows) >= len(rows) - CONCURRENCY
    client.force_login(secretary)
    log = client.get(reverse("outbox:message_list"))
    shown = {m.pk: m.attempts for m in log.context["page_obj"] if m.pk in pks}
    assert shown == {r.pk: r.attempts for r in rows}
    detail = client.get(reverse("outbox:message_detail", args=[pks[0]]))
    assert "Connection refused" in detail.content.decode()


def test_redis_down_when_the_secretary_sends_the_page_answers_and_the_sweep_delivers_later(
    celery_workers, private_redis, restartable_smtp, secretary, leader, client, capsys
):
    trip = approved_trip(secretary, leader, units=5)
    celery_workers.publish_to(private_redis.broker())
    private_redis.kill()
    client.force_login(secretary)

    started = time.monotonic()
    response = client.post(reverse("notices:notices_send", args=[trip.pk]), follow=True)
    seconds = time.monotonic() - started

    say(capsys, f"Redis down: the page answered in {seconds:.2f} s for 5 notices")
    assert response.status_code == 200
    assert "5 notices sent." in response.content.decode()
    # A broker that hangs instead of refusing would hold the page for minutes.
    assert seconds < 10, "publishing to a dead Redis must fail fast"
    mails = notice_mails(trip)
    assert [(m.status, m.attempts) for m in mails] == [(Message.Status.QUEUED, 0)] * 5

    private_redis.start()
    worker = celery_workers.start(
        private_redis.broker(), restartable_smtp, beat=True, env=FAST_RETRIES
    )
    delivered = wait_until(lambda: sent(mails) == 5, timeout=60)

    assert delivered, f"not sent after Redis returned; worker log:\n{worker.log()[-5000:]}"
    assert arrived(restartable_smtp, mails) == ids(mails)
