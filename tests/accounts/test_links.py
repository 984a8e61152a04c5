"""Signed links for people without an account: a token opens one object of one kind."""

from __future__ import annotations

import pytest
from django.core import signing

from accounts import links

KIND = "tests.answer"


def test_a_token_reads_back_its_object_and_nonce():
    nonce = links.new_nonce()
    assert links.unsign(KIND, links.sign(KIND, 42, nonce)) == (42, nonce)


def test_a_tampered_token_is_invalid():
    token = links.sign(KIND, 42, "abc")
    with pytest.raises(links.LinkInvalid):
        links.unsign(KIND, token[:-2] + ("xx" if not token.endswith("xx") else "yy"))


@pytest.mark.parametrize("token", ["", "nonsense", ":", "a:b:c"])
def test_garbage_is_invalid(token):
    with pytest.raises(links.LinkInvalid):
        links.unsign(KIND, token)


def test_a_token_of_another_kind_is_invalid():
    token = links.sign("tests.other", 42, "abc")
    with pytest.raises(links.LinkInvalid):
        links.unsign(KIND, token)


def test_a_value_signed_with_the_default_salt_is_invalid():
    token = signing.Signer().sign_object({"n": 42, "k": "abc"}, compress=True)
    with pytest.raises(links.LinkInvalid):
        links.unsign(KIND, token)


@pytest.mark.parametrize(
    "payload", [[42, "abc"], {"n": "42", "k": "abc"}, {"n": True, "k": "abc"}, {"n": 42, "k": 7}]
)
def test_a_signed_value_of_another_shape_is_invalid(payload):
    token = signing.Signer(salt=KIND).sign_object(payload, compress=True)
    with pytest.raises(links.LinkInvalid):
        links.unsign(KIND, token)


def test_a_kind_is_required():
    with pytest.raises(ValueError):
        links.sign("", 42, "abc")


def test_the_token_format_of_links_already_sent_still_reads():
    # The notices' acknowledgement links were signed this way before this module existed.
    token = signing.Signer(salt="trips.notice.ack").sign_object({"n": 7, "k": "abc"}, compress=True)
    assert links.sign("trips.notice.ack", 7, "abc") == token
    assert links.unsign("trips.notice.ack", token) == (7, "abc")


def test_a_new_nonce_replaces_the_old_link():
    old, new = links.new_nonce(), links.new_nonce()
    _pk, signed = links.unsign(KIND, links.sign(KIND, 42, old))
    assert links.nonce_matches(old, signed)
    assert not links.nonce_matches(new, signed)
    assert not links.nonce_matches("", "")
