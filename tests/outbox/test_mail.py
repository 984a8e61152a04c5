"""Writing e-mails: a row in the caller's transaction, delivered after commit."""

from __future__ import annotations

import pytest
from django.db import transaction
from django.urls import reverse

from outbox.mail import make_message
from outbox.models import Message


def send_test_email(user) -> Message:
    return make_message("test", user.email, {"user": user}, language="en", recipient_user=user)


def test_rolled_back_action_leaves_no_row_and_sends_nothing(
    staff, mailoutbox, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        send_test_email(staff)
        raise RuntimeError("the action failed")
    assert not Message.objects.exists()
    assert callbacks == []
    assert mailoutbox == []


def test_email_is_delivered_only_after_commit(
    staff, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        message = send_test_email(staff)
    assert mailoutbox == []
    assert Message.objects.get().status == Message.Status.QUEUED

    for callback in callbacks:
        callback()

    assert [sent.to for sent in mailoutbox] == [[staff.email]]
    message.refresh_from_db()
    assert message.status == Message.Status.SENT
    assert message.sent_at is not None


def test_delivered_email_has_html_alternative_and_the_rows_message_id(
    staff, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        message = send_test_email(staff)
    sent = mailoutbox[0]
    assert sent.extra_headers["Message-ID"] == message.message_id
    assert sent.alternatives[0].mimetype == "text/html"
    assert "Tripdesk" in sent.subject


def test_test_email_greets_the_user_by_name(staff):
    message = send_test_email(staff)
    assert "Hello Sam Zhao," in message.text_body
    assert "Hello Sam Zhao," in message.html_body


def test_password_reset_email_links_to_the_reset_page(client, staff, settings):
    settings.SITE_URL = "https://tripdesk.example"
    client.post(reverse("password_reset"), {"email": staff.email})
    message = Message.objects.get(recipient_user=staff)
    assert message.to == staff.email
    assert "https://tripdesk.example/accounts/reset/" in message.text_body
    assert 'href="https://tripdesk.example/accounts/reset/' in message.html_body
    assert staff.username in message.text_body
