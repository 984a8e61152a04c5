# ruff: noqa: RUF001  (Chinese text is written with full-width punctuation)
"""Time zones as the office names them: Beijing time, the usual zones first."""

from __future__ import annotations

import re
import zoneinfo

from django.urls import reverse
from django.utils import translation

from tests.factories import TripFactory
from trips import zones
from trips.forms.trips import TripForm

USUAL = [
    "Asia/Shanghai",
    "Asia/Hong_Kong",
    "Asia/Taipei",
    "Asia/Tokyo",
    "Asia/Singapore",
    "Europe/London",
    "Europe/Paris",
    "Europe/Berlin",
    "America/New_York",
    "America/Los_Angeles",
]


def test_a_trip_on_china_time_shows_beijing_time(client, db, secretary):
    trip = TripFactory(time_zone="Asia/Shanghai", team={secretary: "secretary"})
    client.force_login(secretary)
    page = client.get(trip.get_absolute_url()).content.decode()
    assert "Beijing time" in page
    assert "Asia/Shanghai" not in page


def test_the_picker_offers_the_usual_zones_first_by_name_then_the_rest(client, secretary):
    client.force_login(secretary)
    page = client.get(reverse("trips:trip_create")).content.decode()
    (_usual, first), *regions = TripForm().fields["time_zone"].widget.choices
    assert [name for name, _label in first] == USUAL
    rest = [name for _region, zones_ in regions for name, _label in zones_]
    assert sorted(rest) == sorted(zoneinfo.available_timezones() - {*USUAL})
    assert page.index('value="Asia/Shanghai"') < page.index('value="Africa/Abidjan"')
    assert ">Beijing time</option>" in page


def test_zone_names_are_localized():
    with translation.override("en"):
        assert zones.zone_label("Asia/Shanghai") == "Beijing time"
        assert zones.zone_label("Africa/Abidjan") == "Abidjan time"
    with translation.override("zh-hans"):
        assert zones.zone_label("Asia/Shanghai") == "北京时间"
        assert zones.zone_label("America/Argentina/Buenos_Aires") == "布宜诺斯艾利斯时间"


def picker_options(client, secretary, language: str) -> list[tuple[str, str]]:
    client.force_login(secretary)
    page = client.get(reverse("trips:trip_create"), HTTP_ACCEPT_LANGUAGE=language)
    select = re.search(r'<select name="time_zone".*?</select>', page.content.decode(), re.S)
    return re.findall(r'<option value="([^"]+)"[^>]*>([^<]*)</option>', select.group())


def test_the_chinese_picker_names_each_city_in_chinese_beijing_time_first(client, secretary):
    options = picker_options(client, secretary, "zh-hans")
    assert options[0] == ("Asia/Shanghai", "北京时间")
    assert ("Africa/Nairobi", "内罗毕时间") in options
    assert ("America/Argentina/Buenos_Aires", "布宜诺斯艾利斯时间") in options
    with_a_city = [label for name, label in options if zones._has_city(name)]
    assert not [label for label in with_a_city if re.search("[A-Za-z/_]", label)]


def test_the_english_picker_names_each_city_in_english(client, secretary):
    options = picker_options(client, secretary, "en")
    assert options[0] == ("Asia/Shanghai", "Beijing time")
    assert ("America/Argentina/Buenos_Aires", "Buenos Aires time") in options


def test_the_picker_groups_the_other_zones_by_region_in_the_pages_language(client, secretary):
    client.force_login(secretary)
    page = client.get(reverse("trips:trip_create"), HTTP_ACCEPT_LANGUAGE="zh-hans")
    page = page.content.decode()
    assert '<optgroup label="常用时区">' in page and '<optgroup label="非洲">' in page


def test_a_trip_abroad_says_its_times_are_in_the_citys_time_once(client, db, secretary):
    trip = TripFactory(time_zone="Asia/Tokyo", team={secretary: "secretary"})
    client.force_login(secretary)
    page = client.get(trip.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "时间均为东京时间，" in page
    assert "当地时间" not in page
