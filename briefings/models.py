"""Briefings: what the leader must know about each host unit and each visit.

Every fact carries its source, says whether it is first-hand, and whether (by whom, when)
it was verified. Material belongs either to a host unit (reused on every trip that visits
it) or to one itinerary item (this visit only): exactly one of the two.
"""

from __future__ import annotations

import hashlib
import uuid
from datetime import datetime
from decimal import Decimal
from pathlib import PurePath
from typing import ClassVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from directory.models import HostUnit
from trips.models import ItineraryItem


def _canonical(value: object) -> str:
    """One spelling per value: 12.5 as loaded (12.5000) and as typed (12.5) are the same."""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return str(value)


class Sourced(models.Model):
    """A fact with its source, first- or second-hand, and its verification.

    Verifying needs a source. Changing a fact's content (CONTENT_FIELDS) after it was
    verified clears the verification: what was checked is no longer what is written.
    """

    # The fields a verifier checked; subclasses name theirs.
    CONTENT_FIELDS: ClassVar[tuple[str, ...]] = ()

    source = models.CharField(
        _("source"),
        max_length=300,
        help_text=_("Where this comes from: a document, a person, a visit (who and when)."),
    )
    first_hand = models.BooleanField(
        _("first-hand"),
        default=False,
        help_text=_("Seen or heard by our own staff. Leave unticked for material supplied."),
    )
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verified by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    verified_at = models.DateTimeField(_("verified"), null=True, blank=True, editable=False)

    class VerifiedHow(models.TextChoices):
        PHONE = "phone", _("by phone")
        SITE_VISIT = "site_visit", _("on a site visit")
        DOCUMENT = "document", _("against a document")

    verified_how = models.CharField(
        _("verified how"), max_length=20, choices=VerifiedHow.choices, blank=True, editable=False
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, editable=False, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        """Save; a verified fact whose content was edited loses its verification."""
        update_fields = kwargs.get("update_fields")
        if self.is_verified and self.content_changed():
            self.unverify(save=False)
            if update_fields is not None:
                kwargs["update_fields"] = {
                    *update_fields,
                    "verified_by",
                    "verified_at",
                    "verified_how",
                }
        super().save(*args, **kwargs)
        self._remember_content()

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._remember_content()
        return instance

    def refresh_from_db(self, using=None, fields=None, from_queryset=None) -> None:
        super().refresh_from_db(using=using, fields=fields, from_queryset=from_queryset)
        self._remember_content(fields)

    def _remember_content(self, fields=None) -> None:
        """Keep the content as stored (all of it, or the fields just read) to spot edits."""
        deferred = self.get_deferred_fields()
        names = [
            n for n in self.CONTENT_FIELDS if n not in deferred and (not fields or n in fields)
        ]
        stored = getattr(self, "_stored_content", {}) if fields else {}
        self._stored_content = {**stored, **{name: getattr(self, name) for name in names}}

    @property
    def is_verified(self) -> bool:
        return self.verified_at is not None

    @property
    def hand_label(self) -> str:
        return _("First-hand") if self.first_hand else _("Second-hand")

    def content_changed(self) -> bool:
        """True when the content differs from what was loaded (or nothing was loaded)."""
        stored = getattr(self, "_stored_content", None)
        if stored is None:
            return not self._state.adding
        return any(getattr(self, name) != value for name, value in stored.items())

    def content_digest(self) -> str:
        """A short fingerprint of the content, so a verifier confirms what they saw."""
        text = "\x1f".join(_canonical(getattr(self, name)) for name in self.CONTENT_FIELDS)
        return hashlib.sha256(text.encode()).hexdigest()[:16]

    def verify(
        self, user, now: datetime | None = None, *, seen: str | None = None, how: str = ""
    ) -> None:
        """Record that the user checked this fact against its source.

        seen: the content_digest() of what the user was shown; if the fact changed since,
        they have not checked what it says now.
        """
        if not self.source.strip():
            raise ValidationError(_("Give the source before marking it verified."))
        if seen is not None and seen != self.content_digest():
            raise ValidationError(_("This changed since you opened the page: read it again."))
        if self.is_verified:
            return  # a double click keeps the first verifier
        self.verified_by, self.verified_at = user, now or timezone.now()
        self.verified_how = how
        super().save(update_fields=["verified_by", "verified_at", "verified_how"])

    def unverify(self, *, save: bool = True) -> None:
        """Withdraw the verification."""
        self.verified_by, self.verified_at, self.verified_how = None, None, ""
        if save:
            super().save(update_fields=["verified_by", "verified_at", "verified_how"])


class Material(models.Model):
    """Anything shown as a card on a briefing page, with an anchor to link to it."""

    # "section", "figure", "person", "attachment": names the URLs and the card template.
    kind: ClassVar[str] = ""

    class Meta:
        abstract = True

    def get_absolute_url(self) -> str:
        return f"{self.owner_url()}#{self.anchor}"

    def owner_url(self) -> str:
        """The briefing page this material is shown and edited on."""
        raise NotImplementedError

    @property
    def anchor(self) -> str:
        return f"{self.kind}-{self.pk}"

    @property
    def card_template(self) -> str:
        return f"briefings/_{self.kind}.html"


class Owned(Material):
    """Material that belongs to a host unit (every trip) or to one itinerary item."""

    host_unit = models.ForeignKey(
        HostUnit,
        verbose_name=_("host unit"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        editable=False,
        related_name="%(app_label)s_%(class)ss",
    )
    item = models.ForeignKey(
        ItineraryItem,
        verbose_name=_("itinerary item"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        editable=False,
        related_name="%(app_label)s_%(class)ss",
    )

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=Q(host_unit__isnull=False, item__isnull=True)
                | Q(host_unit__isnull=True, item__isnull=False),
                name="%(app_label)s_%(class)s_has_one_owner",
                violation_error_message=_("Material belongs to a host unit or to a visit."),
            )
        ]

    def owner_url(self) -> str:
        if self.item_id:
            return reverse("briefings:item", args=[self.item.trip_id, self.item_id])
        return reverse("briefings:unit", args=[self.host_unit_id])


class Briefing(Owned, Sourced):
    """One section of background material on a topic, with its source."""

    class Topic(models.TextChoices):
        HISTORY = "history", _("History")
        LEADERSHIP = "leadership", _("Leadership team")
        CURRENT_WORK = "current_work", _("Current work and evaluations")
        FIGURES = "figures", _("Key figures")
        DIRECTIVES = "directives", _("Directives from higher levels")
        TRANSPORT = "transport", _("Transport")
        GEOGRAPHY = "geography", _("Geography")
        CUSTOMS = "customs", _("Local customs")
        TALKING_POINTS = "talking_points", _("Topics and talking points")
        SENSITIVE = "sensitive", _("Sensitive matters")
        OTHER = "other", _("Other")

    CONTENT_FIELDS = ("body",)
    kind = "section"

    topic = models.CharField(_("topic"), max_length=20, choices=Topic.choices)
    title = models.CharField(pgettext_lazy("briefing", "title"), max_length=200, blank=True)
    body = models.TextField(_("text"))

    class Meta(Owned.Meta):
        ordering = ["pk"]
        verbose_name = _("briefing section")
        verbose_name_plural = _("briefing sections")

    def __str__(self) -> str:
        return self.title or self.get_topic_display()

    @property
    def is_sensitive(self) -> bool:
        return self.topic == self.Topic.SENSITIVE


class Person(Material, Sourced):
    """A member of a host unit's leadership team, with their title."""

    CONTENT_FIELDS = ("name", "title", "responsibilities")
    kind = "person"

    host_unit = models.ForeignKey(
        HostUnit,
        verbose_name=_("host unit"),
        on_delete=models.CASCADE,
        editable=False,
        related_name="briefing_people",
    )
    name = models.CharField(_("name"), max_length=100)
    title = models.CharField(pgettext_lazy("person", "title"), max_length=200)
    responsibilities = models.TextField(_("responsibilities"), blank=True)
    order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Protocol order: the head of the unit first (1).")
    )

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("leader of a host unit")
        verbose_name_plural = _("leadership team")

    def __str__(self) -> str:
        return f"{self.name}, {self.title}"

    def owner_url(self) -> str:
        return reverse("briefings:unit", args=[self.host_unit_id])


