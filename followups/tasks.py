"""Follow-ups' background jobs: thin wrappers that call the domain."""

from celery import shared_task
from django.utils import timezone

from followups import reminders


@shared_task(name="followups.tasks.send_reminders")
def send_reminders() -> dict[str, int]:
    """Beat job (hourly): the owners', secretaries' and leaders' digests that are due, each
    once (claimed in the database), none before FOLLOWUP_DIGEST_HOUR office time."""
    counts = reminders.send_reminders(timezone.now())
    return {"owner": counts.owner, "secretary": counts.secretary, "leader": counts.leader}
