"""What may be uploaded (a briefing's attachment, a follow-up item's evidence): the name's
extension AND the content must agree.

A file is accepted when its extension is one we know and its first bytes are that
format's signature (for .docx/.xlsx: a zip archive holding word/ or xl/). A renamed
program (an "MZ" header) is refused by name, so the uploader knows what happened.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import PurePath

from django.core.exceptions import SuspiciousFileOperation, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.text import get_valid_filename
from django.utils.translation import gettext_lazy as _

# 20 MB: a scanned report fits; a video does not.
MAX_BYTES = 20 * 1024 * 1024

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old Office: .doc, .xls
ZIP = b"PK\x03\x04"


@dataclass(frozen=True)
class Format:
    file_type: str  # "pdf", "word", "excel" or "image" (briefings' Attachment.Kind values)
    content_type: str
    signatures: tuple[bytes, ...]
    zip_folder: str = ""  # for Office Open XML: the folder the archive must hold


FORMATS: dict[str, Format] = {
    ".pdf": Format("pdf", "application/pdf", (b"%PDF-",)),
    ".doc": Format("word", "application/msword", (OLE2,)),
    ".docx": Format(
        "word",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        (ZIP,),
        zip_folder="word/",
    ),
    ".xls": Format("excel", "application/vnd.ms-excel", (OLE2,)),
    ".xlsx": Format(
        "excel",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        (ZIP,),
        zip_folder="xl/",
    ),
    ".png": Format("image", "image/png", (b"\x89PNG\r\n\x1a\n",)),
    ".jpg": Format("image", "image/jpeg", (b"\xff\xd8\xff",)),
    ".jpeg": Format("image", "image/jpeg", (b"\xff\xd8\xff",)),
    ".gif": Format("image", "image/gif", (b"GIF87a", b"GIF89a")),
    ".webp": Format("image", "image/webp", (b"RIFF",)),
}


@dataclass(frozen=True)
class Checked:
    """An accepted upload: its safe name and what it really is."""

    filename: str
    file_type: str
    content_type: str


def safe_filename(name: str) -> str:
    """The last part of the name, without characters that could break a path or a header."""
    base = PurePath(name.replace("\\", "/")).name
    try:
        clean = get_valid_filename(base)
    except SuspiciousFileOperation:  # nothing usable left, e.g. "..."
        clean = "attachment"
    stem, suffix = PurePath(clean).stem, PurePath(clean).suffix
    return stem[: 200 - len(suffix)] + suffix


def check(upload: UploadedFile) -> Checked:
    """Accept the upload or raise ValidationError saying plainly what is wrong."""
    name = safe_filename(upload.name or "")
    extension = PurePath(name).suffix.lower()
    if upload.size > MAX_BYTES:
        raise ValidationError(
            _("“%(name)s” is too large: the limit is %(limit)s MB."),
            code="too_large",
            params={"name": name, "limit": MAX_BYTES // (1024 * 1024)},
        )
    head = _head(upload)
    if head.startswith(b"MZ"):
        raise ValidationError(
            _("“%(name)s” is a program, not a document. Programs cannot be attached."),
            code="program",
            params={"name": name},
        )
    expected = FORMATS.get(extension)
    if expected is None:
        raise ValidationError(
            _("Only PDF, Word, Excel and image files (PNG, JPEG, GIF, WebP) can be attached."),
            code="extension",
        )
    if not _matches(upload, head, expected):
        raise ValidationError(
            _("“%(name)s” is not really a %(type)s file: its content does not match its name."),
            code="content",
            params={"name": name, "type": extension.lstrip(".").upper()},
        )
    return Checked(name, expected.file_type, expected.content_type)


def _head(upload: UploadedFile) -> bytes:
    """The first bytes of the file, leaving it rewound for saving."""
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    return head


def _matches(upload: UploadedFile, head: bytes, expected: Format) -> bool:
    """True when the content is what the extension promises."""
    if not head.startswith(expected.signatures):
        return False
    if expected.content_type == "image/webp":
        return head[8:12] == b"WEBP"
    if expected.zip_folder:
        return _zip_holds(upload, expected.zip_folder)
    return True


def _zip_holds(upload: UploadedFile, folder: str) -> bool:
    """True for a readable zip archive with the Office folder inside (word/ or xl/)."""
    try:
        with zipfile.ZipFile(upload) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
    finally:
        upload.seek(0)
    return "[Content_Types].xml" in names and any(n.startswith(folder) for n in names)
