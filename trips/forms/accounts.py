"""Account forms."""

from __future__ import annotations

from django.contrib.auth.forms import PasswordResetForm
from django.utils.translation import get_language

from outbox.mail import make_message


class OutboxPasswordResetForm(PasswordResetForm):
    """Django's password reset, with the e-mail written to the outbox like every other."""

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ) -> None:
        make_message(
            "password_reset",
            to_email,
            context,
            language=get_language(),
            cause="password reset",
            cause_key="password_reset",
            recipient_user=context.get("user"),
        )
