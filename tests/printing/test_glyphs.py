"""On a machine without any CJK font, Chinese is drawn with the shipped font, not as boxes.

pdftotext proves nothing here (it reads the characters even from boxes), so the page is
rasterised (pdftoppm) and compared with the same page rendered with our fonts refused.
Both renders run in a process whose fontconfig knows one Latin font only, whatever fonts
this machine has installed.
"""

from __future__ import annotations

import glob
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests import services
from tests.printing import pdf

ROOT = Path(__file__).resolve().parents[2]
LATIN_FONTS = ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/**/*.ttf")


def _latin_font() -> str | None:
    """One font file without Chinese (Pango needs one font at least)."""
    for pattern in LATIN_FONTS:
        for path in sorted(glob.glob(pattern, recursive=True)):
            if not any(word in path for word in ("CJK", "cjk", "wqy", "SC", "droid")):
                return path
    return None


@pytest.fixture(scope="module")
def fresh_machine(tmp_path_factory) -> dict[str, str]:
    """The environment of a machine whose only font is one Latin font."""
    font = _latin_font()
    services.need(font is not None, "no Latin TrueType font to stand for a fresh machine's")
    folder = tmp_path_factory.mktemp("fontconfig")
    (folder / "fonts").mkdir()
    (folder / "fonts" / Path(font).name).symlink_to(font)
    config = folder / "fonts.conf"
    config.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">'
        f"<fontconfig><dir>{folder / 'fonts'}</dir><cachedir>{folder / 'cache'}</cachedir>"
        "</fontconfig>"
    )
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "FONTCONFIG_FILE": str(config),
        "PYTHONPATH": str(ROOT),
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "VAR_DIR": str(folder / "var"),
        "PYTEST_VERSION": "fresh-machine",  # the development key, as under pytest
    }


def _render(environment: dict[str, str], out: Path, *flags: str) -> bytes:
    subprocess.run(
        [sys.executable, "-m", "tests.printing.fresh_machine", str(out), *flags],
        env=environment,
        cwd=ROOT,
        check=True,
        capture_output=True,
        timeout=120,
    )
    return out.read_bytes()


def test_chinese_glyphs_are_drawn_without_any_system_cjk_font(fresh_machine, tmp_path):
    pdf.need_poppler()
    ours = _render(fresh_machine, tmp_path / "ours.pdf")
    missing = _render(fresh_machine, tmp_path / "missing.pdf", "--without-our-font")

    assert {font["name"] for font in pdf.fonts(ours)} == {
        "Tripdesk-Sans-SC",
        "Tripdesk-Sans-SC-Bold",
    }
    assert "Tripdesk-Sans-SC" not in {font["name"] for font in pdf.fonts(missing)}
    # The same characters either way: only the drawing differs.
    assert pdf.flat(ours) == pdf.flat(missing)

    drawn, boxes = pdf.gray_page(ours, dpi=DPI), pdf.gray_page(missing, dpi=DPI)
    assert drawn[:2] == boxes[:2]
    differing = sum(1 for a, b in zip(drawn[2], boxes[2], strict=True) if abs(a - b) > 64)
    assert differing > 2000, "the page looks the same with and without the font"

    # Each character of the heading 行程单 has its own shape; missing, all three are the same
    # box. (Full-width characters: the word's box splits in three equal cells.)
    assert _cells(drawn, ours, "行程单") != "alike"
    assert _cells(boxes, missing, "行程单") == "alike"


DPI = 144


def _cells(image, document: bytes, heading: str) -> str:
    """ "alike" when every character cell of the heading has the same pixels (within noise)."""
    word, x0, y0, x1, y1 = next(w for w in pdf.words(document) if w[0] == heading)
    step = (x1 - x0) / len(word)
    cells = [pdf.crop(image, (x0 + n * step, y0, x0 + (n + 1) * step, y1), DPI) for n in range(3)]
    assert all(pdf.ink(b"".join(cell)) > 20 for cell in cells), "a character cell is blank"

    def distance(a, b) -> int:
        rows = zip(a, b, strict=True)  # a cell may be a pixel narrower: compare the overlap
        return sum(abs(p - q) > 64 for ra, rb in rows for p, q in zip(ra, rb, strict=False))

    worst = max(distance(cells[0], cells[n]) for n in (1, 2))
    return "alike" if worst < 10 else f"distinct ({worst} pixels differ)"
