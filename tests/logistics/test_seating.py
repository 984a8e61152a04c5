# ruff: noqa: RUF001  (Chinese text with full-width punctuation on purpose)
"""Seating plans: seat orders of both conventions, the layout, the form, the pages and access.

Seat orders are written left to right as seen from the hall, numbers being protocol ranks.
"""

from __future__ import annotations

import html

import pytest
from django.urls import reverse

from logistics import seating
from logistics.models import SeatingAttendee, SeatingPlan
from tests.factories import ContactFactory, ItineraryItemFactory

CHINESE, INTERNATIONAL = "chinese", "international"


@pytest.mark.parametrize(
    ("count", "expected"),
    [
        (1, [1]),
        (2, [1, 2]),
        (3, [3, 1, 2]),
        (4, [3, 1, 2, 4]),
        (5, [5, 3, 1, 2, 4]),
        (6, [5, 3, 1, 2, 4, 6]),
        (7, [7, 5, 3, 1, 2, 4, 6]),
    ],
)
def test_chinese_convention_puts_no_2_at_no_1s_left_which_is_the_halls_right(count, expected):
    assert seating.seat_order(count, CHINESE) == expected


@pytest.mark.parametrize(
    ("count", "expected"),
    [
        (1, [1]),
        (2, [2, 1]),
        (3, [2, 1, 3]),
        (4, [4, 2, 1, 3]),
        (5, [4, 2, 1, 3, 5]),
        (6, [6, 4, 2, 1, 3, 5]),
    ],
)
def test_international_convention_puts_the_guest_at_the_hosts_right_the_halls_left(count, expected):
    assert seating.seat_order(count, INTERNATIONAL) == expected


