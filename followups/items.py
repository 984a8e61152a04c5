"""Follow-up items: made from a note, changed by rules, counted, and the trip closed on them.

件件有着落 事事有回音: an item ends done with the answer given, or as cannot be done with
the reason; a trip is closed only when every item has one of those outcomes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.text import Truncator, capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts import words
from accounts.dates import long_date
from followups import access, emails
from followups.models import (
    ExtensionRequest,
    FollowUp,
    FollowUpPart,
    FollowUpUpdate,
    Light,
    Note,
)
from notices import reception
from trips import approval
from trips.models import Trip, TripEvent, TripMember

S = FollowUp.Status

# What update() may change in place; anything else is a programming error. The status, the
# answer and the reason move only by the steps of followups.workflow, where the office's
# acceptance (审核) settles an item.
EDITABLE = ("needs_leader", "due_date", "priority")
# What the owner department (a member, or anyone through its link) may change in place:
# only its call for the leader's help. Its status and answer move by the steps of
# followups.workflow, and the office settles the item.
DEPARTMENT_EDITABLE = ("needs_leader",)


def initial_from_note(note: Note) -> dict:
    """The new item's fields as the note suggests them: its text, its visit's host unit."""
    text = " ".join(note.text.split())
    return {
        "title": Truncator(text).chars(FollowUp._meta.get_field("title").max_length),
        "to_do": note.text,
        "host_unit": note.item.host_unit_id if note.item_id else None,
    }


def raised_by_leader(note: Note, trip: Trip) -> bool:
    """The leader raised the matter: the leader's remark, or a note the leader wrote. Such
    an item goes to the leader's review (领导审阅) once the office accepts the answer."""
    if note.kind == Note.Kind.REMARK:
        return True
    return trip.members.filter(user=note.author_id, role=TripMember.Role.LEADER).exists()


@transaction.atomic
def create(item: FollowUp, by, co_owners=()) -> FollowUp:
    """Save a new item (trip, origin and fields set by the caller) and its first history row."""
    item.created_by = by
    if item.note_id is not None and raised_by_leader(item.note, item.trip):
        item.raised_by_leader = True
    item.save()
    if co_owners:
        item.co_owners.set(co_owners)
    FollowUpUpdate.objects.create(
        followup=item,
        by_user=by,
        changes={"status": [None, item.status]},
        comment=_("Item created."),
    )
    return item


def _plain(value):
    """A value as the JSON history keeps it."""
    if isinstance(value, date):
        return value.isoformat()
    return value


def check(item: FollowUp, changes: dict) -> None:
    """The rules an item's new state must follow; ValidationError keyed by field."""
    status = changes.get("status", item.status)
    answer = changes.get("answer", item.answer)
    reason = changes.get("reason", item.reason)
    errors = {}
    if status not in S.values:
        errors["status"] = _("Choose a status.")
    if status == S.DONE and not (answer or "").strip():
        errors["answer"] = _("An item is done only with the answer given.")
    if status == S.CANNOT and not (reason or "").strip():
        errors["reason"] = _("Say why it cannot be done.")
    # A closed trip's ledger says every matter has an outcome (件件有着落): an item of it
    # may be answered again, never reopened.
    if item.trip.status == Trip.Status.CLOSED and status in FollowUp.OPEN_STATUSES:
        errors["status"] = _(
            "The trip is closed: this item keeps an outcome (done, or cannot be done)."
        )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def update(
    item: FollowUp,
    by,
    *,
    comment: str = "",
    by_name: str = "",
    as_department: bool = False,
    **changes,
) -> FollowUpUpdate | None:
    """Change the item in place by the rules and write who changed what, when; None if
    nothing changed.

    `by` is the user, or None for a change through the department's link, which names who
    made it in `by_name` (and is the department's: as_department). The department changes
    only DEPARTMENT_EDITABLE. Asking for the leader's help alerts the secretaries at once,
    by e-mail after commit. A due date moved once the item was handed over keeps the first
    one (original_due_date), as an approved 延期 does.
    """
    allowed = DEPARTMENT_EDITABLE if as_department or by is None else EDITABLE
    unknown = set(changes) - set(allowed)
    if unknown:
        raise TypeError(f"update() cannot change {sorted(unknown)}")
    # The row locked: two people changing one item at once are applied one after the other.
    current = FollowUp.objects.select_for_update().get(pk=item.pk)
    for name in (*EDITABLE, "status", "original_due_date"):
        setattr(item, name, getattr(current, name))
    check(item, changes)
    diff = {
        name: [_plain(getattr(item, name)), _plain(value)]
        for name, value in changes.items()
        if getattr(item, name) != value
    }
    if not diff and not comment.strip():
        return None
    was_needs_leader = item.needs_leader
    if "due_date" in diff and item.status != S.PENDING and not item.was_extended:
        # Handed over with a date: lateness stays measured against it (延期).
        changes["original_due_date"] = item.due_date
    for name, value in changes.items():
        setattr(item, name, value)
    item.save(update_fields=[*changes, "updated_at"])
    record = FollowUpUpdate.objects.create(
        followup=item, by_user=by, by_name=by_name.strip(), changes=diff, comment=comment.strip()
    )
    if item.needs_leader and not was_needs_leader:
        trip = Trip.objects.with_team().get(pk=item.trip_id)
        emails.needs_leader(item, record, by, people(trip, TripMember.Role.SECRETARY, by=by))
    return record


