# ruff: noqa: RUF001  (the Chinese slips are written with full-width punctuation)
"""The 督办通知单 and 催办通知单 as data (followups.slips): their numbers, what each line says,
in Chinese and in English, and the same lines in Word."""

from __future__ import annotations

import datetime as dt
import re
from io import BytesIO

import pytest
from docx import Document

from directory.models import Contact
from followups import access, links, slips, word, workflow
from followups.models import FollowUp, FollowUpUpdate
from tests.followups import item_setup
from tests.followups import slip_setup as setup

pytestmark = pytest.mark.django_db

ZH = "zh-hans"


def number_of(item) -> str:
    return slips.duban_label(slips.duban_number(item))


def read(user, item):
    """The item as the slips get it (followups.access)."""
    return access.item_for(user, item.pk)


def lines(slip) -> dict[str, list[str]]:
    return {line.label: line.paragraphs for line in slip.lines}


# --- numbers ---------------------------------------------------------------------------


def test_items_are_numbered_by_their_place_among_the_years_handovers(office_trip, secretary):
    dept, _contact = item_setup.department()
    march = setup.handed_over(office_trip, secretary, dept, dt.date(2026, 3, 2))
    may = setup.handed_over(office_trip, secretary, dept, dt.date(2026, 5, 4))
    january = setup.handed_over(office_trip, secretary, dept, dt.date(2027, 1, 5))

    assert [number_of(march), number_of(may), number_of(january)] == [
        "Follow-up notice 1/2026",
        "Follow-up notice 2/2026",
        "Follow-up notice 1/2027",
    ]


def test_the_number_is_in_the_offices_form_in_chinese(office_trip, secretary):
    dept, _contact = item_setup.department()
    setup.handed_over(office_trip, secretary, dept, dt.date(2026, 3, 2))
    item = setup.handed_over(office_trip, secretary, dept, dt.date(2026, 5, 4))

    slip = slips.duban_slip(read(secretary, item), ZH)

    assert slip.number == "督〔2026〕2号"


def test_a_number_does_not_change_when_later_items_are_made_and_handed_over(office_trip, secretary):
    dept, _contact = item_setup.department()
    first = setup.handed_over(office_trip, secretary, dept, dt.date(2026, 3, 2))
    second = setup.handed_over(office_trip, secretary, dept, dt.date(2026, 3, 2), hour=15)
    before = [slips.duban_number(first).sequence, slips.duban_number(second).sequence]

    # Made earlier, handed over later; pending; and another year's.
    late = item_setup.item(office_trip, secretary, dept, status=FollowUp.Status.PENDING)
    item_setup.item(office_trip, secretary, dept, status=FollowUp.Status.PENDING)
    setup.handed_over(office_trip, secretary, dept, dt.date(2026, 8, 1))
    setup.handed_over(office_trip, secretary, dept, dt.date(2027, 2, 1))
    FollowUpUpdate.objects.create(followup=late, changes={"status": ["pending", "assigned"]})

    assert [slips.duban_number(first).sequence, slips.duban_number(second).sequence] == before
    assert before == [1, 2]


def test_the_year_is_the_offices_even_when_it_is_still_the_old_year_in_utc(office_trip, secretary):
    dept, _contact = item_setup.department()
    # 1 January 2027, 03:00 in Shanghai is 31 December 2026 in UTC.
    item = setup.handed_over(office_trip, secretary, dept, dt.date(2027, 1, 1), hour=3)

    assert number_of(item) == "Follow-up notice 1/2027"


def test_an_item_handed_over_before_the_duban_states_counts_by_its_open_row(office_trip, secretary):
    dept, _contact = item_setup.department()
    item = item_setup.item(office_trip, secretary, dept)
    FollowUpUpdate.objects.create(followup=item, changes={"status": [None, "open"]})

    assert slips.duban_number(item).sequence == 1


def test_an_item_never_handed_over_has_no_slips(office_trip, secretary):
    dept, _contact = item_setup.department()
    item = item_setup.item(office_trip, secretary, dept, status=FollowUp.Status.PENDING)
    FollowUpUpdate.objects.create(followup=item, changes={"status": [None, "pending"]})
    urging = setup.urged(item, secretary, dt.date(2026, 12, 20))

    assert slips.duban_slip(read(secretary, item), "en") is None
    assert slips.urging_slip(urging, read(secretary, item), "en") is None


# --- the 督办通知单 ----------------------------------------------------------------------


