"""Notices to host units: what each unit was told (its own part only), what it is asked to
prepare, its answers and messages, and "leaving now".

The tables keep their names from when notices were part of trips (Meta.db_table): moving
the models to this app changed no row."""

from __future__ import annotations

import secrets
from datetime import datetime
from decimal import Decimal

from django.conf import settings
from django.db import models, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from directory.models import HostUnit
from trips.models import ItineraryItem, Trip, TripMember, TripVersion


def new_notice_nonce() -> str:
    """A random value that scopes a notice's signed link to that one notice."""
    return secrets.token_urlsafe(16)


class NoticeQuerySet(models.QuerySet):
    def current(self) -> NoticeQuerySet:
        """Notices not replaced by a newer one to the same unit."""
        return self.filter(superseded_by__isnull=True)

    def _live(self) -> NoticeQuerySet:
        # A finished or cancelled trip reminds nobody.
        return self.current().exclude(trip__status__in=[Trip.Status.COMPLETED, *Trip.READ_ONLY])

    def ack_reminder_due(self, now: datetime) -> NoticeQuerySet:
        """Current notices not acknowledged in time, whose unit was not reminded yet."""
        return self._live().filter(
            ack_reminder_due_at__lte=now, reminded_at__isnull=True, acknowledged_at__isnull=True
        )

    def on_site_contacts(self, unit_ids: set[int]) -> dict[int, tuple[str, str]]:
        """Each unit's on-site contact (name, phone) from its current notice, if it gave one
        (the party's day page, trips.today)."""
        if not unit_ids:
            return {}
        notices = self.current().exclude(kind=Notice.Kind.CANCELLATION)
        notices = notices.filter(host_unit_id__in=unit_ids).exclude(
            onsite_contact_name="", onsite_contact_phone=""
        )
        rows = notices.order_by("pk").values_list(
            "host_unit_id", "onsite_contact_name", "onsite_contact_phone"
        )
        return {unit: (name, phone) for unit, name, phone in rows}

    def visit_reminder_due(self, now: datetime) -> NoticeQuerySet:
        """Current notices whose reminder before the visit is due and not sent yet."""
        return self._live().filter(
            visit_reminder_due_at__lte=now, visit_reminder_sent_at__isnull=True
        )


