"""Notes on the trip: quick capture, who may read and write them, a note resent kept once,
the list by item and kind."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.offline import OFFLINE_HEADER
from followups import notes
from followups.models import Note
from tests.factories import ItineraryItemFactory, TripFactory, UserFactory, at

pytestmark = pytest.mark.django_db

DAY = dt.date(2026, 12, 7)


def capture_url(trip) -> str:
    return reverse("followups:note_capture", args=[trip.pk])


def list_url(trip) -> str:
    return reverse("followups:note_list", args=[trip.pk])


def panel_url(trip) -> str:
    return reverse("followups:trip_notes", args=[trip.pk])


def note_data(**overrides) -> dict:
    return {"kind": "seen", "item": "", "text": "The new pipes reach 40 villages.", **overrides}


def make_note(trip, author, **fields) -> Note:
    return Note.objects.create(trip=trip, author=author, **{"kind": "seen", "text": "x", **fields})


# Capture


def test_a_party_member_writes_a_note_on_an_item(client, office_trip, staff):
    item = ItineraryItemFactory(trip=office_trip, title="Plant visit")
    client.force_login(staff)
    response = client.post(
        capture_url(office_trip),
        note_data(kind="promise", item=item.pk, speaker="Mayor Liu", verified="on"),
    )
    assert response.status_code == 302
    note = Note.objects.get()
    assert (note.trip, note.item, note.kind, note.author) == (office_trip, item, "promise", staff)
    assert note.speaker == "Mayor Liu"
    assert note.verified


def test_capture_page_picks_the_item_under_way_on_the_trips_clock(client, secretary):
    trip = TripFactory(
        start_date=DAY, end_date=DAY, time_zone="Europe/Berlin", team={secretary: "secretary"}
    )
    berlin = trip.tzinfo
    ItineraryItemFactory(trip=trip, title="Morning", start=at(DAY, 9, tz=berlin))
    under_way = ItineraryItemFactory(trip=trip, title="Afternoon", start=at(DAY, 14, tz=berlin))
    client.force_login(secretary)
    with time_machine.travel(at(DAY, 14, 30, tz=berlin), tick=False):
        form = client.get(capture_url(trip)).context["form"]
    assert form["item"].value() == under_way.pk


def test_between_items_the_one_just_ended_is_picked(office_trip):
    first = ItineraryItemFactory(trip=office_trip, start=at(DAY, 9))  # ends 10:00
    ItineraryItemFactory(trip=office_trip, start=at(DAY, 11))
    assert notes.item_under_way(office_trip, at(DAY, 10, 20)) == first
    assert notes.item_under_way(office_trip, at(DAY, 8)) is None


def test_capture_page_gives_each_note_a_client_key_and_large_choices(client, office_trip, leader):
    client.force_login(leader)
    response = client.get(capture_url(office_trip))
    assert response.status_code == 200
    assert len(response.context["form"]["client_key"].value()) == 32
    assert b'class="note-kind-choice"' in response.content
    assert b"js/notes.js" in response.content


def test_the_not_sent_banner_is_in_the_page_for_translation(client, office_trip, staff):
    client.force_login(staff)
    content = client.get(capture_url(office_trip)).content.decode()
    assert 'id="note-unsent"' in content
    assert "Not sent yet." in content


def test_an_invalid_note_comes_back_with_its_text(client, office_trip, staff):
    client.force_login(staff)
    response = client.post(capture_url(office_trip), note_data(kind="gossip"))
    assert response.status_code == 200
    assert "The new pipes reach 40 villages." in response.content.decode()
    assert not Note.objects.exists()


def test_the_script_gets_json(client, office_trip, staff):
    client.force_login(staff)
    accept = {"Accept": "application/json"}
    ok = client.post(capture_url(office_trip), note_data(client_key="k1"), headers=accept)
    assert ok.status_code == 201
    assert ok.json()["id"] == Note.objects.get().pk
    bad = client.post(capture_url(office_trip), note_data(text=""), headers=accept)
    assert bad.status_code == 400
    assert "text" in bad.json()["errors"]


def test_an_item_of_another_trip_is_refused(client, office_trip, staff):
    other = ItineraryItemFactory(trip=TripFactory())
    client.force_login(staff)
    client.post(capture_url(office_trip), note_data(item=other.pk))
    assert not Note.objects.exists()


# Idempotency


def test_a_note_resent_with_its_client_key_is_kept_once(client, office_trip, staff):
    client.force_login(staff)
    accept = {"Accept": "application/json"}
    first = client.post(capture_url(office_trip), note_data(client_key="abc"), headers=accept)
    again = client.post(capture_url(office_trip), note_data(client_key="abc"), headers=accept)
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["id"] == again.json()["id"]
    assert Note.objects.count() == 1


def test_a_plain_post_sent_twice_is_kept_once(client, office_trip, staff):
    client.force_login(staff)
    client.post(capture_url(office_trip), note_data(client_key="tap"))
    client.post(capture_url(office_trip), note_data(client_key="tap"))
    assert Note.objects.count() == 1


def test_client_keys_are_per_author(office_trip, staff, secretary):
    _, first = notes.record(office_trip, staff, client_key="same", kind="seen", text="a")
    _, second = notes.record(office_trip, secretary, client_key="same", kind="seen", text="b")
    assert first and second
    assert Note.objects.count() == 2


def test_notes_without_a_key_are_never_merged(office_trip, staff):
    notes.record(office_trip, staff, kind="seen", text="a")
    notes.record(office_trip, staff, kind="seen", text="a")
    assert Note.objects.count() == 2


# Who may read and write


@pytest.mark.parametrize("who", ["secretary", "leader", "staff"])
def test_the_party_writes_notes(client, office_trip, who, request):
    client.force_login(request.getfixturevalue(who))
    assert client.get(capture_url(office_trip)).status_code == 200
    assert client.post(capture_url(office_trip), note_data()).status_code == 302


def test_office_users_off_the_team_read_office_notes_but_do_not_write(
    client, office_trip, outsider, staff
):
    make_note(office_trip, staff, text="Water pressure is low in the east.")
    client.force_login(outsider)
    assert "Water pressure is low" in client.get(list_url(office_trip)).content.decode()
    assert client.get(panel_url(office_trip)).status_code == 200
    assert client.get(capture_url(office_trip)).status_code == 403
    assert client.post(capture_url(office_trip), note_data()).status_code == 403
    assert Note.objects.count() == 1


def test_readers_see_no_write_link(client, office_trip, outsider):
    client.force_login(outsider)
    assert capture_url(office_trip) not in client.get(list_url(office_trip)).content.decode()


@pytest.mark.parametrize("url", [capture_url, list_url, panel_url])
def test_internal_trip_notes_are_404_to_outsiders(client, confidential_trip, outsider, url):
    client.force_login(outsider)
    assert client.get(url(confidential_trip)).status_code == 404


def test_internal_trip_notes_for_the_team(client, confidential_trip, staff, leader):
    make_note(confidential_trip, leader, text="Merger terms still open.")
    client.force_login(staff)
    assert "Merger terms still open." in client.get(list_url(confidential_trip)).content.decode()
    assert client.post(capture_url(confidential_trip), note_data()).status_code == 302


def test_accounts_without_an_office_role_are_refused(client, office_trip, stranger):
    client.force_login(stranger)
    assert client.get(list_url(office_trip)).status_code == 403


def test_nobody_writes_on_a_closed_trip(client, office_trip, secretary):
    office_trip.status = "closed"
    office_trip.save()
    client.force_login(secretary)
    assert client.post(capture_url(office_trip), note_data()).status_code == 403


def test_the_trip_page_loads_the_notes_panel_by_url(client, office_trip, secretary):
    client.force_login(secretary)
    content = client.get(office_trip.get_absolute_url()).content.decode()
    assert f'hx-get="{panel_url(office_trip)}"' in content


# The list by item and kind


def test_notes_are_listed_by_item_in_time_order_then_by_kind(office_trip, staff):
    late = ItineraryItemFactory(trip=office_trip, title="Late", start=at(DAY, 15))
    early = ItineraryItemFactory(trip=office_trip, title="Early", start=at(DAY, 9))
    make_note(office_trip, staff, item=late, kind="decision", text="1")
    make_note(office_trip, staff, item=early, kind="request", text="2")
    make_note(office_trip, staff, item=early, kind="seen", text="3")
    make_note(office_trip, staff, kind="heard", text="4")
    make_note(office_trip, staff, item=early, kind="seen", text="5")

    groups = notes.by_item_and_kind(office_trip)

    assert [g.item for g in groups] == [early, late, None]
    assert [k.kind for k in groups[0].kinds] == ["seen", "request"]
    assert [n.text for n in groups[0].kinds[0].notes] == ["3", "5"]
    assert groups[0].count == 3


def test_the_panel_shows_items_kinds_and_who_said_it(client, office_trip, staff, secretary):
    item = ItineraryItemFactory(trip=office_trip, title="Plant visit")
    make_note(office_trip, staff, item=item, kind="promise", text="Fix the road", speaker="Liu")
    client.force_login(secretary)
    content = client.get(panel_url(office_trip)).content.decode()
    assert "Plant visit" in content
    assert "Promise made to the host" in content
    assert "Fix the road" in content
    assert "Said by Liu" in content
    assert "<html" not in content


@pytest.mark.parametrize("url", [list_url, panel_url])
def test_the_notes_queries_do_not_grow_with_notes(client, secretary, url):
    def trip_with(n: int):
        trip = TripFactory(team={secretary: "secretary"})
        items = [
            ItineraryItemFactory(trip=trip, start=at(trip.start_date, 8 + i)) for i in range(3)
        ]
        for i in range(n):
            author = UserFactory(roles=["staff"])
            make_note(trip, author, item=items[i % 3], kind=Note.Kind.values[i % 9])
        return trip

    small, large = trip_with(2), trip_with(30)
    client.force_login(secretary)
    client.get(url(small))  # the session and the user's roles, once
    with CaptureQueriesContext(connection) as small_queries:
        assert client.get(url(small)).status_code == 200
    with CaptureQueriesContext(connection) as large_queries:
        assert client.get(url(large)).status_code == 200
    assert len(small_queries) == len(large_queries)


def test_a_secretary_sees_make_a_follow_up_item_beside_a_promise(client, office_trip, secretary):
    from followups.models import Note

    note = Note.objects.create(
        trip=office_trip, kind=Note.Kind.PROMISE, text="Repair the roof", author=secretary
    )
    client.force_login(secretary)
    page = client.get(reverse("followups:note_list", args=[office_trip.pk])).content.decode()
    assert reverse("followups:item_create", args=[office_trip.pk, note.pk]) in page


def test_staff_see_no_make_a_follow_up_item_link(client, office_trip, secretary, staff):
    from followups.models import Note

    note = Note.objects.create(
        trip=office_trip, kind=Note.Kind.PROMISE, text="Repair the roof", author=secretary
    )
    client.force_login(staff)
    page = client.get(reverse("followups:note_list", args=[office_trip.pk])).content.decode()
    assert reverse("followups:item_create", args=[office_trip.pk, note.pk]) not in page


# Kept on the phone (static/js/notes.js, static/js/offline.js)


def test_an_office_trips_note_page_may_be_kept_on_the_phone(client, office_trip, staff):
    client.force_login(staff)
    response = client.get(capture_url(office_trip))
    content = response.content.decode()
    assert response[OFFLINE_HEADER] in content  # the page hands its key to offline.js
    assert 'data-storage="local"' in content
    assert "This page and unsent notes are kept on this phone until you log out" in content


def test_an_internal_trips_notes_last_the_session_and_its_page_is_not_kept(
    client, confidential_trip, staff
):
    client.force_login(staff)
    response = client.get(capture_url(confidential_trip))
    content = response.content.decode()
    assert OFFLINE_HEADER not in response
    assert 'data-storage="session"' in content
    assert "data-offline-page" not in content
    assert "Internal trip: this page is not kept on this phone" in content


def test_the_page_tells_the_script_how_long_notes_may_wait(client, office_trip, staff, settings):
    settings.NOTE_QUEUE_HOURS = 12
    client.force_login(staff)
    content = client.get(capture_url(office_trip)).content.decode()
    assert 'data-queue-hours="12"' in content
    assert "unsent for more than 12 hours" in content  # the line the script shows


def test_an_answer_to_a_post_is_never_kept(client, office_trip, staff):
    client.force_login(staff)
    invalid = client.post(capture_url(office_trip), note_data(kind="gossip"))
    sent = client.post(
        capture_url(office_trip), note_data(client_key="k"), headers={"Accept": "application/json"}
    )
    assert OFFLINE_HEADER not in invalid
    assert OFFLINE_HEADER not in sent
