"""Signed links: who may act without logging in (a host unit acknowledging its notice, a
department answering its follow-up item).

A link names one object of one kind: sign(kind, id, nonce) writes the token, unsign(kind,
token) reads it back or raises LinkInvalid. The kind is the signing salt ("trips.notice.ack"),
so a token made for one kind never opens another. The nonce is a random value the object
keeps (new_nonce()); the caller compares it (nonce_matches) with the one in the token, so a
link made for another object, or for this object before its nonce changed, opens nothing.

No timestamp is signed: the object decides when its links expire and when a newer one
replaces them (give it a new nonce, or mark it replaced). Every e-mail about one object
carries the same link.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable

from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _


class LinkInvalid(Exception):
    """A token we did not sign for this kind: tampered, cut short, or made for another kind."""


def _signer(kind: str) -> signing.Signer:
    if not kind:
        # The empty salt is Django's default one, which other signed values use.
        raise ValueError("A signed link needs a kind.")
    return signing.Signer(salt=kind)


def sign(kind: str, obj_id: int, nonce: str) -> str:
    """The token of a link to the object obj_id of this kind, scoped by its nonce."""
    return _signer(kind).sign_object({"n": obj_id, "k": nonce}, compress=True)


def unsign(kind: str, token: str) -> tuple[int, str]:
    """(obj_id, nonce) of a token signed for this kind; LinkInvalid for anything else."""
    try:
        data = _signer(kind).unsign_object(token)
    except signing.BadSignature:
        raise LinkInvalid from None
    if not isinstance(data, dict):
        raise LinkInvalid
    obj_id, nonce = data.get("n"), data.get("k", "")
    if not isinstance(obj_id, int) or isinstance(obj_id, bool) or not isinstance(nonce, str):
        raise LinkInvalid
    return obj_id, nonce


def new_nonce() -> str:
    """A random value for an object to keep and sign into its links (22 characters)."""
    return secrets.token_urlsafe(16)


def nonce_matches(kept: str, signed: str) -> bool:
    """True when the nonce in a token is the one the object keeps (in constant time)."""
    return bool(kept) and constant_time_compare(kept, signed)


def does_not_work() -> tuple[str, str]:
    """What a tampered or cut-short link's reader is told: the heading and what to do."""
    return (
        _("This link does not work"),
        _(
            "Please check that you opened the whole address from the e-mail, or use the link "
            "in the latest e-mail from the office."
        ),
    )


def refused_page(
    request: HttpRequest, words: Callable[[], tuple[str, str]], status: int, language: str
) -> HttpResponse:
    """The page of a link that opens nothing, in its reader's language: `words()` gives the
    heading and what to do; nothing of what the link was for is shown."""
    with translation.override(language):
        heading, explanation = words()
        context = {"heading": heading, "explanation": explanation}
        response = render(request, "link_refused.html", context, status=status)
    response.headers["Content-Language"] = language
    return response