class UnitRequirements(models.Model):
    """What one host unit is asked to prepare for a trip beyond its items: in its notices only."""

    trip = models.ForeignKey(Trip, on_delete=models.CASCADE, related_name="unit_requirements")
    host_unit = models.ForeignKey(HostUnit, on_delete=models.CASCADE, related_name="+")
    text = models.TextField(_("what this unit is asked to prepare"), blank=True)
    # For the unit's official notice: written for the hosts, never the leader's intention.
    purpose = models.TextField(_("purpose and topics for this unit"), blank=True)
    # What the secretary confirmed for the meals and nights this unit hosts: counts only,
    # [[need, count], ...] (e.g. [["清真", 1]]); never names or medical details.
    dietary = models.JSONField(_("dietary requirements (counts)"), default=list, blank=True)
    reference = models.CharField(_("reference number (文号)"), max_length=100, blank=True)
    # The secretary's edit of the unit's next notice; sent with it, then cleared.
    notice_text = models.TextField(_("the notice as edited"), blank=True)
    # The unit's part when the secretary edited it: a later change of plan makes the edit stale.
    notice_text_for = models.JSONField(default=dict, blank=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "trips_unitrequirements"
        ordering = ["trip", "host_unit__name"]
        verbose_name = _("requirements for a host unit")
        verbose_name_plural = _("requirements for host units")
        constraints = [
            models.UniqueConstraint(
                fields=["trip", "host_unit"], name="one_requirements_per_unit_per_trip"
            )
        ]

    def __str__(self) -> str:
        return self.text[:50]


class Notice(models.Model):
    """What one host unit was told about its part of one approved version, and its answer."""

    class Kind(models.TextChoices):
        NEW = "new", _("Notice")
        UPDATE = "update", _("Updated notice")
        CANCELLATION = "cancellation", _("Cancellation")

    class Channel(models.TextChoices):
        EMAIL = "email", _("E-mail")
        PHONE = "phone", _("Phone")

    class Preparation(models.TextChoices):
        NOT_STARTED = "not_started", _("Not started")
        IN_PROGRESS = "in_progress", _("In progress")
        READY = "ready", _("Ready")

    trip = models.ForeignKey(Trip, on_delete=models.CASCADE, related_name="notices")
    host_unit = models.ForeignKey(
        HostUnit, verbose_name=_("host unit"), on_delete=models.PROTECT, related_name="notices"
    )
    # RESTRICT: a version with notices is never deleted alone, only with its trip.
    version = models.ForeignKey(TripVersion, on_delete=models.RESTRICT, related_name="notices")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    # The unit's part as it was sent (notices.drafts.prepare); the page and e-mails read it.
    content = models.JSONField(editable=False)
    # For an update: what changed for this unit since its previous notice.
    changes = models.JSONField(default=list, blank=True, editable=False)
    # The official notice as the unit read it: generated from content, or the secretary's edit.
    text = models.TextField(_("notice text"), blank=True, editable=False)
    edited = models.BooleanField(_("edited by the secretary"), default=False, editable=False)
    # Given by phone (电话通知): who called whom, when, and what was agreed.
    channel = models.CharField(
        _("how the unit was told"), max_length=10, choices=Channel.choices, default=Channel.EMAIL
    )
    phone_caller = models.CharField(_("called by"), max_length=100, blank=True)
    phone_callee = models.CharField(_("spoke with"), max_length=100, blank=True)
    phoned_at = models.DateTimeField(_("called at"), null=True, blank=True)
    phone_agreed = models.TextField(_("what was agreed"), blank=True)
    # Signed into the acknowledgement link: a link made for another notice never opens this.
    nonce = models.CharField(max_length=32, default=new_notice_nonce, editable=False)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("sent"), default=timezone.now)
    superseded_by = models.OneToOneField(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="supersedes"
    )
    # The unit's answer, through the acknowledgement page.
    acknowledged_at = models.DateTimeField(_("acknowledged"), null=True, blank=True)
    acknowledged_by_name = models.CharField(_("acknowledged by"), max_length=100, blank=True)
    onsite_contact_name = models.CharField(_("on-site contact"), max_length=100, blank=True)
    onsite_contact_phone = models.CharField(_("on-site contact's phone"), max_length=40, blank=True)
    preparation_status = models.CharField(
        _("preparation"),
        max_length=20,
        choices=Preparation.choices,
        default=Preparation.NOT_STARTED,
    )
    # The unit's own people with the party (the reception standards, notices.standards):
    # at the meal (陪餐, 第十条) and accompanying it (陪同, 第八条). None: not said.
    meal_escorts = models.PositiveSmallIntegerField(
        _("hosts at the meal (陪餐)"), null=True, blank=True
    )
    escorts = models.PositiveSmallIntegerField(
        _("hosts accompanying the party (陪同)"), null=True, blank=True
    )
    answered_at = models.DateTimeField(_("last answer"), null=True, blank=True)
    # Reminders are rows with a due time, swept by beat (notices.tasks); never a Celery ETA.
    ack_reminder_due_at = models.DateTimeField(null=True, blank=True, db_index=True)
    reminded_at = models.DateTimeField(_("reminded to acknowledge"), null=True, blank=True)
    visit_reminder_due_at = models.DateTimeField(null=True, blank=True, db_index=True)
    visit_reminder_sent_at = models.DateTimeField(
        _("reminded before the visit"), null=True, blank=True
    )

    objects = NoticeQuerySet.as_manager()

    class Meta:
        db_table = "trips_notice"
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notice")
        verbose_name_plural = _("notices")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.host_unit_id} v{self.version_id}"

    @property
    def cause_key(self) -> str:
        """The outbox label of this notice's e-mails."""
        return f"trips.notice:{self.pk}"

    @property
    def is_cancellation(self) -> bool:
        return self.kind == self.Kind.CANCELLATION

    @property
    def by_phone(self) -> bool:
        return self.channel == self.Channel.PHONE

    @property
    def requirements(self) -> str:
        """What this unit was asked to prepare beyond its items, as sent."""
        return self.content.get("requirements", "")

    def acknowledge(
        self,
        name: str,
        onsite_contact_name: str = "",
        onsite_contact_phone: str = "",
        preparation_status: str = "",
        meal_escorts: int | None = None,
        escorts: int | None = None,
    ) -> None:
        """Record the unit's answer; the first acknowledgement's time and name are kept."""
        now = timezone.now()
        with transaction.atomic():
            Notice.objects.filter(pk=self.pk, acknowledged_at__isnull=True).update(
                acknowledged_at=now, acknowledged_by_name=name
            )
            Notice.objects.filter(pk=self.pk).update(
                onsite_contact_name=onsite_contact_name,
                onsite_contact_phone=onsite_contact_phone,
                preparation_status=preparation_status or self.preparation_status,
                meal_escorts=meal_escorts,
                escorts=escorts,
                answered_at=now,
            )
        self.refresh_from_db()


