"""The dashboard's panels: what each user sees on the home page, by office role.

A leader sees the versions waiting for a decision first and no secretary's panels; a
secretary, the host units' unread messages and the drafts; everyone in the office, their
upcoming trips and the office's others; the follow-up panels are desk.followup_panels'.
Someone who only answers for a department has no dashboard: they land on the department's
items (landing).
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.utils import timezone

from accounts.roles import is_leader, is_leader_only, is_secretary
from desk import followup_panels
from followups import access as followup_access
from logistics import checklists
from notices import messages as unit_messages
from trips import approval
from trips.access import visible_trips
from trips.models import Trip, TripMember


def landing(user) -> str:
    """Where an account without an office role goes instead (a URL name): a department's
    member to the department's items; PermissionDenied for anyone else."""
    if followup_access.departments_of(user).exists():
        return "followups:my_department_items"
    raise PermissionDenied


def dashboard(user, now: dt.datetime) -> dict:
    """The dashboard's context for an office user: each panel a few rows, a fixed number
    of queries whatever the number of trips."""
    today = timezone.localdate(now)
    trips = visible_trips(user).with_team()
    secretary = is_secretary(user)
    leader_only = is_leader_only(user)
    if leader_only:
        upcoming = trips.on_team(user).upcoming(today)
    else:
        # Checklist progress is annotated: the same query, whatever the number of trips.
        upcoming = checklists.with_progress(trips.on_team(user), today).upcoming(today)
    return {
        "for_approval": approval.waiting_for(user)[:20],
        # Units' messages nobody has read yet, on trips I am secretary of (one query).
        "host_messages": unit_messages.unread(user) if secretary else [],
        "upcoming": upcoming[:10],
        "drafts": None
        if leader_only
        else trips.on_team(user, role=TripMember.Role.SECRETARY)
        .filter(status=Trip.Status.DRAFT)
        .order_by("start_date", "pk")[:10],
        "office_upcoming": trips.upcoming(today).exclude(members__user=user)[:10],
        "today": today,
        "can_create": secretary,
        "leader_only": leader_only,
        "is_leader": is_leader(user),
        **followup_panels.panels(user, secretary=secretary, leader=is_leader(user), now=now),
    }
