"""Logistics checklists: templates per trip kind, items with owners and due dates, the digest.

Languages. A checklist template is written in one language: `ChecklistTemplate.language`,
its items' titles plain text in it. The data migration ships an English and a Chinese
default template for every trip kind; a new trip gets the default template of its kind
in the language of whoever creates it (the office's language, then any language, when
there is none). The items are then the trip's own text, edited like any other, so a
checklist never changes language under its owners' feet. (gettext would not do: a
secretary's edited or added template items are data, not source strings.)

Due dates. An item is due on a fixed date, or a number of days before departure (the
trip's first day), so that it moves with the trip; the SQL form of the rule is
`models.due_on_expression`, used for progress, overdue counts and the digest alike.

Ticking. Setting an item done is a conditional update from the opposite state: a double
tap or two people ticking at once change the row once, and the first tick's who and
when stay. Owners tick their own items; the trip's secretaries tick any.

Also here, because they are the same preparation: people's needs and vehicle allocation.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Case, Count, Exists, F, Max, Prefetch, Q, QuerySet, Value, When
from django.utils import timezone, translation

from accounts import people
from logistics import emails
from logistics.models import (
    ChecklistItem,
    ChecklistTemplate,
    PersonalNeed,
    Vehicle,
    due_on_expression,
)
from outbox import claims
from outbox.models import Claim, Message
from trips.models import ItineraryItem, Trip

# Templates ---------------------------------------------------------------------------


def default_template(kind: str, language: str | None) -> ChecklistTemplate | None:
    """The default template of a trip kind: in this language, else the office's, else any."""
    candidates = ChecklistTemplate.objects.filter(kind=kind, is_default=True)
    preferred = [language, settings.LANGUAGE_CODE]
    by_language = {template.language: template for template in candidates}
    for code in preferred:
        if code in by_language:
            return by_language[code]
    return next(iter(by_language.values()), None)


def templates_for(
    kind: str, language: str | None, all_languages: bool = False
) -> QuerySet[ChecklistTemplate]:
    """The templates a user may pick, those in the user's language first, of the trip's
    kind first within them. Templates in other languages only when asked (all_languages),
    or when there is none in the user's language."""
    templates = ChecklistTemplate.objects.all()
    if not all_languages:  # one query: the user's language, or all when it has none
        in_language = ChecklistTemplate.objects.filter(language=language)
        templates = templates.filter(Q(language=language) | ~Exists(in_language))
    return templates.annotate(
        other_language=Case(When(language=language, then=Value(0)), default=Value(1)),
        other_kind=Case(When(kind=kind, then=Value(0)), default=Value(1)),
    ).order_by("other_language", "other_kind", "name", "pk")


def apply_template(
    trip: Trip, language: str | None = None, template: ChecklistTemplate | None = None
) -> list[ChecklistItem]:
    """Append a template's items to the trip's checklist (by default its kind's default one).

    Without an explicit template, a trip that already has a checklist is left alone, so
    that calling this twice on a new trip does not double the list.
    """
    if template is None:
        if trip.checklist_items.exists():
            return []
        template = default_template(trip.kind, language or translation.get_language())
        if template is None:
            return []
    start = next_position(trip)
    return ChecklistItem.objects.bulk_create(
        ChecklistItem(
            trip=trip,
            position=start + offset,
            category=entry.category,
            title=entry.title,
            days_before=entry.days_before,
        )
        for offset, entry in enumerate(template.items.all())
    )


def save_as_template(
    trip: Trip, *, name: str, language: str, make_default: bool, user
) -> ChecklistTemplate:
    """A new template for the trip's kind from its checklist; fixed dates become relative."""
    with transaction.atomic():
        template = ChecklistTemplate.objects.create(
            name=name, kind=trip.kind, language=language, created_by=user
        )
        for position, item in enumerate(trip.checklist_items.all()):
            days = item.days_before
            if item.due_date:
                days = (trip.start_date - item.due_date).days
            template.items.create(
                position=position, category=item.category, title=item.title, days_before=days
            )
        if make_default:
            make_template_default(template)
    return template


