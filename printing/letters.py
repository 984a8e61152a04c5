# ruff: noqa: RUF001, RUF002, RUF003  (the 公函 is Chinese paper, written with full-width punctuation)
"""The 公函 on paper: GB/T 9704-2012 信函格式 (§10.1) as PDF (WeasyPrint) and as Word
(python-docx), for the office to stamp and send (notices.letters writes the letter).

The geometry of ../shared/domain/rules.md §2: A4; 天头 37 mm and 订口 28 mm, a 版心 of
156 × 225 mm holding 22 lines of 28 characters of 三号 (16 pt) body text. The lines are set
so that the first line's characters start 37 mm from the top and the 22nd's end 225 mm
below (LINE_PITCH), and 28 characters fill 156 mm (LETTER_SPACING: 16 pt is 5.64 mm, a
little more than 156/28). The 信函格式: the issuing office's name (发文机关标志, OFFICE_NAME)
in red 30 mm from the top, a red double line 4 mm under it (thick over thin) and one 20 mm
from the bottom (thin over thick), both 170 mm long, centred; the 发文字号 flush with the right
edge of the 版心 7/8 of a 三号 character under the first line; the title two lines under it
in 二号 (22 pt) 小标宋; no page number on the first page (首页不显示页码), then "— 2 —" in
四号 (14 pt) 7 mm under the 版心, odd pages one character in from the right, even pages
one in from the left.

Fonts: the standard's faces (方正小标宋, 仿宋_GB2312, 黑体, 楷体_GB2312) are licensed. The
office may put its own in OFFICE_FONT_DIR (files named FZXiaoBiaoSong*.ttf, FangSong_GB2312*.ttf,
SimHei*.ttf, KaiTi_GB2312*.ttf): they are used when present. Otherwise the shipped open
stand-ins (printing/fonts/make_subset.py): Tripdesk Serif SC Bold (Noto Serif CJK SC, OFL)
for 小标宋, its Regular for 仿宋 and 楷体 (no open 仿宋 or 楷体 covering Simplified Chinese
is on the registries we install from), Tripdesk Sans SC Bold for 黑体. faces() says which,
and the print page shows it. The Word file names the standard's fonts (w:eastAsia), which
the office's Word has.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.http import content_disposition_header
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET
from docx import Document as WordDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcherResponse

from accounts.roles import office_required
from notices import access, official
from notices import links as notice_links
from notices.models import Notice, OfficialLetter
from printing.render import BASE_URL, Refused, StaticOnlyFetcher, css_string

MM_PER_PT = 25.4 / 72
BODY_PT = 16  # 三号
TITLE_PT = 22  # 二号
PAGE_NUMBER_PT = 14  # 四号
TOP, LEFT, WIDTH, HEIGHT = 37.0, 28.0, 156.0, 225.0  # 天头, 订口, 版心 (mm)
LINES, CHARACTERS = 22, 28
BODY_MM = BODY_PT * MM_PER_PT
# 22 lines fill the 225 mm: their characters (the em square) span 21 pitches and one em,
# 223.8 mm; their font boxes (ascent to descent, what a PDF reader measures, 1.44 em for
# Noto) 226.3 mm: both within the standard's ±1 mm, centred on the 版心.
LINE_PITCH = 10.39
# 28 characters from the left edge to the right edge of the 版心.
LETTER_SPACING = WIDTH / CHARACTERS - BODY_MM
RED = "#e60012"  # the seal and the letterhead's red (Y80% M80% in print)
DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

# "　　一、" headings in 黑体, "　　（一）" in 楷体 (GB/T 9704 7.3.3, in common practice).
HEADING = re.compile(r"^\u3000*[一二三四五六七八九十]+、")
SUB_HEADING = re.compile(r"^\u3000*（[一二三四五六七八九十]+）")
# The 落款 lines: set off far to the right with full-width spaces.
SIGNATURE = re.compile(r"^\u3000{8,} ?\S")


# Fonts


@dataclass(frozen=True)
class Face:
    """The font of one role of the letter: the office's licensed file, or our stand-in."""

    role: str  # title, body, heading, kai
    family: str  # the CSS family name the documents use
    shown: str  # the font, as the print page names it
    source: str  # the office's file, or what our stand-in was made from and its licence
    word_font: str  # the w:eastAsia font the Word file names
    path: Path | None = None  # the office's file, when it has one
    weight: int = 400

    @property
    def office(self) -> bool:
        return self.path is not None


