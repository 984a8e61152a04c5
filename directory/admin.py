"""Admin for the directory: host units, contacts and departments."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.db.models import Count, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from accounts.forms import one_line_formfield
from directory.forms import STANDARD_GROUPS, validate_phone
from directory.models import CONTACT_FIELDS, Contact, Department, HostUnit, ReceptionStandard


class ContactInline(admin.TabularInline):
    model = Contact
    extra = 0
    fields = ["name", "title", "department", "phone", "email", "receives_notices"]
    show_change_link = True


@admin.register(HostUnit)
class HostUnitAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "level", "region", "language", "contact_count"]
    list_filter = ["kind", "level", "language", "region"]
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
        formfield_callback = one_line_formfield
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


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ["name", "language", "contact_count"]
    list_filter = ["language"]
    search_fields = ["name", "contacts__name", "notes"]
    autocomplete_fields = ["contacts"]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).annotate(contact_count=Count("contacts"))

    @admin.display(description=_("contacts"), ordering="contact_count")
    def contact_count(self, department: Department) -> int:
        return department.contact_count


@admin.register(ReceptionStandard)
class ReceptionStandardAdmin(admin.ModelAdmin):
    """The standards table, as the settings page edits it (directory.views.standard_edit)."""

    list_display = ["name", "province", "in_force", "updated_at"]
    list_filter = ["in_force"]
    search_fields = ["name", "province"]
    # The settings page's groups, and whether the preset is in force.
    fieldsets = [
        (title, {"fields": [*names, "in_force"] if n == 0 else list(names)})
        for n, (title, names) in enumerate(STANDARD_GROUPS)
    ]
