"""printing.render: WeasyPrint reads only our static files; the base template's page frame."""

from __future__ import annotations

import http.server
import threading
from pathlib import Path

import pytest
from weasyprint import HTML

from printing import render
from tests.factories import UserFactory
from tests.printing import pdf

FONT = render.STATIC / "fonts" / "TripdeskSansSC-Regular.otf"


@pytest.fixture
def web_server():
    """A server on this machine that counts the requests it gets: a document must send none."""
    hits: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            hits.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "text/css")
            self.end_headers()
            self.wfile.write(b"body { color: red }")

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", hits
    server.shutdown()
    server.server_close()


def test_fetcher_serves_our_fonts_and_style_sheets():
    assert render.allowed_path(FONT.as_uri()) == FONT
    assert render.allowed_path(render.BASE_URL + "print.css") == render.STATIC / "print.css"
    response = render.StaticOnlyFetcher().fetch(FONT.as_uri())
    assert response.read(4) == b"OTTO"


def test_fetcher_serves_the_timeline_style_sheet_the_screen_shares():
    assert render.allowed_path(render.TIMELINE_CSS.as_uri()) == render.TIMELINE_CSS


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:9/style.css",
        "https://fonts.example/NotoSansSC.otf",
        "ftp://files.example/a.css",
        "data:text/css;base64,Ym9keXtjb2xvcjpyZWR9",
        "data:image/svg+xml,<svg xmlns='http://www.w3.org/2000/svg'/>",
        "file:///etc/passwd",
        Path(__file__).as_uri(),  # our own code, outside the static folder
        render.BASE_URL + "../../models.py",  # out of the folder by ..
        render.BASE_URL + "%2e%2e/%2e%2e/render.py",  # the same, %-encoded
        "file://otherhost" + FONT.as_posix(),  # a file on another host
        render.BASE_URL + "fonts/OFL.txt",  # inside, but not a font, style sheet or image
        render.BASE_URL + "fonts/missing.otf",
        # beside the shared timeline.css: the screen's other files stay out
        (render.TIMELINE_CSS.parent.parent.parent / "timeline.py").as_uri(),
        (Path(render.__file__).parents[1] / "static" / "css" / "tripdesk.css").as_uri(),
    ],
)
def test_fetcher_refuses_everything_else(url):
    with pytest.raises(render.Refused):
        render.StaticOnlyFetcher().fetch(url)


def test_weasyprint_with_our_fetcher_sends_no_request(web_server):
    address, hits = web_server
    html = (
        f'<link rel="stylesheet" href="{address}/a.css">'
        f'<img src="{address}/b.png"><img src="file:///etc/hostname">'
        f"<style>@import url({address}/c.css); body {{ background: url({address}/d.png) }}</style>"
        "<p>Hello</p>"
    )
    HTML(string=html, base_url=render.BASE_URL, url_fetcher=render.StaticOnlyFetcher()).write_pdf()
    assert hits == []


def test_css_string_lets_nothing_out():
    assert render.css_string('第 "x" </style> \\') == (
        '"第 \\22 x\\22  \\3c \\2f style\\3e  \\5c "'
    )


def test_page_of_pages_in_each_language():
    from django.utils import translation

    with translation.override("en"):
        assert render.page_of_pages() == '"Page " counter(page) " of " counter(pages)'
    with translation.override("zh-hans"):
        assert render.page_of_pages() == '"第" counter(page) "页 共" counter(pages) "页"'


@pytest.mark.django_db
def test_user_text_stays_text_and_fetches_nothing(test_templates, web_server):
    address, hits = web_server
    title = f'<img src="{address}/evil.png"> <b>Talks</b> & “plans”'
    document = render.render(
        "printing_tests/long_table.html",
        {"document_name": "Itinerary", "trip": {"title": title, "internal": False}, "rows": [1]},
        language="en",
    )
    assert hits == []
    assert title in pdf.text(document)


@pytest.mark.django_db
def test_a_long_table_carries_header_footer_and_column_heads_on_every_page(test_templates):
    document = render.render(
        "printing_tests/long_table.html",
        {
            "document_name": "Itinerary",
            "trip": {"title": "Riverside water works", "internal": False},
            "rows": range(1, 121),
        },
        language="en",
    )
    count = pdf.pages(document)
    assert count >= 3
    for page in range(1, count + 1):
        text = pdf.text(document, page)
        assert "Itinerary · Riverside water works" in text
        assert f"Page {page} of {count}" in text
        assert "Activity" in text  # the table's head repeats
        assert "Internal" not in text
    # No row is cut: each one is whole on one page.
    rows = [line for p in range(1, count + 1) for line in pdf.text(document, p).splitlines()]
    assert sum("Row" in line for line in rows) == 120


@pytest.mark.django_db
def test_internal_document_is_marked_and_watermarked_on_every_page(test_templates):
    reader = UserFactory(profile__name="王伟")
    document = render.render(
        "printing_tests/long_table.html",
        {
            "document_name": "行程单",
            "trip": {"title": "并购会谈", "internal": True},
            "rows": range(90),
        },
        language="zh-hans",
        reader=reader,
    )
    count = pdf.pages(document)
    assert count >= 2
    for page in range(1, count + 1):
        text = pdf.flat(document, page)
        assert "内部" in text
        assert f"第{page}页共{count}页" in text
        assert "王伟20" in text  # the reader's name, then the date and time
        assert "年" in text and "星期" in text
