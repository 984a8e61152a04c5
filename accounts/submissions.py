"""A creating form makes its row once, however often it is sent (a double click, a reload, the
back button): the one-time key each rendering of the form carries.

A template puts ``{% submission_key %}`` (accounts' ``submissions`` tags) in every form that
creates something; the view makes its row through ``once(request, make)``, which claims the
key in the same transaction as the row. A second sending of that key makes nothing:
``AlreadySent`` becomes, in ``SubmittedOnce`` (the middleware), a redirect to where the first
sending led, with a message. A form sent without a key (a client of its own) is saved as it
always was. Notes keep their own key (followups.Note.client_key): the phone makes it and
keeps it with the queued note for as long as there is no signal, and the answer names the
note kept.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from datetime import timedelta
from typing import TypeVar

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django_htmx.http import HttpResponseClientRedirect

from accounts.models import Submission

FIELD = "submission_key"
KEEP = timedelta(days=7)  # long past any reload or back button
_KEY = re.compile(r"[0-9a-f]{32}")

Made = TypeVar("Made")


class AlreadySent(Exception):
    """This form was sent before and made its row then; ``url`` shows it (blank if unknown)."""

    def __init__(self, url: str) -> None:
        super().__init__(url)
        self.url = url


def new_key() -> str:
    """A fresh key for one rendering of a form."""
    return uuid.uuid4().hex


def key_of(request: HttpRequest) -> str | None:
    """The well-formed key a POST carries, if any."""
    if request.method != "POST":
        return None
    key = request.POST.get(FIELD, "")
    return key if _KEY.fullmatch(key) else None


def once(request: HttpRequest, make: Callable[[], Made]) -> Made:
    """Make the row of this sending, claiming its key in the same transaction; raise
    AlreadySent when the key made a row before (or is making it: the claim waits for it)."""
    key = key_of(request)
    if key is None:
        return make()
    user = request.user if request.user.is_authenticated else None
    with transaction.atomic():
        try:
            with transaction.atomic():
                claim = Submission.objects.create(key=key, user=user)
        except IntegrityError:
            url = Submission.objects.filter(key=key).values_list("url", flat=True).first()
            raise AlreadySent(url or "") from None
        made = make()
    request.submission = claim
    return made


def _shown_at(request: HttpRequest, response: HttpResponse) -> str:
    """Where a sending led: its redirect, else the page it was sent from (an htmx swap)."""
    if response.has_header("Location"):
        return response["Location"]
    htmx = getattr(request, "htmx", None)
    return (htmx and htmx.current_url_abs_path) or ""


def already_sent(request: HttpRequest, url: str) -> HttpResponse:
    """The answer to a second sending: where the first led, with a word why."""
    messages.info(request, _("This form was sent already: nothing was added a second time."))
    htmx = getattr(request, "htmx", None)
    url = url or (htmx and htmx.current_url_abs_path) or request.path
    # htmx follows a redirect itself and would swap the page into the form: load it instead.
    return HttpResponseClientRedirect(url) if htmx else redirect(url)


class SubmittedOnce:
    """A POST with a key runs in one transaction, so that the claim, the row and where it
    is shown commit together; a second sending gets already_sent(), whether it comes after
    the first (the claim is there) or at the same moment (once() waits for the first)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if key_of(request) is None:
            return self.get_response(request)
        with transaction.atomic():
            response = self.get_response(request)
            claim = getattr(request, "submission", None)
            if claim is not None:
                Submission.objects.filter(pk=claim.pk).update(url=_shown_at(request, response))
        return response

    def process_view(self, request: HttpRequest, *args) -> HttpResponse | None:
        """Sent before and done: answered before the view reads the form, which might refuse
        it for a reason of its own ("already recorded"). After the CSRF check."""
        key = key_of(request)
        if key is None:
            return None
        done = Submission.objects.filter(key=key).values_list("url", flat=True).first()
        return None if done is None else already_sent(request, done)

    def process_exception(self, request: HttpRequest, exception: Exception):
        if isinstance(exception, AlreadySent):
            return already_sent(request, exception.url)
        return None


def sweep(now=None) -> int:
    """Forget the keys of sendings older than KEEP; the number forgotten."""
    cutoff = (now or timezone.now()) - KEEP
    deleted, _counts = Submission.objects.filter(created_at__lt=cutoff).delete()
    return deleted
