"""Settings come from the environment, with embedded defaults that run on one machine."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ENV_KEYS = (
    "SECRET_KEY",
    "DEBUG",
    "ALLOWED_HOSTS",
    "CSRF_TRUSTED_ORIGINS",
    "DATABASE_URL",
    "REDIS_URL",
    "EMAIL_URL",
    "DEFAULT_FROM_EMAIL",
    "TIME_ZONE",
    "HTTPS",
    "VAR_DIR",
    "SITE_URL",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
    # pytest's marker of a test run lets settings use the development key: not in these.
    "PYTEST_VERSION",
    "SESSION_IDLE_HOURS",
    "AXES_FAILURE_LIMIT",
    "AXES_COOLOFF_MINUTES",
    "CACHE_URL",
    "NOTE_QUEUE_HOURS",
)
# What an operator sets at the least; a test of the key itself leaves it out.
A_KEY = {"SECRET_KEY": "a-long-random-key-for-the-settings-tests-only-0123456789"}

PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "k2#v9$Lq!7zR@pW4mX8&nB3^tY6*uE1%oI5(aS0)dF-gH=jK+lZ",
    "ALLOWED_HOSTS": "trips.office.example",
    "CSRF_TRUSTED_ORIGINS": "https://trips.office.example",
    "HTTPS": "true",
}


def read_settings(tmp_path: Path, **env: str) -> dict:
    """Load config.settings in a fresh interpreter with only the given variables set."""
    clean = {k: v for k, v in os.environ.items() if k not in ENV_KEYS}
    clean.update(
        {"VAR_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "config.settings", **A_KEY, **env}
    )
    code = (
        "import json, django; django.setup(); from django.conf import settings as s;"
        "print(json.dumps({k: getattr(s, k) for k in ("
        "'DEBUG','ALLOWED_HOSTS','TIME_ZONE','EMAIL_BACKEND','DEFAULT_FROM_EMAIL',"
        "'CELERY_BROKER_URL','CSRF_TRUSTED_ORIGINS','SECURE_SSL_REDIRECT',"
        "'SESSION_COOKIE_AGE','SESSION_EXPIRE_AT_BROWSER_CLOSE','AXES_FAILURE_LIMIT',"
        "'NOTE_QUEUE_HOURS')}"
        " | {'DB': s.DATABASES['default']['ENGINE'], 'DBNAME': str(s.DATABASES['default']['NAME']),"
        " 'EMAIL_HOST': s.EMAIL_HOST, 'EMAIL_PORT': s.EMAIL_PORT,"
        " 'CACHE': s.CACHES['default']['BACKEND'], 'COOLOFF': s.AXES_COOLOFF_TIME.seconds}))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=clean, capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_defaults_run_on_one_machine(tmp_path):
    s = read_settings(tmp_path)
    assert s["DEBUG"] is False
    assert s["DB"] == "django.db.backends.sqlite3"
    assert s["DBNAME"] == str(tmp_path / "tripdesk.sqlite3")
    assert s["CELERY_BROKER_URL"] == "filesystem://"
    assert s["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"
    assert s["TIME_ZONE"] == "Asia/Shanghai"
    assert s["SECURE_SSL_REDIRECT"] is False


def test_filesystem_broker_folders_are_made_under_var(tmp_path):
    read_settings(tmp_path)
    assert (tmp_path / "celery" / "queue").is_dir()
    assert (tmp_path / "celery" / "processed").is_dir()


def test_environment_overrides_defaults(tmp_path):
    s = read_settings(
        tmp_path,
        DATABASE_URL="postgres://u:p@db.example:5432/tripdesk",
        REDIS_URL="redis://cache.example:6379/2",
        EMAIL_URL="smtp://mail.example:2525",
        DEFAULT_FROM_EMAIL="Office <trips@office.example>",
        TIME_ZONE="Europe/Berlin",
        ALLOWED_HOSTS="a.example,b.example",
        CSRF_TRUSTED_ORIGINS="https://a.example",
    )
    assert s["DB"] == "django.db.backends.postgresql"
    assert s["DBNAME"] == "tripdesk"
    assert s["CELERY_BROKER_URL"] == "redis://cache.example:6379/2"
    assert s["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert (s["EMAIL_HOST"], s["EMAIL_PORT"]) == ("mail.example", 2525)
    assert s["DEFAULT_FROM_EMAIL"] == "Office <trips@office.example>"
    assert s["TIME_ZONE"] == "Europe/Berlin"
    assert s["ALLOWED_HOSTS"] == ["a.example", "b.example"]
    assert s["CSRF_TRUSTED_ORIGINS"] == ["https://a.example"]


def run_check_deploy(tmp_path: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in ENV_KEYS}
    clean.update({"VAR_DIR": str(tmp_path), **env})
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
    )


def test_check_deploy_is_clean_with_production_variables(tmp_path):
    result = run_check_deploy(tmp_path, PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_complains_without_them(tmp_path):
    result = run_check_deploy(tmp_path, {"DEBUG": "false", **A_KEY})
    assert result.returncode != 0
    assert "security.W" in result.stdout + result.stderr


# The secret key


def start(tmp_path: Path, **env: str) -> subprocess.CompletedProcess:
    """Run `manage.py check` with only the given variables set (no SECRET_KEY unless given)."""
    clean = {k: v for k, v in os.environ.items() if k not in ENV_KEYS}
    clean.update({"VAR_DIR": str(tmp_path), **env})
    return subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=clean, capture_output=True, text=True
    )


def test_refuses_to_start_without_secret_key_when_debug_is_off(tmp_path):
    result = start(tmp_path, DEBUG="false")
    assert result.returncode != 0
    assert "ImproperlyConfigured: SECRET_KEY is not set" in result.stderr
    assert "secrets.token_urlsafe(50)" in result.stderr


def test_starts_with_a_secret_key(tmp_path):
    assert start(tmp_path, DEBUG="false", **A_KEY).returncode == 0


def test_development_key_is_allowed_with_debug_on(tmp_path):
    assert start(tmp_path, DEBUG="true").returncode == 0


def test_development_key_is_allowed_in_a_test_run(tmp_path):
    assert start(tmp_path, PYTEST_VERSION="9").returncode == 0


# Logins, sessions, the cache


def test_login_and_session_defaults(tmp_path):
    s = read_settings(tmp_path)
    assert s["SESSION_COOKIE_AGE"] == 8 * 60 * 60
    assert s["SESSION_EXPIRE_AT_BROWSER_CLOSE"] is True
    assert (s["AXES_FAILURE_LIMIT"], s["COOLOFF"]) == (5, 15 * 60)
    assert s["CACHE"] == "django.core.cache.backends.locmem.LocMemCache"


def test_login_and_session_limits_come_from_the_environment(tmp_path):
    s = read_settings(
        tmp_path, SESSION_IDLE_HOURS="2", AXES_FAILURE_LIMIT="10", AXES_COOLOFF_MINUTES="30"
    )
    assert s["SESSION_COOKIE_AGE"] == 2 * 60 * 60
    assert (s["AXES_FAILURE_LIMIT"], s["COOLOFF"]) == (10, 30 * 60)


def test_notes_wait_on_a_phone_three_days_unless_told_otherwise(tmp_path):
    assert read_settings(tmp_path)["NOTE_QUEUE_HOURS"] == 72
    assert read_settings(tmp_path, NOTE_QUEUE_HOURS="12")["NOTE_QUEUE_HOURS"] == 12


def test_cache_is_redis_when_redis_is_configured(tmp_path):
    s = read_settings(tmp_path, REDIS_URL="redis://cache.example:6379/2")
    assert s["CACHE"] == "django.core.cache.backends.redis.RedisCache"


def test_every_beat_job_is_named_after_the_app_whose_task_it_runs(settings):
    for name, job in settings.CELERY_BEAT_SCHEDULE.items():
        assert name.split("-")[0] == job["task"].split(".")[0], name
