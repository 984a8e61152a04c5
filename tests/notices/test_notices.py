"""Notices to host units: each unit's part, updates and cancellations, who sends, the pages."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from notices import drafts as notice_drafts
from notices import links, parts, sending
from notices import messages as unit_messages
from notices.models import Notice
from outbox.models import Message
from tests.factories import ContactFactory, HostUnitFactory, ItineraryItemFactory, TripFactory, at
from tests.notices.notice_setup import (
    approve,
    build_visit,
    drafts_by_unit,
    fresh,
    leaving_buttons,
    send,
    trip_panel,
)

pytestmark = pytest.mark.django_db


# The clock ticks on from a week before the trip (tests.notices.conftest).
CLOCK_TICKS = True


# Every page: the session, the user, the user's office roles.
PER_REQUEST = 3


def span(start: str, end: str) -> str:
    """A time span as the notices print it, with an en dash."""
    return f"{start}\N{EN DASH}{end}"


# Each unit's part, and nothing else


def test_each_unit_is_told_only_its_own_items(visit):
    drafts = drafts_by_unit(visit.trip)
    assert [i["title"] for i in drafts["Riverside township"].content["items"]] == [
        "Visit the pumping station"
    ]
    assert [i["title"] for i in drafts["Hilltop water plant"].content["items"]] == [
        "Forum with the plant workers",
        "Lunch at the canteen",
    ]


def test_items_without_a_host_unit_are_in_no_notice(visit):
    drafts = notice_drafts.prepare(fresh(visit.trip))
    # Both units have a draft: the loop below must not pass for want of drafts.
    assert {draft.host_unit.name for draft in drafts} == {visit.township.name, visit.plant.name}
    for draft in drafts:
        text = draft.preview()
        assert "Private talk on the merger" not in text
        assert "Hotel room" not in text
        assert "Drive to the plant" not in text


def test_a_notice_never_names_another_unit_or_its_items(visit):
    text = drafts_by_unit(visit.trip)["Riverside township"].preview()
    assert "Hilltop water plant" not in text
    assert "Forum with the plant workers" not in text


def test_notice_gives_times_place_attendees_and_what_to_prepare(visit):
    text = drafts_by_unit(visit.trip)["Riverside township"].preview()
    assert span("09:00", "10:30") in text
    assert "Pumping station No. 2, 1 River Road" in text
    assert "Attending (2 people): Lee Wang, Sam Zhao" in text
    assert "What to prepare\n- Visit the pumping station: Safety helmets for six" in text


def name_the_leader_wang_wei(leader) -> None:
    """The leader's profile in both languages: alphabetically after Sam Zhao, first by rank."""
    profile = leader.profile
    profile.name, profile.name_en = "王伟", "Wang Wei"
    profile.title, profile.title_en = "副省长", "Vice Governor"
    profile.save()


def test_attendees_are_listed_in_protocol_order_with_titles(office_trip, secretary, leader, staff):
    name_the_leader_wang_wei(leader)
    visit = build_visit(office_trip, leader, staff)
    approve(office_trip, secretary, leader)
    drafts = drafts_by_unit(visit.trip)
    township = drafts["Riverside township"].preview()
    assert "Attending (2 people): Wang Wei (Vice Governor), Sam Zhao" in township
    # The plant reads Chinese: the leader's Chinese name and title, full-width brackets.
    (forum, _lunch) = parts.read_part(drafts["Hilltop water plant"].content).items
    assert forum.attendees == ["王伟\uff08副省长\uff09"]


def test_a_new_title_alone_is_no_update(visit, secretary, leader):
    send(visit.trip, secretary)
    name_the_leader_wang_wei(leader)
    visit.private.title = "Private talk on the budget"  # a new version, with the new title
    visit.private.save()
    approve(visit.trip, secretary, leader)
    assert {draft.kind for draft in notice_drafts.prepare(fresh(visit.trip))} == {
        notice_drafts.UNCHANGED
    }


def test_a_notice_that_named_its_attendees_alone_is_no_update(visit, secretary, leader, staff2):
    # Notices sent before they kept the attendees' accounts: names only, by name.
    for notice in send(visit.trip, secretary):
        for item in notice.content["items"]:
            del item["attendee_ids"]
        notice.save()
    assert {draft.kind for draft in notice_drafts.prepare(fresh(visit.trip))} == {
        notice_drafts.UNCHANGED
    }
    visit.trip.members.create(user=staff2, role="staff")
    visit.pumping.attendees.add(staff2)
    approve(visit.trip, secretary, leader)
    township = drafts_by_unit(visit.trip)["Riverside township"]
    assert township.kind == Notice.Kind.UPDATE
    assert township.changes[0]["fields"] == ["attendees"]


