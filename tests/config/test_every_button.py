# ruff: noqa: RUF001  (what a person types is Chinese with full-width punctuation)
"""Every button of every page, pressed as a person would: never a server error.

The office's inspection (tests/fixtures/every_page.py) is read page by page as the person
each page is for; every form on it is sent once as it stands (each of its submit buttons)
and once filled in the way a hurried person fills it, and each press is rolled back, so
every button is pressed on the same data. A 5xx anywhere fails the test, with the page, the
form and what was sent.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import lxml.html
import pytest
import time_machine
from django.db import transaction
from django.test import Client
from django.urls import reverse

from tests.fixtures import every_page
from trips.models import Trip

pytestmark = pytest.mark.django_db

# What a hurried person types into an empty field, by its input type.
TYPED = {
    "date": lambda: every_page.FIRST_DAY.isoformat(),
    "time": lambda: "10:00",
    "datetime-local": lambda: f"{every_page.FIRST_DAY.isoformat()}T10:00",
    "number": lambda: "1",
    "email": lambda: "someone@example.org",
    "tel": lambda: "0731-8822 1010",
    "url": lambda: "https://example.org/",
    "search": lambda: "水厂",
}
SKIPPED_TYPES = {"file", "hidden", "checkbox", "radio", "submit", "button", "image", "reset"}


@dataclass(frozen=True)
class Press:
    """One press of one button: where, how, with what."""

    page: str
    method: str
    action: str
    data: tuple[tuple[str, str], ...]
    headers: tuple[tuple[str, str], ...]

    def __str__(self) -> str:
        return f"{self.method} {self.action} from {self.page} with {self.data}"


def _buttons(form, document) -> list[tuple[str, str] | None]:
    """The form's submit buttons as (name, value), None for one without a name."""
    found = form.xpath(".//button[not(@type) or @type='submit'] | .//input[@type='submit']")
    if form.get("id"):
        found += document.xpath(f"//button[@form='{form.get('id')}'][not(@type) or @type='submit']")
    presses = [(b.get("name"), b.get("value", "")) if b.get("name") else None for b in found]
    return list(dict.fromkeys(presses)) or [None]


def _filled(form) -> list[tuple[str, str]]:
    """The form as a person fills it: every empty text field typed in, a choice made."""
    values = []
    for field in form.inputs:
        name = field.get("name")
        if not name or field.get("disabled") is not None:
            continue
        tag = field.tag
        kind = (field.get("type") or "text").lower() if tag == "input" else tag
        if tag == "select":
            options = [o.get("value", o.text or "") for o in field.xpath(".//option")]
            chosen = field.value if not field.multiple else list(field.value)
            if field.multiple:
                values += [(name, v) for v in (chosen or [v for v in options if v][:1])]
            else:
                values.append((name, chosen or next((v for v in options if v), "")))
        elif kind in ("checkbox", "radio"):
            if field.checked:
                values.append((name, field.get("value", "on")))
        elif kind in SKIPPED_TYPES:
            if kind == "hidden":
                values.append((name, field.value or ""))
        elif tag == "textarea" or kind not in TYPED:
            values.append((name, field.value or "测试：张三，副主任（青山县）"))
        else:
            values.append((name, field.value or TYPED[kind]()))
    return values


def presses(
    path: str, html: str, headers: dict[str, str], within: str = "//form"
) -> Iterator[Press]:
    """Every button of the page (of the forms the XPath finds), as it stands and filled in."""
    if not html.strip():  # a panel with nothing for this reader
        return
    document = lxml.html.fromstring(html)
    for form in document.xpath(within):
        action = form.get("hx-post") or form.get("action") or path
        method = "POST" if form.get("hx-post") else (form.get("method") or "GET").upper()
        action = urljoin(path, action)
        if urlsplit(action).netloc or action.startswith(("/admin/", "/i18n/")):
            continue
        htmx = {"HTTP_HX_REQUEST": "true"} if form.get("hx-post") or form.get("hx-get") else {}
        seen = set()
        for filled in (list(form.form_values()), _filled(form)):
            for button in _buttons(form, document):
                data = tuple(filled + ([button] if button else []))
                if data not in seen:
                    seen.add(data)
                    yield Press(path, method, action, data, tuple({**headers, **htmx}.items()))


def press(client: Client, one: Press) -> int:
    """Press the button, then undo what it did: the next press sees the same data and the
    same session (logging out is a button too)."""
    cookies = copy.deepcopy(client.cookies)
    data: dict[str, list[str]] = {}
    for name, value in one.data:
        data.setdefault(name, []).append(value)
    with transaction.atomic():
        if one.method == "POST":
            response = client.post(one.action, data, **dict(one.headers))
        else:
            response = client.get(one.action, data, **dict(one.headers))
        transaction.set_rollback(True)
    client.cookies = cookies
    return response.status_code


@pytest.fixture
def office():
    return every_page.build()


def clients_for(office: every_page.Office) -> dict[str, Client]:
    """A client per reader that answers a crash with its 500 page, as a browser sees it."""
    clients = {}
    for name, user in every_page.readers(office).items():
        clients[name] = Client(raise_request_exception=False, **every_page.ZH)
        if user is not None:
            clients[name].force_login(user)
    return clients


def press_all(clients: dict[str, Client], office, names=None) -> tuple[int, list[str]]:
    """Read each page (of those named, each with the XPath of its forms to press) and press
    every button on it."""
    failed, pressed = [], 0
    for name, reads in every_page.PAGES.items():
        if names is not None and name not in names:
            continue
        within = names[name] if names is not None else "//form"
        for reader, kwargs, headers in reads:
            path = reverse(name, kwargs=kwargs(office))
            client = clients[reader]
            page = client.get(path, **headers)
            if page.status_code >= 500:
                failed.append(f"{page.status_code} as {reader}: GET {path}")
                continue
            for one in presses(path, page.content.decode(), headers, within):
                pressed += 1
                status = press(client, one)
                if status >= 500:
                    failed.append(f"{status} as {reader}: {one}")
    return pressed, failed


def test_every_button_of_every_page_answers_without_a_server_error(office):
    with time_machine.travel(every_page.ON_THE_ROAD, tick=False):
        pressed, failed = press_all(clients_for(office), office)
    assert pressed > 300, f"only {pressed} buttons found: the crawl is not reading the pages"
    assert not failed, "server errors:\n" + "\n".join(failed)


# The trip's own pages offer other buttons in each status (submit, start, cancel, close):
# the workflow's forms on the trip page, the follow-up panel's, the notices', "leaving now"
# and cancelling.
TRIP_PAGES = {
    "trips:trip_detail": "//*[@id='workflow']//form",
    "followups:trip_panel": "//form",
    "notices:notices": "//form",
    "notices:leaving_buttons": "//form",
    "notices:trip_cancel": "//form",
}


def test_the_trips_buttons_in_each_status_answer_without_a_server_error(office):
    clients, failed = clients_for(office), []
    with time_machine.travel(every_page.ON_THE_ROAD, tick=False):
        for status in Trip.Status.values:
            with transaction.atomic():
                Trip.objects.filter(pk=office.trip.pk).update(status=status)
                office.trip.refresh_from_db()
                pressed, errors = press_all(clients, office, TRIP_PAGES)
                transaction.set_rollback(True)
            assert pressed, f"no button found on the trip's pages when {status}"
            failed += [f"({status}) {error}" for error in errors]
    assert not failed, "server errors:\n" + "\n".join(failed)
