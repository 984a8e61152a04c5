"""{% offline_key %}: the reader's offline key (accounts.offline), which base.html hands to
static/js/offline.js so that the service worker keeps pages for this login only."""

from __future__ import annotations

from django import template

from accounts import offline

register = template.Library()


@register.simple_tag(takes_context=True)
def offline_key(context) -> str:
    request = context.get("request")
    return offline.offline_key(request) if request is not None else ""
