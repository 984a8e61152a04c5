"""Every page a browser opens names the site's icon, and /favicon.ico leads to it where a
page names none (a PDF, a download): no 404 for it in the server's log."""

from __future__ import annotations

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from tests.factories import DepartmentFactory
from tests.followups.department_setup import items_url, token_for

ICON = 'rel="icon"'


def test_favicon_ico_leads_to_the_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response.url.endswith("img/favicon.svg")


@pytest.mark.django_db
def test_the_login_page_names_the_icon(client):
    assert ICON in client.get(reverse("login")).content.decode()


@pytest.mark.django_db
def test_a_departments_page_through_its_link_names_the_icon(client):
    page = client.get(items_url(token_for(DepartmentFactory()))).content.decode()
    assert ICON in page


def test_the_server_error_page_names_the_icon():
    assert ICON in render_to_string("500.html")
