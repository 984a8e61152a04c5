# ruff: noqa: RUF001  (Chinese texts and messages, with full-width punctuation)
"""The reception standards against each host's answer: 陪餐 by the size of the party under
two provinces' tiers, 陪同 by the host's level, requirements asking for what the rules forbid;
the counts on the acknowledgement page, the findings on the notices page and the trip page."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from accounts.models import Grade
from directory.models import CENTRAL_NAME, HostUnit, ReceptionStandard
from notices import drafts, links
from notices.models import Notice
from notices.standards import unit_findings
from tests.notices.notice_setup import trip_panel

pytestmark = pytest.mark.django_db


@pytest.fixture
def central() -> ReceptionStandard:
    return ReceptionStandard.objects.get(name=CENTRAL_NAME)


@pytest.fixture
def stricter() -> ReceptionStandard:
    standard = ReceptionStandard.objects.exclude(name=CENTRAL_NAME).get()
    standard.put_in_force()
    return standard


def answered(meal_escorts: int | None = None, escorts: int | None = None) -> Notice:
    return Notice(kind=Notice.Kind.NEW, meal_escorts=meal_escorts, escorts=escorts)


def rules(
    standard, party: int, notice: Notice, level: str = "", text: str = "", grade: str = ""
) -> list[str]:
    unit = HostUnit(name="County government", level=level)
    return [f.rule for f in unit_findings(standard, party, unit, notice, text, grade)]


# 陪餐: 第十条 (≤10 visitors → 3, above → a third), and a stricter province (≤5 → 2)


@pytest.mark.parametrize(
    ("party", "at_the_meal", "finding"),
    [
        (10, 3, False),
        (10, 4, True),
        (11, 3, False),
        (11, 4, True),
        (12, 4, False),
        (12, 5, True),
        (5, 3, False),
    ],
)
def test_meal_escorts_under_the_central_rule(central, party, at_the_meal, finding):
    assert (rules(central, party, answered(at_the_meal)) == ["meal_escorts"]) is finding


@pytest.mark.parametrize(
    ("party", "at_the_meal", "finding"),
    [
        (5, 2, False),
        (5, 3, True),
        (6, 3, False),
        (6, 4, True),
        (10, 3, False),
        (12, 4, False),
        (12, 5, True),
    ],
)
def test_meal_escorts_under_the_stricter_province(stricter, party, at_the_meal, finding):
    assert (rules(stricter, party, answered(at_the_meal)) == ["meal_escorts"]) is finding


def test_no_count_given_is_no_finding(central):
    assert rules(central, 3, answered()) == []
    assert rules(central, 3, None) == []


def test_a_cancellation_is_not_checked(central):
    notice = Notice(kind=Notice.Kind.CANCELLATION, meal_escorts=9, escorts=9)
    assert rules(central, 3, notice, level=HostUnit.Level.CITY) == []


def test_the_meal_finding_cites_article_10_and_the_province(stricter):
    unit = HostUnit(name="县政府", level="")
    with translation.override("zh-hans"):
        [finding] = unit_findings(stricter, 5, unit, answered(3), "")
    assert stricter.name in finding.message
    assert "第十条" in finding.message


# 陪同: at city and county level one person


@pytest.mark.parametrize(
    ("level", "escorts", "finding"),
    [
        (HostUnit.Level.COUNTY, 1, False),
        (HostUnit.Level.COUNTY, 2, True),
        (HostUnit.Level.CITY, 2, True),
        ("", 5, False),  # the level not recorded: nothing to check against
    ],
)
def test_escorts_by_the_hosts_level(central, level, escorts, finding):
    assert (rules(central, 3, answered(escorts=escorts), level=level) == ["escorts"]) is finding


def test_the_escorts_cap_is_the_offices_to_set_by_grade_and_level(central):
    central.escorts_provincial_province = 3
    province = HostUnit.Level.PROVINCE
    assert rules(central, 3, answered(escorts=3), level=province, grade=Grade.PROVINCIAL) == []
    assert rules(central, 3, answered(escorts=2), level=province, grade=Grade.BUREAU) == ["escorts"]


def test_the_escorts_finding_cites_the_implementing_provisions(central):
    unit = HostUnit(name="县政府", level=HostUnit.Level.COUNTY)
    with translation.override("zh-hans"):
        [finding] = unit_findings(central, 3, unit, answered(escorts=2), "")
    assert "中央八项规定实施细则：市、县陪同只安排1人" in finding.message
    assert "县级接待单位陪同不得超过1人" in finding.message


# What the office asks the unit to prepare


def test_requirements_asking_for_a_banner_are_a_finding(central):
    assert rules(central, 3, None, text="请悬挂欢迎横幅") == ["unit_asked_for"]
    assert rules(central, 3, None, text="不挂横幅，不摆鲜花") == []


# The acknowledgement page


def ack_path(notice: Notice) -> str:
    return reverse("notices:notice_ack", args=[links.make_token(notice)])


def answer(**fields) -> dict[str, str]:
    return {"name": "Zhang Wei", "preparation_status": "in_progress", **fields}


def test_the_host_gives_its_meal_escorts_and_escorts(client, sent):
    client.post(ack_path(sent["plant"]), answer(meal_escorts="3", escorts="1"))
    notice = Notice.objects.get(pk=sent["plant"].pk)
    assert (notice.meal_escorts, notice.escorts) == (3, 1)


def test_the_counts_may_be_left_blank(client, sent):
    client.post(ack_path(sent["plant"]), answer())
    notice = Notice.objects.get(pk=sent["plant"].pk)
    assert notice.acknowledged_at is not None
    assert (notice.meal_escorts, notice.escorts) == (None, None)


def test_a_negative_count_is_refused_beside_the_field_and_the_input_kept(client, sent):
    response = client.post(ack_path(sent["township"]), answer(meal_escorts="-2"))
    html = response.content.decode()
    assert "Ensure this value is greater than or equal to 0." in html
    assert 'value="-2"' in html
    assert Notice.objects.get(pk=sent["township"].pk).acknowledged_at is None


def test_the_ack_page_asks_for_the_counts_in_the_units_language(client, sent):
    html = client.get(ack_path(sent["plant"])).content.decode()  # the plant reads Chinese
    assert "陪餐人数" in html and "陪同人数" in html


# Where the office sees the findings


def test_the_notices_page_shows_the_findings_on_the_units_row(client, sent, secretary, visit):
    # The party is three (secretary, leader, staff): the central rule allows 3 at the meal.
    sent["plant"].acknowledge("Li Na", meal_escorts=4)
    client.force_login(secretary)
    html = client.get(reverse("notices:notices", args=[visit.trip.pk])).content.decode()
    row = html.split(f'id="unit-{visit.plant.pk}"', 1)[1].split("</section>", 1)[0]
    assert "rule-meal_escorts" in row
    assert "Hilltop water plant has 4 of its people at the meal with a party of 3" in row
    township = html.split(f'id="unit-{visit.township.pk}"', 1)[1].split("</section>", 1)[0]
    assert "rule-meal_escorts" not in township


def test_the_stricter_province_finds_three_too_many_for_three(
    client, sent, secretary, visit, stricter
):
    sent["plant"].acknowledge("Li Na", meal_escorts=3)
    client.force_login(secretary)
    html = client.get(reverse("notices:notices", args=[visit.trip.pk])).content.decode()
    assert "at most 2" in html


def test_the_trip_pages_notice_panel_lists_the_findings(client, sent, secretary, visit):
    drafts.set_requirements(visit.trip, visit.township, "A banner at the gate", secretary)
    sent["plant"].acknowledge("Li Na", meal_escorts=4)
    client.force_login(secretary)
    panel = trip_panel(client, visit.trip)
    assert "rule-meal_escorts" in panel
    assert "The office asks Riverside township to prepare banners or slogans" in panel
    assert f"#unit-{visit.township.pk}" in panel


def test_the_panel_flags_requirements_before_any_notice_goes(client, visit, secretary):
    drafts.set_requirements(visit.trip, visit.plant, "请摆放鲜花", secretary)
    client.force_login(secretary)
    assert "rule-unit_asked_for" in trip_panel(client, visit.trip)
