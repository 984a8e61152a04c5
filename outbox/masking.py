"""Secret links (password reset, acknowledgement, calendar feed …) hidden in the mail log.

The e-mail that goes out carries the real link; what the app shows of it never does. A
link counts as secret when a part of its path or query looks like a token: long, and made
of the characters signed values and random keys are written in. Our own URLs otherwise
hold only short words and numbers, so nothing a reader needs is hidden.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

# Scheme and host, then the path and query where tokens live.
URL = re.compile(r"(https?://[^/\s\"'<>]*)([^\s\"'<>]*)", re.IGNORECASE)
TOKEN = re.compile(r"[A-Za-z0-9_\-:.~%]{16,}")


def _looks_like_token(part: str) -> bool:
    """Long, token characters, and not a plain word: a digit, a capital or a colon in it."""
    return bool(TOKEN.fullmatch(part)) and bool(re.search(r"[0-9A-Z:]", part))


def _mask_url(match: re.Match) -> str:
    site, rest = match.groups()
    parts = re.split(r"([/?&=#;])", rest)
    if not any(_looks_like_token(part) for part in parts):
        return match.group(0)
    hidden = "[" + _("link hidden") + "]"
    return site + "".join(hidden if _looks_like_token(part) else part for part in parts)


def mask_links(text: str) -> str:
    """The text with the token in every secret link replaced by a placeholder."""
    return URL.sub(_mask_url, text)
