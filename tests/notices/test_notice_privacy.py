"""A host unit learns only what concerns it: its items and its own requirements, nothing shared."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from desk import demo
from directory.models import HostUnit
from notices import drafts as notice_drafts
from notices import links, sending
from notices import reminders as notice_reminders
from notices.models import Notice, UnitRequirements
from outbox.models import Message
from tests.factories import at
from tests.notices.notice_setup import A_WEEK_BEFORE, approve, build_visit, fresh, send
from trips import approval
from trips.models import Trip, TripVersion

pytestmark = pytest.mark.django_db

SHARED = "Township: helmets for six. Plant: a report on water quality."
HELMETS = "Open the pump house from 8:30."
REPORT = "Bring the lab results of last year."


@pytest.fixture
def visit(office_trip, secretary, leader, staff):
    """The two-unit visit, its brief naming both units' tasks, each unit asked its own."""
    Trip.objects.filter(pk=office_trip.pk).update(host_preparation=SHARED)
    visit = build_visit(office_trip, leader, staff)
    UnitRequirements.objects.create(trip=office_trip, host_unit=visit.township, text=HELMETS)
    UnitRequirements.objects.create(trip=office_trip, host_unit=visit.plant, text=REPORT)
    approve(office_trip, secretary, leader)
    return visit


def mail_text(unit: HostUnit) -> str:
    """Every e-mail to the unit's contacts: subjects, text and HTML bodies."""
    emails = unit.contacts.values_list("email", flat=True)
    return "\n".join(
        f"{m.subject}\n{m.text_body}\n{m.html_body}" for m in Message.objects.filter(to__in=emails)
    )


def ack_page(client, notice: Notice) -> str:
    response = client.get(links.link_url(notice))
    assert response.status_code == 200
    return response.content.decode()


def test_no_notice_carries_the_briefs_shared_preparation_text(sent, visit):
    assert SHARED not in mail_text(visit.township) + mail_text(visit.plant)


def test_each_unit_is_told_its_own_requirements(sent, visit):
    assert REPORT not in mail_text(visit.township)
    assert HELMETS in mail_text(visit.township)
    assert sent["township"].requirements == HELMETS


def test_the_ack_page_shows_only_the_units_own_requirements(client, sent):
    page = ack_page(client, sent["plant"])
    assert REPORT in page
    assert HELMETS not in page and SHARED not in page


def test_reminders_carry_only_the_units_own_requirements(sent, visit):
    with time_machine.travel(A_WEEK_BEFORE + dt.timedelta(days=6), tick=False):
        notice_reminders.send_due_reminders()
    reminders = Message.objects.filter(cause_key=f"{sent['plant'].cause_key}:reminder")
    visit_reminders = Message.objects.filter(cause_key=f"{sent['plant'].cause_key}:visit")
    assert reminders.exists() and visit_reminders.exists()
    assert REPORT in reminders.get().text_body + visit_reminders.get().text_body
    assert HELMETS not in mail_text(visit.plant) and SHARED not in mail_text(visit.plant)


def test_changed_requirements_make_an_update_for_that_unit_only(sent, visit, secretary):
    notice_drafts.set_requirements(
        fresh(visit.trip), visit.plant, "Bring the 2025 results.", secretary
    )
    drafts = {d.host_unit: d for d in notice_drafts.prepare(fresh(visit.trip))}
    assert drafts[visit.plant].kind == Notice.Kind.UPDATE
    assert drafts[visit.plant].changes == [
        {
            "change": "requirements",
            "before": "Bring the lab results of last year.",
            "after": "Bring the 2025 results.",
        }
    ]
    assert drafts[visit.township].kind == notice_drafts.UNCHANGED


def test_an_update_carries_the_new_requirements(sent, visit, secretary):
    notice_drafts.set_requirements(
        fresh(visit.trip), visit.plant, "Bring the 2025 results.", secretary
    )
    (update,) = send(visit.trip, secretary)
    assert update.requirements == "Bring the 2025 results."
    assert "Bring the 2025 results." in Message.objects.get(cause_key=update.cause_key).text_body


def test_a_brief_edit_sends_no_unit_an_update(sent, visit, secretary, leader):
    Trip.objects.filter(pk=visit.trip.pk).update(host_preparation="Everyone: more chairs.")
    approve(visit.trip, secretary, leader)
    assert {d.kind for d in notice_drafts.prepare(fresh(visit.trip))} == {notice_drafts.UNCHANGED}


