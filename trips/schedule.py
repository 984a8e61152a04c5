"""Feasibility checks of the itinerary: what makes a day hard or impossible to live through.

Every check is a warning (a Finding), never an error: the secretary decides. Times are
compared and shown on the trip's own clock, so an overseas visit is checked in local time.
`find_conflicts` costs two queries whatever the size of the itinerary (one when the page
hands it the items it already loaded), and none for an empty itinerary.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date, datetime, time, timedelta

from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _

from accounts.dates import long_date, long_datetime
from trips import standards
from trips.findings import Finding
from trips.models import ItineraryItem, Trip, TripMember

__all__ = ["RULES", "Finding", "find_conflicts", "findings_by_day", "findings_by_item"]

Kind = ItineraryItem.Kind

# The rules in the order their findings are listed when they concern the same moment.
RULES = (
    "outside_dates",
    "overlap",
    "leader_elsewhere",
    "travel_missing",
    "travel_too_short",
    "no_slack",
    "too_long_without_break",
    "no_meal_break",
    "late_day",
    "no_lodging",
    *standards.RULES,
)

# Items that are not "activity": the leader eats, rests or sleeps.
RESTFUL = frozenset({Kind.MEAL, Kind.REST, Kind.LODGING})
# Kinds that are never an appointment with a host, even when a host unit is given.
NOT_APPOINTMENTS = frozenset({Kind.TRAVEL, Kind.MEAL, Kind.REST, Kind.LODGING})
# A pause shorter than this does not break a run of continuous activity.
SHORT_PAUSE = timedelta(minutes=15)


def find_conflicts(trip: Trip, items: Iterable[ItineraryItem] | None = None) -> list[Finding]:
    """Every finding on the trip's itinerary, in time order.

    Pass `items` when the page has already loaded them (with their host units) to save
    the query.
    """
    items = _in_time_order(_load_items(trip) if items is None else items)
    if not items:
        return []
    findings = [
        *_outside_dates(trip, items),
        *_overlaps(trip, items),
        *_leader_elsewhere(trip, items, _items_of_leaders_other_trips(trip, items)),
        *_travel(trip, items),
        *_no_slack(trip, items),
        *_too_long_without_break(trip, items),
        *_no_meal_break(trip, items),
        *_late_days(trip, items),
        *_no_lodging(trip, items),
        # The reception standards (第八条 to 第十条, the 八项规定 and the province's 细则).
        *standards.itinerary_findings(trip, items),
    ]
    start_of = {item.pk: item.start for item in items}
    return _sorted(trip, start_of, [_on_its_day(trip, start_of, f) for f in findings])


def findings_by_item(findings: Iterable[Finding]) -> dict[int, list[Finding]]:
    """The findings to show beside each item, by item pk: each one once, under the item
    where the problem starts."""
    by_item: dict[int, list[Finding]] = defaultdict(list)
    for finding in findings:
        if finding.at is not None:
            by_item[finding.at].append(finding)
    return dict(by_item)


def findings_by_day(findings: Iterable[Finding]) -> dict[date | None, list[Finding]]:
    """The findings grouped by the trip-local day they concern, for showing under a day."""
    by_day: dict[date | None, list[Finding]] = defaultdict(list)
    for finding in findings:
        by_day[finding.day].append(finding)
    return dict(by_day)


# Loading and ordering


def _load_items(trip: Trip) -> list[ItineraryItem]:
    """The trip's items with their host units: one query."""
    return list(trip.items.select_related("host_unit"))


def _in_time_order(items: Iterable[ItineraryItem]) -> list[ItineraryItem]:
    """Items by start, then end, then pk (the model's ordering), whatever order they came in."""
    return sorted(items, key=lambda item: (item.start, item.end, item.pk))


