# ruff: noqa: RUF002  (the Chinese separator is a full-width colon)
"""Small words between others, in the page's language: {% colon %} after a label prints
": " in English and a full-width "：" in Chinese (车辆：, 地点：)."""

from __future__ import annotations

from django import template
from django.utils.translation import pgettext

register = template.Library()


@register.simple_tag
def colon() -> str:
    return pgettext("label separator", ": ")
