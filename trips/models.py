"""Trips: the brief, the team, host units and their contacts, the itinerary."""

from __future__ import annotations

import zoneinfo
from datetime import date, datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import access


def validate_time_zone(value: str) -> None:
    """Refuse a name that is not an IANA time zone."""
    if value not in zoneinfo.available_timezones():
        raise ValidationError(_("“%(value)s” is not a known time zone."), params={"value": value})


class Language(models.TextChoices):
    EN = "en", "English"
    ZH_HANS = "zh-hans", "简体中文"


class HostUnit(models.Model):
    """An organisation the leader visits (接待单位); it has no account."""

    class Kind(models.TextChoices):
        GOVERNMENT = "government", _("Government office")
        TOWNSHIP = "township", _("Township or village")
        ENTERPRISE = "enterprise", _("Enterprise or factory")
        SCHOOL = "school", _("School or university")
        HOSPITAL = "hospital", _("Hospital")
        COMMUNITY = "community", _("Community")
        ORGANISATION = "organisation", _("Association or organisation")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    address = models.CharField(_("address"), max_length=300, blank=True)
    region = models.CharField(_("region"), max_length=100, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    language = models.CharField(
        _("language for notices"), max_length=10, choices=Language.choices, default=Language.ZH_HANS
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("host unit")
        verbose_name_plural = _("host units")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("trips:hostunit_detail", args=[self.pk])


class Contact(models.Model):
    """A person at a host unit or at one of the office's own departments."""

    name = models.CharField(_("name"), max_length=100)
    title = models.CharField(_("title"), max_length=100, blank=True)
    host_unit = models.ForeignKey(
        HostUnit,
        verbose_name=_("host unit"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="contacts",
    )
    department = models.CharField(
        _("internal department"),
        max_length=100,
        blank=True,
        help_text=_("For the office's own people: their department."),
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    receives_notices = models.BooleanField(
        _("receives notices"),
        default=False,
        help_text=_("Notices to the host unit are sent to this contact."),
    )
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        constraints = [
            models.CheckConstraint(
                condition=~(Q(host_unit__isnull=True) & Q(department="")),
                name="contact_has_organisation",
                violation_error_message=_("Give a host unit or an internal department."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.organisation})"

    @property
    def organisation(self) -> str:
        return self.host_unit.name if self.host_unit_id else self.department

    def get_absolute_url(self) -> str:
        return reverse("trips:contact_edit", args=[self.pk])


class TripQuerySet(models.QuerySet):
    def visible_to(self, user) -> TripQuerySet:
        """Office trips for every office user; confidential trips for their team only."""
        if not access.is_office_user(user):
            return self.none()
        on_team = TripMember.objects.filter(trip=OuterRef("pk"), user=user)
        return self.filter(Q(visibility=Trip.Visibility.OFFICE) | Exists(on_team))

    def editable_by(self, user) -> TripQuerySet:
        """Trips on whose team the user is a secretary."""
        if not access.is_secretary(user):
            return self.none()
        as_secretary = TripMember.objects.filter(
            trip=OuterRef("pk"), user=user, role=TripMember.Role.SECRETARY
        )
        return self.filter(Exists(as_secretary))

    def upcoming(self, today: date) -> TripQuerySet:
        """Trips that have not ended yet, soonest first."""
        return self.filter(end_date__gte=today).order_by("start_date", "pk")


class Trip(models.Model):
    """A leader's trip or inspection visit, with its brief (the leader's intention)."""

    class Kind(models.TextChoices):
        INSPECTION = "inspection", _("Inspection or research visit")
        MEETING = "meeting", _("Meeting")
        CEREMONY = "ceremony", _("Ceremony")
        BUSINESS = "business", _("Business trip")
        OVERSEAS = "overseas", _("Overseas visit")

    class Visibility(models.TextChoices):
        OFFICE = "office", _("Office: every office user may read it")
        CONFIDENTIAL = "confidential", _("Confidential: the team only")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        APPROVED = "approved", _("Approved")
        CHANGES_REQUESTED = "changes_requested", _("Changes requested")
        IN_PROGRESS = "in_progress", _("In progress")
        COMPLETED = "completed", _("Completed")
        CLOSED = "closed", _("Closed")

    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.INSPECTION)
    start_date = models.DateField(_("first day"))
    end_date = models.DateField(_("last day"))
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default=settings.TIME_ZONE,
        validators=[validate_time_zone],
        help_text=_("Itinerary times are entered and shown in this time zone."),
    )
    visibility = models.CharField(
        _("visibility"), max_length=20, choices=Visibility.choices, default=Visibility.OFFICE
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, editable=False
    )
    purpose = models.TextField(_("purpose"), blank=True)
    intention = models.TextField(
        _("the leader's intention"),
        blank=True,
        help_text=_("In the leader's words: what this trip is for, what to look at and ask."),
    )
    results_wanted = models.TextField(_("results wanted"), blank=True)
    topics = models.TextField(_("topics"), blank=True)
    host_preparation = models.TextField(_("what the hosts must prepare"), blank=True)
    notes = models.TextField(_("notes"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = TripQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date", "-pk"]
        verbose_name = _("trip")
        verbose_name_plural = _("trips")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")),
                name="trip_ends_after_it_starts",
                violation_error_message=_("The last day cannot be before the first day."),
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("trips:trip_detail", args=[self.pk])

    def clean(self) -> None:
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The last day cannot be before the first day.")})

    @property
    def is_confidential(self) -> bool:
        return self.visibility == self.Visibility.CONFIDENTIAL

    @property
    def tzinfo(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def differs_from_office_time(self) -> bool:
        """True when the trip's clock is not the office's (an overseas visit, say)."""
        return self.time_zone != settings.TIME_ZONE

    def local(self, moment: datetime) -> datetime:
        """A moment on the trip's own clock."""
        return timezone.localtime(moment, self.tzinfo)

    def covers(self, moment: datetime) -> bool:
        """True when the moment falls on one of the trip's days, on the trip's clock."""
        return self.start_date <= self.local(moment).date() <= self.end_date

    def role_of(self, user) -> str | None:
        """The user's role on this trip's team, or None."""
        for member in self.members.all():
            if member.user_id == user.pk:
                return member.role
        return None

    def can_edit(self, user) -> bool:
        """Secretaries on the team edit the trip."""
        return access.is_secretary(user) and self.role_of(user) == TripMember.Role.SECRETARY

    def leaders(self) -> list:
        """The leaders on the team, from the prefetched members."""
        return [m.user for m in self.members.all() if m.role == TripMember.Role.LEADER]


class TripMember(models.Model):
    """A person on a trip's team, with the role they play on this trip."""

    class Role(models.TextChoices):
        LEADER = "leader", _("Leader")
        SECRETARY = "secretary", _("Secretary")
        STAFF = "staff", _("Accompanying staff")

    trip = models.ForeignKey(Trip, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="trip_memberships",
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)

    class Meta:
        ordering = ["role", "user__last_name", "user__username"]
        verbose_name = _("team member")
        verbose_name_plural = _("team members")
        constraints = [
            models.UniqueConstraint(
                fields=["trip", "user"],
                name="one_role_per_person_per_trip",
                violation_error_message=_("This person is already on the team."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()})"


class ItineraryItem(models.Model):
    """One appointment on the itinerary: a visit, a forum, travel, a meal, rest …"""

    class Kind(models.TextChoices):
        SITE_VISIT = "site_visit", _("Site visit (look)")
        FORUM = "forum", _("Briefing or forum (listen)")
        TALK = "talk", _("Talk or interview (talk)")
        MEETING = "meeting", _("Meeting")
        CEREMONY = "ceremony", _("Ceremony")
        MEAL = "meal", _("Meal")
        REST = "rest", _("Rest")
        LODGING = "lodging", _("Lodging")
        TRAVEL = "travel", _("Travel")
        OTHER = "other", _("Other")

    class TravelMode(models.TextChoices):
        CAR = "car", _("Car")
        TRAIN = "train", _("Train")
        FLIGHT = "flight", _("Flight")
        OTHER = "other", _("Other")

    trip = models.ForeignKey(Trip, on_delete=models.CASCADE, related_name="items")
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.SITE_VISIT)
    title = models.CharField(_("title"), max_length=200)
    place = models.CharField(_("place"), max_length=200, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    host_unit = models.ForeignKey(
        HostUnit,
        verbose_name=_("host unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="items",
    )
    contacts = models.ManyToManyField(
        Contact, verbose_name=_("contacts"), blank=True, related_name="items"
    )
    attendees = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who of the team attends"),
        blank=True,
        related_name="attended_items",
    )
    host_preparation = models.TextField(_("what the host must prepare"), blank=True)
    notes = models.TextField(_("notes"), blank=True)
    travel_mode = models.CharField(
        _("travel mode"), max_length=10, choices=TravelMode.choices, blank=True
    )
    vehicle = models.CharField(_("vehicle"), max_length=100, blank=True)
    driver = models.CharField(_("driver"), max_length=100, blank=True)
    ticket = models.CharField(_("ticket or booking reference"), max_length=100, blank=True)
    origin = models.CharField(_("from"), max_length=200, blank=True)
    destination = models.CharField(_("to"), max_length=200, blank=True)
    fallback_plan = models.TextField(
        _("fallback plan"), blank=True, help_text=_("What happens in bad weather or on delay.")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["start", "end", "pk"]
        verbose_name = _("itinerary item")
        verbose_name_plural = _("itinerary items")
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gte=models.F("start")),
                name="item_ends_after_it_starts",
                violation_error_message=_("The end cannot be before the start."),
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_travel(self) -> bool:
        return self.kind == self.Kind.TRAVEL

    def clean(self) -> None:
        """Rules an item must meet whatever form it comes from."""
        errors: dict[str, str] = {}
        if self.start and self.end and self.end < self.start:
            errors["end"] = _("The end cannot be before the start.")
        if self.is_travel and not self.travel_mode:
            errors["travel_mode"] = _("Say how the party travels.")
        if self.trip_id and self.start and not self.trip.covers(self.start):
            errors["start"] = _("This is outside the trip's dates (%(first)s to %(last)s).") % {
                "first": self.trip.start_date,
                "last": self.trip.end_date,
            }
        elif self.trip_id and self.end and not self.trip.covers(self.end):
            errors["end"] = _("This is outside the trip's dates (%(first)s to %(last)s).") % {
                "first": self.trip.start_date,
                "last": self.trip.end_date,
            }
        if errors:
            raise ValidationError(errors)

    def duplicate(self) -> ItineraryItem:
        """A copy of this item, with its contacts and attendees, saved right after it."""
        contacts, attendees = list(self.contacts.all()), list(self.attendees.all())
        copy = ItineraryItem.objects.get(pk=self.pk)
        copy.pk = None
        copy._state.adding = True
        copy.save()
        copy.contacts.set(contacts)
        copy.attendees.set(attendees)
        return copy
