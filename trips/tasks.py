"""Trips' background jobs: thin wrappers that call the domain."""

from celery import shared_task
from django.utils import timezone

from trips import approval, notices


@shared_task
def start_due_trips() -> int:
    """Approved trips whose first day has come are in progress; safe to run any time."""
    return approval.start_due_trips(timezone.localdate())


@shared_task
def send_due_notice_reminders() -> int:
    """Beat job: reminders to host units that are due; each row is claimed before it is sent."""
    return notices.send_due_reminders()
