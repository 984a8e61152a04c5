# ruff: noqa: RUF001  (Chinese text is written with full-width punctuation)
"""Moving the itinerary from the pages: the trip form's new dates (what moves, then save),
and the item's moves (shift, another day, fit), in place with htmx and as plain forms."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.config.test_punctuation import half_width_beside_chinese, visible_text
from tests.factories import ItineraryItemFactory, TripFactory, at
from tests.trips.test_trips import existing_team, trip_data
from trips.models import ItineraryItem, Trip, TripEvent

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}
FIRST = dt.date(2026, 12, 7)  # the factory's trips run from 7 to 9 December 2026


@pytest.fixture
def as_secretary(client, secretary):
    client.force_login(secretary)
    return client


def item(trip: Trip, title: str, day: int, hour: int, minute: int = 0, minutes: int = 60):
    start = at(FIRST + dt.timedelta(days=day), hour, minute)
    return ItineraryItemFactory(trip=trip, title=title, start=start, minutes=minutes)


def starts(trip: Trip) -> dict[str, str]:
    return {row.title: trip.local(row.start).strftime("%d %H:%M") for row in trip.items.all()}


def said(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


# The trip form: new dates


def edit_url(trip: Trip) -> str:
    return reverse("trips:trip_edit", args=[trip.pk])


def dates(trip: Trip, first: str, last: str, **more) -> dict:
    """The trip form as posted with new dates, the rest as it is."""
    return trip_data(
        *existing_team(trip),
        initial=3,
        title=trip.title,
        start_date=first,
        end_date=last,
        **more,
    )


def confirmed(response) -> dict:
    """The form of the second step as the secretary sends it back (the box as shown)."""
    form = response.context["form"]
    data = {name: form.data.get(name) for name in form.data if form.data.get(name) is not None}
    return data


@pytest.fixture
def planned(office_trip):
    item(office_trip, "Water plant", 0, 9)
    item(office_trip, "Forum", 1, 14, 30)
    return office_trip


def test_a_new_first_day_shows_what_moves_and_saves_nothing_yet(as_secretary, planned):
    response = as_secretary.post(edit_url(planned), dates(planned, "2026-12-10", "2026-12-12"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "The first day moves 3 days later." in page
    assert "Monday 7 December 2026, 09:00 → Thursday 10 December 2026, 09:00" in page
    assert "Tuesday 8 December 2026, 14:30 → Friday 11 December 2026, 14:30" in page
    assert 'id="id_move_itinerary" checked' in page
    planned.refresh_from_db()
    assert planned.start_date == FIRST


def test_saving_again_moves_the_itinerary_with_the_dates_in_one_step(as_secretary, planned):
    first = as_secretary.post(edit_url(planned), dates(planned, "2026-12-10", "2026-12-12"))
    response = as_secretary.post(edit_url(planned), confirmed(first))
    assert response.url == planned.get_absolute_url()
    planned.refresh_from_db()
    assert (planned.start_date, planned.end_date) == (dt.date(2026, 12, 10), dt.date(2026, 12, 12))
    assert starts(planned) == {"Water plant": "10 09:00", "Forum": "11 14:30"}
    assert planned.events.get().action == TripEvent.Action.MOVED
    assert said(response) == ["Trip saved; its itinerary moved with the dates."]


def test_unticked_the_items_stay_on_their_dates(as_secretary, planned):
    first = as_secretary.post(edit_url(planned), dates(planned, "2026-12-10", "2026-12-12"))
    data = confirmed(first)
    del data["move_itinerary"]
    as_secretary.post(edit_url(planned), data)
    planned.refresh_from_db()
    assert planned.start_date == dt.date(2026, 12, 10)
    assert starts(planned) == {"Water plant": "07 09:00", "Forum": "08 14:30"}
    assert not planned.events.exists()


def test_dates_changed_again_on_the_second_step_are_shown_again(as_secretary, planned):
    first = as_secretary.post(edit_url(planned), dates(planned, "2026-12-10", "2026-12-12"))
    data = {**confirmed(first), "start_date": "2026-12-14", "end_date": "2026-12-16"}
    response = as_secretary.post(edit_url(planned), data)
    assert response.status_code == 200
    assert "The first day moves 7 days later." in response.content.decode()
    planned.refresh_from_db()
    assert planned.start_date == FIRST


def test_a_shorter_trip_shows_the_items_left_outside_and_keeps_them(as_secretary, planned):
    first = as_secretary.post(edit_url(planned), dates(planned, "2026-12-07", "2026-12-07"))
    page = first.content.decode()
    assert "These items fall outside the new dates." in page
    assert "Forum" in page and "Water plant" not in page.split("outside the new dates")[1]
    as_secretary.post(edit_url(planned), confirmed(first))
    planned.refresh_from_db()
    assert planned.end_date == FIRST
    assert set(starts(planned)) == {"Water plant", "Forum"}
    trip_page = as_secretary.get(planned.get_absolute_url()).content.decode()
    assert "Forum" in trip_page


def test_a_brief_edited_without_new_dates_saves_at_once(as_secretary, planned):
    data = dates(planned, "2026-12-07", "2026-12-09", purpose="Second look at the plant.")
    response = as_secretary.post(edit_url(planned), data)
    assert response.url == planned.get_absolute_url()


def test_new_dates_of_an_empty_itinerary_save_at_once(as_secretary, office_trip):
    response = as_secretary.post(
        edit_url(office_trip), dates(office_trip, "2026-12-10", "2026-12-12")
    )
    assert response.url == office_trip.get_absolute_url()


def test_what_moves_costs_the_same_queries_for_two_items_or_thirty(
    as_secretary, secretary, leader, staff, django_assert_num_queries
):
    def trip_of(count: int) -> Trip:
        trip = TripFactory(
            created_by=secretary, team={secretary: "secretary", leader: "leader", staff: "staff"}
        )
        for n in range(count):
            item(trip, f"Visit {n}", n % 3, 8 + n // 3, minutes=20)
        return trip

    small, large = trip_of(2), trip_of(30)
    with CaptureQueriesContext(connection) as expected:
        as_secretary.post(edit_url(small), dates(small, "2026-12-10", "2026-12-12"))
    with django_assert_num_queries(len(expected)):
        response = as_secretary.post(edit_url(large), dates(large, "2026-12-10", "2026-12-12"))
    assert len(response.context["form"].date_change.moves) == 30


def test_what_moves_reads_in_chinese_with_full_width_punctuation(as_secretary, planned):
    response = as_secretary.post(
        edit_url(planned),
        dates(planned, "2026-12-10", "2026-12-12"),
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )
    page = response.content.decode()
    assert "2026年12月7日（星期一）09:00 → 2026年12月10日（星期四）09:00" in page
    part = page[page.index('id="itinerary-move"') :]
    assert half_width_beside_chinese(visible_text(part[: part.index("</fieldset>")])) == []


# The itinerary editor: moving an item


def move_url(trip: Trip, it: ItineraryItem) -> str:
    return reverse("trips:item_move", args=[trip.pk, it.pk])


@pytest.fixture
def day(office_trip):
    return {
        "visit": item(office_trip, "Visit", 0, 9),
        "forum": item(office_trip, "Forum", 0, 10, 30),
        "lunch": item(office_trip, "Lunch", 0, 12),
    }


def test_shifting_in_place_redraws_the_itinerary(as_secretary, office_trip, day):
    response = as_secretary.post(
        move_url(office_trip, day["forum"]), {"how": "shift", "minutes": "30"}, **HTMX
    )
    assert response["HX-Retarget"] == "#itinerary"
    assert 'id="itinerary"' in response.content.decode()
    assert starts(office_trip) == {"Visit": "07 09:00", "Forum": "07 11:00", "Lunch": "07 12:30"}


def test_shifting_without_htmx_goes_back_to_the_trip_with_a_message(as_secretary, office_trip, day):
    response = as_secretary.post(
        move_url(office_trip, day["forum"]), {"how": "shift", "minutes": "-10"}
    )
    assert response.url == office_trip.get_absolute_url()
    assert said(response) == ["Moved: “Forum” and 1 later item, 10 min earlier."]


def test_a_refused_shift_shows_beside_the_minutes_keeping_them(as_secretary, office_trip):
    late = item(office_trip, "Reception", 0, 22, 30, minutes=75)
    response = as_secretary.post(
        move_url(office_trip, late), {"how": "shift", "minutes": "45"}, **HTMX
    )
    form = response.context["form"]
    assert form.errors["minutes"] == [
        "“Reception” would run past midnight: move by at most 15 min later."
    ]
    page = response.content.decode()
    assert 'value="45"' in page
    assert "HX-Retarget" not in response
    assert starts(office_trip) == {"Reception": "07 22:30"}


def test_a_refused_shift_without_htmx_is_a_page_of_its_own(as_secretary, office_trip):
    late = item(office_trip, "Reception", 0, 22, 30, minutes=75)
    response = as_secretary.post(move_url(office_trip, late), {"how": "shift", "minutes": "45"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "<html" in page and "would run past midnight" in page
    assert "hx-post" not in page.split('class="stack card item-moving"')[1].split(">")[0]


def test_shifting_needs_a_number(as_secretary, office_trip, day):
    response = as_secretary.post(
        move_url(office_trip, day["forum"]), {"how": "shift", "minutes": ""}
    )
    assert response.context["form"].errors["minutes"] == ["Say by how many minutes."]


def test_an_item_moves_to_another_day(as_secretary, office_trip, day):
    response = as_secretary.post(
        move_url(office_trip, day["forum"]), {"how": "day", "day": "2026-12-09"}
    )
    assert said(response) == ["Moved: “Forum” to Wednesday 9 December 2026."]
    assert starts(office_trip)["Forum"] == "09 10:30"


def test_the_days_offered_are_the_trips_other_days(as_secretary, office_trip, day):
    form = as_secretary.get(move_url(office_trip, day["forum"])).context["form"]
    assert [value for value, _label in form.fields["day"].choices] == [
        "",
        "2026-12-08",
        "2026-12-09",
    ]


def test_fitting_closes_the_gap(as_secretary, office_trip, day):
    response = as_secretary.post(move_url(office_trip, day["visit"]), {"how": "fit"})
    assert said(response) == ["Moved: 2 items after “Visit”, 30 min earlier."]
    assert starts(office_trip) == {"Visit": "07 09:00", "Forum": "07 10:00", "Lunch": "07 11:30"}


def test_a_refused_fit_shows_beside_its_button(as_secretary, office_trip, day):
    response = as_secretary.post(move_url(office_trip, day["lunch"]), {"how": "fit"}, **HTMX)
    assert response.context["form"].non_field_errors() == [
        "Nothing comes after “Lunch” on its day."
    ]


def test_a_second_click_moves_nothing_more(as_secretary, office_trip, day):
    data = {"how": "shift", "minutes": "30", "seen": str(day["forum"].sequence)}
    as_secretary.post(move_url(office_trip, day["forum"]), data, **HTMX)
    again = as_secretary.post(move_url(office_trip, day["forum"]), data, **HTMX)
    assert "changed meanwhile" in again.context["form"].errors["minutes"][0]
    # The panel now shows the item as it is: pressing again from there moves it.
    assert f'name="seen" value="{day["forum"].sequence + 1}"' in again.content.decode()
    assert starts(office_trip)["Forum"] == "07 11:00"
    assert office_trip.events.count() == 1


def test_a_move_without_a_button_asks_which(as_secretary, office_trip, day):
    response = as_secretary.post(move_url(office_trip, day["forum"]), {})
    assert response.context["form"].errors["how"] == ["Choose how to move the item."]


def test_the_trip_page_offers_moving_to_its_secretaries_only(client, office_trip, day, staff):
    client.force_login(staff)
    assert (
        move_url(office_trip, day["forum"])
        not in client.get(office_trip.get_absolute_url()).content.decode()
    )


def test_staff_may_not_move_items(client, office_trip, day, staff):
    client.force_login(staff)
    response = client.post(move_url(office_trip, day["forum"]), {"how": "shift", "minutes": "30"})
    assert response.status_code == 403
    assert starts(office_trip)["Forum"] == "07 10:30"


def test_outsider_gets_404_on_a_confidential_trip(client, confidential_trip, outsider):
    forum = item(confidential_trip, "Forum", 0, 10)
    client.force_login(outsider)
    assert client.get(move_url(confidential_trip, forum)).status_code == 404
    assert client.post(move_url(confidential_trip, forum), {"how": "fit"}).status_code == 404


def test_a_cancelled_trip_is_not_moved(as_secretary, office_trip, day):
    Trip.objects.filter(pk=office_trip.pk).update(status=Trip.Status.CANCELLED)
    response = as_secretary.post(
        move_url(office_trip, day["forum"]), {"how": "shift", "minutes": "30"}
    )
    assert response.status_code == 403


def test_the_trip_history_says_what_moved(as_secretary, office_trip, day):
    as_secretary.post(move_url(office_trip, day["forum"]), {"how": "shift", "minutes": "30"})
    page = as_secretary.get(office_trip.get_absolute_url()).content.decode()
    assert "moved the itinerary: “Forum” and 1 later item, 30 min later" in " ".join(page.split())


def test_the_history_says_what_moved_in_chinese_with_full_width_punctuation(
    as_secretary, office_trip, day
):
    as_secretary.post(move_url(office_trip, day["visit"]), {"how": "fit"})
    page = as_secretary.get(office_trip.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="zh-hans")
    history = page.content.decode().split('class="history"')[1].split("</details>")[0]
    assert "调整了行程安排时间：“Visit”之后的2项活动，提前30分钟" in visible_text(history)
    assert half_width_beside_chinese(visible_text(history)) == []


def test_shifting_costs_the_same_queries_for_three_items_or_thirty(
    as_secretary, secretary, leader, staff, django_assert_num_queries
):
    def first_of_day(count: int) -> tuple[Trip, ItineraryItem]:
        trip = TripFactory(
            created_by=secretary, team={secretary: "secretary", leader: "leader", staff: "staff"}
        )
        items = [item(trip, f"Visit {n}", 0, 6, n * 30, minutes=20) for n in range(count)]
        return trip, items[0]

    small, large = first_of_day(3), first_of_day(30)
    data = {"how": "shift", "minutes": "10"}
    with CaptureQueriesContext(connection) as expected:
        as_secretary.post(move_url(*small), data, **HTMX)
    with django_assert_num_queries(len(expected)):
        as_secretary.post(move_url(*large), data, **HTMX)
    assert starts(large[0])["Visit 29"] == "07 20:40"
