"""What the suite needs from the machine: skip locally, fail in CI (REQUIRE_SERVICES=1)."""

from __future__ import annotations

import os
import shutil
import socket
from urllib.parse import urlparse

import pytest

from printing import chromium

CHROMIUM = os.environ.get("CHROMIUM_PATH", chromium.EXECUTABLE)


def services_required() -> bool:
    """In CI every service-bound test must run: a skip is a failure."""
    return os.environ.get("REQUIRE_SERVICES", "") not in ("", "0", "false", "False")


def need(available: bool, reason: str) -> None:
    """Skip the test (locally) or fail it (in CI) when a service is missing."""
    if available:
        return
    if services_required():
        pytest.fail(f"REQUIRE_SERVICES=1 but {reason}", pytrace=False)
    pytest.skip(reason)


def port_open(url: str, default_port: int) -> bool:
    """True when something listens at the URL's host and port."""
    parts = urlparse(url)
    address = (parts.hostname or "127.0.0.1", parts.port or default_port)
    try:
        with socket.create_connection(address, 1):
            return True
    except OSError:
        return False


def chromium_available() -> bool:
    return bool(shutil.which(CHROMIUM))


def redis_url() -> str:
    return os.environ.get("REDIS_URL", "")


def free_port() -> int:
    """A TCP port nobody listens on right now, for a private server of a test."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
