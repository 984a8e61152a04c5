"""Publishing from a request waits for a frozen broker about a second, once."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator

import pytest

from outbox.mail import breaker, enqueue
from outbox.models import Message
from tests.fixtures.mail import reset_publisher

from .factories import MessageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def frozen_broker() -> Iterator[str]:
    """A Redis address that takes connections and never answers (as a stopped redis-server)."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(64)  # the kernel completes the handshakes; nobody ever reads
        yield f"redis://127.0.0.1:{listener.getsockname()[1]}/0"


@pytest.fixture
def publishing_to(frozen_broker) -> Iterator[None]:
    from config.celery import app

    saved = {key: app.conf[key] for key in ("broker_url", "broker_transport_options")}
    app.conf.update(
        broker_url=frozen_broker,
        # The worker's own timeouts (settings.py): far longer than a request may wait.
        broker_transport_options={"socket_connect_timeout": 5, "socket_timeout": 10},
        task_always_eager=False,
    )
    reset_publisher(app)
    yield
    app.conf.update(**saved)
    reset_publisher(app)


def test_a_fan_out_to_a_frozen_broker_waits_once_and_briefly(publishing_to, settings):
    settings.OUTBOX_PUBLISH_TIMEOUT = 1.0
    messages = MessageFactory.create_batch(20)

    started = time.monotonic()
    for message in messages:
        enqueue(message.pk)
    seconds = time.monotonic() - started

    assert seconds < 2.5, f"publishing 20 rows to a frozen broker took {seconds:.1f} s"
    assert breaker.is_open()
    assert Message.objects.filter(status=Message.Status.QUEUED).count() == 20
