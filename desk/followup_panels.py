"""The dashboard's follow-up panels: each user sees what is theirs.

The secretary, what is overdue on the trips they are secretary of; the leader, what needs
the leader (help asked for, or found not doable lately) on the trips they lead; a
department's member, the department's open items. The rules are FollowUpQuerySet's; each
panel is a few rows and their count, one query.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from followups.models import FollowUp

ROWS = 10  # rows a panel shows; its count and link tell the rest


@dataclass(frozen=True)
class Panel:
    items: list[FollowUp]
    total: int

    @property
    def more(self) -> int:
        """How many the panel does not show."""
        return self.total - len(self.items)


def _panel(found, today: dt.date) -> Panel:
    rows = list(found.select_related("trip", "department").with_overdue(today).with_total()[:ROWS])
    return Panel(items=rows, total=rows[0].total if rows else 0)


def overdue_for_secretary(user, today: dt.date) -> Panel:
    """Overdue items of the trips where the user is a secretary on the team, oldest due first."""
    found = FollowUp.objects.for_secretary(user).overdue(today).order_by("due_date", "pk")
    return _panel(found, today)


def for_leader(user, now: dt.datetime) -> Panel:
    """Open items asking for this leader's help, then those found not doable in two weeks."""
    return _panel(FollowUp.objects.for_leader(user, now), timezone.localdate(now))


def for_departments(user, today: dt.date) -> Panel:
    """The open items of the user's departments, on the trips the user may read."""
    found = FollowUp.objects.of_departments_of(user).open().readable_by(user)
    return _panel(found.order_by("due_date", "pk"), today)


def panels(user, *, secretary: bool, leader: bool, now: dt.datetime) -> dict:
    """The dashboard's context for the panels this user has (by office role): one query each;
    the department panel shows only with items."""
    today = timezone.localdate(now)
    return {
        "followups_overdue": overdue_for_secretary(user, today) if secretary else None,
        "followups_for_leader": for_leader(user, now) if leader else None,
        "followups_departments": for_departments(user, today),
    }
