"""Time zones as the office names them: 北京时间 for China time, the usual zones first.

One helper for every place a trip's time zone is shown: the trip page, the trip form's
picker and the e-mails (`{% load zones %}{{ zone|zone_label }}`).
"""

from __future__ import annotations

import zoneinfo

from django.utils.translation import gettext_lazy as _

# The zones the office travels in most, in the order the picker offers them.
USUAL = {
    "Asia/Shanghai": _("Beijing time"),
    "Asia/Hong_Kong": _("Hong Kong time"),
    "Asia/Taipei": _("Taipei time"),
    "Asia/Tokyo": _("Tokyo time"),
    "Asia/Singapore": _("Singapore time"),
    "Europe/London": _("London time"),
    "Europe/Paris": _("Paris time"),
    "Europe/Berlin": _("Berlin time"),
    "America/New_York": _("New York time"),
    "America/Los_Angeles": _("Los Angeles time"),
}


def zone_label(name: str) -> str:
    """The zone as people read it, in the active language: "Beijing time" for
    Asia/Shanghai; a zone the office rarely uses keeps its IANA name."""
    label = USUAL.get(name)
    return str(label) if label is not None else name


def choices() -> list[tuple]:
    """The picker's choices: the usual zones by name, then every other zone, A to Z.
    Labels are lazy, so the picker speaks the page's language."""
    rest = sorted(zoneinfo.available_timezones() - USUAL.keys())
    return [
        (_("Usual time zones"), list(USUAL.items())),
        (_("All time zones"), [(name, name) for name in rest]),
    ]
