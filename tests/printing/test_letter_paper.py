# ruff: noqa: RUF001  (the 公函 is Chinese: full-width punctuation on purpose)
"""The 公函 on paper, measured: GB/T 9704-2012 信函格式 as PDF (the 版心 by pdftotext -bbox,
22 lines, the fonts by pdffonts, the page numbers) and as Word read back with python-docx."""

from __future__ import annotations

import io
import itertools
import shutil
from collections import Counter

import pytest
import time_machine
from django.urls import reverse
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from fontTools import subset
from fontTools.ttLib import TTFont

from notices import letters
from printing import letters as paper
from printing.fonts import make_subset
from tests.notices.notice_setup import A_WEEK_BEFORE, approve, build_visit, fresh
from tests.printing import pdf

pytestmark = pytest.mark.django_db
LONG = "\u3000\u3000" + "这是一段用于测量版心的正文文字，" * 90  # about three full pages


@pytest.fixture(autouse=True)
def _a_week_before_the_trip():
    with time_machine.travel(A_WEEK_BEFORE, tick=False):
        yield


@pytest.fixture
def letter(office_trip, secretary, leader, staff):
    """The plant's letter, its body made long enough to fill pages."""
    visit = build_visit(office_trip, leader, staff)
    approve(office_trip, secretary, leader)
    letter = letters.generate(fresh(office_trip), visit.plant, secretary)
    text = letter.text.replace("\u3000\u3000特此函告。", f"{LONG}\n\u3000\u3000特此函告。")
    return letters.edit(letter, letter.title, text, secretary)


_RENDERED: dict[str, bytes] = {}


@pytest.fixture
def letter_pdf(letter) -> bytes:
    """The letter's PDF: made once for the module (every test's letter is the same)."""
    if "pdf" not in _RENDERED:
        _RENDERED["pdf"] = paper.pdf(letter)
    return _RENDERED["pdf"]


def body_words(page):
    """The words inside the page's body (not the page number under the 版心)."""
    return [w for w in page if w[3] < 297 - 35 + 3]


def test_the_paper_is_a4(letter_pdf):
    pdf.need_poppler()
    assert pdf.pages(letter_pdf) >= 3
    text = pdf.text(letter_pdf, 1)
    assert "办公室" in text and "〔2026〕1号" in text


def test_a_full_page_has_22_lines_within_the_type_area(letter_pdf):
    page = body_words(pdf.boxes(letter_pdf)[1])  # page 2: body text only
    lines = sorted({round(w[1], 1) for w in page})
    assert len(lines) == 22
    top, bottom = min(w[1] for w in page), max(w[3] for w in page)
    left, right = min(w[0] for w in page), max(w[2] for w in page)
    assert top == pytest.approx(37, abs=1)  # 天头
    assert bottom == pytest.approx(37 + 225, abs=1)  # 版心 225 mm high
    assert left == pytest.approx(28, abs=1)  # 订口
    assert right == pytest.approx(28 + 156, abs=1)  # 版心 156 mm wide


def test_a_full_line_has_28_characters(letter_pdf):
    page = body_words(pdf.boxes(letter_pdf)[1])
    full = [w[4] for w in page if w[2] - w[0] > 150]
    assert full and all(len(text) == 28 for text in full)


def test_the_lines_are_evenly_spaced(letter_pdf):
    page = body_words(pdf.boxes(letter_pdf)[1])
    tops = sorted({round(w[1], 2) for w in page})
    gaps = {round(b - a, 1) for a, b in itertools.pairwise(tops)}
    assert gaps == {round(paper.LINE_PITCH, 1)}


def test_the_first_page_has_no_number_and_the_next_ones_are_dashed(letter_pdf):
    pages = pdf.boxes(letter_pdf)
    below = [[w for w in page if w[1] > 262 + 3] for page in pages]
    assert below[0] == []  # 首页不显示页码 (10.1)
    second = "".join(w[4] for w in below[1])
    assert second == "—2—"
    assert "".join(w[4] for w in below[2]) == "—3—"
    assert [w[4] for w in below[1]] == ["—", "2", "—"]  # "— 2 —": spaces between


def test_odd_page_numbers_sit_right_and_even_ones_left(letter_pdf):
    pages = pdf.boxes(letter_pdf)
    even = [w for w in pages[1] if w[1] > 265]
    odd = [w for w in pages[2] if w[1] > 265]
    assert min(w[0] for w in even) == pytest.approx(28 + 5.6, abs=1.5)  # one character in
    assert max(w[2] for w in odd) == pytest.approx(28 + 156 - 5.6, abs=1.5)


def test_the_letterhead_the_number_and_the_title_come_in_order(letter_pdf):
    first = pdf.boxes(letter_pdf)[0]
    issuer = next(w for w in first if w[4] == "办公室")
    number = next(w for w in first if w[4] == "〔2026〕1号")
    # pdftotext's box runs from the font's ascent (1.151 em) to its descent (0.286 em);
    # the characters' em square starts 0.271 em below its top.
    em = (issuer[3] - issuer[1]) / 1.437
    assert issuer[1] + 0.271 * em == pytest.approx(30, abs=1)  # 30 mm from the top edge
    assert issuer[1] < number[1] and number[2] == pytest.approx(184, abs=1)  # flush right


def test_the_pdf_embeds_the_shipped_serif_for_title_and_body(letter_pdf):
    fonts = {row["name"]: row for row in pdf.fonts(letter_pdf)}
    assert {"Tripdesk-Serif-SC", "Tripdesk-Serif-SC-Bold"} <= set(fonts)
    assert all(row["embedded"] == "yes" and row["subset"] == "yes" for row in fonts.values())


