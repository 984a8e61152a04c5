"""Department members answer for their items with their own account: the item, not the trip."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse

from followups import access, departments, items
from followups.models import FollowUp, FollowUpUpdate
from tests.factories import at
from tests.followups.department_setup import member
from tests.followups.item_setup import department, item, note
from trips.models import Trip

pytestmark = pytest.mark.django_db


def update_url(it):
    return reverse("followups:item_update", args=[it.pk])


def test_member_of_department_updates_item(client, office_trip, secretary):
    dept = department()[0]
    clerk = member(dept)
    it = item(office_trip, secretary, dept)
    client.force_login(clerk)

    response = client.post(update_url(it), {"action": "answer_done", "answer": "Pump repaired."})

    assert response.status_code == 302
    record = FollowUpUpdate.objects.get(followup=it)
    assert record.by_user == clerk
    assert record.changes["status"] == ["assigned", "answered"]


def test_member_of_a_co_owner_department_reads_the_item(client, office_trip, secretary):
    owner, partner = department()[0], department("Finance bureau")[0]
    it = item(office_trip, secretary, owner)
    it.co_owners.add(partner)
    client.force_login(member(partner))
    assert client.get(it.get_absolute_url()).status_code == 200


def test_member_of_other_department_gets_404(client, office_trip, secretary):
    it = item(office_trip, secretary, department()[0])
    client.force_login(member(department("Finance bureau")[0]))
    assert client.get(it.get_absolute_url()).status_code == 404
    assert client.post(update_url(it), {"status": "in_progress"}).status_code == 404


def test_outsider_gets_404_on_internal_trip_item(client, confidential_trip, secretary, outsider):
    it = item(confidential_trip, secretary, department()[0])
    client.force_login(outsider)
    assert client.get(it.get_absolute_url()).status_code == 404


def test_member_reads_an_internal_trips_item_but_nothing_else_of_the_trip(
    client, confidential_trip, secretary
):
    dept = department()[0]
    origin = note(confidential_trip, secretary, text="The mayor said the plant will close.")
    it = item(confidential_trip, secretary, dept, note=origin)
    client.force_login(member(dept))

    page = client.get(it.get_absolute_url()).content.decode()

    assert "Fix the pump" in page and confidential_trip.title in page
    assert "The mayor said" not in page
    assert confidential_trip.get_absolute_url() not in page
    # Without an office role, every trip page is refused alike: the trip's existence too.
    assert client.get(confidential_trip.get_absolute_url()).status_code == 403


def test_a_member_in_an_office_role_reads_the_item_and_the_internal_trip_is_404(
    client, confidential_trip, secretary
):
    dept = department()[0]
    it = item(confidential_trip, secretary, dept)
    client.force_login(member(dept, roles=["staff"]))

    assert client.get(it.get_absolute_url()).status_code == 200
    assert client.get(confidential_trip.get_absolute_url()).status_code == 404


def test_a_department_may_not_change_the_due_date_or_priority(office_trip, secretary):
    dept = department()[0]
    it = item(office_trip, secretary, dept)
    with pytest.raises(TypeError):
        items.update(it, member(dept), as_department=True, due_date=dt.date(2030, 1, 1))
    it.refresh_from_db()
    assert it.due_date == dt.date(2027, 1, 15)


def test_the_status_form_ignores_a_posted_due_date(client, office_trip, secretary):
    dept = department()[0]
    it = item(office_trip, secretary, dept)
    client.force_login(member(dept))
    client.post(update_url(it), {"action": "start", "due_date": "2030-01-01"})
    it.refresh_from_db()
    assert (it.status, it.due_date) == ("in_progress", dt.date(2027, 1, 15))


def test_a_member_never_reopens_a_closed_trips_item(client, secretary):
    dept = department()[0]
    trip = Trip.objects.create(
        title="Done and dusted",
        start_date=dt.date(2026, 12, 7),
        end_date=dt.date(2026, 12, 9),
        status=Trip.Status.CLOSED,
        created_by=secretary,
    )
    it = item(trip, secretary, dept, status="done", answer="Done.")
    client.force_login(member(dept))
    assert 'name="action"' in client.get(it.get_absolute_url()).content.decode()

    page = client.post(update_url(it), {"action": "start"}).content.decode()
    assert "The office has already accepted the answer to this item" in page
    it.refresh_from_db()
    assert (it.status, it.answer) == ("done", "Done.")


def test_a_member_does_not_change_an_item_of_a_cancelled_trip(client, secretary):
    dept = department()[0]
    trip = Trip.objects.create(
        title="Called off",
        start_date=dt.date(2026, 12, 7),
        end_date=dt.date(2026, 12, 9),
        status=Trip.Status.CANCELLED,
        created_by=secretary,
    )
    it = item(trip, secretary, dept)
    client.force_login(member(dept))
    assert client.get(it.get_absolute_url()).status_code == 200
    assert client.post(update_url(it), {"status": "done", "answer": "x"}).status_code == 403


def test_staff_who_are_members_update_but_do_not_manage(office_trip, secretary, staff):
    dept = department()[0]
    dept.members.add(staff)
    it = access.item_for(staff, item(office_trip, secretary, dept).pk, edit=True)
    assert access.may_update(staff, it) and not access.may_manage(staff, it)


def test_item_for_is_404_for_anyone_else(office_trip, secretary, stranger):
    it = item(office_trip, secretary, department()[0])
    with pytest.raises(Http404):
        access.item_for(stranger, it.pk)


def test_staff_reading_the_trip_may_not_change_the_item(office_trip, secretary, staff):
    it = item(office_trip, secretary, department()[0])
    with pytest.raises(PermissionDenied):
        access.item_for(staff, it.pk, edit=True)


def test_anonymous_visitors_are_sent_to_log_in(client, office_trip, secretary):
    it = item(office_trip, secretary, department()[0])
    response = client.get(it.get_absolute_url())
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


@time_machine.travel(at(dt.date(2027, 2, 1), 9))
def test_my_department_items_lists_open_first_and_marks_overdue(client, office_trip, secretary):
    dept = department()[0]
    late = item(office_trip, secretary, dept, title="Late item", due_date=dt.date(2027, 1, 15))
    later = item(office_trip, secretary, dept, title="Later item", due_date=dt.date(2027, 3, 1))
    item(office_trip, secretary, dept, title="Finished item", status="done", answer="Done.")
    item(office_trip, secretary, department("Finance bureau")[0], title="Not ours")
    client.force_login(member(dept))

    response = client.get(reverse("followups:my_department_items"))

    page = response.content.decode()
    assert response.context["listing"].open == [late, later]
    assert [i.title for i in response.context["listing"].finished] == ["Finished item"]
    assert "Not ours" not in page
    assert page.index("Late item") < page.index("Later item") < page.index("Finished item")
    assert page.count('class="followup overdue"') == 1


def test_items_finished_long_ago_leave_the_departments_list(office_trip, secretary):
    dept = department()[0]
    old = item(office_trip, secretary, dept, status="done", answer="Done.")
    FollowUp.objects.filter(pk=old.pk).update(updated_at=at(dt.date(2020, 1, 1), 9))
    found = departments.listing(access.owned_by([dept]), at(dt.date(2027, 1, 1), 9))
    assert (found.open, found.finished) == ([], [])
