"""Outbox rows for tests, written directly (no task queued)."""

from __future__ import annotations

import factory
from django.utils import timezone

from outbox.models import Message


class MessageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Message

    to = factory.Sequence(lambda n: f"host{n}@host.example")
    from_email = "Tripdesk <tripdesk@localhost>"
    subject = factory.Sequence(lambda n: f"Visit notice {n}")
    text_body = "The party arrives at 9:00."
    html_body = "<p>The party arrives at <b>9:00</b>.</p>"
    language = "en"
    next_attempt_at = factory.LazyFunction(timezone.now)
