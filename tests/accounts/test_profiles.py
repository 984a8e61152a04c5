"""Profiles: how the office writes each person, and the order lists print them in."""

from __future__ import annotations

import pytest
from django.contrib.admin.sites import site
from django.contrib.auth.models import User
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from accounts import people
from accounts.admin import ProfileAdmin
from accounts.models import Profile
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PROFILE_URL = reverse("desk:profile")


def profile_data(**changes) -> dict:
    data = {
        "name": "王伟",
        "name_en": "Wang Wei",
        "title": "副省长",
        "title_en": "Vice Governor",
        "phone": "139 0731 0001",
        "language": "zh-hans",
    }
    return {**data, **changes}


def test_user_edits_own_name_title_phone_and_language(client, staff):
    client.force_login(staff)
    response = client.post(PROFILE_URL, profile_data(language="en"))
    assert response.status_code == 302
    profile = Profile.objects.get(user=staff)
    assert (profile.name, profile.title_en, profile.phone, profile.language) == (
        "王伟",
        "Vice Governor",
        "139 0731 0001",
        "en",
    )


def test_profile_form_keeps_input_on_error(client, staff):
    client.force_login(staff)
    response = client.post(PROFILE_URL, profile_data(phone="call me"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Enter a phone number like +86 10 1234 5678." in page
    assert 'value="副省长"' in page
    assert Profile.objects.get(user=staff).title == ""


def test_user_cannot_set_their_own_protocol_rank(client, staff):
    client.force_login(staff)
    client.post(PROFILE_URL, profile_data(protocol_rank=1))
    assert Profile.objects.get(user=staff).protocol_rank == 20


def test_user_without_a_profile_saves_one_from_the_profile_page(client):
    user = UserFactory(username="newcomer", roles=["staff"], profile=None)
    client.force_login(user)
    assert client.get(PROFILE_URL).status_code == 200
    client.post(PROFILE_URL, profile_data(name="周芳"))
    assert Profile.objects.get(user=user).name == "周芳"


def test_user_without_a_profile_is_named_by_the_account():
    user = UserFactory(username="newcomer", first_name="Fang", last_name="Zhou", profile=None)
    user = User.objects.get(pk=user.pk)
    assert people.person_label(user) == "Fang Zhou"
    assert people.profile_of(user).pk is None


def test_only_secretaries_set_the_protocol_rank_in_the_admin(secretary, staff):
    admin = ProfileAdmin(Profile, site)
    request = RequestFactory().get("/")
    request.user = staff
    assert "protocol_rank" in admin.get_readonly_fields(request)
    request.user = secretary
    assert "protocol_rank" not in admin.get_readonly_fields(request)


def render_person(user, language: str) -> str:
    with translation.override(language):
        return Template("{% load people %}{{ user|person }}").render(Context({"user": user}))


def test_chinese_page_shows_name_and_title_in_full_width_brackets():
    user = UserFactory(profile__name="王伟", profile__title="副省长")
    assert render_person(user, "zh-hans") == "王伟\uff08副省长\uff09"


def test_english_page_shows_english_name_and_title():
    user = UserFactory(
        profile__name="王伟",
        profile__name_en="Wang Wei",
        profile__title="副省长",
        profile__title_en="Vice Governor",
    )
    assert render_person(user, "en") == "Wang Wei (Vice Governor)"


def test_english_page_falls_back_to_the_chinese_name():
    user = UserFactory(profile__name="王伟", profile__title="副省长")
    assert render_person(user, "en") == "王伟 (副省长)"


def test_people_are_in_protocol_order_not_by_name_and_without_profile_last():
    UserFactory(username="a", profile__name="安", profile__protocol_rank=30)
    UserFactory(username="z", profile__name="张", profile__protocol_rank=1)
    UserFactory(username="m", profile=None)
    ordered = people.in_protocol_order(User.objects.filter(username__in=["a", "z", "m"]))
    assert [u.username for u in ordered] == ["z", "a", "m"]


def test_profile_page_shows_the_form_in_english_with_the_english_name(client, staff):
    Profile.objects.filter(user=staff).update(name="赵强", name_en="Zhao Qiang", title_en="Chief")
    client.force_login(staff)
    page = client.get(PROFILE_URL, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Zhao Qiang (Chief)" in page
