# ruff: noqa: RUF001  (the Chinese dates are written with full-width brackets)
"""督办统计: each owner department's figures from the history rows, counted as by hand;
for the trips' secretaries and leaders only; a fixed number of queries; the workbook."""

from __future__ import annotations

import datetime as dt
from io import BytesIO

import pytest
import time_machine
from django.urls import reverse
from openpyxl import load_workbook

from followups import stats
from followups.models import FollowUp, FollowUpUpdate
from tests.factories import TripFactory, UserFactory
from tests.followups.item_setup import department
from tests.followups.stats_setup import (
    FINANCE,
    FINANCE_ROW,
    NOW,
    TODAY,
    TOTAL_ROW,
    WATER,
    WATER_ROW,
    jan,
    ledger,
    moved,
)

pytestmark = pytest.mark.django_db
URL = reverse("followups:stats")
XLSX = reverse("followups:stats_xlsx")


@pytest.fixture(autouse=True)
def _today():
    """Every test on 1 February 2027, the office's morning."""
    with time_machine.travel(NOW, tick=False):
        yield


def figures_of(row: stats.DepartmentFigures) -> dict:
    return {name: getattr(row, name) for name in WATER_ROW}


def counted(trip, **filters) -> stats.Statistics:
    start, end = dt.date(2027, 1, 1), dt.date(2027, 12, 31)
    return stats.statistics(
        FollowUp.objects.filter(trip=trip), TODAY, **{"start": start, "end": end, **filters}
    )


@pytest.fixture
def counted_ledger(office_trip, secretary):
    ledger(office_trip, secretary)
    return office_trip


def test_each_department_is_counted_as_by_hand(counted_ledger):
    figures = counted(counted_ledger)

    by_name = {row.department: figures_of(row) for row in figures.departments}

    assert by_name == {WATER: WATER_ROW, FINANCE: FINANCE_ROW}


def test_the_totals_add_up_every_department(counted_ledger):
    assert figures_of(counted(counted_ledger).total) == TOTAL_ROW


def test_lateness_is_measured_against_the_original_due_date(office_trip, secretary):
    made = ledger(office_trip, secretary)
    late = {item.title: item for item in stats.late_items(counted(office_trip).items, TODAY)}

    extended = late[made["extended"].title]
    assert (extended.original_due, extended.due_date) == (
        dt.date(2027, 1, 10),
        made["extended"].due_date,
    )
    assert (extended.answered_on, extended.days_late) == (dt.date(2027, 1, 25), 15)


def _one(trip, by, **fields) -> FollowUp:
    values = {"title": "One", "to_do": "Do it.", "due_date": dt.date(2027, 1, 15), **fields}
    return FollowUp.objects.create(trip=trip, department=department()[0], created_by=by, **values)


def test_an_extended_item_answered_before_its_new_date_is_late(office_trip, secretary):
    extended = _one(
        office_trip,
        secretary,
        original_due_date=dt.date(2027, 1, 10),
        due_date=dt.date(2027, 1, 31),
        status="answered",
    )
    moved(extended, jan(20), "in_progress", "answered")

    (row,) = counted(office_trip).departments

    assert (row.on_time, row.late, row.extended) == (0, 1, 1)


def test_an_outcome_the_office_recorded_itself_is_an_answer(office_trip, secretary):
    settled = _one(office_trip, secretary, status="done", answer="Told by phone.")
    moved(settled, jan(12), "assigned", "done")

    (row,) = counted(office_trip).departments

    assert (row.on_time, row.late) == (1, 0)


def test_days_to_answer_count_from_the_items_making_without_an_assignment_row(
    office_trip, secretary
):
    made = _one(office_trip, secretary, status="answered")
    FollowUp.objects.filter(pk=made.pk).update(created_at=jan(5))
    moved(made, jan(9), "assigned", "answered")

    (row,) = counted(office_trip).departments

    assert row.average_days == 4.0


def test_an_item_not_yet_assigned_is_not_counted(office_trip, secretary):
    _one(office_trip, secretary, status="pending", due_date=dt.date(2027, 1, 5))
    assert counted(office_trip).departments == []


