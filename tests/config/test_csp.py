"""Content-Security-Policy: scripts and styles from our own origin, nothing inline to run."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
# E-mails are read in mail clients (which need inline styles), never as our pages.
PAGES = [p for p in TEMPLATES.rglob("*.html") if "emails" not in p.parts]


def policy(client, path: str = "/accounts/login/") -> dict[str, str]:
    header = client.get(path)["Content-Security-Policy"]
    return dict(part.strip().split(" ", 1) for part in header.split(";"))


@pytest.mark.django_db
def test_pages_carry_the_policy(client):
    csp = policy(client)
    assert csp["default-src"] == "'self'"
    assert csp["script-src"] == "'self'"
    assert csp["style-src-elem"] == "'self'"
    assert csp["img-src"] == "'self' data:"
    assert csp["frame-ancestors"] == "'none'"
    assert csp["form-action"] == "'self'"
    assert csp["base-uri"] == "'self'"
    assert csp["object-src"] == "'none'"


@pytest.mark.django_db
def test_no_script_may_be_inline_or_evaluated(client):
    scripts = policy(client)["script-src"]
    assert "unsafe-inline" not in scripts
    assert "unsafe-eval" not in scripts


@pytest.mark.django_db
def test_the_host_units_page_carries_it_too(client):
    assert "default-src" in client.get("/n/not-a-token/")["Content-Security-Policy"]


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(TEMPLATES)))
def test_templates_hold_no_inline_script_handler_or_style_element(page):
    html = page.read_text()
    assert not re.search(r"<script(?![^>]*\ssrc=)", html), "inline <script>"
    assert not re.search(r"\son[a-z]+\s*=", html), "inline event handler"
    assert "<style" not in html, "<style> element"
    assert "javascript:" not in html