def test_the_print_page_names_the_fonts(client, letter, secretary):
    client.force_login(secretary)
    page = client.get(reverse("printing:letter", args=[letter.trip.pk, letter.pk]))
    text = page.content.decode()
    assert '<td class="font-name">Tripdesk Serif SC Bold</td>' in text
    assert "Noto Serif CJK SC · SIL OFL 1.1" in text
    assert "open stand-in" in text


def _office_font(folder, name: str) -> None:
    """A font file of the office's, here our own serif cut down and renamed."""
    font = TTFont(make_subset.OUT / "TripdeskSerifSC-Regular.otf")
    options = subset.Options()
    options.name_IDs = ["*"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(text="".join(chr(c) for c in range(0x20, 0x7F)) + LONG + "一二三四五")
    subsetter.subset(font)
    font.save(str(folder / name))


def test_the_offices_licensed_fonts_are_used_when_present(letter, settings, tmp_path):
    _office_font(tmp_path, "FangSong_GB2312.otf")
    settings.OFFICE_FONT_DIR = str(tmp_path)
    faces = paper.faces()
    assert faces["body"].office and not faces["title"].office
    assert (faces["body"].shown, faces["body"].source) == ("仿宋_GB2312", "FangSong_GB2312.otf")
    names = {row["name"] for row in pdf.fonts(paper.pdf(letter))}
    assert "Office-body" in names  # WeasyPrint names it after its @font-face
    assert "Tripdesk-Serif-SC-Bold" in names  # the title still ours
    assert not any("WenQuanYi" in name or "DejaVu" in name for name in names)


def test_a_missing_font_folder_falls_back_to_the_shipped_fonts(settings, tmp_path):
    settings.OFFICE_FONT_DIR = str(tmp_path / "nowhere")
    assert not any(face.office for face in paper.faces().values())


def test_the_letter_reads_no_other_file(letter, settings, tmp_path):
    """The office's folder lends its fonts and nothing else."""
    (tmp_path / "secret.css").write_text("body { color: red }")
    settings.OFFICE_FONT_DIR = str(tmp_path)
    fetcher = paper.LetterFetcher(set())
    with pytest.raises(ValueError):
        fetcher.fetch((tmp_path / "secret.css").as_uri())


def test_a_draft_shows_where_the_seal_goes_and_an_issued_letter_does_not(letter, secretary):
    assert "印章位置" in pdf.flat(paper.pdf(letter))
    issued = letters.issue(letter, secretary)
    flat = pdf.flat(paper.pdf(issued))
    assert "印章位置" not in flat and "草稿" not in flat


# Word


@pytest.fixture
def word(letter) -> Document:
    return Document(io.BytesIO(paper.docx(letter)))


def test_the_word_file_is_a4_with_the_type_areas_margins(word):
    section = word.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert round(section.left_margin.mm) == 28
    assert round(section.page_width.mm - section.left_margin.mm - section.right_margin.mm) == 156
    lines_top = section.top_margin.mm
    assert lines_top + 22 * paper.LINE_PITCH + section.bottom_margin.mm == pytest.approx(
        297, abs=0.1
    )
    assert 37 - paper.LINE_PITCH / 2 < lines_top < 37


def test_the_word_styles_name_the_standards_east_asian_fonts(word):
    def east_asia(style) -> str:
        return style.element.rPr.rFonts.get(qn("w:eastAsia"))

    assert east_asia(word.styles["Normal"]) == "仿宋_GB2312"
    assert east_asia(word.styles["Letter Title"]) == "方正小标宋简体"
    assert east_asia(word.styles["Letter Heading"]) == "黑体"
    assert east_asia(word.styles["Letter Kai"]) == "楷体_GB2312"
    assert word.styles["Normal"].font.size.pt == 16
    assert word.styles["Letter Title"].font.size.pt == 22


def test_the_word_body_has_exact_line_spacing(word):
    from docx.enum.text import WD_LINE_SPACING

    spacing = word.styles["Normal"].paragraph_format
    assert spacing.line_spacing_rule == WD_LINE_SPACING.EXACTLY
    assert spacing.line_spacing.mm == pytest.approx(paper.LINE_PITCH, abs=0.05)


def test_the_word_file_holds_the_letter(word, letter):
    texts = [p.text for p in word.paragraphs]
    assert texts[0] == "办公室" and texts[1] == letter.reference
    assert letter.title in texts
    assert any("特此函告" in t for t in texts)
    assert Counter(p.style.name for p in word.paragraphs)["Letter Heading"] >= 4


def test_the_word_footers_number_pages_from_the_second(word):
    section = word.sections[0]
    assert section.different_first_page_header_footer
    assert word.settings.odd_and_even_pages_header_footer  # odd pages right, even left
    assert section.footer.paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert section.even_page_footer.paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.LEFT
    assert "PAGE" in section.footer._element.xml and "—" in section.footer.paragraphs[0].text
    assert "PAGE" in section.even_page_footer._element.xml


# The pages


def test_the_team_downloads_the_pdf_and_the_word_file(client, letter, staff):
    client.force_login(staff)
    trip = letter.trip
    response = client.get(reverse("printing:letter_pdf", args=[trip.pk, letter.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    response = client.get(reverse("printing:letter_docx", args=[trip.pk, letter.pk]))
    assert response["Content-Type"] == paper.DOCX_CONTENT_TYPE
    assert (
        "〔2026〕1号" in response["Content-Disposition"]
        or "filename*" in (response["Content-Disposition"])
    )


def test_no_cjk_system_font_is_needed(letter_pdf):
    """Whatever the machine has installed, the letter embeds the shipped fonts."""
    assert shutil.which("pdffonts")
    names = {row["name"] for row in pdf.fonts(letter_pdf)}
    assert not any("Noto" in name or "WenQuanYi" in name for name in names)
