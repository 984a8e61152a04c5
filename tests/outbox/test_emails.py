"""The e-mail builder and the templates every e-mail shares."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from types import SimpleNamespace as NS

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.template.loader import render_to_string
from django.utils import timezone, translation

from outbox.mail import make_message, resend
from outbox.models import Message

from .factories import MessageFactory

EMAILS = Path(settings.BASE_DIR) / "templates" / "emails"
TRIOS = sorted(p.name.removesuffix("_body.html") for p in EMAILS.glob("*_body.html"))
BASE_MARKER = '<meta name="generator" content="tripdesk-email">'


def everything_an_email_shows() -> dict:
    """One context that every e-mail template renders with."""
    now = timezone.now()
    user = User(username="sam", first_name="Sam", last_name="Zhao")
    return {
        "user": user,
        "by": user,
        "url": "https://tripdesk.example/trips/1/",
        "ack_url": "https://tripdesk.example/ack/token/",
        "unit": NS(name="Riverside township"),
        "trip": NS(title="Dykes"),
        "version": NS(number=1, decision="approved", note="", comment=""),
        "commented": [],
        "notice": NS(created_at=now),
        "part": NS(programme=[], meals_and_lodging=[], requirements="", office_contact={}),
        "changes": [],
        "expected": now,
        "time_zone": "Asia/Shanghai",
        "item": NS(kind_label="Meeting", title="Talk", place="", address="", start=now, end=now),
        "office_contact": {},
        "today": dt.date(2026, 12, 2),
        "due": [],
        "overdue": [],
        "count": 1,
    }


def test_there_are_email_templates():
    assert len(TRIOS) >= 10


@pytest.mark.parametrize("name", TRIOS)
def test_every_html_body_extends_the_base_in_the_readers_language(name):
    context = everything_an_email_shows()
    with translation.override("zh-hans"):
        subject = render_to_string(f"emails/{name}_subject.txt", context, using="text")
        text = render_to_string(f"emails/{name}_body.txt", context, using="text")
        html = render_to_string(f"emails/{name}_body.html", context)
    assert subject.strip() and text.strip()
    assert BASE_MARKER in html
    assert '<html lang="zh-hans">' in html
    assert html.count("<body") == 1


@pytest.mark.django_db
def test_a_path_becomes_an_absolute_url(staff, settings):
    settings.SITE_URL = "https://tripdesk.example/"
    message = make_message(
        "checklist_digest",
        staff.email,
        {"user": staff, "due": [], "overdue": [], "count": 0},
        language="en",
        path="/my/checklist/",
    )
    assert 'href="https://tripdesk.example/my/checklist/"' in message.html_body


@pytest.mark.django_db
def test_a_long_cause_is_cut_to_fit(staff):
    message = make_message("test", staff.email, {"user": staff}, language="en", cause="x" * 500)
    message.refresh_from_db()
    assert len(message.cause) == Message._meta.get_field("cause").max_length
    assert message.cause.endswith("…")


@pytest.mark.django_db
def test_resend_queues_a_failed_email_after_commit(django_capture_on_commit_callbacks):
    failed = MessageFactory(status=Message.Status.FAILED, failure=Message.Failure.PERMANENT)
    with django_capture_on_commit_callbacks() as callbacks:
        assert resend(failed)
    assert (failed.status, failed.failure, failed.attempts) == (Message.Status.QUEUED, "", 0)
    assert len(callbacks) == 1
