"""outbox.claims: a digest is claimed once per kind, key and period; the claim lives and
dies with its e-mails' transaction."""

from __future__ import annotations

import datetime as dt

import pytest

from outbox import claims
from outbox.models import Claim, Message

from .factories import MessageFactory

pytestmark = pytest.mark.django_db

DAY = dt.date(2027, 1, 11)


def test_a_claimed_send_runs_once_per_period():
    sent: list[int] = []

    def send(claim: Claim) -> Message:
        sent.append(claim.pk)
        return MessageFactory()

    first = claims.once("tests.digest", 7, DAY, send)
    assert claims.once("tests.digest", 7, DAY, send) is None
    assert len(sent) == 1
    assert (first.kind, first.key, first.period) == ("tests.digest", "7", DAY)
    assert first.message == Message.objects.get()


def test_each_kind_key_and_period_is_its_own_claim():
    def send(claim):
        return MessageFactory()

    assert claims.once("tests.digest", 7, DAY, send)
    assert claims.once("tests.digest", 8, DAY, send)
    assert claims.once("tests.other", 7, DAY, send)
    assert claims.once("tests.digest", 7, DAY + dt.timedelta(days=1), send)
    assert Claim.objects.count() == 4


def test_a_send_with_nothing_to_say_leaves_no_claim_and_a_later_run_may_send():
    assert claims.once("tests.digest", 7, DAY, lambda claim: None) is None
    assert claims.once("tests.digest", 7, DAY, lambda claim: []) is None
    assert not Claim.objects.exists()
    assert claims.once("tests.digest", 7, DAY, lambda claim: MessageFactory())


def test_a_send_that_fails_rolls_back_its_claim_and_its_rows():
    def fails(claim: Claim) -> Message:
        MessageFactory()
        raise RuntimeError("the template is broken")

    with pytest.raises(RuntimeError):
        claims.once("tests.digest", 7, DAY, fails)
    assert not Claim.objects.exists() and not Message.objects.exists()
    assert claims.once("tests.digest", 7, DAY, lambda claim: MessageFactory())


def test_a_send_of_several_e_mails_keeps_the_first_on_its_claim():
    first, second = MessageFactory(), MessageFactory()
    claim = claims.once("tests.digest", 7, DAY, lambda claim: [first, second])
    assert claim.message == first


def test_each_sends_to_every_recipient_not_claimed_yet():
    claims.once("tests.digest", 2, DAY, lambda claim: MessageFactory())
    got: list[int] = []

    def send(recipient: int, claim: Claim) -> Message | None:
        got.append(recipient)
        return MessageFactory() if recipient != 3 else None

    assert claims.each("tests.digest", DAY, [1, 2, 3], lambda n: n, send) == 1
    assert got == [1, 3]  # 2 had its digest; 3 had nothing to say
    assert sorted(Claim.objects.values_list("key", flat=True)) == ["1", "2"]


def test_claimed_keys_serve_as_ids_in_a_subquery(staff, staff2):
    claims.once("tests.digest", staff.pk, DAY, lambda claim: MessageFactory())
    claims.once("tests.digest", staff2.pk, DAY - dt.timedelta(days=1), lambda c: MessageFactory())
    users = type(staff).objects.filter(pk__in=claims.claimed("tests.digest", DAY))
    assert list(users) == [staff]


def test_a_mark_is_recorded_once_and_sends_nothing():
    claims.mark("tests.ran", "", DAY)
    claims.mark("tests.ran", "", DAY)
    assert Claim.objects.get().message is None
