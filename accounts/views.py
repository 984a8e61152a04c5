"""Logging out: Django's own view, and the phone told to forget what it keeps."""

from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse

from accounts import offline

_django_logout = auth_views.LogoutView.as_view()


def logout(request: HttpRequest) -> HttpResponse:
    """Django's LogoutView (POST only, CSRF-checked, the logged-out page); its answer asks
    the browser to clear the pages, the notes and the drafts kept for this login
    (static/js/offline.js clears them too, for browsers that ignore the header)."""
    response = _django_logout(request)
    if request.method == "POST":
        response["Clear-Site-Data"] = offline.CLEAR_AT_LOGOUT
    return response
