# ruff: noqa: RUF001  (Chinese text with full-width punctuation on purpose)
"""The seating chart (座次表) and the table cards (桌签): PDF, text, page size, access."""

from __future__ import annotations

import re
import subprocess
import tempfile
from pathlib import Path

import pytest
from django.urls import reverse

from logistics import seating
from logistics.models import SeatingPlan
from printing.seating import SEATING_CHART, TABLE_CARDS
from tests.factories import ItineraryItemFactory, TripFactory
from tests.printing import pdf

pytestmark = pytest.mark.django_db

# Most senior first; one character each name is unique, so that words do not collide.
PEOPLE = [
    ("王一伟", "副省长"),
    ("孙二厂", "厂长"),
    ("李三秘", "秘书长"),
    ("赵四敏", "处长"),
    ("钱五明", "副处长"),
    ("周六强", "科长"),
    ("吴七芳", "科员"),
]


def _plan(trip, people=PEOPLE, title="与职工座谈", head=3, per_row=4, convention="chinese"):
    item = ItineraryItemFactory(trip=trip, kind="forum", title=title, place="三号会议室")
    plan = SeatingPlan.objects.create(
        item=item, head_table_seats=head, seats_per_row=per_row, convention=convention
    )
    seating.save_attendees(plan, list(people))
    return plan


def _get(client, user, trip, name, language="zh-hans"):
    client.force_login(user)
    return client.get(reverse("printing:document", args=[trip.pk, name]), {"lang": language})


def _seat_order(plan) -> list[list[str]]:
    """Each line of the drawing, top to bottom, as names left to right."""
    return [[s.name for s in line[0].seats] for line in seating.layout(plan).lines]


def test_chart_draws_every_line_left_to_right_in_seat_order(client, staff, office_trip):
    plan = _plan(office_trip)
    response = _get(client, staff, office_trip, "seating")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    words = pdf.words(response.content, 1)
    tops = []
    for line in _seat_order(plan):  # head table [李三秘 王一伟 孙二厂], rows of four
        # the first occurrence of each name is the drawing's (the list comes after it)
        boxes = [next(w for w in words if w[0] == name) for name in line]
        assert [b[1] for b in boxes] == sorted(b[1] for b in boxes), line
        assert len({round(b[2]) for b in boxes}) == 1, f"{line} not on one line"
        tops.append(boxes[0][2])
    assert tops == sorted(tops), "the head table at the top, then the rows front first"
    assert _seat_order(plan)[0] == ["李三秘", "王一伟", "孙二厂"]


def test_chart_shows_the_item_and_the_seat_list_by_rank_with_titles(client, staff, office_trip):
    _plan(office_trip)
    text = pdf.flat(_get(client, staff, office_trip, "seating").content)
    assert office_trip.title.replace(" ", "") in text
    assert "与职工座谈" in text and "三号会议室" in text
    listed = "".join(f"{rank}{name}{title}" for rank, (name, title) in enumerate(PEOPLE, 1))
    # the list: number, name, title and seat (the head table or a row) for each rank in turn
    rows = re.sub(r"(主席台|第\d排)左起第\d座", "", text.split("序号姓名职务座位")[1])
    assert listed in rows


def test_each_plan_is_on_its_own_page(client, staff, office_trip):
    _plan(office_trip, title="第一场座谈")
    _plan(office_trip, people=[("郑八", "主任"), ("冯九", "副主任")], title="第二场座谈")
    content = _get(client, staff, office_trip, "seating").content
    assert pdf.pages(content) == 2
    assert "第一场座谈" in pdf.flat(content, 1) and "郑八" not in pdf.flat(content, 1)
    assert "第二场座谈" in pdf.flat(content, 2) and "郑八" in pdf.flat(content, 2)


def _page_size(content: bytes) -> tuple[float, float]:
    pdf.need_poppler()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "document.pdf"
        path.write_bytes(content)
        info = subprocess.run(["pdfinfo", str(path)], capture_output=True, check=True).stdout
    size = re.search(rb"^Page size:\s+([\d.]+) x ([\d.]+) pts", info, re.M)
    return float(size[1]), float(size[2])


