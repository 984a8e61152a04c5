"""Outbox: every outgoing e-mail is a row, delivered exactly once by a worker."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def new_message_id() -> str:
    """A stable RFC 5322 Message-ID, fixed when the row is written."""
    domain = settings.DEFAULT_FROM_EMAIL.rsplit("@", 1)[-1].strip(" >") or "tripdesk.local"
    return f"<{uuid.uuid4().hex}@{domain}>"


class Message(models.Model):
    """One e-mail to one recipient, with its delivery state."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    to = models.EmailField(_("to"))
    from_email = models.CharField(_("from"), max_length=254)
    subject = models.CharField(_("subject"), max_length=300)
    text_body = models.TextField(_("text"))
    html_body = models.TextField(_("HTML"), blank=True)
    language = models.CharField(_("language"), max_length=10)
    message_id = models.CharField(max_length=200, unique=True, default=new_message_id)
    headers = models.JSONField(default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED, db_index=True
    )
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    # When the next delivery attempt is due (the sweep picks up queued rows past it).
    next_attempt_at = models.DateTimeField(_("next attempt"), db_index=True)
    # While sending, the claim expires at this time; a dead worker's row is then re-claimed.
    lease_until = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    # What caused it, in plain words ("password reset", "notice #12") and as a label the
    # domain apps can filter on ("trips.notice:12"): the outbox knows no domain model.
    cause = models.CharField(_("cause"), max_length=200, blank=True)
    cause_key = models.CharField(max_length=100, blank=True, db_index=True)
    # The office account the message is addressed to, if any, and who caused it.
    recipient_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("e-mail")
        verbose_name_plural = _("e-mails")
        permissions = [("view_all_messages", _("Can see every e-mail in the mail log"))]

    def __str__(self) -> str:
        return f"{self.subject} → {self.to}"