def _items_of_leaders_other_trips(
    trip: Trip, items: Sequence[ItineraryItem]
) -> list[ItineraryItem]:
    """Items of other trips led by one of this trip's leaders, in this trip's span: one query."""
    leaders = TripMember.objects.filter(trip=trip, role=TripMember.Role.LEADER).values("user_id")
    led_by_one_of_them = TripMember.objects.filter(
        trip=OuterRef("trip_id"), role=TripMember.Role.LEADER, user_id__in=leaders
    )
    # The trip's days, widened to any item planned outside them: it still takes the leader's time.
    first = min(datetime.combine(trip.start_date, time(0), trip.tzinfo), items[0].start)
    last = max(
        datetime.combine(trip.end_date + timedelta(days=1), time(0), trip.tzinfo),
        max(item.end for item in items),
    )
    others = (
        ItineraryItem.objects.filter(Exists(led_by_one_of_them), start__lt=last, end__gt=first)
        .exclude(trip_id=trip.pk)
        .select_related("trip")
    )
    return list(others)


def _on_its_day(trip: Trip, start_of: dict[int, datetime], finding: Finding) -> Finding:
    """The finding on the trip-local day on which its item (where the problem starts) starts."""
    if finding.at is None:
        return finding
    return replace(finding, day=_day(trip, start_of[finding.at]))


def _sorted(trip: Trip, start_of: dict[int, datetime], findings: list[Finding]) -> list[Finding]:
    """Findings by the moment the problem starts (its item's start, or the night), then rule."""

    def moment(finding: Finding) -> datetime:
        if finding.at is not None:
            return start_of[finding.at]
        if finding.day is None:
            # About the trip as a whole (what the brief asks the hosts): after every day.
            return datetime.combine(date.max - timedelta(days=1), time(0), trip.tzinfo)
        # A finding about a night (no lodging) comes after everything that starts that day.
        return datetime.combine(finding.day + timedelta(days=1), time(0), trip.tzinfo)

    return sorted(findings, key=lambda f: (moment(f), RULES.index(f.rule)))


# Small helpers for words and times


def _hm(trip: Trip, moment: datetime) -> str:
    """The moment as HH:MM on the trip's clock."""
    return trip.local(moment).strftime("%H:%M")


def _when(trip: Trip, moment: datetime) -> str:
    """The day and time of the moment on the trip's clock, where the day matters."""
    return long_datetime(trip.local(moment), convert=False)


def _day(trip: Trip, moment: datetime) -> date:
    """The trip-local day of the moment."""
    return trip.local(moment).date()


