"""Host units, their contacts, and the departments that answer for follow-ups (承办部门)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts import words


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
