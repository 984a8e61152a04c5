"""One open mail connection per worker process and thread, reused from e-mail to e-mail.

Opening an SMTP session (connect, greeting, EHLO, maybe TLS and login) costs more than
sending a short e-mail. A worker keeps its session open between tasks; it opens a new one
after an error, after REUSE_MESSAGES e-mails, and after REUSE_IDLE_SECONDS of silence (well
under the five minutes RFC 5321 asks servers to wait, so the server has not hung up).
Elsewhere (the web process, eager tests) every e-mail opens and closes its own session.
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
from dataclasses import dataclass

from django.core.mail import EmailMessage, get_connection
from django.core.mail.backends.base import BaseEmailBackend

REUSE_MESSAGES = 100
REUSE_IDLE_SECONDS = 30.0


@dataclass
class _Session:
    backend: BaseEmailBackend
    pid: int
    sent: int = 0
    used_at: float = 0.0

    def fresh(self) -> bool:
        """Still ours (not inherited over a fork), not worn out, not idle too long."""
        idle = time.monotonic() - self.used_at
        return self.pid == os.getpid() and self.sent < REUSE_MESSAGES and idle < REUSE_IDLE_SECONDS


class _Sessions(threading.local):
    """Per thread: a backend's socket is never shared between threads."""

    enabled = False  # switched on in worker processes (outbox.tasks)
    current: _Session | None = None


_sessions = _Sessions()


def keep_open(enabled: bool = True) -> None:
    """From now on this thread reuses its session (a worker process at start)."""
    _sessions.enabled = enabled


def send(email: EmailMessage) -> None:
    """Send one e-mail; over the thread's open session in a worker."""
    if not _sessions.enabled:
        email.send()
        return
    session = _open()
    try:
        session.backend.send_messages([email])
    except BaseException:  # an error, a time limit: the session's state is unknown
        close()
        raise
    session.sent += 1
    session.used_at = time.monotonic()


def close() -> None:
    """Close the thread's session, if any (after an error, at worker shutdown)."""
    session, _sessions.current = _sessions.current, None
    if session is not None and session.pid == os.getpid():
        # A broken session has nothing more to say to the server.
        with contextlib.suppress(Exception):
            session.backend.close()


def _open() -> _Session:
    """The thread's session, opened anew when there is none or it is stale."""
    session = _sessions.current
    if session is not None and session.fresh():
        return session
    close()
    # Opened before send_messages, which then leaves it open.
    session = _Session(get_connection(), os.getpid(), used_at=time.monotonic())
    _sessions.current = session
    try:
        session.backend.open()
    except BaseException:  # refused, or a failed login on an open socket
        close()
        raise
    return session
