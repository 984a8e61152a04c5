"""The app's own page for a refused form (CSRF_FAILURE_VIEW): translated, with the
navigation, and saying what to do next. The 403, 404 and 500 pages are templates
(templates/403.html, 404.html, 500.html) that Django's default handlers render."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponseForbidden
from django.template.loader import render_to_string


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponseForbidden:
    """The form's token was missing or stale: tell the user to reload and send it again."""
    return HttpResponseForbidden(render_to_string("403_csrf.html", {"reason": reason}, request))
