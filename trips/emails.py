"""The e-mails trips sends: one function per e-mail, all through the outbox.

Office users read theirs in their own language (accounts.people.language_of). The domain
module (approval) decides who is told and when; these functions only write the e-mails,
each in the caller's transaction. The e-mails to host units are the notices app's.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from accounts.people import language_of
from outbox.mail import make_message
from outbox.models import Message
from trips import snapshot, versions
from trips.models import TripVersion

# To the office: the plan's approval


def ask_to_decide(version: TripVersion, by, leaders: Iterable) -> list[Message]:
    """Ask each leader to approve the submitted version or ask for changes, naming the
    schedule's findings still open, in the leader's language."""
    frozen = snapshot.Snapshot.of(version)
    return _about_version(
        "version_submitted",
        version,
        by,
        leaders,
        lambda language: {"findings": frozen.findings_in(language)},
    )


def notify_decision(version: TripVersion, by, secretaries: Iterable) -> list[Message]:
    """Tell each secretary what the leader decided on the version, and on which items."""
    commented = versions.commented_items(version)
    return _about_version(
        "version_decided", version, by, secretaries, lambda language: {"commented": commented}
    )


def _about_version(
    template: str,
    version: TripVersion,
    by,
    users: Iterable,
    extra: Callable[[str], dict[str, Any]] = lambda language: {},
) -> list[Message]:
    """One e-mail about the version to each user; extra: more context in the user's language."""
    trip = version.trip
    return [
        make_message(
            template,
            user.email,
            {"version": version, "trip": trip, "by": by, "user": user, **extra(language_of(user))},
            language=language_of(user),
            path=version.get_absolute_url(),
            cause=f"{trip} v{version.number}",
            cause_key=f"trips.version:{version.pk}",
            recipient_user=user,
            created_by=by,
            trip_id=version.trip_id,
        )
        for user in users
        if user.email
    ]
