"""Admin for notices to host units: for administrators repairing data, not for daily work."""

from __future__ import annotations

from django.contrib import admin

from notices.models import (
    Departure,
    LetterCounter,
    Notice,
    NoticeReply,
    OfficialLetter,
    PhoneNotice,
    UnitRequirements,
)


class NoticeReplyInline(admin.TabularInline):
    model = NoticeReply
    extra = 0


@admin.register(Notice)
class NoticeAdmin(admin.ModelAdmin):
    list_display = ["trip", "host_unit", "kind", "created_at", "acknowledged_at"]
    list_filter = ["kind", "preparation_status"]
    search_fields = ["trip__title", "host_unit__name"]
    list_select_related = ["trip", "host_unit"]
    readonly_fields = ["nonce"]
    inlines = [NoticeReplyInline]


@admin.register(UnitRequirements)
class UnitRequirementsAdmin(admin.ModelAdmin):
    list_display = ["trip", "host_unit", "updated_at"]
    search_fields = ["trip__title", "host_unit__name"]
    list_select_related = ["trip", "host_unit"]


@admin.register(Departure)
class DepartureAdmin(admin.ModelAdmin):
    list_display = ["item", "left_at"]
    list_select_related = ["item"]


@admin.register(LetterCounter)
class LetterCounterAdmin(admin.ModelAdmin):
    """Where an office starts Tripdesk's numbering after the numbers it gave by hand."""

    list_display = ["year", "last"]


@admin.register(OfficialLetter)
class OfficialLetterAdmin(admin.ModelAdmin):
    list_display = ["__str__", "trip", "host_unit", "status", "issued_at"]
    list_filter = ["status", "year"]
    search_fields = ["trip__title", "host_unit__name", "title"]
    list_select_related = ["trip", "host_unit"]


@admin.register(PhoneNotice)
class PhoneNoticeAdmin(admin.ModelAdmin):
    list_display = ["trip", "host_unit", "caller", "callee", "called_at"]
    list_select_related = ["trip", "host_unit"]
