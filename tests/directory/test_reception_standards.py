"""The office's reception standards table: the shipped presets, the 陪餐 tiers of two
provinces at their edges, the settings pages (secretaries only) and the admin."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.models import Grade
from directory.models import CENTRAL_NAME, HostUnit, ReceptionStandard
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def central() -> ReceptionStandard:
    return ReceptionStandard.objects.get(name=CENTRAL_NAME)


@pytest.fixture
def stricter() -> ReceptionStandard:
    return ReceptionStandard.objects.exclude(name=CENTRAL_NAME).get()


def form_data(standard: ReceptionStandard, **changes) -> dict:
    """The settings form as the page sends it, with some values changed."""
    from directory.forms import ReceptionStandardForm

    form = ReceptionStandardForm(instance=standard)
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name)
        if isinstance(value, bool):
            if value:
                data[name] = "on"
            continue
        data[name] = "" if value is None else field.prepare_value(value)
    for name, value in changes.items():
        if value is None:
            data.pop(name, None)
        else:
            data[name] = value
    return data


# The shipped presets


def test_the_central_rule_is_shipped_in_force(central):
    assert ReceptionStandard.objects.in_force() == central
    assert central.is_central
    assert (central.party, central.party_escorts, central.large_party_divisor) == (10, 3, 3)
    assert central.small_party is None
    assert central.weekday_lunch_dry is False
    assert central.suite_from == Grade.PROVINCIAL


def test_a_stricter_province_preset_is_shipped_to_choose(stricter):
    assert not stricter.in_force
    assert (stricter.small_party, stricter.small_party_escorts) == (5, 2)
    assert stricter.weekday_lunch_dry is True


def test_without_any_row_the_checks_read_the_central_defaults():
    ReceptionStandard.objects.all().delete()
    standard = ReceptionStandard.objects.in_force()
    assert standard.pk is None
    assert [standard.meal_escorts_allowed(n) for n in (10, 11, 12)] == [3, 3, 4]


# 陪餐 by the size of the party: 第十条, and a stricter province


@pytest.mark.parametrize(
    ("visitors", "allowed"),
    [(1, 3), (5, 3), (10, 3), (11, 3), (12, 4), (14, 4), (15, 5), (30, 10)],
)
def test_central_rule_three_up_to_ten_then_a_third(central, visitors, allowed):
    assert central.meal_escorts_allowed(visitors) == allowed


@pytest.mark.parametrize(
    ("visitors", "allowed"),
    [(1, 2), (5, 2), (6, 3), (10, 3), (11, 3), (12, 4)],
)
def test_stricter_province_two_up_to_five_three_up_to_ten_then_a_third(stricter, visitors, allowed):
    assert stricter.meal_escorts_allowed(visitors) == allowed


@pytest.mark.parametrize(
    ("grade", "allowed"),
    [
        (Grade.PROVINCIAL, True),
        (Grade.BUREAU, False),
        (Grade.COUNTY, False),
        (Grade.TOWNSHIP, False),
        ("", False),
    ],
)
def test_a_suite_only_for_provincial_grade(central, grade, allowed):
    assert central.suite_allowed(grade) is allowed


def test_escorts_one_person_at_city_and_county_level(central):
    for grade in Grade.values:
        assert central.escorts_allowed(grade, HostUnit.Level.CITY) == 1
        assert central.escorts_allowed(grade, HostUnit.Level.COUNTY) == 1


def test_escorts_by_the_leaders_grade_and_the_hosts_level(central):
    central.escorts_provincial_province = 3
    assert central.escorts_allowed(Grade.PROVINCIAL, HostUnit.Level.PROVINCE) == 3
    assert central.escorts_allowed(Grade.BUREAU, HostUnit.Level.PROVINCE) == 1
    # The grade not recorded: the highest grade's cap, the most lenient.
    assert central.escorts_allowed("", HostUnit.Level.PROVINCE) == 3
    # The level not recorded: nothing to check against.
    assert central.escorts_allowed(Grade.BUREAU, "") is None


def test_a_local_meal_cap_falls_back_to_the_out_of_town_one(stricter):
    assert stricter.meal_cap(Grade.BUREAU, local=False) == 110
    assert stricter.meal_cap(Grade.BUREAU, local=True) == 110
    stricter.meal_bureau_local = 90
    assert stricter.meal_cap(Grade.BUREAU, local=True) == 90
    assert stricter.meal_cap("", local=False) is None


def test_putting_a_preset_in_force_takes_the_other_out(central, stricter):
    stricter.put_in_force()
    assert ReceptionStandard.objects.in_force() == stricter
    assert list(ReceptionStandard.objects.filter(in_force=True)) == [stricter]


# The settings pages: secretaries only


def test_a_secretary_sees_the_presets(client, secretary, central, stricter):
    client.force_login(secretary)
    html = client.get(reverse("directory:standards")).content.decode()
    assert central.name in html and stricter.name in html
    assert reverse("directory:standard_use", args=[stricter.pk]) in html


@pytest.mark.parametrize("who", ["staff", "leader"])
def test_anyone_but_a_secretary_gets_403(client, request, central, who):
    client.force_login(request.getfixturevalue(who))
    for url in (
        reverse("directory:standards"),
        reverse("directory:standard_edit", args=[central.pk]),
    ):
        assert client.get(url).status_code == 403
    response = client.post(reverse("directory:standard_use", args=[central.pk]))
    assert response.status_code == 403


def test_staff_cannot_change_a_value(client, staff, central):
    client.force_login(staff)
    url = reverse("directory:standard_edit", args=[central.pk])
    assert client.post(url, form_data(central, party_escorts="9")).status_code == 403
    central.refresh_from_db()
    assert central.party_escorts == 3


def test_a_secretary_changes_a_value(client, secretary, central):
    client.force_login(secretary)
    url = reverse("directory:standard_edit", args=[central.pk])
    response = client.post(url, form_data(central, party_escorts="2"))
    assert response.status_code == 302
    central.refresh_from_db()
    assert central.party_escorts == 2


def test_a_secretary_puts_the_province_in_force(client, secretary, stricter):
    client.force_login(secretary)
    client.post(reverse("directory:standard_use", args=[stricter.pk]))
    assert ReceptionStandard.objects.in_force() == stricter


def test_a_small_party_as_large_as_the_party_is_refused_beside_the_field(
    client, secretary, stricter
):
    client.force_login(secretary)
    url = reverse("directory:standard_edit", args=[stricter.pk])
    response = client.post(url, form_data(stricter, small_party="10"))
    html = response.content.decode()
    assert response.status_code == 200
    field = html.split('id="id_small_party"', 1)[1].split("</div>", 2)
    assert "The small party must be smaller than the party." in "".join(field)
    assert 'value="10"' in html  # what was typed is kept
    stricter.refresh_from_db()
    assert stricter.small_party == 5


def test_a_small_party_without_its_limit_is_refused(client, secretary, stricter):
    client.force_login(secretary)
    url = reverse("directory:standard_edit", args=[stricter.pk])
    response = client.post(url, form_data(stricter, small_party_escorts=""))
    assert "Give both the small party&#x27;s size and its limit, or neither." in (
        response.content.decode()
    )


def test_a_negative_count_is_refused(client, secretary, central):
    client.force_login(secretary)
    url = reverse("directory:standard_edit", args=[central.pk])
    response = client.post(url, form_data(central, escorts_bureau_county="-1"))
    assert response.status_code == 200
    assert "Ensure this value is greater than or equal to 0." in response.content.decode()


def test_the_settings_page_speaks_chinese(client, secretary, central):
    client.force_login(secretary)
    response = client.get(
        reverse("directory:standard_edit", args=[central.pk]), HTTP_ACCEPT_LANGUAGE="zh-hans"
    )
    html = response.content.decode()
    assert "陪餐" in html and "接待标准" in html


# The admin


@pytest.fixture
def superuser(db):
    return UserFactory(username="admin", is_staff=True, is_superuser=True)


def test_the_admin_lists_the_presets(client, superuser, central):
    client.force_login(superuser)
    html = client.get(reverse("admin:directory_receptionstandard_changelist")).content.decode()
    assert central.name in html


def test_the_admin_edits_a_preset_by_the_models_rules(client, superuser, stricter):
    client.force_login(superuser)
    url = reverse("admin:directory_receptionstandard_change", args=[stricter.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, form_data(stricter, small_party="12"))
    assert "The small party must be smaller than the party." in response.content.decode()
    client.post(url, form_data(stricter, weekday_lunch_dry=None))
    stricter.refresh_from_db()
    assert stricter.weekday_lunch_dry is False


def test_a_secretary_sets_a_cell_of_the_escort_grid(client, secretary, central):
    client.force_login(secretary)
    url = reverse("directory:standard_edit", args=[central.pk])
    html = client.get(url).content.decode()
    assert 'name="escorts_provincial_province"' in html and "escort-grid" in html
    client.post(url, form_data(central, escorts_provincial_province="3"))
    central.refresh_from_db()
    assert central.escorts_allowed(Grade.PROVINCIAL, HostUnit.Level.PROVINCE) == 3


def test_a_bad_cell_of_the_grid_is_refused_in_its_cell(client, secretary, central):
    client.force_login(secretary)
    url = reverse("directory:standard_edit", args=[central.pk])
    html = client.post(url, form_data(central, escorts_county_city="many")).content.decode()
    cell = html.split('name="escorts_county_city"', 1)[1].split("</td>", 1)[0]
    assert "Enter a whole number." in cell
    assert 'value="many"' in html.split('name="escorts_county_city"', 1)[0][-200:] + cell


# What the standards read: the host's level, the leader's grade


def test_a_secretary_sets_the_host_units_level(client, secretary):
    from tests.factories import HostUnitFactory

    unit = HostUnitFactory(name="县水利局")
    client.force_login(secretary)
    data = {"name": unit.name, "kind": "government", "level": "county", "language": "zh-hans"}
    client.post(reverse("directory:hostunit_edit", args=[unit.pk]), data)
    unit.refresh_from_db()
    assert unit.level == HostUnit.Level.COUNTY


def test_only_secretaries_set_the_leaders_grade_in_the_admin(secretary, staff):
    from django.contrib.admin import site
    from django.test import RequestFactory

    from accounts.admin import ProfileAdmin
    from accounts.models import Profile

    admin = ProfileAdmin(Profile, site)
    request = RequestFactory().get("/")
    request.user = staff
    assert "grade" in admin.get_readonly_fields(request)
    request.user = secretary
    assert "grade" not in admin.get_readonly_fields(request)