def make_template_default(template: ChecklistTemplate) -> None:
    """Make this the template new trips of its kind get, in its language."""
    with transaction.atomic():
        ChecklistTemplate.objects.filter(
            kind=template.kind, language=template.language, is_default=True
        ).exclude(pk=template.pk).update(is_default=False)
        ChecklistTemplate.objects.filter(pk=template.pk).update(is_default=True)
    template.is_default = True


# Items -------------------------------------------------------------------------------


def next_position(trip: Trip) -> int:
    """The position after the trip's last item."""
    last = trip.checklist_items.aggregate(last=Max("position"))["last"]
    return 0 if last is None else last + 1


def load(trip: Trip, user) -> list[ChecklistItem]:
    """The trip's checklist for a page, each item saying whether this user may tick it.

    One query: due dates annotated, owners and tickers joined.
    """
    items = list(
        trip.checklist_items.with_due().select_related("owner__profile", "done_by__profile")
    )
    for item in items:
        item.can_tick = may_tick(item, user, trip)
    return items


def reload(item: ChecklistItem, user, trip: Trip) -> ChecklistItem:
    """One item afresh (after a tick), as load() gives it."""
    item = (
        ChecklistItem.objects.with_due()
        .select_related("owner__profile", "done_by__profile")
        .get(pk=item.pk)
    )
    item.trip = trip
    item.can_tick = may_tick(item, user, trip)
    return item


def reorder(item: ChecklistItem, step: int) -> None:
    """Move an item up (-1) or down (+1) one place; the ends stay where they are."""
    with transaction.atomic():
        items = list(item.trip.checklist_items.select_for_update())
        index = next(i for i, other in enumerate(items) if other.pk == item.pk)
        target = index + step
        if not 0 <= target < len(items):
            return
        items[index], items[target] = items[target], items[index]
        # Renumber all: positions may have gaps or twins after concurrent additions.
        for position, other in enumerate(items):
            other.position = position
        ChecklistItem.objects.bulk_update(items, ["position"])


def may_tick(item: ChecklistItem, user, trip: Trip) -> bool:
    """Owners tick their own items; the trip's secretaries tick any."""
    return item.owner_id == user.pk or trip.can_edit(user)


def tick(item: ChecklistItem, user, done: bool, now: datetime | None = None) -> bool:
    """Set the item done or not; True when this call changed it (never a toggle)."""
    rows = ChecklistItem.objects.filter(pk=item.pk, done=not done)
    if done:
        changed = rows.update(done=True, done_by=user, done_at=now or timezone.now())
    else:
        changed = rows.update(done=False, done_by=None, done_at=None)
    return bool(changed)


@dataclass(frozen=True)
class Progress:
    total: int
    done: int
    overdue: int

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0


def progress(trip: Trip, today: date) -> Progress:
    """How far the trip's preparation is: done of total, and how many are overdue."""
    return Progress(*trip.checklist_items.progress(today))


def with_progress(trips: QuerySet[Trip], today: date) -> QuerySet[Trip]:
    """Annotate checklist_total, checklist_done and checklist_overdue, in the same query."""
    due_on = due_on_expression("checklist_items__", "start_date")
    return trips.alias(checklist_due_on=due_on).annotate(
        checklist_total=Count("checklist_items"),
        checklist_done=Count("checklist_items", filter=Q(checklist_items__done=True)),
        checklist_overdue=Count(
            "checklist_items",
            filter=Q(checklist_items__done=False, checklist_due_on__lt=today),
        ),
    )


def items_owned_by(user, today: date) -> QuerySet[ChecklistItem]:
    """A person's items on trips that have not ended and that they may see, soonest first;
    a cancelled trip's are nobody's work any more."""
    visible = Trip.objects.visible_to(user).live().filter(end_date__gte=today)
    return (
        ChecklistItem.objects.with_due()
        .filter(owner=user, trip__in=visible)
        .select_related("trip", "done_by__profile")
        .order_by("done", F("due_on").asc(nulls_last=True), "trip__start_date", "position", "pk")
    )


# The daily digest --------------------------------------------------------------------

DIGEST = "logistics.checklist"  # the digest's claims: one per person (their id) and day


