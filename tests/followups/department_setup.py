"""Helpers for the department tests: members with an account, signed links, evidence files."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from followups import links
from tests.factories import UserFactory

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PROGRAM = b"MZ\x90\x00\x03" + b"\x00" * 60


def member(dept, username: str = "bureau-clerk", **kwargs):
    """An account without an office role that answers for the department."""
    user = UserFactory(username=username, **kwargs)
    dept.members.add(user)
    return user


def token_for(dept, now=None) -> str:
    """The department's working link's token (a new link when it has none)."""
    return links.make_token(links.current(dept, now=now))


def items_url(token: str) -> str:
    return reverse("followups:department_items", args=[token])


def item_url(token: str, item) -> str:
    return reverse("followups:department_item", args=[token, item.pk])


def pdf(name: str = "Reply letter.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF)


def program(name: str = "reply.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PROGRAM)
