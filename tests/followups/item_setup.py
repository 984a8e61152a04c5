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


def settle(it: FollowUp, secretary, kind: str = FollowUp.AnswerKind.DONE, text: str = "Done."):
    """The co-owners' parts answered and accepted, the department's answer (recorded by the
    office) and the office's acceptance: the one way an item is settled."""
    from followups import workflow

    for part in it.parts.all():
        workflow.answer_part(part, text="Our part is done.", by_name="Li Hua")
        workflow.review_part(part, secretary, accept=True)
    workflow.record_answer(it, secretary, kind=kind, text=text)
    return workflow.accept(FollowUp.objects.get(pk=it.pk), secretary)
