"""{% submission_key %}: the one-time key of a creating form (accounts.submissions), a hidden
field beside {% csrf_token %}; each rendering of the form gets a fresh one."""

from __future__ import annotations

from django import template
from django.utils.html import format_html

from accounts import submissions

register = template.Library()


@register.simple_tag
def submission_key() -> str:
    return format_html(
        '<input type="hidden" name="{}" value="{}">', submissions.FIELD, submissions.new_key()
    )
