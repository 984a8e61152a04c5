"""Accounts tasks: the keys of old form sendings are forgotten daily."""

from __future__ import annotations

from celery import shared_task

from accounts import submissions


@shared_task
def sweep_submissions() -> int:
    """Forget the one-time keys of forms sent more than submissions.KEEP ago."""
    return submissions.sweep()
