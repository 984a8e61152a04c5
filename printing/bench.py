"""make bench: how long the trip pack takes to render, against bare WeasyPrint and Chromium.

python -m printing.bench seeds the demo office into a throwaway SQLite database (VAR_DIR in
a temporary folder), then for the demo inspection's trip pack, five times over:

- render: the first download of the pack (data, template, WeasyPrint, the cache write);
- bare: WeasyPrint alone on the same final HTML (and the same footer style sheet);
- chromium: /usr/bin/chromium --headless --print-to-pdf of the same HTML (its start included);
- cached: the next download of the same pack, a file read.

It prints the medians and the ratios (each ratio taken within one run, then the median),
the peak memory of one render in a fresh process, and writes them to docs/benchmarks.md.
"""

from __future__ import annotations

import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from printing import chromium

ROOT = Path(__file__).resolve().parents[1]
RUNS = 9
LANGUAGE = "zh-hans"
CHROMIUM = chromium.EXECUTABLE


def _setup(var_dir: str) -> None:
    os.environ["VAR_DIR"] = var_dir
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DEBUG", "true")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def _subject():
    """The demo inspection's trip and its leader (who may read the pack)."""
    from printing import pack
    from trips.access import trip_for
    from trips.models import Trip

    pk = Trip.objects.filter(kind=Trip.Kind.INSPECTION).order_by("pk").values_list("pk", flat=True)
    reader = Trip.objects.get(pk=pk[0]).leaders()[0]
    trip = trip_for(reader, pk[0])
    assert pack.PACK.may_read(trip, reader)
    return trip, reader


def _download(trip_pk: int, reader) -> bytes:
    """What a request does: read the trip through access, then download the pack."""
    from printing import documents, pack
    from trips.access import trip_for

    return documents.download(pack.PACK, trip_for(reader, trip_pk), reader, LANGUAGE)


def _final_html(trip, reader) -> str:
    """The HTML that printing.render gives WeasyPrint for this copy."""
    from printing import documents, pack, render

    seen: list[str] = []
    real = render.HTML

    def spy(*args, **kwargs):
        seen.append(kwargs["string"])
        return real(*args, **kwargs)

    render.HTML = spy
    try:
        render.render(
            pack.PACK.template,
            documents.shown(pack.PACK, trip, LANGUAGE, reader),
            language=LANGUAGE,
            reader=reader if trip.is_confidential else None,
        )
    finally:
        render.HTML = real
    return seen[0]


def _bare(html: str) -> bytes:
    from django.utils import translation
    from weasyprint import CSS, HTML

    from printing import render

    with translation.override(LANGUAGE):
        footer = CSS(string=f"@page {{ @bottom-center {{ content: {render.page_of_pages()}; }} }}")
    return HTML(string=html, base_url=render.BASE_URL).write_pdf(stylesheets=[footer])


def _chromium(html_file: Path, out: Path) -> None:
    out.unlink(missing_ok=True)
    subprocess.run(
        chromium.command("--no-pdf-header-footer", f"--print-to-pdf={out}", html_file.as_uri()),
        check=True,
        capture_output=True,
        timeout=120,
    )
    assert out.stat().st_size > 0


def _timed(make) -> float:
    start = time.perf_counter()
    make()
    return time.perf_counter() - start


def _memory(var_dir: str) -> None:
    """In a fresh process: one render of the pack; prints peak Python allocations and RSS."""
    _setup(var_dir)
    from django.conf import settings

    settings.PDF_CACHE_DIR = Path(tempfile.mkdtemp(dir=var_dir))
    trip, reader = _subject()
    before = _high_water_mark()
    tracemalloc.start()
    _download(trip.pk, reader)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    after = _high_water_mark()
    print(f"{peak} {before} {after}")


def _versions() -> dict[str, str]:
    import django
    import weasyprint

    chromium = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True).stdout
    cpu = next(
        (line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
         if line.startswith("model name")),
        platform.processor() or "unknown",
    )  # fmt: skip
    return {
        "Machine": f"{os.cpu_count()} CPUs (nproc {len(os.sched_getaffinity(0))}), {cpu}",
        "OS": platform.platform(),
        "Python": platform.python_version(),
        "Django": django.get_version(),
        "WeasyPrint": weasyprint.__version__,
        "Chromium": chromium.strip().splitlines()[-1] if chromium.strip() else "not found",
    }


def main() -> None:
    var_dir = tempfile.mkdtemp(prefix="tripdesk-bench-")
    try:
        _run(var_dir)
    finally:
        shutil.rmtree(var_dir, ignore_errors=True)


