"""Attachments are checked on upload: the extension AND the content, and the size."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from briefings import uploads
from briefings.forms import AttachmentForm
from briefings.models import Attachment
from tests.briefings.factories import PDF, PNG
from tests.factories import HostUnitFactory

pytestmark = pytest.mark.django_db


def office_zip(folder: str) -> bytes:
    """A minimal Office Open XML archive with the given top folder (word/ or xl/)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(f"{folder}document.xml", "<document/>")
    return buffer.getvalue()


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


def test_a_docx_that_is_not_a_zip_is_refused(secretary):
    form = submit("minutes.docx", b"This is plain text, not a Word file.", secretary)
    assert "is not really a DOCX file" in form.errors["file"][0]


def test_a_zip_without_a_word_folder_is_refused_as_docx(secretary):
    form = submit("minutes.docx", office_zip("xl/"), secretary)
    assert "is not really a DOCX file" in form.errors["file"][0]


def test_a_real_docx_is_accepted(secretary):
    assert submit("minutes.docx", office_zip("word/"), secretary).is_valid()


def test_a_real_xlsx_is_accepted(secretary):
    assert submit("figures.xlsx", office_zip("xl/"), secretary).is_valid()


def test_an_old_word_document_is_accepted(secretary):
    ole2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 56
    assert submit("minutes.doc", ole2, secretary).is_valid()


def test_a_picture_with_a_pdf_name_is_refused(secretary):
    form = submit("report.pdf", PNG, secretary)
    assert "is not really a PDF file" in form.errors["file"][0]


def test_a_png_is_accepted(secretary):
    assert submit("site.png", PNG, secretary).is_valid()


def test_a_webp_needs_its_webp_marker(secretary):
    assert submit("site.webp", b"RIFF\x00\x00\x00\x00WEBPVP8 ", secretary).is_valid()
    assert not submit("sound.webp", b"RIFF\x00\x00\x00\x00WAVEfmt ", secretary).is_valid()


def test_an_unknown_kind_of_file_is_refused(secretary):
    form = submit("notes.txt", b"hello", secretary)
    assert form.errors["file"] == [
        "Only PDF, Word, Excel and image files (PNG, JPEG, GIF, WebP) can be attached."
    ]


def test_an_oversized_file_is_refused(secretary, monkeypatch):
    monkeypatch.setattr(uploads, "MAX_BYTES", 1024 * 1024)
    form = submit("big.pdf", PDF + b"\x00" * (1024 * 1024), secretary)
    assert form.errors["file"] == ["“big.pdf” is too large: the limit is 1 MB."]


def test_a_path_in_the_uploaded_name_is_dropped():
    assert uploads.safe_filename("..\\..\\evil/../报告 2026.pdf") == "报告_2026.pdf"


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
