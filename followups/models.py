"""Notes taken on the trip, and the follow-up items decided on it until each has an answer."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db import models
from django.db.models import (
    Case,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
    Window,
)
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from directory.models import Contact, Department, HostUnit
from trips.access import visible_trips
from trips.models import ItineraryItem, Trip, TripMember

# How long an item found "cannot be done" stays among what needs its leader.
RECENTLY_CANNOT = timedelta(days=14)


class Note(models.Model):
    """What was seen, heard or decided on the trip, captured on a phone during the visit."""

    class Kind(models.TextChoices):
        SEEN = "seen", _("Seen (看)")
        HEARD = "heard", _("Heard in a report (听)")
        SAID = "said", _("Said in a conversation (谈)")
        REMARK = "remark", _("The leader's remark")
        DECISION = "decision", _("Decision")
        PROMISE = "promise", _("Promise made to the host")
        PROBLEM = "problem", _("Problem found")
        CONTRADICTION = "contradiction", _("Contradiction to verify")
        REQUEST = "request", _("Request from the people met")

    # The kinds that become follow-up items.
    ACTIONABLE = (Kind.DECISION, Kind.PROMISE, Kind.PROBLEM, Kind.REQUEST)

    trip = models.ForeignKey(Trip, on_delete=models.CASCADE, related_name="trip_notes")
    item = models.ForeignKey(
        ItineraryItem,
        verbose_name=_("itinerary item"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="trip_notes",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    text = models.TextField(_("text"), max_length=4000)
    speaker = models.CharField(_("who said it"), max_length=200, blank=True)
    verified = models.BooleanField(_("verified"), default=False)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # Written by the phone before sending: a note resent after a lost answer is kept once.
    client_key = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("note")
        verbose_name_plural = _("notes")
        constraints = [
            models.UniqueConstraint(
                fields=["author", "client_key"],
                condition=~Q(client_key=""),
                name="one_note_per_client_key",
            )
        ]

    def __str__(self) -> str:
        return self.text[:60]

    @property
    def is_actionable(self) -> bool:
        """A decision, promise, problem or request: it should become a follow-up item."""
        return self.kind in self.ACTIONABLE


# The status an item gets when the office returns its answer (退回); the history row of a
# return reads {"status": [<old>, RETURNED]}. The workflow names it FollowUp.Status.RETURNED.
RETURNED = "returned"


class Light(models.TextChoices):
    """An open item's 督办 light (FollowUpQuerySet.with_light); the label is the colour's
    name with a word, so the colour is never the only signal (colour-blind readers, print)."""

    GREEN = "green", pgettext_lazy("duban light", "Green (on track)")
    YELLOW = "yellow", pgettext_lazy("duban light", "Yellow (at risk)")
    RED = "red", pgettext_lazy("duban light", "Red (lagging)")


def _count(rows: models.QuerySet) -> Coalesce:
    """How many of these rows (a subquery keyed on the outer item), 0 for none."""
    counted = rows.order_by().values("followup").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=models.IntegerField()), 0)


class FollowUpQuerySet(models.QuerySet):
    def open(self) -> FollowUpQuerySet:
        """Without an outcome yet: not settled by the office (OPEN_STATUSES)."""
        return self.filter(status__in=FollowUp.OPEN_STATUSES)

    def overdue(self, today: date) -> FollowUpQuerySet:
        """Open and past the due date (FollowUp.overdue_on)."""
        return self.filter(FollowUp.overdue_on(today))

    def with_overdue(self, today: date) -> FollowUpQuerySet:
        """Each item carries `overdue`, True or False by the same rule: every page that marks
        the late items reads it (templates/followups/_due_date.html), none decides it."""
        rule = ExpressionWrapper(FollowUp.overdue_on(today), output_field=models.BooleanField())
        return self.annotate(overdue=rule)

    def with_light(self, today: date) -> FollowUpQuerySet:
        """Each item carries `returns` (times the office returned its answer, from the
        history) and `light` (a Light value; None once the item is settled): red when
        overdue or returned twice, yellow within DUBAN_WARN_DAYS of the due date or returned
        once, green otherwise. In SQL, so lists filter and count by it."""
        returned = FollowUpUpdate.objects.filter(
            followup=OuterRef("pk"), changes__status__1=RETURNED
        )
        warn_from = today + timedelta(days=settings.DUBAN_WARN_DAYS)
        is_open = Q(status__in=FollowUp.OPEN_STATUSES)
        light = Case(
            When(~is_open, then=Value(None)),
            When(Q(due_date__lt=today) | Q(returns__gte=2), then=Value(Light.RED)),
            When(Q(due_date__lte=warn_from) | Q(returns__gte=1), then=Value(Light.YELLOW)),
            default=Value(Light.GREEN),
            output_field=models.CharField(null=True),
        )
        return self.annotate(returns=_count(returned)).annotate(light=light)

    def with_rounds(self) -> FollowUpQuerySet:
        """Each item carries `unanswered_rounds`: its 催办 rounds (Urging) after which the
        department has not answered (followups.urging.by_department)."""
        answered_after = FollowUpUpdate.objects.filter(
            by_department(), followup=OuterRef("followup"), at__gt=OuterRef("at")
        )
        unanswered = Urging.objects.filter(followup=OuterRef("pk")).filter(~Exists(answered_after))
        return self.annotate(unanswered_rounds=_count(unanswered))

    def escalated(self) -> FollowUpQuerySet:
        """Open items with DUBAN_ESCALATE_ROUNDS or more rounds unanswered: 需领导协调."""
        return (
            self.open().with_rounds().filter(unanswered_rounds__gte=settings.DUBAN_ESCALATE_ROUNDS)
        )

    # --- where items show outside their own pages (host units, briefing book, dashboard) ---

    def readable_by(self, user) -> FollowUpQuerySet:
        """On the trips this user may read (trips.access.visible_trips)."""
        return self.filter(trip__in=visible_trips(user))

    def concerning(self, unit_ids: Iterable[int], user) -> FollowUpQuerySet:
        """About these host units (FollowUp.host_unit), on the trips the user may read."""
        return self.filter(host_unit__in=list(unit_ids)).readable_by(user)

    def open_first(self) -> FollowUpQuerySet:
        """Items without an outcome first, then the done ones, then those that cannot be
        done; each group by due date."""
        rank = Case(
            When(status__in=FollowUp.OPEN_STATUSES, then=Value(0)),
            When(status=FollowUp.Status.DONE, then=Value(1)),
            default=Value(2),
        )
        return self.order_by(rank, "due_date", "pk")

    def promises_to(
        self, unit_ids: Iterable[int], user, exclude_trip: Trip | None = None
    ) -> FollowUpQuerySet:
        """What these host units were promised on earlier visits, open first, then kept
        (done, with the answer), then those that cannot be done; the trip joined.

        Every item concerning the unit counts: an item about a unit is something the office
        owes it, whether its note was a promise, a decision, a problem found there or the
        unit's request (and the note may be gone). Earlier visits: the trips, other than
        exclude_trip, that started before it; without exclude_trip, every trip. Only trips
        the user may read.
        """
        items = self.concerning(unit_ids, user)
        if exclude_trip is not None:
            items = items.exclude(trip=exclude_trip).filter(
                trip__start_date__lt=exclude_trip.start_date
            )
        return items.select_related("trip").open_first()

    def for_secretary(self, user) -> FollowUpQuerySet:
        """On the trips where the user is a secretary on the team."""
        return self.filter(trip__in=Trip.objects.on_team(user, TripMember.Role.SECRETARY))

    def for_leader(self, user, now: datetime) -> FollowUpQuerySet:
        """What needs this leader, on the trips the user leads: open items asking for the
        leader's help or awaiting the leader's review (领导审阅), and items that became
        "cannot be done" in the RECENTLY_CANNOT before `now` (by their history); the ones
        asking for help first."""
        became_cannot = FollowUpUpdate.objects.filter(
            followup=OuterRef("pk"),
            at__gte=now - RECENTLY_CANNOT,
            changes__status__1=FollowUp.Status.CANNOT,
        )
        # Asking for help, or waiting for this leader's 审阅.
        asks_help = Q(needs_leader=True, status__in=FollowUp.OPEN_STATUSES) | Q(
            status=FollowUp.Status.LEADER_REVIEW
        )
        return (
            self.filter(trip__in=Trip.objects.led_by(user))
            .filter(asks_help | Q(Exists(became_cannot), status=FollowUp.Status.CANNOT))
            .order_by(Case(When(asks_help, then=Value(0)), default=Value(1)), "due_date", "pk")
        )

    def of_departments_of(self, user) -> FollowUpQuerySet:
        """Owned or co-owned by a department the user is a member of (Department.members)."""
        departments = Department.objects.filter(members=user).values("pk")
        shared = FollowUp.co_owners.through.objects.filter(department__in=departments)
        return self.filter(Q(department__in=departments) | Q(pk__in=shared.values("followup_id")))

    def with_total(self) -> FollowUpQuerySet:
        """Each row also carries `total`, the number of rows before any slice: a short list
        and its count in one query."""
        return self.annotate(total=Window(Count("pk")))


class FollowUp(models.Model):
    """A matter decided or promised on a trip, owned by a department until it has an answer."""

    class Status(models.TextChoices):
        # The office's 督办 states (followups.workflow moves an item between them).
        PENDING = "pending", pgettext_lazy("follow-up status", "Not yet assigned")
        ASSIGNED = "assigned", pgettext_lazy("follow-up status", "Assigned")
        ACKNOWLEDGED = "acknowledged", pgettext_lazy("follow-up status", "Acknowledged")
        IN_PROGRESS = "in_progress", pgettext_lazy("follow-up status", "In progress")
        ANSWERED = "answered", pgettext_lazy("follow-up status", "Answered, awaiting review")
        RETURNED = "returned", pgettext_lazy("follow-up status", "Returned")
        LEADER_REVIEW = "leader_review", pgettext_lazy("follow-up status", "Awaiting the leader")
        DONE = "done", pgettext_lazy("follow-up status", "Done")
        CANNOT = "cannot", pgettext_lazy("follow-up status", "Cannot be done")

    class AnswerKind(models.TextChoices):
        """What the department's answer proposes; the office's acceptance makes it so."""

        DONE = "done", pgettext_lazy("answer kind", "Done")
        CANNOT = "cannot", pgettext_lazy("answer kind", "Cannot be done")

    class Priority(models.TextChoices):
        HIGH = "high", _("High")
        NORMAL = "normal", _("Normal")
        LOW = "low", _("Low")

    OPEN_STATUSES = (
        Status.PENDING,
        Status.ASSIGNED,
        Status.ACKNOWLEDGED,
        Status.IN_PROGRESS,
        Status.ANSWERED,
        Status.RETURNED,
        Status.LEADER_REVIEW,
    )
    # Waiting for the office (审核) or the leader (审阅), not for the department.
    REVIEW_STATUSES = (Status.ANSWERED, Status.LEADER_REVIEW)

    trip = models.ForeignKey(Trip, on_delete=models.CASCADE, related_name="followups")
    item = models.ForeignKey(
        ItineraryItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="followups"
    )
    note = models.ForeignKey(
        Note, on_delete=models.SET_NULL, null=True, blank=True, related_name="followups"
    )
    # The unit or person the matter concerns (a promise to a host unit), when there is one.
    host_unit = models.ForeignKey(
        HostUnit,
        verbose_name=_("host unit concerned"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="followups",
    )
    title = models.CharField(pgettext_lazy("follow-up item", "title"), max_length=200)
    to_do = models.TextField(_("what is to be done"), max_length=4000)
    department = models.ForeignKey(
        Department,
        verbose_name=_("owner department"),
        on_delete=models.PROTECT,
        related_name="followups",
    )
    contact = models.ForeignKey(
        Contact,
        verbose_name=_("contact at the department"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # 配合 departments: each answers its part (FollowUpPart), reviewed by the office before
    # the owner's (牵头) answer can be accepted.
    co_owners = models.ManyToManyField(
        Department,
        verbose_name=_("co-owners"),
        blank=True,
        related_name="shared_followups",
        through="FollowUpPart",
    )
    due_date = models.DateField(_("due date"))
    # The 办结时限 as first set, kept when an extension (延期) moves due_date: lateness is
    # measured against it. None while the item was never extended (FollowUp.original_due).
    original_due_date = models.DateField(
        _("original due date"), null=True, blank=True, editable=False
    )
    priority = models.CharField(
        _("priority"), max_length=10, choices=Priority.choices, default=Priority.NORMAL
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    answer_kind = models.CharField(
        _("the department's answer"), max_length=10, choices=AnswerKind.choices, blank=True
    )
    # A matter the leader raised (the leader's note): the leader reads the answer (领导审阅)
    # before it is settled.
    raised_by_leader = models.BooleanField(_("raised by the leader"), default=False)
    answer = models.TextField(
        _("answer given"),
        blank=True,
        help_text=_("What the host unit or the person concerned was told."),
    )
    reason = models.TextField(_("why it cannot be done"), blank=True)
    needs_leader = models.BooleanField(_("needs the leader's help"), default=False)
    # Claims of the reminders (followups.reminders): each set by a conditional update, so a
    # second beat run, or a second beat process, finds nothing left to send.
    reminded_before_on = models.DateField(null=True, blank=True, editable=False)
    overdue_reminded_on = models.DateField(null=True, blank=True, editable=False)
    overdue_reported_on = models.DateField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = FollowUpQuerySet.as_manager()

    class Meta:
        ordering = ["due_date", "pk"]
        verbose_name = _("follow-up item")
        verbose_name_plural = _("follow-up items")
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="done") | ~Q(answer=""),
                name="done_has_an_answer",
                violation_error_message=_("An item is done only with the answer given."),
            ),
            models.CheckConstraint(
                condition=~Q(status="cannot") | ~Q(reason=""),
                name="cannot_has_a_reason",
                violation_error_message=_("Say why it cannot be done."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("followups:item", args=[self.pk])

    @property
    def has_outcome(self) -> bool:
        """Done with an answer, or cannot be done with a reason: 件件有着落."""
        return self.status not in self.OPEN_STATUSES

    @property
    def answered_outcome(self) -> str:
        """The status the department's answer settles the item in, once it is accepted."""
        cannot = self.answer_kind == self.AnswerKind.CANNOT
        return self.Status.CANNOT if cannot else self.Status.DONE

    @property
    def is_done(self) -> bool:
        """Done, with the answer given."""
        return self.status == self.Status.DONE

    @property
    def cannot_be_done(self) -> bool:
        """Found not doable, with the reason."""
        return self.status == self.Status.CANNOT

    @property
    def original_due(self) -> date:
        """The due date first set, before any extension: lateness is measured against it."""
        return self.original_due_date or self.due_date

    @property
    def was_extended(self) -> bool:
        return self.original_due_date is not None

    @property
    def is_high_priority(self) -> bool:
        return self.priority == self.Priority.HIGH

    @property
    def takes_answers(self) -> bool:
        """Answered and reviewed for as long as the matter lasts, after the trip is closed
        too; a cancelled trip's items are the record of what was planned."""
        return self.trip.status != Trip.Status.CANCELLED

    @classmethod
    def overdue_on(cls, today: date) -> Q:
        """The overdue rule: no outcome yet (not accepted by the office) and the due date passed.
        Items read it through FollowUpQuerySet.overdue() and .with_overdue()."""
        return Q(status__in=cls.OPEN_STATUSES, due_date__lt=today)