class Figure(Owned, Sourced):
    """A key figure: a value with its unit and the date it holds for."""

    CONTENT_FIELDS = ("label", "value", "unit", "as_of")
    kind = "figure"

    label = models.CharField(_("label"), max_length=200)
    value = models.DecimalField(_("value"), max_digits=20, decimal_places=4)
    unit = models.CharField(
        _("unit"),
        max_length=50,
        blank=True,
        help_text=_("For example: households, %, million yuan."),
    )
    as_of = models.DateField(_("as of"), help_text=_("The date this figure holds for."))

    class Meta(Owned.Meta):
        ordering = ["pk"]
        verbose_name = _("figure")
        verbose_name_plural = _("figures")

    def __str__(self) -> str:
        return f"{self.label}: {self.display_value} {self.unit}".strip()

    @property
    def display_value(self) -> str:
        """The value without trailing zeros, with thousands separators: 12,500.5."""
        return format(self.value.normalize(), ",f")


def attachment_path(instance: Attachment, filename: str) -> str:
    """A random name on disk: nothing the uploader typed reaches the file system."""
    return f"briefings/{uuid.uuid4().hex}{PurePath(filename).suffix.lower()}"


class Attachment(Owned):
    """A document or picture, checked on upload and served only to those who may see it."""

    class Kind(models.TextChoices):
        PDF = "pdf", _("PDF")
        WORD = "word", _("Word document")
        EXCEL = "excel", _("Excel workbook")
        IMAGE = "image", _("Image")

    kind = "attachment"

    title = models.CharField(pgettext_lazy("briefing", "title"), max_length=200, blank=True)
    file = models.FileField(_("file"), upload_to=attachment_path)
    filename = models.CharField(_("file name"), max_length=255, editable=False)
    file_type = models.CharField(_("type"), max_length=10, choices=Kind.choices, editable=False)
    content_type = models.CharField(max_length=100, editable=False)
    size = models.PositiveBigIntegerField(_("size"), editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, editable=False, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta(Owned.Meta):
        ordering = ["pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.title or self.filename

    def download_url(self) -> str:
        return reverse("briefings:attachment", args=[self.pk])

    def set_file(self, upload, checked) -> None:
        """Take an upload that accounts.uploads.check() accepted."""
        self.file = upload
        self.filename = checked.filename
        self.file_type = checked.file_type
        self.content_type = checked.content_type
        self.size = upload.size

    def delete(self, *args, **kwargs):
        """Delete the row, then the file once the deletion is committed."""
        name, storage = self.file.name, self.file.storage
        result = super().delete(*args, **kwargs)
        if name:
            transaction.on_commit(lambda: storage.delete(name))
        return result
