"""The record of who downloaded which document of an internal trip, and when."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from trips.models import Trip


class Download(models.Model):
    """One download of a document of an internal (party-only) trip: who, which, when.

    Written by printing.documents.record() (for download(), and a slip's Word file) and
    nowhere else; a row is never changed or deleted from the app (the admin shows it
    read-only; save() and delete() refuse). It goes only with its trip.
    """

    trip = models.ForeignKey(
        Trip, verbose_name=_("trip"), on_delete=models.CASCADE, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("downloaded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    document = models.CharField(_("document"), max_length=40)
    language = models.CharField(_("language"), max_length=10)
    at = models.DateTimeField(_("downloaded"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("download of an internal document")
        verbose_name_plural = _("downloads of internal documents")

    def __str__(self) -> str:
        return f"{self.document} · {self.user_id} · {self.at:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding:
            raise PermissionDenied("The download log is never changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionDenied("The download log is never changed.")
