"""Admin for the trips app: for administrators repairing data, not for daily work.

The admin shows every trip, confidential ones included: only give admin access
(is_staff) to people who may read everything.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.db.models import Count, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from .forms.directory import validate_phone
from .models import (
    CONTACT_FIELDS,
    CalendarFeed,
    CancelledItem,
    ChecklistItem,
    ChecklistTemplate,
    ChecklistTemplateItem,
    Contact,
    Departure,
    DigestSent,
    Gift,
    HostUnit,
    ItemComment,
    ItineraryItem,
    Notice,
    NoticeReply,
    PersonalNeed,
    SeatingAttendee,
    SeatingPlan,
    Trip,
    TripEvent,
    TripMember,
    TripVersion,
    UnitRequirements,
    Vehicle,
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


class ContactInline(admin.TabularInline):
    model = Contact
    extra = 0
    fields = ["name", "title", "department", "phone", "email", "receives_notices"]
    show_change_link = True


@admin.register(HostUnit)
class HostUnitAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "region", "language", "contact_count"]
    list_filter = ["kind", "language", "region"]
    search_fields = ["name", "region", "address"]
    inlines = [ContactInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).annotate(contact_count=Count("contacts"))

    @admin.display(description=_("contacts"), ordering="contact_count")
    def contact_count(self, unit: HostUnit) -> int:
        return unit.contact_count


class ContactAdminForm(forms.ModelForm):
    """The admin keeps the phone rule of the contact pages."""

    class Meta:
        model = Contact
        fields = list(CONTACT_FIELDS)

    def clean_phone(self) -> str:
        phone = self.cleaned_data["phone"]
        if phone:
            validate_phone(phone)
        return phone


@admin.register(Contact)
class ContactAdmin(admin.ModelAdmin):
    form = ContactAdminForm
    list_display = [
        "name",
        "title",
        "host_unit",
        "department",
        "phone",
        "email",
        "receives_notices",
    ]
    list_filter = ["receives_notices", "host_unit__kind"]
    search_fields = ["name", "title", "host_unit__name", "department", "phone", "email"]
    autocomplete_fields = ["host_unit"]
    list_select_related = ["host_unit"]


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


class ChecklistTemplateItemInline(admin.TabularInline):
    model = ChecklistTemplateItem
    extra = 0
    fields = ["position", "category", "title", "days_before"]


@admin.register(ChecklistTemplate)
class ChecklistTemplateAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "language", "is_default"]
    list_filter = ["kind", "language", "is_default"]
    search_fields = ["name"]
    inlines = [ChecklistTemplateItemInline]


@admin.register(ChecklistItem)
class ChecklistItemAdmin(admin.ModelAdmin):
    list_display = ["title", "trip", "category", "owner", "due_date", "days_before", "done"]
    list_filter = ["category", "done", "trip__visibility"]
    search_fields = ["title", "note", "trip__title"]
    autocomplete_fields = ["trip", "owner"]
    readonly_fields = ["done_by", "done_at"]
    list_select_related = ["trip", "owner"]


@admin.register(DigestSent)
class DigestSentAdmin(admin.ModelAdmin):
    list_display = ["user", "date", "message"]
    list_filter = ["date"]
    search_fields = ["user__username", "user__email"]
    raw_id_fields = ["user", "message"]


@admin.register(PersonalNeed)
class PersonalNeedAdmin(admin.ModelAdmin):
    list_display = ["person", "trip"]
    search_fields = ["trip__title", "person__username", "person__last_name"]
    autocomplete_fields = ["trip", "person"]
    list_select_related = ["trip", "person"]


@admin.register(Gift)
class GiftAdmin(admin.ModelAdmin):
    list_display = ["date", "direction", "counterpart", "item", "value_estimate", "trip"]
    list_filter = ["direction", "date"]
    search_fields = ["item", "counterpart", "trip__title"]
    autocomplete_fields = ["trip"]
    list_select_related = ["trip"]


@admin.register(Vehicle)
class VehicleAdmin(admin.ModelAdmin):
    list_display = ["name", "plate", "driver", "driver_phone", "trip"]
    search_fields = ["name", "plate", "driver", "trip__title"]
    autocomplete_fields = ["trip", "passengers"]
    list_select_related = ["trip"]


class SeatingAttendeeInline(admin.TabularInline):
    model = SeatingAttendee
    extra = 0


@admin.register(SeatingPlan)
class SeatingPlanAdmin(admin.ModelAdmin):
    list_display = ["item", "convention", "head_table_seats", "seats_per_row"]
    list_filter = ["convention"]
    search_fields = ["item__title", "item__trip__title"]
    autocomplete_fields = ["item"]
    inlines = [SeatingAttendeeInline]