# role: (patterns of the office's files, the standard's font, our stand-in and its weight)
ROLES: dict[str, tuple[tuple[str, ...], str, str, int]] = {
    "title": (("fzxiaobiaosong*",), "方正小标宋简体", "Tripdesk Serif SC", 700),
    "body": (
        ("fangsong_gb2312*", "fangsong*", "simfang*"),
        "仿宋_GB2312",
        "Tripdesk Serif SC",
        400,
    ),
    "heading": (("simhei*",), "黑体", "Tripdesk Sans SC", 700),
    "kai": (("kaiti_gb2312*", "kaiti*", "simkai*"), "楷体_GB2312", "Tripdesk Serif SC", 400),
}
ROLE_LABELS = {
    "title": _("Title and letterhead (小标宋)"),
    "body": _("Body (仿宋)"),
    "heading": _("Headings 一、 (黑体)"),
    "kai": _("Headings （一） (楷体)"),
}
# Our stand-ins as the print page names them: the font, and what it was made from.
SHIPPED = {
    ("Tripdesk Serif SC", 700): ("Tripdesk Serif SC Bold", "Noto Serif CJK SC · SIL OFL 1.1"),
    ("Tripdesk Serif SC", 400): ("Tripdesk Serif SC", "Noto Serif CJK SC · SIL OFL 1.1"),
    ("Tripdesk Sans SC", 700): ("Tripdesk Sans SC Bold", "Noto Sans CJK SC · SIL OFL 1.1"),
}
FONT_SUFFIXES = (".ttf", ".otf")


def _office_files() -> list[Path]:
    folder = Path(settings.OFFICE_FONT_DIR) if settings.OFFICE_FONT_DIR else None
    if folder is None or not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix.lower() in FONT_SUFFIXES and p.is_file())


def faces() -> dict[str, Face]:
    """Each role's font: the office's file in OFFICE_FONT_DIR when it has one, else ours."""
    files = _office_files()
    chosen = {}
    for role, (patterns, standard, ours, weight) in ROLES.items():
        found = next(
            (f for pattern in patterns for f in files if Path(f.name.lower()).match(pattern)),
            None,
        )
        if found is not None:
            chosen[role] = Face(role, f"Office {role}", standard, found.name, standard, found)
        else:
            shown, source = SHIPPED[(ours, weight)]
            chosen[role] = Face(role, ours, shown, source, standard, weight=weight)
    return chosen


def fonts_in_use() -> list[dict[str, Any]]:
    """What the print page says: each role, its font, whether it is the office's."""
    return [
        {
            "role": str(ROLE_LABELS[face.role]),
            "font": face.shown,
            "source": face.source,
            "office": face.office,
        }
        for face in faces().values()
    ]


class LetterFetcher(StaticOnlyFetcher):
    """Our static files, and the office's font files the letter names: nothing else."""

    def __init__(self, office_files: set[Path]) -> None:
        super().__init__()
        self.office_files = office_files

    def fetch(self, url, headers=None):
        try:
            return super().fetch(url, headers)
        except Refused:
            parts = urlsplit(url)
            path = Path(url2pathname(unquote(parts.path))).resolve()
            if parts.scheme != "file" or path not in self.office_files:
                raise
            return URLFetcherResponse(
                path.as_uri(), path.read_bytes(), {"Content-Type": "font/ttf"}
            )


def _face_css(chosen: dict[str, Face]) -> str:
    """The letter's fonts: @font-face for the office's files, then each role's family."""
    rules = []
    for face in chosen.values():
        if face.office:
            rules.append(
                f"@font-face {{ font-family: {css_string(face.family)}; "
                f"src: url({css_string(face.path.as_uri())}); }}"
            )
    for role, face in chosen.items():
        weight = 400 if face.office else face.weight
        # A character the office's font lacks comes from our stand-in, never the system's.
        _patterns, _standard, ours, _weight = ROLES[role]
        families = f"{css_string(face.family)}, {css_string(ours)}"
        rules.append(f".role-{role} {{ font-family: {families}; font-weight: {weight}; }}")
    return "\n".join(rules)


# The letter as the paper shows it


def _lines(text: str) -> tuple[list[dict[str, str]], list[str]]:
    """The text's lines with their kind (blank, heading, kai, body), and the 落款 lines."""
    lines = text.split("\n")
    signature: list[str] = []
    while lines and SIGNATURE.match(lines[-1]):
        signature.insert(0, lines.pop())
    shown = []
    for line in lines:
        if not line.strip():
            kind = "blank"
        elif HEADING.match(line):
            kind = "heading"
        elif SUB_HEADING.match(line):
            kind = "kai"
        else:
            kind = "body"
        shown.append({"kind": kind, "text": line})
    return shown, signature


def letter_data(letter: OfficialLetter) -> dict[str, Any]:
    """Everything the paper shows: plain values, no model."""
    lines, signature = _lines(letter.text)
    return {
        "office": settings.OFFICE_NAME,
        "reference": letter.reference,
        "title": letter.title,
        "lines": lines,
        "signature": signature,
        "draft": not letter.is_issued,
    }


