"""Project-wide middleware."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.cache import patch_vary_headers


def vary_on_htmx(get_response: Callable[[HttpRequest], HttpResponse]):
    """Mark every response as varying on HX-Request: one URL answers a page or a partial."""

    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        patch_vary_headers(response, ("HX-Request",))
        return response

    return middleware


# An active session's idle expiry is pushed on at most once a minute, rather than with a
# write on every request (SESSION_SAVE_EVERY_REQUEST), which every htmx swap would pay.
SESSION_REFRESH_SECONDS = 60


def sliding_session(get_response: Callable[[HttpRequest], HttpResponse]):
    """Keep a session in use alive: its idle time (SESSION_COOKIE_AGE) restarts as it is used."""

    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        session = getattr(request, "session", None)
        expiry = getattr(session, "stored_expiry", None)  # set once the row was loaded
        if expiry is not None and not session.modified:
            left = (expiry - timezone.now()).total_seconds()
            if settings.SESSION_COOKIE_AGE - left >= SESSION_REFRESH_SECONDS:
                session.modified = True  # SessionMiddleware saves it with a new expiry
        return response

    return middleware
