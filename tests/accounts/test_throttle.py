"""The rate limiter, and the pages it guards: the password reset and a host unit's messages."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from accounts import throttle
from notices import links as notice_links
from outbox.models import Message
from tests.notices.notice_setup import A_WEEK_BEFORE, approve, build_visit, send

RESET = "/accounts/password_reset/"


# The limiter


def test_allows_up_to_the_limit_then_refuses():
    assert [throttle.allow("k", 3, 60) for _ in range(5)] == [True, True, True, False, False]


def test_a_new_window_starts_after_the_old_one_ends():
    for _ in range(4):
        throttle.allow("k", 3, 60)
    with time_machine.travel(timezone.now() + dt.timedelta(seconds=61)):
        assert throttle.allow("k", 3, 60)


def test_keys_are_counted_apart():
    for _ in range(4):
        throttle.allow("one", 3, 60)
    assert throttle.allow("two", 3, 60)


def test_a_broken_cache_lets_requests_through(settings):
    settings.CACHES = {"default": {"BACKEND": "tests.config.test_throttle.BrokenCache"}}
    assert throttle.allow("k", 0, 60)


class BrokenCache:
    """A cache whose server is down."""

    def __init__(self, *args, **kwargs) -> None:
        pass

    def add(self, *args, **kwargs):
        raise ConnectionError("cache down")

    def close(self, **kwargs) -> None:
        pass


def test_client_ip_is_remote_addr_unless_behind_a_proxy(rf, settings):
    request = rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9")
    settings.BEHIND_PROXY = False
    assert throttle.client_ip(request) == "10.0.0.1"
    settings.BEHIND_PROXY = True
    assert throttle.client_ip(request) == "203.0.113.9"  # the entry our proxy appended


# The password reset


def ask_reset(client, email: str, address: str = "127.0.0.1"):
    return client.post(RESET, {"email": email}, REMOTE_ADDR=address, follow=True)


@pytest.mark.django_db
def test_five_resets_an_hour_are_sent(client, secretary, settings):
    settings.PASSWORD_RESET_LIMIT = 5
    for _ in range(5):
        ask_reset(client, secretary.email)
    assert Message.objects.filter(cause_key="password_reset").count() == 5


@pytest.mark.django_db
def test_a_throttled_reset_sends_nothing_and_says_the_same(client, secretary, settings):
    settings.PASSWORD_RESET_LIMIT = 5
    for _ in range(5):
        ask_reset(client, secretary.email)
    response = ask_reset(client, secretary.email)
    assert b"Check your e-mail" in response.content
    assert Message.objects.filter(cause_key="password_reset").count() == 5


@pytest.mark.django_db
def test_resets_are_counted_per_address_across_e_mails(client, secretary, staff, settings):
    settings.PASSWORD_RESET_LIMIT = 5
    for n in range(5):
        ask_reset(client, f"nobody{n}@example.org")
    ask_reset(client, secretary.email)
    assert not Message.objects.exists()
    ask_reset(client, staff.email, address="198.51.100.7")
    assert Message.objects.get().to == staff.email


@pytest.mark.django_db
def test_resets_are_counted_per_e_mail_across_addresses(client, secretary, settings):
    settings.PASSWORD_RESET_LIMIT = 5
    for n in range(6):
        ask_reset(client, secretary.email.upper(), address=f"198.51.100.{n}")
    assert Message.objects.count() == 5


@pytest.mark.django_db
def test_resets_are_sent_again_an_hour_later(client, secretary, settings):
    settings.PASSWORD_RESET_LIMIT = 5
    for _ in range(6):
        ask_reset(client, secretary.email)
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=61)):
        ask_reset(client, secretary.email)
    assert Message.objects.count() == 6


# A host unit's messages to the office


@pytest.fixture
def sent(db, office_trip, secretary, leader, staff):
    """The two notices of a visit; the test runs a week before the trip, while links work."""
    with time_machine.travel(A_WEEK_BEFORE, tick=True):
        visit = build_visit(office_trip, leader, staff)
        approve(office_trip, secretary, leader)
        yield send(visit.trip, secretary)


@pytest.fixture
def notice(sent):
    return sent[0]


def reply(client, notice, text: str, address: str = "127.0.0.1"):
    path = reverse("notices:notice_reply", args=[notice_links.make_token(notice)])
    return client.post(path, {"text": text}, REMOTE_ADDR=address)


def test_ten_messages_an_hour_reach_the_office(client, notice, settings):
    settings.NOTICE_MESSAGE_LIMIT = 10
    for n in range(10):
        assert reply(client, notice, f"Question {n}").status_code == 302
    assert notice.replies.count() == 10


def test_a_throttled_message_keeps_the_text_and_says_to_try_later(client, notice, settings):
    settings.NOTICE_MESSAGE_LIMIT = 10
    for n in range(10):
        reply(client, notice, f"Question {n}")
    response = reply(client, notice, "Can we start at 09:30?")
    html = response.content.decode()
    assert response.status_code == 429
    assert "Please send this one again later." in html
    assert "Can we start at 09:30?</textarea>" in html
    assert notice.replies.count() == 10


def test_messages_are_counted_per_notice_across_addresses(client, notice, settings):
    settings.NOTICE_MESSAGE_LIMIT = 3
    for n in range(4):
        reply(client, notice, f"Question {n}", address=f"198.51.100.{n}")
    assert notice.replies.count() == 3


def test_messages_are_counted_per_address_across_notices(client, sent, settings):
    settings.NOTICE_MESSAGE_LIMIT = 3
    first, second = sent
    for n in range(3):
        reply(client, first, f"Question {n}")
    reply(client, second, "One more")
    assert not second.replies.exists()
