"""Time zones as the office names them: 北京时间 for China time, the usual zones first.

One helper for every place a trip's time zone is shown: the trip page, the trip form's
picker and the e-mails (`{% load zones %}{{ zone|zone_label }}`). A zone the office seldom
uses is named by its city in the reader's language, from the Unicode CLDR's city names
(Babel): 布宜诺斯艾利斯时间 / Buenos Aires time; never by its IANA name on a page.
"""

from __future__ import annotations

import zoneinfo
from functools import lru_cache

from babel import Locale
from babel.core import get_global
from babel.dates import get_timezone_location
from django.utils import translation
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

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
# The picker's other zones, by the part of the world their IANA name starts with.
REGIONS = {
    "Asia": _("Asia"),
    "Europe": _("Europe"),
    "Africa": _("Africa"),
    "America": _("The Americas"),
    "Australia": _("Australia"),
    "Pacific": _("Pacific"),
    "Indian": _("Indian Ocean"),
    "Atlantic": _("Atlantic"),
    "Antarctica": _("Antarctica"),
    "Arctic": _("Arctic"),
}


# Old names of zones (Asia/Calcutta for Asia/Kolkata): the picker offers each city once.
ALIASES = frozenset(get_global("zone_aliases"))


@lru_cache(maxsize=2048)
def _city_time(name: str, language: str) -> str:
    """ "东京时间" / "Tokyo time": the zone's city (CLDR) in the language."""
    city = get_timezone_location(name, Locale.parse(translation.to_locale(language)), True)
    with translation.override(language):
        return pgettext("time zone", "%(city)s time") % {"city": city}


def zone_label(name: str) -> str:
    """The zone as people read it, in the active language: "北京时间" for Asia/Shanghai, the
    city's time for a zone of a city ("布宜诺斯艾利斯时间"); a zone of no city (UTC, the
    Etc zones, old aliases) keeps its name."""
    label = USUAL.get(name)
    if label is not None:
        return str(label)
    if _has_city(name):
        return _city_time(name, translation.get_language() or "en")
    return name


def _has_city(name: str) -> bool:
    return "/" in name and name.split("/", 1)[0] in REGIONS and name not in ALIASES


zone_label_lazy = lazy(zone_label, str)


def choices() -> list[tuple]:
    """The picker's choices: the usual zones by name, then every other zone by region, each
    named by its city; zones of no city and old names of zones last. Labels are lazy, so the
    picker speaks the page's language."""
    rest = sorted(zoneinfo.available_timezones() - USUAL.keys())
    by_region: dict[str, list[tuple]] = {region: [] for region in REGIONS}
    others = []
    for name in rest:
        if _has_city(name):
            by_region[name.split("/", 1)[0]].append((name, zone_label_lazy(name)))
        else:
            others.append((name, name))
    return [
        (_("Usual time zones"), list(USUAL.items())),
        *((REGIONS[region], zones) for region, zones in by_region.items() if zones),
        (_("Other time zones"), others),
    ]
