"""The one way to send an e-mail: render a subject/text/html template trio into a row."""

from __future__ import annotations

import logging
import time

import kombu
import kombu.pools
from celery import current_app as app
from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.text import Truncator

from .models import Message

logger = logging.getLogger(__name__)


def absolute_url(path: str) -> str:
    """The site's own path as a link that works from an e-mail (SITE_URL in front)."""
    return settings.SITE_URL.rstrip("/") + "/" + path.lstrip("/")


def fits(model_field: str, text: str) -> str:
    """The text cut to the length of a Message field, with "…" where it was cut."""
    limit = Message._meta.get_field(model_field).max_length
    return Truncator(text).chars(limit)


def make_message(
    template: str,
    to: str,
    context: dict,
    *,
    language: str,
    path: str = "",
    cause: str = "",
    cause_key: str = "",
    recipient_user=None,
    created_by=None,
    trip_id: int | None = None,
    private: bool = False,
    headers: dict[str, str] | None = None,
) -> Message:
    """Write the e-mail as a queued row in the caller's transaction; deliver after commit.

    Renders templates/emails/<template>_subject.txt, _body.txt and _body.html in the
    recipient's language; the plain-text parts without HTML escaping (the "text" engine).
    `path` is a path of this site (a `reverse()` result): the templates get it as `url`,
    made absolute with SITE_URL. `cause` is plain words of any length (lazy ones are worded
    in the e-mail's language): it is cut to fit.
    If the caller's transaction rolls back, the row goes with it. `trip_id` scopes the row
    to the people who may read that trip; `private` marks a credential the log never shows.
    """
    if path:
        context = {**context, "url": absolute_url(path)}
    with translation.override(language):
        subject = render_to_string(f"emails/{template}_subject.txt", context, using="text")
        subject = " ".join(subject.split())
        text = render_to_string(f"emails/{template}_body.txt", context, using="text")
        html = render_to_string(f"emails/{template}_body.html", context)
        cause = str(cause)  # a lazy cause is worded in the e-mail's language
    message = Message.objects.create(
        to=to,
        from_email=settings.DEFAULT_FROM_EMAIL,
        subject=fits("subject", subject),
        text_body=text,
        html_body=html,
        language=language,
        headers=headers or {},
        next_attempt_at=timezone.now(),
        cause=fits("cause", cause),
        cause_key=cause_key,
        recipient_user=recipient_user,
        created_by=created_by,
        trip_id=trip_id,
        private=private,
    )
    transaction.on_commit(lambda: enqueue(message.pk))
    return message


def resend(message: Message) -> bool:
    """Queue a failed e-mail again from scratch; False when it was not failed.

    A private one (a credential) is never sent again: its owner asks for a new one.
    """
    requeued = Message.objects.filter(
        pk=message.pk, status=Message.Status.FAILED, private=False
    ).update(
        status=Message.Status.QUEUED,
        attempts=0,
        next_attempt_at=timezone.now(),
        lease_until=None,
        # A fresh start: its own retry period, no crashes or failure to show.
        first_attempt_at=None,
        crashes=0,
        failure="",
    )
    if requeued:
        message.refresh_from_db()
        transaction.on_commit(lambda: enqueue(message.pk))
    return bool(requeued)


class BrokerBreaker:
    """After one failed publish, stop trying for a while: the sweep delivers the rows.

    Without it, a request that writes 200 e-mails while Redis is down would wait for 200
    publish timeouts and end as an error page.
    """

    pause = 30.0  # seconds

    def __init__(self) -> None:
        self.down_until = 0.0

    def is_open(self) -> bool:
        return time.monotonic() < self.down_until

    def trip(self) -> None:
        self.down_until = time.monotonic() + self.pause

    def reset(self) -> None:
        self.down_until = 0.0


breaker = BrokerBreaker()


def enqueue(message_pk: int) -> None:
    """Hand the row to a worker; if the broker is down, the beat sweep delivers it later.

    Called from web requests: it waits for the broker at most OUTBOX_PUBLISH_TIMEOUT, once
    (no publish retries), and after one failure not at all until the breaker closes.
    """
    from .tasks import deliver

    if breaker.is_open():
        return
    try:
        with publishing_connection() as connection:
            deliver.apply_async((message_pk,), connection=connection, retry=False)
    except Exception:  # broker down or frozen (kombu OperationalError, timeouts): the row waits
        breaker.trip()
        logger.warning(
            "Broker unavailable; message %s waits for the sweep", message_pk, exc_info=True
        )


def publishing_connection() -> kombu.Connection:
    """A pooled broker connection with short timeouts, separate from the worker's own.

    A worker may wait longer for Redis (and does reconnect); a web request must not, since
    what it publishes is saved already. socket_timeout also bounds a Redis that accepts the
    connection and never answers (frozen, overloaded).
    """
    timeout = settings.OUTBOX_PUBLISH_TIMEOUT
    options = {
        **app.conf.broker_transport_options,
        "socket_connect_timeout": timeout,
        "socket_timeout": timeout,
        # One connection attempt: kombu's default retries for as long again, 2 s apart.
        "max_retries": 0,
    }
    connection = app.connection_for_write(transport_options=options, connect_timeout=timeout)
    return kombu.pools.connections[connection].acquire(block=True, timeout=timeout)
