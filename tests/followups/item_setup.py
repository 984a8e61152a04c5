"""Helpers for the follow-up item tests: a department, a note, an item."""

from __future__ import annotations

import datetime as dt

from directory.models import Contact
from followups.models import FollowUp, Note
from tests.factories import DepartmentFactory


def department(name: str = "Water bureau", **kwargs):
    contact = Contact.objects.create(
        name="Zhang Min", department=name, email="zhang@bureau.example"
    )
    dept = DepartmentFactory(name=name, contacts=[contact], **kwargs)
    return dept, contact


def note(
    trip,
    author,
    kind: str = Note.Kind.PROMISE,
    text: str = "Fix the village pump by May.",
    **kwargs,
):
    return Note.objects.create(trip=trip, author=author, kind=kind, text=text, **kwargs)


def item(trip, by, dept, **kwargs) -> FollowUp:
    fields = {
        "title": "Fix the pump",
        "to_do": "Repair the pump in the east village.",
        "due_date": dt.date(2027, 1, 15),
        # Handed to its department (交办), as most items the tests look at are.
        "status": FollowUp.Status.ASSIGNED,
        **kwargs,
    }
    return FollowUp.objects.create(trip=trip, department=dept, created_by=by, **fields)
