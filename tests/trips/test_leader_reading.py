# ruff: noqa: RUF001  (the Chinese pages are read with full-width punctuation)
"""What the leader reads: every list of people in protocol order with titles, dates in the
office's format, the days the note and the changes point at open, the findings first, and
the leader's own short navigation."""

from __future__ import annotations

import copy
import datetime as dt

import pytest
import time_machine
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Profile
from followups import items as followup_items
from notices import parts
from outbox.models import Message
from tests.factories import ItineraryItemFactory, TripFactory, at
from tests.followups.item_setup import department, item
from tests.notices.notice_setup import approve, build_visit, drafts_by_unit
from trips import approval, itinerary, snapshot, versions
from trips.models import Trip, TripVersion

pytestmark = pytest.mark.django_db
D = TripVersion.Decision
TO = "\N{EN DASH}"
DAY = dt.date(2026, 12, 7)  # the office trip's first day, a Monday
BEFORE = dt.datetime(2026, 12, 1, 9, tzinfo=dt.UTC)  # a week before the trip
ZH = {"HTTP_ACCEPT_LANGUAGE": "zh-hans"}


def fresh(trip: Trip) -> Trip:
    return Trip.objects.with_team().get(pk=trip.pk)


def submit(trip: Trip, secretary, note: str = "") -> TripVersion:
    return approval.submit(fresh(trip), secretary, note)


def page_of(client, user, url: str, **headers) -> str:
    client.force_login(user)
    with time_machine.travel(BEFORE, tick=False):
        return client.get(url, **headers).content.decode()


@pytest.fixture
def named(secretary, leader, staff):
    """The office's names and titles; by account name the leader (Wei Wang) sorts last."""
    User.objects.filter(pk=leader.pk).update(first_name="Wei", last_name="Wang")
    names = {
        leader: ("王伟", "Wang Wei", "副省长", "Vice Governor"),
        secretary: ("李娜", "Li Na", "秘书", "Secretary"),
        staff: ("赵山", "Zhao Shan", "科员", "Clerk"),
    }
    for user, (name, name_en, title, title_en) in names.items():
        Profile.objects.filter(user=user).update(
            name=name, name_en=name_en, title=title, title_en=title_en
        )


@pytest.fixture
def visit(office_trip, named, secretary, leader, staff):
    """A plant visit that the whole party attends, on the first day."""
    plant = ItineraryItemFactory(trip=office_trip, title="Water plant", start=at(DAY, 9))
    plant.attendees.set([staff, secretary, leader])
    return office_trip


# Lists of people: protocol order, names and titles as in the party list


def test_a_version_stores_each_items_attendees_leader_first_with_titles(visit, secretary):
    version = submit(visit, secretary)
    stored = version.snapshot["items"][0]
    assert stored["attendee_labels"]["zh-hans"] == [
        "王伟（副省长）",
        "李娜（秘书）",
        "赵山（科员）",
    ]
    assert stored["attendee_labels"]["en"] == [
        "Wang Wei (Vice Governor)",
        "Li Na (Secretary)",
        "Zhao Shan (Clerk)",
    ]


def test_the_version_page_lists_attendees_by_protocol_with_titles(client, visit, secretary, leader):
    version = submit(visit, secretary)
    page = page_of(client, leader, version.get_absolute_url(), **ZH)
    assert "<dd>王伟（副省长）、李娜（秘书）、赵山（科员）</dd>" in page
    assert "Sam Zhao" not in page and "Wei Wang" not in page


def test_an_older_snapshot_reads_its_attendees_in_the_partys_order_with_titles(
    client, visit, secretary, leader, staff
):
    """Schema 2 kept attendees by account name, alphabetically; it reads in protocol order."""
    data = copy.deepcopy(snapshot.take(fresh(visit)).to_json())
    data["schema"] = 2
    for stored in data["items"]:
        del stored["attendee_labels"]
        stored["attendees"] = ["Sam Zhao", "Sue Li", "Wei Wang"]
        stored["attendee_ids"] = [staff.pk, secretary.pk, leader.pk]
    version = TripVersion.objects.create(
        trip=visit, number=1, snapshot=data, submitted_by=secretary
    )
    page = page_of(client, leader, version.get_absolute_url())
    assert "<dd>Wang Wei (Vice Governor), Li Na (Secretary), Zhao Shan (Clerk)</dd>" in page


def test_a_new_title_alone_is_no_change_of_attendees(visit, secretary, leader):
    first = submit(visit, secretary)
    Profile.objects.filter(user=leader).update(title="省长")
    visit.items.update(notes="Helmets.")
    second = submit(visit, secretary)
    changes = versions.version_diff(first, second, visit.time_zone)
    assert [row.label for row in changes.items[0].fields] == ["Notes"]


def test_the_diff_names_attendees_by_protocol_with_titles(client, visit, secretary, leader, staff):
    first = submit(visit, secretary)
    visit.items.get().attendees.set([leader, secretary])
    second = submit(visit, secretary)
    page = page_of(client, leader, second.get_absolute_url(), **ZH)
    was, now = "王伟（副省长）、李娜（秘书）、赵山（科员）", "王伟（副省长）、李娜（秘书）"
    assert f"<del>{was}</del> → <ins>{now}</ins>" in page
    assert first.number == 1