def geometry_css() -> str:
    """The numbers of the 版心, computed here once (the style sheet has the rest)."""
    # The 22 line boxes centred on the 版心 (a line's glyphs are centred in its box).
    top = TOP + HEIGHT / 2 - LINES * LINE_PITCH / 2
    bottom = 297 - top - LINES * LINE_PITCH
    right = 210 - LEFT - WIDTH - 0.2  # a hair more than 156 mm: 28 characters always fit
    return (
        f"@page {{ margin: {top:.3f}mm {right:.3f}mm {bottom:.3f}mm {LEFT}mm; }}\n"
        f"@page :first {{ margin-top: 30mm; }}\n"
        f":root {{ --pitch: {LINE_PITCH:.4f}mm; }}\n"
        f".letter p, .letter .signature p {{ line-height: {LINE_PITCH:.4f}mm; "
        f"letter-spacing: {LETTER_SPACING:.4f}mm; }}\n"
        f".letter .blank {{ height: {LINE_PITCH:.4f}mm; }}\n"
    )


def pdf(letter: OfficialLetter) -> bytes:
    """The letter in the 信函格式 as PDF."""
    return paper_pdf(letter_data(letter))


def notice_data(notice: Notice) -> dict[str, Any]:
    """A Chinese notice (通知) as the same paper shows it: its 文号 when it has one, its
    title, its body and 落款, as the unit read it (Notice.text)."""
    lines = notice.text.split("\n")
    reference = notice.content.get("reference", "")
    if reference and lines and lines[0].strip() == reference:
        lines = lines[1:]
    while lines and not lines[0].strip():
        lines = lines[1:]
    title = lines.pop(0).strip() if lines else ""
    body, signature = _lines("\n".join(lines).strip("\n"))
    return {
        "office": settings.OFFICE_NAME,
        "reference": reference,
        "title": title,
        "lines": body,
        "signature": signature,
        "draft": False,
    }


def paper_pdf(data: dict[str, Any]) -> bytes:
    """A document on the 信函格式 paper (letter_data, notice_data) as PDF."""
    chosen = faces()
    office_files = {f.path.resolve() for f in chosen.values() if f.path is not None}
    with translation.override("zh-hans"):
        page = render_to_string("printing/official_letter.html", data)
    fetcher = LetterFetcher(office_files)
    # The office's @font-face rules count only with the document's font configuration.
    fonts = FontConfiguration()
    sheets = [
        CSS(string=geometry_css(), url_fetcher=fetcher),
        CSS(string=_face_css(chosen), url_fetcher=fetcher, font_config=fonts),
    ]
    document = HTML(string=page, base_url=BASE_URL, url_fetcher=fetcher)
    return document.write_pdf(stylesheets=sheets, font_config=fonts)


# Word


def _east_asia(element, font: str, latin: str = "Times New Roman") -> None:
    """Name the fonts of a run or a style: Word shows Chinese only in the w:eastAsia font."""
    fonts = element.get_or_add_rPr().get_or_add_rFonts()
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)
    fonts.set(qn("w:eastAsia"), font)
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)


def _style(document, name: str, font: str, size: float, *, color: str = "", base=None):
    styles = document.styles
    style = styles[name] if name in [s.name for s in styles] else styles.add_style(name, 1)
    if base is not None:
        style.base_style = base
    style.font.size = Pt(size)
    if color:
        style.font.color.rgb = RGBColor.from_string(color.lstrip("#").upper())
    _east_asia(style.element, font)
    spacing = style.paragraph_format
    spacing.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    spacing.line_spacing = Mm(LINE_PITCH)
    spacing.space_before = spacing.space_after = Pt(0)
    return style


def _field_char(kind: str):
    mark = OxmlElement("w:fldChar")
    mark.set(qn("w:fldCharType"), kind)
    return mark


def _page_number(paragraph) -> None:
    """ "— PAGE —": Word writes each page's number (a run for each part of the field)."""
    paragraph.add_run("— ")
    instruction = OxmlElement("w:instrText")
    instruction.set(qn("xml:space"), "preserve")
    instruction.text = " PAGE "
    shown = OxmlElement("w:t")
    shown.text = "1"
    for part in (_field_char("begin"), instruction, _field_char("separate"), shown):
        paragraph.add_run()._element.append(part)
    paragraph.add_run()._element.append(_field_char("end"))
    paragraph.add_run(" —")


