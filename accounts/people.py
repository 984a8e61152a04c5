"""How the office names and orders its people: names, titles, language, protocol order."""

from __future__ import annotations

from django.conf import settings
from django.db.models import F, QuerySet

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
