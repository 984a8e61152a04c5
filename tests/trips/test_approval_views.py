"""Approval pages: submitting, the leader's version page and decision, the workflow panel."""

from __future__ import annotations

import datetime as dt

import lxml.html
import pytest
import time_machine
from django.urls import reverse

from tests.factories import (
    ContactFactory,
    HostUnitFactory,
    ItineraryItemFactory,
    TripFactory,
    at,
)
from trips import approval
from trips.models import ItemComment, Trip, TripVersion

pytestmark = pytest.mark.django_db
S = Trip.Status
D = TripVersion.Decision
HTMX = {"HTTP_HX_REQUEST": "true"}
TO = "\N{EN DASH}"  # between a start and an end
MONDAY = "Monday 7 December 2026"  # the trip's first day, in the office's format
PER_REQUEST = 3  # the session, the user, the user's office roles


def changes_listed(html: str) -> list[tuple[str, str]]:
    """Each change of a diff (trips/_diff.html) as (what happened, to which item)."""
    document = lxml.html.fragment_fromstring(html, create_parent="div")
    changes = document.xpath("//li[contains(concat(' ', @class, ' '), ' change ')]")
    return [(li.xpath("string(span)"), li.xpath("string(strong)")) for li in changes]


def history_lines(html: str) -> list[str]:
    """The lines of the trip's history as they read (whitespace as a browser shows it)."""
    found = lxml.html.fromstring(html).xpath("//details[@class='history']//li")
    return [" ".join(li.text_content().split()) for li in found]


@pytest.fixture
def trip(office_trip):
    day = office_trip.start_date
    ItineraryItemFactory(trip=office_trip, title="Water plant", start=at(day, 9))
    ItineraryItemFactory(trip=office_trip, title="Forum", start=at(day, 14))
    return office_trip


def fresh(trip: Trip) -> Trip:
    return Trip.objects.with_team().get(pk=trip.pk)


def submit(trip: Trip, secretary) -> TripVersion:
    return approval.submit(fresh(trip), secretary)


def submit_url(trip: Trip) -> str:
    return reverse("trips:version_submit", args=[trip.pk])


def decide_url(version: TripVersion) -> str:
    return reverse("trips:version_decide", args=[version.trip_id, version.number])


def item_id(version: TripVersion, title: str) -> int:
    return next(i["id"] for i in version.snapshot["items"] if i["title"] == title)


# Submitting


def test_submit_creates_a_version_and_redirects_to_it(client, trip, secretary):
    client.force_login(secretary)
    # The plan has findings (no lodging yet): the secretary confirms submitting with them.
    data = {"note": "Please look at day two.", "confirm": "on"}
    response = client.post(submit_url(trip), data)
    version = trip.versions.get()
    assert (version.number, version.note) == (1, "Please look at day two.")
    assert response.status_code == 302
    assert response.url == version.get_absolute_url()


def test_staff_post_to_submit_gets_403(client, trip, staff):
    client.force_login(staff)
    assert client.post(submit_url(trip)).status_code == 403
    assert not trip.versions.exists()


def test_submit_refused_by_the_workflow_shows_why_on_the_trip_page(client, secretary):
    lonely = TripFactory(team={secretary: "secretary"})
    client.force_login(secretary)
    response = client.post(submit_url(lonely), follow=True)
    assert response.redirect_chain[-1][0] == lonely.get_absolute_url()
    assert "Put a leader on the team before submitting." in response.content.decode()


def test_submitting_an_empty_itinerary_is_refused_with_the_reason(client, office_trip, secretary):
    client.force_login(secretary)
    response = client.post(submit_url(office_trip), follow=True)
    assert response.redirect_chain[-1][0] == office_trip.get_absolute_url()
    assert "Add the itinerary&#x27;s items first" in response.content.decode()
    assert not office_trip.versions.exists()


def test_an_empty_itinerary_is_offered_no_submit_button_but_the_reason(
    client, office_trip, secretary
):
    client.force_login(secretary)
    page = client.get(office_trip.get_absolute_url()).content.decode()
    assert submit_url(office_trip) not in page
    assert "Add the itinerary&#x27;s items first" in page


def test_the_reason_is_not_shown_to_those_who_may_not_submit(client, office_trip, staff):
    client.force_login(staff)
    page = client.get(office_trip.get_absolute_url()).content.decode()
    assert "Add the itinerary&#x27;s items first" not in page


def test_the_itinerary_comes_first_then_the_approval_and_the_panels(client, trip, secretary):
    client.force_login(secretary)
    page = client.get(trip.get_absolute_url()).content.decode()
    order = [
        page.index('id="itinerary"'),
        page.index('id="workflow"'),
        page.index('id="brief"'),
        page.index(reverse("printing:print_menu", args=[trip.pk])),
        page.index('id="preparation-title"'),
        page.index(reverse("followups:trip_panel", args=[trip.pk])),
        page.index('id="notes-title"'),
    ]
    assert order == sorted(order)


