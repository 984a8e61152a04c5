"""{{ user|in_office }}: whether the navigation offers the office's pages to this user."""

from __future__ import annotations

from django import template

from accounts import roles

register = template.Library()


@register.filter
def in_office(user) -> bool:
    """True for a secretary, a leader or staff (the roles are cached for the request)."""
    return roles.is_office_user(user)
