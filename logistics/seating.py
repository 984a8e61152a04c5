# ruff: noqa: RUF001, RUF002, RUF003  (lines typed in Chinese, with full-width punctuation)
"""Seating plans: who sits where, by protocol rank, in the layouts a leader's office seats
every week. The rules are gathered in ../shared/domain/rules.md §3 (座次), whose sources
are cited beside each rule below.

Each layout is one function that takes people in protocol order (most senior first) and
returns a Layout: lines of groups (a head table, a row, a side of the table, a round
table), drawn top to bottom. Every drawing is **seen from the hall**: from the audience
facing the head table, from the door of a meeting or banquet room, from the camera of a
group photo. A line's seats are listed left to right as seen from there; a round table's
seats in their order of honour (1 is the main seat).

Left and right of the people seated are theirs: someone facing the hall has the hall's
right at his left hand.

- **主席台** (head_table), source: http://cardozapub.com/CateringTraining/qkciomzjki.html.
  The Chinese convention (以左为上, left is senior): with an odd number, No. 1 sits in the
  centre, No. 2 at No. 1's left hand (the hall's right), No. 3 at the right hand, then
  alternating outwards; five seats, seen from the hall: 5 3 1 2 4. With an even number
  No. 1 and No. 2 share the two middle seats and No. 2 is still at No. 1's left hand:
  3 1 2 4. The international convention (right is senior) is its mirror: 4 2 1 3 5 and
  4 2 1 3. The next ranks fill the rows in front of it, front row first, each row
  arranged by the same convention.
- **合影** (photo) follows the 主席台 order (same source): the front row holds the highest
  ranks, arranged as a head table; the rows behind it the next ranks. Drawn with the back
  row at the top and the front row nearest the camera.
- **座谈会** (forum), a long table with the hosts (主方) on one side and the guests (客方)
  facing them (same source: "the host on one side of the door, the guest on the other").
  The guests take the side facing the door (面门为上, the seat of honour, as the 主位 of a
  banquet faces the door); the hosts sit with their backs to it. On each side the
  principal sits in the middle and the others alternate by rank as at a head table, by
  the plan's convention; the hosts' side, seen from the door behind them, is therefore
  the mirror of a head table.
- **会见** (sofa), a sofa room (same source): the host and the guest of honour (主宾) sit
  side by side facing the door, the 主宾 at the host's right hand (the door's left); the
  guests sit down the 主宾's side, the hosts down the host's side, the most senior nearest
  the principals.
- **宴请** (banquet), source: http://cardozapub.com/CateringTraining/jqyeuqwqaf.html: the
  main seat faces the door (面门为主位); the 主宾 sits at the host's right hand and the
  No. 2 guest at the left. The list is in order of precedence at table: line 1 takes the
  main seat, line 2 the seat at its right hand, line 3 at its left, and so on alternating
  round the table, the last seat with its back to the door. When the guest outranks the
  host, list the guest first: he takes the main seat, with the host at his right. Tables
  seat the list in turn (table 1 the highest ranks). Large banquets, source:
  https://m.3dmxku.com/daquan/zonghe/8986430.html: table 1 at the front in the middle,
  tables 2, 4, 6 to the left and 3, 5, 7 to the right, as the hall is drawn from the door.

A line of the plan's list should read "name, title" (姓名，职务). read_line() reads what
else was typed: a line it has to guess at, or cannot read, is flagged on the plan's pages;
a guessed name prints on its table card, an unreadable line on none.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from accounts.people import display_name, display_title, in_protocol_order
from logistics.models import SeatingAttendee, SeatingPlan
from trips.models import ItineraryItem

CHINESE = SeatingPlan.Convention.CHINESE
INTERNATIONAL = SeatingPlan.Convention.INTERNATIONAL
Kind = SeatingPlan.Layout

# Groups of seats, and how each is drawn.
HEAD, ROW, GUESTS, HOSTS, PRINCIPALS, TABLE = (
    "head",
    "row",
    "guests",
    "hosts",
    "principals",
    "table",
)
LINE, COLUMN, ROUND = "line", "column", "round"


# --- Reading the list ------------------------------------------------------------------

# "Name, title" with an ASCII or a full-width comma, or a tab (pasted from a spreadsheet).
SEPARATOR = re.compile(r"\s*[,\uff0c\t]\s*")
# "1. ", "1、", "(1)", "（1）": a list's own numbers, pasted with it; the rank is the line.
NUMBERING = re.compile(r"^\s*(?:[(（]\s*\d+\s*[)）]|\d+\s*[.、．)）])\s*")
BRACKETS = re.compile(
    r"^(?P<name>[^(（\[【]+)[(（\[【](?P<title>[^)）\]】]*)[)）\]】]\s*(?P<rest>.*)$"
)
HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
# A Chinese name: two to four characters, or names joined by a middle dot (阿依古丽·买买提).
CHINESE_NAME = re.compile(
    r"^[\u3400-\u9fff\uf900-\ufaff]{2,4}$|^[\u3400-\u9fff]+(?:[·•][\u3400-\u9fff]+)+$"
)
LATIN_NAME = re.compile(r"^[^\W\d_][^\W\d_.'\- ]*(?:[ .'\-]+[^\W\d_]+){0,4}\.?$")

BRACKETED, SPACED, COMMAS, UNREADABLE = "brackets", "spaces", "commas", "unreadable"


@dataclass(frozen=True)
class Reading:
    """One line of the list as read: the name and the title, and what was wrong with it
    (empty when the line read as "name, title" or as a name alone)."""

    name: str
    title: str
    problem: str = ""
    typed: str = ""  # the line as typed, when it has a problem


def looks_like_a_name(text: str) -> bool:
    return bool(CHINESE_NAME.match(text) if HAN.search(text) else LATIN_NAME.match(text))


def read_line(line: str) -> Reading:
    """A line of the list as (name, title): "王伟，副省长", "Sue Li, Director", "Sue Li".
    Otherwise the best guess, with its problem: the title in brackets (王伟（副省长）), after
    a space (王伟 副省长), after a second comma; or no name at all (市委副书记张三)."""
    typed = line.strip()
    name, *rest = SEPARATOR.split(NUMBERING.sub("", typed), maxsplit=1)
    name, title = " ".join(name.split()), " ".join(rest[0].split()) if rest else ""
    if looks_like_a_name(name):
        if SEPARATOR.search(title):
            return Reading(name, title, COMMAS, typed)
        return Reading(name, title)
    if not rest and (match := BRACKETS.match(name)):
        guess, inside, after = (match[part].strip() for part in ("name", "title", "rest"))
        if looks_like_a_name(guess):
            return Reading(guess, " ".join(filter(None, [inside, after])), BRACKETED, typed)
    if HAN.search(name) and " " in name:
        first, others = name.split(" ", 1)
        if looks_like_a_name(first):
            return Reading(first, " ".join(filter(None, [others, title])), SPACED, typed)
    return Reading("", "", UNREADABLE, typed)


def problem_message(person: Person) -> str:
    """What is wrong with a flagged line, and what its table card shows, in plain words."""
    values = {"typed": person.typed, "name": person.name, "title": person.title}
    if person.problem == UNREADABLE:
        return (
            _(
                "“%(typed)s” does not read as “name, title”: no table card is printed for it. "
                "Write the name, a comma, then the title."
            )
            % values
        )
    if person.problem == COMMAS:
        return (
            _(
                "“%(typed)s” has more than one comma: the card shows %(name)s, with the title "
                "“%(title)s”. Check it."
            )
            % values
        )
    return (
        _(
            "“%(typed)s” has no comma between the name and the title: it is read as %(name)s, "
            "%(title)s. Write it as “%(name)s，%(title)s” if that is right."
        )
        % values
    )


# --- People and seats ------------------------------------------------------------------


@dataclass(frozen=True)
class Person:
    """Someone on the plan: rank on their side, name, title, side, the line as typed when
    it was flagged."""

    rank: int
    name: str
    title: str = ""
    guest: bool = False
    typed: str = ""

    @property
    def problem(self) -> str:
        return read_line(self.typed).problem if self.typed else ""

    @property
    def shown(self) -> str:
        """The name on the drawing: the line as typed when no name could be read."""
        return self.name or self.typed


@dataclass(frozen=True)
class Group:
    """Seats drawn together. A line's seats left to right as seen from the hall, a column's
    from the principals outwards, a round table's in their order of honour."""

    kind: str
    shape: str
    seats: tuple[Person, ...]
    number: int = 0  # the row's or the table's