def _run(var_dir: str) -> None:
    _setup(var_dir)
    from django.conf import settings
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    trip, reader = _subject()
    html = _final_html(trip, reader)
    html_file = Path(var_dir) / "pack.html"
    # The same HTML, its relative links (style sheets, fonts) resolved as WeasyPrint does.
    from printing import render

    html_file.write_text(html.replace("<head>", f'<head><base href="{render.BASE_URL}">', 1))
    out = Path(var_dir) / "chromium.pdf"
    has_chromium = Path(CHROMIUM).exists()

    times: dict[str, list[float]] = {"render": [], "bare": [], "chromium": [], "cached": []}
    ratios: dict[str, list[float]] = {"bare": [], "chromium": [], "cached": []}
    # A warm-up (fonts loaded, templates compiled), not counted.
    settings.PDF_CACHE_DIR = Path(var_dir) / "pdf-warm-up"
    _download(trip.pk, reader)
    _bare(html)
    for run in range(RUNS):
        settings.PDF_CACHE_DIR = Path(var_dir) / f"pdf-{run}"  # empty: the first download
        # Which of the two goes first alternates, so that neither always follows the other.
        if run % 2:
            bare = _timed(lambda: _bare(html))
        first = _timed(lambda: _download(trip.pk, reader))
        cached = _timed(lambda: _download(trip.pk, reader))
        if not run % 2:
            bare = _timed(lambda: _bare(html))
        times["render"].append(first)
        times["cached"].append(cached)
        times["bare"].append(bare)
        ratios["bare"].append(first / bare)
        ratios["cached"].append(cached / first)
        if has_chromium:
            chromium = _timed(lambda: _chromium(html_file, out))
            times["chromium"].append(chromium)
            ratios["chromium"].append(first / chromium)
    pages = pdf_pages(_download(trip.pk, reader))

    memory = subprocess.run(
        [sys.executable, "-m", "printing.bench", "--memory", var_dir],
        cwd=ROOT, capture_output=True, text=True, check=True,
    ).stdout.split()  # fmt: skip
    peak, rss_before, rss_after = (int(v) for v in memory[-3:])
    _report(trip, pages, times, ratios, peak, rss_before, rss_after)


def pdf_pages(content: bytes) -> str:
    """The page count (pdfinfo, poppler-utils), or "?" without it."""
    if not shutil.which("pdfinfo"):
        return "?"
    info = subprocess.run(["pdfinfo", "-"], input=content, capture_output=True).stdout
    found = re.search(rb"^Pages:\s+(\d+)", info, re.M)
    return found[1].decode() if found else "?"


def _high_water_mark() -> int:
    """The process's peak resident memory so far, in bytes (VmHWM: unlike ru_maxrss, not
    carried over from the parent through fork and exec)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def _report(trip, pages, times, ratios, peak, rss_before, rss_after) -> None:
    def ms(values):
        return f"{statistics.median(values) * 1000:.0f} ms" if values else "n/a"

    def x(values):
        return f"{statistics.median(values):.3f}x" if values else "n/a"

    mib = 1024 * 1024
    rows = [
        ("Trip pack, first download (render)", ms(times["render"]), "", ""),
        ("Bare WeasyPrint, same HTML", ms(times["bare"]), x(ratios["bare"]), "≤ 1.15x"),
        (
            "Chromium --print-to-pdf, same HTML",
            ms(times["chromium"]),
            x(ratios["chromium"]),
            "≤ 1.0x",
        ),
        ("Trip pack, cached download", ms(times["cached"]), x(ratios["cached"]), "≤ 0.05x"),
    ]
    table = [
        f"| measure | median of {RUNS} | ratio (render ÷ it; cached ÷ render) | goal |",
        "| --- | --- | --- | --- |",
        *(f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows),
    ]
    per_run = [
        f"- {name}: " + ", ".join(f"{value:.3f}" for value in values)
        for name, values in (
            ("render ÷ bare WeasyPrint", ratios["bare"]),
            ("render ÷ Chromium", ratios["chromium"]),
            ("cached ÷ render", ratios["cached"]),
        )
    ]
    memory = [
        f"- peak Python allocations during one render (tracemalloc): {peak / mib:.1f} MiB",
        f"- peak resident memory of the process: {rss_after / mib:.0f} MiB "
        f"({rss_before / mib:.0f} MiB before the render)",
    ]
    machine = [f"- {name}: {value}" for name, value in _versions().items()]
    text = "\n".join(
        [
            "# Benchmarks",
            "",
            "Written by `make bench` (printing/bench.py); run it again to refresh. The demo",
            f"inspection's trip pack ({trip.title}, {pages} pages, language {LANGUAGE}),",
            "rendered for its leader in a throwaway SQLite database. Each run times the first",
            "download (an empty PDF cache: the data, the template, WeasyPrint and the cache",
            "write), the next one (a file read), WeasyPrint alone on the same final HTML, and",
            "Chromium printing the same HTML to PDF (the browser's start included, as a",
            "one-off command pays it). Ratios are taken within each run; the table shows the",
            "medians.",
            "",
            *table,
            "",
            "The ratios of each run (the machine is shared: runs vary by ±20%):",
            "",
            *per_run,
            "",
            "Memory, one render in a fresh process:",
            "",
            *memory,
            "",
            "Machine and versions:",
            "",
            *machine,
            "",
        ]
    )
    print(text)
    (ROOT / "docs" / "benchmarks.md").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--memory":
        _memory(sys.argv[2])
    else:
        main()
