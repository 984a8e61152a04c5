"""Admin for accounts: each user's profile beside the account; the rank is the secretaries'."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User
from django.http import HttpRequest

from accounts import roles
from accounts.models import Profile


def may_rank(user) -> bool:
    """Only secretaries (and superusers) set where people stand in protocol order."""
    return user.is_superuser or roles.is_secretary(user)


class ProfileInline(admin.StackedInline):
    model = Profile
    can_delete = False
    fields = [
        "name",
        "name_en",
        "title",
        "title_en",
        "phone",
        "protocol_rank",
        "grade",
        "language",
    ]

    def get_readonly_fields(self, request: HttpRequest, obj=None) -> list[str]:
        return [] if may_rank(request.user) else ["protocol_rank", "grade"]


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = [
        "protocol_rank",
        "name",
        "title",
        "grade",
        "name_en",
        "title_en",
        "user",
        "language",
    ]
    list_display_links = ["name"]
    list_filter = ["grade"]
    search_fields = ["name", "name_en", "title", "user__username"]
    ordering = ["protocol_rank", "pk"]

    def get_readonly_fields(self, request: HttpRequest, obj=None) -> list[str]:
        return [] if may_rank(request.user) else ["protocol_rank", "grade"]


admin.site.unregister(User)


@admin.register(User)
class OfficeUserAdmin(UserAdmin):
    inlines = [*UserAdmin.inlines, ProfileInline]
