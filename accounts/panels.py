"""Panels a page loads by URL (htmx): the partial alone in place, a page of its own when the
URL is opened directly (a new tab, a bookmark, a reload)."""

from __future__ import annotations

from django.http import HttpRequest


def panel_template(request: HttpRequest, name: str) -> str:
    """The panel's `panel` partial for htmx, else the whole template: the page around it."""
    return f"{name}#panel" if getattr(request, "htmx", False) else name
