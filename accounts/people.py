"""How the office names and orders its people: names, titles, language, protocol order."""

from __future__ import annotations

from django.conf import settings
from django.db.models import F, QuerySet
from django.utils.translation import get_language

from accounts import words
from accounts.models import Profile


def profile_of(user) -> Profile:
    """The user's profile; an unsaved blank one for a user who has none yet."""
    try:
        return user.profile
    except Profile.DoesNotExist:
        return Profile(user=user)


def language_of(user) -> str:
    """The language e-mails to this user are written in: the one the user prefers."""
    profile = profile_of(user)
    return profile.language if profile.pk else settings.LANGUAGE_CODE


def in_protocol_order(users: QuerySet) -> QuerySet:
    """Users by protocol rank (the leader first), never by name; no profile goes last."""
    return users.select_related("profile").order_by(
        F("profile__protocol_rank").asc(nulls_last=True), "pk"
    )


def _english(language: str | None) -> bool:
    return (language or get_language() or "").startswith("en")


def display_name(user, language: str | None = None) -> str:
    """The user's name as the office writes it; the English name on English pages, if any."""
    return profile_of(user).display_name(language)


def display_title(user, language: str | None = None) -> str:
    """The user's title (职务) in the reader's language; empty when none is known."""
    return profile_of(user).display_title(language)


def with_title(name: str, title: str, language: str | None = None) -> str:
    """Name and title: in full-width brackets on Chinese pages, "Wang Wei (Vice Governor)"
    in English."""
    return f"{name}{words.aside(title, language)}"


def person_label(user, language: str | None = None) -> str:
    """The user's name and title, the way every list of people prints them."""
    return with_title(display_name(user, language), display_title(user, language), language)
