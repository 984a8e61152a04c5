"""The trip's history in words: what a move of the itinerary did (TripEvent.details, which
trips.moving writes), worded in the reader's language when the history is read.

It reads no model, so that TripEvent can word its own data without importing trips.moving.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.dates import long_date


def _by_minutes(minutes: int) -> str:
    if minutes > 0:
        return _("%(minutes)s min later") % {"minutes": minutes}
    return _("%(minutes)s min earlier") % {"minutes": -minutes}


def days_phrase(days: int) -> str:
    """ "3 days later", "1 day earlier" (trips.moving says so before a change of dates too)."""
    if days > 0:
        return ngettext("%(count)s day later", "%(count)s days later", days) % {"count": days}
    return ngettext("%(count)s day earlier", "%(count)s days earlier", -days) % {"count": -days}


def describe_move(details: Mapping[str, Any]) -> str:
    """A move as the trip's history tells it, in the active language."""
    how = details.get("how")
    if how == "days":
        count = details.get("items", 0)
        return ngettext("%(count)s item, %(by)s", "%(count)s items, %(by)s", count) % {
            "count": count,
            "by": days_phrase(details.get("days", 0)),
        }
    if how == "minutes":
        later, by = details.get("later", 0), _by_minutes(details.get("minutes", 0))
        if not later:
            return _("“%(item)s”, %(by)s") % {"item": details.get("item", ""), "by": by}
        return ngettext(
            "“%(item)s” and %(count)s later item, %(by)s",
            "“%(item)s” and %(count)s later items, %(by)s",
            later,
        ) % {"item": details.get("item", ""), "count": later, "by": by}
    if how == "day":
        day = date.fromisoformat(details["day"])
        return _("“%(item)s” to %(day)s") % {"item": details.get("item", ""), "day": long_date(day)}
    if how == "fit":
        count = details.get("items", 0)
        return ngettext(
            "%(count)s item after “%(item)s”, %(by)s",
            "%(count)s items after “%(item)s”, %(by)s",
            count,
        ) % {
            "count": count,
            "item": details.get("item", ""),
            "by": _by_minutes(details.get("minutes", 0)),
        }
    return ""
