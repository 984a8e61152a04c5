"""The official notice (通知): a unit's part written the way the office writes a notice.

The Chinese and the English notice are two forms, not a translation of one another: a
Chinese notice says "关于副省长王伟同志一行到长河市人民政府调研的通知" and numbers its
sections 一、二、…; the English one reads like an English official letter. Each is built
from the unit's stored part (parts.Part) alone, so it tells the unit its own part and
nothing else. Item kinds are the translated labels of the unit's language.

A notice of changes (变更通知, update_text) says what changed from what to what, then the
unit's whole part as it now stands. Every notice ends with the 落款 of GB/T 9704: the issuing
office (settings.OFFICE_NAME) and the date of writing, without the weekday.

Which sections a notice has, in which order and with what in them, is decided once
(context()); the two forms word them, each in its own template
(templates/notices/official/notice_zh.txt and notice_en.txt, with the filters of
notices/templatetags/official_notice.py).

The text is a starting point: the secretary may edit it before sending (drafts.NoticeDraft),
and the notice keeps the text the unit read (Notice.text).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation

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
LINE = 28  # characters of a line of a 公文 (GB/T 9704)


def is_chinese(language: str) -> bool:
    return not (language or "").startswith("en")


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


def text(part: Part, language: str, today: date | None = None) -> str:
    """The whole notice in the unit's language, from its reference number to the 落款."""
    return _render(context(part, language, today=today))


def update_text(
    part: Part, changes: list[PartChange], language: str, today: date | None = None
) -> str:
    """A notice of changes: what changed, from what to what, then the unit's whole part as
    it now stands, and the 落款; in the unit's language."""
    return _render(context(part, language, changes=changes, today=today))


def cancellation_text(part: Part, language: str, today: date | None = None) -> str:
    """A cancellation: the visit as it was announced is off, the preparation may stop, and
    the 落款; never the reason, which stays with the team."""
    return _render(context(part, language, cancelled=True, today=today))


# One context for both forms: the sections, each decided here once


@dataclass(frozen=True)
class Preparation:
    """What the unit is asked to prepare: its requirements, and the items' own preparation."""

    requirements: str
    items: list[PartItem]


@dataclass(frozen=True)
class Meals:
    """The meals and nights the unit hosts, each with how many it feeds or lodges."""

    rows: list[tuple[PartItem, int]]
    dietary: list[tuple[str, int]]


@dataclass(frozen=True)
class Changes:
    """What changed since the unit's previous notice (a section even when it says nothing)."""

    changes: list[PartChange]


@dataclass(frozen=True)
class Section:
    """One numbered section of a notice: exactly one of its fields is set."""

    purpose: str = ""
    programme: list[PartItem] = field(default_factory=list)
    party: list[str] = field(default_factory=list)
    preparation: Preparation | None = None
    meals: Meals | None = None
    contact: dict[str, str] = field(default_factory=dict)
    changes: Changes | None = None
    planned: list[PartItem] = field(default_factory=list)


def _sections(part: Part) -> list[Section]:
    """The unit's part as the notice's numbered sections: purpose, programme, party,
    preparation, meals and lodging with the dietary requirements, the contact."""
    sections = []
    if part.purpose:
        sections.append(Section(purpose=part.purpose))
    if part.programme:
        sections.append(Section(programme=part.programme))
    if part.party:
        sections.append(Section(party=part.party))
    prepared = [item for item in part.items if item.host_preparation]
    if part.requirements or prepared:
        sections.append(Section(preparation=Preparation(part.requirements, prepared)))
    if part.meals_and_lodging or part.dietary:
        rows = [(item, _people(part, item)) for item in part.meals_and_lodging]
        sections.append(Section(meals=Meals(rows, part.dietary)))
    if part.office_contact.get("name"):
        sections.append(Section(contact=part.office_contact))
    return sections


def context(
    part: Part,
    language: str,
    *,
    changes: list[PartChange] | None = None,
    cancelled: bool = False,
    today: date | None = None,
) -> dict[str, Any]:
    """What either form of the notice shows: a notice, a notice of changes (changes given)
    or a cancellation; the sections in their order, the days of the visit, the 落款."""
    today = today or timezone.localdate()
    days = _days(part)
    if cancelled:
        kind, sections = "cancellation", [Section(planned=part.programme)] if part.programme else []
    elif changes is not None:
        kind, sections = "update", [Section(changes=Changes(changes)), *_sections(part)]
    else:
        kind, sections = "notice", _sections(part)
    chinese = is_chinese(language)
    return {
        "language": language,
        "chinese": chinese,
        "is_update": kind == "update",
        "is_cancellation": kind == "cancellation",
        "part": part,
        "subject": _title(kind, part, language),
        "first": days[0] if days else None,
        "last": days[1] if days else None,
        "zh_visit": ZH_VISIT.get(part.visit_kind, "调研"),
        "en_visit": EN_VISIT.get(part.visit_kind, EN_VISIT[Trip.Kind.INSPECTION])[1],
        "zh_leader": _zh_leader(part),
        "en_leader": _en_leader(part),
        "sections": sections,
        "signature": _zh_signature(today) if chinese else _en_signature(today),
    }


def _render(context: dict[str, Any]) -> str:
    """The notice in its language's form; no HTML escaping (the text engine)."""
    form = "zh" if context["chinese"] else "en"
    with translation.override(context["language"]):
        text = render_to_string(f"notices/official/notice_{form}.txt", context, using="text")
    return text.removesuffix("\n")


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


def _people(part: Part, item: PartItem) -> int:
    """How many the unit feeds or lodges: those attending, else the unit's whole party."""
    return item.attendee_count or len(part.party)
