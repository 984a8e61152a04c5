"""Helpers for the post-trip report tests: a trip that was visited, with notes and items."""

from __future__ import annotations

from followups.models import Note
from tests.factories import DepartmentFactory, HostUnitFactory, ItineraryItemFactory, at
from tests.followups.item_setup import department, item, note

SEEN = "The new filters run at full capacity."
HEARD = "300 households are connected."
PROBLEM = "Pipes in the east village leak."
CONTRADICTION = "The township says 300 households, the plant says 250."
DECISION = "Fund the pipe repair from the provincial budget."


def visited(trip, secretary):
    """Two visits (made out of time order), a note of each kind that the draft uses, and
    one follow-up item owned by the water bureau with a co-owner."""
    village = HostUnitFactory(name="East village")
    plant = HostUnitFactory(name="Riverside plant")
    talk = ItineraryItemFactory(
        trip=trip, host_unit=village, title="Talk with villagers", start=at(trip.start_date, 14)
    )
    tour = ItineraryItemFactory(
        trip=trip, host_unit=plant, title="Plant tour", start=at(trip.start_date, 9)
    )
    note(trip, secretary, kind=Note.Kind.HEARD, text=HEARD, item=talk, speaker="Mayor Liu")
    note(trip, secretary, kind=Note.Kind.SEEN, text=SEEN, item=tour)
    note(trip, secretary, kind=Note.Kind.PROBLEM, text=PROBLEM, item=talk)
    note(trip, secretary, kind=Note.Kind.CONTRADICTION, text=CONTRADICTION)
    note(trip, secretary, kind=Note.Kind.DECISION, text=DECISION, item=talk)
    water, _contact = department()
    finance, _other = department("Finance bureau")
    repair = item(trip, secretary, water, title="Repair the pipes")
    repair.co_owners.add(finance)
    return repair


def many_items(trip, secretary, count: int):
    """Items with a co-owner each, for the query counts."""
    water, finance = DepartmentFactory(), DepartmentFactory()
    for n in range(count):
        it = item(trip, secretary, water, title=f"Item {n}")
        it.co_owners.add(finance)


def section(body: str, heading: str) -> str:
    """The Markdown under "## heading", up to the next section."""
    after = body.split(f"## {heading}\n", 1)[1]
    return after.split("\n## ", 1)[0]
