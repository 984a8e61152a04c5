"""Logistics' background jobs: thin wrappers that call the domain."""

from celery import shared_task
from django.utils import timezone

from logistics import checklists


@shared_task
def send_checklist_digests() -> int:
    """Beat job: each owner's digest of due and overdue items, at most once a day (in the DB)."""
    return checklists.send_morning_digests(timezone.localtime())
