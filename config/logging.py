"""Keep signed tokens out of the logs: host units' and departments' links, calendar feeds,
password resets."""

from __future__ import annotations

import logging
import re
from typing import Any

from gunicorn.glogging import Logger as GunicornLogger

REDACTED = "[redacted]"
_SEGMENT = r"[^/\s?#\"']+"
# Each URL whose path carries a credential: the part before it, the token, what may follow.
_TOKEN_PATHS = (
    re.compile(rf"(/n/){_SEGMENT}"),  # a host unit's notice link (and its /message/)
    # A department's link to its follow-up items (and its item and evidence pages).
    re.compile(rf"(/follow-ups/d/){_SEGMENT}"),
    re.compile(rf"(/calendar/){_SEGMENT}?(?=\.ics)"),  # a private calendar feed
    # A password reset link; Django swaps the token for "set-password" after the first visit.
    re.compile(rf"(/accounts/reset/{_SEGMENT}/)(?!set-password\b){_SEGMENT}"),
)


def redact(text: str) -> str:
    """The text with every token in a URL path replaced by [redacted]."""
    for pattern in _TOKEN_PATHS:
        text = pattern.sub(rf"\g<1>{REDACTED}", text)
    return text


def _redact_value(value: Any) -> Any:
    return redact(value) if isinstance(value, str) else value


class RedactTokens(logging.Filter):
    """A logging filter that redacts tokens in the message and its string arguments."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = _redact_value(record.msg)
        if isinstance(record.args, dict):
            record.args = {key: _redact_value(value) for key, value in record.args.items()}
        elif record.args:
            record.args = tuple(_redact_value(arg) for arg in record.args)
        return True


class RedactingGunicornLogger(GunicornLogger):
    """gunicorn's logger with tokens redacted from the access log (--logger-class)."""

    def atoms(self, resp, req, environ, request_time) -> dict[str, Any]:
        atoms = super().atoms(resp, req, environ, request_time)
        # Every string atom: the request line and path, but also the Referer of a page's assets.
        return {key: _redact_value(value) for key, value in atoms.items()}
