# ruff: noqa: RUF001, RUF002  (the Chinese notice is written with full-width punctuation)
"""The official notice's words that templates cannot spell alone: dates, an item's line,
the Chinese section numbers, counts of people (notices.official)."""

from __future__ import annotations

from datetime import date

from django import template

from accounts.dates import zh_date as _zh_date
from notices.parts import PartItem

register = template.Library()

ZH_NUMBERS = "一二三四五六七八九十"


@register.filter
def zh_number(index: int) -> str:
    """一, 二, 三 … for the sections, from 0."""
    return ZH_NUMBERS[index]


@register.filter
def zh_date(day: date, year: bool = True) -> str:
    """2026年12月21日（星期一）, as on every page (accounts.dates.zh_date)."""
    return _zh_date(day, year)


@register.filter
def en_date(day: date) -> str:
    """Monday, 21 December 2026: the English letter's date."""
    return f"{day:%A}, {day.day} {day:%B %Y}"


@register.filter
def zh_item(item: PartItem) -> str:
    """An item's line: 12月7日（星期一）09:00—10:30　参观考察：…（地点：…）."""
    when = f"{_zh_date(item.start.date(), False)}{item.start:%H:%M}—"
    if item.ends_another_day:
        when += _zh_date(item.end.date(), False)
    when += f"{item.end:%H:%M}"
    place = "，".join(p for p in (item.place, item.address) if p)
    line = f"{when}　{item.kind_label}：{item.title}"
    return f"{line}（地点：{place}）" if place else line


@register.filter
def en_item(item: PartItem) -> str:
    """An item's line: Monday, 7 December 2026, 09:00–10:30: Site visit: … (place)."""
    when = f"{en_date(item.start.date())}, {item.start:%H:%M}–"
    if item.ends_another_day:
        when += f"{en_date(item.end.date())}, "
    when += f"{item.end:%H:%M}"
    place = ", ".join(p for p in (item.place, item.address) if p)
    line = f"{when}: {item.kind_label}: {item.title}"
    return f"{line} ({place})" if place else line


@register.filter
def zh_quoted(value: str) -> str:
    """A value in a change, quoted (“…”), or 无 when there is none."""
    value = (value or "").rstrip("。.")
    return f"“{value}”" if value else "无"


@register.filter
def en_people(count: int) -> str:
    """1 person, 2 people."""
    return f"{count} {'person' if count == 1 else 'people'}"