class FollowUpUpdate(models.Model):
    """One change to an item: who (an office user, or a department through its link), when, what."""

    followup = models.ForeignKey(FollowUp, on_delete=models.CASCADE, related_name="updates")
    at = models.DateTimeField(_("when"), auto_now_add=True)
    by_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Through the department's signed link: who the department said they are.
    by_name = models.CharField(_("by"), max_length=200, blank=True)
    changes = models.JSONField(_("what changed"), default=dict)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("update")
        verbose_name_plural = _("updates")

    def __str__(self) -> str:
        return f"{self.followup} @ {self.at:%Y-%m-%d %H:%M}"


class FollowUpPart(models.Model):
    """A 配合 department's part of an item: it answers, the office accepts or returns it;
    the owner's (牵头) answer is accepted only once every part is accepted."""

    class Status(models.TextChoices):
        OPEN = "open", pgettext_lazy("follow-up part", "Being handled")
        ANSWERED = "answered", pgettext_lazy("follow-up part", "Answered, awaiting review")
        RETURNED = "returned", pgettext_lazy("follow-up part", "Returned")
        ACCEPTED = "accepted", pgettext_lazy("follow-up part", "Accepted")

    followup = models.ForeignKey(FollowUp, on_delete=models.CASCADE, related_name="parts")
    department = models.ForeignKey(
        Department,
        verbose_name=_("co-owner department"),
        on_delete=models.PROTECT,
        related_name="followup_parts",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    answer = models.TextField(_("answer for its part"), max_length=4000, blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    answered_by_name = models.CharField(_("answered by"), max_length=200, blank=True)
    # The office's reason when it returned the part (退回).
    review_comment = models.TextField(_("office's comment"), blank=True)
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)

    class Meta:
        ordering = ["followup", "pk"]
        verbose_name = _("co-owner's part")
        verbose_name_plural = _("co-owners' parts")
        constraints = [
            models.UniqueConstraint(fields=["followup", "department"], name="one_part_per_co_owner")
        ]

    def __str__(self) -> str:
        return f"{self.followup} / {self.department}"


class ExtensionRequest(models.Model):
    """延期申请: the department asks, before the due date and with a reason, for a new date;
    the office approves (the due date moves, the original is kept) or refuses."""

    class Status(models.TextChoices):
        PENDING = "pending", pgettext_lazy("extension", "Awaiting the office")
        APPROVED = "approved", pgettext_lazy("extension", "Approved")
        REFUSED = "refused", pgettext_lazy("extension", "Refused")

    followup = models.ForeignKey(FollowUp, on_delete=models.CASCADE, related_name="extensions")
    from_date = models.DateField(_("due date when asked"))
    to_date = models.DateField(_("new due date asked for"))
    reason = models.TextField(_("why more time is needed"), max_length=4000)
    asked_at = models.DateTimeField(_("asked"), default=timezone.now)
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Through the department's signed link: who the department said they are.
    asked_by_name = models.CharField(_("asked by"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decision_comment = models.TextField(_("office's comment"), blank=True)

    class Meta:
        ordering = ["followup", "asked_at", "pk"]
        verbose_name = _("extension request")
        verbose_name_plural = _("extension requests")
        constraints = [
            models.UniqueConstraint(
                fields=["followup"],
                condition=Q(status="pending"),
                name="one_pending_extension_per_item",
            )
        ]

    def __str__(self) -> str:
        return f"{self.followup} → {self.to_date}"


def by_department() -> Q:
    """History rows written by the item's department: through its link (no account), or by
    a member of its owner or co-owner department; an office user's rows are not answers."""
    return (
        Q(by_user__isnull=True, by_name__gt="")
        | Q(by_user__departments__followups=F("followup"))
        | Q(by_user__departments__shared_followups=F("followup"))
    )


class Urging(models.Model):
    """One 催办 round of an item: the office chased its department (第1次催办, 第2次…), by
    e-mail, by phone, or by the item being in the department's reminder digest."""

    class Channel(models.TextChoices):
        EMAIL = "email", pgettext_lazy("urging channel", "E-mail")
        PHONE = "phone", _("Phone call")
        DIGEST = "digest", _("Reminder digest")

    followup = models.ForeignKey(FollowUp, on_delete=models.CASCADE, related_name="urgings")
    round = models.PositiveIntegerField(_("round"))
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    recipients = models.TextField(_("to whom"), max_length=2000)
    by_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField(_("when"), default=timezone.now)
    note = models.TextField(_("note"), max_length=4000, blank=True)

    class Meta:
        ordering = ["followup", "round"]
        verbose_name = _("urging round")
        verbose_name_plural = _("urging rounds")
        constraints = [
            models.UniqueConstraint(fields=["followup", "round"], name="one_urging_per_round")
        ]

    def __str__(self) -> str:
        return f"{self.followup} #{self.round}"


def evidence_path(evidence: Evidence, filename: str) -> str:
    """Stored under a random name: the user's name is kept in the row, never in the path."""
    return f"followups/evidence/{evidence.followup_id}/{uuid.uuid4().hex}"


class Evidence(models.Model):
    """A file showing what was done (a photo, a reply letter), checked like briefing files."""

    followup = models.ForeignKey(FollowUp, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(_("file"), upload_to=evidence_path, max_length=300)
    filename = models.CharField(_("file name"), max_length=200)
    file_type = models.CharField(max_length=20)
    content_type = models.CharField(max_length=120)
    size = models.PositiveIntegerField(default=0)
    description = models.CharField(_("what it shows"), max_length=200, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Through the department's signed link: who the department said they are.
    uploaded_by_name = models.CharField(max_length=200, blank=True)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")

    def __str__(self) -> str:
        return self.filename


class DepartmentLink(models.Model):
    """The department's signed link to its follow-up items (no account): one per department;
    a new link replaces the old (a new nonce), and each expires."""

    department = models.OneToOneField(
        Department, on_delete=models.CASCADE, related_name="followup_link"
    )
    nonce = models.CharField(max_length=64)
    issued_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("department link")
        verbose_name_plural = _("department links")

    def __str__(self) -> str:
        return f"{self.department} → {self.expires_at:%Y-%m-%d}"


class Report(models.Model):
    """The post-trip report (出行情况报告): a Markdown draft the secretary edits, then marks
    final; a final report is frozen, and a later edit starts the next revision."""

    trip = models.OneToOneField(Trip, on_delete=models.CASCADE, related_name="report")
    title = models.CharField(pgettext_lazy("report", "title"), max_length=200)
    body = models.TextField(_("report"), max_length=100_000, blank=True)
    revision = models.PositiveIntegerField(_("revision"), default=1)
    final_at = models.DateTimeField(_("marked final"), null=True, blank=True)
    final_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("post-trip report")
        verbose_name_plural = _("post-trip reports")

    def __str__(self) -> str:
        return self.title

    @property
    def is_final(self) -> bool:
        return self.final_at is not None


class ReportRevision(models.Model):
    """A final revision of a report, frozen as it was marked final (with its follow-up table)."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField(_("revision"))
    title = models.CharField(pgettext_lazy("report", "title"), max_length=200)
    body = models.TextField(_("report"))
    # The follow-up table as it stood: a list of rows (dicts of plain values).
    table = models.JSONField(default=list)
    final_at = models.DateTimeField(_("marked final"))
    final_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-number"]
        verbose_name = _("report revision")
        verbose_name_plural = _("report revisions")
        constraints = [
            models.UniqueConstraint(fields=["report", "number"], name="one_report_revision_number")
        ]

    def __str__(self) -> str:
        return f"{self.report} r{self.number}"
