"""Notices' background jobs: thin wrappers that call the domain."""

from celery import shared_task

from notices import reminders


# The task keeps the name it had in trips: beat's schedule (and anything queued) names it.
@shared_task(name="trips.tasks.send_due_notice_reminders")
def send_due_notice_reminders() -> int:
    """Beat job: reminders to host units that are due; each row is claimed before it is sent."""
    return reminders.send_due_reminders()
