# ruff: noqa: RUF001  (Chinese text with full-width punctuation on purpose)
"""The party's working sheets end to end: the contacts sheet (通讯录), the car plan (车辆安排)
and the drivers' sheet, meals and lodging (用餐住宿安排)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import translation

from logistics.models import PersonalNeed, Vehicle
from notices.models import Notice
from printing import pack, sheets
from tests.factories import (
    ContactFactory,
    HostUnitFactory,
    ItineraryItemFactory,
    TripFactory,
    UserFactory,
    at,
)
from tests.notices.notice_setup import approve
from tests.printing import pdf
from trips.models import ItineraryItem, TripMember

pytestmark = pytest.mark.django_db
DAY = dt.date(2026, 12, 21)  # a Monday
NEXT = DAY + dt.timedelta(days=1)
SHEETS = ("contacts", "cars", "driver", "meals")


@pytest.fixture
def people(db):
    """The office's people, made lowest rank first so that the protocol order is not the
    order of making (nor the alphabet's)."""
    staff = UserFactory(
        username="zhao", roles=["staff"],
        profile__name="赵敏", profile__title="科员", profile__phone="138 0000 0003",
        profile__protocol_rank=30,
    )  # fmt: skip
    secretary = UserFactory(
        username="li", roles=["secretary"],
        profile__name="李秘书", profile__title="秘书", profile__phone="138 0000 0002",
        profile__protocol_rank=10,
    )  # fmt: skip
    leader = UserFactory(
        username="wang", roles=["leader"],
        profile__name="王伟", profile__title="副省长", profile__phone="138 0000 0001",
        profile__protocol_rank=1,
    )  # fmt: skip
    return {"leader": leader, "secretary": secretary, "staff": staff}


def _trip(people, plant_name="河滨水厂", town_name="滨江镇政府", **kwargs):
    trip = TripFactory(
        title="河滨水厂调研", start_date=DAY, end_date=NEXT, created_by=people["secretary"],
        team={people["secretary"]: "secretary", people["leader"]: "leader",
              people["staff"]: "staff"},
        **kwargs,
    )  # fmt: skip
    TripMember.objects.create(
        trip=trip, role="driver", name="钱师傅", title="驾驶员", phone="139 0000 0009", rank=1
    )
    plant = HostUnitFactory(name=plant_name, language="zh-hans")
    town = HostUnitFactory(name=town_name, language="zh-hans")
    forum = ItineraryItemFactory(
        trip=trip, kind=ItineraryItem.Kind.FORUM, title="与职工座谈", place="三号会议室",
        host_unit=plant, start=at(DAY, 14), minutes=60,
    )  # fmt: skip
    forum.contacts.set([ContactFactory(name="周主任", title="办公室主任", host_unit=plant,
                                       phone="0571-8888 7777")])  # fmt: skip
    visit = ItineraryItemFactory(
        trip=trip, title="考察泵站二号", place="泵站二号", host_unit=plant,
        start=at(DAY, 9), minutes=90,
    )  # fmt: skip
    visit.contacts.set([ContactFactory(name="孙厂长", title="厂长", host_unit=plant,
                                       phone="0571-8888 6666")])  # fmt: skip
    ItineraryItemFactory(trip=trip, title="无人接待的路边考察", start=at(DAY, 11), minutes=30)
    village = ItineraryItemFactory(
        trip=trip, title="走访滨江村", host_unit=town, start=at(NEXT, 9), minutes=60
    )
    village.contacts.set([ContactFactory(name="吴镇长", title="镇长", host_unit=town,
                                         phone="0571-6666 1111")])  # fmt: skip
    return trip


@pytest.fixture
def trip(people):
    return _trip(people)


def _travel(trip, title, origin, destination, start, **kwargs):
    return ItineraryItemFactory(
        trip=trip, kind=ItineraryItem.Kind.TRAVEL, travel_mode="car", title=title,
        place="", origin=origin, destination=destination, start=start, minutes=40, **kwargs,
    )  # fmt: skip


def _cars(trip, people):
    """Car 1 takes the leader and the staff member (seated in that order of making) to the
    plant and back; car 2 the secretary to the village. Nobody else has a car."""
    there = _travel(trip, "前往水厂", "省政府", "河滨水厂", at(DAY, 8), address="滨江路1号")
    back = _travel(trip, "返回省政府", "河滨水厂", "省政府", at(DAY, 16))
    village = _travel(trip, "前往滨江村", "宾馆", "滨江村", at(NEXT, 8))
    one = Vehicle.objects.create(
        trip=trip, name="1号车", plate="浙A·12345", driver="钱师傅", driver_phone="139 0000 0009"
    )
    one.passengers.set([people["staff"], people["leader"]])
    one.travel_items.set([back, there])
    two = Vehicle.objects.create(
        trip=trip, name="2号车", driver="孙师傅", driver_phone="139 0000 0010"
    )
    two.passengers.set([people["secretary"]])
    two.travel_items.set([village])
    return one, two


def _meals(trip, people):
    lunch = ItineraryItemFactory(
        trip=trip, kind=ItineraryItem.Kind.MEAL, title="工作午餐", place="水厂食堂",
        start=at(DAY, 12), minutes=60,
    )  # fmt: skip
    lunch.attendees.set([people["leader"], people["staff"]])
    ItineraryItemFactory(
        trip=trip, kind=ItineraryItem.Kind.MEAL, title="工作晚餐", place="宾馆餐厅",
        start=at(DAY, 18), minutes=60,
    )  # fmt: skip
    ItineraryItemFactory(
        trip=trip, kind=ItineraryItem.Kind.LODGING, title="入住滨江宾馆", place="滨江宾馆",
        address="滨江路8号", start=at(DAY, 21), minutes=11 * 60,
    )  # fmt: skip
    for person, dietary, medical in (
        (people["leader"], "清真、不吃辣", "高血压，随身带药"),
        (people["staff"], "不吃辣", ""),
        (people["secretary"], "素食", "青霉素过敏"),
    ):
        PersonalNeed.objects.create(trip=trip, person=person, dietary=dietary, medical=medical)


def _get(client, user, trip, name, language="zh-hans"):
    client.force_login(user)
    return client.get(reverse("printing:document", args=[trip.pk, name]), {"lang": language})


def _title(document, language="zh-hans"):
    """The document's title as printed (flat: without spaces), whatever the catalogue has."""
    with translation.override(language):
        return str(document.label).replace(" ", "")


def _in_order(text, *words):
    positions = [text.index(word) for word in words]
    return positions == sorted(positions)


def test_contacts_sheet_lists_the_party_then_each_host_with_its_stops_and_contacts(
    client, trip, people
):
    response = _get(client, people["staff"], trip, "contacts")
    assert response.status_code == 200
    text = pdf.flat(response.content)
    assert _title(sheets.CONTACTS) in text and "河滨水厂调研" in text
    # The party in protocol order, with titles and phones; the driver without an account last.
    assert _in_order(text, "王伟副省长", "李秘书秘书", "赵敏科员", "钱师傅驾驶员")
    for phone in ("13800000001", "13800000002", "13800000003", "13900000009"):
        assert phone in text
    # The hosts in the order they are met (not the order of making), each with its stops
    # and the contacts chosen for them: name, title, phone, the stop they are for.
    hosts = text.split("接待单位联系人职务电话备注")[1]
    assert _in_order(
        hosts,
        "河滨水厂", "孙厂长厂长0571-88886666考察泵站二号",
        "周主任办公室主任0571-88887777与职工座谈",
        "滨江镇政府", "吴镇长镇长0571-66661111走访滨江村",
    )  # fmt: skip
    assert _in_order(hosts, "河滨水厂", "09:00–10:30考察泵站二号", "14:00–15:00与职工座谈")
    assert "12月22日（星期二）09:00–10:00走访滨江村" in hosts
    assert "无人接待的路边考察" not in text  # a stop without a host has no line


def _acknowledged(trip, people, unit, name, phone):
    """The unit's current notice, acknowledged with an on-site contact."""
    version = trip.versions.order_by("-number").first() or approve(
        trip, people["secretary"], people["leader"]
    )
    notice = Notice.objects.create(
        trip=trip, host_unit=unit, version=version, kind=Notice.Kind.NEW, content={},
        sent_by=people["secretary"],
    )  # fmt: skip
    notice.acknowledge("收文人", onsite_contact_name=name, onsite_contact_phone=phone)
    return notice


def test_contacts_sheet_lists_each_hosts_on_site_contact_and_its_directory_contacts(client, people):
    """Nobody chose a contact for the items: the acknowledgements and the directory say
    whom to call."""
    trip = TripFactory(
        title="青山县调研", start_date=DAY, end_date=NEXT, created_by=people["secretary"],
        team={people["secretary"]: "secretary", people["leader"]: "leader"},
    )  # fmt: skip
    county = HostUnitFactory(name="青山县人民政府", language="zh-hans")
    school = HostUnitFactory(name="青山中学", language="zh-hans")
    ContactFactory(name="刘建国", title="县长", host_unit=county, phone="0571-6000 0001")
    ContactFactory(name="陈校长", title="校长", host_unit=school, phone="0571-6000 0002")
    ItineraryItemFactory(trip=trip, title="听取县情汇报", host_unit=county, start=at(DAY, 9))
    ItineraryItemFactory(trip=trip, title="考察青山中学", host_unit=school, start=at(DAY, 14))
    _acknowledged(trip, people, school, "马老师", "139 2222 0002")
    _acknowledged(trip, people, county, "何主任", "139 2222 0001")
    text = pdf.flat(_get(client, people["secretary"], trip, "contacts").content)
    assert "暂无接待单位联系人" not in text
    hosts = text.split("接待单位联系人职务电话备注")[1]
    assert _in_order(
        hosts,
        "青山县人民政府", "何主任13922220001现场联系人（回执）", "刘建国县长0571-60000001",
        "青山中学", "马老师13922220002现场联系人（回执）", "陈校长校长0571-60000002",
    )  # fmt: skip


def test_the_packs_contacts_are_the_sheets(people):
    trip = _trip(people)
    plant = trip.items.get(title="考察泵站二号").host_unit
    _acknowledged(trip, people, plant, "吴工", "137 0000 0005")
    section = next(s for s in pack.SECTIONS if s.anchor == "contacts")
    hosts = section.data(trip, "zh-hans")["hosts"]
    assert hosts == sheets.contacts_data(trip, "zh-hans")["hosts"]
    assert [p["name"] for p in hosts[0]["people"]] == ["吴工", "孙厂长", "周主任"]


def test_car_plan_shows_each_car_its_driver_passengers_and_legs(client, trip, people):
    _cars(trip, people)
    text = pdf.flat(_get(client, people["secretary"], trip, "cars").content)
    assert _title(sheets.CARS) in text and "河滨水厂调研" in text
    assert "1号车·浙A·12345" in text
    assert "钱师傅13900000009" in text and "孙师傅13900000010" in text
    # Passengers in protocol order, whatever the order they were seated in.
    assert _in_order(text, "1号车", "王伟（副省长）", "赵敏（科员）", "2号车", "李秘书（秘书）")
    # Legs in time order with times, origin and destination, the address under it.
    assert _in_order(
        text,
        "2026年12月21日（星期一）08:00–08:40前往水厂省政府河滨水厂滨江路1号",
        "16:00–16:40返回省政府河滨水厂省政府",
        "2号车",
        "2026年12月22日（星期二）08:00–08:40前往滨江村宾馆滨江村",
    )


def test_car_plan_names_who_is_in_no_car(client, trip, people):
    car = Vehicle.objects.create(trip=trip, name="1号车", driver="钱师傅", driver_phone="1")
    car.passengers.set([people["leader"]])
    text = pdf.flat(_get(client, people["secretary"], trip, "cars").content)
    # The others after the cars, in protocol order.
    assert _in_order(text, "1号车", "王伟（副省长）", "李秘书（秘书）", "赵敏（科员）")


def test_drivers_sheet_gives_each_car_a_page_with_only_its_own_legs(client, trip, people):
    _cars(trip, people)
    document = _get(client, people["secretary"], trip, "driver").content
    assert pdf.pages(document) == 2
    first, second = pdf.flat(document, 1), pdf.flat(document, 2)
    for number, page in enumerate((first, second), start=1):
        assert _title(sheets.DRIVERS) in page and "河滨水厂调研" in page
        assert f"第{number}页共2页" in page
    assert "钱师傅13900000009" in first and "前往水厂" in first and "返回省政府" in first
    assert _in_order(first, "王伟（副省长）", "赵敏（科员）")
    assert "孙师傅" not in first and "前往滨江村" not in first and "李秘书" not in first
    assert "孙师傅13900000010" in second and "前往滨江村" in second and "李秘书（秘书）" in second
    assert "钱师傅" not in second and "前往水厂" not in second and "王伟" not in second


def test_meals_and_lodging_count_people_and_dietary_needs_without_names(client, trip, people):
    _meals(trip, people)
    text = pdf.flat(_get(client, people["secretary"], trip, "meals").content)
    assert _title(sheets.MEALS_AND_LODGING) in text and "河滨水厂调研" in text
    # Lunch: its two attendees, both avoid chilli, one eats halal. Dinner: the whole party
    # of four (the driver too), the secretary's vegetarian need as well.
    lunch, dinner = text.split("工作午餐")[1], text.split("工作晚餐")[1]
    assert lunch.startswith("水厂食堂2")
    assert dinner.startswith("宾馆餐厅4")
    assert "不吃辣" in lunch.split("工作晚餐")[0] and "素食" not in lunch.split("工作晚餐")[0]
    assert "素食" in dinner.split("入住滨江宾馆")[0]
    assert _in_order(text, "12:00–13:00", "工作午餐", "18:00–19:00", "工作晚餐", "入住滨江宾馆")
    assert "滨江宾馆" in text and "滨江路8号" in text
    assert "21:00–12月22日（星期二）08:00" in text  # the night, to the next morning
    # Counts only: nobody's name with a need, and nothing medical at all.
    for words in ("高血压", "随身带药", "青霉素", "王伟", "赵敏", "李秘书"):
        assert words not in text, words


def test_meals_in_english_count_each_need(client, trip, people):
    _meals(trip, people)
    text = pdf.text(_get(client, people["secretary"], trip, "meals", "en").content)
    assert "Meals and lodging" in text
    assert "不吃辣: 2 people" in text and "素食: 1 person" in text
    assert "The party: 4 people." in text


@pytest.mark.parametrize("name", SHEETS)
def test_sheets_are_for_the_party_only(client, trip, people, outsider, name):
    assert _get(client, people["staff"], trip, name).status_code == 200
    assert _get(client, outsider, trip, name).status_code == 403


def test_internal_trip_sheets_are_a_404_to_outsiders_and_marked_internal(client, people, outsider):
    internal = _trip(people, visibility="confidential")  # the only trip of this test
    for name in SHEETS:
        assert _get(client, outsider, internal, name).status_code == 404
    text = pdf.flat(_get(client, people["staff"], internal, "contacts").content)
    assert "内部" in text and "秘密" not in text


def test_print_menu_offers_the_sheets_to_the_party_only(client, trip, people, outsider):
    menu = reverse("printing:print_menu", args=[trip.pk])
    client.force_login(people["staff"])
    html = client.get(menu).content.decode()
    client.force_login(outsider)
    outside = client.get(menu).content.decode()
    for name in SHEETS:
        url = reverse("printing:document", args=[trip.pk, name])
        assert url in html and url not in outside


@pytest.mark.parametrize("name", SHEETS)
def test_sheet_queries_do_not_grow_with_the_trip(
    client, people, name, django_assert_max_num_queries
):
    small, large = _trip(people), _trip(people, plant_name="山顶水厂", town_name="山顶镇政府")
    for trip in (small, large):
        _cars(trip, people)
        _meals(trip, people)
    for n in range(20):
        item = ItineraryItemFactory(trip=large, title=f"考察点{n}", start=at(DAY, 6, n * 15))
        item.contacts.set([ContactFactory(), ContactFactory()])
        meal = ItineraryItemFactory(
            trip=large, kind=ItineraryItem.Kind.MEAL, title=f"餐{n}", start=at(NEXT, 6, n * 15)
        )
        meal.attendees.set([people["leader"], people["staff"]])
        car = Vehicle.objects.create(
            trip=large, name=f"{n + 3}号车", driver="司机", driver_phone="1"
        )
        car.passengers.set([people["staff"]])
        car.travel_items.set([_travel(large, f"路段{n}", "甲", "乙", at(NEXT, 7, n))])
    client.force_login(people["secretary"])
    queries = {}
    for trip in (small, large):
        url = reverse("printing:document", args=[trip.pk, name])
        with django_assert_max_num_queries(50) as captured:
            assert client.get(url, {"lang": "zh-hans"}).status_code == 200
        queries[trip.pk] = len(captured)
    assert queries[small.pk] == queries[large.pk]
