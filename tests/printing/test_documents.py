# ruff: noqa: RUF001  (Chinese text with full-width punctuation on purpose)
"""The itinerary (行程单) and the party list (随行人员名单) end to end: page, PDF, text, fonts."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from printing import documents
from printing.models import Download
from tests.factories import (
    ContactFactory,
    HostUnitFactory,
    ItineraryItemFactory,
    TripFactory,
    UserFactory,
    at,
)
from tests.printing import pdf
from trips.models import ItineraryItem, TripMember

pytestmark = pytest.mark.django_db
DAY = dt.date(2026, 12, 21)  # a Monday


@pytest.fixture
def people(db):
    """The office's people with Chinese names and titles, made lowest rank first so that
    the protocol order is not the order of making."""
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


def _trip(people, plant_name="河滨水厂", **kwargs):
    trip = TripFactory(
        title="河滨水厂调研",
        start_date=DAY,
        end_date=DAY + dt.timedelta(days=1),
        created_by=people["secretary"],
        team={
            people["secretary"]: "secretary",
            people["leader"]: "leader",
            people["staff"]: "staff",
        },
        **kwargs,
    )
    TripMember.objects.create(
        trip=trip, role="driver", name="钱师傅", title="驾驶员", phone="139 0000 0009", rank=1
    )
    plant = HostUnitFactory(name=plant_name, language="zh-hans")
    director = ContactFactory(name="孙厂长", title="厂长", host_unit=plant, phone="0571-8888 6666")
    visit = ItineraryItemFactory(
        trip=trip, title="考察泵站二号", place="泵站二号", host_unit=plant,
        address="滨江路1号", start=at(DAY, 9), minutes=90,
    )  # fmt: skip
    visit.attendees.set([people["staff"], people["leader"]])
    visit.contacts.set([director])
    forum = ItineraryItemFactory(
        trip=trip, kind=ItineraryItem.Kind.FORUM, title="与职工座谈", place="三号会议室",
        host_unit=plant, start=at(DAY, 14), minutes=60,
    )  # fmt: skip
    forum.attendees.set([people["leader"]])
    ItineraryItemFactory(
        trip=trip, kind=ItineraryItem.Kind.TRAVEL, travel_mode="train", title="乘高铁返回",
        place="", origin="杭州东站", destination="上海虹桥站",
        start=at(DAY + dt.timedelta(days=1), 8), minutes=70,
    )  # fmt: skip
    return trip


@pytest.fixture
def trip(people):
    return _trip(people)


@pytest.fixture
def internal_trip(people):
    return _trip(people, visibility="confidential")


def _get(client, user, trip, name, language="zh-hans"):
    client.force_login(user)
    url = reverse("printing:document", args=[trip.pk, name])
    return client.get(url, {"lang": language})


def test_itinerary_shows_the_title_and_every_item_of_each_day(client, trip, people):
    response = _get(client, people["staff"], trip, "itinerary")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "filename*=utf-8''%E8%A1%8C%E7%A8%8B%E5%8D%95" in response["Content-Disposition"]
    text = pdf.flat(response.content)
    for words in (
        "行程单", "河滨水厂调研", "2026年12月21日（星期一）至2026年12月22日（星期二）",
        "2026年12月21日（星期一）", "时间", "活动", "地点", "随行人员", "联系人",
        "09:00–10:30", "考察泵站二号", "泵站二号", "滨江路1号", "孙厂长厂长", "0571-88886666",
        "14:00–15:00", "与职工座谈", "汇报座谈（听）", "三号会议室", "交通·火车",
        "2026年12月22日（星期二）", "08:00–09:10", "乘高铁返回", "杭州东站→上海虹桥站",
    ):  # fmt: skip
        assert words.replace(" ", "") in text, words
    # Who of the party goes, in protocol order: the leader before the staff member.
    assert text.index("王伟（副省长）") < text.index("赵敏（科员）")


def test_itinerary_prints_each_name_and_title_of_the_party_on_one_line(client, trip, people):
    """A long activity and place, four of the party and no host contact: the party's column
    is as wide as its longest name and title, and the empty contact column takes nothing."""
    aide = UserFactory(
        username="lina", roles=["staff"],
        profile__name="李娜", profile__title="秘书", profile__protocol_rank=12,
    )  # fmt: skip
    item = ItineraryItemFactory(
        trip=trip, title="实地考察青山县现代农业产业园区及高标准农田建设情况",
        place="青山县现代农业产业园区核心区展示中心", address="青山县青山镇工业大道东段128号",
        start=at(DAY, 16), minutes=60,
    )  # fmt: skip
    item.attendees.set([people["leader"], aide, people["staff"], people["secretary"]])
    lines = pdf.text(_get(client, people["staff"], trip, "itinerary").content).splitlines()
    for label in ("王伟（副省长）", "李秘书（秘书）", "李娜（秘书）", "赵敏（科员）"):
        assert any(label in line for line in lines), label


def test_itinerary_in_english_when_chosen(client, trip, people):
    text = pdf.text(_get(client, people["staff"], trip, "itinerary", "en").content)
    assert "Itinerary" in text
    assert "Monday 21 December 2026 to Tuesday 22 December 2026" in text
    assert "Time" in text and "Accompanying" in text
    assert "Page 1 of 1" in text


def test_party_list_in_protocol_order_with_titles_and_phones(client, trip, people):
    text = pdf.flat(_get(client, people["secretary"], trip, "party").content)
    assert "随行人员名单" in text and "河滨水厂调研" in text
    rows = ["王伟副省长", "李秘书秘书", "赵敏科员", "钱师傅驾驶员"]
    positions = [text.index(row) for row in rows]
    assert positions == sorted(positions)  # leader, secretary, staff, then the driver
    for phone in ("13800000001", "13800000002", "13800000003", "13900000009"):
        assert phone in text


def test_party_list_is_for_the_team_only(client, trip, outsider):
    client.force_login(outsider)
    assert _get(client, outsider, trip, "party").status_code == 403
    assert _get(client, outsider, trip, "itinerary").status_code == 200


def test_confidential_trip_documents_are_a_404_to_outsiders(client, internal_trip, outsider):
    for name in ("itinerary", "party"):
        assert _get(client, outsider, internal_trip, name).status_code == 404
    assert not Download.objects.exists()


def test_unknown_document_is_a_404(client, trip, people):
    assert _get(client, people["staff"], trip, "minutes").status_code == 404


def test_chinese_document_embeds_the_shipped_font_and_no_other(client, trip, people):
    fonts = pdf.fonts(_get(client, people["staff"], trip, "itinerary").content)
    names = {font["name"] for font in fonts}
    assert names == {"Tripdesk-Sans-SC", "Tripdesk-Sans-SC-Bold"}
    assert all(font["embedded"] == "yes" and font["subset"] == "yes" for font in fonts)


def test_page_count_and_page_x_of_y_agree(client, people):
    trip = _trip(people)
    for n in range(60):
        ItineraryItemFactory(
            trip=trip, title=f"考察点{n}", place="厂区", start=at(DAY, 6, n * 15), minutes=10
        )
    document = _get(client, people["staff"], trip, "itinerary").content
    count = pdf.pages(document)
    assert count >= 2
    for page in range(1, count + 1):
        text = pdf.flat(document, page)
        assert f"第{page}页共{count}页" in text
        assert "行程单·河滨水厂调研" in text  # the running header
        assert "时间活动地点" in text  # the table's head, repeated
    assert f"第{count + 1}页" not in pdf.flat(document)


def test_internal_trip_watermark_on_every_page_and_each_download_logged(
    client, internal_trip, people
):
    for n in range(60):
        ItineraryItemFactory(
            trip=internal_trip, title=f"考察点{n}", start=at(DAY, 6, n * 15), minutes=10
        )
    response = _get(client, people["staff"], internal_trip, "itinerary")
    assert response["Cache-Control"] == "private, no-store"
    document = response.content
    count = pdf.pages(document)
    assert count >= 2
    for page in range(1, count + 1):
        text = pdf.flat(document, page)
        assert "内部" in text
        assert "赵敏2026年" in text  # the reader's name and the time, on every page
    _get(client, people["secretary"], internal_trip, "party", "en")
    log = [(d.user, d.document, d.language) for d in Download.objects.order_by("pk")]
    assert log == [
        (people["staff"], "itinerary", "zh-hans"),
        (people["secretary"], "party", "en"),
    ]


def test_changing_an_item_renders_the_itinerary_again_not_the_party_list(
    client, trip, people, monkeypatch
):
    made = []
    real = documents.render

    def spy(template, context, **kwargs):
        made.append(template)
        return real(template, context, **kwargs)

    monkeypatch.setattr(documents, "render", spy)
    for _ in range(2):
        _get(client, people["secretary"], trip, "itinerary")
        _get(client, people["secretary"], trip, "party")
    assert made == ["printing/itinerary.html", "printing/party.html"]

    item = trip.items.get(title="与职工座谈")
    item.place = "四号会议室"
    item.save()
    fresh = _get(client, people["secretary"], trip, "itinerary").content
    _get(client, people["secretary"], trip, "party")
    assert made == ["printing/itinerary.html", "printing/party.html", "printing/itinerary.html"]
    assert "四号会议室" in pdf.flat(fresh)


def test_print_menu_offers_the_documents_the_user_may_read(client, trip, people, outsider):
    menu_url = reverse("printing:print_menu", args=[trip.pk])
    client.force_login(people["staff"])
    assert f'hx-get="{menu_url}"' in client.get(trip.get_absolute_url()).content.decode()
    html = client.get(menu_url).content.decode()
    for name in ("itinerary", "party"):
        for language in ("en", "zh-hans"):
            assert f"{reverse('printing:document', args=[trip.pk, name])}?lang={language}" in html
    client.force_login(outsider)
    html = client.get(menu_url).content.decode()
    assert reverse("printing:document", args=[trip.pk, "itinerary"]) in html
    assert reverse("printing:document", args=[trip.pk, "party"]) not in html


@pytest.mark.parametrize("name", ["itinerary", "party"])
def test_document_queries_do_not_grow_with_the_trip(
    client, people, name, django_assert_max_num_queries, settings
):
    small, large = _trip(people), _trip(people, plant_name="山顶水厂")
    for n in range(30):
        item = ItineraryItemFactory(trip=large, title=f"考察点{n}", start=at(DAY, 6, n * 15))
        item.attendees.set([people["leader"], people["staff"]])
        item.contacts.set([ContactFactory()])
    client.force_login(people["secretary"])
    queries = {}
    for trip in (small, large):
        url = reverse("printing:document", args=[trip.pk, name])
        with django_assert_max_num_queries(50) as captured:
            client.get(url, {"lang": "zh-hans"})
        queries[trip.pk] = len(captured)
    assert queries[small.pk] == queries[large.pk]


def test_without_a_choice_the_document_is_in_the_page_language(client, trip, people):
    client.force_login(people["staff"])
    url = reverse("printing:document", args=[trip.pk, "itinerary"])
    assert "行程单" in pdf.flat(client.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans").content)
    assert "Itinerary" in pdf.text(client.get(url, {"lang": "fr"}).content)
