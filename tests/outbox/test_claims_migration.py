"""Upgrading to outbox claims: the digests already sent (followups.Digest,
logistics.DigestSent) become claims, so none goes a second time after the upgrade."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from followups import reminders
from logistics import checklists
from logistics.models import ChecklistItem
from outbox.models import Claim, Message
from tests.factories import DepartmentFactory, TripFactory

TODAY = dt.date(2027, 1, 11)  # a Monday, the leaders' day
BEFORE = [
    ("followups", "0003_reopen_trips_closed_with_open_items"),
    ("logistics", "0003_seating_layouts"),
]
AFTER = [
    # With the 督办 states after it: the reminders below read today's items.
    ("followups", "0005_duban_states"),
    ("logistics", "0004_digest_claims_in_outbox"),
]


def migrate(targets):
    """The database at these migrations; the historical models there."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


@pytest.fixture
def upgraded_from_old_claims(transactional_db):
    """Migrate back before the upgrade for the test; forward again after, whatever happens."""
    yield migrate(BEFORE)
    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


@pytest.fixture
def settings_for_digests(settings):
    settings.FOLLOWUP_DIGEST_HOUR = 8
    settings.FOLLOWUP_LEADER_WEEKDAY = 0
    settings.CHECKLIST_DIGEST_HOUR = 7


def test_digests_sent_before_the_upgrade_are_not_sent_again_after_it(
    upgraded_from_old_claims, settings_for_digests, secretary, leader, staff
):
    old = upgraded_from_old_claims
    water = DepartmentFactory(name="Water bureau")
    water.contacts.create(name="Zhang", department="Water bureau", email="zhang@bureau.example")
    trip = TripFactory(team={secretary: "secretary", leader: "leader", staff: "staff"})
    with time_machine.travel(dt.datetime(2027, 1, 4, 9, tzinfo=timezone.get_default_timezone())):
        # As the table stood then (an "open" item), by the historical model.
        old.get_model("followups", "FollowUp").objects.create(
            trip_id=trip.pk,
            department_id=water.pk,
            created_by_id=secretary.pk,
            title="Fix the pump",
            to_do="Repair the pump.",
            status="open",
            due_date=TODAY - dt.timedelta(days=1),
        )
    ChecklistItem.objects.create(trip=trip, title="Book the cars", owner=staff, due_date=TODAY)
    sent = dt.datetime(2027, 1, 11, 8, 5, tzinfo=timezone.get_default_timezone())
    Digest = old.get_model("followups", "Digest")
    owner = Digest.objects.create(kind="owner", period=TODAY, department_id=water.pk)
    Digest.objects.filter(pk=owner.pk).update(created_at=sent)
    Digest.objects.create(kind="leader", period=TODAY, user_id=leader.pk)
    Digest.objects.create(kind="secretary", period=TODAY, user_id=secretary.pk)
    old.get_model("logistics", "DigestSent").objects.create(user_id=staff.pk, date=TODAY)

    migrate(AFTER)

    assert sorted(Claim.objects.values_list("kind", "key", "period")) == [
        ("followups.leader", str(leader.pk), TODAY),
        ("followups.owner", str(water.pk), TODAY),
        ("followups.secretary", str(secretary.pk), TODAY),
        ("logistics.checklist", str(staff.pk), TODAY),
    ]
    assert Claim.objects.get(kind="followups.owner").created_at == sent
    # Today's code runs on today's schema: the later migrations too (e.g. 催办 rounds).
    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
    at_noon = dt.datetime.combine(TODAY, dt.time(12), timezone.get_default_timezone())
    with time_machine.travel(at_noon, tick=False):
        assert reminders.send_reminders(at_noon).total == 0
        assert checklists.send_morning_digests(timezone.localtime()) == 0
    assert not Message.objects.exists()