def docx(letter: OfficialLetter) -> bytes:
    """The letter as Word: A4, the 版心's margins, 仿宋 三号 body with the line spacing exact
    (22 lines), 小标宋 二号 title, the office's name in red; page numbers from page 2, odd
    right and even left."""
    chosen = faces()
    data = letter_data(letter)
    document = WordDocument()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    top = TOP + HEIGHT / 2 - LINES * LINE_PITCH / 2
    section.top_margin = Mm(top)
    section.bottom_margin = Mm(297 - top - LINES * LINE_PITCH)
    section.left_margin, section.right_margin = Mm(LEFT), Mm(210 - LEFT - WIDTH)
    section.footer_distance = Mm(297 - TOP - HEIGHT - 7 - 5)
    section.different_first_page_header_footer = True
    document.settings.odd_and_even_pages_header_footer = True  # in the schema's place
    body = _style(document, "Normal", chosen["body"].word_font, BODY_PT)
    title = _style(document, "Letter Title", chosen["title"].word_font, TITLE_PT, base=body)
    heading = _style(document, "Letter Heading", chosen["heading"].word_font, BODY_PT, base=body)
    kai = _style(document, "Letter Kai", chosen["kai"].word_font, BODY_PT, base=body)
    issuer = _style(document, "Letter Issuer", chosen["title"].word_font, 28, color=RED, base=body)
    issuer.paragraph_format.line_spacing = Pt(40)
    title.paragraph_format.line_spacing = Pt(TITLE_PT * 1.5)
    paragraph = document.paragraphs[0] if document.paragraphs else document.add_paragraph()
    paragraph.style = issuer
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run(data["office"])
    reference = document.add_paragraph(data["reference"], style=body)
    reference.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    document.add_paragraph("", style=body)
    heading_paragraph = document.add_paragraph(data["title"], style=title)
    heading_paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_paragraph("", style=body)
    styles = {"heading": heading, "kai": kai, "body": body, "blank": body}
    for line in data["lines"]:
        paragraph = document.add_paragraph(line["text"], style=styles[line["kind"]])
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    for line in data["signature"]:
        document.add_paragraph(line, style=body)
    for footer, alignment in (
        (section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
        (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT),
    ):
        paragraph = footer.paragraphs[0]
        paragraph.alignment = alignment
        _page_number(paragraph)
        paragraph.style = body
        for run in paragraph.runs:
            run.font.size = Pt(PAGE_NUMBER_PT)
            _east_asia(run._element, "宋体")
    output = BytesIO()
    document.save(output)
    return output.getvalue()


# Pages


def _filename(letter: OfficialLetter, suffix: str) -> str:
    name = f"{letter.reference} {letter.title}"
    return "".join(c for c in name if c.isprintable() and c not in '\\/:*?"<>|')[:120] + suffix


def _file(letter: OfficialLetter, content: bytes, content_type: str, suffix: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(False, _filename(letter, suffix))
    response["Cache-Control"] = "private, no-store" if letter.trip.is_confidential else "private"
    return response


@office_required
@require_GET
def letter_page(request: HttpRequest, pk: int, letter_pk: int) -> HttpResponse:
    """One 公函: its text, its downloads, and which fonts its paper uses."""
    trip, letter = access.letter_for(request.user, pk, letter_pk)
    context = {
        "trip": trip,
        "letter": letter,
        "fonts": fonts_in_use(),
        "office_font_dir": bool(settings.OFFICE_FONT_DIR),
        "now": timezone.now(),
    }
    return render(request, "printing/letter.html", context)


@office_required
@require_GET
def letter_pdf(request: HttpRequest, pk: int, letter_pk: int) -> HttpResponse:
    """The 公函 as PDF in the 信函格式, for the trip's team."""
    _trip, letter = access.letter_for(request.user, pk, letter_pk)
    return _file(letter, pdf(letter), "application/pdf", ".pdf")


@office_required
@require_GET
def letter_docx(request: HttpRequest, pk: int, letter_pk: int) -> HttpResponse:
    """The 公函 as Word, for the trip's team."""
    _trip, letter = access.letter_for(request.user, pk, letter_pk)
    return _file(letter, docx(letter), DOCX_CONTENT_TYPE, ".docx")


@require_GET
def notice_paper(request: HttpRequest, token: str) -> HttpResponse:
    """The unit's Chinese notice on GB/T 9704 paper, behind the unit's own signed link."""
    try:
        notice = notice_links.open_link(token)
    except notice_links.LinkRefused:
        raise Http404 from None
    if not official.is_chinese(notice.host_unit.language) or not notice.text:
        raise Http404  # the 9704 paper is Chinese paper: an English notice reads on its page
    data = notice_data(notice)
    response = HttpResponse(paper_pdf(data), content_type="application/pdf")
    name = f"{data['title'][:100]}.pdf"
    response["Content-Disposition"] = content_disposition_header(False, name)
    response["Cache-Control"] = "private, no-store"
    return response
