# ruff: noqa: RUF001, RUF003  (the Chinese notice is written with full-width punctuation)
"""The official notice (通知): a unit's part written the way the office writes a notice.

The Chinese and the English notice are two forms, not a translation of one another: a
Chinese notice says "关于副省长王伟同志一行到长河市人民政府调研的通知" and numbers its
sections 一、二、…; the English one reads like an English official letter. Each is built
from the unit's stored part (parts.Part) alone, so it tells the unit its own part and
nothing else. Item kinds are the translated labels of the unit's language.

A notice of changes (变更通知, update_text) says what changed from what to what, then the
unit's whole part as it now stands. Every notice ends with the 落款 of GB/T 9704: the issuing
office (settings.OFFICE_NAME) and the date of writing, without the weekday.

The text is a starting point: the secretary may edit it before sending (parts.NoticeDraft),
and the notice keeps the text the unit read (Notice.text).
"""

from __future__ import annotations

import unicodedata
from datetime import date
from typing import TYPE_CHECKING

from django.conf import settings
from django.utils import timezone, translation

from accounts.dates import zh_date
from trips.models import Trip

if TYPE_CHECKING:  # parts builds the notice with this module: no import at run time
    from notices.parts import Part, PartChange, PartItem

# What the leader comes to do, by the trip's kind: the verb of the Chinese subject and opening.
ZH_VISIT = {
    Trip.Kind.INSPECTION: "调研",
    Trip.Kind.MEETING: "出席会议",
    Trip.Kind.CEREMONY: "出席活动",
    Trip.Kind.BUSINESS: "考察",
    Trip.Kind.OVERSEAS: "考察",
}
# In English: the noun of the subject, and the purpose of the opening sentence.
EN_VISIT = {
    Trip.Kind.INSPECTION: ("research visit", "for an inspection and research visit"),
    Trip.Kind.MEETING: ("visit", "to attend a meeting"),
    Trip.Kind.CEREMONY: ("visit", "to attend a ceremony"),
    Trip.Kind.BUSINESS: ("working visit", "for a working visit"),
    Trip.Kind.OVERSEAS: ("official visit", "for an official visit"),
}
ZH_NUMBERS = "一二三四五六七八九十"
LINE = 28  # characters of a line of a 公文 (GB/T 9704)


def is_chinese(language: str) -> bool:
    return not (language or "").startswith("en")


# Dates: 2026年12月21日（星期一） as on every page (accounts.dates.zh_date); the English
# letter writes Monday, 21 December 2026.


def en_date(day: date) -> str:
    return f"{day:%A}, {day.day} {day:%B %Y}"


def _days(part: Part) -> tuple[date, date] | None:
    if not part.items:
        return None
    return part.items[0].start.date(), max(item.end.date() for item in part.items)


# The leader and the party


def _zh_leader(part: Part) -> str:
    leader = part.leader
    if not leader.get("name"):
        return "领导"
    return f"{leader.get('title', '')}{leader['name']}同志"


def _en_leader(part: Part) -> str:
    leader = part.leader
    if not leader.get("name"):
        return "The leader"
    return " ".join(word for word in (leader.get("title", ""), leader["name"]) if word)


# Each notice's title (also its e-mail's subject), in Chinese and in English.
TITLES = {
    "notice": (
        "关于{leader}一行到{unit}{visit}的通知",
        "Notice of the {noun} of {leader} and party to {unit}",
    ),
    "update": (
        "关于{leader}一行到{unit}{visit}安排变更的通知",
        "Changes to the {noun} of {leader} and party to {unit}",
    ),
    "cancellation": (
        "关于取消{leader}一行到{unit}{visit}的通知",
        "Cancellation of the {noun} of {leader} and party to {unit}",
    ),
}


def _title(kind: str, part: Part, language: str) -> str:
    zh, en = TITLES[kind]
    if is_chinese(language):
        visit = ZH_VISIT.get(part.visit_kind, "调研")
        return zh.format(leader=_zh_leader(part), unit=part.unit, visit=visit)
    noun = EN_VISIT.get(part.visit_kind, EN_VISIT[Trip.Kind.INSPECTION])[0]
    return en.format(noun=noun, leader=_en_leader(part), unit=part.unit)


def subject(part: Part, language: str) -> str:
    """The notice's title, which is also its e-mail's subject."""
    return _title("notice", part, language)