@dataclass(frozen=True)
class Place:
    """Where someone sits: the group, its number, the seat in it (a line's seats counted
    from the left as seen from the hall, a column's from the principals, a table's in
    their order of honour) and the group's shape."""

    kind: str
    number: int
    seat: int
    guest: bool = False
    shape: str = LINE

    def label(self) -> str:
        values = {"number": self.number, "seat": self.seat}
        if self.kind == HEAD:
            return pgettext("seat", "Head table, seat %(seat)s from the left") % values
        if self.kind == ROW:
            return pgettext("seat", "Row %(number)s, seat %(seat)s from the left") % values
        if self.kind == TABLE:
            return pgettext("seat", "Table %(number)s, seat %(seat)s") % values
        if self.kind == PRINCIPALS:
            if self.guest:
                return pgettext("seat", "Guest of honour's seat")
            return pgettext("seat", "Host's seat")
        values["side"] = (
            pgettext("seat", "Guests") if self.kind == GUESTS else pgettext("seat", "Hosts")
        )
        if self.shape == LINE:
            return pgettext("seat", "%(side)s, seat %(seat)s from the left") % values
        return pgettext("seat", "%(side)s, seat %(seat)s from the principals") % values

    def as_json(self) -> list:
        return [self.kind, self.number, self.seat, self.guest, self.shape]

    @classmethod
    def from_json(cls, value: Sequence) -> Place:
        return cls(*value)


