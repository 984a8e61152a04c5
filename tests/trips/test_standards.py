# ruff: noqa: RUF001  (Chinese texts and messages, with full-width punctuation)
"""The reception standards as checks of the itinerary: each rule at its edge, under the
central rule and a stricter province, each finding naming its rule, frozen in the version."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import translation

from accounts.models import Grade
from directory.models import CENTRAL_NAME, ReceptionStandard
from tests.factories import HostUnitFactory, TripFactory, UserFactory
from tests.trips.test_schedule import DAY, item
from trips import approval, schedule, snapshot, standards
from trips.models import ItineraryItem, Trip

Kind = ItineraryItem.Kind
SATURDAY = dt.date(2026, 12, 12)

pytestmark = pytest.mark.django_db


def leader_of(grade: str):
    return UserFactory(roles=["leader"], profile__grade=grade)


def trip_led_by(grade: str, start: dt.date = DAY, **fields) -> Trip:
    """A one-day trip (DAY is a Monday) whose leader has this grade."""
    return TripFactory(
        start_date=start, end_date=start, team={leader_of(grade): "leader"}, **fields
    )


def found(trip: Trip, rule: str) -> list[schedule.Finding]:
    return [
        f
        for f in schedule.find_conflicts(Trip.objects.with_team().get(pk=trip.pk))
        if f.rule == rule
    ]


@pytest.fixture
def stricter() -> ReceptionStandard:
    standard = ReceptionStandard.objects.exclude(name=CENTRAL_NAME).get()
    standard.put_in_force()
    return standard


# 第十条: one working meal from each host


def test_one_meal_from_a_host_is_fine():
    trip = trip_led_by(Grade.BUREAU)
    unit = HostUnitFactory()
    item(trip, "12:00", "13:00", kind=Kind.MEAL, host_unit=unit)
    item(trip, "18:00", "19:00", kind=Kind.MEAL)  # the party's own dinner
    assert found(trip, "host_meals") == []


def test_a_second_meal_from_the_same_host_is_a_finding_under_it():
    trip = trip_led_by(Grade.BUREAU)
    unit = HostUnitFactory(name="County government")
    lunch = item(trip, "12:00", "13:00", kind=Kind.MEAL, host_unit=unit, title="Lunch")
    dinner = item(trip, "18:00", "19:00", kind=Kind.MEAL, host_unit=unit, title="Dinner")
    [finding] = found(trip, "host_meals")
    assert (finding.at, finding.items) == (dinner.pk, (lunch.pk, dinner.pk))
    assert "“Dinner” is meal 2 that County government provides" in finding.message
    assert "Art. 10 of the Rules on Domestic Official Reception" in finding.message


def test_one_meal_from_each_of_two_hosts_is_fine():
    trip = trip_led_by(Grade.BUREAU)
    item(trip, "12:00", "13:00", kind=Kind.MEAL, host_unit=HostUnitFactory())
    item(trip, "18:00", "19:00", kind=Kind.MEAL, host_unit=HostUnitFactory())
    assert found(trip, "host_meals") == []


def test_the_finding_names_the_article_in_chinese():
    trip = trip_led_by(Grade.BUREAU)
    unit = HostUnitFactory(name="县政府")
    item(trip, "12:00", "13:00", kind=Kind.MEAL, host_unit=unit, title="午餐")
    item(trip, "18:00", "19:00", kind=Kind.MEAL, host_unit=unit, title="晚餐")
    with translation.override("zh-hans"):
        [finding] = found(trip, "host_meals")
    assert "《党政机关国内公务接待管理规定》第十条：接待单位可以安排工作餐一次" in finding.message
    assert ":" not in finding.message  # full-width punctuation beside hanzi


# 第九条: 普通套间 only for 省部级


@pytest.mark.parametrize(
    ("grade", "findings"),
    [(Grade.PROVINCIAL, 0), (Grade.BUREAU, 1), (Grade.COUNTY, 1), ("", 1)],
)
def test_a_suite_is_for_provincial_grade_only(grade, findings):
    trip = TripFactory(start_date=DAY, end_date=DAY + dt.timedelta(days=1))
    trip.members.create(user=leader_of(grade), role="leader")
    item(trip, "20:00", "07:00", kind=Kind.LODGING, room_type="suite")
    assert len(found(trip, "suite_below_grade")) == findings


def test_a_standard_room_is_fine_for_any_grade():
    trip = trip_led_by(Grade.TOWNSHIP)
    item(trip, "20:00", "23:00", kind=Kind.LODGING, room_type="standard")
    assert found(trip, "suite_below_grade") == []


def test_the_suite_finding_says_the_grade_and_cites_article_9():
    trip = trip_led_by(Grade.BUREAU)
    item(trip, "20:00", "23:00", kind=Kind.LODGING, room_type="suite", title="Riverside Hotel")
    with translation.override("zh-hans"):
        [finding] = found(trip, "suite_below_grade")
    assert "厅局级" in finding.message
    assert "第九条" in finding.message


# 工作日中餐不上酒 where the standards say so


def lunch_with(trip: Trip, drinks: str, start: str = "12:00") -> ItineraryItem:
    end = f"{int(start[:2]) + 1:02d}{start[2:]}"
    return item(trip, start, end, kind=Kind.MEAL, drinks=drinks, title="Lunch")


def test_alcohol_at_a_weekday_lunch_is_fine_under_the_central_rule():
    trip = trip_led_by(Grade.BUREAU)
    lunch_with(trip, "alcohol")
    assert found(trip, "weekday_lunch_alcohol") == []


def test_alcohol_at_a_weekday_lunch_is_a_finding_where_lunch_is_dry(stricter):
    trip = trip_led_by(Grade.BUREAU)
    lunch = lunch_with(trip, "alcohol")
    [finding] = found(trip, "weekday_lunch_alcohol")
    assert finding.at == lunch.pk
    assert stricter.name in finding.message


def test_no_alcohol_at_a_weekday_lunch_is_fine(stricter):
    trip = trip_led_by(Grade.BUREAU)
    lunch_with(trip, "none")
    assert found(trip, "weekday_lunch_alcohol") == []


def test_alcohol_at_a_saturday_lunch_is_no_finding(stricter):
    trip = trip_led_by(Grade.BUREAU, start=SATURDAY)
    lunch_with(trip, "alcohol")
    assert found(trip, "weekday_lunch_alcohol") == []


@pytest.mark.parametrize(
    ("start", "findings"), [("10:59", 0), ("11:00", 1), ("13:59", 1), ("14:00", 0)]
)
def test_lunch_is_a_meal_in_the_trips_meal_window(stricter, start, findings):
    trip = trip_led_by(Grade.BUREAU)
    lunch_with(trip, "alcohol", start=start)
    assert len(found(trip, "weekday_lunch_alcohol")) == findings


# 第八条 and the 八项规定: what a host must not be asked for


@pytest.mark.parametrize(
    ("text", "what"),
    [
        ("请在门口悬挂欢迎横幅", "banners or slogans"),
        ("张贴标语", "banners or slogans"),
        ("会场摆放鲜花", "flowers or plants"),
        ("Flowers on the table", "flowers or plants"),
        ("安排欢迎仪式", "a welcome ceremony or welcoming crowds"),
        ("组织群众迎送", "a welcome ceremony or welcoming crowds"),
        ("铺设红地毯", "a red carpet"),
        ("晚上安排宴请", "a banquet"),
        ("A banquet for forty", "a banquet"),
    ],
)
def test_a_host_asked_for_what_the_rules_forbid_is_a_finding(text, what):
    trip = trip_led_by(Grade.BUREAU)
    visit = item(trip, "09:00", "10:00", host_unit=HostUnitFactory(), host_preparation=text)
    [finding] = found(trip, "host_asked_for")
    assert finding.at == visit.pk
    assert f"asks its host to prepare {what}" in finding.message


@pytest.mark.parametrize(
    "text",
    [
        "不挂横幅，不摆鲜花",
        "请勿摆放花草、横幅",
        "No banners, no flowers, no welcome ceremony",
        "准备安全帽六顶；汇报材料十份",
        "入住酒店：标准间",
    ],
)
def test_saying_not_to_or_asking_for_nothing_forbidden_is_fine(text):
    trip = trip_led_by(Grade.BUREAU)
    item(trip, "09:00", "10:00", host_unit=HostUnitFactory(), host_preparation=text)
    assert found(trip, "host_asked_for") == []


def test_each_thing_asked_for_names_its_rule():
    trip = trip_led_by(Grade.BUREAU)
    item(trip, "09:00", "10:00", host_preparation="悬挂横幅，摆放鲜花，安排宴请")
    with translation.override("zh-hans"):
        [finding] = found(trip, "host_asked_for")
    assert "第八条" in finding.message
    assert "八项规定" in finding.message
    assert finding.message.count("（") == 3


def test_the_briefs_wish_for_the_hosts_is_checked_too():
    trip = trip_led_by(Grade.BUREAU, host_preparation="Each host hangs a banner.")
    item(trip, "09:00", "10:00")
    [finding] = found(trip, "host_asked_for")
    assert (finding.items, finding.at, finding.day) == ((), None, None)


# What it costs, where it shows


def test_no_query_for_the_standards_when_no_item_needs_them(django_assert_num_queries):
    trip = Trip.objects.with_team().get(pk=trip_led_by(Grade.BUREAU).pk)
    item(trip, "09:00", "10:00", host_preparation="Helmets for six")
    items = list(trip.items.select_related("host_unit"))
    with django_assert_num_queries(1):  # the leader's other trips (trips.schedule)
        schedule.find_conflicts(trip, items=items)


def test_a_host_meal_costs_one_query_for_the_standards(django_assert_num_queries):
    trip = Trip.objects.with_team().get(pk=trip_led_by(Grade.BUREAU).pk)
    item(trip, "12:00", "13:00", kind=Kind.MEAL, host_unit=HostUnitFactory())
    items = list(trip.items.select_related("host_unit"))
    with django_assert_num_queries(2):
        schedule.find_conflicts(trip, items=items)


def test_the_findings_show_on_the_trip_page(client, secretary):
    trip = trip_led_by(Grade.BUREAU)
    trip.members.create(user=secretary, role="secretary")
    item(trip, "20:00", "23:00", kind=Kind.LODGING, room_type="suite", title="Riverside Hotel")
    client.force_login(secretary)
    html = client.get(trip.get_absolute_url()).content.decode()
    assert 'class="finding rule-suite_below_grade"' in html
    assert "Art. 9 of the Rules on Domestic Official Reception" in html


def test_the_findings_are_frozen_in_the_version_in_both_languages(client, secretary):
    trip = trip_led_by(Grade.BUREAU, host_preparation="悬挂横幅")
    trip.members.create(user=secretary, role="secretary")
    item(trip, "20:00", "23:00", kind=Kind.LODGING, room_type="suite")
    version = approval.submit(Trip.objects.with_team().get(pk=trip.pk), secretary)
    frozen = snapshot.Snapshot.of(version)
    rules = {f.rule for f in frozen.findings_in("en")}
    assert {"suite_below_grade", "host_asked_for"} <= rules
    assert any("第九条" in f.message for f in frozen.findings_in("zh-hans"))
    # The standards change later: the version keeps what the leader read.
    ReceptionStandard.objects.update(suite_from=Grade.BUREAU)
    assert found(trip, "suite_below_grade") == []
    client.force_login(secretary)
    html = client.get(reverse("trips:version_detail", args=[trip.pk, version.number])).content
    assert "rule-suite_below_grade" in html.decode()


def test_every_reception_rule_speaks_chinese(stricter):
    trip = trip_led_by(Grade.COUNTY, host_preparation="摆放鲜花")
    unit = HostUnitFactory()
    item(trip, "12:00", "13:00", kind=Kind.MEAL, host_unit=unit, drinks="alcohol")
    item(trip, "18:00", "19:00", kind=Kind.MEAL, host_unit=unit)
    item(trip, "20:00", "23:00", kind=Kind.LODGING, room_type="suite")
    with translation.override("zh-hans"):
        findings = schedule.find_conflicts(Trip.objects.with_team().get(pk=trip.pk))
    ours = [f for f in findings if f.rule in standards.RULES]
    assert {f.rule for f in ours} == set(standards.RULES)
    assert all("Art." not in f.message and "（" in f.message for f in ours)
