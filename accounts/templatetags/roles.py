"""{{ user|in_office }}: whether the navigation offers the office's pages to this user;
{{ user|leader_only }}: whether it is the leader's own short one."""

from __future__ import annotations

from django import template

from accounts import roles

register = template.Library()


@register.filter
def in_office(user) -> bool:
    """True for a secretary, a leader or staff (the roles are cached for the request)."""
    return roles.is_office_user(user)


@register.filter
def leader_only(user) -> bool:
    """A leader who is no secretary (accounts.roles.is_leader_only)."""
    return roles.is_leader_only(user)
