"""Brute force: wrong passwords lock one user name from one address out for a while."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"
RIGHT = "pw-for-tests-1"


@pytest.fixture(autouse=True)
def _limits(settings):
    settings.AXES_FAILURE_LIMIT = 5
    settings.AXES_COOLOFF_TIME = dt.timedelta(minutes=15)


def log_in(client, username: str, password: str, address: str = "127.0.0.1", url: str = LOGIN):
    return client.post(url, {"username": username, "password": password}, REMOTE_ADDR=address)


def fail_five_times(client, username: str = "leader", address: str = "127.0.0.1") -> None:
    for _ in range(5):
        log_in(client, username, "wrong", address)


def test_wrong_passwords_show_the_form_again_until_the_fifth_locks(client, leader):
    for _ in range(4):
        assert log_in(client, "leader", "wrong").status_code == 200
    assert log_in(client, "leader", "wrong").status_code == 429


def test_five_wrong_passwords_then_even_the_right_one_gets_the_lockout_page(client, leader):
    fail_five_times(client)
    response = log_in(client, "leader", RIGHT)
    assert response.status_code == 429
    assert b"Too many failed logins" in response.content
    assert b"Wait 15 minutes" in response.content
    assert "_auth_user_id" not in client.session


def test_lockout_page_is_in_the_apps_look_and_points_to_the_password_reset(client, leader):
    fail_five_times(client)
    html = log_in(client, "leader", RIGHT).content.decode()
    assert "tripdesk.css" in html
    assert 'href="/accounts/password_reset/"' in html
    assert "office administrator" in html


def test_four_wrong_passwords_do_not_lock(client, leader):
    for _ in range(4):
        log_in(client, "leader", "wrong")
    assert log_in(client, "leader", RIGHT).status_code == 302


def test_right_password_works_again_after_the_cool_off(client, leader):
    fail_five_times(client)
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=16)):
        response = log_in(client, "leader", RIGHT)
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_still_locked_just_before_the_cool_off_ends(client, leader):
    fail_five_times(client)
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=14)):
        assert log_in(client, "leader", RIGHT).status_code == 429


def test_same_user_from_another_address_is_not_locked(client, leader):
    fail_five_times(client, address="203.0.113.9")
    assert log_in(client, "leader", RIGHT, address="198.51.100.7").status_code == 302


def test_another_user_from_the_same_address_is_not_locked(client, leader, secretary):
    fail_five_times(client, username="leader")
    assert log_in(client, "secretary", RIGHT).status_code == 302


def test_admin_login_is_locked_out_too(client, leader):
    leader.is_staff = True
    leader.save()
    admin_login = "/admin/login/"
    for _ in range(5):
        log_in(client, "leader", "wrong", url=admin_login)
    response = log_in(client, "leader", RIGHT, url=admin_login)
    assert response.status_code == 429
    assert b"Too many failed logins" in response.content
