"""Outbox: every outgoing e-mail is a row, delivered exactly once by a worker."""

from __future__ import annotations

import logging
import smtplib
import uuid
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import models, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)


def new_message_id() -> str:
    """A stable RFC 5322 Message-ID, fixed when the row is written."""
    domain = settings.DEFAULT_FROM_EMAIL.rsplit("@", 1)[-1].strip(" >") or "tripdesk.local"
    return f"<{uuid.uuid4().hex}@{domain}>"


def is_permanent(error: Exception) -> bool:
    """A 5xx answer will not change on retry; everything else (4xx, network) may."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return any(code >= 500 for code, _msg in error.recipients.values())
    return isinstance(error, smtplib.SMTPResponseException) and error.smtp_code >= 500


class MessageQuerySet(models.QuerySet):
    def due(self, now: datetime) -> MessageQuerySet:
        """Rows a worker may claim: queued and due, or sending with an expired lease."""
        return self.filter(
            Q(status=Message.Status.QUEUED, next_attempt_at__lte=now)
            | Q(status=Message.Status.SENDING, lease_until__lt=now)
        )

    def for_sweep(self, now: datetime) -> MessageQuerySet:
        """Due rows whose task seems lost: a first send gets a grace period for its own task."""
        just_queued = Q(
            status=Message.Status.QUEUED,
            attempts=0,
            next_attempt_at__gt=now - settings.OUTBOX_SWEEP_GRACE,
        )
        return self.due(now).exclude(just_queued)

    def visible_to(self, user) -> MessageQuerySet:
        """The whole log for holders of view_all_messages; otherwise one's own e-mails."""
        if user.has_perm("outbox.view_all_messages"):
            return self
        return self.filter(Q(recipient_user=user) | Q(created_by=user))

    def search(self, text: str) -> MessageQuerySet:
        """Rows whose recipient or subject contains the text."""
        return self.filter(Q(to__icontains=text) | Q(subject__icontains=text))

    def deliver(self, pk: int, now: datetime | None = None) -> bool:
        """Send the row once if it is due; True when it went out now.

        The conditional update is the claim: of two workers (or a task run twice) only
        one changes the row, and only that one talks to the SMTP server.
        """
        now = now or timezone.now()
        claimed = (
            self.due(now)
            .filter(pk=pk)
            .update(
                status=Message.Status.SENDING,
                lease_until=now + settings.OUTBOX_LEASE,
                attempts=F("attempts") + 1,
            )
        )
        if not claimed:
            return False
        message = self.get(pk=pk)
        try:
            if message.attempts > settings.OUTBOX_MAX_ATTEMPTS:
                # Only expired leases get here: workers died on it again and again.
                raise RuntimeError("delivery abandoned: workers kept dying while sending")
            message.as_email().send()
        except Exception as error:  # every failure is recorded on the row, none is lost
            message.record_failure(error, now)
            return False
        message.status = Message.Status.SENT
        message.sent_at = timezone.now()
        message.lease_until = None
        message.save(update_fields=["status", "sent_at", "lease_until"])
        return True


class Message(models.Model):
    """One e-mail to one recipient, with its delivery state."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    to = models.EmailField(_("recipient"))
    from_email = models.CharField(_("sender"), max_length=254)
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
    # The trip the e-mail belongs to, by id: the outbox knows no trip model, but the mail log
    # shows a trip's e-mails only to people who may read that trip (see outbox.scopes).
    trip_id = models.PositiveBigIntegerField(null=True, blank=True, db_index=True)
    # It carries a credential (a password reset link): its bodies are never shown in the app,
    # and are wiped once it has been sent.
    private = models.BooleanField(default=False)

    objects = MessageQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("e-mail")
        verbose_name_plural = _("e-mails")
        permissions = [("view_all_messages", _("Can see every e-mail in the mail log"))]

    def __str__(self) -> str:
        return f"{self.subject} → {self.to}"

    def get_absolute_url(self) -> str:
        return reverse("outbox:message_detail", args=[self.pk])

    @property
    def can_resend(self) -> bool:
        """Only a failed e-mail is sent again by hand; the others are still on their way."""
        return self.status == self.Status.FAILED

    def as_email(self) -> EmailMultiAlternatives:
        """The e-mail as Django sends it, with the row's stable Message-ID."""
        email = EmailMultiAlternatives(
            self.subject,
            self.text_body,
            self.from_email,
            [self.to],
            headers={**self.headers, "Message-ID": self.message_id},
            connection=get_connection(),
        )
        if self.html_body:
            email.attach_alternative(self.html_body, "text/html")
        return email

    def retry_delay(self) -> timedelta:
        """Exponential back-off: base, 2 x base, 4 x base ... after each failed attempt."""
        return settings.OUTBOX_RETRY_BASE * 2 ** max(self.attempts - 1, 0)

    def record_failure(self, error: Exception, now: datetime) -> None:
        """Queue the row again after a pause, or give up on a 5xx or the last attempt."""
        give_up = is_permanent(error) or self.attempts >= settings.OUTBOX_MAX_ATTEMPTS
        self.status = self.Status.FAILED if give_up else self.Status.QUEUED
        if not give_up:
            self.next_attempt_at = now + self.retry_delay()
        self.lease_until = None
        self.last_error = f"{type(error).__name__}: {error}"[:2000]
        self.save(update_fields=["status", "next_attempt_at", "lease_until", "last_error"])
        logger.warning("E-mail %s attempt %s: %s", self.pk, self.attempts, self.last_error)

    def resend(self) -> bool:
        """Queue a failed e-mail again from scratch; False when it was not failed."""
        from .mail import enqueue

        now = timezone.now()
        requeued = Message.objects.filter(pk=self.pk, status=self.Status.FAILED).update(
            status=self.Status.QUEUED, attempts=0, next_attempt_at=now, lease_until=None
        )
        if requeued:
            self.refresh_from_db()
            transaction.on_commit(lambda: enqueue(self.pk))
        return bool(requeued)