def test_a_person_joining_the_party_is_named_with_a_full_width_bracket_in_chinese(
    client, visit, secretary, leader, staff2
):
    submit(visit, secretary)
    visit.members.create(user=staff2, role="staff")
    second = submit(visit, secretary)
    page = page_of(client, leader, second.get_absolute_url(), **ZH)
    assert "新增：Tao Chen（随行人员）" in page


def test_a_units_party_names_an_attendee_no_longer_in_the_party_with_the_title(
    office_trip, named, secretary, leader, staff
):
    visit = build_visit(office_trip, leader, staff)
    office_trip.members.filter(user=staff).delete()  # still ticked on the pumping station
    approve(office_trip, secretary, leader)
    drafts = drafts_by_unit(visit.trip)
    township = parts.read_part(drafts["Riverside township"].content)
    assert township.party == ["Wang Wei (Vice Governor)", "Zhao Shan (Clerk)"]


# Dates in the office's format


@pytest.fixture
def moved(visit, secretary):
    """Version 2 moves the plant visit from 09:00 to 10:40 and the trip's end a day later."""
    submit(visit, secretary)
    plant = visit.items.get()
    plant.start, plant.end = at(DAY, 10, 40), at(DAY, 11, 40)
    plant.save()
    Trip.objects.filter(pk=visit.pk).update(end_date=DAY + dt.timedelta(days=3))
    return submit(visit, secretary)


def changes_of(page: str) -> str:
    start = page.index('class="card changes"')
    return page[start : page.index("</section>", start)]


def test_the_diff_between_versions_writes_dates_as_the_office_does_in_chinese(
    client, moved, leader
):
    changes = changes_of(page_of(client, leader, moved.get_absolute_url(), **ZH))
    assert f"<ins>2026年12月7日（星期一）10:40{TO}11:40</ins>" in changes
    assert "<del>2026年12月9日（星期三）</del> → <ins>2026年12月10日（星期四）</ins>" in changes
    assert "2026-12-" not in changes


def test_the_diff_between_versions_writes_dates_as_the_office_does_in_english(
    client, moved, leader
):
    changes = changes_of(page_of(client, leader, moved.get_absolute_url()))
    assert f"<del>Monday 7 December 2026, 09:00{TO}10:00</del>" in changes
    assert "<ins>Thursday 10 December 2026</ins>" in changes


def test_the_changed_since_approval_banner_writes_dates_as_the_office_does(
    client, visit, secretary, leader
):
    approval.decide(submit(visit, secretary), leader, D.APPROVED)
    plant = visit.items.get()
    plant.start, plant.end = at(DAY, 10, 40), at(DAY, 11, 40)
    plant.save()
    page = page_of(client, secretary, visit.get_absolute_url(), **ZH)
    start = page.index('class="changed-banner"')
    banner = page[start : page.index("</div>", start)]
    assert f"<del>2026年12月7日（星期一）09:00{TO}10:00</del>" in banner
    assert "2026-12-" not in banner


# The days open on the leader's phone


@pytest.mark.parametrize(
    ("note", "named"),
    [
        ("请重点审阅第二天", [DAY + dt.timedelta(days=1)]),
        ("第3天的座谈会时间较紧", [DAY + dt.timedelta(days=2)]),
        (
            "Please look at day 2 and the last day",
            [DAY + dt.timedelta(days=1), DAY + dt.timedelta(days=2)],
        ),
        ("12月9日上午有变动", [DAY + dt.timedelta(days=2)]),
        ("The forum on 8 December", [DAY + dt.timedelta(days=1)]),
        ("星期二下午", [DAY + dt.timedelta(days=1)]),
        ("Three days.", []),
    ],
)
def test_a_note_names_days_by_place_date_or_weekday(note, named):
    days = [DAY + dt.timedelta(days=n) for n in range(3)]
    assert sorted(itinerary.named_days(note, days)) == named


def test_the_version_page_opens_the_day_the_note_names(client, office_trip, secretary, leader):
    for n in range(3):
        ItineraryItemFactory(trip=office_trip, start=at(DAY + dt.timedelta(days=n), 9))
    version = submit(office_trip, secretary, "请重点审阅第二天")
    page = page_of(client, leader, version.get_absolute_url())
    assert '<details class="day" id="day-2026-12-08" open>' in page
    assert '<details class="day" id="day-2026-12-09">' in page


def test_the_version_page_opens_the_days_with_changes(client, office_trip, secretary, leader):
    for n in range(3):
        ItineraryItemFactory(
            trip=office_trip, title=f"Visit {n}", start=at(DAY + dt.timedelta(days=n), 9)
        )
    submit(office_trip, secretary)
    office_trip.items.filter(title="Visit 2").update(notes="Bring helmets.")
    version = submit(office_trip, secretary)
    page = page_of(client, leader, version.get_absolute_url())
    assert '<details class="day" id="day-2026-12-09" open>' in page
    assert '<details class="day" id="day-2026-12-08">' in page


