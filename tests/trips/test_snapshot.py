"""The version snapshot: one schema, written and read in trips.snapshot, and one diff."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from directory.models import HostUnit
from notices import drafts as notice_drafts
from notices.models import Notice
from tests.factories import ContactFactory, HostUnitFactory, ItineraryItemFactory, at
from tests.notices import notice_setup
from trips import approval, snapshot, versions
from trips.models import Trip, TripVersion

pytestmark = pytest.mark.django_db
D = TripVersion.Decision
# A version as the code before the schema number stored it (schema 1): host units by name.
SCHEMA_1 = json.loads((Path(__file__).parent / "snapshot_schema1.json").read_text())


def fresh(trip: Trip) -> Trip:
    return Trip.objects.with_team().get(pk=trip.pk)


@pytest.fixture
def unit(db):
    return HostUnitFactory(name="Riverside water works")


@pytest.fixture
def trip(office_trip, unit, leader, staff):
    """The trip the schema-1 example was taken from: a visit to the unit, and a forum."""
    day = office_trip.start_date
    plant = ItineraryItemFactory(
        trip=office_trip,
        title="Water plant",
        start=at(day, 9),
        host_unit=unit,
        host_preparation="A room for ten",
    )
    plant.contacts.set([ContactFactory(name="Li Ming", host_unit=unit)])
    plant.attendees.set([leader, staff])
    ItineraryItemFactory(trip=office_trip, title="Forum", start=at(day, 9, 30), kind="forum")
    return office_trip


def schema_1(trip: Trip, secretary, leader, staff) -> dict:
    """The stored example with this database's ids for the same items and people."""
    data = copy.deepcopy(SCHEMA_1)
    items = {i.title: i.pk for i in trip.items.all()}
    people = {"Lee Wang": leader.pk, "Sue Li": secretary.pk, "Sam Zhao": staff.pk}
    old_ids = {}
    for item in data["items"]:
        old_ids[item["id"]] = items[item["title"]]
        item["id"] = items[item["title"]]
    for member in data["team"]:
        member["user"] = people[member["name"]]
    for found in data["findings"].values():
        for finding in found:
            finding["items"] = [old_ids[pk] for pk in finding["items"]]
    return data


def test_a_snapshot_reads_back_as_it_was_written(trip, secretary):
    taken = snapshot.take(fresh(trip))
    stored = json.loads(json.dumps(taken.to_json()))  # as the JSON field keeps it
    assert stored["schema"] == snapshot.SCHEMA == 3
    assert snapshot.Snapshot.from_json(stored) == taken
    plant = next(i for i in taken.items if i.title == "Water plant")
    assert (plant.host_unit_id, plant.host_unit) == (plant_unit(trip).pk, "Riverside water works")


def plant_unit(trip: Trip) -> HostUnit:
    return trip.items.get(title="Water plant").host_unit


def test_a_submitted_version_stores_the_current_schema(trip, secretary):
    version = approval.submit(fresh(trip), secretary)
    assert version.snapshot["schema"] == snapshot.SCHEMA
    assert [m["role"] for m in version.snapshot["party"]] == ["leader", "secretary", "staff"]


def test_a_schema_1_snapshot_reads_with_names_and_no_unit_ids(trip, secretary, leader, staff):
    read = snapshot.Snapshot.from_json(schema_1(trip, secretary, leader, staff))
    assert read.schema == 1
    plant = read.items[0]
    assert (plant.host_unit_id, plant.host_unit) == (None, "Riverside water works")
    assert plant.attendees == ("Lee Wang", "Sam Zhao")
    assert next((m.user, m.name("en"), m.role) for m in read.party) == (
        leader.pk,
        "Lee Wang",
        "leader",
    )
    assert read.findings_in("zh-hans")[0].rule == "overlap"


def test_a_schema_1_version_renders_and_diffs_against_a_schema_2_one(
    client, trip, secretary, leader, staff
):
    old = TripVersion.objects.create(
        trip=trip,
        number=1,
        snapshot=schema_1(trip, secretary, leader, staff),
        submitted_by=secretary,
        decision=D.SUPERSEDED,
    )
    # The same plan again in schema 2 (submit() refuses a plan that has not changed).
    new = TripVersion.objects.create(
        trip=trip, number=2, snapshot=snapshot.take(fresh(trip)).to_json(), submitted_by=secretary
    )
    assert (new.number, new.snapshot["schema"]) == (2, snapshot.SCHEMA)
    client.force_login(leader)

    page = client.get(old.get_absolute_url()).content.decode()
    assert "Water plant" in page and "Riverside water works" in page
    assert "Li Ming" in page and "Lee Wang, Sam Zhao" in page
    assert "Lee Wang (Leader)" in page
    assert "Monday 7 December 2026 \N{EN DASH} Wednesday 9 December 2026" in page
    assert "cannot be in two places at once" in page  # its stored findings

    # The same plan in the two schemas: nothing changed, the unit matched by its name.
    assert not snapshot.diff(snapshot.Snapshot.of(old), snapshot.Snapshot.of(new))
    page = client.get(new.get_absolute_url()).content.decode()
    changes = page[page.index("Changes since version 1") :]
    assert "No changes." in changes