def test_notice_times_are_on_the_trips_clock(office_trip, secretary, leader, staff):
    office_trip.time_zone = "Europe/Berlin"
    office_trip.save()
    visit = build_visit(office_trip, leader, staff)
    approve(office_trip, secretary, leader)
    # 09:00 in Shanghai is 02:00 in Berlin in December.
    assert span("02:00", "03:30") in drafts_by_unit(visit.trip)["Riverside township"].preview()


def test_meals_the_unit_hosts_are_listed_apart(visit):
    part = parts.read_part(drafts_by_unit(visit.trip)["Hilltop water plant"].content)
    assert [i.title for i in part.meals_and_lodging] == ["Lunch at the canteen"]
    assert [i.title for i in part.programme] == ["Forum with the plant workers"]


def test_the_office_contact_is_the_trips_secretary(visit, secretary):
    part = parts.read_part(drafts_by_unit(visit.trip)["Riverside township"].content)
    assert part.office_contact == {
        "name": "Sue Li",
        "email": secretary.email,
        "title": "",
        "phone": "",
    }


def test_prepare_refuses_a_trip_without_an_approved_plan(office_trip, leader, staff):
    build_visit(office_trip, leader, staff)
    with pytest.raises(ValidationError):
        notice_drafts.prepare(fresh(office_trip))


# Sending


def test_send_writes_one_notice_per_unit_and_one_email_per_recipient(visit, secretary):
    ContactFactory(host_unit=visit.township, email="deputy@township.example")
    sent = send(visit.trip, secretary)
    assert {n.host_unit for n in sent} == {visit.township, visit.plant}
    township = next(n for n in sent if n.host_unit == visit.township)
    assert township.kind == Notice.Kind.NEW
    assert township.sent_by == secretary
    emails = Message.objects.filter(cause_key=township.cause_key)
    assert sorted(m.to for m in emails) == ["deputy@township.example", "zhang@township.example"]


def test_contacts_who_do_not_receive_notices_get_no_email(visit, secretary):
    ContactFactory(
        host_unit=visit.township, email="driver@township.example", receives_notices=False
    )
    send(visit.trip, secretary)
    assert not Message.objects.filter(to="driver@township.example").exists()


def test_email_carries_the_units_acknowledgement_link(visit, secretary):
    notice = next(n for n in send(visit.trip, secretary) if n.host_unit == visit.township)
    message = Message.objects.get(cause_key=notice.cause_key)
    assert links.link_url(notice) in message.text_body
    assert links.link_url(notice) in message.html_body


def test_email_is_in_the_units_language(visit, secretary):
    notice = next(n for n in send(visit.trip, secretary) if n.host_unit == visit.plant)
    message = Message.objects.get(cause_key=notice.cause_key)
    assert message.language == "zh-hans"
    assert "2026年12月7日" in message.text_body


def test_sending_twice_sends_nothing_new(visit, secretary):
    send(visit.trip, secretary)
    count = Message.objects.count()
    assert send(visit.trip, secretary) == []
    assert Message.objects.count() == count


def test_send_to_one_unit_leaves_the_others_pending(visit, secretary):
    send(visit.trip, secretary, unit_ids=[visit.plant.pk])
    drafts = drafts_by_unit(visit.trip)
    assert drafts["Hilltop water plant"].kind == notice_drafts.UNCHANGED
    assert drafts["Riverside township"].kind == Notice.Kind.NEW


def test_unit_without_a_usable_address_is_not_sent(visit, secretary):
    visit.township.contacts.update(email="")
    sent = send(visit.trip, secretary)
    assert [n.host_unit for n in sent] == [visit.plant]
    assert drafts_by_unit(visit.trip)["Riverside township"].kind == Notice.Kind.NEW


def test_notice_schedules_its_reminders(visit, secretary, settings):
    settings.NOTICE_ACK_HOURS = 48
    notice = send(visit.trip, secretary)[0]
    assert notice.ack_reminder_due_at == notice.created_at + dt.timedelta(hours=48)
    assert notice.visit_reminder_due_at == at(visit.trip.start_date - dt.timedelta(days=1), 9)


# When the approved plan changes


