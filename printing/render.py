"""HTML -> PDF with WeasyPrint, for every printed document.

render() turns a template of templates/printing/ into PDF bytes, in the language given.
Documents extend printing/base.html: A4 portrait, a running header (the document's name,
the trip's title, the marking of an internal trip), "page X of Y" at the foot (a style
sheet render() adds, its words from the catalogue), our fonts (printing/static/printing/
fonts, declared in fonts.css) and print.css.

WeasyPrint fetches nothing but our own files: StaticOnlyFetcher serves files under
printing/static/printing/ (the fonts and the style sheets) and the style sheets the screen
pages share with the documents (SHARED: the timeline's, which the pack links as
{{ timeline_css }}, and the seating plans', {{ seating_css }}), and refuses everything
else: http(s), file:// anywhere else, data: URLs. User text reaches the page only through
the template engine's autoescaping; nothing here marks any of it safe.
"""

from __future__ import annotations

import mimetypes
from datetime import datetime
from pathlib import Path
from unicodedata import east_asian_width
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from weasyprint import CSS, HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

import logistics
import trips
from accounts import dates, people

# The only folder WeasyPrint may read from; relative URLs in documents resolve inside it.
STATIC = (Path(__file__).resolve().parent / "static" / "printing").resolve()
BASE_URL = STATIC.as_uri() + "/"
ALLOWED_SUFFIXES = {".css", ".otf", ".ttf", ".woff", ".woff2", ".png", ".svg"}
# The timeline and the seating plans are drawn by one template and one style sheet each
# on the screen and on paper.
TIMELINE_CSS = (Path(trips.__file__).parent / "static" / "trips" / "timeline.css").resolve()
SEATING_CSS = (Path(logistics.__file__).parent / "static" / "logistics" / "seating.css").resolve()
SHARED = (TIMELINE_CSS, SEATING_CSS)  # screen files WeasyPrint may read
# Screen templates the documents include.
SHARED_TEMPLATES = ("trips/_timeline.html", "logistics/_seating_drawing.html")


class Refused(ValueError):
    """A URL the documents may not load. WeasyPrint logs it and leaves the resource out."""


def allowed_path(url: str) -> Path:
    """The file a URL names, when it is one of ours; Refused otherwise."""
    parts = urlsplit(url)
    if parts.scheme.lower() != "file":
        raise Refused(f"not a local file: {url[:80]}")
    if parts.netloc not in ("", "localhost"):
        raise Refused(f"a file on another host: {url[:80]}")
    try:
        path = Path(url2pathname(unquote(parts.path))).resolve(strict=True)
    except (OSError, RuntimeError):
        raise Refused(f"no such file: {url[:80]}") from None
    if not (path.is_relative_to(STATIC) or path in SHARED) or not path.is_file():
        raise Refused(f"outside the documents' static files: {url[:80]}")
    if path.suffix.lower() not in ALLOWED_SUFFIXES:
        raise Refused(f"not a font, style sheet or image: {url[:80]}")
    return path


class StaticOnlyFetcher(URLFetcher):
    """WeasyPrint's fetcher, allowed to read our static files and nothing else."""

    def fetch(self, url, headers=None):
        path = allowed_path(url)
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(path.as_uri(), path.read_bytes(), {"Content-Type": content_type})


def css_string(text: str) -> str:
    """A CSS string literal of the text: anything but letters, digits and spaces as an escape,
    so that no quote, backslash or "</style>" gets out of it."""
    escaped = "".join(c if c.isalnum() or c == " " else f"\\{ord(c):x} " for c in text)
    return f'"{escaped}"'


def page_of_pages() -> SafeString:
    """The footer's "Page X of Y" (第X页 共Y页) as CSS content, in the active language."""
    pattern = _("Page %(page)s of %(pages)s")
    marker = "\x00"
    parts = (pattern % {"page": f"{marker}page{marker}", "pages": f"{marker}pages{marker}"}).split(
        marker
    )
    pieces = [f"counter({p})" if p in ("page", "pages") else css_string(p) for p in parts if p]
    return mark_safe(" ".join(pieces))  # escaped literals and two counters: no user text


def watermark(reader, language: str, now: datetime | None = None) -> str:
    """Whom a copy of an internal document was made for, and when (the office's clock)."""
    moment = timezone.localtime(now or timezone.now())
    return f"{people.display_name(reader, language)} {dates.long_datetime(moment, language)}"


def ems(text: str) -> float:
    """About how wide the text sets, in ems: a CJK character is one, anything else at most
    0.6 (our fonts' Latin letters, digits and spaces are narrower), so that a size made
    from it is never too large to fit."""
    return round(sum(1 if east_asian_width(c) in "WF" else 0.6 for c in text), 1) or 1


def html(template: str, context: dict, *, language: str, reader=None) -> str:
    """The document's HTML as WeasyPrint gets it, in the language (render() makes the PDF);
    with reader, every page carries the reader's name and the time as a watermark."""
    with translation.override(language):
        marking = watermark(reader, language) if reader is not None else ""
        return render_to_string(
            template,
            {
                **context,
                "language": language,
                "timeline_css": TIMELINE_CSS.as_uri(),
                "seating_css": SEATING_CSS.as_uri(),
                "watermark": marking,
                # print.css sizes each copy of the marking by it to fit across any page.
                "watermark_ems": ems(marking),
            },
        )


def render(template: str, context: dict, *, language: str, reader=None) -> bytes:
    """The template as a PDF, in the language; with reader, every page carries the reader's
    name and the time as a watermark (documents of internal trips)."""
    page = html(template, context, language=language, reader=reader)
    with translation.override(language):
        fetcher = StaticOnlyFetcher()
        # The footer's words come from the catalogue: a style sheet of their own, so that no
        # template holds a <style> element (the pages' CSP test reads every template).
        footer = CSS(
            string=f"@page {{ @bottom-center {{ content: {page_of_pages()}; }} }}",
            url_fetcher=fetcher,
        )
        document = HTML(string=page, base_url=BASE_URL, url_fetcher=fetcher)
        return document.write_pdf(stylesheets=[footer])
