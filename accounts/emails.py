"""The e-mails accounts sends: one function per e-mail, all through the outbox."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy

from accounts.people import language_of
from outbox.mail import make_message
from outbox.models import Message


def send_password_reset(user, to: str, uid: str, token: str) -> Message:
    """The link to choose a new password, in the user's language; never shown in the mail log.

    The link is built from SITE_URL, never from the request's Host header.
    """
    path = reverse("password_reset_confirm", kwargs={"uidb64": uid, "token": token})
    return make_message(
        "password_reset",
        to,
        {"user": user},
        language=language_of(user),
        path=path,
        cause=gettext_lazy("Password reset"),
        cause_key="password_reset",
        recipient_user=user,
        private=True,
    )


def send_test_email(user) -> Message:
    """An e-mail to one's own address, to see that e-mail from Tripdesk arrives."""
    return make_message(
        "test",
        user.email,
        {"user": user},
        language=language_of(user),
        cause=gettext_lazy("Test e-mail"),
        cause_key="test",
        recipient_user=user,
        created_by=user,
    )
