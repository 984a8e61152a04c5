"""The Celery app: configuration from Django settings (CELERY_*), tasks autodiscovered."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

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
    # A hung SMTP conversation must not hold a worker forever.
    task_soft_time_limit=60,
    task_time_limit=90,
    # Publishing must not hang a web request when the broker is down: fail fast, and let
    # the beat sweep pick up the row later.
    broker_connection_retry_on_startup=True,
    task_publish_retry_policy={"max_retries": 2, "interval_start": 0, "interval_step": 0.2},
    timezone=os.environ.get("TIME_ZONE", "Asia/Shanghai"),
)
app.autodiscover_tasks()
