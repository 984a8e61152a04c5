"""Reminders and escalation of follow-up items: the digests the hourly beat job sends.

Three digests, each derived from the rows and the due dates alone (no schedule is kept):

- The owner department's, daily: its items due within FOLLOWUP_REMINDER_DAYS (once per
  due date: `reminded_before_on`) and its overdue items (every day: `overdue_reminded_on`),
  those it co-owns marked so, with the department's signed link. To each member with an
  account in their own language, to each contact with an e-mail in the department's.
- The secretary's, daily: the items that became overdue on the trips where they are a
  secretary, each reported once (`overdue_reported_on`).
- The leader's, weekly on FOLLOWUP_LEADER_WEEKDAY: the overdue items and the items that
  became "cannot be done" in the past seven days, of the trips they lead.

Nothing goes before FOLLOWUP_DIGEST_HOUR on the office clock; items with an outcome (except
the leader's "cannot be done" news) and items of closed or cancelled trips are never reminded.

Claims. A digest is a unique Digest row (kind, recipient, day or week) written in the same
transaction as its e-mails: a second run, or a second beat process, fails to write it and
sends nothing. The items' own dates are claimed by conditional updates in that transaction.
One item may go to several recipients (co-owner departments, a trip's secretaries): an
item claimed today is listed in every such digest of the day, and an unclaimed one joins
the day's digests only while none of its recipients has had theirs, so that nobody misses
it; an item that becomes due after that waits for the next day's digests.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone

from directory.models import Contact, Department
from followups import emails, links
from followups.models import Digest, FollowUp, FollowUpQuerySet, FollowUpUpdate
from trips.models import Trip, TripMember

S = FollowUp.Status
K = Digest.Kind
CO_OWNED = FollowUp.co_owners.through


@dataclass(frozen=True)
class Counts:
    """How many digests each run sent, by kind."""

    owner: int = 0
    secretary: int = 0
    leader: int = 0

    @property
    def total(self) -> int:
        return self.owner + self.secretary + self.leader


def send_reminders(now: datetime | None = None) -> Counts:
    """The beat job: every digest due at this moment, none before the office's digest hour.

    Safe to run any number of times, in any number of processes: each digest goes once.
    """
    local = timezone.localtime(now or timezone.now())
    if local.hour < settings.FOLLOWUP_DIGEST_HOUR:
        return Counts()
    today = local.date()
    return Counts(
        owner=send_owner_digests(today),
        secretary=send_secretary_digests(today),
        leader=send_leader_digests(today),
    )


def remindable() -> FollowUpQuerySet:
    """Items still without an outcome, on trips that are neither closed nor cancelled."""
    # A closed or cancelled trip is the record of what happened: its items are not chased.
    return FollowUp.objects.open().exclude(trip__status__in=Trip.READ_ONLY)


def _with_trip(items: QuerySet[FollowUp]) -> QuerySet[FollowUp]:
    return items.select_related("trip", "department").order_by("due_date", "trip_id", "pk")


def _one_trip(*groups: list[FollowUp]) -> int | None:
    """The trip id when every item listed is of one trip: the e-mail then belongs to it."""
    trips = {item.trip_id for group in groups for item in group}
    return trips.pop() if len(trips) == 1 else None


def _recipients():
    """Office accounts that can receive a digest: active, with an address."""
    return get_user_model().objects.filter(is_active=True).exclude(email="")


# The owner department's daily reminder -------------------------------------------------


def reminder_window(today: date) -> Q:
    """Due today or within the next FOLLOWUP_REMINDER_DAYS days."""
    last = today + timedelta(days=settings.FOLLOWUP_REMINDER_DAYS)
    return Q(due_date__gte=today, due_date__lte=last)


def not_reminded_before() -> Q:
    """No reminder before the current due date yet: none at all, or one before an earlier
    due date (the date was moved later since)."""
    lead = timedelta(days=settings.FOLLOWUP_REMINDER_DAYS)
    return Q(reminded_before_on__isnull=True) | Q(reminded_before_on__lt=F("due_date") - lead)


def of_department(department: Department) -> Q:
    """Items the department owns or co-owns."""
    shared = CO_OWNED.objects.filter(department=department).values("followup_id")
    return Q(department=department) | Q(pk__in=shared)


def _department_had_digest(department: Department, today: date) -> Q:
    """Items another of whose departments has had today's reminder already."""
    done = Digest.objects.filter(kind=K.OWNER, period=today).exclude(department=department)
    done = done.values("department")
    shared = CO_OWNED.objects.filter(department__in=done).values("followup_id")
    return Q(department__in=done) | Q(pk__in=shared)


