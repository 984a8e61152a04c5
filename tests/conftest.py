"""Shared fixtures: office people, trips, the service switches, Celery in eager mode."""

from __future__ import annotations

import os
from importlib import import_module

import pytest
from django.apps import apps
from django.conf import settings
from django.utils import translation

from tests import services
from tests.factories import TripFactory, UserFactory

# Playwright's sync API runs an event loop in the main thread; live_server's teardown
# then calls the ORM from it. Must be set before Django loads.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from tests.fixtures.browser import *  # noqa: F403  (fixtures)
from tests.fixtures.mail import *  # noqa: F403
from tests.fixtures.services import *  # noqa: F403


@pytest.fixture(autouse=True)
def _english_by_default():
    """Each test starts in English: a request in Chinese leaves the thread's language set."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _office_roles_after_flush(request):
    """Transactional tests flush the database, and with it the roles and the reception
    standards the migrations made."""
    marker = request.node.get_closest_marker("django_db")
    transactional = marker and marker.kwargs.get("transaction")
    if transactional or {"transactional_db", "live_server"} & set(request.fixturenames):
        request.getfixturevalue("transactional_db")
        import_module("accounts.migrations.0002_office_roles").create_roles(apps, None)
        # And the reception standards' presets, the central rule in force.
        import_module("directory.migrations.0004_reception_standards").ship_presets(apps, None)


@pytest.fixture(autouse=True)
def _broker_breaker_closed():
    """A test that simulates a broker outage must not silence the next test's publishes."""
    from outbox.mail import breaker

    breaker.reset()
    yield
    breaker.reset()


@pytest.fixture(autouse=True)
def _fresh_cache(settings, request):
    """Rate-limit counters start at zero in each test, in a cache of its own (never Redis)."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": request.node.nodeid,
        }
    }


@pytest.fixture(autouse=True)
def _sessions_outlast_time_travel(settings):
    """Many tests log in once and travel days ahead; idle expiry has tests of its own."""
    settings.SESSION_COOKIE_AGE = 60 * 60 * 24 * 365


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    """Hashing with the production hasher costs a third of a second a user."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _plain_static_files(settings):
    """Tests run without collectstatic: no manifest lookup for {% static %}."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _celery_eager(settings):
    """Tasks run in-process unless a test starts a real worker (tests/integration)."""
    from config.celery import app

    app.conf.task_always_eager = True
    app.conf.task_eager_propagates = True
    yield
    app.conf.task_always_eager = False


@pytest.fixture
def secretary(db):
    return UserFactory(
        username="secretary",
        first_name="Sue",
        last_name="Li",
        roles=["secretary"],
        profile__protocol_rank=10,
    )


@pytest.fixture
def leader(db):
    return UserFactory(
        username="leader",
        first_name="Lee",
        last_name="Wang",
        roles=["leader"],
        profile__protocol_rank=1,
    )


@pytest.fixture
def staff(db):
    return UserFactory(
        username="staff",
        first_name="Sam",
        last_name="Zhao",
        roles=["staff"],
        profile__protocol_rank=20,
    )


@pytest.fixture
def staff2(db):
    return UserFactory(
        username="staff2",
        first_name="Tao",
        last_name="Chen",
        roles=["staff"],
        profile__protocol_rank=30,
    )


@pytest.fixture
def outsider(db):
    """An office user who is on no trip's team."""
    return UserFactory(username="outsider", roles=["staff"])


@pytest.fixture
def stranger(db):
    """An account with no office role at all."""
    return UserFactory(username="stranger")


@pytest.fixture
def office_trip(db, secretary, leader, staff):
    return TripFactory(
        title="Riverside water works",
        created_by=secretary,
        team={secretary: "secretary", leader: "leader", staff: "staff"},
    )


@pytest.fixture
def confidential_trip(db, secretary, leader, staff):
    return TripFactory(
        title="Talks on the plant merger",
        visibility="confidential",
        created_by=secretary,
        team={secretary: "secretary", leader: "leader", staff: "staff"},
    )


def pytest_sessionfinish(session, exitstatus):
    """With REQUIRE_SERVICES=1 a skipped test fails the run: CI must run everything."""
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if not services.services_required() or reporter is None:
        return
    skipped = reporter.stats.get("skipped", [])
    if skipped and session.exitstatus == 0:
        reporter.write_line(f"REQUIRE_SERVICES=1: {len(skipped)} test(s) skipped; failing the run")
        session.exitstatus = 1
