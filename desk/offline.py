"""What the service worker (/sw.js, static/js/offline.js registers it) keeps on a phone.

The app shell: the style sheets and scripts every kept page needs, fetched when the worker
installs. The pages: only those whose answer says so (accounts.offline's header: the note
page and the party's day of an office trip), fetched from the network first and read from
the phone only when the network fails, each login's in a cache of its own. The worker
never looks at any other address: not the host units' and departments' signed links, not
a POST, not a file download.
"""

from __future__ import annotations

import hashlib
import json
import re
from functools import cache

from django.conf import settings
from django.contrib.staticfiles import finders
from django.templatetags.static import static
from django.urls import reverse

from accounts.offline import OFFLINE_HEADER

# What base.html and the kept pages load; a file that is not there is left out.
SHELL = (
    "css/tripdesk.css",
    "css/print.css",
    "css/notes.css",
    "js/tripdesk.js",
    "js/offline.js",
    "js/notes.js",
    "django_htmx/htmx-2.min.js",
    "django_htmx/django-htmx.js",
    "img/favicon.svg",
)
# The pages that may be kept, by URL name (each takes the trip's pk).
PAGES = ("followups:note_capture", "notices:today")
_SAMPLE_PK = 9876543210


def _pattern(name: str) -> str:
    """The page's path as a JavaScript regular expression, any pk in place of the sample."""
    path = re.escape(reverse(name, kwargs={"pk": _SAMPLE_PK}))
    return "^" + path.replace(str(_SAMPLE_PK), r"\d+") + "$"


def _config() -> dict:
    files = [(path, finders.find(path)) for path in SHELL]
    found = [(path, found) for path, found in files if found]
    digest = hashlib.sha256()
    for path, location in found:
        digest.update(path.encode())
        with open(location, "rb") as file:
            digest.update(file.read())
    return {
        # A new version whenever a file of the shell changes: the worker then fetches it again.
        "version": digest.hexdigest()[:16],
        "shell": [static(path) for path, _location in found],
        "pages": [_pattern(name) for name in PAGES],
        "header": OFFLINE_HEADER,
    }


_cached_config = cache(_config)


def worker_config() -> str:
    """The worker's settings as a JavaScript object literal (JSON)."""
    # Files change under a developer's hands; in production they change only with a deploy.
    config = _config() if settings.DEBUG else _cached_config()
    return json.dumps(config)