def owner_items(department: Department, today: date) -> tuple[list[FollowUp], list[FollowUp]]:
    """(due soon, overdue): the department's items for today's reminder.

    Every item listed has `co_owned` set: True when the department shares it with its
    owner department.
    """
    items = remindable().filter(of_department(department))
    joining = ~_department_had_digest(department, today)
    soon = items.filter(reminder_window(today)).filter(
        Q(reminded_before_on=today) | (not_reminded_before() & joining)
    )
    overdue = items.filter(due_date__lt=today).filter(Q(overdue_reminded_on=today) | joining)
    soon, overdue = list(_with_trip(soon)), list(_with_trip(overdue))
    for item in (*soon, *overdue):
        item.co_owned = item.department_id != department.pk
    return soon, overdue


def owner_recipients(department: Department) -> tuple[list, list[Contact]]:
    """(members, contacts) who get the department's reminder: the members with an account
    and an address, then the contacts with an e-mail that no member has."""
    members = list(
        _recipients().filter(departments=department).select_related("profile").order_by("pk")
    )
    taken = {user.email.lower() for user in members}
    contacts = []
    for contact in department.contacts.exclude(email="").order_by("name", "pk"):
        if contact.email.lower() not in taken:
            taken.add(contact.email.lower())
            contacts.append(contact)
    return members, contacts


def send_owner_digests(today: date) -> int:
    """Each department with items due soon or overdue gets today's reminder once; returns
    how many departments it went to."""
    due = remindable().filter(
        Q(due_date__lt=today)
        | (reminder_window(today) & (not_reminded_before() | Q(reminded_before_on=today)))
    )
    shared = CO_OWNED.objects.filter(followup__in=due).values("department")
    departments = (
        Department.objects.filter(Q(pk__in=due.values("department")) | Q(pk__in=shared))
        .exclude(pk__in=Digest.objects.filter(kind=K.OWNER, period=today).values("department"))
        .order_by("pk")
    )
    return sum(1 for department in departments if send_owner_digest(department, today))


def send_owner_digest(department: Department, today: date) -> Digest | None:
    """Write today's reminder for one department to the outbox; None when it went already,
    or when nothing is due or nobody has an address."""
    members, contacts = owner_recipients(department)
    if not (members or contacts):
        return None
    try:
        with transaction.atomic():
            digest = Digest.objects.create(kind=K.OWNER, department=department, period=today)
            soon, overdue = owner_items(department, today)
            if not (soon or overdue):
                transaction.set_rollback(True)  # another run took them meanwhile
                return None
            # The items' own claims: the reminder before this due date, today's overdue one.
            FollowUp.objects.filter(pk__in=[i.pk for i in soon]).filter(
                not_reminded_before()
            ).update(reminded_before_on=today)
            FollowUp.objects.filter(pk__in=[i.pk for i in overdue]).exclude(
                overdue_reminded_on=today
            ).update(overdue_reminded_on=today)
            link = links.current(department)  # its signed link, new when none or expired
            messages = emails.owner_digest(
                digest, soon, overdue, link, members, contacts, trip_id=_one_trip(soon, overdue)
            )
            digest.message = messages[0]  # the first of the department's copies
            digest.save(update_fields=["message"])
    except IntegrityError:
        return None  # another run sent it today
    return digest


# The secretary's daily digest of what became overdue ----------------------------------


def not_reported() -> Q:
    """Not yet reported overdue for the current due date: never, or for an earlier one."""
    return Q(overdue_reported_on__isnull=True) | Q(overdue_reported_on__lte=F("due_date"))


def secretary_items(user, today: date) -> list[FollowUp]:
    """The items newly overdue on the trips the user is a secretary of (and may read)."""
    trips = Trip.objects.visible_to(user).on_team(user, TripMember.Role.SECRETARY)
    done = Digest.objects.filter(kind=K.SECRETARY, period=today).exclude(user=user)
    reported_trips = TripMember.objects.filter(
        role=TripMember.Role.SECRETARY, user__in=done.values("user")
    ).values("trip")
    items = remindable().filter(trip__in=trips, due_date__lt=today)
    items = items.filter(
        Q(overdue_reported_on=today) | (not_reported() & ~Q(trip__in=reported_trips))
    )
    return list(_with_trip(items))


