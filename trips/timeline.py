"""The day-by-day timeline: where each item's block sits on its day's hour scale.

Only layout lives here: percentages of the day's height for start and length, and lanes
side by side for items at the same time. The template prints what this computes, so the
page and the printed trip pack (which reuses templates/trips/_timeline.html and
trips/static/trips/timeline.css, drawing Timeline.as_data()) agree.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from django.utils.translation import gettext_lazy as _

from accounts import dates
from trips import itinerary, schedule
from trips.models import ItineraryItem, Trip

Kind = ItineraryItem.Kind

# Each kind of item belongs to one colour group of the timeline.
GROUPS = {
    Kind.SITE_VISIT: "visit",
    Kind.FORUM: "visit",
    Kind.TALK: "visit",
    Kind.MEETING: "meeting",
    Kind.CEREMONY: "meeting",
    Kind.TRAVEL: "travel",
    Kind.MEAL: "meal",
    Kind.REST: "rest",
    Kind.LODGING: "rest",
    Kind.OTHER: "other",
}
LEGEND = (
    ("visit", _("Visits, forums and talks")),
    ("meeting", _("Meetings and ceremonies")),
    ("travel", _("Travel")),
    ("meal", _("Meals")),
    ("rest", _("Rest and lodging")),
    ("other", _("Other")),
)
# The scale always shows at least the working day, so short days still read as days.
EARLIEST_HOUR, LATEST_HOUR = 8, 18
DAY_MINUTES = 24 * 60
TO = "\N{EN DASH}"  # between a start and an end
# A block shorter than this shows its time and title on one line.
SHORT_MINUTES = 40


@dataclass(frozen=True)
class Scale:
    """The hours shown on every day of the timeline, first to last."""

    first_hour: int
    last_hour: int

    @property
    def minutes(self) -> int:
        return (self.last_hour - self.first_hour) * 60

    @property
    def hours(self) -> int:
        return self.last_hour - self.first_hour

    def percent(self, minute: int) -> float:
        """How far down the day a minute of the day is, in percent, kept on the scale."""
        offset = min(max(minute - self.first_hour * 60, 0), self.minutes)
        return 100 * offset / self.minutes

    def place(self, start: int, end: int) -> tuple[float, float]:
        """Top and height, in percent, of a block from start to end (minutes of the day)."""
        top = self.percent(start)
        return top, self.percent(end) - top


@dataclass(frozen=True)
class Mark:
    """One finding explained under its day: its number (shown on its block too), its words
    and the id the block's number links to."""

    number: int
    message: str
    title: str  # the item where it starts; blank for a night's finding
    anchor: str


@dataclass(frozen=True)
class Block:
    """One item drawn on its day."""

    pk: int
    title: str
    place: str
    when: str
    kind: str
    group: str
    top: float
    height: float
    left: float = 0.0
    width: float = 100.0
    findings: tuple[str, ...] = ()  # the messages of the findings that start here
    marks: tuple[Mark, ...] = ()  # the same findings, numbered as in the list under the day
    short: bool = False

    @property
    def css_class(self) -> str:
        extra = (" has-finding" if self.findings else "") + (" tl-short" if self.short else "")
        return f"tl-block tl-{self.group} kind-{self.kind}{extra}"

    @property
    def style(self) -> str:
        return (
            f"top:{self.top:.2f}%;height:{self.height:.2f}%;"
            f"left:{self.left:.2f}%;width:{self.width:.2f}%"
        )

    @property
    def tooltip(self) -> str:
        """What a pointer shows: the time, the title and the findings."""
        return " · ".join([f"{self.when} {self.title}", *self.findings])

    def as_data(self) -> dict[str, Any]:
        return {
            "css_class": self.css_class,
            "style": self.style,
            "tooltip": self.tooltip,
            "when": self.when,
            "title": self.title,
            "place": self.place,
            "findings": list(self.findings),
            "marks": [asdict(mark) for mark in self.marks],
        }


@dataclass(frozen=True)
class HourMark:
    """An hour line and its label."""

    label: str
    style: str


@dataclass(frozen=True)
class TimelineDay:
    date: date
    blocks: list[Block]
    marks: list[Mark] = field(default_factory=list)  # the day's findings, explained

    @property
    def label(self) -> str:
        """The day's heading in the active language, as accounts.dates.long_date writes it."""
        return dates.long_date(self.date)

    def as_data(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "blocks": [block.as_data() for block in self.blocks],
            "marks": [asdict(mark) for mark in self.marks],
        }


