"""Admin for logistics: checklists and templates, digests, needs, gifts, cars, seating."""

from __future__ import annotations

from django.contrib import admin

from logistics.models import (
    ChecklistItem,
    ChecklistTemplate,
    ChecklistTemplateItem,
    Gift,
    PersonalNeed,
    SeatingAttendee,
    SeatingPlan,
    Vehicle,
)


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
    list_display = ["item", "layout", "convention", "head_table_seats", "seats_per_row"]
    list_filter = ["layout", "convention"]
    search_fields = ["item__title", "item__trip__title"]
    autocomplete_fields = ["item"]
    inlines = [SeatingAttendeeInline]
