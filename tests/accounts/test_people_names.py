"""The page header names the signed-in user as the office writes them, at no extra query."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.models import Profile

pytestmark = pytest.mark.django_db


def test_the_header_names_the_user_by_their_profile(client, secretary):
    Profile.objects.filter(user=secretary).update(name_en="Li Na")
    client.force_login(secretary)
    page = client.get(reverse("desk:dashboard")).content.decode()
    assert "<summary>Li Na</summary>" in page


def test_the_header_falls_back_to_the_account_without_a_profile(client, secretary):
    Profile.objects.filter(user=secretary).delete()
    client.force_login(secretary)
    page = client.get(reverse("desk:dashboard")).content.decode()
    assert "<summary>Sue Li</summary>" in page


def test_the_signed_in_user_comes_with_their_profile(client, secretary, django_assert_num_queries):
    client.force_login(secretary)
    request = client.get(reverse("desk:dashboard")).wsgi_request
    with django_assert_num_queries(0):
        assert request.user.profile.protocol_rank == 10
