"""Trips: the brief, the team, the itinerary, versions and calendars (notices: the notices app)."""

from __future__ import annotations

import secrets
import zoneinfo
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accounts import people, roles
from directory.models import Contact, HostUnit
from trips.history import describe_move


def validate_time_zone(value: str) -> None:
    """Refuse a name that is not an IANA time zone."""
    if value not in zoneinfo.available_timezones():
        raise ValidationError(_("“%(value)s” is not a known time zone."), params={"value": value})


class TripQuerySet(models.QuerySet):
    def visible_to(self, user) -> TripQuerySet:
        """Office trips for every office user; confidential trips for their team only."""
        if not roles.is_office_user(user):
            return self.none()
        on_team = TripMember.objects.filter(trip=OuterRef("pk"), user=user)
        return self.filter(Q(visibility=Trip.Visibility.OFFICE) | Exists(on_team))

    def live(self) -> TripQuerySet:
        """Trips still being worked on: not closed or cancelled (reminders and digests)."""
        return self.exclude(status__in=Trip.READ_ONLY)

    def upcoming(self, today: date) -> TripQuerySet:
        """Trips that have not ended yet, soonest first."""
        return self.filter(end_date__gte=today).order_by("start_date", "pk")

    def with_team(self) -> TripQuerySet:
        """Prefetch the party, their accounts and profiles in one query, for leaders(),
        role_of() and party()."""
        return self.prefetch_related(party_prefetch())

    def on_team(self, user, role: str | None = None) -> TripQuerySet:
        """Trips with the user on the team (in that role, when given)."""
        member = TripMember.objects.filter(trip=OuterRef("pk"), user=user)
        if role:
            member = member.filter(role=role)
        return self.filter(Exists(member))

    def led_by(self, user) -> TripQuerySet:
        """Trips on which the user is a leader."""
        return self.on_team(user, role=TripMember.Role.LEADER)

    def overlapping(self, first: date | None, last: date | None) -> TripQuerySet:
        """Trips with at least one day between first and last (either may be open)."""
        trips = self
        if first:
            trips = trips.filter(end_date__gte=first)
        if last:
            trips = trips.filter(start_date__lte=last)
        return trips

    def search(self, text: str) -> TripQuerySet:
        """Trips whose title, purpose or the leader's intention mention the text."""
        text = text.strip()
        if not text:
            return self
        return self.filter(
            Q(title__icontains=text) | Q(purpose__icontains=text) | Q(intention__icontains=text)
        )


