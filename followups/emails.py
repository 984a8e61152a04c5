"""The e-mails follow-up items send: one function per e-mail, all through the outbox."""

from __future__ import annotations

from accounts.people import language_of
from followups.models import FollowUp, FollowUpUpdate
from outbox.mail import make_message
from outbox.models import Message


def _alert(template: str, item: FollowUp, update: FollowUpUpdate, by, to: list) -> list[Message]:
    messages = []
    for user in to:
        messages.append(
            make_message(
                template,
                user.email,
                {"user": user, "item": item, "trip": item.trip, "by": by},
                language=language_of(user),
                path=item.get_absolute_url(),
                cause=f"{template}: {item.title}",
                cause_key=f"{template}:{update.pk}:{user.pk}",
                recipient_user=user,
                created_by=by,
                trip_id=item.trip_id,
            )
        )
    return messages


def cannot_be_done(item: FollowUp, update: FollowUpUpdate, by, to: list) -> list[Message]:
    """Tell the trip's secretaries and leaders that an item cannot be done, and why."""
    return _alert("followup_cannot", item, update, by, to)


def needs_leader(item: FollowUp, update: FollowUpUpdate, by, to: list) -> list[Message]:
    """Tell the trip's secretaries at once that an item needs the leader's help."""
    return _alert("followup_needs_leader", item, update, by, to)
