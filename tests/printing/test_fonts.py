# ruff: noqa: RUF001  (full-width punctuation on purpose)
"""The shipped fonts: a subset of Noto Sans CJK SC covering the characters documents print."""

from __future__ import annotations

from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from printing.fonts import make_subset

FONTS = Path(make_subset.OUT)
WEIGHTS = {"Regular": 400, "Bold": 700}


@pytest.fixture(scope="module", params=sorted(WEIGHTS))
def font(request) -> tuple[str, TTFont]:
    return request.param, TTFont(FONTS / f"TripdeskSansSC-{request.param}.otf")


def test_the_character_list_is_the_general_standard_table_and_gb2312():
    hanzi = make_subset.hanzi()
    assert len(hanzi) == len(set(hanzi)) == 8105 + 125
    assert hanzi.startswith("一乙二十丁厂七卜八人")  # the table's own order, number 1 first
    assert {"亻", "氵", "扌"} <= set(hanzi)  # radical forms from GB 2312
    assert {"堃", "喆", "淼", "昇"} <= set(hanzi)  # name characters GB 2312 lacks


def test_every_character_of_the_list_and_the_punctuation_has_a_glyph(font):
    _, otf = font
    cmap = otf.getBestCmap()
    wanted = make_subset.code_points()
    assert sorted(p for p in wanted if p not in cmap and p >= 0x3400) == []
    for text in ("Tripdesk 2026", "，。：；！？（）【】《》“”、…—", "①℃№→", "āáǎà"):
        assert [c for c in text if ord(c) not in cmap] == [], text


def test_the_font_is_renamed_subset_and_small(font):
    weight, otf = font
    assert otf["name"].getDebugName(1) == "Tripdesk Sans SC"
    assert otf["name"].getDebugName(6) == f"TripdeskSansSC-{weight}"
    assert otf["OS/2"].usWeightClass == WEIGHTS[weight]
    assert "Open Font License" in otf["name"].getDebugName(13)
    assert 8_000 < len(otf.getGlyphOrder()) < 10_000
    assert (FONTS / f"TripdeskSansSC-{weight}.otf").stat().st_size < 5_000_000


def test_the_licence_ships_beside_the_fonts():
    text = (FONTS / "OFL.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in text
    assert "Noto Sans CJK SC" in text
