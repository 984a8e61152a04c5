"""An office user's profile: the name and title the office prints, rank, phone, language."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class Grade(models.TextChoices):
    """The official's grade band (职级), which the reception standards read (directory)."""

    PROVINCIAL = "provincial", _("Provincial or ministerial (省部级)")
    BUREAU = "bureau", _("Department or bureau (厅局级)")
    COUNTY = "county", _("County or division (县处级)")
    TOWNSHIP = "township", _("Township or section (乡科级)")


class Profile(models.Model):
    """How the office writes a person: 王伟, 副省长; where they stand in protocol order."""

    class Language(models.TextChoices):
        ZH_HANS = "zh-hans", "简体中文"
        EN = "en", "English"

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    name = models.CharField(
        _("name"), max_length=100, blank=True, help_text=_("As the office writes it, e.g. 王伟.")
    )
    name_en = models.CharField(_("English name"), max_length=100, blank=True)
    title = models.CharField(_("title (职务)"), max_length=100, blank=True)
    title_en = models.CharField(_("title in English"), max_length=100, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    # Lists of people are printed by this, lowest first (the leader is 1), never by name.
    protocol_rank = models.PositiveIntegerField(
        _("protocol rank"),
        default=100,
        help_text=_("Orders every list of people: 1 comes first, then by rank."),
    )
    language = models.CharField(
        _("preferred language"), max_length=10, choices=Language.choices, default=Language.ZH_HANS
    )
    # The reception standards (meal caps, room type, escorts) depend on it: 第九条 allows a
    # suite only for 省部级. Blank: not recorded, and the checks that need it say nothing.
    grade = models.CharField(
        _("grade (职级)"),
        max_length=20,
        choices=Grade.choices,
        blank=True,
        help_text=_("The leader's grade band, which the reception standards read."),
    )

    class Meta:
        ordering = ["protocol_rank", "pk"]
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")

    def __str__(self) -> str:
        return self.display_name()

    def display_name(self, language: str | None = None) -> str:
        """The name in the reader's language: the English name on English pages, if any."""
        english = (language or get_language() or "").startswith("en")
        name = (self.name_en if english else "") or self.name
        return name or self.user.get_full_name() or self.user.get_username()

    def display_title(self, language: str | None = None) -> str:
        """The title (职务) in the reader's language."""
        english = (language or get_language() or "").startswith("en")
        return (self.title_en if english else "") or self.title


class Submission(models.Model):
    """One sending of a creating form, by the one-time key the form carried (accounts.submissions):
    claimed in the transaction that makes the row, so the same form sent twice makes one."""

    key = models.CharField(max_length=64, unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    # Where the first sending led (its redirect, or the page it was sent from): a second
    # sending goes there too.
    url = models.CharField(max_length=2000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("form submission")
        verbose_name_plural = _("form submissions")

    def __str__(self) -> str:
        return self.key
