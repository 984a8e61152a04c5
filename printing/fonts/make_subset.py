# ruff: noqa: RUF003  (the Chinese names of the lists are written as published)
"""How the printed documents' fonts were made: subsets of Noto Sans CJK SC and Noto Serif
CJK SC, renamed.

Run once by a developer (`make fonts`); the result is committed under
printing/static/printing/fonts/, so a fresh clone needs no apt and no network: the
committed subset IS the font every PDF embeds.

Sources (both from Debian 12's archive, fetched with apt):
- the fonts: `apt-get install -y --no-install-recommends fonts-noto-cjk` (20220127) gives
  /usr/share/fonts/opentype/noto/NotoSansCJK-{Regular,Bold}.ttc; face 2 of each is
  "Noto Sans CJK SC" 2.004 (SIL Open Font License 1.1, © Adobe, "Noto" a trademark of
  Google).
- the characters: Unicode's Unihan database 15.0 in Debian's `unicode-data` package
  (/usr/share/unicode/Unihan_OtherMappings.txt.bz2; `apt-get download unicode-data`
  and `dpkg-deb -x` are enough, nothing needs installing). Its kTGH field numbers the
  8,105 characters of 通用规范汉字表 (Table of General Standard Chinese Characters,
  State Council 2013) in the table's own order; its kGB0 field the 6,763 of GB 2312.
  `--characters` writes hanzi.txt from it: the 8,105 in the table's order, then the 125
  characters of GB 2312 that the table does not have (radical forms such as 亻 氵 扌,
  and a few older forms), since text typed on GB 2312 systems uses them. hanzi.txt is
  committed: the fonts are made from it, not from the Unihan file.

On top of the Hanzi, the fonts keep the ranges in EXTRA_RANGES: Latin (with pinyin's
tone marks), digits, general, CJK and full-width punctuation, and a few symbols that
itineraries use (℃, №, arrows, circled numbers).

The serif (`--family serif`, same Debian package: NotoSerifCJK-{Regular,Bold}.ttc, face 2
"Noto Serif CJK SC" 2.001, OFL 1.1) is the official letter's (公函, GB/T 9704) stand-in for
the licensed faces the standard names: its Bold for the title's 小标宋 and the 发文机关标志,
its Regular for the body's 仿宋. No open 仿宋 with Simplified Chinese coverage is on the
registries we install from (朱雀仿宋 is OFL but not packaged there; cwTeX 仿宋 in Debian
covers Big5 only), and a Song face is what 仿宋 imitates; an office puts its licensed fonts
in OFFICE_FONT_DIR (printing/letters.py) and they are used instead.

The subset is renamed "Tripdesk Sans SC" (PostScript TripdeskSansSC-Regular/-Bold), as
the OFL asks of a modified font and so that `pdffonts` tells it apart from a system-wide
Noto Sans CJK: a PDF listing TripdeskSansSC used the shipped font, whatever the machine
had installed. The copyright and licence records of the name table are kept; OFL.txt
lies beside the fonts.

Usage:
    python printing/fonts/make_subset.py --characters Unihan_OtherMappings.txt.bz2
    python printing/fonts/make_subset.py [--source-dir /usr/share/fonts/opentype/noto]
    python printing/fonts/make_subset.py --family serif
"""

from __future__ import annotations

import argparse
import bz2
import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection

