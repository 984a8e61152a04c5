# ruff: noqa: RUF001  (Chinese text with full-width punctuation on purpose)
"""The leader's pocket itinerary: A6 portrait, the itinerary and the key phone numbers only."""

from __future__ import annotations

import re
import subprocess
import tempfile
from pathlib import Path

import pytest
from django.urls import reverse

from notices.models import Notice
from tests.factories import (
    ContactFactory,
    HostUnitFactory,
    ItineraryItemFactory,
    UserFactory,
    at,
)
from tests.notices.notice_setup import approve
from tests.printing import pdf
from tests.printing.test_documents import DAY, _get, _trip
from tests.printing.test_documents import people as people
from trips.models import TripMember

pytestmark = pytest.mark.django_db
A6 = (297.64, 419.53)  # points


def _page_size(document: bytes) -> tuple[float, float]:
    pdf.need_poppler()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "document.pdf"
        path.write_bytes(document)
        info = subprocess.run(["pdfinfo", str(path)], capture_output=True, check=True).stdout
    width, height = re.search(rb"Page size:\s+([\d.]+) x ([\d.]+) pts", info).groups()
    return float(width), float(height)


@pytest.fixture
def trip(people):
    return _trip(people)


def test_pocket_itinerary_is_a6_portrait(client, trip, people):
    response = _get(client, people["leader"], trip, "pocket")
    assert response.status_code == 200
    width, height = _page_size(response.content)
    assert width == pytest.approx(A6[0], abs=1) and height == pytest.approx(A6[1], abs=1)


def test_pocket_itinerary_shows_the_days_items_and_key_phones(client, trip, people):
    second = UserFactory(
        username="zhou", roles=["secretary"], profile__name="周秘书", profile__title="副处长",
        profile__phone="138 0000 0005", profile__protocol_rank=5,
    )  # fmt: skip
    TripMember.objects.create(trip=trip, user=second, role="secretary")
    text = pdf.flat(_get(client, people["leader"], trip, "pocket").content)
    for words in (
        "河滨水厂调研", "2026年12月21日（星期一）", "09:00–10:30", "考察泵站二号",
        "泵站二号", "14:00–15:00", "与职工座谈", "三号会议室", "2026年12月22日（星期二）",
        "08:00–09:10", "乘高铁返回", "杭州东站→上海虹桥站",
        # the secretaries, in protocol order, with titles; the host's contact with title
        "周秘书副处长13800000005", "李秘书秘书13800000002", "孙厂长厂长", "0571-88886666",
        "第1页共1页",
    ):  # fmt: skip
        assert words.replace(" ", "") in text, words
    assert text.index("周秘书") < text.index("李秘书")
    # Key numbers only: not the leader's, the staff's or the driver's; no party list.
    for words in ("13800000001", "13800000003", "13900000009", "钱师傅", "赵敏"):
        assert words not in text, words


def test_pocket_lists_the_on_site_contact_a_unit_gave(client, trip, people):
    plant = trip.items.first().host_unit
    version = approve(trip, people["secretary"], people["leader"])
    Notice.objects.create(
        trip=trip, host_unit=plant, version=version, kind=Notice.Kind.NEW, content={},
        sent_by=people["secretary"],
        onsite_contact_name="周主任", onsite_contact_phone="139 1111 2222",
    )  # fmt: skip
    text = pdf.flat(_get(client, people["leader"], trip, "pocket").content)
    assert "周主任" in text and "13911112222" in text


def test_pocket_gives_the_directorys_number_of_a_unit_nobody_was_chosen_for(client, trip, people):
    school = HostUnitFactory(name="青山中学")
    ContactFactory(name="陈校长", title="校长", host_unit=school, phone="0571-6000 0002")
    ItineraryItemFactory(trip=trip, title="考察青山中学", host_unit=school, start=at(DAY, 16))
    plant = trip.items.get(title="考察泵站二号").host_unit
    ContactFactory(name="李娜", title="副厂长", host_unit=plant, phone="0571-8888 5555")
    text = pdf.flat(_get(client, people["leader"], trip, "pocket").content)
    assert "陈校长校长" in text and "0571-60000002" in text
    assert "李娜" not in text  # the plant's other contact: the one chosen for its stops suffices


def test_pocket_is_for_the_party(client, trip, people, outsider):
    assert _get(client, outsider, trip, "pocket").status_code == 403
    client.force_login(people["leader"])
    menu = client.get(reverse("printing:print_menu", args=[trip.pk])).content.decode()
    assert reverse("printing:document", args=[trip.pk, "pocket"]) in menu


def test_internal_trips_pocket_is_a_404_to_outsiders(client, people, outsider):
    internal = _trip(people, visibility="confidential")
    assert _get(client, outsider, internal, "pocket").status_code == 404
    assert "内部" in pdf.flat(_get(client, people["leader"], internal, "pocket").content)


def test_pocket_queries_do_not_grow_with_the_trip(client, people, django_assert_max_num_queries):
    small, large = _trip(people), _trip(people, plant_name="山顶水厂")
    for n in range(30):
        item = ItineraryItemFactory(trip=large, title=f"考察点{n}", start=at(DAY, 6, n * 15))
        item.attendees.set([people["leader"]])
        item.contacts.set([ContactFactory()])
    client.force_login(people["leader"])
    counts = []
    for trip in (small, large):
        with django_assert_max_num_queries(50) as captured:
            client.get(reverse("printing:document", args=[trip.pk, "pocket"]), {"lang": "en"})
        counts.append(len(captured))
    assert counts[0] == counts[1]