def test_the_duban_notice_in_chinese_reads_the_offices_form(
    office_trip, secretary, leader, settings
):
    settings.OFFICE_NAME = "市政府办公室"
    item = setup.full_item(office_trip, secretary, leader)

    slip = slips.duban_slip(read(secretary, item), ZH)

    assert slip.title == "督办通知单"
    assert slip.number == "督〔2026〕1号"
    assert slip.addressee == "Water bureau、Finance bureau："
    assert lines(slip) == {
        "事项来源": [
            "出行：Riverside water works，2026年12月7日（星期一）至2026年12月9日（星期三）",
            "领导讲话要点：The village needs clean water by spring.",
            "领导交办事项：办理结果报领导审阅。",
        ],
        "督办事项": ["Fix the pump"],
        "办理要求": ["Repair the pump in the east village."],
        "承办部门": ["牵头：Water bureau", "配合：Finance bureau"],
        "办结时限": ["2027年1月15日（星期五）"],
        "联系人": [
            "承办部门：Zhang Min（Deputy director），0571-8700 0001",
            "本办：Sue Li，0571-8700 9999",
        ],
        "反馈方式": lines(slip)["反馈方式"],
    }
    assert (slip.office, slip.issued) == ("市政府办公室", "2026年12月10日")


def test_chinese_slips_have_no_half_width_colon_or_comma_beside_a_hanzi(
    office_trip, secretary, leader
):
    item = setup.full_item(office_trip, secretary, leader)
    urging = setup.urged(item, secretary, dt.date(2027, 1, 20))
    item = read(secretary, item)

    for slip in (slips.duban_slip(item, ZH), slips.urging_slip(urging, item, ZH)):
        for text in slip.text():
            assert not re.search(r"[\u4e00-\u9fff][:,;]|[:,;][\u4e00-\u9fff]", text), text


def test_the_duban_notice_in_english(office_trip, secretary, leader, settings):
    settings.OFFICE_NAME_EN = "General Office of the City Government"
    item = setup.full_item(office_trip, secretary, leader)

    slip = slips.duban_slip(read(secretary, item), "en")

    assert (slip.title, slip.number) == ("Follow-up notice", "Follow-up notice 1/2026")
    assert lines(slip)["Departments"] == ["Lead: Water bureau", "Co-owners: Finance bureau"]
    assert lines(slip)["Due date"] == ["Friday 15 January 2027"]
    assert (slip.office, slip.issued) == (
        "General Office of the City Government",
        "10 December 2026",
    )


def test_an_extended_due_date_shows_the_new_date_and_the_original(office_trip, secretary, leader):
    item = setup.full_item(office_trip, secretary, leader)
    FollowUp.objects.filter(pk=item.pk).update(
        due_date=dt.date(2027, 2, 26), original_due_date=dt.date(2027, 1, 15)
    )

    slip = slips.duban_slip(read(secretary, item), ZH)

    assert lines(slip)["办结时限"] == [
        "2027年2月26日（星期五）",
        "已批准延期；原定办结时限为2027年1月15日（星期五），是否逾期按原定时限计算。",
    ]


def test_the_office_contact_is_the_secretary_who_handed_it_over(office_trip, secretary, leader):
    item = setup.full_item(office_trip, secretary, leader)

    slip = slips.duban_slip(read(secretary, item), "en")

    assert "At the office: Sue Li, 0571-8700 9999" in lines(slip)["Contacts"]


def test_the_slips_never_print_the_departments_secret_link(office_trip, secretary, leader):
    item = setup.full_item(office_trip, secretary, leader)
    urging = setup.urged(item, secretary, dt.date(2027, 1, 20))
    token = links.make_token(links.current(item.department))
    item = read(secretary, item)

    printed = [
        *slips.duban_slip(item, "en").text(),
        *slips.urging_slip(urging, item, "en").text(),
    ]

    assert not any(token in text for text in printed)
    assert any("/follow-ups/my-department/" in text for text in printed)


def test_a_note_without_a_contact_or_a_co_owner_leaves_those_out(office_trip, secretary):
    dept = item_setup.department()[0]
    item = setup.handed_over(office_trip, secretary, dept, dt.date(2026, 12, 10))

    slip = slips.duban_slip(read(secretary, item), "en")

    assert lines(slip)["Departments"] == ["Lead: Water bureau"]
    assert lines(slip)["Contacts"] == ["At the office: Sue Li"]
    assert Contact.objects.count() == 1


# --- the 催办通知单 ----------------------------------------------------------------------