def update_subject(part: Part, language: str) -> str:
    """The title of a notice of changes (变更通知), which is also its e-mail's subject."""
    return _title("update", part, language)


def cancellation_subject(part: Part, language: str) -> str:
    """The title of a cancellation (取消通知), which is also its e-mail's subject."""
    return _title("cancellation", part, language)


def cancellation_text(part: Part, language: str, today: date | None = None) -> str:
    """A cancellation: the visit as it was announced is off, the preparation may stop, and
    the 落款; never the reason, which stays with the team."""
    today = today or timezone.localdate()
    with translation.override(language):
        if is_chinese(language):
            return _zh_cancellation(part, today)
        return _en_cancellation(part, today)


def text(part: Part, language: str, today: date | None = None) -> str:
    """The whole notice in the unit's language, from its reference number to the 落款."""
    today = today or timezone.localdate()
    with translation.override(language):
        if is_chinese(language):
            return _zh(part, today)
        return _en(part, today)


def update_text(
    part: Part, changes: list[PartChange], language: str, today: date | None = None
) -> str:
    """A notice of changes: what changed, from what to what, then the unit's whole part as
    it now stands, and the 落款; in the unit's language."""
    today = today or timezone.localdate()
    with translation.override(language):
        if is_chinese(language):
            return _zh_update(part, changes, today)
        return _en_update(part, changes, today)


# The 落款 (GB/T 9704): the issuing office's name and the date of writing, in arabic
# numerals and without the weekday; set off to the right in Chinese.


def _width(text: str) -> float:
    """How many hanzi wide a line prints (digits and Latin letters are half as wide)."""
    return sum(1 if unicodedata.east_asian_width(c) in "WF" else 0.5 for c in text)


def _indent(width: float) -> str:
    return "\u3000" * int(width) + (" " if width % 1 else "")


def _zh_signature(today: date) -> list[str]:
    """The office's name centred over the date, the date four characters from the right of
    a 28-character line."""
    office, dated = settings.OFFICE_NAME, f"{today.year}年{today.month}月{today.day}日"
    date_at = max(LINE - 4 - _width(dated), 0)
    office_at = max(date_at + (_width(dated) - _width(office)) / 2, 0)
    return [_indent(office_at) + office, _indent(date_at) + dated]


def _en_signature(today: date) -> list[str]:
    return [settings.OFFICE_NAME_EN, f"{today.day} {today:%B %Y}"]


# 中文


def _zh_item(item: PartItem, with_year: bool = False) -> str:
    when = f"{zh_date(item.start.date(), with_year)}{item.start:%H:%M}—"
    if item.ends_another_day:
        when += zh_date(item.end.date(), with_year)
    when += f"{item.end:%H:%M}"
    place = "，".join(p for p in (item.place, item.address) if p)
    line = f"{when}　{item.kind_label}：{item.title}"
    return f"{line}（地点：{place}）" if place else line


def _zh_dietary(part: Part) -> str:
    needs = "，".join(f"{need} {count} 人" for need, count in part.dietary)
    return f"饮食要求：{needs}。" if needs else ""


def _zh_when(part: Part) -> str:
    days = _days(part)
    if not days:
        return ""
    first, last = days
    when = zh_date(first)
    if last != first:
        when += f"至{zh_date(last, last.year != first.year)}"
    return when


def _zh_sections(part: Part) -> list[tuple[str, list[str]]]:
    """The unit's part as the notice's numbered sections: purpose, programme, party,
    preparation, meals and lodging with the dietary requirements, the contact."""
    visit = ZH_VISIT.get(part.visit_kind, "调研")
    sections: list[tuple[str, list[str]]] = []
    if part.purpose:
        sections.append((f"{visit}目的和主要内容", [part.purpose]))
    if part.programme:
        lines = []
        for number, item in enumerate(part.programme, 1):
            lines.append(f"{number}. {_zh_item(item)}")
            if item.attendees:
                who = "、".join(item.attendees)
                lines.append(f"　　参加人员（{item.attendee_count}人）：{who}")
        sections.append(("活动安排", lines))
    if part.party:
        sections.append((f"随行人员（共{len(part.party)}人）", ["、".join(part.party)]))
    preparation = [part.requirements] if part.requirements else []
    preparation += [f"{i.title}：{i.host_preparation}" for i in part.items if i.host_preparation]
    if preparation:
        sections.append(("需做好的准备工作", preparation))
    if part.meals_and_lodging or part.dietary:
        lines = [
            f"{_zh_item(item)}，共{_people(part, item)}人。" for item in part.meals_and_lodging
        ]
        if part.dietary:
            lines.append(_zh_dietary(part))
        sections.append(("用餐和住宿", lines))
    contact = part.office_contact
    if contact.get("name"):
        line = contact["name"] + (f"（{contact['title']}）" if contact.get("title") else "")
        if contact.get("phone"):
            line += f"，电话：{contact['phone']}"
        if contact.get("email"):
            line += f"，电子邮箱：{contact['email']}"
        sections.append(("联系人", [line]))
    return sections


