"""Reminders and escalation of follow-up items: the digests the hourly beat job sends.

Three digests, each derived from the rows and the due dates alone (no schedule is kept):

- The owner department's, daily: its items due within FOLLOWUP_REMINDER_DAYS (once per
  due date: `reminded_before_on`) and its overdue items (every day: `overdue_reminded_on`),
  those it co-owns marked so, with the department's signed link. To each member with an
  account in their own language, to each contact with an e-mail in the department's.
- The secretary's, daily: the items that became overdue on the trips where they are a
  secretary, each reported once (`overdue_reported_on`).
- The leader's, weekly on FOLLOWUP_LEADER_WEEKDAY: the overdue items and the items that
  became "cannot be done" in the seven days before that weekday, of the trips they lead,
  and those chased DUBAN_ESCALATE_ROUNDS times with no answer (需领导协调, with the rounds).

Every item an owner digest lists for its own department is a 催办 round by digest
(followups.urging.record_digest).

Nothing goes before FOLLOWUP_DIGEST_HOUR on the office clock; items with an outcome (except
the leader's "cannot be done" news) and items of closed or cancelled trips are never reminded.

Claims. A digest is an outbox claim (outbox.claims: kind, recipient's id, day or week)
written in the same transaction as its e-mails: a second run, or a second beat process,
fails to write it and sends nothing. The items' own dates are claimed by conditional
updates in that transaction.
One item may go to several recipients (co-owner departments, a trip's secretaries): an
item claimed today is listed in every such digest of the day, and an unclaimed one joins
the day's digests only while none of its recipients has had theirs, so that nobody misses
it; an item that becomes due after that waits for the next day's digests.

Missed runs. Each run from the digest hour records its day (`RAN`). When beat was down on
the leader's weekday, the week's digest goes at the first run after it, once: on a later
day, before the next weekday, the leader digests are sent when the job ran before the
weekday and has not run since, that day's runs going on as the weekday's would.
(On a first run ever, or the first after the upgrade that brought this, nothing is known
to have been missed, and nothing is caught up.) A missed day of the daily digests is not
sent the next day: that day's digests cover it, since the overdue items stay listed and
an item due soon stays in the window until its due date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import partial

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import F, Q, QuerySet
from django.utils import timezone

from accounts.words import series
from directory.models import Contact, Department
from followups import emails, links, urging
from followups.models import FollowUp, FollowUpQuerySet, FollowUpUpdate
from outbox import claims
from outbox.models import Claim, Message
from trips.models import Trip, TripMember

S = FollowUp.Status
CO_OWNED = FollowUp.co_owners.through

# The claims' kinds: one per digest, keyed by the department's or the user's id.
OWNER = "followups.owner"
SECRETARY = "followups.secretary"
LEADER = "followups.leader"
RAN = "followups.reminders_ran"  # the job ran from the digest hour that day (key "")


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
    counts = Counts(
        owner=send_owner_digests(today),
        secretary=send_secretary_digests(today),
        leader=send_leader_digests(today),
    )
    claims.mark(RAN, "", today)  # after the sends: a run that failed midway did not run
    return counts


def remindable() -> FollowUpQuerySet:
    """Items still without an outcome, on trips that are neither closed nor cancelled."""
    # A closed or cancelled trip is the record of what happened: its items are not chased.
    return FollowUp.objects.open().exclude(trip__status__in=Trip.READ_ONLY)


def _with_trip(items: QuerySet[FollowUp], today: date) -> QuerySet[FollowUp]:
    """The items a digest lists, with their trip, department and light on the day."""
    items = items.with_light(today).select_related("trip", "department")
    return items.order_by("due_date", "trip_id", "pk")


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
    done = claims.claimed(OWNER, today).exclude(key=str(department.pk))
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
    soon, overdue = list(_with_trip(soon, today)), list(_with_trip(overdue, today))
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
        .exclude(pk__in=claims.claimed(OWNER, today))
        .order_by("pk")
    )
    return claims.each(OWNER, today, departments, lambda d: d.pk, _owner_digest)


def _owner_digest(department: Department, claim: Claim) -> list[Message]:
    """The department's copies of the reminder claimed; none when there is nothing to send
    (another run took the items meanwhile) or nobody to send it to."""
    today = claim.period
    members, contacts = owner_recipients(department)
    if not (members or contacts):
        return []
    soon, overdue = owner_items(department, today)
    if not (soon or overdue):
        return []
    # The items' own claims: the reminder before this due date, today's overdue one.
    FollowUp.objects.filter(pk__in=[i.pk for i in soon]).filter(not_reminded_before()).update(
        reminded_before_on=today
    )
    FollowUp.objects.filter(pk__in=[i.pk for i in overdue]).exclude(
        overdue_reminded_on=today
    ).update(overdue_reminded_on=today)
    link = links.current(department)  # its signed link, new when none or expired
    sent = emails.owner_digest(  # the claim keeps the first of the department's copies
        claim, department, soon, overdue, link, members, contacts, trip_id=_one_trip(soon, overdue)
    )
    # Each item in it was chased once more (催办 by digest), on the department's own items.
    owned = [item for item in (*soon, *overdue) if not item.co_owned]
    urging.record_digest(owned, series(message.to for message in sent))
    return sent


# The secretary's daily digest of what became overdue ----------------------------------


def not_reported() -> Q:
    """Not yet reported overdue for the current due date: never, or for an earlier one."""
    return Q(overdue_reported_on__isnull=True) | Q(overdue_reported_on__lte=F("due_date"))


def secretary_items(user, today: date) -> list[FollowUp]:
    """The items newly overdue on the trips the user is a secretary of (and may read)."""
    trips = Trip.objects.visible_to(user).on_team(user, TripMember.Role.SECRETARY)
    done = claims.claimed(SECRETARY, today).exclude(key=str(user.pk))
    reported_trips = TripMember.objects.filter(
        role=TripMember.Role.SECRETARY, user__in=done
    ).values("trip")
    items = remindable().filter(trip__in=trips, due_date__lt=today)
    items = items.filter(
        Q(overdue_reported_on=today) | (not_reported() & ~Q(trip__in=reported_trips))
    )
    return list(_with_trip(items, today))


def send_secretary_digests(today: date) -> int:
    """Each secretary whose trips have newly overdue items gets today's digest once; returns
    how many went."""
    due = (
        remindable()
        .filter(due_date__lt=today)
        .filter(Q(overdue_reported_on=today) | not_reported())
    )
    on_team = TripMember.objects.filter(role=TripMember.Role.SECRETARY, trip__in=due.values("trip"))
    secretaries = (
        _recipients()
        .filter(pk__in=on_team.values("user"))
        .exclude(pk__in=claims.claimed(SECRETARY, today))
        .select_related("profile")
        .order_by("pk")
    )
    return claims.each(SECRETARY, today, secretaries, lambda user: user.pk, _secretary_digest)


def _secretary_digest(user, claim: Claim) -> Message | None:
    """The secretary's digest claimed for the day; None when nothing became overdue on
    their trips (or another run reported it meanwhile)."""
    items = secretary_items(user, claim.period)
    if not items:
        return None
    FollowUp.objects.filter(pk__in=[i.pk for i in items]).filter(not_reported()).update(
        overdue_reported_on=claim.period
    )
    return emails.secretary_digest(claim, user, items, trip_id=_one_trip(items))


# The leader's weekly digest -----------------------------------------------------------


def week_of(today: date) -> date:
    """The Monday of the day's week: the period of the leader's digest."""
    return today - timedelta(days=today.weekday())


def leader_day(today: date) -> date:
    """The last FOLLOWUP_LEADER_WEEKDAY on or before the day: the digest due by then."""
    return today - timedelta(days=(today.weekday() - settings.FOLLOWUP_LEADER_WEEKDAY) % 7)


def leader_digest_due(today: date) -> date | None:
    """The weekday whose leader digests a run on this day sends, or None.

    The weekday itself; or a later day, before the next weekday, when beat was down on
    it: the job ran before the weekday and not since (before today).
    """
    day = leader_day(today)
    if day == today:
        return day
    runs = Claim.objects.filter(kind=RAN)
    if runs.filter(period__gte=day, period__lt=today).exists():
        return None  # it ran on or after the weekday: the week's digests went then
    return day if runs.filter(period__lt=day).exists() else None


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


def leader_items(user, today: date, day: date) -> tuple[list[FollowUp], list[FollowUp]]:
    """(overdue today, cannot be done in the week before the digest's weekday `day`) of the
    trips the user leads; `day` is today unless the digest goes late."""
    trips = _led_trips(user)
    overdue = remindable().filter(trip__in=trips, due_date__lt=today)
    cannot = became_cannot(day).filter(trip__in=trips)
    return list(_with_trip(overdue, today)), list(_with_trip(cannot, today))


def escalated_items(user, today: date) -> list[FollowUp]:
    """The open items of the trips the user leads chased DUBAN_ESCALATE_ROUNDS times with
    no answer (需领导协调), each with its `rounds` listed."""
    found = remindable().escalated().filter(trip__in=_led_trips(user))
    found = list(_with_trip(found, today).prefetch_related("urgings"))
    for item in found:
        item.rounds = sorted(item.urgings.all(), key=lambda u: u.round)
    return found


def send_leader_digests(today: date) -> int:
    """On FOLLOWUP_LEADER_WEEKDAY (or at the first run after it, when beat was down), each
    leader with overdue or "cannot be done" items on their trips gets the week's digest
    once; returns how many went."""
    day = leader_digest_due(today)
    if day is None:
        return 0
    overdue = remindable().filter(due_date__lt=today).values("trip")
    cannot = became_cannot(day).values("trip")
    escalated = remindable().escalated().values("trip")
    trips = Trip.objects.live().filter(Q(pk__in=overdue) | Q(pk__in=cannot) | Q(pk__in=escalated))
    on_team = TripMember.objects.filter(role=TripMember.Role.LEADER, trip__in=trips)
    leaders = (
        _recipients()
        .filter(pk__in=on_team.values("user"))
        .exclude(pk__in=claims.claimed(LEADER, week_of(day)))
        .select_related("profile")
        .order_by("pk")
    )
    send = partial(_leader_digest, today=today, day=day)
    return claims.each(LEADER, week_of(day), leaders, lambda user: user.pk, send)


def _leader_digest(user, claim: Claim, *, today: date, day: date) -> Message | None:
    """The leader's digest claimed for the week; None when there is nothing to tell."""
    overdue, cannot = leader_items(user, today, day)
    escalated = escalated_items(user, today)
    if not (overdue or cannot or escalated):
        return None
    return emails.leader_digest(
        claim,
        user,
        today,
        overdue,
        cannot,
        escalated=escalated,
        trip_id=_one_trip(overdue, cannot, escalated),
    )
