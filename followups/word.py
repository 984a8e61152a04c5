"""The office's Word files (.docx): the post-trip report in the office's usual form (A4
with the margins of official documents, 宋体 body and 黑体 headings, the follow-up table, page
numbers), and the 督办通知单 / 催办通知单 (followups.slips) for the office to stamp.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from io import BytesIO

from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from accounts.dates import long_date
from followups import report as reports
from followups.models import Report, ReportRevision
from followups.slips import Slip

DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

# Chinese shows in Word only with an East Asian font named on each run (w:eastAsia).
BODY_FONT = "SimSun"  # 宋体
HEADING_FONT = "SimHei"  # 黑体
LATIN_FONT = "Times New Roman"
BODY_SIZE = Pt(16)  # 三号, the office's body text
TITLE_SIZE = Pt(22)  # 二号
TABLE_SIZE = Pt(11)

# Markdown's h2-h4 (render_markdown) as Word's Heading 1-3.
HEADING_LEVELS = {"h2": 1, "h3": 2, "h4": 3}

# XML 1.0 refuses control characters a phone may put in a note.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


THEME_FONTS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")


def _name_fonts(fonts, east_asia: str, latin: str = LATIN_FONT) -> None:
    """Set a w:rFonts: East Asian text and Latin text (a theme font beside them would win)."""
    for theme in THEME_FONTS:
        fonts.attrib.pop(qn(theme), None)
    fonts.set(qn("w:eastAsia"), east_asia)
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)


def _fonts(element, east_asia: str, latin: str = LATIN_FONT) -> None:
    """Name the fonts of a run or a style."""
    _name_fonts(element.get_or_add_rPr().get_or_add_rFonts(), east_asia, latin)


def _run(paragraph, text: str, *, font: str = BODY_FONT, bold=None, italic=None, size=None):
    run = paragraph.add_run(_NOT_XML.sub("", text))
    _fonts(run._element, font)
    run.bold, run.italic = bold, italic
    if size is not None:
        run.font.size = size
    return run


def _field_char(kind: str):
    mark = OxmlElement("w:fldChar")
    mark.set(qn("w:fldCharType"), kind)
    return mark


def _page_field(paragraph) -> None:
    """A PAGE field: Word writes each page's number in the footer."""
    instruction = OxmlElement("w:instrText")
    instruction.set(qn("xml:space"), "preserve")
    instruction.text = " PAGE "
    shown = OxmlElement("w:t")
    shown.text = "1"
    for part in (_field_char("begin"), instruction, _field_char("separate"), shown):
        _run(paragraph, "")._element.append(part)
    _run(paragraph, "")._element.append(_field_char("end"))


def _setup(document, *, page_numbers: bool = True) -> None:
    """A4 with the margins of official documents, body and heading fonts, page numbers."""
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    default_fonts = document.styles.element.find(
        f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:rFonts')}"
    )
    if default_fonts is not None:  # the template's theme fonts, for text without a style
        _name_fonts(default_fonts, BODY_FONT)
    normal = document.styles["Normal"]
    normal.font.size = BODY_SIZE
    _fonts(normal.element, BODY_FONT)
    for level in HEADING_LEVELS.values():
        style = document.styles[f"Heading {level}"]
        style.font.size, style.font.color.rgb = BODY_SIZE, RGBColor(0, 0, 0)
        style.font.bold = level == 1
        _fonts(style.element, HEADING_FONT)
    if not page_numbers:
        return
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(footer, "— ")
    _page_field(footer)
    _run(footer, " —")


class _BodyWriter(HTMLParser):
    """Writes render_markdown()'s HTML (headings, paragraphs, lists, bold, italic, line
    breaks, quotes: nothing else survives the sanitiser) as Word paragraphs and runs."""

    def __init__(self, document) -> None:
        super().__init__(convert_charrefs=True)
        self.document = document
        self.paragraph = None
        self.fresh = False  # the paragraph, or its line, has no text yet
        self.font = BODY_FONT
        self.lists: list[list] = []  # [tag, items so far] of each open list
        self.bold = self.italic = self.quote = 0

    def _start(self, style: str | None = None, *, font: str = BODY_FONT, indent: bool = False):
        self.paragraph = self.document.add_paragraph(style=style)
        if indent:
            self.paragraph.paragraph_format.first_line_indent = BODY_SIZE * 2
        self.font, self.fresh = font, True

    def _list_item(self) -> None:
        kind, depth = self.lists[-1][0], min(len(self.lists), 3)
        self.lists[-1][1] += 1
        suffix = f" {depth}" if depth > 1 else ""
        self._start(("List Bullet" if kind == "ul" else "List") + suffix)
        if kind == "ol":
            _run(self.paragraph, f"{self.lists[-1][1]}. ")

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in HEADING_LEVELS:
            self._start(f"Heading {HEADING_LEVELS[tag]}", font=HEADING_FONT)
        elif tag == "p" and not (self.paragraph is not None and self.fresh):
            if self.quote:
                self._start("Quote")
            elif self.lists:
                self._start("List Continue")
            else:
                self._start(indent=True)
        elif tag in ("ul", "ol"):
            self.lists.append([tag, 0])
            self.paragraph = None
        elif tag == "li" and self.lists:
            self._list_item()
        elif tag == "strong":
            self.bold += 1
        elif tag == "em":
            self.italic += 1
        elif tag == "blockquote":
            self.quote += 1
        elif tag == "br" and self.paragraph is not None:
            self.paragraph.add_run().add_break()
            self.fresh = True

    def handle_endtag(self, tag: str) -> None:
        if tag in HEADING_LEVELS or tag in ("p", "li"):
            self.paragraph = None
        elif tag in ("ul", "ol") and self.lists:
            self.lists.pop()
            self.paragraph = None
        elif tag == "strong":
            self.bold = max(0, self.bold - 1)
        elif tag == "em":
            self.italic = max(0, self.italic - 1)
        elif tag == "blockquote":
            self.quote = max(0, self.quote - 1)

    def handle_data(self, data: str) -> None:
        text = re.sub(r"\s+", " ", data)
        if self.paragraph is None:
            if not text.strip():
                return
            self._start(indent=not self.lists)
        if self.fresh:
            text = text.lstrip()
        if text:
            _run(
                self.paragraph,
                text,
                font=self.font,
                bold=True if self.bold else None,
                italic=True if self.italic else None,
            )
            self.fresh = False