def test_only_units_whose_part_changed_get_an_update(visit, secretary, leader):
    send(visit.trip, secretary)
    visit.forum.start += dt.timedelta(minutes=30)
    visit.forum.end += dt.timedelta(minutes=30)
    visit.forum.save()
    approve(visit.trip, secretary, leader)
    drafts = drafts_by_unit(visit.trip)
    assert drafts["Riverside township"].kind == notice_drafts.UNCHANGED
    assert drafts["Hilltop water plant"].kind == Notice.Kind.UPDATE
    sent = send(visit.trip, secretary)
    assert [n.host_unit for n in sent] == [visit.plant]


def test_update_says_what_changed(visit, secretary, leader):
    send(visit.trip, secretary)
    visit.forum.start += dt.timedelta(minutes=30)
    visit.forum.end += dt.timedelta(minutes=30)
    visit.forum.save()
    approve(visit.trip, secretary, leader)
    visit.plant.language = "en"
    visit.plant.save()
    (notice,) = send(visit.trip, secretary)
    text = Message.objects.get(cause_key=notice.cause_key).text_body
    day = "Monday 7 December 2026, "
    moved = f"{day}{span('11:15', '12:15')} → {day}{span('11:45', '12:45')}"
    assert f"- Forum with the plant workers: Time: {moved}" in text
    assert "Lunch at the canteen" in text  # the whole part, as it is now, follows


def test_update_supersedes_the_units_previous_notice(visit, secretary, leader):
    first = next(n for n in send(visit.trip, secretary) if n.host_unit == visit.plant)
    visit.lunch.title = "Lunch with the workers"
    visit.lunch.save()
    approve(visit.trip, secretary, leader)
    (update,) = send(visit.trip, secretary)
    first.refresh_from_db()
    assert first.superseded_by == update
    assert update.changes[0]["change"] == "changed"


def test_an_update_keeps_the_units_answers_but_asks_for_a_new_acknowledgement(
    visit, secretary, leader
):
    first = next(n for n in send(visit.trip, secretary) if n.host_unit == visit.plant)
    first.acknowledge("Li Na", "Wang Fang", "+86 10 5555 1234", Notice.Preparation.READY)
    visit.lunch.title = "Lunch with the workers"
    visit.lunch.save()
    approve(visit.trip, secretary, leader)
    (update,) = send(visit.trip, secretary)
    assert update.acknowledged_at is None
    assert (update.onsite_contact_name, update.preparation_status) == ("Wang Fang", "ready")


def test_removed_unit_gets_a_cancellation(visit, secretary, leader):
    send(visit.trip, secretary)
    visit.pumping.cancel()
    approve(visit.trip, secretary, leader)
    assert drafts_by_unit(visit.trip)["Riverside township"].kind == Notice.Kind.CANCELLATION
    (notice,) = send(visit.trip, secretary)
    assert notice.kind == Notice.Kind.CANCELLATION
    message = Message.objects.get(cause_key=notice.cause_key)
    assert message.to == "zhang@township.example"
    assert message.subject.startswith("Cancellation of the research visit")


def test_a_cancelled_unit_is_not_told_twice(visit, secretary, leader):
    send(visit.trip, secretary)
    visit.pumping.cancel()
    approve(visit.trip, secretary, leader)
    send(visit.trip, secretary)
    assert drafts_by_unit(visit.trip)["Riverside township"].kind == notice_drafts.UNCHANGED


def test_a_unit_added_later_gets_a_new_notice(visit, secretary, leader):
    send(visit.trip, secretary)
    school = HostUnitFactory(name="Village school")
    ContactFactory(host_unit=school, email="head@school.example")
    ItineraryItemFactory(trip=visit.trip, host_unit=school, start=at(visit.trip.start_date, 16))
    approve(visit.trip, secretary, leader)
    (notice,) = send(visit.trip, secretary)
    assert (notice.host_unit, notice.kind) == (school, Notice.Kind.NEW)


def test_changing_the_leaders_own_items_tells_no_unit(visit, secretary, leader):
    send(visit.trip, secretary)
    visit.private.title = "Private talk, moved to the car"
    visit.private.save()
    approve(visit.trip, secretary, leader)
    assert send(visit.trip, secretary) == []


def test_deleting_a_trip_deletes_its_notices(visit, secretary):
    send(visit.trip, secretary)
    visit.trip.delete()
    assert not Notice.objects.exists()


# Who may send


def test_only_the_trips_secretaries_send(visit, leader, staff):
    for user in (leader, staff):
        with pytest.raises(PermissionDenied):
            sending.send(fresh(visit.trip), user)