@dataclass(frozen=True)
class Layout:
    kind: str
    lines: tuple[tuple[Group | None, ...], ...]  # top to bottom; None: an empty place

    def groups(self) -> Iterator[Group]:
        for line in self.lines:
            yield from (group for group in line if group is not None)

    def seated(self) -> list[tuple[Person, Place]]:
        """Everyone with their place: the lines top to bottom, each left to right; tables
        in number order (the table cards' order)."""
        groups = list(self.groups())
        if self.kind == Kind.BANQUET:
            groups.sort(key=lambda group: group.number)
        return [
            (person, Place(group.kind, group.number, seat, person.guest, group.shape))
            for group in groups
            for seat, person in enumerate(group.seats, start=1)
        ]

    @property
    def width(self) -> int:
        """The most seats side by side in one line, for the drawing's grid."""
        return max((len(g.seats) for g in self.groups() if g.shape == LINE), default=1) or 1


# --- The layouts -----------------------------------------------------------------------


def seat_order(count: int, convention: str) -> list[int]:
    """Ranks 1..count in seat order, left to right as seen from the hall."""
    if count <= 0:
        return []
    honour = list(range(2, count + 1, 2))  # 2, 4, 6 …: the side of honour, outwards
    other = list(range(3, count + 1, 2))  # 3, 5, 7 …
    if convention == CHINESE:
        # The side of honour is No. 1's left hand: the hall's right.
        return [*reversed(other), 1, *honour]
    # International: the host's right hand, which is the hall's left.
    return [*reversed(honour), 1, *other]


def arrange(people: Sequence[Person], convention: str) -> tuple[Person, ...]:
    """People (most senior first) placed left to right as seen from the hall."""
    return tuple(people[rank - 1] for rank in seat_order(len(people), convention))


def _chunks(people: Sequence[Person], size: int) -> list[Sequence[Person]]:
    size = max(size, 1)
    return [people[start : start + size] for start in range(0, len(people), size)]


def head_table(
    people: Sequence[Person], *, head_seats: int, per_row: int, convention: str
) -> Layout:
    """主席台: the highest ranks at the head table, the next ones in the rows, front first."""
    head, rest = people[:head_seats], people[head_seats:]
    rows = [
        (Group(ROW, LINE, arrange(row, convention), number),)
        for number, row in enumerate(_chunks(rest, per_row), start=1)
    ]
    return Layout(Kind.HEAD_TABLE, ((Group(HEAD, LINE, arrange(head, convention)),), *rows))


def group_photo(people: Sequence[Person], *, per_row: int, convention: str) -> Layout:
    """合影: as the head table, row by row: the front row (row 1) drawn nearest the camera."""
    rows = [
        (Group(ROW, LINE, arrange(row, convention), number),)
        for number, row in enumerate(_chunks(people, per_row), start=1)
    ]
    return Layout(Kind.PHOTO, tuple(reversed(rows)))