def digest_items(user, today: date) -> tuple[list[ChecklistItem], list[ChecklistItem]]:
    """(due today, overdue) of the person's open items on trips that have not ended."""
    items = list(items_owned_by(user, today).filter(done=False, due_on__lte=today))
    return [i for i in items if i.due_on == today], [i for i in items if i.due_on < today]


def send_digest(user, today: date) -> Claim | None:
    """Write today's digest for one person to the outbox, unless nothing is due or it went.

    Claimed in the outbox (outbox.claims) in the message's transaction: a second run, or a
    concurrent one, sends nothing. The digest is in the person's own language (their
    profile's; the office's when they have none).
    """
    return claims.once(DIGEST, user.pk, today, lambda claim: _digest(user, claim))


def _digest(user, claim: Claim) -> Message | None:
    due, overdue = digest_items(user, claim.period)
    if not (due or overdue) or not user.email:
        return None
    return emails.send_daily_digest(user, claim.period, due, overdue)


def send_morning_digests(now: datetime) -> int:
    """The digests of the day, once the office's morning has come (none in the night):
    from CHECKLIST_DIGEST_HOUR. A day missed is not sent the next: that day's lists it."""
    return send_digests(now.date()) if now.hour >= settings.CHECKLIST_DIGEST_HOUR else 0


def send_digests(today: date) -> int:
    """Each owner with due or overdue items gets today's digest once; returns how many went."""
    owners = (
        ChecklistItem.objects.due_by(today)
        .filter(trip__end_date__gte=today, owner__is_active=True)
        .exclude(trip__status__in=Trip.READ_ONLY)
        .exclude(owner__in=claims.claimed(DIGEST, today))
        .order_by()
        .values_list("owner", flat=True)
        .distinct()
    )
    people = get_user_model().objects.filter(pk__in=list(owners)).order_by("pk")
    return claims.each(DIGEST, today, people, lambda person: person.pk, _digest)


# People's needs and vehicles ---------------------------------------------------------


def team_people(trip: Trip):
    """The office people on the team, in protocol order, for choosing owners and passengers."""
    return people.in_protocol_order(get_user_model().objects.filter(trip_memberships__trip=trip))


def allocate(vehicle: Vehicle, passengers) -> None:
    """Seat these people in this car; anyone seated in another car of the trip moves here."""
    with transaction.atomic():
        for other in Vehicle.objects.filter(trip=vehicle.trip_id).exclude(pk=vehicle.pk):
            other.passengers.remove(*passengers)
        vehicle.passengers.set(passengers)


def needs_of(trip: Trip) -> QuerySet[PersonalNeed]:
    """The trip's needs entries, their people in protocol order with their profiles."""
    return trip.needs.select_related("person__profile").order_by(
        F("person__profile__protocol_rank").asc(nulls_last=True), "person_id"
    )


def cars_of(trip: Trip) -> list[Vehicle]:
    """The trip's cars, each with its passengers in protocol order (one query for them all)."""
    passengers = people.in_protocol_order(get_user_model().objects.all())
    return list(trip.vehicles.prefetch_related(Prefetch("passengers", queryset=passengers)))


def travel_items(trip: Trip):
    """The trip's travel items, the ones a car may serve, with the trip for their clock."""
    return trip.items.filter(kind=ItineraryItem.Kind.TRAVEL).select_related("trip")


def cars_serving(trip: Trip, item_pk: int):
    """The trip's cars that serve this item (none for another trip's item)."""
    return trip.vehicles.filter(travel_items=item_pk)


def unseated(trip: Trip, vehicles: list[Vehicle]) -> list:
    """Team members in no car (from the prefetched passengers and team)."""
    seated = {person.pk for vehicle in vehicles for person in vehicle.passengers.all()}
    return [m.user for m in trip.party() if m.user_id and m.user_id not in seated]


def on_trip_created(sender, *, trip: Trip, language: str, **kwargs) -> None:
    """trips.signals.trip_created: a new trip gets its kind's checklist in that language."""
    apply_template(trip, language=language)


def assign_owner(trip: Trip, item_ids: list[int], owner) -> int:
    """Give these items of the trip to one owner at once; the number of items changed."""
    return trip.checklist_items.filter(pk__in=item_ids).update(owner=owner)
