"""The notice tests' fixtures: a week before the two-unit visit (tests.notices.notice_setup),
the visit approved, and its two notices sent.

A test module whose tests need the clock to move on (times one after the other) sets
``CLOCK_TICKS = True``; elsewhere the clock stands still a week before the trip. A module
that needs another visit (its brief, what each unit is asked) defines its own `visit`."""

from __future__ import annotations

import pytest
import time_machine

from notices.models import Notice
from tests.notices.notice_setup import A_WEEK_BEFORE, approve, build_visit, send


@pytest.fixture(autouse=True)
def _a_week_before_the_trip(request):
    with time_machine.travel(A_WEEK_BEFORE, tick=getattr(request.module, "CLOCK_TICKS", False)):
        yield


@pytest.fixture
def visit(office_trip, secretary, leader, staff):
    visit = build_visit(office_trip, leader, staff)
    approve(office_trip, secretary, leader)
    return visit


@pytest.fixture
def sent(visit, secretary) -> dict[str, Notice]:
    """The two notices, by unit: "township" (English) and "plant" (Chinese)."""
    by_unit = {n.host_unit: n for n in send(visit.trip, secretary)}
    return {"township": by_unit[visit.township], "plant": by_unit[visit.plant]}
