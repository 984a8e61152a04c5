# ruff: noqa: RUF001, RUF003  (Chinese text with full-width punctuation on purpose)
"""The seating layouts of ../shared/domain/rules.md §3, one function each: given people in
protocol order, the seats. Orders are written as drawn (seen from the hall, the door or the
camera), left to right; numbers are ranks on their side."""

from __future__ import annotations

import pytest

from logistics import seating
from logistics.seating import CHINESE, INTERNATIONAL, Person


def people(count: int, guest: bool = False) -> list[Person]:
    return [
        Person(rank, f"{'G' if guest else 'H'}{rank}", guest=guest) for rank in range(1, count + 1)
    ]


def ranks(group) -> list[int]:
    return [person.rank for person in group.seats]


# 合影: follows the 主席台 order, the front row nearest the camera.


@pytest.mark.parametrize(
    ("count", "front", "back"),
    [(5, [5, 3, 1, 2, 4], []), (7, [5, 3, 1, 2, 4], [6, 7]), (8, [5, 3, 1, 2, 4], [8, 6, 7])],
)
def test_group_photo_puts_the_highest_ranks_in_the_front_row_as_at_a_head_table(count, front, back):
    layout = seating.group_photo(people(count), per_row=5, convention=CHINESE)
    rows = [group for line in layout.lines for group in line]
    assert ranks(rows[-1]) == front  # drawn last: nearest the camera
    assert rows[-1].number == 1
    if back:
        assert ranks(rows[0]) == back and rows[0].number == 2


def test_group_photo_with_an_even_front_row_shares_the_middle_between_no_1_and_no_2():
    layout = seating.group_photo(people(4), per_row=4, convention=CHINESE)
    assert ranks(layout.lines[-1][0]) == [3, 1, 2, 4]


# 座谈会: the guests face the door, the hosts have their backs to it.


@pytest.mark.parametrize(
    ("count", "facing", "backs"),
    [
        (3, [3, 1, 2], [2, 1, 3]),
        (4, [3, 1, 2, 4], [4, 2, 1, 3]),
        (5, [5, 3, 1, 2, 4], [4, 2, 1, 3, 5]),
    ],
)
def test_forum_seats_each_sides_principal_in_the_middle_and_the_others_alternating(
    count, facing, backs
):
    layout = seating.forum_table(people(count), people(count, guest=True), convention=CHINESE)
    guests, hosts = layout.lines[0][0], layout.lines[1][0]
    assert guests.kind == seating.GUESTS and ranks(guests) == facing
    # Seen from the door behind them, the hosts' No. 2 at their No. 1's left hand is on
    # the door's left: the mirror of the guests' side.
    assert hosts.kind == seating.HOSTS and ranks(hosts) == backs


def test_forum_by_the_international_convention_puts_no_2_at_no_1s_right_hand():
    layout = seating.forum_table(people(3), people(3, guest=True), convention=INTERNATIONAL)
    assert ranks(layout.lines[0][0]) == [2, 1, 3]
    assert ranks(layout.lines[1][0]) == [3, 1, 2]


# 会见: the 主宾 at the host's right hand, which is the door's left.


@pytest.mark.parametrize(("hosts", "guests"), [(3, 2), (4, 5)])
def test_sofa_room_seats_the_guest_of_honour_at_the_hosts_right_and_each_side_down_its_own(
    hosts, guests
):
    layout = seating.sofa_meeting(people(hosts), people(guests, guest=True))
    ((guest_side, principals, host_side),) = layout.lines
    assert [p.name for p in principals.seats] == ["G1", "H1"]
    assert guest_side.shape == host_side.shape == seating.COLUMN
    assert ranks(guest_side) == list(range(2, guests + 1))  # nearest the principals first
    assert ranks(host_side) == list(range(2, hosts + 1))


# 宴请: the main seat faces the door; tables 2, 4, 6 to the left of table 1, 3, 5, 7 right.


@pytest.mark.parametrize(
    ("count", "grid"),
    [
        (1, [[0, 1, 0]]),
        (2, [[2, 1, 0]]),
        (3, [[2, 1, 3]]),
        (6, [[2, 1, 3], [4, 0, 5], [6, 0, 0]]),
        (7, [[2, 1, 3], [4, 0, 5], [6, 0, 7]]),
        (9, [[4, 2, 1, 3, 5], [8, 6, 0, 7, 9]]),
    ],
)
def test_banquet_tables_stand_even_numbers_left_of_table_1_and_odd_ones_right(count, grid):
    assert seating.table_grid(count) == grid


@pytest.mark.parametrize(
    ("seats", "angles"),
    [
        (4, [0, -90, 90, -180]),
        (5, [0, -72, 72, -144, 144]),
        (10, [0, -36, 36, -72, 72, -108, 108, -144, 144, -180]),
    ],
)
def test_round_table_seats_no_2_at_the_main_seats_right_hand_and_no_3_at_its_left(seats, angles):
    # Degrees clockwise from the main seat, as drawn from the door: the main seat faces
    # the door, so its right hand is the drawing's left (counter-clockwise, negative).
    assert seating.honour_angles(seats) == pytest.approx(angles)


