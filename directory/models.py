"""Host units, their contacts, and the departments that answer for follow-ups (承办部门)."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from accounts import words
from accounts.models import Grade


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

    class Level(models.TextChoices):
        """The administrative level the unit answers to: the 陪同 caps depend on it."""

        PROVINCE = "province", _("Province (省级)")
        CITY = "city", _("City (市级)")
        COUNTY = "county", _("County (县级)")
        TOWNSHIP = "township", _("Township or below (乡镇级)")

    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    level = models.CharField(
        _("level"),
        max_length=20,
        choices=Level.choices,
        blank=True,
        help_text=_("The level the unit answers to; the reception standards read it."),
    )
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
        return reverse("directory:hostunit_detail", args=[self.pk])


# What a contact is made of: the contact form, the admin and the CSV import all use it.
CONTACT_FIELDS = (
    "name",
    "title",
    "host_unit",
    "department",
    "phone",
    "email",
    "receives_notices",
    "notes",
)


class Contact(models.Model):
    """A person at a host unit or at one of the office's own departments."""

    name = models.CharField(_("full name"), max_length=100)
    title = models.CharField(_("job title"), max_length=100, blank=True)
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
        return self.name + words.aside(self.organisation)

    def get_absolute_url(self) -> str:
        return reverse("directory:contact_edit", args=[self.pk])

    @property
    def organisation(self) -> str:
        return self.host_unit.name if self.host_unit_id else self.department