@dataclass(frozen=True)
class Timeline:
    """Everything _timeline.html draws: the scale's hours, the days and their blocks."""

    scale: Scale
    hours: list[HourMark]
    days: list[TimelineDay]
    legend: tuple = LEGEND

    @property
    def style(self) -> str:
        # The day's height grows with the number of hours shown (see timeline.css).
        return f"--tl-hours:{self.scale.hours}"

    @property
    def has_findings(self) -> bool:
        return any(day.marks for day in self.days)

    def as_data(self) -> dict[str, Any]:
        """What _timeline.html reads, as plain JSON in the active language: the printed
        pack draws this, and keys its cache by it."""
        return {
            "style": self.style,
            "legend": [[group, str(label)] for group, label in self.legend],
            "has_findings": self.has_findings,
            "hours": [asdict(mark) for mark in self.hours],
            "days": [day.as_data() for day in self.days],
        }


def minutes_of(slot: itinerary.Slot) -> tuple[int, int]:
    """Start and end of a slot in minutes of its first day; past midnight ends at 24:00."""
    start = slot.start.hour * 60 + slot.start.minute
    if slot.end.date() > slot.start.date():
        return start, DAY_MINUTES
    return start, max(start, slot.end.hour * 60 + slot.end.minute)


def scale_for(spans: Iterable[tuple[int, int]]) -> Scale:
    """From the earliest item's hour to the latest's, and at least 08:00 to 18:00."""
    spans = list(spans)
    first = min([EARLIEST_HOUR, *(start // 60 for start, _end in spans)])
    last = max([LATEST_HOUR, *(math.ceil(end / 60) for _start, end in spans)])
    return Scale(first, last)


def lanes(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """For spans in time order: each one's lane, and how many lanes its overlapping group has."""
    result = [(0, 1)] * len(spans)
    group: list[tuple[int, int]] = []  # (index, lane) of the spans that overlap so far
    lane_ends: list[int] = []
    group_end = 0
    for index, (start, end) in enumerate(spans):
        if group and start >= group_end:
            result[group[0][0] : index] = [(lane, len(lane_ends)) for _i, lane in group]
            group, lane_ends = [], []
        lane = next((n for n, lane_end in enumerate(lane_ends) if lane_end <= start), None)
        if lane is None:
            lane = len(lane_ends)
            lane_ends.append(end)
        lane_ends[lane] = end
        group_end = max(group_end, end) if group else end
        group.append((index, lane))
    if group:
        result[group[0][0] :] = [(lane, len(lane_ends)) for _i, lane in group]
    return result


def _marks(
    day: itinerary.Day, findings: list[schedule.Finding]
) -> tuple[list[Mark], dict[int, tuple[Mark, ...]]]:
    """The day's findings numbered 1, 2 … in time order, and each item's marks."""
    titles = {slot.item.pk: slot.item.title for slot in day.slots}
    marks: list[Mark] = []
    by_item: dict[int, tuple[Mark, ...]] = {}
    for number, finding in enumerate(findings, start=1):
        anchor = f"tl-{day.date.isoformat()}-{number}"
        mark = Mark(number, finding.message, titles.get(finding.at, ""), anchor)
        marks.append(mark)
        if finding.at is not None:
            by_item[finding.at] = (*by_item.get(finding.at, ()), mark)
    return marks, by_item


def _day(scale: Scale, day: itinerary.Day, findings: list[schedule.Finding]) -> TimelineDay:
    slots = sorted(day.slots, key=minutes_of)
    spans = [minutes_of(slot) for slot in slots]
    marks, numbers = _marks(day, findings)
    blocks = []
    for slot, (start, end), (lane, count) in zip(slots, spans, lanes(spans), strict=True):
        item = slot.item
        top, height = scale.place(start, end)
        width = 100 / count
        blocks.append(
            Block(
                pk=item.pk,
                title=item.title,
                place=item.place or (item.host_unit.name if item.host_unit_id else ""),
                when=f"{slot.start:%H:%M}{TO}{slot.end:%H:%M}",
                kind=item.kind,
                group=GROUPS.get(item.kind, "other"),
                top=top,
                height=height,
                left=lane * width,
                width=width,
                findings=tuple(f.message for f in slot.findings),
                marks=numbers.get(item.pk, ()),
                short=end - start < SHORT_MINUTES,
            )
        )
    return TimelineDay(day.date, blocks, marks)


def build(
    trip: Trip, items: Iterable[ItineraryItem], findings: Iterable[schedule.Finding] = ()
) -> Timeline:
    """The trip's timeline: every day, its items as blocks, each finding numbered on the
    item where it starts and explained in a list under its day."""
    findings = list(findings)
    days = itinerary.days(trip, items, findings)
    by_day = schedule.findings_by_day(findings)
    scale = scale_for(minutes_of(slot) for day in days for slot in day.slots)
    hours = [
        HourMark(f"{hour:02d}:00", f"top:{scale.percent(hour * 60):.2f}%")
        for hour in range(scale.first_hour, scale.last_hour + 1)
    ]
    return Timeline(scale, hours, [_day(scale, day, by_day.get(day.date, [])) for day in days])
