"""Logging in and out, passwords, the profile and its test e-mail."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import Group
from django.http import HttpRequest

from outbox.models import Message

pytestmark = pytest.mark.django_db


def test_login_page_is_in_the_apps_look(client):
    response = client.get("/accounts/login/")
    assert response.status_code == 200
    assert b"Log in to Tripdesk" in response.content
    assert b"tripdesk.css" in response.content


def test_login_takes_the_user_to_the_dashboard(client, secretary):
    response = client.post(
        "/accounts/login/", {"username": "secretary", "password": "pw-for-tests-1"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_wrong_password_says_so_and_keeps_the_user_name(client, secretary):
    response = client.post("/accounts/login/", {"username": "secretary", "password": "nope"})
    assert response.status_code == 200
    assert b"Please enter a correct username and password" in response.content
    assert b'value="secretary"' in response.content


def test_anonymous_visitor_is_sent_to_login(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_account_without_office_role_gets_403(client, stranger):
    client.force_login(stranger)
    assert client.get("/").status_code == 403


def test_logout_is_a_post(client, secretary):
    client.force_login(secretary)
    response = client.post("/accounts/logout/")
    assert response.status_code == 200
    assert b"You are logged out" in response.content
    assert client.get("/").status_code == 302


def test_password_reset_writes_the_email_to_the_outbox(
    client, secretary, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post("/accounts/password_reset/", {"email": secretary.email})
    assert response.status_code == 302
    message = Message.objects.get()
    assert message.to == secretary.email
    assert message.cause_key == "password_reset"
    assert re.search(r"/accounts/reset/[\w-]+/[\w-]+/", message.text_body)
    assert len(callbacks) == 1


def test_password_reset_for_an_unknown_address_sends_nothing_and_says_the_same(client, secretary):
    response = client.post(
        "/accounts/password_reset/", {"email": "nobody@example.org"}, follow=True
    )
    assert b"Check your e-mail" in response.content
    assert not Message.objects.exists()


def test_password_reset_link_sets_a_new_password(client, secretary):
    client.post("/accounts/password_reset/", {"email": secretary.email})
    link = re.search(r"/accounts/reset/[\w-]+/[\w-]+/", Message.objects.get().text_body).group()
    form_page = client.get(link, follow=True)
    new = "a-new-Passw0rd-for-sue"
    response = client.post(
        form_page.redirect_chain[-1][0], {"new_password1": new, "new_password2": new}, follow=True
    )
    assert b"Password set" in response.content
    # Axes, the first authentication backend, needs the request (the test client has none).
    assert client.login(request=HttpRequest(), username="secretary", password=new)


def test_password_change_keeps_the_user_logged_in(client, secretary):
    client.force_login(secretary)
    new = "another-Passw0rd-for-sue"
    response = client.post(
        "/accounts/password_change/",
        {"old_password": "pw-for-tests-1", "new_password1": new, "new_password2": new},
        follow=True,
    )
    assert b"Your password was changed." in response.content
    assert client.get("/").status_code == 200


def test_profile_lists_the_office_roles(client, secretary):
    secretary.groups.add(Group.objects.get(name="leader"))
    client.force_login(secretary)
    content = client.get("/profile/").content.decode()
    assert ">Secretary<" in content
    assert ">Leader<" in content


def test_test_email_is_queued_to_the_users_own_address(
    client, staff, django_capture_on_commit_callbacks
):
    client.force_login(staff)
    with django_capture_on_commit_callbacks(execute=False):
        response = client.post("/profile/test-email/", follow=True)
    message = Message.objects.get()
    assert (message.to, message.recipient_user, message.created_by) == (staff.email, staff, staff)
    assert message.status == Message.Status.QUEUED
    assert staff.email in response.content.decode()


def test_test_email_needs_an_address(client, staff):
    staff.email = ""
    staff.save()
    client.force_login(staff)
    response = client.post("/profile/test-email/", follow=True)
    assert b"Your account has no e-mail address." in response.content
    assert not Message.objects.exists()


def test_test_email_refuses_get(client, staff):
    client.force_login(staff)
    assert client.get("/profile/test-email/").status_code == 405


def test_logging_out_tells_the_browser_to_forget_what_the_phone_keeps(client, secretary):
    client.force_login(secretary)
    response = client.post("/accounts/logout/")
    assert response["Clear-Site-Data"] == '"cache", "storage"'


def test_the_logout_button_asks_first_when_notes_are_unsent(client, secretary):
    client.force_login(secretary)
    content = client.get("/").content.decode()
    form = re.search(r'<form action="/accounts/logout/"[^>]*>', content).group(0)
    assert "data-logout" in form
    assert 'data-unsent-question="Some notes have not been sent yet.' in form
