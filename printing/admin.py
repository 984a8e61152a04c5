"""Admin for printing: the download log of internal trips' documents, read-only."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from printing.models import Download


@admin.register(Download)
class DownloadAdmin(admin.ModelAdmin):
    """Nobody adds, changes or deletes a download: the log is the record."""

    list_display = ["at", "trip", "user", "document", "language"]
    list_filter = ["document", "language"]
    search_fields = ["trip__title", "user__username", "user__profile__name"]
    list_select_related = ["trip", "user"]
    date_hierarchy = "at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False
