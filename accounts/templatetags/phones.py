"""Phone numbers in links: {{ contact.phone|tel_href }} gives a valid tel: address."""

from __future__ import annotations

import re

from django import template

register = template.Library()

# RFC 3966 keeps digits, a leading "+" and pause/extension marks; people write spaces,
# hyphens, dots and brackets to read a number, which an href must not hold.
NOT_DIALLED = re.compile(r"[^0-9+*,;]")


@register.filter
def tel_href(phone: str) -> str:
    """'0731-8822 1001' -> 'tel:073188221001'."""
    return "tel:" + NOT_DIALLED.sub("", str(phone or ""))