def test_with_an_odd_count_no_1_sits_exactly_in_the_middle():
    for convention in (CHINESE, INTERNATIONAL):
        order = seating.seat_order(9, convention)
        assert order[len(order) // 2] == 1


def test_with_an_even_count_no_1_and_no_2_share_the_middle_seats():
    for convention in (CHINESE, INTERNATIONAL):
        order = seating.seat_order(8, convention)
        assert set(order[3:5]) == {1, 2}


def plan_with(people: int, convention: str = CHINESE, head: int = 3, per_row: int = 4):
    item = ItineraryItemFactory(kind="meeting")
    plan = SeatingPlan.objects.create(
        item=item, convention=convention, head_table_seats=head, seats_per_row=per_row
    )
    seating.save_attendees(plan, [(f"P{rank}", "") for rank in range(1, people + 1)])
    return plan


def ranks(seats) -> list[int]:
    return [seat.rank for seat in seats]


def lines_of(layout) -> list[list[list[int]]]:
    """Each line of the drawing, top to bottom: its groups' ranks in drawing order."""
    return [[ranks(group.seats) if group else [] for group in line] for line in layout.lines]


def test_the_highest_ranks_sit_at_the_head_table_and_the_rest_fill_rows_front_first(db):
    layout = seating.layout(plan_with(10))
    # Head table [3, 1, 2]; ranks 4-7 in the front row, 8-10 behind: each row centred on
    # its most senior.
    assert lines_of(layout) == [[[3, 1, 2]], [[6, 4, 5, 7]], [[10, 8, 9]]]
    assert layout.width == 4


def test_a_small_meeting_has_only_a_head_table(db):
    layout = seating.layout(plan_with(2, INTERNATIONAL, head=5))
    assert [[[s.name for s in g.seats] for g in line] for line in layout.lines] == [[["P2", "P1"]]]


# Pages


@pytest.fixture
def meeting(office_trip):
    item = ItineraryItemFactory(trip=office_trip, kind="forum", title="Forum with the township")
    item.contacts.set([ContactFactory(name="Mayor Gao", title="Mayor")])
    return item


# What the form sends besides the people: every field, as the page has them.
FORM = {
    "layout": "head_table",
    "convention": "chinese",
    "head_table_seats": "5",
    "seats_per_row": "8",
    "seats_per_table": "10",
    "guests": "",
    "notes": "",
}


def edit_url(item) -> str:
    return reverse("logistics:seating_edit", args=[item.trip_id, item.pk])


def plan_url(item) -> str:
    return reverse("logistics:seating_plan", args=[item.trip_id, item.pk])


def test_secretary_makes_a_plan_from_a_ranked_list(client, secretary, meeting):
    client.force_login(secretary)
    data = {
        **FORM,
        "head_table_seats": "3",
        # ASCII and full-width commas, a blank line, a tab, a name alone.
        "people": "Lee Wang, Director\nMayor Gao\uff0cMayor\n\n"
        "Party Secretary Hu\tSecretary\nSue Li",
    }
    response = client.post(edit_url(meeting), data)
    assert response.url == plan_url(meeting)
    people = list(SeatingAttendee.objects.filter(plan__item=meeting).values_list("name", "title"))
    assert people == [
        ("Lee Wang", "Director"),
        ("Mayor Gao", "Mayor"),
        ("Party Secretary Hu", "Secretary"),
        ("Sue Li", ""),
    ]


def test_the_drawing_shows_the_head_table_in_seat_order(client, secretary, meeting):
    plan = SeatingPlan.objects.create(item=meeting, head_table_seats=3)
    seating.save_attendees(plan, [("First", ""), ("Second", ""), ("Third", "")])
    client.force_login(secretary)
    page = html.unescape(client.get(plan_url(meeting)).content.decode())
    assert page.index("Third") < page.index("First") < page.index("Second")
    assert "seated facing the hall" in page
    assert "which is the hall's right" in page


def test_new_plan_form_starts_from_the_items_people(client, secretary, leader, meeting):
    meeting.attendees.set([leader])
    client.force_login(secretary)
    form = client.get(edit_url(meeting)).context["form"]
    assert form.initial["people"] == "Lee Wang\nMayor Gao, Mayor"


def test_a_plan_needs_people_and_sane_seat_counts(client, secretary, meeting):
    client.force_login(secretary)
    data = {**FORM, "head_table_seats": "0", "people": " "}
    response = client.post(edit_url(meeting), data)
    errors = response.context["form"].errors
    assert errors["people"] == ["This field is required."]
    assert errors["head_table_seats"] == ["Between 1 and 60 seats."]
    assert not SeatingPlan.objects.exists()


def test_editing_a_plan_replaces_its_people(client, secretary, meeting):
    plan = SeatingPlan.objects.create(item=meeting)
    seating.save_attendees(plan, [("Old", "")])
    client.force_login(secretary)
    data = {**FORM, "convention": "international"}
    client.post(edit_url(meeting), {**data, "people": "New host\nNew guest"})
    assert list(plan.attendees.values_list("name", flat=True)) == ["New host", "New guest"]
    plan.refresh_from_db()
    assert plan.convention == "international"


def test_only_meetings_forums_and_ceremonies_have_seating_plans(client, secretary, office_trip):
    visit = ItineraryItemFactory(trip=office_trip, kind="site_visit")
    client.force_login(secretary)
    assert client.get(plan_url(visit)).status_code == 404


def test_staff_reads_the_plan_but_may_not_edit_it(client, staff, meeting):
    client.force_login(staff)
    assert client.get(plan_url(meeting)).status_code == 200
    assert client.get(edit_url(meeting)).status_code == 403


def test_outsider_gets_404_for_a_confidential_trips_seating(client, outsider, confidential_trip):
    item = ItineraryItemFactory(trip=confidential_trip, kind="meeting")
    client.force_login(outsider)
    assert client.get(plan_url(item)).status_code == 404


def test_secretary_seats_a_forum_with_the_hosts_and_the_guests_face_to_face(
    client, secretary, meeting
):
    client.force_login(secretary)
    data = {
        **FORM,
        "layout": "forum",
        "people": "刘建国，县长\n陈明，副县长",
        "guests": "王伟，副省长",
    }
    assert client.post(edit_url(meeting), data).status_code == 302
    plan = SeatingPlan.objects.get(item=meeting)
    sides = list(plan.attendees.values_list("guest", "rank", "name"))
    assert sides == [(False, 1, "刘建国"), (False, 2, "陈明"), (True, 1, "王伟")]
    page = client.get(plan_url(meeting)).content.decode()
    assert "Guests, facing the door" in page and "Hosts, backs to the door" in page
    assert page.index("王伟") < page.index("陈明") < page.index("刘建国")  # far side first


def test_a_forum_needs_its_guests(client, secretary, meeting):
    client.force_login(secretary)
    response = client.post(edit_url(meeting), {**FORM, "layout": "sofa", "people": "刘建国，县长"})
    assert response.context["form"].errors["guests"] == [
        "This layout seats the guests apart: list them here."
    ]
    assert not SeatingPlan.objects.exists()


def test_a_one_list_layout_refuses_a_guests_list_and_keeps_what_was_typed(
    client, secretary, meeting
):
    client.force_login(secretary)
    data = {**FORM, "layout": "banquet", "people": "刘建国，县长", "guests": "王伟，副省长"}
    response = client.post(edit_url(meeting), data)
    assert "seats one list of people" in response.context["form"].errors["guests"][0]
    page = response.content.decode()
    assert "王伟，副省长" in page and "刘建国，县长" in page  # nothing typed is lost
    assert not SeatingPlan.objects.exists()


def test_a_line_not_in_name_title_form_is_flagged_on_the_plan_and_the_form(
    client, secretary, meeting
):
    client.force_login(secretary)
    data = {**FORM, "people": "王伟 副省长\n市委副书记张三\n李娜，秘书"}
    client.post(edit_url(meeting), data)
    people = list(
        SeatingAttendee.objects.filter(plan__item=meeting).values_list("name", "title", "typed")
    )
    assert people == [
        ("王伟", "副省长", "王伟 副省长"),
        ("", "", "市委副书记张三"),
        ("李娜", "秘书", ""),
    ]
    for url in (plan_url(meeting), edit_url(meeting)):
        page = html.unescape(client.get(url).content.decode())
        assert "2 lines to check" in page
        assert "“王伟 副省长” has no comma between the name and the title" in page
        assert "“市委副书记张三” does not read as “name, title”: no table card" in page
    # The form gives the lines back as they were typed, to be corrected.
    assert client.get(edit_url(meeting)).context["form"].initial["people"] == (
        "王伟 副省长\n市委副书记张三\n李娜，秘书"
    )


def test_adding_a_person_reseats_by_rank_and_the_plan_shows_who_moved_where(
    client, secretary, meeting
):
    client.force_login(secretary)
    client.post(edit_url(meeting), {**FORM, "head_table_seats": "3", "people": "A\nB\nC"})
    plan = SeatingPlan.objects.get(item=meeting)
    assert plan.moves == []  # a new plan: nothing moved
    client.post(edit_url(meeting), {**FORM, "head_table_seats": "3", "people": "A\nNew\nB\nC"})
    page = client.get(plan_url(meeting)).content.decode()
    moves = page[page.index("What moved at the last change") :]
    for row in (
        ("New", "Added", "Head table, seat 3 from the left"),
        ("B", "Head table, seat 3 from the left", "Head table, seat 1 from the left"),
        ("C", "Head table, seat 1 from the left", "Row 1, seat 1 from the left"),
    ):
        cells = [moves.index(cell, moves.index(row[0])) for cell in row[1:]]
        assert cells == sorted(cells), row
    assert "<td>A" not in moves  # No. 1 kept the middle seat


@pytest.mark.parametrize("layout", ["head_table", "forum", "sofa", "banquet", "photo"])
def test_every_layout_is_drawn_on_the_plan_page(client, secretary, meeting, layout):
    plan = SeatingPlan.objects.create(item=meeting, layout=layout)
    seating.save_attendees(plan, [("刘建国", "县长"), ("陈明", "副县长")], [("王伟", "副省长")])
    client.force_login(secretary)
    page = client.get(plan_url(meeting)).content.decode()
    assert f"seating-{layout}" in page
    assert "刘建国" in page and "陈明" in page


def test_plan_page_queries_do_not_grow_with_the_people(
    client, secretary, office_trip, django_assert_max_num_queries
):
    counts = []
    for size in (3, 60):
        item = ItineraryItemFactory(trip=office_trip, kind="meal")
        plan = SeatingPlan.objects.create(item=item, layout="banquet")
        seating.save_attendees(plan, [(f"P{n}", "") for n in range(size)])
        client.force_login(secretary)
        with django_assert_max_num_queries(40) as captured:
            assert client.get(plan_url(item)).status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1]
