"""Delivery settings that cannot work refuse to start; beat's jobs have their own queue."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest

from config.celery import BEAT_QUEUE, app

ROOT = Path(__file__).resolve().parents[2]


def load_settings(tmp_path: Path, **env: str) -> subprocess.CompletedProcess:
    """Import config.settings in a fresh interpreter with these variables set."""
    code = "from django.conf import settings; print(settings.OUTBOX_LEASE.total_seconds())"
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**os.environ, "VAR_DIR": str(tmp_path), **env},
        capture_output=True,
        text=True,
    )


def test_a_lease_shorter_than_a_task_may_run_refuses_to_start(tmp_path):
    run = load_settings(tmp_path, OUTBOX_LEASE_SECONDS="3")

    assert run.returncode != 0
    assert "ImproperlyConfigured" in run.stderr
    for variable in ("OUTBOX_LEASE_SECONDS", "CELERY_TASK_TIME_LIMIT"):
        assert variable in run.stderr


def test_a_lease_equal_to_the_time_limit_plus_margin_refuses_to_start(tmp_path):
    run = load_settings(
        tmp_path,
        OUTBOX_LEASE_SECONDS="100",
        CELERY_TASK_TIME_LIMIT="90",
        OUTBOX_LEASE_MARGIN_SECONDS="10",
    )
    assert "ImproperlyConfigured" in run.stderr


def test_default_lease_is_two_minutes_above_the_time_limit(tmp_path):
    run = load_settings(tmp_path)
    assert run.returncode == 0, run.stderr
    assert float(run.stdout.split()[-1]) == 120


def test_time_limits_come_from_settings(settings):
    assert app.conf.task_time_limit == settings.CELERY_TASK_TIME_LIMIT
    assert app.conf.task_soft_time_limit == settings.CELERY_TASK_SOFT_TIME_LIMIT
    longest_task = dt.timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT)
    assert longest_task + settings.OUTBOX_LEASE_MARGIN < settings.OUTBOX_LEASE


@pytest.mark.parametrize("job", sorted(app.conf.beat_schedule))
def test_beat_jobs_go_to_the_beat_queue(job):
    task = app.conf.beat_schedule[job]["task"]
    assert app.amqp.router.route({}, task)["queue"].name == BEAT_QUEUE


def test_deliveries_go_to_the_default_queue():
    assert app.amqp.router.route({}, "outbox.tasks.deliver")["queue"].name == "celery"


def test_a_worker_without_queue_options_consumes_deliveries_and_beat_jobs():
    assert {queue.name for queue in app.conf.task_queues} == {"celery", BEAT_QUEUE}
