"""The notice models moved from trips to the notices app without touching a table: an
existing database keeps every notice, message, requirement and departure."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from notices.models import Departure, Notice, NoticeReply, UnitRequirements

MOVE = [("trips", "0005_notices_to_their_app"), ("notices", "0001_initial")]


@pytest.mark.django_db(transaction=True)
def test_moving_the_notice_models_runs_no_sql():
    executor = MigrationExecutor(connection)
    plan = [(executor.loader.graph.nodes[key], False) for key in MOVE]
    statements = executor.loader.collect_sql(plan)
    assert [s for s in statements if not s.lstrip().startswith("--")] == []


def test_the_notice_models_keep_their_tables():
    tables = [m._meta.db_table for m in (Notice, NoticeReply, UnitRequirements, Departure)]
    assert tables == [
        "trips_notice",
        "trips_noticereply",
        "trips_unitrequirements",
        "trips_departure",
    ]