def test_the_urging_notice_is_numbered_by_its_item_and_round(office_trip, secretary, leader):
    item = setup.full_item(office_trip, secretary, leader)
    setup.urged(item, secretary, dt.date(2027, 1, 10))
    second = setup.urged(item, secretary, dt.date(2027, 1, 20))

    slip = slips.urging_slip(second, read(secretary, item), ZH)

    assert (slip.title, slip.number) == ("催办通知单", "催〔2026〕1-2号")
    assert slip.opening.startswith("第2次催办：以下事项（督〔2026〕1号）已交你单位办理")
    assert lines(slip)["督办编号"] == ["督〔2026〕1号"]
    assert slip.issued == "2027年1月20日"


def test_the_urging_notice_lists_the_rounds_up_to_its_own(office_trip, secretary, leader):
    item = setup.full_item(office_trip, secretary, leader)
    setup.urged(item, secretary, dt.date(2027, 1, 10), channel="email")
    second = setup.urged(item, secretary, dt.date(2027, 1, 20))
    setup.urged(item, secretary, dt.date(2027, 1, 25))

    slip = slips.urging_slip(second, read(secretary, item), ZH)

    assert lines(slip)["催办记录"] == [
        "第1次催办，2027年1月10日（星期日），邮件",
        "第2次催办，2027年1月20日（星期三），电话",
    ]


def test_an_overdue_round_says_how_late_and_the_red_light(office_trip, secretary, leader):
    item = setup.full_item(office_trip, secretary, leader)
    urging = setup.urged(item, secretary, dt.date(2027, 1, 20))

    slip = slips.urging_slip(urging, read(secretary, item), ZH)

    assert lines(slip)["办理情况"] == ["督办亮灯：红灯（滞后）", "已超过原定办结时限5天"]


def test_a_round_before_the_due_date_says_the_days_left(office_trip, secretary, leader):
    item = setup.full_item(office_trip, secretary, leader)
    urging = setup.urged(item, secretary, dt.date(2027, 1, 5))

    slip = slips.urging_slip(urging, read(secretary, item), "en")

    assert lines(slip)["Where it stands"] == ["Light: Green (on track)", "10 days left"]


def test_lateness_of_an_extended_item_counts_from_the_original_date(office_trip, secretary, leader):
    item = setup.full_item(office_trip, secretary, leader)
    FollowUp.objects.filter(pk=item.pk).update(
        due_date=dt.date(2027, 1, 31), original_due_date=dt.date(2027, 1, 15)
    )
    urging = setup.urged(item, secretary, dt.date(2027, 1, 20), note="Please call back today.")

    slip = slips.urging_slip(urging, read(secretary, item), "en")

    assert lines(slip)["Where it stands"][1] == (
        "5 days past the original due date; 11 days left of the extension"
    )
    assert lines(slip)["The office adds"] == ["Please call back today."]


# --- in Word ---------------------------------------------------------------------------


def docx_text(content: bytes) -> list[str]:
    document = Document(BytesIO(content))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return [p.text for p in document.paragraphs] + cells


def test_the_word_file_holds_every_line_of_the_slip(office_trip, secretary, leader):
    item = setup.full_item(office_trip, secretary, leader)
    slip = slips.duban_slip(read(secretary, item), ZH)

    text = docx_text(word.slip_docx(slip))

    assert text[:4] == [
        "督办通知单",
        "督〔2026〕1号",
        "Water bureau、Finance bureau：",
        slip.opening,
    ]
    for line in slip.lines:
        assert line.label in text
        assert "\n".join(line.paragraphs) in text
    assert {slip.office, slip.issued} <= set(text)


def test_the_word_file_of_an_urging_round(office_trip, secretary, leader):
    item = setup.full_item(office_trip, secretary, leader)
    urging = setup.urged(item, secretary, dt.date(2027, 1, 20))
    slip = slips.urging_slip(urging, read(secretary, item), "en")

    text = docx_text(word.slip_docx(slip))

    assert "Urging notice 1/2026-1" in text
    assert "Light: Green (on track)\n10 days left" not in text
    assert "Light: Red (lagging)\n5 days past the original due date" in text


def test_an_extension_the_office_approved_shows_on_the_slip_with_the_original(
    office_trip, secretary, leader
):
    item = setup.full_item(office_trip, secretary, leader)
    asked = workflow.ask_extension(
        item,
        to_date=dt.date(2027, 2, 26),
        reason="The pump parts arrive in February.",
        by_name="Zhang Min",
        today=dt.date(2027, 1, 10),
    )
    workflow.decide_extension(asked, secretary, approve=True)

    slip = slips.duban_slip(read(secretary, item), "en")

    assert lines(slip)["Due date"] == [
        "Friday 26 February 2027",
        "Extended; the original due date was Friday 15 January 2027, and lateness counts from it.",
    ]
