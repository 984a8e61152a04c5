"""Office roles (secretary, leader, staff) and the view decorators that require them."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TYPE_CHECKING

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
    from django.http import HttpRequest, HttpResponse

    User = AbstractBaseUser | AnonymousUser

SECRETARY = "secretary"
LEADER = "leader"
STAFF = "staff"
OFFICE_ROLES = (SECRETARY, LEADER, STAFF)
ROLE_LABELS = {SECRETARY: _("Secretary"), LEADER: _("Leader"), STAFF: _("Staff")}


def office_roles(user: User) -> set[str]:
    """The office roles (group names) of a user, cached on the user object for the request."""
    if not user.is_authenticated:
        return set()
    if not hasattr(user, "_office_roles"):
        user._office_roles = set(
            user.groups.filter(name__in=OFFICE_ROLES).values_list("name", flat=True)
        )
    return user._office_roles


def is_office_user(user: User) -> bool:
    """True for anyone in the office: a secretary, a leader or staff."""
    return bool(office_roles(user))


def is_secretary(user: User) -> bool:
    """Secretaries plan trips and manage the directory."""
    return SECRETARY in office_roles(user)


def is_leader(user: User) -> bool:
    """Leaders decide on trip plans; only they may lead a trip."""
    return LEADER in office_roles(user)


def is_leader_only(user: User) -> bool:
    """A leader who is no secretary: his or her own short pages, none of the planning."""
    return is_leader(user) and not is_secretary(user)


def office_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Login required, then 403 for accounts that hold no office role."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not is_office_user(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return login_required(wrapped)


def secretary_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Login required, then 403 for anyone but a secretary."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not is_secretary(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return login_required(wrapped)
