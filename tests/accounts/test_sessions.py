"""Sessions end after an idle time, when the browser closes, and on a password change."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from outbox.models import Message

pytestmark = pytest.mark.django_db

EIGHT_HOURS = 8 * 60 * 60
NEW = "a-new-Passw0rd-for-sue"


@pytest.fixture(autouse=True)
def _idle_limit(settings):
    """The default idle time (tests/conftest.py stretches it for tests that travel)."""
    settings.SESSION_COOKIE_AGE = EIGHT_HOURS


def logged_in(client: Client) -> bool:
    return client.get("/").status_code == 200


def test_a_session_idle_for_eight_hours_and_a_minute_is_logged_out(client, secretary):
    client.force_login(secretary)
    with time_machine.travel(timezone.now() + dt.timedelta(hours=8, minutes=1)):
        assert not logged_in(client)


def test_a_session_used_every_hour_stays_logged_in(client, secretary):
    client.force_login(secretary)
    start = timezone.now()
    for hour in range(1, 13):
        with time_machine.travel(start + dt.timedelta(hours=hour)):
            assert logged_in(client)


def session_writes(client: Client) -> list[str]:
    """The session writes one request makes."""
    with CaptureQueriesContext(connection) as queries:
        client.get("/profile/")
    return [
        q["sql"] for q in queries if q["sql"].startswith("UPDATE") and "django_session" in q["sql"]
    ]


def test_a_request_within_the_minute_does_not_write_the_session(client, secretary):
    client.force_login(secretary)
    assert session_writes(client) == []


def test_a_request_after_a_minute_pushes_the_expiry_on(client, secretary):
    client.force_login(secretary)
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=2)):
        assert len(session_writes(client)) == 1


def test_the_session_cookie_ends_with_the_browser(client, secretary):
    response = client.post(
        "/accounts/login/", {"username": "secretary", "password": "pw-for-tests-1"}
    )
    cookie = response.cookies["sessionid"]
    assert not cookie["expires"]
    assert not cookie["max-age"]


def test_a_password_change_logs_out_the_users_other_sessions(client, secretary):
    other = Client()
    other.force_login(secretary)
    client.force_login(secretary)
    client.post(
        "/accounts/password_change/",
        {"old_password": "pw-for-tests-1", "new_password1": NEW, "new_password2": NEW},
    )
    assert logged_in(client)
    assert not logged_in(other)


def test_a_password_reset_logs_out_the_users_sessions(client, secretary):
    other = Client()
    other.force_login(secretary)
    client.post("/accounts/password_reset/", {"email": secretary.email})
    link = re.search(r"/accounts/reset/[\w-]+/[\w-]+/", Message.objects.get().text_body).group()
    form_page = client.get(link, follow=True)
    client.post(form_page.redirect_chain[-1][0], {"new_password1": NEW, "new_password2": NEW})
    assert not logged_in(other)
