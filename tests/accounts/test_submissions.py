"""A creating form sent twice (a double click, a reload, the back button) makes one row: each
rendering carries a one-time key (accounts.submissions), claimed with the row it makes."""

from __future__ import annotations

import datetime as dt
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts import submissions
from accounts.models import Submission
from briefings.models import Figure
from directory.models import Contact, Department, HostUnit
from followups.models import FollowUp
from logistics.models import ChecklistItem, ChecklistTemplate, PersonalNeed
from notices import links
from tests.factories import HostUnitFactory, ItineraryItemFactory
from tests.followups.item_setup import department, note
from tests.notices.notice_setup import approve, build_visit, send
from tests.trips.test_trips import trip_data
from trips.models import ItineraryItem, Trip

HTMX = {"HTTP_HX_REQUEST": "true"}
KEY = "0123456789abcdef0123456789abcdef"
ITEM = {
    "start": "2026-12-07T09:00",
    "end": "2026-12-07T10:00",
    "kind": "site_visit",
    "title": "Water plant",
}


@dataclass(frozen=True)
class Creating:
    """A creating form: where it is sent, what it carries, and the rows it makes."""

    url: Callable[[Trip], str]
    data: Callable[[Trip], dict]
    rows: Callable[[Trip], object]  # a queryset of what it makes


def _on_trip(name: str) -> Callable[[Trip], str]:
    return lambda trip: reverse(name, args=[trip.pk])


def _promise_url(trip: Trip) -> str:
    promise = note(trip, trip.members.get(role="secretary").user)
    return reverse("followups:item_create", args=[trip.pk, promise.pk])


def _followup(trip: Trip) -> dict:
    dept, _contact = department()
    return {
        "title": "Fix the pump",
        "to_do": "Repair the pump in the east village.",
        "department": dept.pk,
        "due_date": "2027-01-15",
        "priority": "normal",
    }


def _duplicate_url(trip: Trip) -> str:
    item = ItineraryItemFactory(trip=trip, title="Plant visit")
    return reverse("trips:item_duplicate", args=[trip.pk, item.pk])


def _unit_add_url(trip: Trip) -> str:
    return reverse("briefings:unit_add", args=[HostUnitFactory().pk, "figure"])


CREATING = {
    "item": Creating(_on_trip("trips:item_create"), lambda t: ITEM, lambda t: t.items.all()),
    "trip": Creating(
        lambda t: reverse("trips:trip_create"),
        lambda t: trip_data(),
        lambda t: Trip.objects.filter(title="Flood defences in Riverside"),
    ),
    "duplicate": Creating(
        _duplicate_url, lambda t: {}, lambda t: ItineraryItem.objects.filter(trip=t)
    ),
    "checklist_item": Creating(
        _on_trip("logistics:checklist_item_create"),
        lambda t: {"title": "Book the cars", "category": "vehicles"},
        lambda t: t.checklist_items.all(),
    ),
    "checklist_template": Creating(
        _on_trip("logistics:checklist_apply"),
        lambda t: {"template": ChecklistTemplate.objects.filter(kind=t.kind).first().pk},
        lambda t: ChecklistItem.objects.filter(trip=t),
    ),
    "need": Creating(
        _on_trip("logistics:need_create"),
        lambda t: {"person": t.members.get(role="staff").user_id, "dietary": "Vegetarian"},
        lambda t: PersonalNeed.objects.filter(trip=t),
    ),
    "followup": Creating(_promise_url, _followup, lambda t: FollowUp.objects.filter(trip=t)),
    "host_unit": Creating(
        lambda t: reverse("directory:hostunit_create"),
        lambda t: {"name": "East village", "kind": "township", "language": "zh-hans"},
        lambda t: HostUnit.objects.filter(name="East village"),
    ),
    "contact": Creating(
        lambda t: reverse("directory:contact_create"),
        lambda t: {
            "name": "Zhang Min",
            "department": "Water bureau",
            "email": "zhang@bureau.example",
        },
        lambda t: Contact.objects.filter(name="Zhang Min"),
    ),
    "department": Creating(
        lambda t: reverse("directory:department_create"),
        lambda t: {"name": "Water bureau", "language": "en"},
        lambda t: Department.objects.filter(name="Water bureau"),
    ),
    "briefing_figure": Creating(
        _unit_add_url,
        lambda t: {
            "label": "Households",
            "value": "12500",
            "unit": "households",
            "as_of": "2026-10-31",
            "source": "Township statistics office",
        },
        lambda t: Figure.objects.filter(label="Households"),
    ),
}


@pytest.fixture
def as_secretary(client, secretary) -> Client:
    client.force_login(secretary)
    return client