def test_the_trips_status_shows_beside_its_title(client, trip, secretary):
    client.force_login(secretary)
    page = client.get(trip.get_absolute_url()).content.decode()
    header = page[page.index("<h1>") : page.index('id="itinerary"')]
    assert 'class="badge status-draft"' in header


def test_trip_page_offers_the_secretary_to_submit(client, trip, secretary):
    client.force_login(secretary)
    page = client.get(trip.get_absolute_url()).content.decode()
    assert submit_url(trip) in page
    assert "Submit for approval" in page


def test_trip_page_offers_staff_no_submit_button(client, trip, staff):
    client.force_login(staff)
    assert submit_url(trip) not in client.get(trip.get_absolute_url()).content.decode()


# The version page and the decision


def test_leader_sees_the_decision_form_on_a_pending_version(client, trip, secretary, leader):
    version = submit(trip, secretary)
    client.force_login(leader)
    page = client.get(version.get_absolute_url()).content.decode()
    assert decide_url(version) in page
    assert f'name="item-{item_id(version, "Forum")}"' in page


@pytest.mark.parametrize("who", ["staff", "secretary"])
def test_others_on_the_team_see_no_decision_form(client, trip, secretary, request, who):
    version = submit(trip, secretary)
    client.force_login(request.getfixturevalue(who))
    response = client.get(version.get_absolute_url())
    assert response.status_code == 200
    assert decide_url(version) not in response.content.decode()


def test_leader_approves_by_post(client, trip, secretary, leader):
    version = submit(trip, secretary)
    client.force_login(leader)
    response = client.post(decide_url(version), {"decision": "approved", "comment": "Good."})
    assert response.url == version.get_absolute_url()
    version.refresh_from_db()
    assert (version.decision, version.decided_by, version.comment) == (D.APPROVED, leader, "Good.")
    assert fresh(trip).status == S.APPROVED


def test_leader_requests_changes_with_an_item_comment(client, trip, secretary, leader):
    version = submit(trip, secretary)
    forum = item_id(version, "Forum")
    client.force_login(leader)
    client.post(decide_url(version), {"decision": "changes_requested", f"item-{forum}": "Shorter."})
    comment = ItemComment.objects.get(version=version)
    assert (comment.item_id, comment.text, comment.author) == (forum, "Shorter.", leader)
    assert fresh(trip).status == S.CHANGES_REQUESTED


def test_item_comment_shows_beside_its_item_after_the_decision(client, trip, secretary, leader):
    version = submit(trip, secretary)
    approval.decide(version, leader, D.CHANGES_REQUESTED, "", {item_id(version, "Forum"): "Later"})
    client.force_login(secretary)
    page = client.get(version.get_absolute_url()).content.decode()
    forum_card = page[page.index(f'id="item-{item_id(version, "Forum")}"') :]
    assert "Later" in forum_card[: forum_card.index("</article>")]


def test_decision_on_a_superseded_version_says_it_was_decided_or_replaced(
    client, trip, secretary, leader
):
    first = submit(trip, secretary)
    Trip.objects.filter(pk=trip.pk).update(notes="Bring helmets.")
    submit(trip, secretary)
    client.force_login(leader)
    response = client.post(decide_url(first), {"decision": "approved", "comment": "Fine by me."})
    page = response.content.decode()
    assert response.status_code == 200
    assert "decided already or replaced by a newer one" in page
    assert "Fine by me." in page  # the leader's input is kept


def test_request_changes_without_a_comment_is_refused_beside_the_form(
    client, trip, secretary, leader
):
    version = submit(trip, secretary)
    client.force_login(leader)
    response = client.post(decide_url(version), {"decision": "changes_requested"})
    assert "Say what should change" in response.content.decode()
    assert TripVersion.objects.get(pk=version.pk).decision == D.PENDING


def test_staff_post_to_decide_gets_403(client, trip, secretary, staff):
    version = submit(trip, secretary)
    client.force_login(staff)
    assert client.post(decide_url(version), {"decision": "approved"}).status_code == 403


def test_outsider_gets_404_for_a_confidential_trips_version(
    client, confidential_trip, secretary, outsider
):
    ItineraryItemFactory(trip=confidential_trip)
    version = submit(confidential_trip, secretary)
    client.force_login(outsider)
    assert client.get(version.get_absolute_url()).status_code == 404