def send_secretary_digests(today: date) -> int:
    """Each secretary whose trips have newly overdue items gets today's digest once; returns
    how many went."""
    due = (
        remindable()
        .filter(due_date__lt=today)
        .filter(Q(overdue_reported_on=today) | not_reported())
    )
    on_team = TripMember.objects.filter(role=TripMember.Role.SECRETARY, trip__in=due.values("trip"))
    done = Digest.objects.filter(kind=K.SECRETARY, period=today).values("user")
    secretaries = (
        _recipients()
        .filter(pk__in=on_team.values("user"))
        .exclude(pk__in=done)
        .select_related("profile")
        .order_by("pk")
    )
    return sum(1 for user in secretaries if send_secretary_digest(user, today))


def send_secretary_digest(user, today: date) -> Digest | None:
    """Write today's overdue digest for one secretary; None when it went already or when
    nothing became overdue on their trips."""
    try:
        with transaction.atomic():
            digest = Digest.objects.create(kind=K.SECRETARY, user=user, period=today)
            items = secretary_items(user, today)
            if not items:
                transaction.set_rollback(True)
                return None
            FollowUp.objects.filter(pk__in=[i.pk for i in items]).filter(not_reported()).update(
                overdue_reported_on=today
            )
            digest.message = emails.secretary_digest(digest, user, items, trip_id=_one_trip(items))
            digest.save(update_fields=["message"])
    except IntegrityError:
        return None
    return digest


# The leader's weekly digest -----------------------------------------------------------


def week_of(today: date) -> date:
    """The Monday of the day's week: the period of the leader's digest."""
    return today - timedelta(days=today.weekday())


def past_week(today: date) -> tuple[datetime, datetime]:
    """The seven whole days before today on the office clock: [start, end)."""
    zone = timezone.get_default_timezone()
    end = datetime.combine(today, time(), zone)
    return datetime.combine(today - timedelta(days=7), time(), zone), end


def became_cannot(today: date) -> QuerySet[FollowUp]:
    """Items that are "cannot be done" and became so in the past week (their history says)."""
    start, end = past_week(today)
    changes = FollowUpUpdate.objects.filter(at__gte=start, at__lt=end, changes__status__1=S.CANNOT)
    return FollowUp.objects.filter(status=S.CANNOT, pk__in=changes.values("followup"))


def _led_trips(user) -> QuerySet[Trip]:
    return Trip.objects.visible_to(user).led_by(user).live()


def leader_items(user, today: date) -> tuple[list[FollowUp], list[FollowUp]]:
    """(overdue, cannot be done this past week) of the trips the user leads."""
    trips = _led_trips(user)
    overdue = remindable().filter(trip__in=trips, due_date__lt=today)
    cannot = became_cannot(today).filter(trip__in=trips)
    return list(_with_trip(overdue)), list(_with_trip(cannot))


def send_leader_digests(today: date) -> int:
    """On FOLLOWUP_LEADER_WEEKDAY, each leader with overdue or "cannot be done" items on
    their trips gets the week's digest once; returns how many went."""
    if today.weekday() != settings.FOLLOWUP_LEADER_WEEKDAY:
        return 0
    overdue = remindable().filter(due_date__lt=today).values("trip")
    cannot = became_cannot(today).values("trip")
    trips = Trip.objects.live().filter(Q(pk__in=overdue) | Q(pk__in=cannot))
    on_team = TripMember.objects.filter(role=TripMember.Role.LEADER, trip__in=trips)
    done = Digest.objects.filter(kind=K.LEADER, period=week_of(today)).values("user")
    leaders = (
        _recipients()
        .filter(pk__in=on_team.values("user"))
        .exclude(pk__in=done)
        .select_related("profile")
        .order_by("pk")
    )
    return sum(1 for user in leaders if send_leader_digest(user, today))


def send_leader_digest(user, today: date) -> Digest | None:
    """Write this week's digest for one leader; None when it went already this week or
    when there is nothing to tell."""
    try:
        with transaction.atomic():
            digest = Digest.objects.create(kind=K.LEADER, user=user, period=week_of(today))
            overdue, cannot = leader_items(user, today)
            if not (overdue or cannot):
                transaction.set_rollback(True)
                return None
            digest.message = emails.leader_digest(
                digest, user, today, overdue, cannot, trip_id=_one_trip(overdue, cannot)
            )
            digest.save(update_fields=["message"])
    except IntegrityError:
        return None
    return digest