def people(trip: Trip, *roles: str, by=None) -> list:
    """The trip's team members in these roles who have an account and an address, without
    the person who made the change (who knows already); each once."""
    seen, found = set(), []
    for member in trip.members.all():
        user = member.user
        if member.role not in roles or user is None or not user.email or user.pk in seen:
            continue
        if by is not None and user.pk == by.pk:
            continue
        seen.add(user.pk)
        found.append(user)
    return found


def history(item: FollowUp) -> list[FollowUpUpdate]:
    """The item's changes, oldest first, with who made them; each with `lines` to show."""
    updates = list(item.updates.select_related("by_user__profile"))
    for update in updates:
        update.lines = change_lines(update)
    return updates


# Values of earlier versions still in the history, shown in today's words: an "open"
# item was handed to its department (migration 0005).
LEGACY = {("status", "open"): S.ASSIGNED}


def _step_line(name: str, change: dict) -> tuple[str, str, str]:
    """A co-owner's part or a request for more time moving on, in words."""
    old, new = change["status"]
    if name == "part":
        label = _("Part of %(department)s") % {"department": change["department"]}
        words = dict(FollowUpPart.Status.choices)
    else:
        label = _("Request for more time, to %(date)s") % {
            "date": long_date(date.fromisoformat(change["to"]))
        }
        words = dict(ExtensionRequest.Status.choices)
    return (label, str(words.get(old, "—")), str(words.get(new, new)))


def change_lines(update: FollowUpUpdate) -> list[tuple[str, str, str]]:
    """What an update changed, in words: (field, before, after)."""
    lines = []
    for name, value in update.changes.items():
        if name in ("part", "extension"):
            lines.append(_step_line(name, value))
            continue
        old, new = value
        field = FollowUp._meta.get_field(name)

        def shown(value, field=field) -> str:
            if value is None or value == "":
                return "—"
            value = LEGACY.get((field.name, value), value)
            if isinstance(value, bool):
                return _("yes") if value else _("no")
            if field.choices:
                return str(dict(field.flatchoices).get(value, value))
            if field.get_internal_type() == "DateField":  # kept as ISO text (_plain)
                return long_date(date.fromisoformat(value))
            return str(value)

        lines.append((capfirst(field.verbose_name), shown(old), shown(new)))
    return lines


@dataclass(frozen=True)
class Counts:
    total: int
    open: int  # waiting for the department: not yet answered, nor in progress
    in_progress: int
    in_review: int  # answered, waiting for the office's or the leader's review
    done: int
    cannot: int
    overdue: int
    # The open items by 督办 light (FollowUpQuerySet.with_light).
    green: int = 0
    yellow: int = 0
    red: int = 0

    @property
    def outcomes(self) -> int:
        return self.done + self.cannot

    @property
    def all_have_outcomes(self) -> bool:
        return self.outcomes == self.total

    @property
    def answered_share(self) -> int | None:
        """Per cent of the items done with the answer given (事事有回音); None without items."""
        return round(100 * self.done / self.total) if self.total else None


