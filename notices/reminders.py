"""Reminders: a unit that has not acknowledged is reminded once and the secretaries alerted;
a unit is reminded of its visit the day before. Each reminder is a due time on the notice
that a beat job sweeps (send_due_reminders); a claim makes a second run a no-op."""

from __future__ import annotations

import re
from datetime import datetime, time, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.utils import timezone

from notices import emails
from notices.addresses import notice_addresses
from notices.links import link_url
from notices.models import Notice
from notices.parts import mail_context, read_part

# Reminders handled per sweep; the next sweep takes the rest.
REMINDER_BATCH = 200


def ack_time() -> timedelta:
    """How long a unit has to acknowledge before it is reminded."""
    return timedelta(hours=settings.NOTICE_ACK_HOURS)


def visit_reminder_rule() -> tuple[int, time]:
    """NOTICE_VISIT_REMINDER ("1d 09:00") as (days before, time of day)."""
    match = re.fullmatch(r"\s*(\d+)d\s+(\d{1,2}):(\d{2})\s*", settings.NOTICE_VISIT_REMINDER)
    if not match or int(match[2]) > 23 or int(match[3]) > 59:
        raise ImproperlyConfigured('NOTICE_VISIT_REMINDER reads like "1d 09:00".')
    return int(match[1]), time(int(match[2]), int(match[3]))


def visit_reminder_time(content: dict[str, Any], now: datetime) -> datetime | None:
    """When to remind the unit of its visit; None when that moment has passed already."""
    first = read_part(content).first_start
    if first is None:
        return None
    days, at = visit_reminder_rule()
    due = datetime.combine(first.date() - timedelta(days=days), at, tzinfo=first.tzinfo)
    return due if now < due < first else None


def send_due_reminders(now: datetime | None = None) -> int:
    """Beat job: remind units that did not acknowledge, and units whose visit is near."""
    now = now or timezone.now()
    unacknowledged = Notice.objects.ack_reminder_due(now).order_by("ack_reminder_due_at", "pk")
    visits = Notice.objects.visit_reminder_due(now).order_by("visit_reminder_due_at", "pk")
    sent = sum(remind_to_acknowledge(pk, now) for pk in _batch(unacknowledged))
    return sent + sum(remind_of_visit(pk, now) for pk in _batch(visits))


def _batch(notices) -> list[int]:
    return list(notices.values_list("pk", flat=True)[:REMINDER_BATCH])


def remind_to_acknowledge(pk: int, now: datetime) -> bool:
    """Remind the unit once and alert the secretaries; False when another run did it."""
    with transaction.atomic():
        # The claim: of two runs, one changes the row; the e-mails commit with it.
        claimed = Notice.objects.filter(
            pk=pk,
            superseded_by__isnull=True,
            acknowledged_at__isnull=True,
            reminded_at__isnull=True,
            ack_reminder_due_at__lte=now,
        ).update(reminded_at=now)
        if not claimed:
            return False
        notice = Notice.objects.select_related("trip", "host_unit").get(pk=pk)
        _remind_unit(notice, "acknowledge")
        emails.alert_unacknowledged(notice)
    return True


def remind_of_visit(pk: int, now: datetime) -> bool:
    """Remind the unit of its visit once; False when another run did it or it is too late."""
    with transaction.atomic():
        notice = Notice.objects.select_related("trip", "host_unit").get(pk=pk)
        unsent = Notice.objects.filter(
            pk=pk, superseded_by__isnull=True, visit_reminder_sent_at__isnull=True
        )
        first = read_part(notice.content).first_start
        if first is None or first <= now:
            # Beat was down until the visit began: a reminder now would only confuse.
            unsent.update(visit_reminder_due_at=None)
            return False
        if not unsent.filter(visit_reminder_due_at__lte=now).update(visit_reminder_sent_at=now):
            return False
        _remind_unit(notice, "visit")
    return True


def _remind_unit(notice: Notice, kind: str) -> None:
    """An e-mail about the notice to each of the unit's notice contacts, in its language."""
    unit = notice.host_unit
    context = mail_context(unit, notice.kind, notice.content, [], link_url(notice))
    emails.remind_unit(notice, kind, notice_addresses([unit.pk])[unit.pk].usable, context)