def test_banquet_fills_table_1_with_the_highest_ranks_then_table_2():
    layout = seating.banquet(people(23), per_table=10)
    tables = {group.number: ranks(group) for group in layout.groups()}
    assert tables == {1: list(range(1, 11)), 2: list(range(11, 21)), 3: [21, 22, 23]}
    assert [[g.number if g else 0 for g in line] for line in layout.lines] == [[2, 1, 3]]


def test_banquet_places_are_table_and_seat_in_order_of_honour():
    places = [
        place.label() for _person, place in seating.banquet(people(12), per_table=10).seated()
    ]
    assert places[0] == "Table 1, seat 1" and places[10] == "Table 2, seat 1"


# Reading the list: "姓名，职务"; what else was typed is flagged.


@pytest.mark.parametrize(
    ("line", "name", "title"),
    [
        ("王伟，副省长", "王伟", "副省长"),
        ("王伟,副省长", "王伟", "副省长"),
        ("欧阳娜娜\t处长", "欧阳娜娜", "处长"),
        ("阿依古丽·买买提，副县长", "阿依古丽·买买提", "副县长"),
        ("1. 王伟，副省长", "王伟", "副省长"),
        ("（2）李娜，秘书", "李娜", "秘书"),
        ("Sue Li, Director", "Sue Li", "Director"),
        ("Sue Li", "Sue Li", ""),
        ("刘建国，县委副书记、县长", "刘建国", "县委副书记、县长"),
    ],
)
def test_a_line_in_name_title_form_is_read_without_a_flag(line, name, title):
    assert seating.read_line(line) == seating.Reading(name, title)


@pytest.mark.parametrize(
    ("line", "problem", "name", "title"),
    [
        ("王伟（副省长）", seating.BRACKETED, "王伟", "副省长"),
        ("王伟(副省长)", seating.BRACKETED, "王伟", "副省长"),
        ("王伟 副省长", seating.SPACED, "王伟", "副省长"),
        ("刘建国 青山县人民政府 县长", seating.SPACED, "刘建国", "青山县人民政府 县长"),
        ("刘建国，青山县人民政府，县长", seating.COMMAS, "刘建国", "青山县人民政府，县长"),
        ("市委副书记张三", seating.UNREADABLE, "", ""),
        ("请安排在主席台中间", seating.UNREADABLE, "", ""),
        ("Delegate number 7, Deputy director", seating.UNREADABLE, "", ""),
    ],
)
def test_a_line_not_in_name_title_form_is_flagged_with_its_best_reading(line, problem, name, title):
    reading = seating.read_line(line)
    assert (reading.problem, reading.name, reading.title, reading.typed) == (
        problem, name, title, line,
    )  # fmt: skip


def test_an_unreadable_line_says_it_gets_no_table_card():
    person = Person(3, "", typed="市委副书记张三")
    assert "市委副书记张三" in seating.problem_message(person)
    assert "no table card" in seating.problem_message(person)


# Re-seating: who went from which seat to which.


def test_adding_a_more_senior_person_moves_the_others_and_says_where_from_and_to():
    before = seating.head_table(people(3), head_seats=3, per_row=4, convention=CHINESE)
    newcomer = [Person(1, "N"), *(Person(p.rank + 1, p.name) for p in people(3))]
    after = seating.head_table(newcomer, head_seats=3, per_row=4, convention=CHINESE)
    moved = {
        m.name: (m.before and m.before.label(), m.after and m.after.label())
        for m in seating.moves(before, after)
    }
    assert moved == {
        "N": (None, "Head table, seat 2 from the left"),
        "H1": ("Head table, seat 2 from the left", "Head table, seat 3 from the left"),
        "H2": ("Head table, seat 3 from the left", "Head table, seat 1 from the left"),
        "H3": ("Head table, seat 1 from the left", "Row 1, seat 1 from the left"),
    }


def test_removing_someone_lists_who_left_and_who_moved_up():
    before = seating.forum_table(people(2), people(3, guest=True), convention=CHINESE)
    after = seating.forum_table(
        people(2), [Person(1, "G1", guest=True), Person(2, "G3", guest=True)], convention=CHINESE
    )
    moved = [
        (m.name, m.before and m.before.label(), m.after and m.after.label())
        for m in seating.moves(before, after)
    ]
    assert moved == [
        ("G1", "Guests, seat 2 from the left", "Guests, seat 1 from the left"),
        ("G3", "Guests, seat 1 from the left", "Guests, seat 2 from the left"),
        ("G2", "Guests, seat 3 from the left", None),
    ]


def test_nobody_moves_when_the_list_is_the_same():
    layout = seating.banquet(people(12), per_table=10)
    assert seating.moves(layout, layout) == []
