"""The co-owners move into their parts (FollowUpPart) without losing one."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("followups", "0006_urging")]
AFTER = [("followups", "0007_parts_and_extensions")]


@pytest.mark.django_db(transaction=True)
def test_every_co_owner_becomes_an_open_part():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    user = old.get_model("auth", "User").objects.create(username="s")
    trip = old.get_model("trips", "Trip").objects.create(
        title="T", start_date="2026-12-01", end_date="2026-12-02", created_by=user
    )
    Department = old.get_model("directory", "Department")
    lead, other = Department.objects.create(name="Lead"), Department.objects.create(name="Other")
    item = old.get_model("followups", "FollowUp").objects.create(
        trip=trip, title="I", to_do="D", department=lead, due_date="2026-12-20", created_by=user
    )
    item.co_owners.add(other)

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    parts = new.get_model("followups", "FollowUpPart").objects.values_list(
        "followup_id", "department_id", "status"
    )
    assert list(parts) == [(item.pk, other.pk, "open")]
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
