# ruff: noqa: RUF001  (Chinese text is written with full-width punctuation)
"""Chinese text uses full-width punctuation: no half-width colon, comma, bracket or semicolon
beside a Chinese character on any page, in any e-mail or printed document, in zh-Hans.

The data set (tests/fixtures/every_page.py) is typed as the office types it, in full-width
punctuation, so a hit is the app's own words: a template, a message, a label joined to data.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from django.test.signals import template_rendered

from outbox.models import Message
from tests.fixtures import every_page

pytestmark = pytest.mark.django_db

# Han characters and the CJK and full-width punctuation written beside them.
CJK = "[\u3400-\u4dbf\u4e00-\u9fff\u3000-\u303f\uff00-\uffef]"
HALF_WIDTH = "[:,();]"
BESIDE = re.compile(f"{CJK} ?{HALF_WIDTH}|{HALF_WIDTH} ?{CJK}")
HIDDEN = re.compile(r"<(script|style|template)\b.*?</\1>|<!--.*?-->", re.S | re.I)
READ_ALOUD = re.compile(r'\s(?:title|placeholder|aria-label|alt)="([^"]*)"')


def visible_text(page: str) -> str:
    """What a reader sees or hears: the text without tags, plus titles, placeholders and
    labels; white space as a browser shows it."""
    page = HIDDEN.sub(" ", page)
    spoken = " ".join(READ_ALOUD.findall(page))
    text = re.sub(r"<[^>]+>", " ", page)
    return " ".join(html.unescape(f"{text} {spoken}").split())


def half_width_beside_chinese(text: str) -> list[str]:
    """Each hit with a little of the text around it."""
    text = " ".join(text.split())
    return [text[max(m.start() - 12, 0) : m.end() + 12] for m in BESIDE.finditer(text)]


def hits_in(named: list[tuple[str, str]], as_html: bool = True) -> dict[str, list[str]]:
    found = {}
    for name, content in named:
        hits = half_width_beside_chinese(visible_text(content) if as_html else content)
        if hits:
            found[name] = sorted(set(hits))
    return found


@pytest.mark.parametrize(
    "html",
    ["<p>行程单: 英文版</p>", "<td>李娜 <b>(秘书</b></td>", "<p>未办理: 4</p>", "<p>室; Room</p>"],
)
def test_the_check_finds_half_width_punctuation_beside_chinese(html):
    assert len(half_width_beside_chinese(visible_text(html))) == 1


def test_the_check_leaves_times_english_and_full_width_text_alone():
    page = "<p>时间 14:30–16:00，地点：会议室（三楼）</p><p>Room 3 (Hall A), 1 Expo Avenue</p>"
    assert half_width_beside_chinese(visible_text(page)) == []


@pytest.fixture
def office():
    """The office's inspection with every e-mail it writes; which e-mail templates were
    written goes on office.e_mails."""
    written = set()

    def note(sender, template, **kwargs):
        if template.name and template.name.startswith("emails/"):
            written.add(template.name)

    template_rendered.connect(note)
    try:
        office = every_page.build()
    finally:
        template_rendered.disconnect(note)
    office.e_mails = written
    return office


def test_the_crawl_writes_every_e_mail_of_the_project(office):
    subjects = {p.name for p in (every_page.TEMPLATES / "emails").glob("*_subject.txt")}
    assert subjects - {Path(name).name for name in office.e_mails} == set()


def test_every_url_of_the_project_is_read_or_said_to_be_no_page():
    names = set(every_page.url_names())
    unknown = names - every_page.PAGES.keys() - every_page.NOT_PAGES
    assert unknown == set(), "add these to tests/fixtures/every_page.PAGES (or NOT_PAGES)"


def test_no_page_in_chinese_has_half_width_punctuation(office):
    assert hits_in(list(every_page.pages(office))) == {}


def test_no_printed_document_in_chinese_has_half_width_punctuation(office):
    assert hits_in(list(every_page.document_html(office))) == {}


def test_no_e_mail_in_chinese_has_half_width_punctuation(office):
    chinese = Message.objects.filter(language="zh-hans").order_by("pk")
    found = {}
    for message in chinese:
        for part, text, as_html in (
            ("subject", message.subject, False),
            ("text", message.text_body, False),
            ("html", message.html_body, True),
        ):
            found |= hits_in([(f"{message.cause} → {message.to} ({part})", text)], as_html)
    assert found == {}