def test_a_renamed_host_unit_is_a_rename_not_a_removal_and_an_addition(trip, secretary, unit):
    before = snapshot.take(fresh(trip))
    HostUnit.objects.filter(pk=unit.pk).update(name="Riverside water company")
    after = snapshot.take(fresh(trip))

    changes = snapshot.diff(before, after)
    assert [(c.kind, c.item.title, c.fields, c.unit_renamed) for c in changes.items] == [
        ("changed", "Water plant", ("host_unit",), True)
    ]
    assert changes.renamed_units == (
        snapshot.Rename(unit.pk, "Riverside water works", "Riverside water company"),
    )


def test_the_version_page_shows_a_renamed_unit_as_renamed(client, trip, secretary, leader, unit):
    approval.submit(fresh(trip), secretary)
    HostUnit.objects.filter(pk=unit.pk).update(name="Riverside water company")
    second = approval.submit(fresh(trip), secretary)
    client.force_login(leader)
    page = client.get(second.get_absolute_url()).content.decode()
    changes = page[page.index("Changes since version 1") :]
    assert (
        "Host unit: <del>Riverside water works</del> → <ins>Riverside water company</ins>"
        '<span class="muted"> (renamed)</span>'
    ) in changes
    assert "Removed" not in changes and "Added" not in changes


def test_another_unit_is_a_change_of_unit_not_a_rename(trip, secretary):
    before = snapshot.take(fresh(trip))
    trip.items.filter(title="Water plant").update(host_unit=HostUnitFactory(name="Hilltop"))
    change = snapshot.diff(before, snapshot.take(fresh(trip))).items[0]
    assert (change.fields, change.unit_renamed) == (("host_unit",), False)


def test_a_unit_renamed_after_its_notice_gets_no_cancellation(
    secretary, leader, staff, office_trip
):
    visit = notice_setup.build_visit(office_trip, leader, staff)
    notice_setup.approve(visit.trip, secretary, leader)
    notice_setup.send(visit.trip, secretary)
    HostUnit.objects.filter(pk=visit.plant.pk).update(name="Hilltop water company")
    notice_setup.approve(visit.trip, secretary, leader)  # the rename is a change: resubmitted
    drafts = {d.host_unit.pk: d for d in notice_drafts.prepare(fresh(visit.trip))}
    assert drafts[visit.plant.pk].visited
    assert drafts[visit.plant.pk].kind == notice_drafts.UNCHANGED
    assert all(d.kind != Notice.Kind.CANCELLATION for d in drafts.values())


def test_the_version_page_the_approval_check_and_notices_use_the_one_diff(
    client, monkeypatch, secretary, leader, staff, office_trip
):
    calls = []
    real = snapshot.diff

    def spy(*args, **kwargs):
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(snapshot, "diff", spy)
    visit = notice_setup.build_visit(office_trip, leader, staff)
    first = notice_setup.approve(visit.trip, secretary, leader)
    notice_setup.send(visit.trip, secretary)
    visit.forum.title = "Forum with the plant's engineers"
    visit.forum.save()

    calls.clear()
    assert approval.changes_since_approval(fresh(visit.trip))
    assert len(calls) == 1

    calls.clear()
    second = notice_setup.approve(visit.trip, secretary, leader)
    client.force_login(leader)
    assert client.get(second.get_absolute_url()).status_code == 200
    assert versions.version_diff(first, second, visit.trip.time_zone).items
    assert len(calls) >= 2

    calls.clear()
    drafts = {d.host_unit.pk: d for d in notice_drafts.prepare(fresh(visit.trip))}
    update = drafts[visit.plant.pk]
    assert update.kind == Notice.Kind.UPDATE
    assert update.changes[0]["change"] == "changed"
    assert update.changes[0]["fields"] == ["title"]
    assert calls  # each unit's part compared with its notice through snapshot.diff


def test_a_version_stored_with_the_free_text_vehicle_still_reads(client, trip, secretary, leader):
    """Before cars were linked in logistics, each stored item had a free-text "vehicle"."""
    stored = json.loads(json.dumps(snapshot.take(fresh(trip)).to_json()))
    for item in stored["items"]:
        item["vehicle"] = "Bus 3"
    old = TripVersion.objects.create(
        trip=trip, number=1, snapshot=stored, submitted_by=secretary, decision=D.SUPERSEDED
    )
    read = snapshot.Snapshot.of(old)
    assert [i.title for i in read.items] == ["Water plant", "Forum"]
    assert not snapshot.diff(read, snapshot.take(fresh(trip), findings=False))
    client.force_login(leader)
    response = client.get(old.get_absolute_url())
    assert response.status_code == 200
    assert "Water plant" in response.content.decode()
