"""Celery tasks: thin wrappers, safe to run twice (the row is claimed before sending)."""

from __future__ import annotations

from celery import shared_task
from celery.signals import worker_process_init, worker_process_shutdown
from django.utils import timezone

from . import smtp
from .models import Message

# Rows queued per sweep; the next sweep takes the rest.
SWEEP_BATCH = 500


@shared_task
def deliver(message_id: int) -> None:
    """Send one e-mail if it is still due; a no-op when another run already took it."""
    Message.objects.deliver(message_id)


@shared_task
def sweep() -> int:
    """Beat job: queue every due row (lost tasks, retries, expired leases)."""
    due = Message.objects.for_sweep(timezone.now()).order_by("next_attempt_at")
    pks = list(due.values_list("pk", flat=True)[:SWEEP_BATCH])
    for pk in pks:
        deliver.delay(pk)
    return len(pks)


@worker_process_init.connect
def _keep_smtp_open(**kwargs) -> None:
    """A worker process sends e-mail after e-mail: one SMTP session serves many."""
    smtp.keep_open()


@worker_process_shutdown.connect
def _close_smtp(**kwargs) -> None:
    """Say goodbye to the SMTP server when the worker process ends."""
    smtp.close()
