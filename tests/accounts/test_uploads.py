"""Uploads are checked: the extension AND the content must agree, and the size."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts import uploads

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 56


def office_zip(folder: str) -> bytes:
    """A minimal Office Open XML archive with the given top folder (word/ or xl/)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(f"{folder}document.xml", "<document/>")
    return buffer.getvalue()


def check(name: str, content: bytes) -> uploads.Checked:
    return uploads.check(SimpleUploadedFile(name, content))


def refusal(name: str, content: bytes) -> ValidationError:
    with pytest.raises(ValidationError) as refused:
        check(name, content)
    return refused.value


def test_a_renamed_program_is_refused_with_a_plain_message():
    error = refusal("report.pdf", b"MZ\x90\x00\x03" + b"\x00" * 60)
    assert error.code == "program"
    assert error.messages == [
        "“report.pdf” is a program, not a document. Programs cannot be attached."
    ]


def test_a_real_pdf_is_accepted_with_its_safe_name_and_type():
    assert check("Annual report.pdf", PDF) == uploads.Checked(
        "Annual_report.pdf", "pdf", "application/pdf"
    )


def test_a_docx_that_is_not_a_zip_is_refused():
    error = refusal("minutes.docx", b"This is plain text, not a Word file.")
    assert "is not really a DOCX file" in error.messages[0]


def test_a_zip_without_a_word_folder_is_refused_as_docx():
    assert "is not really a DOCX file" in refusal("minutes.docx", office_zip("xl/")).messages[0]


def test_a_real_docx_is_accepted():
    assert check("minutes.docx", office_zip("word/")).file_type == "word"


def test_a_real_xlsx_is_accepted():
    assert check("figures.xlsx", office_zip("xl/")).file_type == "excel"


def test_an_old_word_document_is_accepted():
    assert check("minutes.doc", OLE2).content_type == "application/msword"


def test_a_picture_with_a_pdf_name_is_refused():
    assert "is not really a PDF file" in refusal("report.pdf", PNG).messages[0]


def test_a_png_is_accepted():
    assert check("site.png", PNG).content_type == "image/png"


def test_a_webp_needs_its_webp_marker():
    assert check("site.webp", b"RIFF\x00\x00\x00\x00WEBPVP8 ").file_type == "image"
    assert refusal("sound.webp", b"RIFF\x00\x00\x00\x00WAVEfmt ").code == "content"


def test_an_unknown_kind_of_file_is_refused():
    assert refusal("notes.txt", b"hello").messages == [
        "Only PDF, Word, Excel and image files (PNG, JPEG, GIF, WebP) can be attached."
    ]


def test_an_oversized_file_is_refused(monkeypatch):
    monkeypatch.setattr(uploads, "MAX_BYTES", 1024 * 1024)
    error = refusal("big.pdf", PDF + b"\x00" * (1024 * 1024))
    assert error.messages == ["“big.pdf” is too large: the limit is 1 MB."]


def test_the_upload_is_left_rewound_for_saving():
    upload = SimpleUploadedFile("minutes.docx", office_zip("word/"))
    uploads.check(upload)
    assert upload.tell() == 0


def test_a_path_in_the_uploaded_name_is_dropped():
    assert uploads.safe_filename("..\\..\\evil/../报告 2026.pdf") == "报告_2026.pdf"
