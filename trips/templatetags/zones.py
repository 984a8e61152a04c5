"""{{ trip.time_zone|zone_label }} prints a time zone as people read it ("Beijing time")."""

from __future__ import annotations

from django import template

from trips import zones

register = template.Library()


@register.filter
def zone_label(name: str) -> str:
    """The zone's name in the page's language; a rarely used zone keeps its IANA name."""
    return zones.zone_label(name) if name else ""