HERE = Path(__file__).resolve().parent
HANZI = HERE / "hanzi.txt"
OUT = HERE.parent / "static" / "printing" / "fonts"
# (source file stem, source family, our family, our PostScript name) per --family
FAMILIES = {
    "sans": ("NotoSansCJK", "Noto Sans CJK SC", "Tripdesk Sans SC", "TripdeskSansSC"),
    "serif": ("NotoSerifCJK", "Noto Serif CJK SC", "Tripdesk Serif SC", "TripdeskSerifSC"),
}
SC_FACE = 2  # face index of the SC face in Debian's Noto{Sans,Serif}CJK-*.ttc
WEIGHTS = ("Regular", "Bold")
# Everything but the Hanzi, as (first, last) code points, both included.
EXTRA_RANGES = (
    (0x0020, 0x007E),  # ASCII: Latin letters, digits, punctuation
    (0x00A0, 0x00FF),  # Latin-1: no-break space, ·, ×, ÷, °, accented letters
    (0x0100, 0x017F),  # Latin Extended-A: pinyin ā ē ī ō ū and names in European languages
    (0x01CD, 0x01DC),  # pinyin ǎ ǐ ǒ ǔ ǖ ǘ ǚ ǜ
    (0x02C6, 0x02C7),  # ˆ ˇ
    (0x02C9, 0x02CB),  # ˉ ˊ ˋ (bopomofo tones)
    (0x0391, 0x03C9),  # Greek letters (α, β, Ω in figures and units)
    (0x2010, 0x2027),  # dashes, quotes “” ‘’, bullets, … and ‥
    (0x2030, 0x203B),  # ‰ ′ ″ ‹ › ※
    (0x2103, 0x2103),  # ℃
    (0x2116, 0x2116),  # №
    (0x2160, 0x216B),  # Roman numerals Ⅰ–Ⅻ
    (0x2190, 0x2193),  # ← ↑ → ↓
    (0x2460, 0x2473),  # ① – ⑳
    (0x2474, 0x2487),  # ⑴ – ⒇
    (0x25A0, 0x25A1),  # ■ □
    (0x25B2, 0x25B3),  # ▲ △
    (0x25C6, 0x25C7),  # ◆ ◇
    (0x25CB, 0x25CF),  # ○ ◎ ●
    (0x2605, 0x2606),  # ★ ☆
    (0x3000, 0x303F),  # CJK symbols and punctuation: 、。〈〉《》「」『』【】〔〕〜
    (0xFE30, 0xFE4F),  # CJK compatibility forms ﹏
    (0xFF01, 0xFF5E),  # full-width ASCII: ，！？：；（）０-９
    (0xFFE0, 0xFFE6),  # ￠ ￡ ￥ and friends
)

# Layout features left out (see make()): vertical text and other locales' forms.
DROPPED_FEATURES = {"locl", "valt", "vert", "vhal", "vkrn", "vpal", "vrt2", "vchw", "vjmo"}


def hanzi() -> str:
    """The committed character list: every line not starting with # is characters."""
    lines = HANZI.read_text(encoding="utf-8").splitlines()
    return "".join(line.strip() for line in lines if line and not line.startswith("#"))


def code_points() -> set[int]:
    points = {ord(c) for c in hanzi()}
    for first, last in EXTRA_RANGES:
        points.update(range(first, last + 1))
    return points


def write_characters(unihan: Path) -> None:
    """hanzi.txt from Unihan_OtherMappings (plain or .bz2): kTGH order, then GB 2312's rest."""
    opener = bz2.open if unihan.suffix == ".bz2" else open
    table: dict[int, int] = {}
    gb2312: set[int] = set()
    version = ""
    with opener(unihan, "rt", encoding="utf-8") as lines:
        for line in lines:
            if line.startswith("# Unicode version"):
                version = line.split(":", 1)[1].strip()
            if line.startswith("#") or not line.strip():
                continue
            point, field, value = line.rstrip("\n").split("\t")
            if field == "kTGH":  # "2013:1234": the year of the table, the character's number
                table[int(point[2:], 16)] = int(value.split()[0].split(":")[1])
            elif field == "kGB0":
                gb2312.add(int(point[2:], 16))
    ordered = sorted(table, key=table.get)
    rest = sorted(gb2312 - set(table))

    def rows(points: list[int]) -> list[str]:
        text = "".join(chr(p) for p in points)
        return [text[i : i + 50] for i in range(0, len(text), 50)]

    HANZI.write_text(
        "\n".join(
            [
                "# The Hanzi of the printed documents' fonts (printing/fonts/make_subset.py).",
                f"# From Unihan {version} (Debian's unicode-data package): field kTGH, the",
                f"# {len(ordered)} characters of 通用规范汉字表 (2013) in the table's order,",
                *rows(ordered),
                f"# then field kGB0: the {len(rest)} characters of GB 2312 not in the table.",
                *rows(rest),
                "",
            ]
        ),
        encoding="utf-8",
    )
    print(f"{HANZI}: {len(ordered)} + {len(rest)} characters")


