"""Sent once per period: the claim every digest goes through.

A digest (a department's daily reminder, a leader's weekly report, a person's checklist)
is claimed by writing a unique Claim row (kind, key, period) in the same transaction as
its e-mails. A second run, or a second beat process at the same moment, fails to write
the row and sends nothing; a send that finds nothing to say rolls its claim back, so a
later run of the period may still send.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import TypeVar

from django.db import IntegrityError, models, transaction
from django.db.models.functions import Cast

from outbox.models import Claim, Message

T = TypeVar("T")

# What a send returns: its e-mail, or its e-mails (the first is the claim's); nothing
# (None or []) when there was nothing to send after all.
Sent = Message | list[Message] | None


def once(kind: str, key: str | int, period: date, send: Callable[[Claim], Sent]) -> Claim | None:
    """Claim (kind, key, period), then send(claim), in one transaction.

    None when the period's claim was taken already (by this run or another), or when the
    send wrote nothing: the claim is then rolled back. A send that raises rolls it back too.
    """
    try:
        with transaction.atomic():
            claim = Claim.objects.create(kind=kind, key=str(key), period=period)
            sent = send(claim)
            if not sent:
                transaction.set_rollback(True)  # nothing to say: a later run may still send
                return None
            claim.message = sent[0] if isinstance(sent, list) else sent
            claim.save(update_fields=["message"])
    except IntegrityError:
        return None  # another run sent it this period
    return claim


def each(
    kind: str,
    period: date,
    recipients: Iterable[T],
    key: Callable[[T], str | int],
    send: Callable[[T, Claim], Sent],
) -> int:
    """once() for each recipient of a digest; returns how many were sent now."""
    return sum(
        1
        for recipient in recipients
        if once(kind, key(recipient), period, lambda claim, r=recipient: send(r, claim))
    )


def claimed(kind: str, period: date) -> models.QuerySet[Claim]:
    """The keys claimed for the period, as integers: `pk__in=claimed(...)` in a subquery."""
    return Claim.objects.filter(kind=kind, period=period).values(
        number=Cast("key", models.BigIntegerField())
    )


def mark(kind: str, key: str | int, period: date) -> None:
    """Record that something happened in the period (a claim without an e-mail); twice is once."""
    Claim.objects.bulk_create(
        [Claim(kind=kind, key=str(key), period=period)], ignore_conflicts=True
    )
