"""Follow-up items: made from a note, changed by the rules, alerts, history, access, closing."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from accounts.models import Profile
from followups import items
from followups.models import FollowUp, FollowUpUpdate, Note
from outbox.models import Message
from tests.factories import HostUnitFactory, ItineraryItemFactory, TripFactory, UserFactory
from tests.followups.item_setup import department, item, note, settle
from trips.models import Trip

pytestmark = pytest.mark.django_db


def create_url(trip, n):
    return reverse("followups:item_create", args=[trip.pk, n.pk])


def test_a_promise_becomes_an_item_prefilled_from_its_note(client, office_trip, secretary):
    unit = HostUnitFactory(name="East village")
    visit = ItineraryItemFactory(trip=office_trip, host_unit=unit)
    promise = note(office_trip, secretary, item=visit, text="Fix the village pump by May.")
    client.force_login(secretary)

    form = client.get(create_url(office_trip, promise)).context["form"]

    assert form["title"].value() == "Fix the village pump by May."
    assert form["host_unit"].value() == unit.pk


def test_posting_the_form_makes_the_item_with_its_origin(client, office_trip, secretary):
    visit = ItineraryItemFactory(trip=office_trip)
    promise = note(office_trip, secretary, item=visit)
    dept, contact = department()
    other, _ = department("Finance bureau")
    client.force_login(secretary)

    response = client.post(
        create_url(office_trip, promise),
        {
            "title": "Fix the pump",
            "to_do": "Repair it.",
            "department": dept.pk,
            "contact": contact.pk,
            "co_owners": [other.pk],
            "due_date": "2027-01-15",
            "priority": "high",
        },
    )

    made = FollowUp.objects.get()
    assert response.status_code == 302 and response["Location"] == made.get_absolute_url()
    assert (made.trip, made.item, made.note, made.created_by) == (
        office_trip,
        visit,
        promise,
        secretary,
    )
    assert list(made.co_owners.all()) == [other]
    assert made.updates.count() == 1


def test_a_contact_of_another_department_is_refused_beside_the_field(
    client, office_trip, secretary
):
    promise = note(office_trip, secretary)
    dept, _ = department()
    _, stranger = department("Finance bureau")
    client.force_login(secretary)

    response = client.post(
        create_url(office_trip, promise),
        {
            "title": "Kept title",
            "to_do": "Repair it.",
            "department": dept.pk,
            "contact": stranger.pk,
            "due_date": "2027-01-15",
            "priority": "normal",
        },
    )

    form = response.context["form"]
    assert "contact" in form.errors and form["title"].value() == "Kept title"
    assert not FollowUp.objects.exists()


def test_a_seen_note_does_not_become_an_item(client, office_trip, secretary):
    seen = note(office_trip, secretary, kind=Note.Kind.SEEN)
    client.force_login(secretary)
    assert client.get(create_url(office_trip, seen)).status_code == 404


def test_staff_do_not_make_items(client, office_trip, secretary, staff):
    promise = note(office_trip, secretary)
    client.force_login(staff)
    assert client.get(create_url(office_trip, promise)).status_code == 403


def test_done_without_an_answer_is_refused(office_trip, secretary):
    it = item(office_trip, secretary, department()[0])
    with pytest.raises(ValidationError) as error:
        settle(it, secretary, "done", "  ")
    assert "answer" in error.value.message_dict
    it.refresh_from_db()
    assert it.status == FollowUp.Status.ASSIGNED


def test_cannot_without_a_reason_is_refused_beside_the_field(client, office_trip, secretary):
    it = item(office_trip, secretary, department()[0])
    client.force_login(secretary)

    response = client.post(
        reverse("followups:item_update", args=[it.pk]), {"record": "cannot", "reason": ""}
    )

    assert response.status_code == 200
    assert "reason" in response.context["form"].errors
    it.refresh_from_db()
    assert it.status == FollowUp.Status.ASSIGNED


def test_cannot_be_done_alerts_the_secretaries_and_the_leader_in_their_language(
    office_trip, secretary, leader, staff
):
    other = UserFactory(roles=["secretary"], profile__language="en")
    office_trip.members.create(user=other, role="secretary")
    Profile.objects.filter(user=leader).update(language="zh-hans")
    it = item(office_trip, secretary, department()[0])

    settle(it, other, "cannot", "No budget this year.")

    sent = {m.recipient_user: m for m in Message.objects.all()}
    assert set(sent) == {secretary, leader}
    assert sent[leader].language == "zh-hans" and sent[secretary].language == "en"
    assert all(m.trip_id == office_trip.pk for m in sent.values())


def test_needing_the_leader_alerts_the_secretaries_only(office_trip, secretary, leader):
    other = UserFactory(roles=["secretary"])
    office_trip.members.create(user=other, role="secretary")
    it = item(office_trip, secretary, department()[0])

    items.update(it, other, needs_leader=True)

    assert [m.recipient_user for m in Message.objects.all()] == [secretary]


def test_each_change_writes_who_and_what_to_the_history(client, office_trip, secretary):
    it = item(office_trip, secretary, department()[0])
    client.force_login(secretary)

    client.post(
        reverse("followups:item_update", args=[it.pk]),
        {"record": "done", "answer": "Pump repaired on 3 May.", "comment": "Checked by phone."},
    )

    update = FollowUpUpdate.objects.get(followup=it)
    assert update.by_user == secretary
    assert update.changes == {
        "status": ["assigned", "answered"],
        "answer_kind": ["", "done"],
        "answer": ["", "Pump repaired on 3 May."],
    }
    page = client.get(it.get_absolute_url())
    assert "Checked by phone." in page.content.decode()


def test_the_office_form_records_an_answer_for_review_and_never_settles(
    client, office_trip, secretary
):
    it = item(office_trip, secretary, department()[0])
    client.force_login(secretary)
    url = reverse("followups:item_update", args=[it.pk])

    client.post(url, {"status": "done", "answer": "Pump repaired."})
    assert FollowUp.objects.get(pk=it.pk).status == FollowUp.Status.ASSIGNED
    client.post(url, {"record": "done", "answer": "Pump repaired."})

    assert FollowUp.objects.get(pk=it.pk).status == FollowUp.Status.ANSWERED  # 审核 next


def test_update_refuses_to_change_the_status_in_place(office_trip, secretary):
    it = item(office_trip, secretary, department()[0])
    with pytest.raises(TypeError):
        items.update(it, secretary, status=FollowUp.Status.DONE, answer="Done.")


def test_an_outsider_gets_404_for_an_item_of_an_internal_trip(
    client, confidential_trip, secretary, outsider
):
    it = item(confidential_trip, secretary, department()[0])
    client.force_login(outsider)
    assert client.get(it.get_absolute_url()).status_code == 404


def test_staff_read_the_item_but_may_not_change_it(client, office_trip, secretary, staff):
    it = item(office_trip, secretary, department()[0])
    client.force_login(staff)
    assert client.get(it.get_absolute_url()).status_code == 200
    url = reverse("followups:item_update", args=[it.pk])
    assert client.post(url, {"status": "in_progress"}).status_code == 403


def completed_trip(secretary, leader):
    return TripFactory(
        status=Trip.Status.COMPLETED, team={secretary: "secretary", leader: "leader"}
    )


def test_closing_is_refused_while_an_item_is_open(client, secretary, leader):
    trip = completed_trip(secretary, leader)
    dept = department()[0]
    item(trip, secretary, dept, status="done", answer="Done.")
    item(trip, secretary, dept)
    client.force_login(secretary)

    client.post(reverse("followups:trip_close", args=[trip.pk]))

    trip.refresh_from_db()
    assert trip.status == Trip.Status.COMPLETED


def test_a_trip_whose_items_all_have_outcomes_is_closed(client, secretary, leader):
    trip = completed_trip(secretary, leader)
    dept = department()[0]
    item(trip, secretary, dept, status="done", answer="Done.")
    item(trip, secretary, dept, status="cannot", reason="No land.")
    client.force_login(secretary)

    client.post(reverse("followups:trip_close", args=[trip.pk]))

    trip.refresh_from_db()
    assert trip.status == Trip.Status.CLOSED


def test_the_trip_panel_shows_its_items_and_the_close_button(client, secretary, leader):
    trip = completed_trip(secretary, leader)
    item(trip, secretary, department()[0], title="Fix the pump")
    client.force_login(secretary)

    page = client.get(reverse("followups:trip_panel", args=[trip.pk])).content.decode()

    assert "Fix the pump" in page and "Close the trip" in page


def test_the_history_writes_a_new_due_date_as_the_office_writes_dates(office_trip, secretary):
    it = item(office_trip, secretary, department()[0])
    update = FollowUpUpdate.objects.create(
        followup=it, by_user=secretary, changes={"due_date": ["2027-01-15", "2027-02-01"]}
    )
    with translation.override("zh-hans"):
        [(_field, old, new)] = items.change_lines(update)
    assert (old, new) == ("2027年1月15日（星期五）", "2027年2月1日（星期一）")  # noqa: RUF001
