# ruff: noqa: RUF002  (the Chinese date is written with full-width brackets)
"""{{ day|long_date }} prints 2026年12月21日（星期一） or Monday 21 December 2026 in the
page's language, {{ moment|long_datetime }} adds the time; {{ day|long_date:"no year" }}
leaves out the year. The rules are in accounts.dates. The template engine has put a
moment in the page's time zone already (or left it alone under {% localtime off %})."""

from __future__ import annotations

from django import template

from accounts import dates

register = template.Library()


@register.filter(expects_localtime=True)
def long_date(value, arg: str = "") -> str:
    return dates.long_date(value, year=arg != "no year", convert=False)


@register.filter(expects_localtime=True)
def long_datetime(value) -> str:
    return dates.long_datetime(value, convert=False)


@register.filter
def waited(value) -> str:
    """{{ version.submitted_at|waited }}: how long it has waited; empty under a minute."""
    return dates.waited(value)