def test_only_the_trips_secretaries_set_a_units_requirements(visit, staff):
    with pytest.raises(PermissionDenied):
        notice_drafts.set_requirements(fresh(visit.trip), visit.plant, "Anything", staff)


# The notices page


def requirements_url(visit, unit: HostUnit) -> str:
    return reverse("notices:notice_requirements", args=[visit.trip.pk, unit.pk])


def test_secretary_sets_a_units_requirements_on_the_notices_page(client, visit, secretary):
    client.force_login(secretary)
    response = client.post(
        requirements_url(visit, visit.plant), {f"unit-{visit.plant.pk}-text": "Chairs"}
    )
    assert response.status_code == 302
    assert UnitRequirements.objects.get(trip=visit.trip, host_unit=visit.plant).text == "Chairs"


def test_the_notices_page_previews_the_requirements_of_each_unit(client, visit, secretary):
    client.force_login(secretary)
    board = client.get(reverse("notices:notices", args=[visit.trip.pk])).context["rows"]
    forms = {row.draft.host_unit: form for row, form in board}
    assert forms[visit.plant]["text"].value() == REPORT
    assert REPORT in next(row for row, _form in board if row.draft.host_unit == visit.plant).preview


def test_too_long_requirements_are_refused_beside_the_field_with_the_input_kept(
    client, visit, secretary
):
    client.force_login(secretary)
    typed = "x" * 2001
    response = client.post(
        requirements_url(visit, visit.plant), {f"unit-{visit.plant.pk}-text": typed}
    )
    form = dict((row.draft.host_unit, form) for row, form in response.context["rows"])[visit.plant]
    assert form.errors["text"]
    assert typed in response.content.decode()
    assert UnitRequirements.objects.get(host_unit=visit.plant).text == REPORT


def test_a_unit_not_on_the_plan_gets_no_requirements(client, visit, secretary):
    other = HostUnit.objects.create(name="Not visited")
    client.force_login(secretary)
    client.post(requirements_url(visit, other), {f"unit-{other.pk}-text": "Chairs"})
    assert not UnitRequirements.objects.filter(host_unit=other).exists()


# The demo inspection: five units, none reads another's part


def approve_demo_inspection(seeded: demo.Seeded) -> Trip:
    trip = Trip.objects.get(kind=Trip.Kind.INSPECTION)
    version = approval.submit(fresh(trip), seeded.users["secretary"])
    approval.decide(version, seeded.users["leader"], TripVersion.Decision.APPROVED)
    return trip


def fingerprints(trip: Trip, unit: HostUnit) -> set[str]:
    """What only this unit may read: its name, its items and preparations, its requirements."""
    items = trip.items.filter(host_unit=unit)
    texts = {unit.name, *items.values_list("title", flat=True)}
    texts |= set(items.values_list("host_preparation", flat=True))
    texts |= set(
        UnitRequirements.objects.filter(trip=trip, host_unit=unit).values_list("text", flat=True)
    )
    return texts - {""}


def test_no_demo_unit_reads_another_units_name_items_or_requirements(client):
    seeded = demo.seed(password="demo-pass-123", today=A_WEEK_BEFORE.date())
    trip = approve_demo_inspection(seeded)
    sent = sending.send(fresh(trip), seeded.users["secretary"])
    for day in range(3):  # the acknowledgement reminders, then each visit's reminder
        notice_reminders.send_due_reminders(at(trip.start_date - dt.timedelta(days=1 - day), 10))
    for asked in UnitRequirements.objects.filter(trip=trip).select_related("host_unit"):
        text = f"{asked.text}已更新。"
        notice_drafts.set_requirements(
            fresh(trip), asked.host_unit, text, seeded.users["secretary"]
        )
    updates = sending.send(fresh(trip), seeded.users["secretary"])
    assert len(sent) == len(updates) == 5
    assert Message.objects.filter(cause_key__endswith=":visit").count() == 5
    for notice in updates:
        own = fingerprints(trip, notice.host_unit)
        text = mail_text(notice.host_unit) + ack_page(client, notice)
        assert all(mine in text for mine in own), notice.host_unit
        assert trip.host_preparation not in text
        for other in updates:
            if other.host_unit != notice.host_unit:
                leaked = {t for t in fingerprints(trip, other.host_unit) if t in text}
                assert not leaked, f"{notice.host_unit} reads {leaked}"
