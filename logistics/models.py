"""Checklists and their templates, the digest, people's needs, gifts, cars, seating plans."""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Cast, Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from directory.models import Language
from trips.models import ItineraryItem, Trip

# Logistics checklists, people's needs, the protocol register, vehicles, seating plans.
# The rules live in logistics.checklists and logistics.seating.


class ChecklistCategory(models.TextChoices):
    """What a preparation is about; the templates of every trip kind use the same list."""

    VEHICLES = "vehicles", _("Vehicles and drivers")
    TICKETS = "tickets", _("Tickets")
    LODGING = "lodging", _("Lodging")
    MEALS = "meals", _("Meals")
    REST = "rest", _("Rest rooms")
    DOCUMENTS = "documents", _("Documents and materials")
    SPEECH = "speech", _("Speech drafts")
    SEATING = "seating", _("Seating plans")
    BRING = "bring", _("Items to bring")
    APPROVAL = "approval", _("Approval documents")
    CURRENCY = "currency", _("Foreign currency")
    OTHER = "other", _("Other")


def due_on_expression(item: str = "", start_date: str = "trip__start_date") -> Coalesce:
    """An item's due date in SQL: its fixed date, else the trip's first day minus days_before.

    `item` is the path from the queried model to the checklist item ("" from the item
    itself, "checklist_items__" from a trip); `start_date` the path to the trip's first day.
    """
    one_day = models.Value(timedelta(days=1), output_field=models.DurationField())
    # Typed as a plain integer: SQLite's duration arithmetic refuses a SmallIntegerField.
    days = models.ExpressionWrapper(F(f"{item}days_before"), output_field=models.IntegerField())
    lead = models.ExpressionWrapper(days * one_day, output_field=models.DurationField())
    # Cast: PostgreSQL gives a timestamp for date - interval; a date compares and reads right.
    relative = Cast(F(start_date) - lead, output_field=models.DateField())
    return Coalesce(F(f"{item}due_date"), relative, output_field=models.DateField())


