"""What a phone keeps of the app for reading without signal, and whose it is.

A page that may be kept offline (the note capture page, the party's day) says so in its
answer's `Tripdesk-Offline` header, whose value is the reader's offline key; the service
worker (desk's /sw.js) keeps such pages in a cache named after that key, and only them.
The key stands for one login: it changes at the next login, so a phone never shows one
session's pages to another, and it tells nothing of the session it comes from (an HMAC
of the session's key, not the key). Logging out clears what the phone keeps (the
`Clear-Site-Data` header, and static/js/offline.js before the form is sent).
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.utils.crypto import salted_hmac

OFFLINE_HEADER = "Tripdesk-Offline"
# What the logout answer asks the browser to forget: the service worker's caches, its
# registration, the notes waiting in local and session storage (never the cookies: the
# language and CSRF cookies are no one's secret).
CLEAR_AT_LOGOUT = '"cache", "storage"'


def offline_key(request: HttpRequest) -> str:
    """The key of this login's offline copies; empty for someone not logged in."""
    user = getattr(request, "user", None)
    session_key = request.session.session_key if hasattr(request, "session") else None
    if user is None or not user.is_authenticated or not session_key:
        return ""
    value = f"{user.pk}:{session_key}"
    return salted_hmac("accounts.offline", value, algorithm="sha256").hexdigest()[:32]


def keep_offline(request: HttpRequest, response: HttpResponse, *, when: bool) -> HttpResponse:
    """Let the service worker keep this page for the reader, under their offline key, when
    the page may be kept (not an internal trip's); without the header it is never kept, and
    a copy kept before is dropped."""
    key = offline_key(request)
    if when and key and request.method == "GET" and response.status_code == 200:
        response[OFFLINE_HEADER] = key
    return response