class NoticeReplyQuerySet(models.QuerySet):
    def from_units(self) -> NoticeReplyQuerySet:
        return self.filter(author__isnull=True)

    def unread_by_secretary(self, user) -> NoticeReplyQuerySet:
        """Units' messages not read yet, on trips the user is a secretary of."""
        on_team = TripMember.objects.filter(
            trip=OuterRef("notice__trip"), user=user, role=TripMember.Role.SECRETARY
        )
        return self.from_units().filter(Exists(on_team), read_at__isnull=True)


class NoticeReply(models.Model):
    """A message on a notice: from the host unit (acknowledgement page), or the office's
    answer (author set), which reaches the unit by e-mail."""

    notice = models.ForeignKey(Notice, on_delete=models.CASCADE, related_name="replies")
    text = models.TextField(_("message"), max_length=2000)
    created_at = models.DateTimeField(_("sent"), default=timezone.now)
    # The office's answer: who wrote it. None: the unit wrote it.
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    read_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = NoticeReplyQuerySet.as_manager()

    class Meta:
        db_table = "trips_noticereply"
        ordering = ["created_at", "pk"]
        verbose_name = _("message from a host unit")
        verbose_name_plural = _("messages from host units")

    def __str__(self) -> str:
        return self.text[:50]

    @property
    def from_office(self) -> bool:
        """The office's answer, not the unit's message."""
        return self.author_id is not None