@pytest.mark.parametrize("who", ["leader", "staff", "outsider"])
def test_others_get_403_on_the_notices_page(client, visit, who, request):
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("notices:notices", args=[visit.trip.pk])).status_code == 403
    url = reverse("notices:notices_send", args=[visit.trip.pk])
    assert client.post(url).status_code == 403
    assert not Notice.objects.exists()


def test_outsider_gets_404_for_confidential_trip(client, confidential_trip, outsider):
    client.force_login(outsider)
    assert client.get(reverse("notices:notices", args=[confidential_trip.pk])).status_code == 404
    url = reverse("notices:notices_send", args=[confidential_trip.pk])
    assert client.post(url).status_code == 404


def test_secretary_sends_from_the_notices_page(client, visit, secretary):
    client.force_login(secretary)
    response = client.post(reverse("notices:notices_send", args=[visit.trip.pk]), follow=True)
    assert "2 notices sent." in response.content.decode()
    assert Notice.objects.filter(trip=visit.trip).count() == 2


def test_secretary_sends_one_units_notice_from_the_page(client, visit, secretary):
    client.force_login(secretary)
    client.post(reverse("notices:notices_send", args=[visit.trip.pk]), {"unit": visit.plant.pk})
    assert [n.host_unit for n in Notice.objects.all()] == [visit.plant]


# Units without a usable address are flagged before sending


def test_the_trip_page_loads_the_notice_panel_for_its_secretaries(client, visit, secretary):
    client.force_login(secretary)
    html = client.get(visit.trip.get_absolute_url()).content.decode()
    assert reverse("notices:trip_panel", args=[visit.trip.pk]) in html


def test_the_trip_page_loads_no_notice_panel_for_others(client, visit, staff):
    client.force_login(staff)
    html = client.get(visit.trip.get_absolute_url()).content.decode()
    assert reverse("notices:trip_panel", args=[visit.trip.pk]) not in html
    assert "notices-summary" not in trip_panel(client, visit.trip)


def test_unit_without_an_address_is_flagged_on_the_trip_page(client, visit, secretary):
    visit.township.contacts.update(email="not-an-address")
    visit.plant.contacts.all().delete()
    client.force_login(secretary)
    html = trip_panel(client, visit.trip)
    zhang = visit.township.contacts.get()
    assert "No usable e-mail address" in html
    assert reverse("directory:contact_edit", args=[zhang.pk]) in html
    assert reverse("directory:hostunit_detail", args=[visit.plant.pk]) in html


def test_trip_page_flags_nothing_when_every_unit_has_an_address(client, visit, secretary):
    client.force_login(secretary)
    assert "No usable e-mail address" not in trip_panel(client, visit.trip)


def test_unit_without_an_address_is_flagged_on_the_notices_page(client, visit, secretary):
    visit.plant.contacts.update(receives_notices=False)
    client.force_login(secretary)
    html = client.get(reverse("notices:notices", args=[visit.trip.pk])).content.decode()
    assert "No usable e-mail address" in html
    assert reverse("directory:hostunit_detail", args=[visit.plant.pk]) in html


# The notices page


def test_notices_page_previews_each_notice_in_the_units_language(client, visit, secretary):
    client.force_login(secretary)
    html = client.get(reverse("notices:notices", args=[visit.trip.pk])).content.decode()
    assert "Visit the pumping station" in html
    assert "2026年12月7日" in html  # the plant reads Chinese dates
    assert "Send 2 pending notices" in html


def test_the_preview_is_text_never_html(client, visit, secretary, leader):
    visit.pumping.title = "<b>Pumping</b>"
    visit.pumping.save()
    approve(visit.trip, secretary, leader)
    client.force_login(secretary)
    html = client.get(reverse("notices:notices", args=[visit.trip.pk])).content.decode()
    assert "&lt;b&gt;Pumping&lt;/b&gt;" in html
    assert "<b>Pumping</b>" not in html


