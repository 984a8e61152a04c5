"""/sw.js: the service worker at the top of the site, the same for everyone, keeping the app
shell and only the pages that may be kept offline."""

from __future__ import annotations

import json
import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def config(response) -> dict:
    """The worker's settings, as the view writes them into the script."""
    found = re.search(r"const CONFIG = (\{.*?\});", response.content.decode())
    return json.loads(found.group(1))


def test_it_is_served_at_the_top_of_the_site_as_javascript(client):
    response = client.get("/sw.js")
    assert reverse("desk:service_worker") == "/sw.js"
    assert response.status_code == 200
    assert response["Content-Type"] == "text/javascript; charset=utf-8"
    assert response["Service-Worker-Allowed"] == "/"


def test_it_is_never_taken_from_the_http_cache(client):
    assert client.get("/sw.js")["Cache-Control"] == "no-cache"


def test_it_carries_the_content_security_policy_and_no_inline_code_is_needed(client):
    response = client.get("/sw.js")
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert "eval(" not in response.content.decode()


def test_it_is_the_same_for_everyone_and_needs_no_login(client, secretary, staff):
    anonymous = client.get("/sw.js").content
    client.force_login(staff)
    assert client.get("/sw.js").content == anonymous


def test_it_keeps_the_shell_the_kept_pages_load(client):
    shell = config(client.get("/sw.js"))["shell"]
    for path in ("css/tripdesk.css", "css/notes.css", "js/tripdesk.js", "js/offline.js"):
        assert f"/static/{path}" in shell
    assert "/static/js/notes.js" in shell


def test_it_looks_only_at_the_note_page_and_the_partys_day(client, office_trip):
    pages = [re.compile(p) for p in config(client.get("/sw.js"))["pages"]]

    def kept(path: str) -> bool:
        return any(p.search(path) for p in pages)

    assert kept(reverse("followups:note_capture", args=[office_trip.pk]))
    assert kept(reverse("notices:today", args=[office_trip.pk]))
    assert not kept(reverse("trips:trip_detail", args=[office_trip.pk]))
    assert not kept(reverse("followups:note_list", args=[office_trip.pk]))
    assert not kept(reverse("followups:department_items", args=["a-token"]))
    assert not kept(reverse("notices:notice_ack", args=["a-token"]))


def test_a_new_shell_makes_a_new_version(client, settings, tmp_path):
    from desk import offline

    before = config(client.get("/sw.js"))["version"]
    (tmp_path / "css").mkdir()
    (tmp_path / "css" / "tripdesk.css").write_text("body { color: red; }")
    settings.DEBUG = True  # read the files again, as on a developer's machine
    settings.STATICFILES_DIRS = [tmp_path, *settings.STATICFILES_DIRS]
    try:
        assert config(client.get("/sw.js"))["version"] != before
    finally:
        offline._cached_config.cache_clear()