def forum_table(hosts: Sequence[Person], guests: Sequence[Person], *, convention: str) -> Layout:
    """座谈会: the guests facing the door (the far side), the hosts with their backs to it;
    each side's principal in the middle, the others alternating by rank."""
    facing = Group(GUESTS, LINE, arrange(guests, convention))
    # Seen from the door the hosts show their backs: their left hand is the door's left.
    backs = Group(HOSTS, LINE, tuple(reversed(arrange(hosts, convention))))
    return Layout(Kind.FORUM, ((facing,), (backs,)))


def sofa_meeting(hosts: Sequence[Person], guests: Sequence[Person]) -> Layout:
    """会见: the 主宾 at the host's right hand (the door's left), both facing the door; the
    guests down the 主宾's side, the hosts down the host's, most senior nearest them."""
    principals = Group(PRINCIPALS, LINE, (*guests[:1], *hosts[:1]))
    return Layout(
        Kind.SOFA,
        (
            (
                Group(GUESTS, COLUMN, tuple(guests[1:])),
                principals,
                Group(HOSTS, COLUMN, tuple(hosts[1:])),
            ),
        ),
    )


def table_grid(count: int) -> list[list[int]]:
    """The banquet's tables as drawn from the door, front row first (0: no table there):
    table 1 in the middle of the front, even numbers to its left, odd ones to its right,
    nearest first, row by row towards the door. Up to seven tables, one column a side."""
    per_side = 1 if count <= 7 else 2
    rows: list[list[int]] = []
    numbers = iter(range(2, count + 1))
    middle = [1] if count else []
    while True:
        left: list[int] = []
        right: list[int] = []
        for _step in range(per_side):
            for side in (left, right):
                number = next(numbers, None)
                if number is not None:
                    side.append(number)
        if not left and not right and not middle:
            return rows
        pad_left = [0] * (per_side - len(left))
        pad_right = [0] * (per_side - len(right))
        rows.append([*pad_left, *reversed(left), *(middle or [0]), *right, *pad_right])
        middle = []