def test_the_late_items_are_those_answered_late_or_overdue_now(office_trip, secretary):
    ledger(office_trip, secretary)

    late = stats.late_items(counted(office_trip).items, TODAY)

    assert [(item.title, item.days_late) for item in late] == [
        ("Extended, late", 15),
        ("Overdue", 7),
        ("Late", 5),
        ("Finance overdue", 4),
    ]


def test_worst_first_an_overdue_department_without_answers_counts_as_zero(counted_ledger):
    assert [row.department for row in counted(counted_ledger).departments] == [FINANCE, WATER]


def test_the_first_answer_counts_even_after_a_return(counted_ledger):
    """The returned item was first answered on time; its second answer came after its due
    date: it stays on time, and counts as returned."""
    water = next(row for row in counted(counted_ledger).departments if row.department == WATER)
    assert (water.on_time, water.returned) == (3, 1)


def test_an_answer_late_in_the_evening_of_the_due_date_is_on_time(office_trip, secretary):
    dept = department()[0]
    item = FollowUp.objects.create(
        trip=office_trip,
        department=dept,
        created_by=secretary,
        title="Evening",
        to_do="Do it.",
        due_date=dt.date(2027, 1, 15),
        status="answered",
    )
    moved(item, jan(15, 23), "assigned", "answered")  # 15:00 UTC, the office's 23:00

    (row,) = counted(office_trip).departments

    assert (row.on_time, row.late) == (1, 0)


def test_the_period_is_of_the_original_due_dates(office_trip, secretary):
    ledger(office_trip, secretary)

    january = counted(office_trip, start=dt.date(2027, 1, 1), end=dt.date(2027, 1, 12))

    # Only the extended item: originally due on 10 January, due now on the 31st.
    assert [(row.department, row.assigned, row.extended) for row in january.departments] == [
        (WATER, 1, 1)
    ]


def test_filters_by_trip_and_by_leader(client, secretary, leader, counted_ledger):
    other = TripFactory(team={secretary: "secretary"})
    ledger(other, secretary)
    client.force_login(secretary)

    def assigned(**query) -> int:
        return client.get(URL, query).context["figures"].total.assigned

    assert assigned() == 16
    assert assigned(trip=other.pk) == 8
    assert assigned(leader=leader.pk) == 8


def test_the_page_shows_the_figures_worst_first_with_the_totals(client, secretary, counted_ledger):
    client.force_login(secretary)

    response = client.get(URL)

    page = response.content.decode()
    assert page.index(FINANCE) < page.index(WATER)
    assert "60%" in page and "12.4" in page
    assert response.context["figures"].total.assigned == 8


def test_the_page_in_chinese(client, secretary, counted_ledger):
    client.force_login(secretary)

    page = client.get(URL, headers={"accept-language": "zh-hans"}).content.decode()

    assert "督办统计" in page and "按时反馈" in page
    assert "2027年1月1日（星期五）至2027年12月31日（星期五）" in page


def test_the_board_links_to_the_statistics(client, secretary, counted_ledger):
    client.force_login(secretary)
    assert URL in client.get(reverse("followups:board")).content.decode()


# --- who sees it --------------------------------------------------------------------------


def test_a_leader_of_the_trip_sees_its_figures(client, leader, counted_ledger):
    client.force_login(leader)
    assert client.get(URL).context["figures"].total.assigned == 8


def test_an_outsider_gets_404(client, outsider, counted_ledger):
    client.force_login(outsider)
    assert client.get(URL).status_code == 404
    assert client.get(XLSX).status_code == 404


def test_staff_on_the_team_gets_404(client, staff, counted_ledger):
    client.force_login(staff)
    assert client.get(URL).status_code == 404


def test_a_department_member_is_refused(client, counted_ledger):
    member = UserFactory(username="bureau")
    FollowUp.objects.first().department.members.add(member)
    client.force_login(member)
    assert client.get(URL).status_code == 403
    assert client.get(XLSX).status_code == 403


def test_only_the_trips_the_user_is_secretary_or_leader_on_are_counted(
    client, secretary, staff, counted_ledger
):
    theirs = TripFactory(team={staff: "secretary", secretary: "staff"})
    ledger(theirs, staff)
    client.force_login(secretary)
    assert client.get(URL).context["figures"].total.assigned == 8


