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

from django.core import signing
from django.utils.crypto import constant_time_compare


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
