"""A briefing attachment's file is checked on upload (accounts.uploads), errors beside it."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from briefings.forms import AttachmentForm
from briefings.models import Attachment
from tests.briefings.factories import PDF
from tests.factories import HostUnitFactory

pytestmark = pytest.mark.django_db


def submit(name: str, content: bytes, user, unit=None) -> AttachmentForm:
    unit = unit or HostUnitFactory()
    form = AttachmentForm(
        {"title": ""},
        {"file": SimpleUploadedFile(name, content)},
        instance=Attachment(host_unit=unit, created_by=user),
    )
    form.is_valid()
    return form


def test_a_renamed_program_is_refused_with_a_plain_message(secretary):
    form = submit("report.pdf", b"MZ\x90\x00\x03" + b"\x00" * 60, secretary)
    assert form.errors["file"] == [
        "“report.pdf” is a program, not a document. Programs cannot be attached."
    ]


def test_a_small_real_pdf_is_accepted_and_stored_under_a_random_name(secretary):
    form = submit("Annual report.pdf", PDF, secretary)
    attachment = form.save()
    assert (attachment.filename, attachment.file_type, attachment.size) == (
        "Annual_report.pdf",
        "pdf",
        len(PDF),
    )
    assert "Annual" not in attachment.file.name


def test_an_unknown_kind_of_file_is_refused_beside_the_field(secretary):
    form = submit("notes.txt", b"hello", secretary)
    assert form.errors["file"] == [
        "Only PDF, Word, Excel and image files (PNG, JPEG, GIF, WebP) can be attached."
    ]


def test_the_upload_page_refuses_a_program_and_keeps_the_title(client, secretary):
    unit = HostUnitFactory()
    client.force_login(secretary)
    program = SimpleUploadedFile("setup.pdf", b"MZ" + b"\x00" * 100)
    response = client.post(
        reverse("briefings:unit_add", args=[unit.pk, "attachment"]),
        {"title": "Plans", "file": program},
    )
    assert response.status_code == 200
    assert "is a program, not a document" in response.content.decode()
    assert 'value="Plans"' in response.content.decode()
    assert not Attachment.objects.exists()
