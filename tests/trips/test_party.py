"""The party (随行人员): office users and people without an account, in protocol order."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Profile
from logistics.forms.checklists import ChecklistItemForm
from logistics.seating import suggested_attendees
from tests.factories import ItineraryItemFactory, TripFactory, UserFactory
from tests.trips.test_trips import existing_team, trip_data
from trips import access, approval
from trips.models import Trip, TripMember

pytestmark = pytest.mark.django_db


def party_names(page: str) -> list[str]:
    """The names in the party list of a trip page, in the order printed."""
    section = page.split('id="team"', 1)[1].split("</ul>", 1)[0]
    return [li.split(" <span", 1)[0].split(">", 1)[1] for li in section.split("<li")[1:]]


def add_driver(trip: Trip, **fields) -> TripMember:
    values = {"name": "王师傅", "title": "驾驶员", "role": TripMember.Role.DRIVER, **fields}
    return TripMember.objects.create(trip=trip, **values)


def test_team_is_listed_by_rank_not_name(client, secretary):
    aaron = UserFactory(first_name="Aaron", last_name="Able", profile__protocol_rank=50)
    zoe = UserFactory(first_name="Zoe", last_name="Zed", profile__protocol_rank=2)
    trip = TripFactory(team={secretary: "secretary", aaron: "staff", zoe: "staff"})
    client.force_login(secretary)
    names = party_names(client.get(trip.get_absolute_url()).content.decode())
    assert names == ["Zoe Zed", "Sue Li", "Aaron Able"]


def test_a_driver_without_account_joins_the_party(client, secretary, office_trip):
    client.force_login(secretary)
    data = trip_data(*existing_team(office_trip), initial=3)
    data.update(
        {
            "team-3-name": "王师傅",
            "team-3-title": "驾驶员",
            "team-3-organisation": "机关车队",
            "team-3-phone": "139 0000 0000",
            "team-3-role": "driver",
            "team-3-rank": "1",
        }
    )
    response = client.post(reverse("trips:trip_edit", args=[office_trip.pk]), data)
    assert response.status_code == 302
    driver = office_trip.members.get(user=None)
    assert (driver.name, driver.organisation, driver.role) == ("王师傅", "机关车队", "driver")


def test_people_without_account_come_after_the_office_by_their_order(client, office_trip):
    add_driver(office_trip, name="Driver Two", rank=2)
    add_driver(office_trip, name="Escort One", role=TripMember.Role.ESCORT, rank=1)
    client.force_login(office_trip.created_by)
    names = party_names(client.get(office_trip.get_absolute_url()).content.decode())
    assert names == [
        "Lee Wang",
        "Sue Li",
        "Sam Zhao",
        "Escort One (驾驶员)",
        "Driver Two (驾驶员)",
    ]


def test_party_row_without_person_or_name_is_refused_beside_the_name(client, office_trip):
    client.force_login(office_trip.created_by)
    data = trip_data(*existing_team(office_trip), initial=3)
    data.update({"team-3-title": "驾驶员", "team-3-role": "driver"})
    response = client.post(reverse("trips:trip_edit", args=[office_trip.pk]), data)
    assert response.status_code == 200
    form = response.context["team"].forms[3]
    assert "name" in form.errors
    assert 'value="驾驶员"' in response.content.decode()


def test_someone_without_account_cannot_lead_the_trip(client, office_trip):
    client.force_login(office_trip.created_by)
    data = trip_data(*existing_team(office_trip), initial=3)
    data.update({"team-3-name": "Mr Nobody", "team-3-role": "leader"})
    response = client.post(reverse("trips:trip_edit", args=[office_trip.pk]), data)
    assert "role" in response.context["team"].forms[3].errors
    assert not office_trip.members.filter(name="Mr Nobody").exists()


def test_database_refuses_a_member_with_neither_account_nor_name(office_trip):
    with pytest.raises(IntegrityError), transaction.atomic():
        TripMember.objects.create(trip=office_trip, role=TripMember.Role.DRIVER)


def test_database_refuses_a_secretary_without_account(office_trip):
    with pytest.raises(IntegrityError), transaction.atomic():
        TripMember.objects.create(trip=office_trip, name="X", role=TripMember.Role.SECRETARY)


def test_member_without_account_fails_model_validation_as_leader(office_trip):
    member = TripMember(trip=office_trip, name="X", role=TripMember.Role.LEADER)
    with pytest.raises(ValidationError) as error:
        member.full_clean()
    assert "role" in error.value.message_dict


def test_member_without_account_is_never_a_leader_or_on_the_team_of_anyone(
    office_trip, leader, secretary
):
    add_driver(office_trip)
    trip = access.trip_for(secretary, office_trip.pk)
    assert trip.leaders() == [leader]
    assert approval.is_leader_of(trip, leader)
    assert trip.role_of(secretary) == "secretary"


def test_member_display_name_and_title(office_trip, leader):
    Profile.objects.filter(user=leader).update(
        name="王伟", name_en="Wang Wei", title="副省长", title_en="Vice Governor"
    )
    driver = add_driver(office_trip)
    member = Trip.objects.with_team().get(pk=office_trip.pk).party()[0]
    assert (member.display_name("en"), member.display_title("en")) == ("Wang Wei", "Vice Governor")
    assert member.label("zh-hans") == "王伟\uff08副省长\uff09"
    assert (driver.display_name(), driver.display_title()) == ("王师傅", "驾驶员")


def test_attendee_picker_lists_the_team_in_protocol_order_with_titles(client, office_trip, staff):
    Profile.objects.filter(user=staff).update(title="科长", title_en="Section chief")
    client.force_login(office_trip.created_by)
    page = client.get(reverse("trips:item_create", args=[office_trip.pk])).content.decode()
    page = page[page.index('name="attendees"') :]
    lee, sue = page.find("Lee Wang"), page.find("Sue Li")
    sam = page.find("Sam Zhao (Section chief)")
    assert 0 < lee < sue < sam


def test_checklist_owner_picker_is_in_protocol_order(office_trip):
    form = ChecklistItemForm(trip=office_trip)
    labels = [label for _, label in form.fields["owner"].choices][1:]
    assert labels == ["Lee Wang", "Sue Li", "Sam Zhao"]


def test_seating_suggestion_starts_with_the_team_in_protocol_order_with_titles(
    office_trip, staff, leader
):
    Profile.objects.filter(user=staff).update(title="科长")
    item = ItineraryItemFactory(trip=office_trip)
    item.attendees.set([staff, leader])
    assert suggested_attendees(item)[:2] == [("Lee Wang", ""), ("Sam Zhao", "科长")]


def test_trip_page_queries_do_not_grow_with_the_party(client, office_trip):
    client.force_login(office_trip.created_by)
    with CaptureQueriesContext(connection) as small:
        client.get(office_trip.get_absolute_url())
    for i in range(8):
        add_driver(office_trip, name=f"Driver {i}", rank=i)
    for user in UserFactory.create_batch(5, roles=["staff"]):
        TripMember.objects.create(trip=office_trip, user=user, role="staff")
    UserFactory(roles=["staff"], profile=None)  # one without a profile, too
    TripMember.objects.create(trip=office_trip, user=User.objects.last(), role="staff")
    with CaptureQueriesContext(connection) as large:
        page = client.get(office_trip.get_absolute_url()).content.decode()
    assert len(party_names(page)) == 3 + 8 + 6
    assert len(large) == len(small)


def test_calendar_tells_who_attends_in_protocol_order_with_titles(
    client, office_trip, staff, leader
):
    Profile.objects.filter(user=leader).update(title_en="Vice Governor")
    item = ItineraryItemFactory(trip=office_trip)
    item.attendees.set([staff, leader])
    client.force_login(office_trip.created_by)
    ics = client.get(reverse("trips:trip_ics", args=[office_trip.pk])).content.decode()
    unfolded = ics.replace("\r\n ", "")
    assert "Attending: Lee Wang (Vice Governor)\\, Sam Zhao" in unfolded


# Rows: enough to start with, one more on demand, with or without script


def test_a_new_trip_offers_three_rows_for_its_party(client, secretary):
    client.force_login(secretary)
    team = client.get(reverse("trips:trip_create")).context["team"]
    assert len(team.forms) == 3


def test_an_existing_party_is_offered_one_empty_row(client, secretary, office_trip):
    client.force_login(secretary)
    team = client.get(reverse("trips:trip_edit", args=[office_trip.pk])).context["team"]
    assert len(team.forms) == office_trip.members.count() + 1


def test_add_a_person_without_script_shows_the_form_again_with_a_row_more(
    client, secretary, office_trip
):
    client.force_login(secretary)
    data = trip_data(*existing_team(office_trip), initial=3, title="")
    data.update({"team-3-name": "王师傅", "team-3-role": "driver", "add_row": "team"})
    response = client.post(reverse("trips:trip_edit", args=[office_trip.pk]), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert len(response.context["team"].forms) == int(data["team-TOTAL_FORMS"]) + 1
    assert 'value="王师傅"' in page
    assert "This field is required" not in page  # nothing was checked: nobody asked to save
    assert not office_trip.members.filter(name="王师傅").exists()


def test_the_add_a_person_button_sends_the_form_when_there_is_no_script(client, secretary):
    client.force_login(secretary)
    page = client.get(reverse("trips:trip_create")).content.decode()
    assert '<button type="submit" name="add_row" value="team"' in page
