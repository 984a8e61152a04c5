"""Outbox: every outgoing e-mail is a row, delivered exactly once by a worker."""

from __future__ import annotations

import logging
import smtplib
import time
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import InterfaceError, OperationalError, connection, models
from django.db.models import Case, F, Q, Value, When
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import scopes, smtp
from .masking import mask_links

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


class DeliveryAbandoned(RuntimeError):
    """Workers kept dying while sending this e-mail: it is not tried again."""


def write_until(deadline: datetime, write: Callable[[], int], what: str) -> int | None:
    """Run a write, reconnecting and backing off while the database is unreachable.

    None when the deadline came first: the caller's row keeps its lease, which then runs out.
    """
    pause = 0.1
    while True:
        try:
            return write()
        except (OperationalError, InterfaceError) as error:
            if timezone.now() + timedelta(seconds=pause) >= deadline:
                logger.error("%s: not recorded, database unreachable (%s)", what, error)
                return None
            logger.warning("%s: database write failed (%s); retrying", what, error)
            _drop_broken_connection()
            time.sleep(pause)
            pause = min(pause * 2, 5.0)


def _drop_broken_connection() -> None:
    """Close the connection so the next query opens a new one (not inside a transaction)."""
    if not connection.in_atomic_block:
        connection.close()


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
        """One's own e-mails; with view_all_messages also those of trips one may read.

        Holders of view_all_messages (the secretaries) also see e-mails that are neither
        personal nor tied to a trip. A personal e-mail (to an office account, no trip: a
        digest, a password reset) is for its recipient and sender only.
        """
        own = Q(recipient_user=user) | Q(created_by=user)
        if not user.has_perm("outbox.view_all_messages"):
            return self.filter(own)
        office = Q(trip_id__isnull=True, recipient_user__isnull=True, private=False)
        of_readable_trips = Q(trip_id__in=scopes.readable_trip_ids(user))
        return self.filter(own | office | of_readable_trips)

    def search(self, text: str) -> MessageQuerySet:
        """Rows whose recipient or subject contains the text."""
        return self.filter(Q(to__icontains=text) | Q(subject__icontains=text))

    def deliver(self, pk: int, now: datetime | None = None) -> bool:
        """Send the row once if it is due; True when it went out now.

        The conditional update is the claim: of two workers (or a task run twice) only
        one changes the row, and only that one talks to the SMTP server.
        """
        now = now or timezone.now()
        token = uuid.uuid4()
        if not self.claim(pk, token, now):
            return False
        message = self.get(pk=pk)
        if message.lease_token != token:  # its lease ran out at once (a clock far off)
            return False
        try:
            if message.crashes >= settings.OUTBOX_MAX_CRASHES:
                raise DeliveryAbandoned("delivery abandoned: workers kept dying while sending")
            smtp.send(message.as_email())
        except Exception as error:  # every failure is recorded on the row, none is lost
            message.record_failure(error, now)
            return False
        return message.mark_sent()

    def claim(self, pk: int, token: uuid.UUID, now: datetime) -> bool:
        """Lease a due row to this worker under a fresh token; False when it is not due."""
        lost_worker = Q(status=Message.Status.SENDING)  # its lease ran out: the worker died
        return bool(
            self.due(now)
            .filter(pk=pk)
            .update(
                status=Message.Status.SENDING,
                lease_until=now + settings.OUTBOX_LEASE,
                lease_token=token,
                attempts=F("attempts") + 1,
                crashes=Case(
                    When(lost_worker, then=F("crashes") + 1),
                    default=F("crashes"),
                    output_field=models.PositiveIntegerField(),
                ),
                first_attempt_at=Coalesce(F("first_attempt_at"), Value(now)),
            )
        )


