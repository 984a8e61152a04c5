"""A document is rendered once per content: PDFs kept under a hash of all they show.

The key is the SHA-256 of the document's name, the template version, the language, the
canonical JSON of the data the document shows and, for a watermarked copy, its reader.
Change an item and the data of every document that shows it changes, and so does its
key: those are rendered afresh on their next download; a document that does not show the
item keeps its key and is a file read. Nothing is ever invalidated by hand; an old file
is simply never asked for again, and sweep() (a daily beat job) removes the files nobody
has downloaded for PDF_CACHE_DAYS: a read touches its file. Emptying PDF_CACHE_DIR is
always safe.

The template version is TEMPLATE_VERSION with a hash of the documents' templates, style
sheets and fonts (the timeline's, shared with the screen page, too), so that a deployment
that changes how documents look renders them afresh.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
import time
from collections.abc import Callable
from datetime import timedelta
from functools import cache
from pathlib import Path
from typing import Any

from django.conf import settings

from printing import render

# Raise it when a document shows its data differently for reasons the files below do not
# capture (a change in WeasyPrint's output, say).
TEMPLATE_VERSION = "1"


@cache
def template_version() -> str:
    """TEMPLATE_VERSION and the contents of the documents' templates, style sheets and fonts
    (read once a process)."""
    digest = hashlib.sha256(TEMPLATE_VERSION.encode())
    templates = Path(settings.BASE_DIR) / "templates"
    shared = [templates / name for name in render.SHARED_TEMPLATES]
    for source in [templates / "printing", render.STATIC, *shared, *render.SHARED]:
        files = sorted(source.rglob("*")) if source.is_dir() else [source]
        for path in files:
            if path.is_file() and path.suffix in (".html", ".css", ".otf"):
                digest.update(path.relative_to(source.parent).as_posix().encode())
                digest.update(path.read_bytes())
    return f"{TEMPLATE_VERSION}-{digest.hexdigest()[:16]}"


def key(document: str, language: str, data: Any, reader: Any = None) -> str:
    """The hash of everything a copy shows. data and reader must be plain JSON (str, int,
    bool, None, lists, dicts): anything else is refused rather than guessed at."""
    payload = json.dumps(
        [document, template_version(), language, data, reader],
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
    )
    return hashlib.sha256(payload.encode()).hexdigest()


def path_for(cache_key: str) -> Path:
    return Path(settings.PDF_CACHE_DIR) / cache_key[:2] / f"{cache_key}.pdf"


def has(cache_key: str) -> bool:
    """Whether the key's PDF is kept already (a download of it is a file read)."""
    return path_for(cache_key).is_file()


def get_or_render(cache_key: str, make: Callable[[], bytes]) -> bytes:
    """The cached PDF of the key, or make() it and keep it."""
    path = path_for(cache_key)
    try:
        pdf = path.read_bytes()
    except FileNotFoundError:
        pdf = make()
        _write(path, pdf)
        return pdf
    _touch(path)
    return pdf


def _touch(path: Path) -> None:
    """A read marks the file as wanted, so that the sweep keeps it."""
    # Swept meanwhile: the reader has its bytes already.
    with contextlib.suppress(FileNotFoundError):
        os.utime(path)


def sweep(unread_for: timedelta, now: float | None = None) -> int:
    """Remove the PDFs nobody asked for in the given time, and the temporary files a killed
    render left behind; how many files went. Safe to run at any time, and twice."""
    cutoff = (time.time() if now is None else now) - unread_for.total_seconds()
    removed = 0
    for path in Path(settings.PDF_CACHE_DIR).glob("*/*"):
        try:
            stale = path.suffix in (".pdf", ".tmp") and path.stat().st_mtime < cutoff
            if stale:
                path.unlink()
                removed += 1
        except FileNotFoundError:  # removed by another sweep
            pass
    return removed


def _write(path: Path, content: bytes) -> None:
    """Whole or not at all: a temporary file beside the target, renamed over it. Two
    processes rendering the same document both write the same bytes; the last rename wins."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(content)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
