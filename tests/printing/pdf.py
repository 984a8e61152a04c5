"""Reading a PDF back with poppler-utils: text per page, embedded fonts, page images.

Each helper first asks for poppler-utils: a test skips without it locally and fails in
CI (REQUIRE_SERVICES=1; .ci/run installs poppler-utils).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from tests import services


def need_poppler() -> None:
    services.need(
        all(shutil.which(tool) for tool in ("pdftotext", "pdffonts", "pdftoppm", "pdfinfo")),
        "poppler-utils not installed (apt-get install -y --no-install-recommends poppler-utils)",
    )


def _run(args: list[str], pdf: bytes) -> str:
    need_poppler()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "document.pdf"
        path.write_bytes(pdf)
        done = subprocess.run([*args, str(path), "-"], capture_output=True, check=True)
    return done.stdout.decode("utf-8")


def pages(pdf: bytes) -> int:
    need_poppler()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "document.pdf"
        path.write_bytes(pdf)
        info = subprocess.run(["pdfinfo", str(path)], capture_output=True, check=True).stdout
    return int(re.search(rb"^Pages:\s+(\d+)", info, re.M)[1])


def text(pdf: bytes, page: int | None = None) -> str:
    """The text in reading order (pdftotext -layout), of one page (1-based) or all."""
    args = ["pdftotext", "-layout", "-enc", "UTF-8"]
    if page is not None:
        args += ["-f", str(page), "-l", str(page)]
    return _run(args, pdf)


def flat(pdf: bytes, page: int | None = None) -> str:
    """The text with every run of white space removed: for Chinese, where layout spaces cut
    words apart."""
    return re.sub(r"\s+", "", text(pdf, page))


def fonts(pdf: bytes) -> list[dict[str, str]]:
    """pdffonts' table: name (without the subset tag), type, embedded, subset."""
    need_poppler()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "document.pdf"
        path.write_bytes(pdf)
        out = subprocess.run(["pdffonts", str(path)], capture_output=True, check=True).stdout
    rows = []
    for line in out.decode().splitlines()[2:]:
        name, *_middle, emb, sub, _uni, _obj, _gen = line.split()
        rows.append({"name": name.split("+", 1)[-1], "embedded": emb, "subset": sub})
    return rows


def gray_page(pdf: bytes, page: int = 1, dpi: int = 50) -> tuple[int, int, bytes]:
    """Page as an 8-bit grey image (pdftoppm -gray): width, height, one byte a pixel."""
    need_poppler()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "document.pdf"
        path.write_bytes(pdf)
        subprocess.run(
            ["pdftoppm", "-gray", "-r", str(dpi), "-f", str(page), "-l", str(page), str(path),
             str(Path(folder) / "page")],
            check=True,
        )  # fmt: skip
        image = next(Path(folder).glob("page*.pgm")).read_bytes()
    magic, width, height, maximum, pixels = image.split(maxsplit=4)
    assert magic == b"P5" and maximum == b"255"
    return int(width), int(height), pixels


def ink(pixels: bytes, threshold: int = 128) -> int:
    """How many pixels are dark."""
    return sum(1 for value in pixels if value < threshold)


def words(pdf: bytes, page: int = 1) -> list[tuple[str, float, float, float, float]]:
    """The words of a page with their boxes in points (pdftotext -bbox): (word, x0, y0, x1, y1)."""
    html = _run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page)], pdf)
    pattern = (
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>'
    )
    return [
        (word, float(x0), float(y0), float(x1), float(y1))
        for x0, y0, x1, y1, word in re.findall(pattern, html)
    ]


def crop(image: tuple[int, int, bytes], box: tuple[float, float, float, float], dpi: int):
    """The pixels of a box (in points) of a page image made at dpi, row by row."""
    width, _height, pixels = image
    scale = dpi / 72
    x0, y0, x1, y1 = (round(v * scale) for v in box)
    return [pixels[y * width + x0 : y * width + x1] for y in range(y0, y1)]


def page_box(pdf: bytes, page: int = 1) -> tuple[float, float]:
    """The page's width and height in points (pdftotext -bbox)."""
    html = _run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page)], pdf)
    width, height = re.search(r'<page width="([\d.]+)" height="([\d.]+)">', html).groups()
    return float(width), float(height)


def whole_on_page(pdf: bytes, page: int, text: str) -> bool:
    """Whether the text (its words in a row, on one line) lies whole inside the page box:
    nothing of it cut at an edge."""
    width, height = page_box(pdf, page)
    wanted = re.sub(r"\s+", "", text)
    lines: dict[int, list[tuple[str, float, float, float, float]]] = {}
    for word in words(pdf, page):
        lines.setdefault(round(word[2]), []).append(word)
    for line in lines.values():
        line.sort(key=lambda word: word[1])
        for start in range(len(line)):
            joined, end = "", start
            while end < len(line) and len(joined) < len(wanted):
                joined += line[end][0]
                end += 1
            if joined == wanted:
                return all(
                    x0 >= 0 and x1 <= width and y0 >= 0 and y1 <= height
                    for _w, x0, y0, x1, y1 in line[start:end]
                )
    return False


MM_PER_PT = 25.4 / 72
_WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>'
)


def boxes(pdf: bytes) -> list[list[tuple[float, float, float, float, str]]]:
    """pdftotext -bbox per page: each word's box in mm from the page's top left, its text."""
    out = _run(["pdftotext", "-bbox", "-enc", "UTF-8"], pdf)
    return [
        [(*(float(v) * MM_PER_PT for v in m[:4]), m[4]) for m in _WORD.findall(page)]
        for page in out.split("<page ")[1:]
    ]
