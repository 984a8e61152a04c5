"""Seating plans: seat orders of both conventions, the layout, the form, the pages and access.

Seat orders are written left to right as seen from the hall, numbers being protocol ranks.
"""

from __future__ import annotations

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


def test_the_highest_ranks_sit_at_the_head_table_and_the_rest_fill_rows_front_first(db):
    layout = seating.layout(plan_with(10))
    assert ranks(layout.head_table) == [3, 1, 2]
    # Ranks 4-7 in the front row, 8-10 behind: each row centred on its most senior.
    assert [ranks(row) for row in layout.rows] == [[6, 4, 5, 7], [10, 8, 9]]
    assert layout.width == 4


def test_a_small_meeting_has_only_a_head_table(db):
    layout = seating.layout(plan_with(2, INTERNATIONAL, head=5))
    assert [seat.name for seat in layout.head_table] == ["P2", "P1"]
    assert layout.rows == []


# Pages


@pytest.fixture
def meeting(office_trip):
    item = ItineraryItemFactory(trip=office_trip, kind="forum", title="Forum with the township")
    item.contacts.set([ContactFactory(name="Mayor Gao", title="Mayor")])
    return item


def edit_url(item) -> str:
    return reverse("logistics:seating_edit", args=[item.trip_id, item.pk])


def plan_url(item) -> str:
    return reverse("logistics:seating_plan", args=[item.trip_id, item.pk])


def test_secretary_makes_a_plan_from_a_ranked_list(client, secretary, meeting):
    client.force_login(secretary)
    data = {
        "convention": "chinese",
        "head_table_seats": "3",
        "seats_per_row": "8",
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
    page = client.get(plan_url(meeting)).content.decode()
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
    data = {"convention": "chinese", "head_table_seats": "0", "seats_per_row": "8", "people": " "}
    response = client.post(edit_url(meeting), data)
    errors = response.context["form"].errors
    assert errors["people"] == ["This field is required."]
    assert errors["head_table_seats"] == ["Between 1 and 60 seats."]
    assert not SeatingPlan.objects.exists()


def test_editing_a_plan_replaces_its_people(client, secretary, meeting):
    plan = SeatingPlan.objects.create(item=meeting)
    seating.save_attendees(plan, [("Old", "")])
    client.force_login(secretary)
    data = {"convention": "international", "head_table_seats": "5", "seats_per_row": "8"}
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
