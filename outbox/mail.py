"""The one way to send an e-mail: render a subject/text/html template trio into a row."""

from __future__ import annotations

import logging
import time

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .models import Message

logger = logging.getLogger(__name__)


def make_message(
    template: str,
    to: str,
    context: dict,
    *,
    language: str,
    cause: str = "",
    cause_key: str = "",
    recipient_user=None,
    created_by=None,
    headers: dict[str, str] | None = None,
) -> Message:
    """Write the e-mail as a queued row in the caller's transaction; deliver after commit.

    Renders templates/emails/<template>_subject.txt, _body.txt and _body.html in the
    recipient's language. If the caller's transaction rolls back, the row goes with it.
    """
    with translation.override(language):
        subject = " ".join(render_to_string(f"emails/{template}_subject.txt", context).split())
        text = render_to_string(f"emails/{template}_body.txt", context)
        html = render_to_string(f"emails/{template}_body.html", context)
    message = Message.objects.create(
        to=to,
        from_email=settings.DEFAULT_FROM_EMAIL,
        subject=subject,
        text_body=text,
        html_body=html,
        language=language,
        headers=headers or {},
        next_attempt_at=timezone.now(),
        cause=cause,
        cause_key=cause_key,
        recipient_user=recipient_user,
        created_by=created_by,
    )
    transaction.on_commit(lambda: enqueue(message.pk))
    return message


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
    """Hand the row to a worker; if the broker is down, the beat sweep delivers it later."""
    from .tasks import deliver

    if breaker.is_open():
        return
    try:
        deliver.delay(message_pk)
    except Exception:  # broker down (kombu OperationalError and friends): the row waits
        breaker.trip()
        logger.warning(
            "Broker unavailable; message %s waits for the sweep", message_pk, exc_info=True
        )