def test_notices_page_shows_delivery_and_acknowledgement(
    client, visit, secretary, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        notice = next(n for n in send(visit.trip, secretary) if n.host_unit == visit.township)
    notice.acknowledge("Zhang Wei", "Wang Fang", "+86 10 5555 1234", Notice.Preparation.READY)
    client.force_login(secretary)
    html = client.get(reverse("notices:notices", args=[visit.trip.pk])).content.decode()
    assert "zhang@township.example" in html
    assert "Sent" in html and "status-sent" in html
    assert "by Zhang Wei" in html
    assert "Wang Fang" in html and "+86 10 5555 1234" in html
    assert "Ready" in html


def test_trip_page_has_no_notice_panel_without_host_units(client, office_trip, secretary):
    ItineraryItemFactory(trip=office_trip)
    client.force_login(secretary)
    assert "notices-summary" not in trip_panel(client, office_trip)


def test_htmx_refresh_answers_the_board_alone(client, visit, secretary):
    client.force_login(secretary)
    url = reverse("notices:notices", args=[visit.trip.pk])
    html = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert html.lstrip().startswith('<div id="board">')
    assert "Riverside township" in html


def test_notices_page_explains_when_nothing_is_approved(client, office_trip, secretary):
    client.force_login(secretary)
    html = client.get(reverse("notices:notices", args=[office_trip.pk])).content.decode()
    assert "none is approved yet" in html


def test_trip_page_counts_acknowledgements(client, visit, secretary):
    notice = send(visit.trip, secretary)[0]
    notice.acknowledge("Zhang Wei")
    client.force_login(secretary)
    assert "1 of 2 units acknowledged." in trip_panel(client, visit.trip)


@pytest.fixture
def approved_trip_with_units(db, secretary, leader):
    """An approved trip with that many host units, each sent its notice, acknowledged, answered."""

    def make(count: int):
        trip = TripFactory(team={secretary: "secretary", leader: "leader"})
        for i in range(count):
            unit = HostUnitFactory()
            ContactFactory.create_batch(2, host_unit=unit)
            item = ItineraryItemFactory(
                trip=trip, host_unit=unit, start=at(trip.start_date, 8, i * 20)
            )
            item.attendees.set([leader])
        approve(trip, secretary, leader)
        for notice in send(trip, secretary):
            notice.acknowledge("Someone", "Onsite", "+86 10 1234 5678", Notice.Preparation.READY)
            unit_messages.reply(notice, "We are ready.")
        # A changed item: half the units have an update waiting, with a preview.
        for item in trip.items.all()[: count // 2]:
            item.title += " (moved)"
            item.save()
        approve(trip, secretary, leader)
        return trip

    return make


def test_notices_page_queries_do_not_grow_with_units(
    client, secretary, approved_trip_with_units, django_assert_num_queries
):
    small, large = approved_trip_with_units(2), approved_trip_with_units(12)
    client.force_login(secretary)
    # The trip, its party (with accounts, profiles); the approved version, the current
    # notices, the units, their contacts, what each unit is asked to prepare; the e-mails of
    # the notices, the messages from the units; the reception standards in force; the
    # units' 公函 and phone notices.
    with django_assert_num_queries(PER_REQUEST + 12):
        client.get(reverse("notices:notices", args=[small.pk]))
    with django_assert_num_queries(PER_REQUEST + 12):
        client.get(reverse("notices:notices", args=[large.pk]))


def test_the_trip_pages_notice_panel_queries_do_not_grow_with_units(
    client, secretary, approved_trip_with_units, django_assert_num_queries
):
    small, large = approved_trip_with_units(2), approved_trip_with_units(12)
    client.force_login(secretary)
    # The trip, its party; the current notices; the units' contacts; for the reception
    # standards, the table in force, the notices with their units, the requirements.
    for trip in (small, large):
        with django_assert_num_queries(PER_REQUEST + 7):
            trip_panel(client, trip)


def test_the_leaving_now_buttons_queries_do_not_grow_with_units(
    client, secretary, approved_trip_with_units, django_assert_num_queries
):
    small, large = approved_trip_with_units(2), approved_trip_with_units(12)
    client.force_login(secretary)
    # The trip, its party; the items with their units; the departures so far.
    for trip in (small, large):
        with django_assert_num_queries(PER_REQUEST + 4):
            leaving_buttons(client, trip)


def test_a_unit_the_trip_has_nothing_to_do_with_is_a_404(client, visit, secretary):
    stranger = HostUnitFactory(name="Faraway bureau")
    client.force_login(secretary)
    url = reverse("notices:notice_requirements", args=[visit.trip.pk, stranger.pk])
    assert client.post(url, {f"unit-{stranger.pk}-text": "Tea"}).status_code == 404


def test_a_unit_on_the_approved_plan_only_is_still_the_trips(client, visit, secretary):
    visit.forum.delete()  # the plant stays on the approved plan, which notices go out from
    visit.lunch.delete()
    client.force_login(secretary)
    url = reverse("notices:notice_requirements", args=[visit.trip.pk, visit.plant.pk])
    assert client.post(url, {f"unit-{visit.plant.pk}-text": "Tea"}).status_code == 302
    assert visit.trip.unit_requirements.get(host_unit=visit.plant).text == "Tea"
