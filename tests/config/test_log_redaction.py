"""Signed tokens in URL paths never reach the logs."""

from __future__ import annotations

import logging
from types import SimpleNamespace

import pytest

from config.logging import RedactingGunicornLogger, RedactTokens, redact

TOKEN = "eyJuIjo0Mn0:1tZx9Q:abcDEF123_-xyz"


@pytest.mark.parametrize(
    ("path", "logged"),
    [
        (f"/n/{TOKEN}/", "/n/[redacted]/"),
        (f"/n/{TOKEN}/message/", "/n/[redacted]/message/"),
        (f"/calendar/{TOKEN}.ics", "/calendar/[redacted].ics"),
        ("/accounts/reset/MQ/cbk4t2-9f8e7d6c5b4a/", "/accounts/reset/MQ/[redacted]/"),
        ("/accounts/reset/MQ/set-password/", "/accounts/reset/MQ/set-password/"),
        ("/trips/12/calendar.ics", "/trips/12/calendar.ics"),
    ],
)
def test_redact_replaces_the_token_segment(path, logged):
    assert redact(f'"GET {path} HTTP/1.1" 200 512') == f'"GET {logged} HTTP/1.1" 200 512'


def test_filter_redacts_a_runserver_record():
    record = logging.LogRecord(
        "django.server", logging.INFO, __file__, 1, '"%s" %s %s',
        (f"GET /n/{TOKEN}/ HTTP/1.1", "200", "1234"), None,
    )  # fmt: skip
    assert RedactTokens().filter(record)
    assert record.getMessage() == '"GET /n/[redacted]/ HTTP/1.1" 200 1234'


def test_a_refused_notice_link_is_logged_without_its_token(client, caplog, db):
    with caplog.at_level(logging.WARNING, logger="django.request"):
        client.get(f"/n/{TOKEN}/")
    messages = [r.getMessage() for r in caplog.records if r.name == "django.request"]
    assert messages
    assert all(TOKEN not in m and "/n/[redacted]/" in m for m in messages)


def test_a_wrong_calendar_feed_is_logged_without_its_token(client, caplog, db):
    with caplog.at_level(logging.WARNING, logger="django.request"):
        assert client.get(f"/calendar/{TOKEN}.ics").status_code == 404
    assert "/calendar/[redacted].ics" in caplog.text
    assert TOKEN not in caplog.text


def test_gunicorn_access_log_atoms_are_redacted():
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": f"/n/{TOKEN}/",
        "PATH_INFO": f"/n/{TOKEN}/",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_REFERER": f"https://trips.example/calendar/{TOKEN}.ics",
    }
    logger = RedactingGunicornLogger.__new__(RedactingGunicornLogger)
    response = SimpleNamespace(status="200 OK", sent=10, headers=[])
    timing = SimpleNamespace(seconds=0, microseconds=5)
    atoms = logger.atoms(response, SimpleNamespace(headers=[]), environ, timing)
    assert atoms["r"] == "GET /n/[redacted]/ HTTP/1.1"
    assert atoms["U"] == "/n/[redacted]/"
    assert atoms["f"] == "https://trips.example/calendar/[redacted].ics"
    assert TOKEN not in repr(atoms)
