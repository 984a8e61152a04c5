"""The demo inspection's first day noted down, its five follow-up items with their history,
and its draft report: each made once however often seed_demo runs."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
from django.core.management import call_command

from desk import demo
from directory.models import Department
from followups.models import FollowUp, FollowUpUpdate, Note, Report
from trips.models import Trip

pytestmark = pytest.mark.django_db


def inspection() -> Trip:
    return Trip.objects.get(kind=Trip.Kind.INSPECTION)


def test_the_inspection_has_notes_of_several_kinds_from_its_first_day():
    call_command("seed_demo")
    trip = inspection()
    notes = list(trip.trip_notes.select_related("item"))
    kinds = {note.kind for note in notes}
    assert {"seen", "heard", "said", "remark", "decision", "promise", "problem"} <= kinds
    assert {trip.local(note.item.start).date() for note in notes} == {trip.start_date}
    full_width = {"\N{FULLWIDTH COMMA}", "\N{IDEOGRAPHIC FULL STOP}"}
    assert all(full_width & set(note.text) for note in notes)


def test_five_items_for_three_departments_one_of_each_outcome():
    call_command("seed_demo")
    found = list(inspection().followups.all())
    statuses = Counter(item.status for item in found)
    assert statuses == {"assigned": 1, "acknowledged": 1, "in_progress": 1, "done": 1, "cannot": 1}
    assert len({item.department_id for item in found}) == 3
    late = inspection().followups.overdue(dt.date.today())
    assert [i.title for i in late] == ["排查水质在线监测仪误报问题"]
    done = next(i for i in found if i.status == "done")
    cannot = next(i for i in found if i.status == "cannot")
    assert done.answer and cannot.reason
    assert any(i.needs_leader for i in found)
    assert all(i.note_id and i.host_unit_id for i in found)
    assert [p.status for i in found for p in i.parts.all()] == ["answered"]  # 配合, to review
    assert [e.status for i in found for e in i.extensions.all()] == ["pending"]  # 延期申请


def test_the_departments_have_chinese_names_and_a_contact_with_an_e_mail():
    call_command("seed_demo")
    for department in Department.objects.filter(followups__isnull=False).distinct():
        assert not department.name.isascii()
        assert any(contact.email for contact in department.contacts.all())


def test_every_item_has_its_history():
    call_command("seed_demo")
    for item in inspection().followups.all():
        updates = list(item.updates.all())
        assert updates[0].changes == {"status": [None, "assigned"]}
        moves = [u.changes["status"] for u in updates if "status" in u.changes]
        assert moves[-1][1] == item.status


def test_the_overdue_item_is_overdue_whatever_day_the_demo_is_seeded():
    day = dt.date(2031, 3, 4)
    demo.seed(password="demo-pass-123", today=day)
    [late] = FollowUp.objects.overdue(day)
    assert late.due_date < day


def test_the_inspection_has_a_draft_report():
    call_command("seed_demo")
    report = Report.objects.get(trip=inspection())
    assert not report.is_final


def test_seed_demo_twice_makes_no_note_item_update_or_report_twice():
    call_command("seed_demo")
    counts = (
        Note.objects.count(),
        FollowUp.objects.count(),
        FollowUpUpdate.objects.count(),
        Report.objects.count(),
        Department.objects.count(),
    )
    call_command("seed_demo")
    assert (
        Note.objects.count(),
        FollowUp.objects.count(),
        FollowUpUpdate.objects.count(),
        Report.objects.count(),
        Department.objects.count(),
    ) == counts
    assert counts[:2] == (9, 5)
