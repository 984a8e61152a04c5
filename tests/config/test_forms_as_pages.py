"""Every form that works in place (htmx) also works as a page of its own: opened directly (a
new tab, a bookmark, a reload) or without script, it is a plain form, and sending it leads
to a page with a message; sent in place, it answers with its partial."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
import time_machine
from django.contrib.messages import get_messages
from django.urls import reverse

from logistics import checklists
from logistics.models import ChecklistItem, ChecklistTemplate
from outbox.models import Message
from tests.briefings.factories import AttachmentFactory, FigureFactory
from tests.factories import ItineraryItemFactory, at
from tests.notices.notice_setup import A_WEEK_BEFORE, approve, build_visit, send
from tests.outbox.factories import MessageFactory
from trips.models import Trip

HTMX = {"HTTP_HX_REQUEST": "true"}
ITEM = {
    "start": "2026-12-07T09:00",
    "end": "2026-12-07T10:00",
    "kind": "site_visit",
    "title": "Water plant",
}
CHECK = {"title": "Book the cars", "category": "vehicles"}


@dataclass
class Office:
    trip: Trip
    item: object
    check: ChecklistItem
    figure: object
    attachment: object
    failed: Message


@pytest.fixture
def office(settings, tmp_path, office_trip, secretary) -> Office:
    settings.MEDIA_ROOT = tmp_path / "media"
    check = ChecklistItem.objects.create(
        trip=office_trip, title="Print the pack", position=checklists.next_position(office_trip)
    )
    failed = MessageFactory(
        status=Message.Status.FAILED, failure=Message.Failure.PERMANENT, attempts=1
    )
    return Office(
        trip=office_trip,
        item=ItineraryItemFactory(trip=office_trip, title="Plant visit"),
        check=check,
        figure=FigureFactory(),
        attachment=AttachmentFactory(),
        failed=failed,
    )


@dataclass(frozen=True)
class Case:
    """One form: where it is sent, what it carries, where a plain sending lands, the message
    it leaves, and a mark of the partial it answers htmx with."""

    url: Callable[[Office], str]
    data: Callable[[Office], dict]
    lands: Callable[[Office], str]
    message: str
    partial: str


def _trip(name: str, *args) -> Callable[[Office], str]:
    return lambda o: reverse(name, args=[o.trip.pk, *(arg(o) for arg in args)])


def _item(o: Office) -> int:
    return o.item.pk


def _check(o: Office) -> int:
    return o.check.pk


def _checklist(o: Office) -> str:
    return reverse("logistics:checklist", args=[o.trip.pk])


def _template(o: Office) -> dict:
    return {"template": ChecklistTemplate.objects.filter(kind=o.trip.kind).first().pk}


CASES = {
    "item_create": Case(
        _trip("trips:item_create"),
        lambda o: ITEM,
        lambda o: o.trip.get_absolute_url(),
        "Item added.",
        'id="itinerary"',
    ),
    "item_edit": Case(
        _trip("trips:item_edit", _item),
        lambda o: {**ITEM, "title": "Plant visit, longer"},
        lambda o: o.trip.get_absolute_url(),
        "Item saved.",
        'id="itinerary"',
    ),
    "item_duplicate": Case(
        _trip("trips:item_duplicate", _item),
        lambda o: {},
        lambda o: o.trip.get_absolute_url(),
        "Item duplicated.",
        'id="itinerary"',
    ),
    "item_delete": Case(
        _trip("trips:item_delete", _item),
        lambda o: {},
        lambda o: o.trip.get_absolute_url(),
        "Item deleted.",
        'id="itinerary"',
    ),
    "checklist_item_create": Case(
        _trip("logistics:checklist_item_create"),
        lambda o: CHECK,
        _checklist,
        "Item added.",
        'id="checklist-items"',
    ),
    "checklist_item_edit": Case(
        _trip("logistics:checklist_item_edit", _check),
        lambda o: {**CHECK, "title": "Book two cars"},
        _checklist,
        "Item saved.",
        'id="checklist-items"',
    ),
    "checklist_item_move": Case(
        _trip("logistics:checklist_item_move", _check),
        lambda o: {"direction": "down"},
        _checklist,
        "Item moved.",
        'id="checklist-items"',
    ),
    "checklist_item_delete": Case(
        _trip("logistics:checklist_item_delete", _check),
        lambda o: {},
        _checklist,
        "Item deleted.",
        'id="checklist-items"',
    ),
    "checklist_item_tick": Case(
        _trip("logistics:checklist_item_tick", _check),
        lambda o: {"done": "1"},
        _checklist,
        "“Print the pack” is done.",
        'id="check-',
    ),
    "checklist_apply": Case(
        _trip("logistics:checklist_apply"),
        _template,
        _checklist,
        "Template items added.",
        'id="checklist-items"',
    ),
    "briefing_edit": Case(
        lambda o: reverse("briefings:edit", args=["figure", o.figure.pk]),
        lambda o: {
            "label": "Households",
            "value": "12600",
            "unit": "households",
            "as_of": "2026-10-31",
            "source": "Township statistics office",
        },
        lambda o: o.figure.get_absolute_url(),
        "Households: 12,600 households” saved.",
        'id="figure-{pk}"',
    ),
    "briefing_verify": Case(
        lambda o: reverse("briefings:verify", args=["figure", o.figure.pk]),
        lambda o: {"seen": o.figure.content_digest()},
        lambda o: o.figure.get_absolute_url(),
        "is marked verified.",
        'id="figure-{pk}"',
    ),
    "briefing_delete": Case(
        lambda o: reverse("briefings:delete", args=["figure", o.figure.pk]),
        lambda o: {},
        lambda o: o.figure.owner_url(),
        "deleted.",
        "",
    ),
    "attachment_delete": Case(
        lambda o: reverse("briefings:delete", args=["attachment", o.attachment.pk]),
        lambda o: {},
        lambda o: o.attachment.owner_url(),
        "deleted.",
        "",
    ),
    "calendar_regenerate": Case(
        lambda o: reverse("trips:calendar_regenerate"),
        lambda o: {},
        lambda o: reverse("desk:profile"),
        "New calendar address made.",
        'id="calendar-card"',
    ),
    "mail_resend": Case(
        lambda o: reverse("outbox:message_resend", args=[o.failed.pk]),
        lambda o: {},
        lambda o: o.failed.get_absolute_url(),
        "The e-mail is queued again.",
        "<tr",
    ),
}


def _messages(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.mark.parametrize("name", CASES)
def test_sent_as_a_page_it_leads_to_a_page_with_a_message(client, secretary, office, name):
    case = CASES[name]
    client.force_login(secretary)
    response = client.post(case.url(office), case.data(office))
    assert response.status_code == 302
    assert response.url == case.lands(office)
    assert any(case.message in message for message in _messages(response))


@pytest.mark.parametrize("name", CASES)
def test_sent_in_place_it_answers_with_its_partial(client, secretary, office, name):
    case = CASES[name]
    client.force_login(secretary)
    response = client.post(case.url(office), case.data(office), **HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html
    assert case.partial.replace("{pk}", str(office.figure.pk)) in html


@pytest.mark.parametrize(
    "url",
    [
        _trip("trips:item_create"),
        _trip("trips:item_edit", _item),
        _trip("logistics:checklist_item_create"),
        _trip("logistics:checklist_item_edit", _check),
    ],
    ids=["item_create", "item_edit", "checklist_item_create", "checklist_item_edit"],
)
def test_a_form_opened_as_a_page_of_its_own_is_sent_as_a_plain_form(client, secretary, office, url):
    client.force_login(secretary)
    page = client.get(url(office)).content.decode()
    form = page[page.index('<form class="stack card') :]
    form = form[: form.index(">")]
    assert "hx-post" not in form
    assert 'method="post"' in form


@pytest.mark.parametrize(
    "url",
    [_trip("trips:item_create"), _trip("logistics:checklist_item_create")],
    ids=["item_create", "checklist_item_create"],
)
def test_the_same_form_fetched_in_place_swaps_itself(client, secretary, office, url):
    client.force_login(secretary)
    html = client.get(url(office), **HTMX).content.decode()
    assert 'hx-target="this"' in html


# "Leaving now": the button on the item card, for the party on the road


@pytest.fixture
def on_the_road(office_trip, secretary, leader, staff):
    with time_machine.travel(A_WEEK_BEFORE, tick=False):
        visit = build_visit(office_trip, leader, staff)
        approve(office_trip, secretary, leader)
        send(office_trip, secretary)
    return visit


def test_leaving_now_sent_as_a_page_leads_to_the_item_with_a_message(
    client, secretary, on_the_road
):
    client.force_login(secretary)
    url = reverse("notices:item_leaving", args=[on_the_road.trip.pk, on_the_road.pumping.pk])
    with time_machine.travel(at(on_the_road.trip.start_date, 10, 35), tick=False):
        response = client.post(url)
    assert response.url == f"{on_the_road.trip.get_absolute_url()}#item-{on_the_road.pumping.pk}"
    assert "Hilltop water plant expects you at 11:15." in _messages(response)


def test_leaving_now_sent_in_place_answers_with_its_button(client, secretary, on_the_road):
    client.force_login(secretary)
    url = reverse("notices:item_leaving", args=[on_the_road.trip.pk, on_the_road.pumping.pk])
    with time_machine.travel(at(on_the_road.trip.start_date, 10, 35), tick=False):
        html = client.post(url, **HTMX).content.decode()
    assert f'id="leaving-{on_the_road.pumping.pk}"' in html
    assert "<html" not in html
