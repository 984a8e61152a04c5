"""A tiny fixed-window rate limiter on Django's cache, and the client's address it keys on."""

from __future__ import annotations

import hashlib
import logging

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

logger = logging.getLogger(__name__)


def allow(key: str, limit: int, window: int) -> bool:
    """Count one more hit on key; False once it has had more than limit in window seconds."""
    # Hashed: keys may hold e-mail addresses, which must not sit in the cache in clear.
    cache_key = "throttle:" + hashlib.sha256(key.encode()).hexdigest()
    try:
        if cache.add(cache_key, 1, timeout=window):
            return True
        return cache.incr(cache_key) <= limit
    except ValueError:
        # The window ran out between add and incr: this hit opens the next one.
        cache.add(cache_key, 1, timeout=window)
        return True
    except Exception:
        # A cache outage must not take the password reset or a host unit's page down with it.
        logger.warning("Throttle cache unavailable; allowing %s", key.split(":", 1)[0])
        return True


def client_ip(request: HttpRequest) -> str:
    """The client's address: REMOTE_ADDR, or behind our proxy the address it appended."""
    if settings.BEHIND_PROXY:
        # The last X-Forwarded-For entry is the one our proxy added; earlier ones are the
        # client's own claims and can be forged.
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").rsplit(",", 1)[-1].strip()
        if forwarded:
            return forwarded
    # Empty, not a made-up word, when unknown: axes stores it in an IP address column.
    return request.META.get("REMOTE_ADDR", "")
