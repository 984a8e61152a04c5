"""The Celery app: configuration from Django settings (CELERY_*), tasks autodiscovered."""

import os

from celery import Celery
from kombu import Queue

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

# Beat's jobs have a queue of their own, so a sweep never waits behind a backlog of
# deliveries. Both queues are declared below: a worker started without -Q consumes both.
BEAT_QUEUE = "beat"


def route_beat_jobs(name: str, args, kwargs, options, task=None, **extra) -> dict | None:
    """Every task of the beat schedule goes to the beat queue; the others to the default."""
    from django.conf import settings

    jobs = {job["task"] for job in settings.CELERY_BEAT_SCHEDULE.values()}
    return {"queue": BEAT_QUEUE} if name in jobs else None


app = Celery("tripdesk")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.conf.update(
    # Reliability. A task is acknowledged only after it ran (acks_late), and a task whose
    # worker died mid-run goes back to the queue (reject_on_worker_lost): every task here
    # is safe to run twice because it claims its row with a conditional update first.
    task_acks_late=True,
    task_reject_on_worker_lost=True,
    # One task at a time per process, so a killed worker loses at most what it was doing.
    worker_prefetch_multiplier=1,
    # JSON only: no pickle from the broker. Tasks take ids, never objects.
    task_serializer="json",
    result_serializer="json",
    accept_content=["json"],
    # Nobody reads task results; the database rows are the state.
    task_ignore_result=True,
    # The time limits are settings (CELERY_TASK_TIME_LIMIT...), checked against the lease.
    task_queues=(Queue("celery"), Queue(BEAT_QUEUE)),
    task_routes=(route_beat_jobs,),
    # Publishing from a worker (the sweep) may retry briefly; publishing from the app does
    # not retry at all (outbox.mail.enqueue), since the sweep delivers what it fails to queue.
    broker_connection_retry_on_startup=True,
    task_publish_retry_policy={"max_retries": 2, "interval_start": 0, "interval_step": 0.2},
    timezone=os.environ.get("TIME_ZONE", "Asia/Shanghai"),
)
app.autodiscover_tasks()
