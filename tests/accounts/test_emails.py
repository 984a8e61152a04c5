"""The e-mails accounts sends: the password reset and the test e-mail."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts import emails
from outbox.models import Message

pytestmark = pytest.mark.django_db


def prefers(user, language: str) -> None:
    user.profile.language = language
    user.profile.save()


def test_the_password_reset_stays_private(client, staff):
    client.post(reverse("password_reset"), {"email": staff.email})
    message = Message.objects.get(cause_key="password_reset")
    assert message.private
    assert (message.shown_text, message.shown_html) == ("", "")


def test_the_reset_link_is_built_from_the_site_not_the_requests_host(client, staff, settings):
    settings.ALLOWED_HOSTS = ["*"]  # even on a site that answers any Host header
    client.post(reverse("password_reset"), {"email": staff.email}, HTTP_HOST="evil.example")
    message = Message.objects.get(cause_key="password_reset")
    assert settings.SITE_URL.rstrip("/") + "/accounts/reset/" in message.text_body
    assert "evil.example" not in message.text_body + message.html_body


def test_the_password_reset_goes_in_the_users_language(client, staff):
    prefers(staff, "zh-hans")
    client.post(reverse("password_reset"), {"email": staff.email})
    message = Message.objects.get(cause_key="password_reset")
    assert (message.language, message.subject) == ("zh-hans", "重置 Tripdesk 密码")


def test_the_test_email_goes_in_the_users_language(staff):
    prefers(staff, "zh-hans")
    message = emails.send_test_email(staff)
    assert message.language == "zh-hans"
    assert "您好" in message.text_body
