"""Admin for briefings: for administrators repairing data, not for daily work.

Saving here goes through the models' rules: changing a verified fact's content clears its
verification. The admin shows every section, sensitive matters included.
"""

from __future__ import annotations

from django.contrib import admin

from briefings.models import Attachment, Briefing, Figure, Person

SOURCED_READONLY = ["verified_by", "verified_at", "created_by", "created_at", "updated_at"]


class MaterialAdmin(admin.ModelAdmin):
    """Material is added on the briefing pages, where its owner and author are known."""

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(Briefing)
class BriefingAdmin(MaterialAdmin):
    list_display = ["__str__", "topic", "host_unit", "item", "first_hand", "verified_at"]
    list_filter = ["topic", "first_hand", ("verified_at", admin.EmptyFieldListFilter)]
    search_fields = ["title", "body", "source", "host_unit__name", "item__title"]
    list_select_related = ["host_unit", "item"]
    readonly_fields = ["host_unit", "item", *SOURCED_READONLY]


@admin.register(Figure)
class FigureAdmin(MaterialAdmin):
    list_display = ["label", "value", "unit", "as_of", "host_unit", "item", "verified_at"]
    list_filter = ["first_hand", ("verified_at", admin.EmptyFieldListFilter)]
    search_fields = ["label", "source", "host_unit__name", "item__title"]
    list_select_related = ["host_unit", "item"]
    readonly_fields = ["host_unit", "item", *SOURCED_READONLY]


@admin.register(Person)
class PersonAdmin(MaterialAdmin):
    list_display = ["name", "title", "host_unit", "order", "verified_at"]
    search_fields = ["name", "title", "host_unit__name"]
    list_select_related = ["host_unit"]
    readonly_fields = ["host_unit", *SOURCED_READONLY]


@admin.register(Attachment)
class AttachmentAdmin(MaterialAdmin):
    list_display = ["__str__", "file_type", "size", "host_unit", "item", "created_at"]
    list_filter = ["file_type"]
    search_fields = ["title", "filename", "host_unit__name", "item__title"]
    list_select_related = ["host_unit", "item"]
    # The file is checked on upload by the briefing pages only: no replacing it here.
    readonly_fields = [
        "host_unit",
        "item",
        "file",
        "filename",
        "file_type",
        "content_type",
        "size",
        "created_by",
        "created_at",
    ]