# Open findings: confirmed on submitting, first on the leader's page and in the e-mail


@pytest.fixture
def overlapping(office_trip):
    """Two items at once on the first day: the checks find them."""
    ItineraryItemFactory(trip=office_trip, title="Water plant", start=at(DAY, 9))
    ItineraryItemFactory(trip=office_trip, title="Forum", start=at(DAY, 9, 30))
    return office_trip


def submit_url(trip: Trip) -> str:
    return reverse("trips:version_submit", args=[trip.pk])


def test_submitting_with_findings_open_without_confirming_lists_them_and_keeps_the_note(
    client, overlapping, secretary
):
    client.force_login(secretary)
    response = client.post(submit_url(overlapping), {"note": "请重点审阅第二天"})
    page = response.content.decode()
    assert not overlapping.versions.exists()
    assert "cannot be in two places at once" in page
    assert "请重点审阅第二天</textarea>" in page
    assert "Tick this to submit with the findings open" in page


def test_submitting_with_findings_open_once_confirmed_makes_the_version(
    client, overlapping, secretary
):
    client.force_login(secretary)
    response = client.post(submit_url(overlapping), {"note": "Day two.", "confirm": "on"})
    version = overlapping.versions.get()
    assert response.url == version.get_absolute_url()
    assert version.snapshot["findings"]["en"]


def test_the_trip_page_asks_to_confirm_the_findings_on_submitting(client, overlapping, secretary):
    page = page_of(client, secretary, overlapping.get_absolute_url())
    form = page[page.index('class="stack submit-form"') :]
    assert 'name="confirm"' in form[: form.index("</form>")]


def test_a_plan_without_findings_is_submitted_without_confirming(client, office_trip, secretary):
    Trip.objects.filter(pk=office_trip.pk).update(end_date=DAY)  # one day: no night to lodge
    ItineraryItemFactory(trip=office_trip, title="Water plant", start=at(DAY, 9))
    client.force_login(secretary)
    response = client.post(submit_url(office_trip), {"note": ""})
    assert response.url == office_trip.versions.get().get_absolute_url()


def test_the_leader_reads_the_open_findings_first(client, overlapping, secretary, leader):
    version = submit(overlapping, secretary, "Day two.")
    page = page_of(client, leader, version.get_absolute_url())
    findings = page.index('id="schedule-health"')
    assert findings < page.index('class="card note"') < page.index('id="brief-title"')
    assert "cannot be in two places at once" in page[findings : page.index('class="card note"')]


def test_the_please_decide_email_names_the_open_findings_in_the_leaders_language(
    overlapping, secretary, leader
):
    Profile.objects.filter(user=leader).update(language="zh-hans")
    version = submit(overlapping, secretary)
    message = Message.objects.get(recipient_user=leader)
    finding = version.snapshot["findings"]["zh-hans"][0]["message"]
    assert f"- {finding}" in message.text_body
    assert f"<li>{finding}</li>" in message.html_body


# The leader's own navigation


def nav_of(page: str) -> str:
    start = page.index('<nav class="nav')
    return page[start : page.index("</nav>", start)]


def test_the_leader_has_a_short_navigation_of_his_own(client, leader):
    nav = nav_of(page_of(client, leader, reverse("desk:dashboard"), **ZH))
    assert [label in nav for label in ("待我审批", "我的出行", "需要我协调的督办事项")] == [
        True
    ] * 3
    assert f"?leader={leader.pk}" in nav
    assert "接待单位" not in nav and nav.count("<a ") == 3


def test_the_secretary_keeps_the_staff_navigation(client, secretary):
    nav = nav_of(page_of(client, secretary, reverse("desk:dashboard")))
    assert "Host units" in nav and "Mail log" in nav and "For my approval" not in nav


def test_what_needs_the_leader_is_a_board_filter_of_the_leaders_own(
    client, office_trip, secretary, leader
):
    dept = department()[0]
    wanted = item(office_trip, secretary, dept, title="Talk to the finance bureau")
    item(office_trip, secretary, dept, title="Routine item")
    followup_items.update(wanted, secretary, needs_leader=True)
    page = page_of(client, leader, f"{reverse('followups:board')}?needs_me=on")
    assert "Talk to the finance bureau" in page and "Routine item" not in page
    assert 'name="needs_me"' not in page_of(client, secretary, reverse("followups:board"))


def test_the_board_of_what_needs_the_leader_costs_the_same_queries_for_more_items(
    client, secretary, leader
):
    dept = department()[0]
    url = f"{reverse('followups:board')}?needs_me=on"
    client.force_login(leader)
    client.get(url)  # the session and the roles, once

    def queries(n: int) -> int:
        trip = TripFactory(team={secretary: "secretary", leader: "leader"})
        for i in range(n):
            item(trip, secretary, dept, title=f"Item {i}", needs_leader=True)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    assert queries(2) == queries(20)
