"""Two workers claiming the same rows at the same moment (PostgreSQL row locking)."""

from __future__ import annotations

import threading

from django.db import connection, connections

from outbox.models import Message
from tests.services import need

from .factories import MessageFactory


def test_two_workers_racing_for_the_same_rows_send_each_once(transactional_db, smtp_server):
    need(connection.vendor == "postgresql", "needs PostgreSQL (DATABASE_URL)")
    messages = MessageFactory.create_batch(10)
    start = threading.Barrier(2)
    sent: list[int] = []

    def worker() -> None:
        try:
            start.wait()
            sent.extend(m.pk for m in messages if Message.objects.deliver(m.pk))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)

    assert sorted(sent) == sorted(m.pk for m in messages)
    assert sorted(smtp_server.message_ids()) == sorted(m.message_id for m in messages)
    assert set(Message.objects.values_list("status", flat=True)) == {Message.Status.SENT}
