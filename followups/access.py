"""Who may read and change notes and follow-up items.

Notes follow the trip's rules; writing is for the party. An item follows its trip's rules
(secretaries on the team change it, office users read it as they read the trip), and the
people who answer for it see it too: the members (Department.members) of its department or
of a co-owner department read it and update its status, answer and evidence, nothing else
of the trip. Through the department's signed link (followups.links) the same, without an
account. Everyone else gets a 404.

Refusals, here and in the domain functions of followups (and logistics, briefings), as in
trips: PermissionDenied when this user may not do it ("only the trip's secretaries close
it"; a view answers 403), ValidationError when what is asked is not valid now, whoever
asks (a trip not completed yet, an item done without its answer; a view shows the
message). Http404 where the user must not learn that the thing exists.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from directory.models import Department
from followups import notes
from followups.models import FollowUp
from trips.access import trip_for, visible_trips
from trips.models import Trip, TripMember


def note_trip_for(user, pk: int, *, edit: bool = False) -> Trip:
    """The trip whose notes the user reads (404 when the trip is hidden from them, as an
    internal trip is from outsiders); with edit, PermissionDenied unless they may write."""
    trip = trip_for(user, pk)
    if edit and not notes.may_write(trip, user):
        raise PermissionDenied
    return trip


def departments_of(user) -> QuerySet[Department]:
    """The departments the user answers for with their account (Department.members)."""
    if not user.is_authenticated:
        return Department.objects.none()
    return Department.objects.filter(members=user)


def owned_by(departments) -> QuerySet[FollowUp]:
    """The items these departments (a queryset or a list) answer for: as owner or co-owner."""
    shared = FollowUp.co_owners.through.objects.filter(department__in=departments)
    return FollowUp.objects.filter(
        Q(department__in=departments) | Q(pk__in=shared.values("followup_id"))
    )


def is_member(user, item: FollowUp) -> bool:
    """True when the user is a member of the item's department or of a co-owner department."""
    if not user.is_authenticated:
        return False
    return owned_by(departments_of(user)).filter(pk=item.pk).exists()


def acting_department(user, item: FollowUp) -> Department | None:
    """The department the user answers for the item as: its owner (牵头) first, else the
    first co-owner (配合) they are a member of; None for someone of neither."""
    mine = departments_of(user)
    if mine.filter(pk=item.department_id).exists():
        return item.department
    return mine.filter(followup_parts__followup=item).order_by("pk").first()


def item_for(user, pk: int, *, edit: bool = False) -> FollowUp:
    """The item as this user may see it: every item view asks here.

    Readable by the trip's rules (trips.access.trip_for) or by a member of a department
    that answers for it; Http404 for everyone else (an internal trip's items do not leak).
    With edit, PermissionDenied unless the user may update it (may_update).

    The item comes with `trip` (its team prefetched), `department_member` (the user answers
    for it), `through_department` (the user reads it only as a department member: the
    page then shows nothing else of the trip), `overdue` and `light` (on the office's today).
    """
    today = timezone.localdate()
    item = FollowUp.objects.with_overdue(today).with_light(today).filter(pk=pk)
    item = item.select_related("department", "contact", "host_unit", "note", "item").first()
    if item is None:
        raise Http404
    item.department_member = is_member(user, item)
    try:
        trip = trip_for(user, item.trip_id)
    except Http404:
        if not item.department_member:
            raise
        trip = Trip.objects.with_team().get(pk=item.trip_id)
        item.through_department = True
    else:
        item.through_department = False
    item.trip = trip
    if edit and not may_update(user, item):
        raise PermissionDenied
    return item


def may_update(user, item: FollowUp) -> bool:
    """Change the status, answer, reason, leader's help; comment; add evidence: the trip's
    secretaries, and the department's members, unless the trip was cancelled (a closed
    trip's items are still answered and reviewed). The item must come from item_for()."""
    return item.takes_answers and (item.trip.has_secretary(user) or item.department_member)


def may_close(user, trip: Trip) -> bool:
    """Close the trip (followups.items.close_trip, the follow-up panel's button): one of its
    secretaries, once the trip is completed. Every item must then have an outcome, which
    close_trip checks in the same update that closes it."""
    return trip.can_edit(user) and trip.is_completed


def may_manage(user, item: FollowUp) -> bool:
    """Remove evidence, send the department its link: the trip's secretaries, while the
    trip may be edited. The item must come from item_for()."""
    return item.trip.can_edit(user)


def may_print_slips(user, item: FollowUp) -> bool:
    """Print the item's 督办通知单 and 催办通知单: the trip's team (they carry the note it came
    from and the office's phones), not a department member reading it as such. The item
    must come from item_for()."""
    return not item.through_department and item.trip.role_of(user) is not None


def slip_item_for(user, pk: int) -> FollowUp:
    """The item whose slips the user prints: Http404 as item_for() (an internal trip's items
    do not leak), PermissionDenied unless may_print_slips."""
    item = item_for(user, pk)
    if not may_print_slips(user, item):
        raise PermissionDenied
    return item


def link_item(department: Department, pk: int) -> FollowUp | None:
    """One of the department's items (owner or co-owner) with what its link page shows
    (`overdue` and `light` on the office's today); None when the item is not the
    department's, or does not exist."""
    return (
        owned_by([department])
        .with_overdue(timezone.localdate())
        .with_light(timezone.localdate())
        .select_related("trip", "department", "host_unit")
        .filter(pk=pk)
        .first()
    )


# --- the post-trip report ------------------------------------------------------------------

REPORT_ROLES = (TripMember.Role.SECRETARY, TripMember.Role.LEADER)


def may_read_report(trip: Trip, user) -> bool:
    """The post-trip report is for the trip's secretaries and its leaders (the trip comes
    from trip_for(), its team prefetched)."""
    return trip.role_of(user) in REPORT_ROLES


def report_trip_for(user, pk: int, *, edit: bool = False) -> Trip:
    """The trip whose report (and its downloads) the user reads: Http404 unless they are a
    secretary or a leader on its team, whoever else may read the trip; with edit,
    PermissionDenied unless they may edit the trip (not once it is closed or cancelled)."""
    trip = trip_for(user, pk)
    if not may_read_report(trip, user):
        raise Http404
    if edit and not trip.can_edit(user):
        raise PermissionDenied
    return trip


# --- 督办统计 (followups.stats) -------------------------------------------------------------


def stats_trips(user) -> QuerySet[Trip]:
    """The trips whose items the user's 督办统计 counts: those the user may read and is a
    secretary or a leader on (the report's readers)."""
    team = TripMember.objects.filter(trip=OuterRef("pk"), user=user, role__in=REPORT_ROLES)
    return visible_trips(user).filter(Exists(team))


def stats_items_for(user) -> QuerySet[FollowUp]:
    """The items of the user's 督办统计; Http404 for anyone who is a secretary or a leader
    on no trip (there is nothing of theirs to count, and nothing of others' to learn)."""
    trips = stats_trips(user)
    if not trips.exists():
        raise Http404
    return FollowUp.objects.filter(trip__in=trips.values("pk"))