def _minutes(delta: timedelta) -> int:
    """A length of time in whole minutes."""
    return int(delta.total_seconds() // 60)


def _names(items: Iterable[ItineraryItem]) -> str:
    """Item titles in quotes, for a message: “A”, “B”."""
    return ", ".join(f"“{item.title}”" for item in items)


def _pks(items: Iterable[ItineraryItem]) -> tuple[int, ...]:
    """The pks of items already in time order."""
    return tuple(item.pk for item in items)


def _place(item: ItineraryItem) -> str:
    """The item's place text, normalised for comparison; the host unit's name when blank."""
    text = item.place or (item.host_unit.name if item.host_unit_id else "")
    return " ".join(text.casefold().split())


def _same_place(a: ItineraryItem, b: ItineraryItem) -> bool | None:
    """Whether two items are at the same place; None when either place is unknown."""
    if a.host_unit_id and b.host_unit_id:
        return a.host_unit_id == b.host_unit_id
    if not _place(a) or not _place(b):
        return None
    return _place(a) == _place(b)


def _exclusive(a: ItineraryItem, b: ItineraryItem) -> bool:
    """True when the leader cannot be at both items at once, were their times to overlap."""
    # Lodging is where the leader sleeps and is booked loosely, from check-in to check-out:
    # it may overlap the travel that reaches or leaves it, and two lodgings the same night
    # are a booking question, not two places at once. It still clashes with any activity,
    # meal or rest, which would have to happen somewhere else while the leader is in bed.
    if a.kind == Kind.LODGING and b.kind == Kind.LODGING:
        return False
    if Kind.LODGING in (a.kind, b.kind):
        return Kind.TRAVEL not in (a.kind, b.kind)
    return True


def _is_appointment(item: ItineraryItem) -> bool:
    """An appointment with a host: an item at a host unit that is not travel, a meal or rest."""
    return bool(item.host_unit_id) and item.kind not in NOT_APPOINTMENTS


def slack_before(trip: Trip, item: ItineraryItem) -> timedelta:
    """The free time the item needs after the one before it: the trip's buffer before an
    appointment with a host, none before anything else (the no_slack rule; trips.moving
    fits items by it)."""
    return timedelta(minutes=trip.min_buffer_minutes) if _is_appointment(item) else timedelta(0)


# The rules, one function each


def _outside_dates(trip: Trip, items: Sequence[ItineraryItem]) -> list[Finding]:
    """Items that start or end outside the trip's dates, on the trip's clock."""
    return [
        Finding(
            "outside_dates",
            (item.pk,),
            _(
                "“%(item)s” (%(start)s to %(end)s) falls outside the trip's dates, "
                "%(first)s to %(last)s."
            )
            % {
                "item": item.title,
                "start": _when(trip, item.start),
                "end": _when(trip, item.end),
                "first": long_date(trip.start_date),
                "last": long_date(trip.end_date),
            },
            _day(trip, item.start),
        )
        for item in items
        if not trip.spans(item.start, item.end)
    ]


def _overlaps(trip: Trip, items: Sequence[ItineraryItem]) -> list[Finding]:
    """Pairs of items (travel included) that need the leader in two places at once."""
    findings = []
    for index, first in enumerate(items):
        for second in items[index + 1 :]:
            if second.start >= first.end:  # touching is fine; later items start later still
                break
            if not _exclusive(first, second):
                continue
            findings.append(
                Finding(
                    "overlap",
                    (first.pk, second.pk),
                    _(
                        "“%(first)s” ends at %(first_end)s but “%(second)s” starts at "
                        "%(second_start)s: the leader cannot be in two places at once."
                    )
                    % {
                        "first": first.title,
                        "first_end": _hm(trip, first.end),
                        "second": second.title,
                        "second_start": _hm(trip, second.start),
                    },
                    _day(trip, second.start),
                )
            )
    return findings


def _leader_elsewhere(
    trip: Trip, items: Sequence[ItineraryItem], others: Sequence[ItineraryItem]
) -> list[Finding]:
    """Items that clash with an item of another trip the same leader leads."""
    findings = []
    for item in items:
        for other in others:
            if not (other.start < item.end and item.start < other.end):
                continue
            if not _exclusive(item, other):
                continue
            findings.append(_elsewhere_finding(trip, item, other))
    return findings


def _elsewhere_finding(trip: Trip, item: ItineraryItem, other: ItineraryItem) -> Finding:
    """The finding for one clash with another trip; a confidential trip stays unnamed."""
    values = {"item": item.title, "start": _hm(trip, item.start), "end": _hm(trip, item.end)}
    if other.trip.is_confidential:
        # Neither the trip's title nor its items' titles or times may leak to this trip's team.
        message = _(
            "“%(item)s” (%(start)s to %(end)s): the leader is due on another trip at that time."
        )
    else:
        message = _(
            "“%(item)s” (%(start)s to %(end)s) clashes with “%(other)s” (%(other_start)s to "
            "%(other_end)s) on the trip “%(trip)s”: the leader is due there at the same time."
        )
        values |= {
            "other": other.title,
            "other_start": _hm(trip, other.start),
            "other_end": _hm(trip, other.end),
            "trip": other.trip.title,
        }
    # Only this trip's item is named by pk: the other trip's items are not this page's.
    return Finding("leader_elsewhere", (item.pk,), message % values, _day(trip, item.start))


def _travel(trip: Trip, items: Sequence[ItineraryItem]) -> list[Finding]:
    """Consecutive items at different places with no travel, or too little time to travel."""
    findings = []
    previous: ItineraryItem | None = None
    travels: list[ItineraryItem] = []
    for item in items:
        if item.kind == Kind.TRAVEL:
            travels.append(item)
            continue
        if previous is not None and _same_place(previous, item) is False:
            finding = _travel_finding(trip, previous, travels, item)
            if finding:
                findings.append(finding)
        previous, travels = item, []
    return findings


def _travel_finding(
    trip: Trip, first: ItineraryItem, travels: list[ItineraryItem], second: ItineraryItem
) -> Finding | None:
    """The travel finding between two items at different places, if any."""
    values = {
        "first": first.title,
        "first_end": _hm(trip, first.end),
        "second": second.title,
        "second_start": _hm(trip, second.start),
    }
    day = _day(trip, second.start)
    if not travels:
        if second.start <= first.end:
            # No window to fill: "between 13:15 and 13:15" would be no help.
            message = _(
                "No time left for travel between “%(first)s” and “%(second)s”: move one of "
                "them to make room for the journey."
            )
        else:
            message = _(
                "Nothing takes the leader from “%(first)s” to “%(second)s”: add travel "
                "between %(first_end)s and %(second_start)s."
            )
        return Finding("travel_missing", (first.pk, second.pk), message % values, day)
    # Several legs (car to the station, then the train) add up.
    needed = sum((travel.end - travel.start for travel in travels), timedelta(0))
    gap = second.start - first.end
    if gap >= needed:
        return None
    message = _(
        "Travel from “%(first)s” to “%(second)s” takes %(travel)s min, but there are only "
        "%(gap)s min between %(first_end)s and %(second_start)s."
    )
    values |= {"travel": _minutes(needed), "gap": max(_minutes(gap), 0)}
    return Finding("travel_too_short", _pks([first, *travels, second]), message % values, day)


def _no_slack(trip: Trip, items: Sequence[ItineraryItem]) -> list[Finding]:
    """Appointments with a host that leave less than the trip's buffer after the item before."""
    findings = []
    for index, item in enumerate(items):
        buffer = slack_before(trip, item)
        if not buffer:
            continue
        day = _day(trip, item.start)
        earlier = [other for other in items[:index] if _day(trip, other.start) == day]
        if not earlier:
            continue
        previous = max(earlier, key=lambda other: other.end)
        gap = item.start - previous.end
        # A negative gap is an overlap, which that rule reports.
        if timedelta(0) <= gap < buffer:
            message = _(
                "Only %(gap)s min between “%(previous)s” (ends %(previous_end)s) and "
                "“%(item)s” (starts %(start)s); allow at least %(buffer)s min before an "
                "appointment with a host."
            ) % {
                "gap": _minutes(gap),
                "previous": previous.title,
                "previous_end": _hm(trip, previous.end),
                "item": item.title,
                "start": _hm(trip, item.start),
                "buffer": trip.min_buffer_minutes,
            }
            findings.append(Finding("no_slack", _pks([previous, item]), message, day))
    return findings


def _too_long_without_break(trip: Trip, items: Sequence[ItineraryItem]) -> list[Finding]:
    """Runs of activity (pauses under 15 min do not count) longer than the trip allows.

    Shown under the item during which the leader goes past the limit.
    """
    limit = timedelta(minutes=trip.max_continuous_minutes)
    long_travel = timedelta(minutes=trip.travel_break_minutes)
    findings = []
    for run in _activity_runs(items, long_travel):
        start, end = run[0].start, max(item.end for item in run)
        if end - start <= limit:
            continue
        at = next(item for item in run if item.end - start > limit)
        message = _(
            "From %(start)s to %(end)s the leader is busy for %(minutes)s min without a break "
            "(“%(first)s” to “%(last)s”); plan a pause after at most %(limit)s min."
        ) % {
            "start": _hm(trip, start),
            "end": _hm(trip, end),
            "minutes": _minutes(end - start),
            "first": run[0].title,
            "last": run[-1].title,
            "limit": trip.max_continuous_minutes,
        }
        findings.append(
            Finding("too_long_without_break", _pks(run), message, _day(trip, at.start), at=at.pk)
        )
    return findings


def _activity_runs(
    items: Sequence[ItineraryItem], long_travel: timedelta
) -> list[list[ItineraryItem]]:
    """Activity items grouped into runs: a run goes on while the next starts within 15 min.

    Travel of at least `long_travel` (the trip's setting) is a break, not activity: the
    leader sits in the car or on the train.
    """
    runs: list[list[ItineraryItem]] = []
    run_end: datetime | None = None
    for item in items:
        if item.kind in RESTFUL:
            continue
        if item.kind == Kind.TRAVEL and item.end - item.start >= long_travel:
            continue
        if run_end is not None and item.start - run_end < SHORT_PAUSE:
            runs[-1].append(item)
            run_end = max(run_end, item.end)
        else:
            runs.append([item])
            run_end = item.end
    return runs


def _no_meal_break(trip: Trip, items: Sequence[ItineraryItem]) -> list[Finding]:
    """Busy days with no free stretch long enough for a meal inside the meal window."""
    needed = timedelta(minutes=trip.meal_break_minutes)
    # Meals, rest and lodging are not busy time: they count as the break, like free time.
    busy = [item for item in items if item.kind not in RESTFUL]
    findings = []
    for day in sorted({_day(trip, item.start) for item in busy}):
        opens = datetime.combine(day, trip.meal_window_start, trip.tzinfo)
        closes = datetime.combine(day, trip.meal_window_end, trip.tzinfo)
        if closes <= opens or not _busy_on_both_sides(trip, day, opens, closes, busy):
            continue
        inside = [item for item in busy if item.start < closes and item.end > opens]
        longest = _longest_free(opens, closes, inside)
        if longest >= needed:
            continue
        message = _(
            "No meal break on %(day)s: %(items)s leave at most %(longest)s free min between "
            "%(opens)s and %(closes)s; the leader needs %(needed)s."
        ) % {
            "day": long_date(day),
            "items": _names(inside),
            "longest": _minutes(longest),
            "opens": trip.meal_window_start.strftime("%H:%M"),
            "closes": trip.meal_window_end.strftime("%H:%M"),
            "needed": trip.meal_break_minutes,
        }
        findings.append(Finding("no_meal_break", _pks(inside), message, day))
    return findings


def _busy_on_both_sides(
    trip: Trip, day: date, opens: datetime, closes: datetime, busy: Sequence[ItineraryItem]
) -> bool:
    """True when the day has an item starting before the meal window and one ending after it."""
    before = any(_day(trip, item.start) == day and item.start < opens for item in busy)
    after = any(_day(trip, item.end) == day and item.end > closes for item in busy)
    return before and after


def _longest_free(opens: datetime, closes: datetime, busy: Sequence[ItineraryItem]) -> timedelta:
    """The longest stretch between opens and closes that no busy item (in time order) covers."""
    longest, free_from = timedelta(0), opens
    for item in busy:
        if item.start > free_from:
            longest = max(longest, min(item.start, closes) - free_from)
        free_from = max(free_from, item.end)
    return max(longest, closes - free_from)


def _late_days(trip: Trip, items: Sequence[ItineraryItem]) -> list[Finding]:
    """Days whose last item (lodging aside) ends after the trip's day end."""
    last_of_day: dict[date, ItineraryItem] = {}
    for item in items:
        if item.kind == Kind.LODGING:
            continue
        day = _day(trip, item.start)
        if day not in last_of_day or item.end > last_of_day[day].end:
            last_of_day[day] = item
    findings = []
    for day, item in sorted(last_of_day.items()):
        if item.end <= datetime.combine(day, trip.day_end, trip.tzinfo):
            continue
        message = _("The day ends late: “%(item)s” ends at %(end)s, after %(day_end)s.") % {
            "item": item.title,
            "end": _hm(trip, item.end),
            "day_end": trip.day_end.strftime("%H:%M"),
        }
        findings.append(Finding("late_day", (item.pk,), message, day))
    return findings


def _no_lodging(trip: Trip, items: Sequence[ItineraryItem]) -> list[Finding]:
    """Nights between two trip days with no lodging (or overnight travel) starting that day."""
    covered = {_day(trip, item.start) for item in items if item.kind == Kind.LODGING}
    # A night train or flight is where the leader spends the night.
    covered |= {
        _day(trip, item.start)
        for item in items
        if item.kind == Kind.TRAVEL and _day(trip, item.end) > _day(trip, item.start)
    }
    findings = []
    for offset in range((trip.end_date - trip.start_date).days):
        night = trip.start_date + timedelta(days=offset)
        if night in covered:
            continue
        message = _("No lodging for the night of %(day)s: add where the leader sleeps.") % {
            "day": long_date(night)
        }
        findings.append(Finding("no_lodging", (), message, night))
    return findings