# What the brief is made of: the trip form edits it, a submitted version freezes it.
BRIEF_FIELDS = (
    "title",
    "kind",
    "start_date",
    "end_date",
    "time_zone",
    "visibility",
    "purpose",
    "intention",
    "results_wanted",
    "topics",
    "host_preparation",
    "notes",
)


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
        CONFIDENTIAL = "confidential", _("Internal (party only)")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        APPROVED = "approved", _("Approved")
        CHANGES_REQUESTED = "changes_requested", _("Changes requested")
        IN_PROGRESS = "in_progress", _("In progress")
        COMPLETED = "completed", _("Completed")
        CLOSED = "closed", _("Closed")
        CANCELLED = "cancelled", _("Cancelled")

    # A closed or cancelled trip is the record of what happened: nobody changes it.
    READ_ONLY = (Status.CLOSED, Status.CANCELLED)

    title = models.CharField(pgettext_lazy("trip", "title"), max_length=200)
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
    # The leader's wish for the hosts as a whole; the units themselves are told only their
    # own part (items' preparations, UnitRequirements), since no unit may read another's tasks.
    host_preparation = models.TextField(
        _("what the hosts must prepare"),
        blank=True,
        help_text=_(
            "For the team only: never sent to host units. Each unit is told what its own "
            "items need and what you ask of it on the notices page."
        ),
    )
    notes = models.TextField(_("notes"), blank=True)
    # Feasibility thresholds (trips.schedule); each trip may relax or tighten them.
    min_buffer_minutes = models.PositiveSmallIntegerField(
        _("slack before an appointment (minutes)"),
        default=10,
        help_text=_("The least free time before an appointment with a host."),
    )
    meal_break_minutes = models.PositiveSmallIntegerField(_("meal break (minutes)"), default=45)
    meal_window_start = models.TimeField(_("meal break window opens"), default=time(11, 0))
    meal_window_end = models.TimeField(_("meal break window closes"), default=time(14, 0))
    max_continuous_minutes = models.PositiveSmallIntegerField(
        _("longest continuous activity (minutes)"), default=240
    )
    travel_break_minutes = models.PositiveSmallIntegerField(
        _("travel that counts as a break (minutes)"),
        default=30,
        help_text=_(
            "Travel of at least this length breaks a run of continuous activity; "
            "shorter travel is part of it."
        ),
    )
    day_end = models.TimeField(_("the day ends by"), default=time(21, 0))
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
    def may_be_kept_offline(self) -> bool:
        """Its note and day pages may stay on a phone for reading without signal, and its
        unsent notes until logout (accounts.offline); an internal trip's pages never do,
        and its notes last only as long as the browser's session."""
        return not self.is_confidential

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

    def spans(self, start: datetime, end: datetime) -> bool:
        """True when an item from start to end lies within the trip's days."""
        return self.covers(start) and self.covers(end)

    def day_to_show(self, moment: datetime) -> date:
        """The trip's day the party reads at this moment (the day page): today on the
        trip's clock; before the trip its first day, once it is over its last."""
        return min(max(self.local(moment).date(), self.start_date), self.end_date)

    def role_of(self, user) -> str | None:
        """The user's role on this trip's team, or None."""
        for member in self.members.all():
            if member.user_id is not None and member.user_id == user.pk:
                return member.role
        return None

    @property
    def is_read_only(self) -> bool:
        """A closed or cancelled trip is the record of what happened: nobody changes it."""
        return self.status in self.READ_ONLY

    @property
    def is_submitted(self) -> bool:
        """A version of the plan waits for the leader's decision."""
        return self.status == self.Status.SUBMITTED

    @property
    def is_completed(self) -> bool:
        """Over, and not closed yet: its follow-up items still need their outcomes."""
        return self.status == self.Status.COMPLETED

    def can_edit(self, user) -> bool:
        """Secretaries on the team edit the trip, until it is closed or cancelled."""
        return not self.is_read_only and self.has_secretary(user)

    def has_secretary(self, user) -> bool:
        """The user is one of the trip's secretaries (and holds the office's secretary role)."""
        return roles.is_secretary(user) and self.role_of(user) == TripMember.Role.SECRETARY

    def leaders(self) -> list:
        """The leaders on the team, from the prefetched members."""
        return [
            m.user for m in self.members.all() if m.user_id and m.role == TripMember.Role.LEADER
        ]

    def party(self) -> list[TripMember]:
        """The party (随行人员) in protocol order, from the prefetched members."""
        return sorted(self.members.all(), key=TripMember.protocol_key)