def honour_angles(count: int) -> list[float]:
    """Where each seat of a round table is, in order of honour: degrees clockwise from the
    main seat, as drawn from the door (the main seat at the top, facing the door). Seat 2
    is at the main seat's right hand, which is the drawing's left: counter-clockwise."""
    step = 360 / count if count else 0
    angles = [0.0]
    for seat in range(2, count + 1):
        side = -1 if seat % 2 == 0 else 1
        angles.append(side * (seat // 2) * step)
    return angles[:count]


def banquet(people: Sequence[Person], *, per_table: int) -> Layout:
    """宴请: the list seats table 1, then table 2 …, each in order of honour."""
    tables = _chunks(people, per_table)
    lines = tuple(
        tuple(Group(TABLE, ROUND, tuple(tables[n - 1]), n) if n else None for n in row)
        for row in table_grid(len(tables))
    )
    return Layout(Kind.BANQUET, lines)


def people_of(attendees: Iterable[SeatingAttendee]) -> list[Person]:
    return [
        Person(a.rank, a.name, a.title, a.guest, a.typed)
        for a in sorted(attendees, key=lambda a: (a.guest, a.rank))
    ]


def layout(plan: SeatingPlan, attendees: Iterable[SeatingAttendee] | None = None) -> Layout:
    """The plan's seats by its layout, from its attendees in rank order."""
    people = people_of(plan.attendees.all() if attendees is None else attendees)
    hosts = [p for p in people if not p.guest]
    guests = [p for p in people if p.guest]
    if plan.layout == Kind.FORUM:
        return forum_table(hosts, guests, convention=plan.convention)
    if plan.layout == Kind.SOFA:
        return sofa_meeting(hosts, guests)
    # One list: the layout was changed to one with a single list of people; hosts first.
    if plan.layout == Kind.BANQUET:
        return banquet(people, per_table=plan.seats_per_table)
    if plan.layout == Kind.PHOTO:
        return group_photo(people, per_row=plan.seats_per_row, convention=plan.convention)
    return head_table(
        people,
        head_seats=plan.head_table_seats,
        per_row=plan.seats_per_row,
        convention=plan.convention,
    )


def flagged(plan: SeatingPlan, attendees: Iterable[SeatingAttendee] | None = None) -> list[str]:
    """What is wrong with each line that did not read as "name, title", in rank order."""
    people = people_of(plan.attendees.all() if attendees is None else attendees)
    return [problem_message(person) for person in people if person.typed]


# --- Saving, and what moved -------------------------------------------------------------


@dataclass(frozen=True)
class Move:
    """Someone whose seat changed: from where (None: added) to where (None: removed)."""

    name: str
    title: str
    before: Place | None
    after: Place | None

    def as_json(self) -> dict:
        return {
            "name": self.name,
            "title": self.title,
            "from": self.before.as_json() if self.before else None,
            "to": self.after.as_json() if self.after else None,
        }

    @classmethod
    def from_json(cls, value: dict) -> Move:
        before, after = value["from"], value["to"]
        return cls(
            value["name"],
            value["title"],
            Place.from_json(before) if before else None,
            Place.from_json(after) if after else None,
        )


def _places(seats: list[tuple[Person, Place]]) -> dict[tuple[bool, str, int], tuple[Person, Place]]:
    """Each person by side and name (the nth of a name, when two share one)."""
    places: dict[tuple[bool, str, int], tuple[Person, Place]] = {}
    for person, place in seats:
        n = 0
        while (person.guest, person.shown, n) in places:
            n += 1
        places[(person.guest, person.shown, n)] = (person, place)
    return places


def moves(before: Layout, after: Layout) -> list[Move]:
    """Who moved, who came and who left between two layouts: those seated now in protocol
    order (their side's rank), then those who left."""
    old, new = _places(before.seated()), _places(after.seated())
    changed = [
        Move(person.shown, person.title, old[key][1] if key in old else None, place)
        for key, (person, place) in sorted(new.items(), key=lambda e: (e[0][0], e[1][0].rank))
        if key not in old or old[key][1] != place
    ]
    gone = [
        Move(person.shown, person.title, place, None)
        for key, (person, place) in sorted(old.items(), key=lambda e: (e[0][0], e[1][0].rank))
        if key not in new
    ]
    return [*changed, *gone]


def save_attendees(
    plan: SeatingPlan, people: Sequence[Reading | tuple[str, str]], guests: Sequence = ()
) -> None:
    """Replace the plan's attendees by these, each side most senior first."""
    with transaction.atomic():
        plan.attendees.all().delete()
        SeatingAttendee.objects.bulk_create(
            SeatingAttendee(
                plan=plan,
                guest=guest,
                rank=rank,
                name=line.name,
                title=line.title,
                typed=line.typed,
            )
            for guest, lines in ((False, people), (True, guests))
            for rank, line in enumerate(map(_reading, lines), start=1)
        )


def _reading(line: Reading | tuple[str, str]) -> Reading:
    return line if isinstance(line, Reading) else Reading(*line)


def reseat(plan: SeatingPlan, people: Sequence[Reading], guests: Sequence[Reading] = ()) -> None:
    """Save the plan with these people and seat them again by rank, recording who moved
    from which seat to which (none for a new plan)."""
    with transaction.atomic():
        saved = SeatingPlan.objects.filter(pk=plan.pk).first() if plan.pk else None
        before = layout(saved) if saved else None
        plan.save()
        save_attendees(plan, people, guests)
        changed = moves(before, layout(plan)) if before else []
        plan.moves = [move.as_json() for move in changed]
        plan.moved_at = timezone.now() if changed else None
        plan.save(update_fields=["moves", "moved_at"])


def last_moves(plan: SeatingPlan) -> list[Move]:
    return [Move.from_json(value) for value in plan.moves]


# --- Drawing ---------------------------------------------------------------------------


def _group_label(group: Group, kind: str) -> str:
    if group.kind == HEAD:
        return pgettext("seating", "Head table · seated facing the hall")
    if group.kind == ROW:
        label = pgettext("seating", "Row %(number)s") % {"number": group.number}
        if kind == Kind.PHOTO and group.number == 1:
            return pgettext("seating", "Row 1, in front")
        return label
    if group.kind == TABLE:
        return pgettext("seating", "Table %(number)s") % {"number": group.number}
    if group.kind == PRINCIPALS:
        return pgettext("seating", "Guest of honour and host, facing the door")
    if kind == Kind.FORUM:
        if group.kind == GUESTS:
            return pgettext("seating", "Guests, facing the door")
        return pgettext("seating", "Hosts, backs to the door")
    if group.kind == GUESTS:
        return pgettext("seating", "Guests")
    return pgettext("seating", "Hosts")


def _caption(kind: str, convention: str) -> list[str]:
    if kind == Kind.BANQUET:
        return [
            pgettext(
                "seating", "Drawn as seen from the door; the main seat of each table faces it."
            ),
            pgettext(
                "seating",
                "Seats are numbered in order of honour: 2 at the right hand of 1, 3 at its "
                "left. Tables 2, 4, 6 stand to the left of table 1, tables 3, 5, 7 to its right.",
            ),
        ]
    if kind == Kind.SOFA:
        return [
            pgettext("seating", "Drawn as seen from the door."),
            pgettext(
                "seating",
                "The guest of honour sits at the host's right hand, which is the door's left.",
            ),
        ]
    seen = {
        Kind.PHOTO: pgettext("seating", "Drawn as seen from the camera."),
        Kind.FORUM: pgettext("seating", "Drawn as seen from the door."),
    }.get(kind, pgettext("seating", "Drawn as seen from the hall, looking at the head table."))
    if convention == CHINESE:
        rule = pgettext("seating", "No. 2 sits at No. 1's left hand, which is the hall's right.")
    else:
        rule = pgettext(
            "seating",
            "The guest of honour sits at the host's right hand, which is the hall's left.",
        )
    return [seen, rule]


def _sides(kind: str) -> list[str]:
    """The left and right of the drawing, where they are not the door's."""
    if kind == Kind.PHOTO:
        return [pgettext("seating", "the camera's left"), pgettext("seating", "the camera's right")]
    if kind == Kind.HEAD_TABLE:
        return [pgettext("seating", "the hall's left"), pgettext("seating", "the hall's right")]
    return []


def _seat(person: Person, **position: float | int) -> dict:
    return {
        "rank": person.rank,
        "name": person.shown,
        "title": person.title,
        "flagged": bool(person.typed),
        **position,
    }


def _round_seats(group: Group) -> list[dict]:
    """A round table's seats with their places on its drawing, in % of its box."""
    seats = []
    angles = honour_angles(len(group.seats))
    for seat, (person, angle) in enumerate(zip(group.seats, angles, strict=True), start=1):
        x = 50 + 40 * math.sin(math.radians(angle))
        y = 50 - 40 * math.cos(math.radians(angle))
        # The seat's box is 22% wide and about 10% high (seating.css): its centre on the
        # circle. The number shown is the seat's at the table (its order of honour).
        seats.append(_seat(person, seat=seat, left=round(x - 11, 2), top=round(y - 5, 2)))
    return seats


def drawing(plan: SeatingPlan, seats: Layout) -> dict:
    """The layout as plain data, for the one template that draws it on screen and on paper
    (logistics/_seating_drawing.html): lines of groups, each with its label and seats."""
    width = seats.width
    columns = max((len(line) for line in seats.lines), default=1)
    lines = []
    for line in seats.lines:
        groups = []
        for group in line:
            if group is None:
                groups.append({"shape": "empty", "width": round(100 / columns, 3)})
                continue
            entry = {
                "kind": group.kind,
                "shape": group.shape,
                "number": group.number,
                "label": _group_label(group, seats.kind),
            }
            if group.shape == ROUND:
                entry |= {"width": round(100 / columns, 3), "seats": _round_seats(group)}
            elif seats.kind == Kind.SOFA:
                entry |= {"width": 40 if group.kind == PRINCIPALS else 30}
                entry["seats"] = [_seat(p) for p in group.seats]
            else:
                entry |= {"width": round(100 * len(group.seats) / width, 3)}
                entry["seats"] = [_seat(p) for p in group.seats]
            groups.append(entry)
        lines.append({"groups": groups})
    return {
        "layout": seats.kind,
        "columns": columns,
        "lines": lines,
        "table_between": seats.kind == Kind.FORUM,
        "camera": seats.kind == Kind.PHOTO,
        "door": seats.kind in (Kind.FORUM, Kind.SOFA, Kind.BANQUET),
        "sides": _sides(seats.kind),
        "caption": _caption(seats.kind, plan.convention),
    }


# --- The plan's first list ---------------------------------------------------------------


def may_have_plan(item: ItineraryItem) -> bool:
    """Meetings, forums, talks, ceremonies and meals have seating plans."""
    return item.kind in SeatingPlan.KINDS


def suggested_attendees(item: ItineraryItem) -> list[tuple[str, str]]:
    """A first list to start from: the item's team attendees, then its host contacts."""
    team = [
        (display_name(person), display_title(person))
        for person in in_protocol_order(item.attendees.all())
    ]
    hosts = [(contact.name, contact.title) for contact in item.contacts.all()]
    return team + hosts