def _messages(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.mark.parametrize("name", CREATING)
def test_a_form_sent_twice_with_its_key_makes_one_row(as_secretary, office_trip, name):
    form = CREATING[name]
    url, data = form.url(office_trip), {**form.data(office_trip), submissions.FIELD: KEY}
    before = form.rows(office_trip).count()
    first = as_secretary.post(url, data)
    assert first.status_code == 302, first.context and first.context["form"].errors
    made = form.rows(office_trip).count()
    assert made > before
    again = as_secretary.post(url, data)
    assert form.rows(office_trip).count() == made
    assert (again.status_code, again.url) == (302, first.url)


def test_the_second_sending_says_nothing_was_added_again(as_secretary, office_trip):
    data = {**ITEM, submissions.FIELD: KEY}
    as_secretary.post(reverse("trips:item_create", args=[office_trip.pk]), data)
    again = as_secretary.post(reverse("trips:item_create", args=[office_trip.pk]), data)
    assert "nothing was added a second time" in " ".join(_messages(again))


def test_a_second_sending_in_place_loads_the_page_the_first_was_sent_from(
    as_secretary, office_trip
):
    url = reverse("trips:item_create", args=[office_trip.pk])
    data = {**ITEM, submissions.FIELD: KEY}
    page = {**HTMX, "HTTP_HX_CURRENT_URL": f"http://testserver{office_trip.get_absolute_url()}"}
    as_secretary.post(url, data, **page)
    again = as_secretary.post(url, data, **page)
    assert again["HX-Redirect"] == office_trip.get_absolute_url()
    assert office_trip.items.count() == 1


def test_a_refused_sending_leaves_its_key_free(as_secretary, office_trip):
    url = reverse("trips:item_create", args=[office_trip.pk])
    as_secretary.post(url, {**ITEM, "title": "", submissions.FIELD: KEY})
    response = as_secretary.post(url, {**ITEM, submissions.FIELD: KEY})
    assert response.status_code == 302
    assert office_trip.items.count() == 1


def test_a_form_sent_without_a_key_is_saved_each_time(as_secretary, office_trip):
    url = reverse("trips:item_create", args=[office_trip.pk])
    as_secretary.post(url, ITEM)
    as_secretary.post(url, ITEM)
    assert office_trip.items.count() == 2


def test_a_host_units_message_sent_twice_reaches_the_office_once(
    client, office_trip, secretary, leader, staff
):
    visit = build_visit(office_trip, leader, staff)
    approve(office_trip, secretary, leader)
    notice = next(n for n in send(office_trip, secretary) if n.host_unit == visit.township)
    url = reverse("notices:notice_reply", args=[links.make_token(notice)])
    data = {"text": "Can we start at 09:30?", submissions.FIELD: KEY}
    client.post(url, data)
    client.post(url, data)
    assert notice.replies.count() == 1


def _keys(html: str) -> list[str]:
    return re.findall(rf'name="{submissions.FIELD}" value="([0-9a-f]{{32}})"', html)


@pytest.mark.parametrize(
    "url",
    [
        lambda t: reverse("trips:trip_create"),
        _on_trip("trips:item_create"),
        _on_trip("logistics:checklist_item_create"),
        _on_trip("logistics:need_create"),
        _on_trip("logistics:gift_create"),
        _on_trip("logistics:vehicle_create"),
        _on_trip("logistics:checklist_save_template"),
        _promise_url,
        lambda t: reverse("directory:hostunit_create"),
        lambda t: reverse("directory:contact_create"),
        lambda t: reverse("directory:department_create"),
        _unit_add_url,
    ],
    ids=[
        "trip",
        "item",
        "checklist_item",
        "need",
        "gift",
        "vehicle",
        "checklist_template",
        "followup",
        "host_unit",
        "contact",
        "department",
        "briefing",
    ],
)
def test_each_rendering_of_a_creating_form_carries_a_fresh_key(as_secretary, office_trip, url):
    first = _keys(as_secretary.get(url(office_trip)).content.decode())
    second = _keys(as_secretary.get(url(office_trip)).content.decode())
    assert len(first) == len(second) == 1
    assert first != second


def test_an_edit_form_carries_no_key(as_secretary, office_trip):
    item = ItineraryItemFactory(trip=office_trip)
    html = as_secretary.get(reverse("trips:item_edit", args=[office_trip.pk, item.pk])).content
    assert not _keys(html.decode())


def test_keys_older_than_a_week_are_forgotten(db):
    old = Submission.objects.create(key="a" * 32)
    Submission.objects.filter(pk=old.pk).update(created_at=timezone.now() - dt.timedelta(days=8))
    recent = Submission.objects.create(key="b" * 32)
    assert submissions.sweep() == 1
    assert list(Submission.objects.all()) == [recent]


@pytest.mark.django_db(transaction=True)
def test_two_sendings_at_the_same_moment_make_one_row(secretary, office_trip):
    url = reverse("trips:item_create", args=[office_trip.pk])
    start = threading.Barrier(2)
    answers: list[int] = []

    def send() -> None:
        client = Client()
        client.force_login(secretary)
        try:
            start.wait()
            answers.append(client.post(url, {**ITEM, submissions.FIELD: KEY}).status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=send) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert answers == [302, 302]
    assert ItineraryItem.objects.filter(trip=office_trip).count() == 1