def counts(items: QuerySet[FollowUp], today: date) -> Counts:
    """The items counted by status, the overdue ones, and the open ones by light, in one
    query."""
    row = (
        items.order_by()
        .with_light(today)
        .aggregate(
            total=Count("pk"),
            open=Count(
                "pk", filter=Q(status__in=(S.PENDING, S.ASSIGNED, S.ACKNOWLEDGED, S.RETURNED))
            ),
            in_progress=Count("pk", filter=Q(status=S.IN_PROGRESS)),
            in_review=Count("pk", filter=Q(status__in=FollowUp.REVIEW_STATUSES)),
            done=Count("pk", filter=Q(status=S.DONE)),
            cannot=Count("pk", filter=Q(status=S.CANNOT)),
            overdue=Count("pk", filter=FollowUp.overdue_on(today)),
            green=Count("pk", filter=Q(light=Light.GREEN)),
            yellow=Count("pk", filter=Q(light=Light.YELLOW)),
            red=Count("pk", filter=Q(light=Light.RED)),
        )
    )
    return Counts(**row)


def for_list(items: QuerySet[FollowUp], today: date) -> QuerySet[FollowUp]:
    """Items with what a list row shows joined or prefetched (a fixed number of queries), the
    overdue ones marked, each with its light."""
    return (
        items.with_overdue(today)
        .with_light(today)
        .select_related("trip", "department", "contact", "host_unit")
        .prefetch_related("co_owners")
    )


def board(
    user,
    today: date,
    *,
    department=None,
    status: str = "",
    overdue: bool = False,
    light: str = "",
    trip=None,
    leader=None,
    needing=None,
) -> tuple[QuerySet[FollowUp], QuerySet[FollowUp]]:
    """The board's items (every item of the trips the user may read) filtered; and the same
    without the status filter, for the counts. The board and its Excel export both ask here.
    needing: a leader, whose items are those that need him or her (FollowUp.for_leader);
    light: only the open items with this light (the counts still show every light)."""
    items = FollowUp.objects.readable_by(user)
    if department is not None:
        shared = FollowUp.co_owners.through.objects.filter(department=department)
        items = items.filter(Q(department=department) | Q(pk__in=shared.values("followup_id")))
    if trip is not None:
        items = items.filter(trip=trip)
    if leader is not None:
        items = items.filter(
            trip__in=Trip.objects.on_team(leader, TripMember.Role.LEADER).values("pk")
        )
    if needing is not None:
        needs = FollowUp.objects.for_leader(needing, timezone.now()).order_by()
        items = items.filter(pk__in=needs.values("pk"))
    if overdue:
        items = items.overdue(today)
    counted = items
    if status:
        items = items.filter(status=status)
    if light:
        lit = FollowUp.objects.with_light(today).filter(light=light).order_by()
        items = items.filter(pk__in=lit.values("pk"))
    return items, counted


@transaction.atomic
def close_trip(trip: Trip, by) -> None:
    """Close the trip once every item has an outcome and every host unit's 接待清单 is in
    (or waived); PermissionDenied for anyone but its secretaries, ValidationError saying why
    not.

    The one way a trip is closed (trips.approval.change_status needs this rule as its
    guard): the check and the change are one conditional update, so an item made at the
    same moment cannot slip through.
    """
    if not trip.can_edit(by):
        raise PermissionDenied(_("Only the trip's secretaries close it."))
    if not access.may_close(by, trip):
        raise ValidationError(_("Only a completed trip is closed."))
    unsettled = FollowUp.objects.open().filter(trip=OuterRef("pk"))
    # 接待清单: every host unit's list is in, or waived with a reason (notices.reception).
    guard = ~Exists(unsettled) & ~reception.unsettled_lists()
    try:
        approval.change_status(trip, Trip.Status.CLOSED, guard=guard)
    except ValidationError:
        trip.refresh_from_db(fields=["status"])
        open_items = trip.followups.open().count()
        missing = reception.missing(trip)
        if missing and not open_items:
            raise ValidationError(
                _("The reception list of %(units)s is not in: ask for it, or waive it.")
                % {"units": words.series(unit.name for unit in missing)}
            ) from None
        if not open_items:
            raise
        raise ValidationError(
            ngettext(
                "One follow-up item has no outcome yet.",
                "%(count)s follow-up items have no outcome yet.",
                open_items,
            )
            % {"count": open_items}
        ) from None
    TripEvent.objects.create(trip=trip, actor=by, action=TripEvent.Action.CLOSED)
