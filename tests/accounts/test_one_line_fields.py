"""One-line fields: a title, a name, a unit typed or pasted with line breaks stays one line."""

from __future__ import annotations

import importlib
import pkgutil

import pytest
from django import forms
from django.urls import reverse

from accounts.forms import OneLineField, one_line
from directory.models import Contact
from followups.models import FollowUp
from outbox.models import Message
from tests.followups.item_setup import department, note
from tests.notices.notice_setup import approve, build_visit, send
from tests.trips.test_trips import trip_data
from trips.models import Trip

APPS = ("accounts", "directory", "trips", "followups", "briefings", "logistics", "printing", "desk")
# Modules that are scripts rather than parts of the app.
SCRIPTS = ("printing.bench", "printing.fonts")


def _project_forms() -> list[type[forms.BaseForm]]:
    for app in APPS:
        package = importlib.import_module(app)
        for module in pkgutil.walk_packages(package.__path__, f"{app}."):
            name = module.name
            if ".migrations" in name or name.startswith(SCRIPTS) or ".management" in name:
                continue
            importlib.import_module(name)
    found, todo = [], [forms.BaseForm]
    while todo:
        for sub in todo.pop().__subclasses__():
            todo.append(sub)
            if sub.__module__.split(".")[0] in APPS:
                found.append(sub)
    return found


def test_control_characters_become_single_spaces():
    assert one_line("a\r\nb\tc") == "a b c"
    assert one_line("  王伟\u2028副省长\x07 ") == "王伟 副省长"


@pytest.mark.parametrize("form", _project_forms(), ids=lambda form: form.__qualname__)
def test_every_one_line_text_field_of_a_form_is_a_one_line_field(form):
    plain = [
        name
        for name, field in form.base_fields.items()
        if type(field) is forms.CharField
        and not isinstance(field.widget, forms.Textarea | forms.HiddenInput | forms.Select)
    ]
    assert not plain, f"{form.__module__}.{form.__qualname__}: use OneLineField for {plain}"


def test_a_one_line_field_cleans_to_one_line():
    assert OneLineField().clean("Visit\r\nthe\tplant") == "Visit the plant"


# What a pasted line break used to do: appear as a line of its own in e-mails


ITEM = {"start": "2026-12-07T15:00", "end": "2026-12-07T16:00", "kind": "site_visit"}


@pytest.fixture
def as_secretary(client, secretary):
    client.force_login(secretary)
    return client


def test_a_trip_title_typed_over_two_lines_is_kept_on_one(as_secretary):
    as_secretary.post(reverse("trips:trip_create"), trip_data(title="Flood\r\ndefences\tvisit"))
    assert Trip.objects.get().title == "Flood defences visit"


def test_an_item_title_and_place_are_kept_on_one_line(as_secretary, office_trip):
    data = {**ITEM, "title": "Visit\r\nthe\tplant", "place": " Plant\nNo. 1 "}
    as_secretary.post(reverse("trips:item_create", args=[office_trip.pk]), data)
    item = office_trip.items.get()
    assert (item.title, item.place) == ("Visit the plant", "Plant No. 1")


def test_a_contacts_name_and_title_are_kept_on_one_line(as_secretary):
    data = {"name": "Zhang\r\nMin", "title": "Head\tof office", "department": "Water\nbureau"}
    as_secretary.post(reverse("directory:contact_create"), data)
    contact = Contact.objects.get()
    assert (contact.name, contact.title, contact.department) == (
        "Zhang Min",
        "Head of office",
        "Water bureau",
    )


def test_a_follow_up_title_is_kept_on_one_line(as_secretary, office_trip, secretary):
    dept, _contact = department()
    promise = note(office_trip, secretary)
    data = {
        "title": "Fix the\r\npump",
        "to_do": "Repair the pump.\nThen test it.",
        "department": dept.pk,
        "due_date": "2027-01-15",
        "priority": "normal",
    }
    as_secretary.post(reverse("followups:item_create", args=[office_trip.pk, promise.pk]), data)
    item = FollowUp.objects.get()
    # A one-line title; the text of what to do keeps its lines.
    assert (item.title, item.to_do) == ("Fix the pump", "Repair the pump.\nThen test it.")


def test_the_notice_e_mail_shows_an_items_title_on_one_line(
    as_secretary, office_trip, secretary, leader, staff
):
    visit = build_visit(office_trip, leader, staff)
    data = {**ITEM, "title": "Walk the\r\nriverbank", "host_unit": visit.township.pk}
    as_secretary.post(reverse("trips:item_create", args=[office_trip.pk]), data)
    approve(office_trip, secretary, leader)
    send(office_trip, secretary)
    body = Message.objects.get(to="zhang@township.example").text_body
    assert "Walk the riverbank" in body
    assert not any(line.strip() == "riverbank" for line in body.splitlines())