def _zh_body(heading: list[str], sections: list[tuple[str, list[str]]], today: date) -> str:
    out = list(heading)
    for number, (title, lines) in enumerate(sections):
        out += ["", f"{ZH_NUMBERS[number]}、{title}", *(f"　　{line}" for line in lines)]
    out += ["", "　　特此通知。", "", *_zh_signature(today)]
    return "\n".join(out)


def _zh(part: Part, today: date) -> str:
    visit = ZH_VISIT.get(part.visit_kind, "调研")
    out = [part.reference, ""] if part.reference else []
    out += [subject(part, "zh-hans"), "", f"{part.unit}：", ""]
    out.append(
        f"　　{_zh_leader(part)}一行拟于{_zh_when(part)}到贵单位{visit}，现将有关事项通知如下："
    )
    return _zh_body(out, _zh_sections(part), today)


def _zh_quoted(value: str) -> str:
    value = value.rstrip("。.")
    return f"“{value}”" if value else "无"


def _zh_change(change: PartChange) -> str:
    """One change in the office's words: 新增, 取消, or what changed from what to what."""
    if change.change == "added" and change.item:
        return f"新增：{_zh_item(change.item)}。"
    if change.change == "removed" and change.item:
        return f"取消：{_zh_item(change.item)}。"
    details = "；".join(
        f"{d.label}由{_zh_quoted(d.old)}改为{_zh_quoted(d.new)}" for d in change.details
    )
    if change.item:
        return f"{change.item.title}：{details or change.label}。"
    return f"{details or change.label}。"


def _zh_update(part: Part, changes: list[PartChange], today: date) -> str:
    visit = ZH_VISIT.get(part.visit_kind, "调研")
    out = [part.reference, ""] if part.reference else []
    out += [update_subject(part, "zh-hans"), "", f"{part.unit}：", ""]
    out.append(
        f"　　{_zh_leader(part)}一行到贵单位{visit}的安排有变化，现将变更事项和调整后的安排"
        "通知如下，与前次通知不一致的，以本通知为准。"
    )
    changed = [f"{number}. {_zh_change(c)}" for number, c in enumerate(changes, 1)]
    return _zh_body(out, [("变更事项", changed), *_zh_sections(part)], today)


def _zh_cancellation(part: Part, today: date) -> str:
    visit = ZH_VISIT.get(part.visit_kind, "调研")
    out = [part.reference, ""] if part.reference else []
    out += [cancellation_subject(part, "zh-hans"), "", f"{part.unit}：", ""]
    when = f"于{_zh_when(part)}" if _zh_when(part) else ""
    out.append(
        f"　　因工作安排调整，原定{when}{_zh_leader(part)}一行到贵单位{visit}的安排取消，"
        "相关准备工作请即停止。感谢贵单位所做的准备。"
    )
    planned = [f"{n}. {_zh_item(item)}" for n, item in enumerate(part.programme, 1)]
    return _zh_body(out, [("原定安排", planned)] if planned else [], today)


# English


def _en_item(item: PartItem) -> str:
    when = f"{en_date(item.start.date())}, {item.start:%H:%M}–"
    if item.ends_another_day:
        when += f"{en_date(item.end.date())}, "
    when += f"{item.end:%H:%M}"
    place = ", ".join(p for p in (item.place, item.address) if p)
    line = f"{when}: {item.kind_label}: {item.title}"
    return f"{line} ({place})" if place else line


def _en_dietary(part: Part) -> str:
    needs = ", ".join(
        f"{need}: {count} {'person' if count == 1 else 'people'}" for need, count in part.dietary
    )
    return f"Dietary requirements: {needs}." if needs else ""


