"""A worker process keeps one SMTP session open from e-mail to e-mail, per thread."""

from __future__ import annotations

import threading

import pytest

from outbox import smtp
from outbox.models import Message

from .factories import MessageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def worker_process():
    """This thread sends as a worker process does (outbox.tasks turns it on at start)."""
    smtp.keep_open()
    yield
    smtp.close()
    smtp.keep_open(False)


def deliver_all(count: int) -> list[Message]:
    messages = MessageFactory.create_batch(count)
    for message in messages:
        assert Message.objects.deliver(message.pk)
    return messages


def test_a_worker_sends_many_e_mails_over_one_session(smtp_server, worker_process):
    deliver_all(5)
    assert len(smtp_server.messages) == 5
    assert len(set(smtp_server.peers)) == 1


def test_outside_a_worker_each_e_mail_has_its_own_session(smtp_server):
    deliver_all(3)
    assert len(set(smtp_server.peers)) == 3


def test_after_an_error_the_next_e_mail_opens_a_new_session(smtp_server, worker_process):
    deliver_all(2)
    smtp_server.reply = "451 4.3.0 Try later"
    refused = MessageFactory()
    assert Message.objects.deliver(refused.pk) is False
    smtp_server.reply = ""
    deliver_all(2)

    first, second = smtp_server.peers[:2], smtp_server.peers[2:]
    assert len(set(first)) == len(set(second)) == 1
    assert first[0] != second[0]


def test_a_session_is_renewed_after_so_many_e_mails(smtp_server, worker_process, monkeypatch):
    monkeypatch.setattr(smtp, "REUSE_MESSAGES", 2)
    deliver_all(5)
    assert len(set(smtp_server.peers)) == 3


def test_a_session_is_renewed_after_idling(smtp_server, worker_process, monkeypatch):
    deliver_all(1)
    monkeypatch.setattr(smtp, "REUSE_IDLE_SECONDS", 0.0)
    deliver_all(1)
    assert len(set(smtp_server.peers)) == 2


def test_threads_never_share_a_session(smtp_server, worker_process):
    emails = [MessageFactory.build().as_email() for _ in range(4)]

    def send_two(batch) -> None:
        smtp.keep_open()
        try:
            for email in batch:
                smtp.send(email)
        finally:
            smtp.close()

    threads = [threading.Thread(target=send_two, args=(emails[n::2],)) for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)

    assert len(smtp_server.messages) == 4
    assert len(set(smtp_server.peers)) == 2