class Departure(models.Model):
    """The party left an item: the next host unit was told when to expect it."""

    item = models.OneToOneField(ItineraryItem, on_delete=models.CASCADE, related_name="departure")
    # Set by a conditional update: a second tap within minutes does not tell the unit twice.
    left_at = models.DateTimeField(_("left"), null=True, blank=True)
    left_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    next_unit = models.ForeignKey(
        HostUnit, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    expected_at = models.DateTimeField(_("expected arrival"), null=True, blank=True)

    class Meta:
        db_table = "trips_departure"
        verbose_name = _("departure")
        verbose_name_plural = _("departures")

    def __str__(self) -> str:
        return str(self.item)


class LetterCounter(models.Model):
    """The office's last 发文字号 of one year: the row an allocation locks (select_for_update),
    so that two secretaries issuing at once get two numbers and a number is never given twice."""

    year = models.PositiveIntegerField(_("year"), unique=True)
    last = models.PositiveIntegerField(_("last number given"), default=0)

    class Meta:
        verbose_name = _("letter numbering of a year")
        verbose_name_plural = _("letter numbering")

    def __str__(self) -> str:
        return f"{self.year}: {self.last}"


class OfficialLetterQuerySet(models.QuerySet):
    def latest_by_unit(self) -> dict[int, OfficialLetter]:
        """Each unit's newest letter (a 变更函 over the one it changes)."""
        latest: dict[int, OfficialLetter] = {}
        for letter in self.order_by("created_at", "pk"):
            latest[letter.host_unit_id] = letter
        return latest


class OfficialLetter(models.Model):
    """The 公函 from the office (派出单位) to one host unit, from its part of an approved
    version: "无公函的公务活动和来访人员一律不予接待" (党政机关国内公务接待管理规定, Art. 7).

    Its 发文字号 (prefix, year in tortoise-shell brackets, number 号) is given once and
    never again (LetterCounter), a deleted draft's too. A draft's text may be edited; an
    issued letter is frozen, and a change after it is a new letter (变更函) that names it
    (replaces)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        ISSUED = "issued", _("Issued")

    trip = models.ForeignKey(Trip, on_delete=models.CASCADE, related_name="letters")
    host_unit = models.ForeignKey(
        HostUnit, verbose_name=_("host unit"), on_delete=models.PROTECT, related_name="letters"
    )
    version = models.ForeignKey(TripVersion, on_delete=models.RESTRICT, related_name="letters")
    # The 发文字号: the prefix as it was when the number was given (OFFICE_LETTER_PREFIX).
    prefix = models.CharField(_("prefix"), max_length=40, blank=True, editable=False)
    year = models.PositiveIntegerField(_("year"), editable=False)
    number = models.PositiveIntegerField(_("number"), editable=False)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT, editable=False
    )
    title = models.CharField(pgettext_lazy("document", "title"), max_length=200)
    text = models.TextField(_("letter text"))
    # The unit's part it was written from (notices.parts): a 变更函 says what changed since.
    content = models.JSONField(default=dict, editable=False)
    # A 变更函: the issued letter it changes ("现将……变更如下").
    replaces = models.OneToOneField(
        "self",
        verbose_name=_("changes the letter"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replaced_by",
        editable=False,
    )
    created_at = models.DateTimeField(_("written"), default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", editable=False
    )
    issued_at = models.DateTimeField(_("issued"), null=True, blank=True, editable=False)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )

    objects = OfficialLetterQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("official letter (公函)")
        verbose_name_plural = _("official letters (公函)")
        constraints = [
            models.UniqueConstraint(fields=["year", "number"], name="one_letter_per_number"),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def reference(self) -> str:
        """The 发文字号, e.g. 青政办函[2026]15号, tortoise-shell brackets (GB/T 9704 7.2.4)."""
        return f"{self.prefix}\u3014{self.year}\u3015{self.number}\u53f7"

    @property
    def is_issued(self) -> bool:
        return self.status == self.Status.ISSUED

    @property
    def is_change(self) -> bool:
        """A 变更函: it changes an issued letter."""
        return self.replaces_id is not None


class PhoneNotice(models.Model):
    """A unit told by phone (电话通知) instead of, or besides, a 公函: who called whom, when,
    what was said. It stands in for the letter: "有公函, 电话通知也算" (rules.md §1)."""

    trip = models.ForeignKey(Trip, on_delete=models.CASCADE, related_name="phone_notices")
    host_unit = models.ForeignKey(
        HostUnit, verbose_name=_("host unit"), on_delete=models.PROTECT, related_name="+"
    )
    caller = models.CharField(_("called by"), max_length=100)
    callee = models.CharField(_("spoke with"), max_length=100)
    called_at = models.DateTimeField(_("called at"))
    said = models.TextField(_("what was said"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", editable=False
    )
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now, editable=False)

    class Meta:
        ordering = ["-called_at", "-pk"]
        verbose_name = _("phone notice (电话通知)")
        verbose_name_plural = _("phone notices (电话通知)")

    def __str__(self) -> str:
        return f"{self.caller} → {self.callee}"


def lines_of(text: str) -> list[str]:
    """The non-empty lines of a list typed one entry per line, each stripped."""
    return [line.strip() for line in text.splitlines() if line.strip()]


class ReceptionList(models.Model):
    """接待清单: what a host unit received and spent on the party's visit, filled in by the
    unit after it through its signed link and signed off by its responsible person.

    《党政机关国内公务接待管理规定》第十条 (as the provinces apply it, e.g. 湖南 细则): after
    the activity the host fills in a 接待清单 with the visitors' unit, names and posts, the
    activities, time, place and cost, signed by its responsible person, and it must match
    the sending unit's 公函. Reimbursement needs 票据 + 公函 + 清单 (一函一事)."""

    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("reception list", "Being filled in")
        SUBMITTED = "submitted", pgettext_lazy("reception list", "Signed and submitted")
        WAIVED = "waived", pgettext_lazy("reception list", "Waived by the office")

    trip = models.ForeignKey(Trip, on_delete=models.CASCADE, related_name="reception_lists")
    host_unit = models.ForeignKey(HostUnit, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    # One person per line, "name post", as the unit received them (pre-filled from the
    # notice's party); one activity per line ("time, what, place").
    people = models.TextField(_("visitors received (one per line: name and post)"), blank=True)
    activities = models.TextField(_("activities (one per line: time, what, place)"), blank=True)
    meals = models.PositiveSmallIntegerField(_("meals provided"), default=0)
    # The host's people who ate with the party (陪餐), one per line: name and post.
    escort_people = models.TextField(_("host's people at the meals (陪餐)"), blank=True)
    meals_cost = models.DecimalField(
        _("meals (yuan)"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    lodging_cost = models.DecimalField(
        _("lodging (yuan)"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    transport_cost = models.DecimalField(
        _("transport (yuan)"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    venue_cost = models.DecimalField(
        _("venue (yuan)"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    other_cost = models.DecimalField(
        _("other (yuan)"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    # What the party pays back (notices.reception.owed): the host's cars, at its own price
    # when it has one, else at the set rate.
    host_transport = models.BooleanField(_("we provided the cars"), default=False)
    transport_price = models.DecimalField(
        _("our price for the cars (yuan), if we have one"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
    )
    signed_by_name = models.CharField(_("responsible person"), max_length=100, blank=True)
    signed_by_post = models.CharField(_("their post"), max_length=100, blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    waived_reason = models.TextField(_("why it is waived"), blank=True)
    waived_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    waived_at = models.DateTimeField(_("waived"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("reception list")
        verbose_name_plural = _("reception lists")
        constraints = [
            models.UniqueConstraint(fields=["trip", "host_unit"], name="one_list_per_unit_trip"),
            models.CheckConstraint(
                condition=~models.Q(status="waived") | ~models.Q(waived_reason=""),
                name="a_waived_list_has_a_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.trip_id} / {self.host_unit}"

    @property
    def is_settled(self) -> bool:
        """Signed and submitted by the unit, or waived by the office with a reason."""
        return self.status in (self.Status.SUBMITTED, self.Status.WAIVED)

    @property
    def escorts(self) -> int:
        """How many of the host's people ate with the party (陪餐)."""
        return len(lines_of(self.escort_people))

    @property
    def total_cost(self) -> Decimal:
        costs = (self.meals_cost, self.lodging_cost, self.transport_cost, self.venue_cost)
        return sum((c for c in (*costs, self.other_cost) if c is not None), Decimal(0))


def receipt_path(receipt: ReceptionReceipt, filename: str) -> str:
    """Stored under a random name: the unit's file name is kept in the row only."""
    return f"notices/receipts/{receipt.reception_list_id}/{secrets.token_hex(16)}"


class ReceptionReceipt(models.Model):
    """A 票据 the unit attached to its 接待清单 (an invoice, a receipt), checked on upload."""

    reception_list = models.ForeignKey(
        ReceptionList, on_delete=models.CASCADE, related_name="receipts"
    )
    file = models.FileField(_("file"), upload_to=receipt_path, max_length=300)
    filename = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(max_length=120)
    size = models.PositiveIntegerField(default=0)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = _("receipt")
        verbose_name_plural = _("receipts")

    def __str__(self) -> str:
        return self.filename


class Settlement(models.Model):
    """What the party paid a host unit for its meals and transport (财政部 2019: the
    visitors pay at set rates), by official card or transfer, never in cash."""

    class Method(models.TextChoices):
        # No cash: 公务接待 is paid 国库集中支付, by 公务卡 or transfer (一事一结).
        CARD = "card", _("Official card (公务卡)")
        TRANSFER = "transfer", _("Bank transfer")

    trip = models.ForeignKey(Trip, on_delete=models.CASCADE, related_name="settlements")
    host_unit = models.ForeignKey(HostUnit, on_delete=models.PROTECT, related_name="+")
    meals_owed = models.DecimalField(_("meals owed (yuan)"), max_digits=10, decimal_places=2)
    transport_owed = models.DecimalField(
        _("transport owed (yuan)"), max_digits=10, decimal_places=2
    )
    amount = models.DecimalField(_("amount paid (yuan)"), max_digits=10, decimal_places=2)
    method = models.CharField(_("paid by"), max_length=10, choices=Method.choices)
    paid_on = models.DateField(_("paid on"))
    reference = models.CharField(_("payment reference"), max_length=100, blank=True)
    receipt = models.FileField(_("receipt"), upload_to="notices/settlements/", max_length=300)
    receipt_name = models.CharField(_("receipt file name"), max_length=200)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("settlement")
        verbose_name_plural = _("settlements")
        constraints = [
            models.UniqueConstraint(
                fields=["trip", "host_unit"], name="one_settlement_per_unit_trip"
            ),
            models.CheckConstraint(
                condition=models.Q(method__in=["card", "transfer"]), name="never_in_cash"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.trip_id} / {self.host_unit}: {self.amount}"
