# ruff: noqa: RUF001  (the Chinese notice is written with full-width punctuation)
"""The host unit's notice reads like an official notice (通知), in the unit's language; the
secretary may edit it, give it by phone, and answer the unit's messages."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from notices import board, cancelling, drafts, links, reminders, sending
from notices import messages as unit_messages
from notices.models import Notice, NoticeReply, UnitRequirements
from outbox.models import Message
from tests.notices.notice_setup import (
    A_WEEK_BEFORE,
    approve,
    build_visit,
    drafts_by_unit,
    fresh,
    send,
)
from trips.models import Trip

pytestmark = pytest.mark.django_db


def name_people(leader, secretary) -> None:
    """The leader 王伟, 副省长 (Wang Wei, Vice Governor); the secretary 李明 with a phone."""
    profile = leader.profile
    profile.name, profile.name_en = "王伟", "Wang Wei"
    profile.title, profile.title_en = "副省长", "Vice Governor"
    profile.save()
    profile = secretary.profile
    profile.name, profile.name_en = "李明", "Li Ming"
    profile.title, profile.title_en = "秘书", "Secretary"
    profile.phone = "138 0000 1234"
    profile.save()


@pytest.fixture
def visit(office_trip, secretary, leader, staff):
    name_people(leader, secretary)
    visit = build_visit(office_trip, leader, staff)
    UnitRequirements.objects.create(
        trip=office_trip,
        host_unit=visit.plant,
        purpose="了解供水水质和设备更新情况。",
        dietary=[["清真", 1], ["不吃辣", 2]],
        reference="长政办通〔2026〕12号",
    )
    approve(office_trip, secretary, leader)
    return visit


# The text


def test_the_chinese_notice_reads_like_an_official_notice(visit):
    plant = drafts_by_unit(visit.trip)["Hilltop water plant"]
    subject = "关于副省长王伟同志一行到Hilltop water plant调研的通知"
    assert plant.context()["subject"] == subject
    text = plant.text
    assert text.startswith("长政办通〔2026〕12号\n\n" + subject)
    assert (
        "副省长王伟同志一行拟于2026年12月7日（星期一）到贵单位调研，现将有关事项通知如下：" in text
    )
    assert "一、调研目的和主要内容\n　　了解供水水质和设备更新情况。" in text
    assert "二、活动安排" in text and "11:15—12:15" in text
    assert "Forum with the plant workers" in text
    assert "三、随行人员（共1人）\n　　王伟（副省长）" in text
    assert "A ten-minute report on water quality" in text
    assert "Lunch at the canteen" in text and "共1人。" in text
    assert "联系人\n　　李明（秘书），电话：138 0000 1234" in text
    assert "特此通知。" in text


def test_the_chinese_notice_goes_out_with_its_official_subject(visit, secretary):
    send(visit.trip, secretary)
    message = Message.objects.get(to="li@plant.example")
    assert message.subject == "关于副省长王伟同志一行到Hilltop water plant调研的通知"
    assert "拟于2026年12月7日（星期一）到贵单位调研" in message.text_body
    assert "拟于2026年12月7日（星期一）到贵单位调研" in message.html_body


def test_the_english_notice_has_the_same_parts_in_an_english_form(visit):
    text = drafts_by_unit(visit.trip)["Riverside township"].text
    assert text.startswith(
        "Notice of the research visit of Vice Governor Wang Wei and party to Riverside township"
    )
    assert (
        "Vice Governor Wang Wei and party plan to visit your unit on Monday, 7 December 2026 "
        "for an inspection and research visit." in text
    )
    assert "The party (2 people)\nWang Wei (Vice Governor); Sam Zhao" in text
    assert "Contact\nLi Ming, Secretary, phone 138 0000 1234" in text


def test_the_kind_of_trip_decides_the_verb(visit, secretary, leader):
    Trip.objects.filter(pk=visit.trip.pk).update(kind=Trip.Kind.MEETING)
    approve(visit.trip, secretary, leader)
    plant = drafts_by_unit(visit.trip)["Hilltop water plant"]
    assert "到Hilltop water plant出席会议的通知" in plant.context()["subject"]


def test_dietary_requirements_are_counts_and_never_names(visit):
    text = drafts_by_unit(visit.trip)["Hilltop water plant"].text
    line = next(line for line in text.splitlines() if "饮食要求" in line)
    assert line.strip() == "饮食要求：清真 1 人，不吃辣 2 人。"
    assert "王伟" not in line and "Sam Zhao" not in line


def test_a_dietary_need_without_a_number_is_refused():
    with pytest.raises(ValidationError):
        drafts.parse_dietary("王伟 不吃辣")
    assert drafts.parse_dietary("清真 1 人，不吃辣 2 人") == [("清真", 1), ("不吃辣", 2)]


def test_another_units_purpose_and_dietary_needs_stay_with_it(visit):
    text = drafts_by_unit(visit.trip)["Riverside township"].text
    assert "供水" not in text and "清真" not in text and "长政办通" not in text


def test_a_new_purpose_makes_an_update(visit, secretary):
    send(visit.trip, secretary)
    drafts.set_requirements(fresh(visit.trip), visit.plant, "", secretary, purpose="了解节水工作。")
    plant = drafts_by_unit(visit.trip)["Hilltop water plant"]
    assert plant.kind == Notice.Kind.UPDATE
    before, after = "了解供水水质和设备更新情况。", "了解节水工作。"
    assert {"change": "purpose", "before": before, "after": after} in plant.changes


def test_the_notices_page_keeps_purpose_dietary_and_reference(client, visit, secretary):
    client.force_login(secretary)
    url = reverse("notices:notice_requirements", args=[visit.trip.pk, visit.township.pk])
    prefix = f"unit-{visit.township.pk}"
    data = {
        f"{prefix}-purpose": "Water supply",
        f"{prefix}-text": "",
        f"{prefix}-dietary": "halal 1\nno spicy food 2",
        f"{prefix}-reference": "Ref 12",
    }
    assert client.post(url, data).status_code == 302
    asked = UnitRequirements.objects.get(trip=visit.trip, host_unit=visit.township)
    assert (asked.purpose, asked.dietary, asked.reference) == (
        "Water supply",
        [["halal", 1], ["no spicy food", 2]],
        "Ref 12",
    )
    text = drafts_by_unit(visit.trip)["Riverside township"].text
    assert "Dietary requirements: halal: 1 person, no spicy food: 2 people." in text


# The secretary's edit


def test_an_edited_notice_is_previewed_sent_and_kept(visit, secretary):
    edited = drafts_by_unit(visit.trip)["Riverside township"].text + "\nPlease park at gate 2."
    drafts.set_notice_text(fresh(visit.trip), visit.township, edited, secretary)
    township = drafts_by_unit(visit.trip)["Riverside township"]
    assert township.is_edited and "Please park at gate 2." in township.preview()
    notice = next(n for n in send(visit.trip, secretary) if n.host_unit == visit.township)
    assert notice.edited and notice.text == edited
    assert "Please park at gate 2." in Message.objects.get(to="zhang@township.example").text_body
    assert not UnitRequirements.objects.get(host_unit=visit.township).notice_text


def test_an_edited_notice_is_still_only_that_units_part(visit, secretary):
    with pytest.raises(ValidationError):
        drafts.set_notice_text(
            fresh(visit.trip), visit.township, "Join the Forum with the plant workers.", secretary
        )


def test_an_edit_made_before_the_plan_changed_is_not_sent(visit, secretary, leader):
    drafts.set_notice_text(fresh(visit.trip), visit.township, "Come at nine.", secretary)
    visit.pumping.title = "Visit the new pumping station"
    visit.pumping.save()
    approve(visit.trip, secretary, leader)
    township = drafts_by_unit(visit.trip)["Riverside township"]
    assert township.edit_is_stale and not township.can_send
    assert visit.township not in {n.host_unit for n in send(visit.trip, secretary)}


# Notices by phone


def called(visit, secretary, acknowledged=True) -> Notice:
    return sending.record_phone(
        fresh(visit.trip),
        visit.plant,
        secretary,
        caller="李明",
        callee="Li Na",
        called_at=A_WEEK_BEFORE,
        agreed="They prepare the report.",
        acknowledged=acknowledged,
    )


def test_a_phone_notice_makes_a_unit_without_e_mail_reachable(visit, secretary):
    visit.plant.contacts.update(email="")
    trip = fresh(visit.trip)
    assert [p.unit_name for p in board.trip_summary(trip, secretary).problems] == [
        "Hilltop water plant"
    ]
    assert [p.unit_name for p in board.board(trip).unreachable] == ["Hilltop water plant"]
    notice = called(visit, secretary)
    trip = fresh(visit.trip)
    assert board.trip_summary(trip, secretary).problems == []
    assert board.board(trip).unreachable == []
    assert notice.by_phone and notice.phone_callee == "Li Na"
    assert not Message.objects.filter(cause_key=notice.cause_key).exists()


def test_a_phone_notice_carries_the_acknowledgement_status(visit, secretary):
    notice = called(visit, secretary)
    assert notice.acknowledged_at == A_WEEK_BEFORE and notice.acknowledged_by_name == "Li Na"
    assert board.trip_summary(fresh(visit.trip), secretary).acknowledged == 1


def test_a_phone_notice_not_confirmed_is_not_acknowledged(visit, secretary):
    notice = called(visit, secretary, acknowledged=False)
    assert notice.acknowledged_at is None
    assert notice.ack_reminder_due_at is None  # called again, not e-mailed a link
    assert drafts_by_unit(visit.trip)["Hilltop water plant"].kind == drafts.UNCHANGED


def test_the_secretary_records_a_phone_notice_on_the_notices_page(client, visit, secretary):
    client.force_login(secretary)
    url = reverse("notices:notice_phone", args=[visit.trip.pk, visit.plant.pk])
    prefix = f"phone-{visit.plant.pk}"
    data = {
        f"{prefix}-caller": "李明",
        f"{prefix}-callee": "Li Na",
        f"{prefix}-called_at": "2026-11-30T09:00",
        f"{prefix}-agreed": "Report ready by Friday",
        f"{prefix}-acknowledged": "on",
    }
    assert client.post(url, data).status_code == 302
    notice = Notice.objects.get(host_unit=visit.plant)
    assert notice.by_phone and notice.acknowledged_at is not None
    page = client.get(reverse("notices:notices", args=[visit.trip.pk])).content.decode()
    assert "李明 called Li Na" in page


# Messages from the unit, and the office's answer


@pytest.fixture
def message(visit, secretary) -> NoticeReply:
    notice = next(n for n in send(visit.trip, secretary) if n.host_unit == visit.plant)
    return unit_messages.reply(notice, "Can the forum start at 11:30?")


def test_a_units_message_alerts_the_secretaries_at_once(message, secretary):
    alert = Message.objects.get(cause_key=f"trips.notice_message:{message.pk}")
    assert alert.recipient_user == secretary
    assert "Can the forum start at 11:30?" in alert.text_body


def test_a_units_message_shows_on_the_dashboard_until_read(client, message, secretary, staff):
    client.force_login(secretary)
    dashboard = reverse("desk:dashboard")
    assert "Can the forum start at 11:30?" in client.get(dashboard).content.decode()
    client.force_login(staff)  # not a secretary of the trip: not on their dashboard
    assert "Can the forum start at 11:30?" not in client.get(dashboard).content.decode()
    client.force_login(secretary)
    url = reverse("notices:notice_message_read", args=[message.notice.trip_id, message.pk])
    assert client.post(url, {"next": dashboard}).url == dashboard
    assert "Can the forum start at 11:30?" not in client.get(dashboard).content.decode()


def test_the_secretarys_answer_reaches_the_unit_by_e_mail(client, message, visit, secretary):
    client.force_login(secretary)
    url = reverse("notices:notice_answer", args=[visit.trip.pk, visit.plant.pk])
    response = client.post(url, {f"answer-{visit.plant.pk}-text": "Yes, 11:30 is fine."})
    assert response.status_code == 302
    answer = NoticeReply.objects.get(author=secretary)
    mail = Message.objects.get(cause_key=f"trips.notice_message:{answer.pk}")
    assert mail.to == "li@plant.example" and mail.language == "zh-hans"
    assert "Yes, 11:30 is fine." in mail.text_body
    assert links.link_url(message.notice) in mail.text_body
    message.refresh_from_db()
    assert message.read_at is not None  # answered: off the dashboard


def test_the_answer_shows_on_the_units_page(client, message, visit, secretary):
    unit_messages.answer(fresh(visit.trip), visit.plant, "Yes, 11:30 is fine.", secretary)
    page = client.get(links.link_url(message.notice)).content.decode()
    assert "Yes, 11:30 is fine." in page


def test_the_units_page_shows_the_official_notice(client, message):
    page = client.get(links.link_url(message.notice)).content.decode()
    assert "副省长王伟同志一行拟于2026年12月7日（星期一）到贵单位调研" in page


def test_reminders_still_go_a_day_before(visit, secretary):
    send(visit.trip, secretary)
    with time_machine.travel(A_WEEK_BEFORE + dt.timedelta(days=6), tick=False):
        assert reminders.send_due_reminders() > 0


# The notice of changes (变更通知) and the 落款


@pytest.fixture
def changed(visit, secretary, leader, settings):
    """The plant was told; then its forum moves and changes room, its dietary counts change."""
    settings.OFFICE_NAME = "青山省人民政府办公厅"
    send(visit.trip, secretary)
    visit.forum.start += dt.timedelta(minutes=30)
    visit.forum.end += dt.timedelta(minutes=30)
    visit.forum.place = "Meeting room 5"
    visit.forum.save()
    drafts.set_requirements(
        fresh(visit.trip), visit.plant, "", secretary, dietary=[("清真", 1), ("不吃辣", 3)]
    )
    approve(visit.trip, secretary, leader)
    return drafts_by_unit(visit.trip)["Hilltop water plant"]


def test_a_notice_of_changes_says_what_changed_from_what_to_what(changed):
    text = changed.text
    assert changed.kind == Notice.Kind.UPDATE
    assert text.startswith(
        "长政办通〔2026〕12号\n\n关于副省长王伟同志一行到Hilltop water plant调研安排变更的通知"
    )
    assert (
        "Forum with the plant workers：时间由“2026年12月7日（星期一）11:15–12:15”"
        "改为“2026年12月7日（星期一）11:45–12:45”；地点由“Meeting room 3”改为“Meeting room 5”。"
    ) in text
    assert "饮食要求由“清真 1 人，不吃辣 2 人”改为“清真 1 人，不吃辣 3 人”。" in text


def test_a_notice_of_changes_gives_the_whole_part_as_it_stands(changed):
    text = changed.text
    changes, now = text.split("二、", 1)
    assert "一、变更事项" in changes
    assert "活动安排" in now and "11:45—12:45" in now and "Lunch at the canteen" in now
    assert "饮食要求：清真 1 人，不吃辣 3 人。" in now


def test_a_notice_of_changes_goes_out_under_its_title(changed, visit, secretary):
    send(visit.trip, secretary)
    message = Message.objects.filter(to="li@plant.example").latest("pk")
    assert message.subject == "关于副省长王伟同志一行到Hilltop water plant调研安排变更的通知"
    assert "改为“Meeting room 5”" in message.text_body
    assert "改为“Meeting room 5”" in message.html_body


def test_notices_speak_as_the_office_never_as_our_side(changed, visit):
    for text in (changed.text, drafts_by_unit(visit.trip)["Hilltop water plant"].preview()):
        assert "我方" not in text


def test_a_notice_of_changes_is_signed_by_the_office_with_the_date_and_no_weekday(changed):
    last_two = [line.strip("\u3000 ") for line in changed.text.splitlines()[-2:]]
    assert last_two == ["青山省人民政府办公厅", "2026年11月30日"]


def test_the_first_notice_is_signed_by_the_office_too(visit, settings):
    settings.OFFICE_NAME = "青山省人民政府办公厅"
    lines = drafts_by_unit(visit.trip)["Hilltop water plant"].text.splitlines()
    assert lines[-3:-2] == [""] and lines[-4].strip() == "特此通知。"
    assert [line.strip("\u3000 ") for line in lines[-2:]] == [
        "青山省人民政府办公厅",
        "2026年11月30日",
    ]
    assert "@" not in lines[-1] and "星期" not in lines[-1]


def test_the_signature_sits_four_characters_from_the_right_of_the_line(visit, settings):
    settings.OFFICE_NAME = "青山省人民政府办公厅"
    office, dated = drafts_by_unit(visit.trip)["Hilltop water plant"].text.splitlines()[-2:]
    # 28 characters to a line (GB/T 9704); digits print half as wide as a hanzi.
    assert dated == "\u3000" * 17 + "2026年11月30日"
    assert office == "\u3000" * 15 + " " + "青山省人民政府办公厅"  # centred over the date


def test_the_english_notice_is_signed_by_the_office_in_english(visit, settings):
    settings.OFFICE_NAME_EN = "General Office of the Provincial Government"
    lines = drafts_by_unit(visit.trip)["Riverside township"].text.splitlines()
    assert lines[-2:] == ["General Office of the Provincial Government", "30 November 2026"]


# The cancellation (取消通知)


@pytest.fixture
def cancelled(visit, secretary, settings):
    """The plant was told; then the trip is called off."""
    settings.OFFICE_NAME = "青山省人民政府办公厅"
    send(visit.trip, secretary)
    cancelling.cancel_trip(fresh(visit.trip), secretary, "领导另有公务。")
    return Message.objects.filter(to="li@plant.example").latest("pk")


def test_a_cancellation_goes_out_under_its_title(cancelled):
    assert cancelled.subject == "关于取消副省长王伟同志一行到Hilltop water plant调研的通知"


def test_a_cancellation_names_what_was_planned_and_never_the_reason(cancelled):
    body = cancelled.text_body
    assert "原定于2026年12月7日（星期一）副省长王伟同志一行到贵单位调研的安排取消" in body
    assert "一、原定安排" in body and "Forum with the plant workers" in body
    assert "领导另有公务" not in body


def test_a_cancellation_is_signed_by_the_office_with_the_date(cancelled):
    body = cancelled.text_body
    assert "特此通知。" in body
    assert "\u3000" * 15 + " " + "青山省人民政府办公厅\n" + "\u3000" * 17 + "2026年11月30日" in body
