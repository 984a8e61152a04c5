# ruff: noqa: RUF001, RUF002  (Chinese dates are written with full-width brackets)
"""Dates as users read them, one format per language.

In Chinese a date reads 2026年12月21日（星期一）, in English Monday 21 December 2026; a
moment adds the time of day (2026年12月21日（星期一）14:30, Monday 21 December 2026, 14:30).
No ISO date is shown to users: ISO stays for machines (<input type="date">, calendar feeds).
Pages load these as filters ({% load dates %}: {{ day|long_date }}, {{ moment|long_datetime }}).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.utils import timezone, translation
from django.utils.functional import lazy
from django.utils.timesince import timesince

ZH_WEEKDAYS = "一二三四五六日"
EN_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
EN_MONTHS = (
    "January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December",
)  # fmt: skip


def is_chinese(language: str | None = None) -> bool:
    return not (language or translation.get_language() or "en").startswith("en")


def zh_date(day: date, year: bool = True) -> str:
    text = f"{day.month}月{day.day}日（星期{ZH_WEEKDAYS[day.weekday()]}）"
    return f"{day.year}年{text}" if year else text


def en_date(day: date, year: bool = True) -> str:
    text = f"{EN_WEEKDAYS[day.weekday()]} {day.day} {EN_MONTHS[day.month - 1]}"
    return f"{text} {day.year}" if year else text


def _local(value: datetime, convert: bool) -> datetime:
    return timezone.localtime(value) if convert and timezone.is_aware(value) else value


def long_date(
    value: date | datetime | None,
    language: str | None = None,
    year: bool = True,
    convert: bool = True,
) -> str:
    """The day in the language (the active one by default); a moment's day in the current
    time zone (convert=False: as given, for templates that have converted it already)."""
    if value in (None, ""):
        return ""
    day = _local(value, convert).date() if isinstance(value, datetime) else value
    return zh_date(day, year) if is_chinese(language) else en_date(day, year)


def waited(since: datetime | None, now: datetime | None = None) -> str:
    """How long something has waited ("2 days, 3 hours"), in the active language; empty
    under a minute, which pages say as "just now" rather than "0 minutes"."""
    if since is None:
        return ""
    now = now or timezone.now()
    if now - since < timedelta(minutes=1):
        return ""
    return timesince(since, now)


# Worded only when shown, in the language active then (an e-mail's cause: outbox.mail).
long_date_lazy = lazy(long_date, str)


def long_datetime(
    value: datetime | None, language: str | None = None, convert: bool = True, year: bool = True
) -> str:
    """The day and the time of day (24-hour clock) of a moment, in the current time zone."""
    if value in (None, ""):
        return ""
    if not isinstance(value, datetime):
        return long_date(value, language, year=year)
    value = _local(value, convert)
    if is_chinese(language):
        return f"{zh_date(value.date(), year)}{value:%H:%M}"
    return f"{en_date(value.date(), year)}, {value:%H:%M}"


def long_span(start: datetime, end: datetime, language: str | None = None) -> str:
    """From a moment to another as given (already on the clock to show): the start's day
    and time, then the end's time, with its day too when it is another day."""
    shown_end = f"{end:%H:%M}"
    if end.date() != start.date():
        shown_end = long_datetime(end, language, convert=False)
    return f"{long_datetime(start, language, convert=False)}\N{EN DASH}{shown_end}"
