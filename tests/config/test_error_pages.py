"""Error pages (issue 11): the app's own, translated, with the navigation, saying what
to do next."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse
from django.utils import translation

from accounts.errors import csrf_failure

pytestmark = pytest.mark.django_db
ZH = {"HTTP_ACCEPT_LANGUAGE": "zh-hans"}


def nav_of(page: str) -> bool:
    return 'class="nav"' in page and reverse("trips:trip_list") in page


def test_the_404_page_is_chinese_with_the_navigation(client, secretary):
    client.force_login(secretary)
    response = client.get("/no-such-page/", **ZH)
    page = response.content.decode()
    assert response.status_code == 404
    assert '<html lang="zh-hans">' in page and nav_of(page)
    assert "返回工作台" in page  # what to do next


def test_the_403_page_is_chinese_with_the_navigation(rf, secretary):
    from django.views.defaults import permission_denied

    request = rf.get("/", **ZH)
    request.user = secretary
    with translation.override("zh-hans"):
        response = permission_denied(request, PermissionDenied())
    page = response.content.decode()
    assert response.status_code == 403
    assert nav_of(page) and "返回工作台" in page


def test_a_refused_form_gets_the_csrf_page_in_chinese_with_the_navigation(secretary):
    client = Client(enforce_csrf_checks=True)
    client.force_login(secretary)
    response = client.post(reverse("desk:profile"), {}, **ZH)
    page = response.content.decode()
    assert response.status_code == 403
    assert '<html lang="zh-hans">' in page and nav_of(page)
    assert "返回工作台" in page


def test_the_csrf_view_is_ours(settings):
    assert settings.CSRF_FAILURE_VIEW == "accounts.errors.csrf_failure"
    assert callable(csrf_failure)


def test_the_500_page_renders_without_a_request():
    with translation.override("zh-hans"):
        page = render_to_string("500.html")
    assert '<html lang="zh-hans">' in page
    assert 'href="/trips/"' in page and "出行" in page


def test_the_lock_out_page_extends_the_base_page():
    source = Path("templates/registration/locked_out.html").read_text(encoding="utf-8")
    assert source.startswith('{% extends "base.html" %}')
