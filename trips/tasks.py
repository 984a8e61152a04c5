"""Trips' background jobs: thin wrappers that call the domain."""

from celery import shared_task
from django.utils import timezone

from trips import approval


@shared_task
def start_due_trips() -> int:
    """Approved trips whose first day has come are in progress; safe to run any time."""
    return approval.start_due_trips(timezone.localdate())
