# ruff: noqa: RUF002  (the Chinese separators are full-width)
"""Small words between others, in the page's language (accounts.words holds them all):
{% colon %} after a label ("Place: " / "地点："), {% comma %} between the parts of a phrase
(", " / "，"), {% list_comma %} and {% semicolon %} between the entries of a list (", " /
"、", "; " / "；"), {% open_aside %}…{% close_aside %} around a remark (" (…)" / "（…）");
{{ names|series }} joins a list of names or words ("王伟、李娜"), {{ rows|entries }} one of
entries with commas of their own, {{ count|aside }} puts a remark in brackets (" (3)" /
"（3）")."""

from __future__ import annotations

from django import template

from accounts import words

register = template.Library()

register.simple_tag(words.colon, name="colon")
register.simple_tag(words.comma, name="comma")
register.simple_tag(words.list_comma, name="list_comma")
register.simple_tag(words.semicolon, name="semicolon")
register.simple_tag(words.open_aside, name="open_aside")
register.simple_tag(words.close_aside, name="close_aside")


@register.filter
def series(parts) -> str:
    return words.series(parts or ())


@register.filter
def entries(parts) -> str:
    return words.entries(parts or ())


@register.filter
def aside(text) -> str:
    return words.aside(text)