def rename(font, weight: str, family: str = "sans") -> None:
    """Tripdesk Sans/Serif SC <weight>: the names a PDF and fontconfig see; the rest is kept."""
    _stem, source_family, ours, ps_family = FAMILIES[family]
    names = font["name"]
    postscript = f"{ps_family}-{weight}"
    for record in list(names.names):
        if record.nameID in (16, 17, 18, 20, 21, 22, 25):  # typographic and other family names
            names.removeNames(nameID=record.nameID)
    names.setName(ours, 1, 3, 1, 0x409)
    names.setName(weight, 2, 3, 1, 0x409)
    names.setName(f"{postscript};tripdesk-subset", 3, 3, 1, 0x409)
    names.setName(f"{ours} {weight}" if weight != "Regular" else ours, 4, 3, 1, 0x409)
    names.setName(postscript, 6, 3, 1, 0x409)
    names.setName(
        f"A subset of {source_family} (Adobe and Google, SIL Open Font License 1.1) "
        "to the characters of 通用规范汉字表 and GB 2312, Latin and punctuation, renamed; "
        "made by Tripdesk's printing/fonts/make_subset.py.",
        10,
        3,
        1,
        0x409,
    )
    # Only the Windows-platform English records: Mac and localised names would still say Noto.
    names.names = [
        r for r in names.names if (r.platformID == 3 and r.langID == 0x409) or r.nameID in (0, 7)
    ]
    cff = font["CFF "].cff
    cff.fontNames = [postscript]
    top = cff.topDictIndex[0]
    top.FullName = f"{ours} {weight}"
    top.FamilyName = ours
    if hasattr(top, "CIDFontName"):
        top.CIDFontName = postscript


def make(source_dir: Path, family: str = "sans") -> None:
    stem, source_family, _ours, postscript = FAMILIES[family]
    points = code_points()
    OUT.mkdir(parents=True, exist_ok=True)
    for weight in WEIGHTS:
        source = source_dir / f"{stem}-{weight}.ttc"
        font = TTCollection(str(source), lazy=False).fonts[SC_FACE]
        if font["name"].getDebugName(1) != source_family:
            sys.exit(f"{source}: face {SC_FACE} is {font['name'].getDebugName(1)}, not SC")
        missing = sorted(p for p in points if p not in font.getBestCmap() and p >= 0x3400)
        if missing:
            sys.exit(f"{source} lacks {''.join(chr(p) for p in missing)}")
        options = subset.Options()
        # Horizontal Simplified Chinese and Latin only: no vertical forms, no other locales'
        # glyphs (locl), no alternates: that halves the glyph count.
        options.layout_features = [f for f in options.layout_features if f not in DROPPED_FEATURES]
        options.name_IDs = ["*"]
        options.hinting = False  # print and 150+ dpi rendering need no stem hints
        options.notdef_outline = True
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=points)
        subsetter.subset(font)
        rename(font, weight, family)
        target = OUT / f"{postscript}-{weight}.otf"
        font.save(str(target))
        glyphs = len(font.getGlyphOrder())
        print(f"{target}: {target.stat().st_size / 1e6:.2f} MB, {glyphs} glyphs")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--characters", type=Path, help="Unihan_OtherMappings.txt(.bz2)")
    parser.add_argument("--source-dir", type=Path, default=Path("/usr/share/fonts/opentype/noto"))
    parser.add_argument("--family", choices=sorted(FAMILIES), default="sans")
    args = parser.parse_args()
    if args.characters:
        write_characters(args.characters)
    else:
        make(args.source_dir, args.family)


if __name__ == "__main__":
    main()