def _table(document, rows: list[reports.Row]) -> None:
    """The follow-up table as a Word table: a header row repeated on each page."""
    headers = (
        _("No."),
        pgettext("follow-up item", "Title"),
        _("Owner department"),
        _("Due date"),
        _("Status"),
        _("Answer / reason"),
    )
    widths = (Cm(1.2), Cm(4.2), Cm(3.2), Cm(2.6), Cm(2), Cm(4.4))
    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    header = table.rows[0]
    header._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    for cell, text in zip(header.cells, headers, strict=True):
        _run(cell.paragraphs[0], text, font=HEADING_FONT, size=TABLE_SIZE)
    for row in rows:
        values = (
            str(row.number),
            row.title,
            row.owners,
            long_date(row.due_date),
            row.status_label,
            row.outcome,
        )
        for cell, text in zip(table.add_row().cells, values, strict=True):
            _run(cell.paragraphs[0], text, size=TABLE_SIZE)
    for column, width in zip(table.columns, widths, strict=True):
        for cell in column.cells:
            cell.width = width


def report_docx(report: Report | ReportRevision) -> bytes:
    """The report (its draft, or its final revision) or an earlier revision as a Word file:
    the title centred, the trip's dates, the body, the follow-up table, page numbers."""
    shown = reports.edition(report)
    document = Document()
    _setup(document)
    document.core_properties.title = shown.title
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(title, shown.title, font=HEADING_FONT, size=TITLE_SIZE)
    dates = document.add_paragraph()
    dates.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(dates, shown.dates)
    if not shown.is_final:
        dates.add_run().add_break()
        _run(dates, _("Draft"), italic=True)
    _BodyWriter(document).feed(str(reports.render_markdown(shown.body)))
    _run(document.add_paragraph(style="Heading 1"), _("Follow-up items"), font=HEADING_FONT)
    if shown.rows:
        _table(document, shown.rows)
    else:
        _run(document.add_paragraph(), _("No follow-up items."))
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# The slips are one page: the form's lines in 小四, the heading in 二号 as in the report.
SLIP_SIZE = Pt(12)


def _slip_table(document, slip: Slip) -> None:
    """The form's labelled lines: the label in 黑体 on the left, its paragraphs beside it."""
    table = document.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for line in slip.lines:
        label, text = table.add_row().cells
        _run(label.paragraphs[0], line.label, font=HEADING_FONT, size=SLIP_SIZE)
        first, *rest = line.paragraphs
        _run(text.paragraphs[0], first, size=SLIP_SIZE)
        for paragraph in rest:
            _run(text.add_paragraph(), paragraph, size=SLIP_SIZE)
    for column, width in zip(table.columns, (Cm(3), Cm(12.6)), strict=True):
        for cell in column.cells:
            cell.width = width


def slip_docx(slip: Slip, marking: str = "") -> bytes:
    """A 督办通知单 or 催办通知单 as a Word file, the same lines as its PDF: the heading and the
    number centred, to whom, the opening, the form, the office's 落款 and the date on the
    right (where the seal goes); the marking (an internal trip's copy: for whom, when) in
    the page header."""
    document = Document()
    _setup(document, page_numbers=False)
    if marking:
        header = document.sections[0].header.paragraphs[0]
        header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        _run(header, marking, size=TABLE_SIZE)
    document.core_properties.title = f"{slip.title} {slip.number}"
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(title, slip.title, font=HEADING_FONT, size=TITLE_SIZE)
    number = document.add_paragraph()
    number.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(number, slip.number, size=SLIP_SIZE)
    _run(document.add_paragraph(), slip.addressee, size=SLIP_SIZE)
    opening = document.add_paragraph()
    opening.paragraph_format.first_line_indent = SLIP_SIZE * 2
    _run(opening, slip.opening, size=SLIP_SIZE)
    _slip_table(document, slip)
    for text in ("", slip.office, slip.issued):
        signature = document.add_paragraph()
        signature.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        _run(signature, text, size=SLIP_SIZE)
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()
