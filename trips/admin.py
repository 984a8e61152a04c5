"""Admin for the trips app: for administrators repairing data, not for daily work.

The admin shows every trip, confidential ones included: only give admin access
(is_staff) to people who may read everything.
"""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from trips.models import (
    CalendarFeed,
    CancelledItem,
    ItemComment,
    ItineraryItem,
    Trip,
    TripCost,
    TripEvent,
    TripMember,
    TripVersion,
)


class TripMemberInline(admin.TabularInline):
    model = TripMember
    extra = 0
    autocomplete_fields = ["user"]


class ItineraryItemInline(admin.TabularInline):
    model = ItineraryItem
    extra = 0
    fields = ["start", "end", "kind", "title", "place", "host_unit"]
    autocomplete_fields = ["host_unit"]
    show_change_link = True


@admin.register(Trip)
class TripAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "start_date", "end_date", "visibility", "status", "created_by"]
    list_filter = ["kind", "visibility", "status", "start_date"]
    search_fields = ["title", "purpose", "intention", "topics"]
    date_hierarchy = "start_date"
    list_select_related = ["created_by"]
    readonly_fields = ["status", "created_by", "created_at", "updated_at"]
    inlines = [TripMemberInline, ItineraryItemInline]

    def save_model(self, request: HttpRequest, obj: Trip, form, change: bool) -> None:
        # created_by is not editable: a trip added here is the admin's own.
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(TripCost)
class TripCostAdmin(admin.ModelAdmin):
    list_display = ["trip", "category", "estimate", "actual", "updated_at"]
    list_filter = ["category"]
    search_fields = ["trip__title"]
    list_select_related = ["trip"]


@admin.register(ItineraryItem)
class ItineraryItemAdmin(admin.ModelAdmin):
    list_display = ["title", "trip", "start", "end", "kind", "host_unit"]
    list_filter = ["kind", "trip__visibility", "start"]
    search_fields = ["title", "place", "address", "trip__title", "host_unit__name"]
    date_hierarchy = "start"
    autocomplete_fields = ["trip", "host_unit", "contacts", "attendees"]
    list_select_related = ["trip", "host_unit"]


@admin.register(TripMember)
class TripMemberAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "trip"]
    list_filter = ["role", "trip__visibility"]
    search_fields = [
        "trip__title",
        "user__username",
        "user__first_name",
        "user__last_name",
    ]
    autocomplete_fields = ["trip", "user"]
    list_select_related = ["trip", "user"]


# Checklists, people's needs, the protocol register, cars, seating (trips.checklists, .seating)


class ItemCommentInline(admin.TabularInline):
    model = ItemComment
    extra = 0
    readonly_fields = ["item_id", "text", "author", "created_at"]


@admin.register(TripVersion)
class TripVersionAdmin(admin.ModelAdmin):
    """Versions are the record of what the leader saw: read-only."""

    list_display = ["trip", "number", "decision", "submitted_by", "submitted_at", "decided_by"]
    list_filter = ["decision"]
    search_fields = ["trip__title"]
    list_select_related = ["trip", "submitted_by", "decided_by"]
    inlines = [ItemCommentInline]

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


@admin.register(TripEvent)
class TripEventAdmin(admin.ModelAdmin):
    list_display = ["created_at", "trip", "actor", "action", "version"]
    list_filter = ["action"]
    search_fields = ["trip__title", "comment"]
    list_select_related = ["trip", "actor", "version"]

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


@admin.register(CancelledItem)
class CancelledItemAdmin(admin.ModelAdmin):
    list_display = ["title", "trip", "start", "cancelled_at"]
    search_fields = ["title", "trip__title"]
    list_select_related = ["trip"]


@admin.register(CalendarFeed)
class CalendarFeedAdmin(admin.ModelAdmin):
    list_display = ["user", "created_at"]
    search_fields = ["user__username"]
    readonly_fields = ["key"]
