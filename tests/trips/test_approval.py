"""Submitting the plan, the leader's decision, versions and their diffs, the status workflow."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.db.models import Q

from outbox.models import Message
from tests import services
from tests.factories import ItineraryItemFactory, TripFactory, UserFactory, at
from trips import approval, snapshot
from trips.models import ItemComment, Trip, TripEvent, TripVersion

pytestmark = pytest.mark.django_db
S = Trip.Status
D = TripVersion.Decision


@pytest.fixture
def trip(office_trip):
    ItineraryItemFactory(trip=office_trip, title="Water plant", start=at(office_trip.start_date, 9))
    ItineraryItemFactory(trip=office_trip, title="Forum", start=at(office_trip.start_date, 14))
    return office_trip


def fresh(trip: Trip) -> Trip:
    return Trip.objects.with_team().get(pk=trip.pk)


def submitted(trip, secretary) -> TripVersion:
    return approval.submit(fresh(trip), secretary)


def test_submit_freezes_the_plan_as_version_one(trip, secretary):
    version = submitted(trip, secretary)
    assert version.number == 1
    assert [i["title"] for i in version.snapshot["items"]] == ["Water plant", "Forum"]
    assert version.snapshot["brief"]["intention"] == trip.intention
    assert fresh(trip).status == S.SUBMITTED


def test_submit_keeps_the_findings_in_both_languages(trip, secretary):
    ItineraryItemFactory(trip=trip, title="Clash", start=at(trip.start_date, 9, 30))
    version = submitted(trip, secretary)
    assert {"en", "zh-hans"} <= version.snapshot["findings"].keys()
    assert any(f["rule"] == "overlap" for f in version.snapshot["findings"]["en"])


def test_submit_emails_the_leader(trip, secretary, leader):
    submitted(trip, secretary)
    message = Message.objects.get(recipient_user=leader)
    assert trip.title in message.subject
    assert "/versions/1/" in message.text_body


def test_submit_is_recorded_in_the_history(trip, secretary):
    version = submitted(trip, secretary)
    event = TripEvent.objects.get(trip=trip)
    assert (event.actor, event.action, event.version) == (secretary, "submitted", version)


def test_staff_cannot_submit(trip, staff):
    with pytest.raises(PermissionDenied):
        approval.submit(fresh(trip), staff)


def test_a_trip_without_a_leader_cannot_be_submitted(secretary):
    trip = TripFactory(team={secretary: "secretary"})
    with pytest.raises(ValidationError, match="leader"):
        approval.submit(fresh(trip), secretary)


def test_an_empty_itinerary_is_not_submitted(office_trip, secretary):
    with pytest.raises(ValidationError, match="Add the itinerary's items first"):
        approval.submit(fresh(office_trip), secretary)
    assert not office_trip.versions.exists()


def test_leader_approves(trip, secretary, leader):
    version = submitted(trip, secretary)
    approval.decide(version, leader, D.APPROVED, "Good.")
    version.refresh_from_db()
    assert (version.decision, version.decided_by, version.comment) == (D.APPROVED, leader, "Good.")
    assert fresh(trip).status == S.APPROVED


def test_decision_emails_the_secretary(trip, secretary, leader):
    approval.decide(submitted(trip, secretary), leader, D.APPROVED)
    assert Message.objects.filter(
        recipient_user=secretary, cause_key__startswith="trips.version"
    ).exists()


def test_leader_asks_for_changes_on_one_item(trip, secretary, leader):
    version = submitted(trip, secretary)
    item_id = version.snapshot["items"][1]["id"]
    approval.decide(version, leader, D.CHANGES_REQUESTED, "", {item_id: "Shorter, please."})
    assert ItemComment.objects.get(version=version).text == "Shorter, please."
    assert fresh(trip).status == S.CHANGES_REQUESTED


def test_asking_for_changes_needs_a_comment(trip, secretary, leader):
    with pytest.raises(ValidationError, match="what should change"):
        approval.decide(submitted(trip, secretary), leader, D.CHANGES_REQUESTED, "  ")


@pytest.mark.parametrize("who", ["secretary", "staff", "outsider"])
def test_only_a_leader_on_the_team_decides(trip, request, who):
    version = submitted(trip, request.getfixturevalue("secretary"))
    with pytest.raises(PermissionDenied):
        approval.decide(version, request.getfixturevalue(who), D.APPROVED)


def test_a_leader_not_on_the_team_cannot_decide(trip, secretary):
    other_leader = UserFactory(username="other-leader", roles=["leader"])
    with pytest.raises(PermissionDenied):
        approval.decide(submitted(trip, secretary), other_leader, D.APPROVED)


def test_two_decisions_on_one_version_cannot_both_win(trip, secretary, leader):
    version = submitted(trip, secretary)
    second_tab = TripVersion.objects.get(pk=version.pk)
    approval.decide(version, leader, D.APPROVED)
    with pytest.raises(ValidationError, match="decided already"):
        approval.decide(second_tab, leader, D.CHANGES_REQUESTED, "No!")
    assert TripVersion.objects.get(pk=version.pk).decision == D.APPROVED
    assert fresh(trip).status == S.APPROVED


@pytest.mark.django_db(transaction=True)
def test_two_leaders_racing_on_postgres_one_wins(secretary, leader):
    services.need(connection.vendor == "postgresql", "needs PostgreSQL (DATABASE_URL)")
    second = UserFactory(username="second-leader", roles=["leader"])
    trip = TripFactory(team={secretary: "secretary", leader: "leader", second: "leader"})
    ItineraryItemFactory(trip=trip)
    version = approval.submit(fresh(trip), secretary)
    barrier, outcomes = threading.Barrier(2), []

    def decide(user, decision):
        mine = TripVersion.objects.select_related("trip").get(pk=version.pk)
        mine.trip = fresh(trip)
        barrier.wait()
        try:
            approval.decide(mine, user, decision, "because")
            outcomes.append(decision)
        except ValidationError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [
        threading.Thread(target=decide, args=(leader, D.APPROVED)),
        threading.Thread(target=decide, args=(second, D.CHANGES_REQUESTED)),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes).count("refused") == 1
    winner = next(o for o in outcomes if o != "refused")
    assert TripVersion.objects.get(pk=version.pk).decision == winner
    assert Trip.objects.get(pk=trip.pk).status == winner


def test_resubmitting_supersedes_the_pending_version(trip, secretary):
    first = submitted(trip, secretary)
    Trip.objects.filter(pk=trip.pk).update(notes="Bring helmets.")
    second = submitted(trip, secretary)
    first.refresh_from_db()
    assert (first.decision, second.number) == (D.SUPERSEDED, 2)
    with pytest.raises(ValidationError):
        approval.decide(first, trip.members.get(role="leader").user, D.APPROVED)


@pytest.mark.parametrize(
    ("start", "to"),
    [
        (S.DRAFT, S.APPROVED),
        (S.DRAFT, S.IN_PROGRESS),
        (S.CHANGES_REQUESTED, S.APPROVED),
        (S.APPROVED, S.COMPLETED),
        (S.IN_PROGRESS, S.CLOSED),
        (S.COMPLETED, S.SUBMITTED),
        (S.CLOSED, S.SUBMITTED),
        (S.CLOSED, S.DRAFT),
    ],
)
def test_illegal_transitions_are_refused_with_a_message(trip, start, to):
    Trip.objects.filter(pk=trip.pk).update(status=start)
    trip.refresh_from_db()
    with pytest.raises(ValidationError, match="cannot become"):
        approval.change_status(trip, to)
    assert Trip.objects.get(pk=trip.pk).status == start


@pytest.mark.parametrize(
    ("start", "to"),
    [
        (S.DRAFT, S.SUBMITTED),
        (S.SUBMITTED, S.APPROVED),
        (S.SUBMITTED, S.CHANGES_REQUESTED),
        (S.CHANGES_REQUESTED, S.SUBMITTED),
        (S.APPROVED, S.SUBMITTED),
        (S.APPROVED, S.IN_PROGRESS),
        (S.IN_PROGRESS, S.COMPLETED),
    ],
)
def test_legal_transitions_are_made(trip, start, to):
    Trip.objects.filter(pk=trip.pk).update(status=start)
    trip.refresh_from_db()
    approval.change_status(trip, to)
    assert Trip.objects.get(pk=trip.pk).status == to


def test_a_trip_is_never_closed_without_the_follow_ups_rule(trip):
    Trip.objects.filter(pk=trip.pk).update(status=S.COMPLETED)
    trip.refresh_from_db()
    with pytest.raises(ValueError, match="guard"):
        approval.change_status(trip, S.CLOSED)
    assert Trip.objects.get(pk=trip.pk).status == S.COMPLETED


def test_a_guard_that_does_not_hold_leaves_the_status(trip):
    Trip.objects.filter(pk=trip.pk).update(status=S.COMPLETED)
    trip.refresh_from_db()
    with pytest.raises(ValidationError):
        approval.change_status(trip, S.CLOSED, guard=Q(pk=-1))
    assert Trip.objects.get(pk=trip.pk).status == S.COMPLETED


def test_a_stale_status_loses_to_the_one_in_the_database(trip):
    stale = Trip.objects.get(pk=trip.pk)
    approval.change_status(trip, S.SUBMITTED)
    with pytest.raises(ValidationError, match="changed this trip meanwhile"):
        approval.change_status(stale, S.SUBMITTED)


def approve(trip, secretary, leader) -> TripVersion:
    version = submitted(trip, secretary)
    approval.decide(version, leader, D.APPROVED)
    return version


def test_an_edit_after_approval_shows_as_changed_since_approval(trip, secretary, leader):
    approve(trip, secretary, leader)
    assert not approval.changes_since_approval(fresh(trip))
    item = trip.items.get(title="Forum")
    item.start, item.end = at(trip.start_date, 15), at(trip.start_date, 16)
    item.save()
    changes = approval.changes_since_approval(fresh(trip))
    assert [(c.kind, c.item.title) for c in changes.items] == [("moved", "Forum")]


def test_the_approved_version_stays_as_it_was(trip, secretary, leader):
    version = approve(trip, secretary, leader)
    trip.items.all().delete()
    version.refresh_from_db()
    assert len(version.snapshot["items"]) == 2


def test_resubmitting_an_unchanged_approved_plan_is_refused(trip, secretary, leader):
    approve(trip, secretary, leader)
    with pytest.raises(ValidationError, match="Nothing changed since version 1"):
        approval.submit(fresh(trip), secretary)


def test_diff_names_items_added_removed_moved_and_changed(trip, secretary):
    old = snapshot.take(fresh(trip))
    plant, forum = trip.items.order_by("start")
    forum.delete()
    plant.notes = "Bring helmets."
    plant.save()
    moved = ItineraryItemFactory(trip=trip, title="Lunch", start=at(trip.start_date, 12))
    middle = snapshot.take(fresh(trip))
    moved.start, moved.end = at(trip.start_date, 12, 30), at(trip.start_date, 13, 30)
    moved.save()
    changes = snapshot.diff(old, middle).items
    assert sorted((c.kind, c.item.title) for c in changes) == [
        ("added", "Lunch"),
        ("changed", "Water plant"),
        ("removed", "Forum"),
    ]
    assert next(c for c in changes if c.kind == "changed").fields == ("notes",)
    later = snapshot.diff(middle, snapshot.take(fresh(trip))).items
    assert [(c.kind, c.fields) for c in later] == [("moved", ("start", "end"))]


def test_diff_names_brief_and_team_changes(trip, secretary, staff2):
    old = snapshot.take(fresh(trip))
    Trip.objects.filter(pk=trip.pk).update(intention="Only listen.")
    trip.members.create(user=staff2, role="staff")
    change = snapshot.diff(old, snapshot.take(fresh(trip)))
    assert change.brief == ("intention",)
    assert [m.user for m in change.party_added] == [staff2.pk]


def test_leader_confirms_the_brief_once(trip, secretary, leader):
    version = submitted(trip, secretary)
    approval.confirm_brief(version, leader)
    approval.confirm_brief(version, leader)
    assert version.brief_confirmed_by == leader
    assert TripEvent.objects.filter(action="brief_confirmed").count() == 1


def test_staff_cannot_confirm_the_brief(trip, secretary, staff):
    with pytest.raises(PermissionDenied):
        approval.confirm_brief(submitted(trip, secretary), staff)


def test_approved_trips_start_on_their_first_day(trip, secretary, leader):
    approve(trip, secretary, leader)
    with time_machine.travel(dt.datetime(2026, 12, 6, 23, 0, tzinfo=trip.tzinfo)):
        assert approval.start_due_trips(dt.date(2026, 12, 6)) == 0
    with time_machine.travel(dt.datetime(2026, 12, 7, 6, 0, tzinfo=trip.tzinfo)):
        assert approval.start_due_trips(dt.date(2026, 12, 7)) == 1
    assert fresh(trip).status == S.IN_PROGRESS
    assert TripEvent.objects.filter(action="started", actor=None).exists()


def test_a_trip_cannot_be_started_before_its_first_day(trip, secretary, leader):
    approve(trip, secretary, leader)
    with (
        time_machine.travel(dt.datetime(2026, 12, 1, 9, 0, tzinfo=trip.tzinfo)),
        pytest.raises(ValidationError, match="first day"),
    ):
        approval.advance(fresh(trip), S.IN_PROGRESS, secretary)