def test_table_cards_one_landscape_page_a_seat_in_seat_order_name_on_both_halves(
    client, staff, office_trip
):
    plan = _plan(office_trip)
    content = _get(client, staff, office_trip, "table-cards").content
    in_seat_order = [name for line in _seat_order(plan) for name in line]
    assert pdf.pages(content) == len(PEOPLE)
    assert _page_size(content) == pytest.approx((841.89, 595.28), abs=0.01)  # A4 landscape
    for page, name in enumerate(in_seat_order, start=1):
        text = pdf.flat(content, page)
        assert text.count(name) == 2, (page, text)
        # no running header (document, trip) and no page number on a card
        assert office_trip.title.replace(" ", "") not in text
        assert "Tablecards" not in text and "Page" not in text


def test_the_top_half_of_a_card_is_upside_down(client, staff, office_trip):
    _plan(office_trip, people=[("王一伟", "副省长")])
    content = _get(client, staff, office_trip, "table-cards").content
    # pdftotext -bbox gives each word's box; the upside-down name lies in the top half
    names = [w for w in pdf.words(content, 1) if w[0] == "王一伟"]
    assert len(names) == 2
    assert sorted(w[2] < 595.28 / 2 for w in names) == [False, True]


@pytest.mark.parametrize("name", ["seating", "table-cards"])
def test_confidential_trip_seating_is_a_404_to_outsiders(client, outsider, confidential_trip, name):
    _plan(confidential_trip)
    assert _get(client, outsider, confidential_trip, name).status_code == 404


@pytest.mark.parametrize("name", ["seating", "table-cards"])
def test_seating_documents_are_for_the_party(client, outsider, staff, office_trip, name):
    _plan(office_trip)
    assert _get(client, outsider, office_trip, name).status_code == 403
    assert _get(client, staff, office_trip, name).status_code == 200


def test_menu_offers_seating_documents_only_when_the_trip_has_a_plan(client, staff, office_trip):
    client.force_login(staff)
    menu = reverse("printing:print_menu", args=[office_trip.pk])
    addresses = [
        reverse("printing:document", args=[office_trip.pk, name])
        for name in ("seating", "table-cards")
    ]
    html = client.get(menu).content.decode()
    assert not any(address in html for address in addresses)
    assert not SEATING_CHART.may_read(office_trip, staff)
    assert not TABLE_CARDS.may_read(office_trip, staff)
    _plan(office_trip)
    html = client.get(menu).content.decode()
    assert all(address in html for address in addresses)


def test_seating_page_loads_the_print_menu(client, staff, office_trip):
    plan = _plan(office_trip)
    client.force_login(staff)
    page = reverse("logistics:seating_plan", args=[office_trip.pk, plan.item.pk])
    html = client.get(page).content.decode()
    assert f'hx-get="{reverse("printing:print_menu", args=[office_trip.pk])}"' in html


@pytest.mark.parametrize("name", ["seating", "table-cards"])
def test_seating_queries_do_not_grow_with_plans_or_people(
    client, staff, secretary, leader, name, django_assert_max_num_queries
):
    team = {secretary: "secretary", leader: "leader", staff: "staff"}
    small = TripFactory(title="小", created_by=secretary, team=team)
    large = TripFactory(title="大", created_by=secretary, team=team)
    _plan(small, people=PEOPLE[:2])
    for n in range(4):
        _plan(large, people=[(f"人{n}{i}", "科员") for i in range(12)], title=f"会{n}")
    client.force_login(staff)
    queries = {}
    for trip in (small, large):
        url = reverse("printing:document", args=[trip.pk, name])
        with django_assert_max_num_queries(50) as captured:
            assert client.get(url, {"lang": "zh-hans"}).status_code == 200
        queries[trip.pk] = len(captured)
    assert queries[small.pk] == queries[large.pk]


def test_a_plan_without_people_prints_an_empty_chart_and_no_card(client, staff, office_trip):
    _plan(office_trip, people=[])
    chart = _get(client, staff, office_trip, "seating")
    assert chart.status_code == 200
    assert "与职工座谈" in pdf.flat(chart.content)
    cards = _get(client, staff, office_trip, "table-cards")
    assert cards.status_code == 200
    assert pdf.pages(cards.content) == 1


