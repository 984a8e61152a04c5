"""{{ user|person }} prints name and title (王伟 and 副省长 in full-width brackets, or
Wang Wei (Vice Governor) in English); {{ user|person_name }} the name alone. Both take
an office user or anyone with display_name()/display_title() (a trip's party member),
in the page's language."""

from __future__ import annotations

from django import template
from django.contrib.auth.models import AbstractBaseUser

from accounts import people

register = template.Library()


@register.filter
def person(who) -> str:
    """Name and title, in the page's language."""
    if who is None or who == "":
        return ""
    if isinstance(who, AbstractBaseUser):
        return people.person_label(who)
    return people.with_title(who.display_name(), who.display_title())


@register.filter
def person_name(who) -> str:
    """The name alone, in the page's language."""
    if who is None or who == "":
        return ""
    if isinstance(who, AbstractBaseUser):
        return people.display_name(who)
    return who.display_name()
