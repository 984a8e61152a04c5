"""The e-mails logistics sends: one function per e-mail, all through the outbox."""

from __future__ import annotations

from datetime import date

from django.urls import reverse
from django.utils.translation import gettext_lazy

from accounts.dates import long_date_lazy
from accounts.people import language_of
from accounts.words import labelled_lazy
from logistics.models import ChecklistItem
from outbox.mail import make_message
from outbox.models import Message


def send_daily_digest(
    user, today: date, due: list[ChecklistItem], overdue: list[ChecklistItem]
) -> Message:
    """One person's checklist items due today and overdue, in the person's language."""
    return make_message(
        "checklist_digest",
        user.email,
        {
            "user": user,
            "today": today,
            "due": due,
            "overdue": overdue,
            "count": len(due) + len(overdue),
        },
        language=language_of(user),
        path=reverse("desk:my_checklist"),
        cause=labelled_lazy(gettext_lazy("Checklist reminder"), long_date_lazy(today)),
        cause_key=f"trips.checklist_digest:{user.pk}:{today.isoformat()}",
        recipient_user=user,
    )