class Department(models.Model):
    """A department that answers for follow-up items (承办部门), and the people who speak for it."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    language = models.CharField(
        _("language for reminders"),
        max_length=10,
        choices=Language.choices,
        default=Language.ZH_HANS,
    )
    contacts = models.ManyToManyField(
        Contact,
        verbose_name=_("contacts"),
        blank=True,
        related_name="departments",
        help_text=_("The people who answer for the department."),
    )
    # Office users who answer for the department with their own account (they see and
    # update its follow-up items); everyone else uses the department's signed link.
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("members with an account"),
        blank=True,
        related_name="departments",
        help_text=_("Office users who update the department's follow-up items when logged in."),
    )
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("department")
        verbose_name_plural = _("departments")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("directory:department_edit", args=[self.pk])


class ReceptionStandardQuerySet(models.QuerySet):
    def in_force(self) -> ReceptionStandard:
        """The office's standards in force; the central rule's defaults when none is chosen."""
        return self.filter(in_force=True).first() or ReceptionStandard(name=CENTRAL_NAME)


# The name of the shipped default, which is the central rule itself.
CENTRAL_NAME = "《党政机关国内公务接待管理规定》（中办、国办，2013年）"  # noqa: RUF001


class ReceptionStandard(models.Model):
    """The reception standards the feasibility checks read (trips.standards, notices.standards):
    one row per preset (the central rule, a province's stricter 细则), one of them in force.

    Kept in the directory, the lowest app every check can read: trips checks the itinerary,
    notices the hosts' answers, and both must read one table.
    """

    name = models.CharField(_("name"), max_length=200, unique=True)
    province = models.CharField(
        _("province"), max_length=50, blank=True, help_text=_("Blank for the central rule.")
    )
    sources = models.TextField(
        _("sources"), blank=True, help_text=_("The documents and articles these values follow.")
    )
    in_force = models.BooleanField(_("in force"), default=False)
    home_region = models.CharField(
        _("the office's own region"),
        max_length=100,
        blank=True,
        help_text=_("Host units in this region are local (同城) for the meal caps."),
    )
    # 第十条: the host may arrange 工作餐一次.
    host_meals = models.PositiveSmallIntegerField(
        _("meals a host may provide"),
        default=1,
        help_text=_("工作餐 per host unit and visit; the central rule allows one."),
    )
    # Meal caps, yuan per person per meal (第十条: 按照规定标准; the amounts are set locally).
    meal_provincial = models.PositiveIntegerField(
        _("meal cap, 省部级, out of town (yuan)"), null=True, blank=True
    )
    meal_bureau = models.PositiveIntegerField(
        _("meal cap, 厅局级, out of town (yuan)"), null=True, blank=True
    )
    meal_county = models.PositiveIntegerField(
        _("meal cap, 县处级, out of town (yuan)"), null=True, blank=True
    )
    meal_township = models.PositiveIntegerField(
        _("meal cap, 乡科级, out of town (yuan)"), null=True, blank=True
    )
    meal_provincial_local = models.PositiveIntegerField(
        _("meal cap, 省部级, local (yuan)"), null=True, blank=True
    )
    meal_bureau_local = models.PositiveIntegerField(
        _("meal cap, 厅局级, local (yuan)"), null=True, blank=True
    )
    meal_county_local = models.PositiveIntegerField(
        _("meal cap, 县处级, local (yuan)"), null=True, blank=True
    )
    meal_township_local = models.PositiveIntegerField(
        _("meal cap, 乡科级, local (yuan)"), null=True, blank=True
    )
    # 陪餐 tiers (第十条: ≤10 visitors → ≤3; above → ≤ a third). A stricter province adds a
    # small-party tier (≤5 → 2).
    small_party = models.PositiveSmallIntegerField(
        _("small party: up to (people)"),
        null=True,
        blank=True,
        help_text=_("Blank when there is no separate tier for a small party."),
    )
    small_party_escorts = models.PositiveSmallIntegerField(
        _("small party: at most at the meal"), null=True, blank=True
    )
    party = models.PositiveSmallIntegerField(_("party: up to (people)"), default=10)
    party_escorts = models.PositiveSmallIntegerField(_("party: at most at the meal"), default=3)
    large_party_divisor = models.PositiveSmallIntegerField(
        _("larger party: at most one in"),
        default=3,
        validators=[MinValueValidator(1)],
        help_text=_("Above the party size, at most this fraction of the party, rounded down."),
    )
    # 第九条: 标准间; 普通套间 only for 省部级.
    suite_from = models.CharField(
        _("a suite from the grade"), max_length=20, choices=Grade.choices, default=Grade.PROVINCIAL
    )
    # 陪同 caps by the leader's grade and the host's level: the escorts_<grade>_<level>
    # fields added below the class (ESCORT_FIELDS).
    # 湖南 细则: 工作日中餐不上酒.
    weekday_lunch_dry = models.BooleanField(_("no alcohol at a weekday lunch"), default=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ReceptionStandardQuerySet.as_manager()

    class Meta:
        ordering = ["-in_force", "name"]
        verbose_name = _("reception standards")
        verbose_name_plural = _("reception standards")
        constraints = [
            models.UniqueConstraint(
                fields=["in_force"],
                condition=Q(in_force=True),
                name="one_reception_standard_in_force",
                violation_error_message=_("Only one set of standards is in force."),
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("directory:standard_edit", args=[self.pk])

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if (self.small_party is None) != (self.small_party_escorts is None):
            field = "small_party_escorts" if self.small_party_escorts is None else "small_party"
            errors[field] = _("Give both the small party's size and its limit, or neither.")
        elif (
            self.small_party is not None
            and self.party is not None
            and (self.small_party >= self.party)
        ):
            errors["small_party"] = _("The small party must be smaller than the party.")
        if errors:
            raise ValidationError(errors)

    def put_in_force(self) -> None:
        """This preset in force, and no other: in one transaction, the other one out first."""
        with transaction.atomic():
            ReceptionStandard.objects.exclude(pk=self.pk).filter(in_force=True).update(
                in_force=False
            )
            ReceptionStandard.objects.filter(pk=self.pk).update(in_force=True)
        self.in_force = True

    @property
    def is_central(self) -> bool:
        """The shipped default: the central rule, no province's additions."""
        return not self.province

    def meal_escorts_allowed(self, visitors: int) -> int:
        """陪餐 allowed for a party of this size (第十条, or the province's stricter tiers)."""
        if self.small_party is not None and visitors <= self.small_party:
            return self.small_party_escorts or 0
        if visitors <= self.party:
            return self.party_escorts
        return visitors // max(self.large_party_divisor, 1)

    def suite_allowed(self, grade: str) -> bool:
        """A 普通套间 for this grade (第九条: only 省部级 by default); the ranks run high to low."""
        order = list(Grade.values)
        return grade in order and order.index(grade) <= order.index(self.suite_from)

    def escorts_allowed(self, grade: str, level: str) -> int | None:
        """陪同 allowed for a leader of this grade at a host of this level; None when the
        level is not recorded. A grade not recorded is read as the highest (the most
        lenient cap), so that what is too many for any leader is still found."""
        if level not in HostUnit.Level.values:
            return None
        grade = grade if grade in Grade.values else Grade.PROVINCIAL
        return getattr(self, f"escorts_{grade}_{level}")

    def meal_cap(self, grade: str, local: bool) -> int | None:
        """Yuan per person per meal for the grade; a local cap falls back to out of town."""
        if grade not in Grade.values:
            return None
        out_of_town = getattr(self, f"meal_{grade}")
        if local:
            cap = getattr(self, f"meal_{grade}_local")
            return out_of_town if cap is None else cap
        return out_of_town


# 陪同 caps, one field per leader's grade and host's level (八项规定 实施细则: 市、县 only one
# person accompanies; 不得层层多人陪同), the grid the settings page shows.
ESCORT_FIELDS: tuple[str, ...] = ()
for _grade in Grade:
    for _level in HostUnit.Level:
        ReceptionStandard.add_to_class(
            f"escorts_{_grade.value}_{_level.value}",
            models.PositiveSmallIntegerField(
                format_lazy(
                    _("陪同 at most: a {grade} leader at a {level} host"),
                    grade=_grade.label,
                    level=_level.label,
                ),
                default=1,
            ),
        )
        ESCORT_FIELDS += (f"escorts_{_grade.value}_{_level.value}",)
