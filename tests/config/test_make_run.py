"""`make run PORT=…` serves on that port, and the links its e-mails carry point there too."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def planned(*args: str, **env: str) -> list[str]:
    """The commands `make run` would run (make -n), with the given variables."""
    environment = {k: v for k, v in os.environ.items() if k != "SITE_URL"} | env
    done = subprocess.run(
        ["make", "-n", "--no-print-directory", "run", *args],
        cwd=ROOT, env=environment, capture_output=True, text=True, check=True,
    )  # fmt: skip
    return done.stdout.splitlines()


def serving(lines: list[str]) -> list[str]:
    return [line for line in lines if "runserver" in line or "celery -A config worker" in line]


def test_another_port_moves_the_links_in_e_mails_with_it():
    lines = serving(planned("PORT=8123"))
    assert len(lines) == 2  # the web server and the worker (which sends the e-mails)
    assert all("SITE_URL=http://127.0.0.1:8123 " in line for line in lines)
    assert lines[-1].endswith("runserver 127.0.0.1:8123")


def test_an_address_of_its_own_is_kept():
    lines = serving(planned("PORT=8123", SITE_URL="https://trips.example.gov.cn"))
    assert all("SITE_URL=https://trips.example.gov.cn " in line for line in lines)