def test_a_trip_not_the_users_filters_nothing(client, secretary, staff, counted_ledger):
    theirs = TripFactory(team={staff: "secretary"})
    client.force_login(secretary)
    response = client.get(URL, {"trip": theirs.pk})
    assert response.context["figures"].total.assigned == 8


# --- queries ------------------------------------------------------------------------------


def _many(trip, by, dept, n: int) -> None:
    made = FollowUp.objects.bulk_create(
        FollowUp(
            trip=trip,
            department=dept,
            created_by=by,
            title=f"Item {i}",
            to_do="Do it.",
            due_date=dt.date(2027, 1, 1) + dt.timedelta(days=i % 60),
            status="answered" if i % 2 else "assigned",
        )
        for i in range(n)
    )
    FollowUpUpdate.objects.bulk_create(
        FollowUpUpdate(followup=item, changes={"status": ["assigned", "answered"]})
        for item in made
        if item.status == "answered"
    )


# The session, the user, the user's roles, whether there are trips to count (else 404), the
# trip asked for, the figures; the page adds the filters' trips and leaders, the workbook
# the late items: whatever the number of items.
PAGE_QUERIES = 8
XLSX_QUERIES = 7


def test_the_page_costs_the_same_queries_for_5_or_500_items(
    client, secretary, leader, django_assert_num_queries
):
    water, finance = department(WATER)[0], department(FINANCE)[0]
    small = TripFactory(team={secretary: "secretary", leader: "leader"})
    large = TripFactory(team={secretary: "secretary", leader: "leader"})
    _many(small, secretary, water, 5)
    _many(large, secretary, water, 250)
    _many(large, secretary, finance, 250)
    client.force_login(secretary)

    for trip, assigned in ((small, 5), (large, 500)):
        with django_assert_num_queries(PAGE_QUERIES):
            response = client.get(URL, {"trip": trip.pk})
        assert response.context["figures"].total.assigned == assigned


def test_the_workbook_costs_the_same_queries_for_5_or_500_items(
    client, secretary, django_assert_num_queries
):
    dept = department(WATER)[0]
    small = TripFactory(team={secretary: "secretary"})
    large = TripFactory(team={secretary: "secretary"})
    _many(small, secretary, dept, 5)
    _many(large, secretary, dept, 500)
    client.force_login(secretary)

    for trip in (small, large):
        with django_assert_num_queries(XLSX_QUERIES):
            assert client.get(XLSX, {"trip": trip.pk}).status_code == 200


# --- the workbook -------------------------------------------------------------------------


def _book(client, secretary, **query):
    client.force_login(secretary)
    response = client.get(XLSX, query)
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return load_workbook(BytesIO(response.content))


def test_the_workbook_has_the_departments_figures_as_numbers(client, secretary, counted_ledger):
    sheet = _book(client, secretary).worksheets[0]

    rows = list(sheet.iter_rows(min_row=2, values_only=True))

    assert rows == [
        (FINANCE, 2, 0, 0, 1, 0, 0, 0, None, None),
        (WATER, 6, 3, 2, 1, 1, 1, 1, 0.6, 12.4),
        ("Total", 8, 3, 2, 2, 1, 1, 1, 0.6, 12.4),
    ]
    assert sheet["I3"].number_format == "0%"


def test_the_workbooks_headers_are_frozen(client, secretary, counted_ledger):
    book = _book(client, secretary)
    assert [sheet.freeze_panes for sheet in book.worksheets] == ["A2", "A2"]
    assert book.worksheets[0].column_dimensions["A"].width == 28


def test_the_workbook_lists_the_late_and_overdue_items_with_dates(
    client, secretary, counted_ledger
):
    sheet = _book(client, secretary).worksheets[1]

    rows = {row[2]: row for row in sheet.iter_rows(min_row=2, values_only=True)}

    assert set(rows) == {"Late", "Extended, late", "Overdue", "Finance overdue"}
    department, _trip, _title, original, due, answered, days = rows["Extended, late"]
    assert department == WATER
    assert (original, due, answered) == (
        dt.datetime(2027, 1, 10),
        dt.datetime(2027, 1, 31),
        dt.datetime(2027, 1, 25),
    )
    assert days == 15 and isinstance(days, int)
    assert rows["Overdue"][5] is None and rows["Overdue"][6] == 7