class ChecklistTemplate(models.Model):
    """A reusable list of preparations for a kind of trip, written in one language.

    New trips get the default template of their kind in the creator's language
    (trips.checklists.apply_template); the data migration ships an English and a
    Chinese one for every kind.
    """

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("trip kind"), max_length=20, choices=Trip.Kind.choices)
    language = models.CharField(
        _("language"), max_length=10, choices=Language.choices, default=Language.ZH_HANS
    )
    is_default = models.BooleanField(
        _("for new trips"),
        default=False,
        help_text=_("New trips of this kind get this list (one per kind and language)."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["kind", "language", "name", "pk"]
        verbose_name = _("checklist template")
        verbose_name_plural = _("checklist templates")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "language"],
                condition=Q(is_default=True),
                name="one_default_checklist_per_kind_and_language",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("logistics:checklist_template_edit", args=[self.pk])


class ChecklistTemplateItem(models.Model):
    """One preparation of a template; its due date is always relative to departure."""

    template = models.ForeignKey(ChecklistTemplate, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveIntegerField(_("position"), default=0)
    category = models.CharField(
        _("category"), max_length=20, choices=ChecklistCategory.choices, default="other"
    )
    title = models.CharField(_("what"), max_length=200)
    days_before = models.SmallIntegerField(
        _("days before departure"),
        null=True,
        blank=True,
        help_text=_("0 is the first day of the trip; empty means no due date."),
    )

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("template item")
        verbose_name_plural = _("template items")

    def __str__(self) -> str:
        return self.title


class ChecklistItemQuerySet(models.QuerySet):
    def with_due(self) -> ChecklistItemQuerySet:
        """Annotate `due_on`: the fixed due date or the one counted back from departure."""
        return self.annotate(due_on=due_on_expression())

    def due_by(self, today: date) -> ChecklistItemQuerySet:
        """Not done, and due today or earlier."""
        return self.with_due().filter(done=False, due_on__lte=today)

    def progress(self, today: date) -> tuple[int, int, int]:
        """(total, done, overdue) in one query."""
        counts = self.with_due().aggregate(
            total_count=models.Count("pk"),
            done_count=models.Count("pk", filter=Q(done=True)),
            overdue_count=models.Count("pk", filter=Q(done=False, due_on__lt=today)),
        )
        return counts["total_count"], counts["done_count"], counts["overdue_count"]


class ChecklistItem(models.Model):
    """One preparation for a trip: what, who, by when, and whether (and by whom) it is done."""

    trip = models.ForeignKey(Trip, on_delete=models.CASCADE, related_name="checklist_items")
    position = models.PositiveIntegerField(_("position"), default=0)
    category = models.CharField(
        _("category"), max_length=20, choices=ChecklistCategory.choices, default="other"
    )
    title = models.CharField(_("what"), max_length=200)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="checklist_items",
    )
    due_date = models.DateField(_("due on"), null=True, blank=True)
    days_before = models.SmallIntegerField(
        _("days before departure"),
        null=True,
        blank=True,
        help_text=_("0 is the first day of the trip; the due date moves with the trip."),
    )
    note = models.TextField(_("note"), blank=True)
    done = models.BooleanField(_("done"), default=False)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    done_at = models.DateTimeField(_("done at"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ChecklistItemQuerySet.as_manager()

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("checklist item")
        verbose_name_plural = _("checklist items")
        constraints = [
            models.CheckConstraint(
                condition=Q(due_date__isnull=True) | Q(days_before__isnull=True),
                name="checklist_due_is_fixed_or_relative",
                violation_error_message=_("Give a date or a number of days, not both."),
            )
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.due_date and self.days_before is not None:
            raise ValidationError(_("Give a date or a number of days, not both."))

    @property
    def days_after(self) -> int | None:
        """For an item due after the first day: how many days after it."""
        return None if self.days_before is None else -self.days_before


class PersonalNeed(models.Model):
    """Dietary and medical needs of one person on a trip: for the team's eyes only."""

    trip = models.ForeignKey(Trip, on_delete=models.CASCADE, related_name="needs")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    dietary = models.TextField(_("dietary needs"), blank=True)
    medical = models.TextField(_("medical needs"), blank=True)
    notes = models.TextField(_("notes"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["person__last_name", "person__username"]
        verbose_name = _("personal need")
        verbose_name_plural = _("personal needs")
        constraints = [
            models.UniqueConstraint(
                fields=["trip", "person"],
                name="one_needs_entry_per_person_per_trip",
                violation_error_message=_("This person's needs are already recorded."),
            )
        ]

    def __str__(self) -> str:
        return str(self.person)


class Gift(models.Model):
    """A gift given or received on a trip: one line of the protocol register."""

    class Direction(models.TextChoices):
        GIVEN = "given", _("Given")
        RECEIVED = "received", _("Received")

    trip = models.ForeignKey(Trip, on_delete=models.CASCADE, related_name="gifts")
    date = models.DateField(_("date"))
    direction = models.CharField(_("given or received"), max_length=10, choices=Direction.choices)
    counterpart = models.CharField(
        _("to or from"), max_length=200, help_text=_("The person or organisation.")
    )
    item = models.CharField(_("gift"), max_length=200)
    value_estimate = models.DecimalField(
        _("estimated value"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    currency = models.CharField(_("currency"), max_length=3, default="CNY")
    notes = models.TextField(_("notes"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, editable=False, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["date", "pk"]
        verbose_name = _("gift")
        verbose_name_plural = _("gifts")
        constraints = [
            models.CheckConstraint(
                condition=Q(value_estimate__isnull=True) | Q(value_estimate__gte=0),
                name="gift_value_not_negative",
            )
        ]

    def __str__(self) -> str:
        return self.item


class Vehicle(models.Model):
    """A car of the party: its driver, the driver's phone, who rides in it, and the trip's
    travel items it serves (chosen on the car's form: only its own trip's, checked there)."""

    trip = models.ForeignKey(Trip, on_delete=models.CASCADE, related_name="vehicles")
    name = models.CharField(_("car"), max_length=100, help_text=_("For example “Car 1”."))
    plate = models.CharField(_("number plate"), max_length=20, blank=True)
    driver = models.CharField(_("driver"), max_length=100)
    driver_phone = models.CharField(_("driver's phone"), max_length=40)
    passengers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("passengers"), blank=True, related_name="rides"
    )
    travel_items = models.ManyToManyField(
        ItineraryItem,
        verbose_name=_("travel items"),
        blank=True,
        limit_choices_to={"kind": ItineraryItem.Kind.TRAVEL},
        related_name="cars",
    )
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("vehicle")
        verbose_name_plural = _("vehicles")

    def __str__(self) -> str:
        return self.name


class SeatingPlan(models.Model):
    """Who sits where at a meeting, forum, talk, ceremony or banquet, in one of the layouts
    of ../shared/domain/rules.md §3 (logistics.seating has the rule of each)."""

    class Layout(models.TextChoices):
        HEAD_TABLE = "head_table", _("Head table and rows")
        FORUM = "forum", _("Forum: hosts and guests face to face across a table")
        SOFA = "sofa", _("Meeting in a sofa room")
        BANQUET = "banquet", _("Banquet at round tables")
        PHOTO = "photo", _("Group photo")

    class Convention(models.TextChoices):
        CHINESE = "chinese", _("Chinese: No. 1 in the middle, No. 2 on No. 1's left")
        INTERNATIONAL = (
            "international",
            _("International: host in the middle, guest of honour on the host's right"),
        )

    # The layouts that seat two sides, the hosts (主方) and the guests (客方).
    TWO_SIDED = (Layout.FORUM, Layout.SOFA)
    KINDS = (
        ItineraryItem.Kind.MEETING,
        ItineraryItem.Kind.FORUM,
        ItineraryItem.Kind.TALK,
        ItineraryItem.Kind.CEREMONY,
        ItineraryItem.Kind.MEAL,
    )

    item = models.OneToOneField(
        ItineraryItem, on_delete=models.CASCADE, related_name="seating_plan"
    )
    layout = models.CharField(
        _("layout"), max_length=20, choices=Layout.choices, default=Layout.HEAD_TABLE
    )
    convention = models.CharField(
        _("convention"),
        max_length=20,
        choices=Convention.choices,
        default=Convention.CHINESE,
        help_text=_(
            "For the head table, the forum table and the group photo. At a meeting in a "
            "sofa room and at a banquet the guest of honour always sits at the host's right."
        ),
    )
    head_table_seats = models.PositiveSmallIntegerField(
        _("seats at the head table"),
        default=5,
        help_text=_("The highest ranks sit here; everyone else sits in the rows."),
    )
    seats_per_row = models.PositiveSmallIntegerField(
        _("seats per row"), default=10, help_text=_("In the hall, or in each row of the photo.")
    )
    seats_per_table = models.PositiveSmallIntegerField(
        _("seats per table"), default=10, help_text=_("At a banquet: tables of 8 to 12.")
    )
    notes = models.TextField(_("notes"), blank=True)
    # Who moved from which seat to which at the last change of the plan (seating.reseat).
    moves = models.JSONField(default=list, blank=True, editable=False)
    moved_at = models.DateTimeField(null=True, blank=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("seating plan")
        verbose_name_plural = _("seating plans")
        constraints = [
            models.CheckConstraint(
                condition=Q(head_table_seats__gte=1)
                & Q(seats_per_row__gte=1)
                & Q(seats_per_table__gte=1),
                name="seating_plan_has_seats",
            )
        ]

    def __str__(self) -> str:
        return str(self.item)

    @property
    def is_two_sided(self) -> bool:
        return self.layout in self.TWO_SIDED

    @property
    def is_forum(self) -> bool:
        return self.layout == self.Layout.FORUM


class SeatingAttendee(models.Model):
    """One person on a seating plan, by protocol rank on their side (1 is the most senior)."""

    plan = models.ForeignKey(SeatingPlan, on_delete=models.CASCADE, related_name="attendees")
    # The guests' side (客方) of a forum or sofa-room meeting; everyone else is on the one
    # list of the plan (the hosts' side, 主方, of a two-sided layout).
    guest = models.BooleanField(_("guest"), default=False)
    rank = models.PositiveSmallIntegerField(_("rank"))
    name = models.CharField(_("name"), max_length=100, blank=True)
    title = models.CharField(pgettext_lazy("person", "title"), max_length=200, blank=True)
    # The line as it was typed, when it did not read as "name, title" (seating.read_line):
    # the plan flags it, and a name that could not be read is printed on no table card.
    typed = models.CharField(_("as typed"), max_length=300, blank=True)

    class Meta:
        ordering = ["guest", "rank"]
        verbose_name = _("seated person")
        verbose_name_plural = _("seated people")
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "guest", "rank"], name="one_person_per_rank_and_side"
            )
        ]

    def __str__(self) -> str:
        return self.name or self.typed
