# ruff: noqa: RUF001  (Chinese text is written with full-width punctuation)
"""Words (issue 11): one date format per language, no ISO date shown, the fixed Chinese
wording, the kinds a host unit reads, the checklist template picker."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation

from accounts.dates import long_date, long_datetime
from logistics.models import ChecklistTemplate
from notices import drafts, links
from outbox.models import Message
from tests.factories import HostUnitFactory, ItineraryItemFactory, at
from tests.notices.notice_setup import A_WEEK_BEFORE, approve, build_visit, send
from trips.models import ItineraryItem

pytestmark = pytest.mark.django_db
ZH = {"HTTP_ACCEPT_LANGUAGE": "zh-hans"}
ISO_DATE = re.compile(r"\b20\d\d-\d\d-\d\d\b")
FIRST_DAY_ZH = "2026年12月7日（星期一）"


def shown_text(html: str) -> str:
    """What a reader sees: the page without its tags (and their attributes) and scripts."""
    return re.sub(r"<[^>]+>", " ", re.sub(r"<script.*?</script>", "", html, flags=re.S))


def test_a_date_reads_the_same_way_everywhere_in_each_language():
    import datetime as dt

    day = dt.date(2026, 12, 21)
    moment = dt.datetime(2026, 12, 21, 14, 30)
    assert long_date(day, "zh-hans") == "2026年12月21日（星期一）"
    assert long_date(day, "en") == "Monday 21 December 2026"
    assert long_date(day, "zh-hans", year=False) == "12月21日（星期一）"
    assert long_datetime(moment, "zh-hans", convert=False) == "2026年12月21日（星期一）14:30"
    assert long_datetime(moment, "en", convert=False) == "Monday 21 December 2026, 14:30"


# Dates on pages and in e-mails


def test_the_chinese_trip_page_shows_long_dates_and_no_iso_date(client, office_trip, secretary):
    ItineraryItemFactory(trip=office_trip, title="Water plant", start=at(office_trip.start_date, 9))
    client.force_login(secretary)
    page = shown_text(client.get(office_trip.get_absolute_url(), **ZH).content.decode())
    assert FIRST_DAY_ZH in page
    assert not ISO_DATE.search(page)


def test_the_chinese_version_page_shows_long_dates_and_no_iso_date(
    client, office_trip, secretary, leader
):
    visit = build_visit(office_trip, leader, staff=secretary)
    version = approve(visit.trip, secretary, leader)
    client.force_login(leader)
    page = shown_text(client.get(version.get_absolute_url(), **ZH).content.decode())
    assert FIRST_DAY_ZH in page
    assert not ISO_DATE.search(page)


def test_a_chinese_notice_e_mail_shows_long_dates_and_no_iso_date(
    office_trip, secretary, leader, staff
):
    with time_machine.travel(A_WEEK_BEFORE, tick=True):
        visit = build_visit(office_trip, leader, staff)
        approve(office_trip, secretary, leader)
        send(visit.trip, secretary)
    message = Message.objects.get(to="li@plant.example")
    assert message.language == "zh-hans"
    assert FIRST_DAY_ZH in message.text_body
    assert not ISO_DATE.search(message.text_body)
    assert not ISO_DATE.search(shown_text(message.html_body))


# The kinds a host unit reads


def test_hosts_never_read_the_offices_look_listen_talk(
    client, office_trip, secretary, leader, staff
):
    with time_machine.travel(A_WEEK_BEFORE, tick=True):
        visit = build_visit(office_trip, leader, staff)
        approve(office_trip, secretary, leader)
        sent = {n.host_unit: n for n in send(visit.trip, secretary)}
        for unit, internal in ((visit.plant, "（听）"), (visit.township, "(look)")):
            path = reverse("notices:notice_ack", args=[links.make_token(sent[unit])])
            page = client.get(path).content.decode()
            assert internal not in page
            assert internal not in sent[unit].text
    for message in Message.objects.filter(to__contains="@"):
        for internal in ("（看）", "（听）", "（谈）", "(look)", "(listen)", "(talk)"):
            assert internal not in message.text_body


# Fixed translations


def test_the_briefing_person_form_asks_for_name_and_post(client, secretary):
    client.force_login(secretary)
    url = reverse("briefings:unit_add", args=[HostUnitFactory().pk, "person"])
    page = client.get(url, **ZH).content.decode()
    assert "姓名" in page and "职务" in page


def test_the_briefing_section_text_is_called_zhengwen(client, secretary):
    client.force_login(secretary)
    url = reverse("briefings:unit_add", args=[HostUnitFactory().pk, "section"])
    page = client.get(url, **ZH).content.decode()
    assert "正文" in page and "纯文本正文" not in page


def test_the_checklist_template_list_calls_a_template_s_name_mingcheng(client, secretary):
    client.force_login(secretary)
    page = client.get(reverse("logistics:checklist_template_list"), **ZH).content.decode()
    assert "名称" in page and "姓名" not in page


def test_the_trip_page_offers_to_import_the_calendar(client, office_trip, secretary):
    client.force_login(secretary)
    page = client.get(office_trip.get_absolute_url(), **ZH).content.decode()
    assert "导入日历" in page and "日历（.ics）" not in page


def test_the_checklist_adds_preparation_items_not_visits(client, office_trip, secretary):
    client.force_login(secretary)
    page = client.get(reverse("logistics:checklist", args=[office_trip.pk]), **ZH)
    assert "添加事项" in page.content.decode() and "添加活动" not in page.content.decode()
    form = client.get(reverse("logistics:checklist_item_create", args=[office_trip.pk]), **ZH)
    assert "新增准备事项" in form.content.decode()


def test_selects_offer_choose_instead_of_dashes(client, secretary):
    client.force_login(secretary)
    url = reverse("briefings:unit_add", args=[HostUnitFactory().pk, "section"])
    page = client.get(url).content.decode()
    assert "---------" not in page and "Choose…" in page


# The checklist template picker


def picker_names(client, trip, query: str = "") -> list[str]:
    page = client.get(reverse("logistics:checklist", args=[trip.pk]) + query, **ZH)
    field = page.context["apply_form"].fields["template"]
    return [template.name for template in field.queryset]


def test_the_template_picker_offers_the_users_language_and_the_others_when_asked(
    client, office_trip, secretary
):
    ChecklistTemplate.objects.all().delete()
    kind = office_trip.kind
    other_kind = next(k for k, _ in type(office_trip).Kind.choices if k != kind)
    ChecklistTemplate.objects.create(name="A English", kind=kind, language="en")
    ChecklistTemplate.objects.create(name="B 其他", kind=other_kind, language="zh-hans")
    ChecklistTemplate.objects.create(name="C 本类", kind=kind, language="zh-hans")
    client.force_login(secretary)
    assert picker_names(client, office_trip) == ["C 本类", "B 其他"]
    assert picker_names(client, office_trip, "?templates=all") == ["C 本类", "B 其他", "A English"]
    with translation.override("zh-hans"):
        page = client.get(reverse("logistics:checklist", args=[office_trip.pk]), **ZH)
    assert "?templates=all" in page.content.decode()


# Issue 19: words of the office


def test_a_version_just_submitted_is_not_waiting_zero_minutes(client, office_trip, leader):
    secretary = office_trip.members.get(role="secretary").user
    build_visit(office_trip, leader, secretary)
    with time_machine.travel(A_WEEK_BEFORE, tick=False):
        from tests.notices.notice_setup import fresh
        from trips import approval

        approval.submit(fresh(office_trip), secretary)
        client.force_login(leader)
        page = shown_text(client.get(reverse("desk:dashboard"), **ZH).content.decode())
    assert "刚刚报批" in page and "0 分钟" not in page


def test_a_version_that_waits_says_how_long_with_one_spacing(client, office_trip, leader):
    secretary = office_trip.members.get(role="secretary").user
    build_visit(office_trip, leader, secretary)
    with time_machine.travel(A_WEEK_BEFORE, tick=False):
        from tests.notices.notice_setup import fresh
        from trips import approval

        approval.submit(fresh(office_trip), secretary)
    with time_machine.travel(A_WEEK_BEFORE + dt.timedelta(hours=3), tick=False):
        client.force_login(leader)
        page = shown_text(client.get(reverse("desk:dashboard"), **ZH).content.decode())
    assert "已等待 3 小时" in " ".join(page.split())


def test_the_briefing_book_has_one_name_in_chinese():
    import polib

    from tests.config.test_translations import PO

    names = {e.msgstr for e in polib.pofile(str(PO)) if e.msgid == "Briefing book"}
    assert names == {"背景资料汇编"}


def test_the_print_menu_offers_the_chinese_and_the_english_edition(client, office_trip, secretary):
    client.force_login(secretary)
    menu = reverse("printing:print_menu", args=[office_trip.pk])
    page = client.get(menu, **ZH, HTTP_HX_REQUEST="true").content.decode()
    assert re.search("行程单：<a [^>]+>英文版</a> · <a [^>]+>中文版</a>", page)
    assert "(PDF)" not in shown_text(page) and "English" not in shown_text(page)


def test_hosts_read_a_site_visit_as_shidi_kaocha(office_trip, secretary, leader, staff):
    visit = build_visit(office_trip, leader, staff)
    ItineraryItem.objects.filter(pk=visit.forum.pk).update(kind="site_visit")
    approve(office_trip, secretary, leader)
    plant = next(d for d in drafts.prepare(office_trip) if d.host_unit == visit.plant)
    assert "实地考察：Forum with the plant workers" in plant.text
    assert "参观考察" not in plant.text