def _en_sections(part: Part) -> list[tuple[str, list[str]]]:
    sections: list[tuple[str, list[str]]] = []
    if part.purpose:
        sections.append(("Purpose and topics", [part.purpose]))
    if part.programme:
        lines = []
        for item in part.programme:
            lines.append(f"- {_en_item(item)}")
            if item.attendees:
                count = item.attendee_count
                people = f"{count} {'person' if count == 1 else 'people'}"
                lines.append(f"  Attending ({people}): {', '.join(item.attendees)}")
        sections.append(("Programme", lines))
    if part.party:
        count = len(part.party)
        heading = f"The party ({count} {'person' if count == 1 else 'people'})"
        sections.append((heading, ["; ".join(part.party)]))
    preparation = [part.requirements] if part.requirements else []
    preparation += [f"- {i.title}: {i.host_preparation}" for i in part.items if i.host_preparation]
    if preparation:
        sections.append(("What to prepare", preparation))
    if part.meals_and_lodging or part.dietary:
        lines = [
            f"- {_en_item(item)}: {_people(part, item)} people" for item in part.meals_and_lodging
        ]
        if part.dietary:
            lines.append(_en_dietary(part))
        sections.append(("Meals and lodging you host", lines))
    contact = part.office_contact
    if contact.get("name"):
        line = contact["name"] + (f", {contact['title']}" if contact.get("title") else "")
        if contact.get("phone"):
            line += f", phone {contact['phone']}"
        if contact.get("email"):
            line += f", e-mail {contact['email']}"
        sections.append(("Contact", [line]))
    return sections


def _en_body(heading: list[str], sections: list[tuple[str, list[str]]], today: date) -> str:
    out = list(heading)
    for number, (title, lines) in enumerate(sections, 1):
        out += ["", f"{number}. {title}", *lines]
    out += ["", *_en_signature(today)]
    return "\n".join(out)


def _en(part: Part, today: date) -> str:
    purpose = EN_VISIT.get(part.visit_kind, EN_VISIT[Trip.Kind.INSPECTION])[1]
    days = _days(part)
    when = ""
    if days:
        first, last = days
        when = (
            f"on {en_date(first)}" if first == last else f"from {en_date(first)} to {en_date(last)}"
        )
    out = [f"Ref.: {part.reference}", ""] if part.reference else []
    out += [subject(part, "en"), "", f"To {part.unit}:", ""]
    out.append(
        f"{_en_leader(part)} and party plan to visit your unit {when} {purpose}. "
        "The arrangements are as follows."
    )
    return _en_body(out, _en_sections(part), today)


def _en_change(change: PartChange) -> str:
    if change.change == "added" and change.item:
        return f"- Added: {_en_item(change.item)}"
    if change.change == "removed" and change.item:
        return f"- Cancelled: {_en_item(change.item)}"
    details = "; ".join(f"{d.label}: {d.old or 'none'} → {d.new or 'none'}" for d in change.details)
    if change.item:
        return f"- {change.item.title}: {details or change.label}"
    return f"- {details or change.label}"


def _en_update(part: Part, changes: list[PartChange], today: date) -> str:
    out = [f"Ref.: {part.reference}", ""] if part.reference else []
    out += [update_subject(part, "en"), "", f"To {part.unit}:", ""]
    out.append(
        f"The arrangements for the visit of {_en_leader(part)} and party to your unit have "
        "changed. The changes and the arrangements as they now stand follow; where they differ "
        "from the previous notice, this notice applies."
    )
    changed = [_en_change(change) for change in changes]
    return _en_body(out, [("What has changed", changed), *_en_sections(part)], today)


def _en_cancellation(part: Part, today: date) -> str:
    out = [f"Ref.: {part.reference}", ""] if part.reference else []
    out += [cancellation_subject(part, "en"), "", f"To {part.unit}:", ""]
    out.append(
        f"The visit of {_en_leader(part)} and party to your unit is cancelled. Please stop "
        "the preparations; thank you for what you have done."
    )
    planned = [f"- {_en_item(item)}" for item in part.programme]
    return _en_body(out, [("What was planned", planned)] if planned else [], today)


def _people(part: Part, item: PartItem) -> int:
    """How many the unit feeds or lodges: those attending, else the unit's whole party."""
    return item.attendee_count or len(part.party)