def test_leader_confirms_the_brief(client, trip, secretary, leader):
    version = submit(trip, secretary)
    client.force_login(leader)
    url = reverse("trips:version_confirm_brief", args=[trip.pk, version.number])
    page = client.post(url, follow=True).content.decode()
    version.refresh_from_db()
    assert version.brief_confirmed_by == leader
    assert "Confirmed by Lee Wang" in page
    assert "I confirm this states my intention" not in page


def test_staff_cannot_confirm_the_brief(client, trip, secretary, staff):
    version = submit(trip, secretary)
    client.force_login(staff)
    url = reverse("trips:version_confirm_brief", args=[trip.pk, version.number])
    assert client.post(url).status_code == 403


def test_version_page_shows_the_findings_of_the_snapshot(client, trip, secretary, leader):
    ItineraryItemFactory(trip=trip, title="Clash", start=at(trip.start_date, 9, 30))
    version = submit(trip, secretary)
    client.force_login(leader)
    page = client.get(version.get_absolute_url()).content.decode()
    assert "the leader cannot be in two places at once" in page


def test_version_page_shows_the_findings_in_the_active_language(client, trip, secretary, leader):
    ItineraryItemFactory(trip=trip, title="Clash", start=at(trip.start_date, 9, 30))
    version = submit(trip, secretary)
    zh = version.snapshot["findings"]["zh-hans"][0]["message"]
    client.force_login(leader)
    page = client.get(version.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert zh in page


def test_version_two_lists_an_added_a_removed_and_a_moved_item(client, trip, secretary, leader):
    submit(trip, secretary)
    trip.items.get(title="Water plant").cancel()
    forum = trip.items.get(title="Forum")
    forum.start, forum.end = at(trip.start_date, 15), at(trip.start_date, 16)
    forum.save()
    ItineraryItemFactory(trip=trip, title="Night market", start=at(trip.start_date, 19))
    second = submit(trip, secretary)
    client.force_login(leader)
    page = client.get(second.get_absolute_url()).content.decode()
    diff = page[page.index("Changes since version 1") :]
    assert set(changes_listed(diff)) == {
        ("Added", "Night market"),
        ("Removed", "Water plant"),
        ("Moved", "Forum"),
    }
    assert f"<del>{MONDAY}, 14:00{TO}15:00</del> → <ins>{MONDAY}, 15:00{TO}16:00</ins>" in diff


def test_version_page_queries_do_not_grow_with_items(
    client, secretary, leader, staff, django_assert_num_queries
):
    def submitted_trip(count: int) -> TripVersion:
        trip = TripFactory(team={secretary: "secretary", leader: "leader", staff: "staff"})
        for i in range(count):
            unit = HostUnitFactory()
            start = at(trip.start_date + dt.timedelta(days=i % 3), 7, (i // 3) * 15)
            item = ItineraryItemFactory(trip=trip, host_unit=unit, start=start, minutes=10)
            item.contacts.set(ContactFactory.create_batch(2, host_unit=unit))
            item.attendees.set([leader, staff])
        submit(trip, secretary)
        Trip.objects.filter(pk=trip.pk).update(notes="Bring helmets.")
        version = submit(trip, secretary)  # version 2: the page reads version 1 for the diff
        approval.decide(version, leader, D.CHANGES_REQUESTED, "", {item.pk: "Later"})
        return version

    small, large = submitted_trip(3), submitted_trip(60)
    client.force_login(leader)
    # The trip, its party (with accounts, profiles); the version, its item comments; the
    # previous version; the version whose brief the leader confirmed last.
    with django_assert_num_queries(PER_REQUEST + 6):
        client.get(small.get_absolute_url())
    with django_assert_num_queries(PER_REQUEST + 6):
        client.get(large.get_absolute_url())


# The trip page after approval


def test_edit_after_approval_shows_changed_since_approval_with_the_diff(
    client, trip, secretary, leader
):
    approval.decide(submit(trip, secretary), leader, D.APPROVED)
    forum = trip.items.get(title="Forum")
    client.force_login(secretary)
    data = {
        "start": "2026-12-07T16:00",
        "end": "2026-12-07T17:00",
        "kind": "forum",
        "title": "Forum",
        "place": "Water plant",
    }
    client.post(reverse("trips:item_edit", args=[trip.pk, forum.pk]), data)
    page = client.get(trip.get_absolute_url()).content.decode()
    assert "Changed since approval" in page
    assert f"<ins>{MONDAY}, 16:00{TO}17:00</ins>" in page
    assert "Submit again" in page


def test_approved_trip_without_changes_shows_no_banner(client, trip, secretary, leader):
    approval.decide(submit(trip, secretary), leader, D.APPROVED)
    client.force_login(secretary)
    page = client.get(trip.get_absolute_url()).content.decode()
    assert "Changed since approval" not in page
    assert submit_url(trip) not in page


def test_htmx_edit_after_approval_brings_the_banner_out_of_band(client, trip, secretary, leader):
    approval.decide(submit(trip, secretary), leader, D.APPROVED)
    client.force_login(secretary)
    data = {
        "start": "2026-12-07T18:00",
        "end": "2026-12-07T19:00",
        "kind": "meal",
        "title": "Dinner",
    }
    page = client.post(reverse("trips:item_create", args=[trip.pk]), data, **HTMX).content.decode()
    assert 'id="workflow" aria-labelledby="workflow-title" hx-swap-oob="true"' in page
    assert "Changed since approval" in page


def test_trip_page_lists_versions_and_history(client, trip, secretary, leader):
    version = submit(trip, secretary)
    approval.decide(version, leader, D.CHANGES_REQUESTED, "Too long.")
    client.force_login(secretary)
    page = client.get(trip.get_absolute_url()).content.decode()
    assert f'href="{version.get_absolute_url()}"' in page
    assert "Lee Wang asked for changes" in history_lines(page)[-1]
    assert "<q>Too long.</q>" in page


def test_leader_is_pointed_to_the_version_waiting_for_a_decision(client, trip, secretary, leader):
    submit(trip, secretary)
    client.force_login(leader)
    page = client.get(trip.get_absolute_url()).content.decode()
    assert "Version 1 waits for your decision." in page


# Starting, completing, closing


def test_secretary_starts_an_approved_trip_on_its_first_day(client, trip, secretary, leader):
    approval.decide(submit(trip, secretary), leader, D.APPROVED)
    with time_machine.travel(dt.datetime(2026, 12, 7, 8, tzinfo=dt.UTC), tick=False):
        client.force_login(secretary)
        client.post(reverse("trips:trip_advance", args=[trip.pk]), {"to": "in_progress"})
    assert fresh(trip).status == S.IN_PROGRESS


def test_the_workflow_step_does_not_close_a_trip(client, trip, secretary):
    Trip.objects.filter(pk=trip.pk).update(status=S.COMPLETED)
    client.force_login(secretary)
    url = reverse("trips:trip_advance", args=[trip.pk])
    page = client.post(url, {"to": "closed"}, follow=True).content.decode()
    assert "Choose a step of the workflow." in page
    assert fresh(trip).status == S.COMPLETED


# Schedule health on the trip page


def test_health_panel_lists_a_finding_after_an_overlapping_item_is_added_with_htmx(
    client, trip, secretary
):
    client.force_login(secretary)
    data = {
        "start": "2026-12-07T09:30",
        "end": "2026-12-07T10:30",
        "kind": "site_visit",
        "title": "Second plant",
        "place": "Water plant",
    }
    page = client.post(reverse("trips:item_create", args=[trip.pk]), data, **HTMX).content.decode()
    health = page[page.index('id="schedule-health"') :]
    assert "“Water plant” ends at 10:00 but “Second plant” starts at 09:30" in health


def test_finding_shows_beside_the_items_it_concerns(client, trip, secretary):
    clash = ItineraryItemFactory(trip=trip, title="Clash", start=at(trip.start_date, 9, 30))
    client.force_login(secretary)
    page = client.get(trip.get_absolute_url()).content.decode()
    card = page[page.index(f'id="item-{clash.pk}"') - 60 :]
    assert "has-finding" in card[:100]
    assert "the leader cannot be in two places at once" in card[: card.index("</article>")]


def new_trip_data(**changes) -> dict:
    """The new-trip form as posted, with no extra team rows."""
    data = {
        "title": "Dykes",
        "kind": "inspection",
        "start_date": "2026-12-07",
        "end_date": "2026-12-08",
        "time_zone": "Asia/Shanghai",
        "visibility": "office",
        "team-TOTAL_FORMS": "0",
        "team-INITIAL_FORMS": "0",
    }
    return {**data, **changes}


def test_trip_form_saves_the_schedule_thresholds_and_keeps_blank_ones(client, secretary):
    client.force_login(secretary)
    data = new_trip_data(min_buffer_minutes="20", day_end="20:30", meal_break_minutes="")
    client.post(reverse("trips:trip_create"), data)
    trip = Trip.objects.get(title="Dykes")
    assert (trip.min_buffer_minutes, trip.day_end, trip.meal_break_minutes) == (
        20,
        dt.time(20, 30),
        45,
    )


def test_trip_form_refuses_a_meal_window_that_closes_before_it_opens(client, secretary):
    client.force_login(secretary)
    data = new_trip_data(meal_window_start="14:00", meal_window_end="11:00")
    response = client.post(reverse("trips:trip_create"), data)
    assert response.context["form"].errors["meal_window_end"] == [
        "The window must close after it opens."
    ]