class TripMember(models.Model):
    """A person in a trip's party (随行人员): an office user, or someone without an account
    (a driver, an escort, a colleague from another department), with their role on the trip.
    """

    class Role(models.TextChoices):
        LEADER = "leader", _("Leader")
        SECRETARY = "secretary", _("Secretary")
        STAFF = "staff", _("Accompanying staff")
        DRIVER = "driver", _("Driver")
        ESCORT = "escort", _("Escort")
        SECURITY = "security", _("Security")
        INTERPRETER = "interpreter", _("Interpreter")
        OTHER_DEPARTMENT = "other_department", _("Staff from another department")

    # Roles that need an office account: a leader decides, a secretary edits.
    ACCOUNT_ROLES = (Role.LEADER, Role.SECRETARY)

    trip = models.ForeignKey(Trip, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="trip_memberships",
        null=True,
        blank=True,
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    # Someone without an account: the office writes their name, title and where they are from.
    name = models.CharField(_("name"), max_length=100, blank=True)
    title = models.CharField(_("title (职务)"), max_length=100, blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    # People without an account come after the office's people, lowest first.
    rank = models.PositiveIntegerField(
        _("order"),
        default=100,
        help_text=_("Among people without an account: 1 comes first."),
    )

    class Meta:
        # Protocol order: the office's people by their profile's rank, then the others.
        ordering = [
            models.Case(models.When(user__isnull=True, then=1), default=0).asc(),
            models.F("user__profile__protocol_rank").asc(nulls_last=True),
            "rank",
            "pk",
        ]
        verbose_name = _("party member")
        verbose_name_plural = _("party members")
        constraints = [
            models.UniqueConstraint(
                fields=["trip", "user"],
                name="one_role_per_person_per_trip",
                violation_error_message=_("This person is already on the team."),
            ),
            models.CheckConstraint(
                condition=Q(user__isnull=False) | ~Q(name=""),
                name="party_member_has_account_or_name",
                violation_error_message=_(
                    "Choose a person, or write the name of one without an account."
                ),
            ),
            models.CheckConstraint(
                condition=Q(user__isnull=False) | ~Q(role__in=["leader", "secretary"]),
                name="only_accounts_lead_or_edit",
                violation_error_message=_("Only an office user can lead or edit a trip."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.display_name()} ({self.get_role_display()})"

    def display_name(self, language: str | None = None) -> str:
        """The name as lists print it: the profile's for an office user, else the one written."""
        return people.display_name(self.user, language) if self.user_id else self.name

    def display_title(self, language: str | None = None) -> str:
        """The title (职务) in the reader's language; for others, the one written."""
        return people.display_title(self.user, language) if self.user_id else self.title

    def label(self, language: str | None = None) -> str:
        """Name and title, as accounts.people.with_title writes them in the reader's language."""
        return people.with_title(
            self.display_name(language), self.display_title(language), language
        )

    @staticmethod
    def protocol_key(member: TripMember) -> tuple:
        """Sort key of protocol order: office people by profile rank, then the others by rank."""
        if member.user_id:
            profile = people.profile_of(member.user)
            return (0, profile.pk is None, profile.protocol_rank, 0, member.pk or 0)
        return (1, False, 0, member.rank, member.pk or 0)

    def clean(self) -> None:
        """A trip role needs the matching office role: a leader decides, a secretary edits;
        someone without an account needs a name and is never either."""
        if not self.user_id:
            if not self.name.strip():
                raise ValidationError(
                    {"name": _("Choose a person, or write the name of one without an account.")}
                )
            if self.role in self.ACCOUNT_ROLES:
                raise ValidationError({"role": _("Only an office user can lead or edit a trip.")})
            return
        if self.role == self.Role.LEADER and not roles.is_leader(self.user):
            raise ValidationError({"role": _("Only the office's leaders can be a trip's leader.")})
        if self.role == self.Role.SECRETARY and not roles.is_secretary(self.user):
            raise ValidationError(
                {"role": _("Only the office's secretaries can be a trip's secretary.")}
            )


def party_prefetch(lookup: str = "members") -> models.Prefetch:
    """The party with each account and profile, in one query and in protocol order."""
    return models.Prefetch(lookup, queryset=TripMember.objects.select_related("user__profile"))


def attendees_prefetch(lookup: str = "attendees") -> models.Prefetch:
    """An item's attendees with their profiles, in one query and in protocol order."""
    return models.Prefetch(
        lookup, queryset=people.in_protocol_order(get_user_model().objects.all())
    )


# What an item is made of: the item form edits it, a submitted version freezes it.
ITEM_FIELDS = (
    "start",
    "end",
    "kind",
    "title",
    "place",
    "address",
    "host_unit",
    "contacts",
    "attendees",
    "host_preparation",
    "notes",
    "travel_mode",
    "driver",
    "ticket",
    "origin",
    "destination",
    "fallback_plan",
    "room_type",
    "drinks",
)


class ItineraryItemQuerySet(models.QuerySet):
    def on_day(self, day: date, tz: zoneinfo.ZoneInfo) -> ItineraryItemQuerySet:
        """Items that take place on the day on this clock: those starting on it, and those
        running into it from the day before (an overnight train, the night's lodging)."""
        opens = datetime.combine(day, time.min, tz)
        closes = opens + timedelta(days=1)
        return self.filter(Q(start__gte=opens) | Q(end__gt=opens), start__lt=closes)


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

    class RoomType(models.TextChoices):
        STANDARD = "standard", _("Standard room (标准间)")
        SUITE = "suite", _("Ordinary suite (普通套间)")

    class Drinks(models.TextChoices):
        NONE = "none", _("No alcohol")
        ALCOHOL = "alcohol", _("Alcohol served")

    trip = models.ForeignKey(Trip, on_delete=models.CASCADE, related_name="items")
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.SITE_VISIT)
    title = models.CharField(pgettext_lazy("itinerary item", "title"), max_length=200)
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
    driver = models.CharField(_("driver"), max_length=100, blank=True)
    ticket = models.CharField(_("ticket or booking reference"), max_length=100, blank=True)
    origin = models.CharField(_("from"), max_length=200, blank=True)
    destination = models.CharField(_("to"), max_length=200, blank=True)
    fallback_plan = models.TextField(
        _("fallback plan"), blank=True, help_text=_("What happens in bad weather or on delay.")
    )
    # For lodging: the reception standards allow a suite only from a grade (第九条).
    room_type = models.CharField(
        _("the leader's room"), max_length=10, choices=RoomType.choices, blank=True
    )
    # For meals: some provinces serve no alcohol at a weekday lunch (湖南 细则).
    drinks = models.CharField(_("drinks"), max_length=10, choices=Drinks.choices, blank=True)
    # iCalendar SEQUENCE: rises with every saved change, so calendars replace the event.
    sequence = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ItineraryItemQuerySet.as_manager()

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

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding:
            self.sequence += 1
        super().save(*args, **kwargs)

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
        copy.sequence = 0
        copy.save()
        copy.contacts.set(contacts)
        copy.attendees.set(attendees)
        return copy

    def cancel(self) -> CancelledItem:
        """Delete the item, leaving a tombstone so that subscribed calendars cancel its event."""
        if self.trip.is_read_only:
            raise ValidationError(_("The trip is closed or cancelled: its items stay as they are."))
        with transaction.atomic():
            # get_or_create: a second click on a stale page must not fail or make a twin.
            tombstone, _created = CancelledItem.objects.get_or_create(
                item_pk=self.pk,
                defaults={
                    "trip_id": self.trip_id,
                    "title": self.title,
                    "start": self.start,
                    "end": self.end,
                    "place": self.place,
                    "address": self.address,
                    "sequence": self.sequence + 1,
                },
            )
            self.delete()
        return tombstone


class TripVersion(models.Model):
    """An immutable copy of the plan as submitted to the leader, and the leader's decision."""

    class Decision(models.TextChoices):
        PENDING = "pending", _("Waiting for the leader")
        APPROVED = "approved", _("Approved")
        CHANGES_REQUESTED = "changes_requested", _("Changes requested")
        SUPERSEDED = "superseded", _("Superseded by a later version")
        WITHDRAWN = "withdrawn", _("Withdrawn: the trip was cancelled")

    trip = models.ForeignKey(Trip, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    # The brief, the team, the itinerary and the findings as they were (trips.approval).
    snapshot = models.JSONField(editable=False)
    # The cost estimate as submitted (trips.costs.frozen): what the leader approved it with.
    costs = models.JSONField(default=list, blank=True, editable=False)
    note = models.TextField(_("note to the leader"), blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now)
    brief_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    brief_confirmed_at = models.DateTimeField(_("brief confirmed"), null=True, blank=True)
    decision = models.CharField(
        _("decision"), max_length=20, choices=Decision.choices, default=Decision.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        ordering = ["trip", "-number"]
        get_latest_by = "number"
        verbose_name = _("itinerary version")
        verbose_name_plural = _("itinerary versions")
        constraints = [
            models.UniqueConstraint(fields=["trip", "number"], name="one_number_per_version")
        ]

    def __str__(self) -> str:
        return f"{self.trip} v{self.number}"

    def get_absolute_url(self) -> str:
        return reverse("trips:version_detail", args=[self.trip_id, self.number])

    @property
    def is_pending(self) -> bool:
        return self.decision == self.Decision.PENDING


class ItemComment(models.Model):
    """The leader's comment on one item of a version."""

    version = models.ForeignKey(TripVersion, on_delete=models.CASCADE, related_name="item_comments")
    # The item's id inside the version's snapshot (the item itself may be gone since).
    item_id = models.PositiveIntegerField()
    text = models.TextField(_("comment"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    # The secretary marks a comment done once the plan answers it (trips.approval).
    done_at = models.DateTimeField(_("done"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("comment on an item")
        verbose_name_plural = _("comments on items")

    def __str__(self) -> str:
        return self.text

    @property
    def is_done(self) -> bool:
        return self.done_at is not None


class TripEvent(models.Model):
    """One step of a trip's history: who did what, when, to which version, and why."""

    class Action(models.TextChoices):
        SUBMITTED = "submitted", _("submitted the plan")
        BRIEF_CONFIRMED = "brief_confirmed", _("confirmed the brief")
        APPROVED = "approved", _("approved the plan")
        CHANGES_REQUESTED = "changes_requested", _("asked for changes")
        STARTED = "started", _("started the trip")
        COMPLETED = "completed", _("completed the trip")
        CLOSED = "closed", _("closed the trip")
        CANCELLED = "cancelled", _("cancelled the trip")
        REOPENED = "reopened", _("reopened the trip")
        MOVED = "moved", _("moved the itinerary")

    trip = models.ForeignKey(Trip, on_delete=models.CASCADE, related_name="events")
    version = models.ForeignKey(
        TripVersion, on_delete=models.SET_NULL, null=True, blank=True, related_name="events"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    action = models.CharField(max_length=30, choices=Action.choices)
    comment = models.TextField(blank=True)
    # What a move of the itinerary did (trips.moving), worded in each reader's language.
    details = models.JSONField(default=dict, blank=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("trip history entry")
        verbose_name_plural = _("trip history")

    def __str__(self) -> str:
        return f"{self.actor or 'Tripdesk'} {self.get_action_display()}"

    def what_moved(self) -> str:
        """A move of the itinerary in the reader's words ("14 items, 3 days later")."""
        if self.action != self.Action.MOVED:
            return ""
        return describe_move(self.details)


def new_feed_key() -> str:
    """A fresh secret for a calendar subscription address."""
    return secrets.token_urlsafe(32)


class CalendarFeed(models.Model):
    """The secret behind a user's private calendar subscription address (trips.calendar)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    key = models.CharField(max_length=64, unique=True, default=new_feed_key, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    # An internal trip leaves the office in a feed only as a busy block ("Internal trip",
    # its times), unless the user asks for its details in this feed.
    internal_details = models.BooleanField(_("internal trips in full"), default=False)

    class Meta:
        verbose_name = _("calendar subscription")
        verbose_name_plural = _("calendar subscriptions")

    def __str__(self) -> str:
        return str(self.user)

    @property
    def expires_at(self) -> datetime | None:
        """When the address stops working (CALENDAR_FEED_DAYS after it was made); None: never."""
        days = settings.CALENDAR_FEED_DAYS
        return self.created_at + timedelta(days=days) if days else None

    def renew(self) -> None:
        """Replace the secret: every address made with the old one stops working."""
        self.key = new_feed_key()
        self.created_at = timezone.now()
        self.save(update_fields=["key", "created_at"])


class CancelledItem(models.Model):
    """What remains of a deleted itinerary item, so that calendars show it as cancelled."""

    trip = models.ForeignKey(Trip, on_delete=models.CASCADE, related_name="cancelled_items")
    # The deleted item's pk: its event keeps the same UID, now with STATUS:CANCELLED.
    item_pk = models.PositiveIntegerField(unique=True)
    title = models.CharField(pgettext_lazy("itinerary item", "title"), max_length=200)
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    sequence = models.PositiveIntegerField()
    cancelled_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["start", "pk"]
        verbose_name = _("cancelled itinerary item")
        verbose_name_plural = _("cancelled itinerary items")

    def __str__(self) -> str:
        return self.title


class TripCost(models.Model):
    """One line of what the trip itself costs the office (差旅费: the party's transport,
    lodging, meals, other), estimated before approval and actual after; kept apart from
    what the hosts spend on the reception (接待费, notices.ReceptionList)."""

    class Category(models.TextChoices):
        TRANSPORT = "transport", pgettext_lazy("trip cost", "Transport (tickets, cars)")
        LOCAL = "local", pgettext_lazy("trip cost", "Local transport allowance")
        LODGING = "lodging", pgettext_lazy("trip cost", "Lodging")
        MEALS = "meals", pgettext_lazy("trip cost", "Meal allowance")
        OTHER = "other", pgettext_lazy("trip cost", "Other")

    trip = models.ForeignKey(Trip, on_delete=models.CASCADE, related_name="costs")
    category = models.CharField(_("cost"), max_length=10, choices=Category.choices)
    estimate = models.DecimalField(
        _("estimate (yuan)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    actual = models.DecimalField(
        _("actual (yuan)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("trip cost")
        verbose_name_plural = _("trip costs")
        constraints = [
            models.UniqueConstraint(fields=["trip", "category"], name="one_cost_line_per_category")
        ]

    def __str__(self) -> str:
        return f"{self.trip_id} {self.category}"
