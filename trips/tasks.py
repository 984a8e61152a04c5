"""Trips' background jobs: thin wrappers that call the domain."""

from celery import shared_task
from django.utils import timezone

from . import approval, checklists, notices


@shared_task
def start_due_trips() -> int:
    """Approved trips whose first day has come are in progress; safe to run any time."""
    return approval.start_due_trips(timezone.localdate())


@shared_task
def send_due_notice_reminders() -> int:
    """Beat job: reminders to host units that are due; each row is claimed before it is sent."""
    return notices.send_due_reminders()


@shared_task
def send_checklist_digests() -> int:
    """Beat job: each owner's digest of due and overdue items, at most once a day (in the DB)."""
    return checklists.send_morning_digests(timezone.localtime())
