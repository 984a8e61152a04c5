"""Debian's Chromium, headless: how make bench and the browser tests start it, in one place.

Nothing the site serves runs Chromium (printing is WeasyPrint's): printing.bench compares
the trip pack against Chromium's --print-to-pdf, and the browser tests drive the same
browser through Playwright (tests/fixtures/browser.py).
"""

from __future__ import annotations

from typing import Any

EXECUTABLE = "/usr/bin/chromium"
# No sandbox (the machines run as root), no GPU, and none of the background traffic
# (updates, sync, first-run pages) that would make one start slower than the next.
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
)


def command(*args: str, executable: str = EXECUTABLE) -> list[str]:
    """The command line of a one-off headless run (e.g. --print-to-pdf=out.pdf page.html)."""
    return [executable, *FLAGS, *args]


def launch_args(executable: str = EXECUTABLE) -> dict[str, Any]:
    """Playwright's launch arguments for the same browser, started the same way."""
    return {"executable_path": executable, "args": list(FLAGS)}