def _box(words, text):
    """The first word that is the text: (x0, y0)."""
    word = next(w for w in words if w[0] == text)
    return word[1], word[2]


def test_banquet_chart_stands_table_2_left_of_table_1_and_table_3_right(client, staff, office_trip):
    people = [(f"宾{n:02d}", "") for n in range(1, 31)]
    plan = _plan(office_trip, people=people, title="欢迎晚宴")
    plan.layout, plan.seats_per_table = "banquet", 10
    plan.save()
    words = pdf.words(_get(client, staff, office_trip, "seating").content, 1)
    two, one, three = (_box(words, label) for label in ("第2桌", "第1桌", "第3桌"))
    assert two[0] < one[0] < three[0]
    # At table 1 the main seat (宾01) is at the top, facing the door; the guest of honour
    # (宾02) at its right hand, the drawing's left; the No. 2 guest (宾03) at its left.
    main, right_hand, left_hand = (_box(words, name) for name in ("宾01", "宾02", "宾03"))
    assert right_hand[0] < main[0] < left_hand[0]
    assert main[1] < right_hand[1] and main[1] < left_hand[1]


def test_forum_chart_draws_the_guests_facing_the_door_above_the_hosts(client, staff, office_trip):
    plan = _plan(office_trip, people=[("刘建国", "县长"), ("陈明", "副县长")], title="座谈")
    plan.layout = "forum"
    plan.save()
    seating.save_attendees(plan, [("刘建国", "县长"), ("陈明", "副县长")], [("王一伟", "副省长")])
    words = pdf.words(_get(client, staff, office_trip, "seating").content, 1)
    guest, host1, host2 = (_box(words, name) for name in ("王一伟", "刘建国", "陈明"))
    assert guest[1] < host1[1] == host2[1]
    assert host2[0] < host1[0]  # the hosts' No. 2 at their No. 1's left: the door's left


def test_a_flagged_line_is_never_printed_whole_on_a_table_card(client, staff, office_trip):
    plan = _plan(office_trip, people=[("王一伟", "副省长")])
    lines = ["王一伟，副省长", "孙二厂 厂长", "市委副书记张三"]
    seating.save_attendees(plan, [seating.read_line(line) for line in lines])
    content = _get(client, staff, office_trip, "table-cards").content
    assert pdf.pages(content) == 2  # no card for the line that has no name to read
    assert "市委副书记张三" not in pdf.flat(content)
    cards = [pdf.words(content, page) for page in (1, 2)]
    card = next(words for words in cards if any(w[0] == "孙二厂" for w in words))
    names = [w for w in card if w[0] == "孙二厂"]
    titles = [w for w in card if w[0] == "厂长"]
    # The name alone in large type, the title on its own line below it (on each half).
    assert len(names) == len(titles) == 2
    assert all(abs(n[2] - t[2]) > 20 for n, t in zip(sorted(names), sorted(titles), strict=True))
    chart = pdf.flat(_get(client, staff, office_trip, "seating").content)
    assert "待核对的名单行" in chart and "市委副书记张三" in chart  # flagged on the chart


def test_a_group_photo_has_no_table_cards(client, staff, office_trip):
    plan = _plan(office_trip)
    plan.layout = "photo"
    plan.save()
    text = pdf.flat(_get(client, staff, office_trip, "table-cards").content)
    assert "王一伟" not in text


@pytest.mark.parametrize("name", ["seating", "table-cards"])
def test_seating_documents_queries_do_not_grow_with_the_plans(
    client, staff, office_trip, name, django_assert_max_num_queries
):
    other = TripFactory(team={staff: "staff"})
    _plan(office_trip)
    for n in range(4):
        _plan(other, people=PEOPLE * 3, title=f"第{n}场座谈")
    client.force_login(staff)
    counts = []
    for trip in (office_trip, other):
        url = reverse("printing:document", args=[trip.pk, name])
        with django_assert_max_num_queries(40) as captured:
            assert client.get(url, {"lang": "zh-hans"}).status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1]