class Message(models.Model):
    """One e-mail to one recipient, with its delivery state."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    class Failure(models.TextChoices):
        TEMPORARY = "temporary", _("Temporary failure")
        PERMANENT = "permanent", _("Refused permanently by the server")
        EXPIRED = "expired", _("Given up: temporary failures went on too long")
        ABANDONED = "abandoned", _("Given up: workers kept dying while sending it")

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
    # Written with each claim: the last write of a send counts only if the row still holds it.
    lease_token = models.UUIDField(null=True, blank=True, editable=False)
    # Claims whose worker died mid-send (their lease ran out); too many and it is given up.
    crashes = models.PositiveIntegerField(default=0, editable=False)
    # Temporary failures are retried until OUTBOX_GIVE_UP_AFTER past this.
    first_attempt_at = models.DateTimeField(_("first attempt"), null=True, blank=True)
    failure = models.CharField(_("failure"), max_length=10, choices=Failure.choices, blank=True)
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
    def shown_text(self) -> str:
        """The text body as the mail log shows it: secret links hidden, private ones withheld."""
        return "" if self.private else mask_links(self.text_body)

    @property
    def shown_html(self) -> str:
        """The HTML body as the mail log shows it: secret links hidden, private ones withheld."""
        return "" if self.private else mask_links(self.html_body)

    @property
    def can_resend(self) -> bool:
        """Only a failed e-mail is sent again by hand; a lost credential is asked for anew."""
        return self.status == self.Status.FAILED and not self.private

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

    @property
    def is_retrying(self) -> bool:
        """Queued again after a temporary failure, waiting for next_attempt_at."""
        return self.status == self.Status.QUEUED and self.failure == self.Failure.TEMPORARY

    def retry_delay(self) -> timedelta:
        """Back-off doubling from the base after each failed attempt, up to OUTBOX_RETRY_MAX."""
        doublings = min(max(self.attempts - 1, 0), 20)  # 2**20 x base is past any cap
        return min(settings.OUTBOX_RETRY_BASE * 2**doublings, settings.OUTBOX_RETRY_MAX)

    def failure_for(self, error: Exception, now: datetime) -> str:
        """Retry a temporary failure until OUTBOX_GIVE_UP_AFTER has passed; else give up."""
        if isinstance(error, DeliveryAbandoned):
            return self.Failure.ABANDONED
        if is_permanent(error):
            return self.Failure.PERMANENT
        started = self.first_attempt_at or self.created_at
        if now >= started + settings.OUTBOX_GIVE_UP_AFTER:
            return self.Failure.EXPIRED
        return self.Failure.TEMPORARY

    def record_failure(self, error: Exception, now: datetime) -> bool:
        """Queue the row again after a pause, or fail it; False when the claim was lost."""
        self.failure = self.failure_for(error, now)
        retry = self.failure == self.Failure.TEMPORARY
        self.status = self.Status.QUEUED if retry else self.Status.FAILED
        if retry:
            self.next_attempt_at = now + self.retry_delay()
        self.last_error = f"{type(error).__name__}: {error}"[:2000]
        logger.warning("E-mail %s attempt %s: %s", self.pk, self.attempts, self.last_error)
        return self._write_claimed(
            status=self.status,
            failure=self.failure,
            next_attempt_at=self.next_attempt_at,
            last_error=self.last_error,
            **({} if retry else self._forgotten_credential()),
        )

    def mark_sent(self) -> bool:
        """Record that the server took it; False when the claim was lost or the write was."""
        self.status, self.sent_at, self.failure = self.Status.SENT, timezone.now(), ""
        return self._write_claimed(
            status=self.status, sent_at=self.sent_at, failure="", **self._forgotten_credential()
        )

    def _forgotten_credential(self) -> dict[str, str]:
        """A private e-mail's bodies are dropped once it has gone, or will not go."""
        return {"text_body": "", "html_body": ""} if self.private else {}

    def _write_claimed(self, **fields) -> bool:
        """Write the outcome of this claim, only while the row still holds it.

        A worker that overran its lease (the row claimed again, maybe sent and marked
        since) must not overwrite the newer state. A lost database connection is retried
        until shortly before the lease ends, when another worker may take the row.
        """
        claimed = Message.objects.filter(
            pk=self.pk, status=self.Status.SENDING, lease_token=self.lease_token
        )
        fields.update(lease_until=None, lease_token=None)
        what = f"E-mail {self.pk} ({fields['status']})"
        written = write_until(
            self.lease_until - settings.OUTBOX_LEASE_MARGIN,
            lambda: claimed.update(**fields),
            what,
        )
        if written == 0:
            logger.warning("%s: not recorded, another worker holds the row now", what)
        self.lease_until = self.lease_token = None
        return bool(written)


class Claim(models.Model):
    """Something sent once per period went for this key: the row is the claim.

    Unique on (kind, key, period): of two runs (or two beat processes) only one writes it,
    in the same transaction as its e-mails, and only that one sends (outbox.claims). The
    key names the recipient by id or text: the outbox knows no domain model.
    """

    kind = models.CharField(max_length=50)  # "<app>.<what>", e.g. "followups.leader"
    key = models.CharField(max_length=100)
    period = models.DateField(help_text="The day, or the first day of the week, it covers.")
    message = models.ForeignKey(
        Message, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-period", "pk"]
        verbose_name = _("digest sent")
        verbose_name_plural = _("digests sent")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "key", "period"], name="one_claim_per_kind_key_period"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.key} {self.period}"
