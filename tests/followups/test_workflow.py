"""The office's 督办 workflow: the department answers, the office settles, the leader reads."""

from __future__ import annotations

import re
from importlib import import_module

import pytest
from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from followups import items, workflow
from followups.models import FollowUp, FollowUpUpdate, Note
from tests.followups.department_setup import item_url, member, token_for
from tests.followups.item_setup import department, item, note

pytestmark = pytest.mark.django_db

S = FollowUp.Status
DONE, CANNOT = FollowUp.AnswerKind.DONE, FollowUp.AnswerKind.CANNOT


def fresh(it: FollowUp) -> FollowUp:
    return FollowUp.objects.get(pk=it.pk)


def answered(trip, secretary, **kwargs) -> FollowUp:
    it = item(trip, secretary, department()[0], **kwargs)
    workflow.answer(it, kind=DONE, text="Pump repaired.", by_name="Zhang Min")
    return fresh(it)


def test_the_department_cannot_settle_its_own_item(client, office_trip, secretary):
    dept = department()[0]
    it = item(office_trip, secretary, dept)
    token = token_for(dept)

    client.post(item_url(token, it), {"by_name": "Zhang", "action": "answer_done", "answer": "Ok."})

    assert fresh(it).status == S.ANSWERED  # waiting for the office, not done
    assert 'value="done"' not in client.get(item_url(token, it)).content.decode()


def test_a_returned_answer_shows_the_reason_and_is_answered_again(client, office_trip, secretary):
    dept = department()[0]
    it = item(office_trip, secretary, dept)
    token = token_for(dept)
    workflow.answer(it, kind=DONE, text="Pump repaired.", by_name="Zhang Min")

    record = workflow.return_answer(fresh(it), secretary, reason="Send a photo of the pump.")

    assert record.changes == {"status": ["answered", "returned"]}
    assert record.comment == "Send a photo of the pump."
    assert "Send a photo of the pump." in client.get(item_url(token, it)).content.decode()
    workflow.answer(fresh(it), kind=DONE, text="Pump repaired; photo attached.", by_name="Zhang")
    assert (fresh(it).status, fresh(it).answer) == (S.ANSWERED, "Pump repaired; photo attached.")


def test_a_return_needs_its_reason(office_trip, secretary):
    it = answered(office_trip, secretary)
    with pytest.raises(ValidationError, match="Say why the answer is returned"):
        workflow.return_answer(it, secretary, reason=" ")
    assert fresh(it).status == S.ANSWERED


def test_the_secretary_accepts_the_answer_and_the_item_is_done(client, office_trip, secretary):
    it = answered(office_trip, secretary)
    client.force_login(secretary)

    response = client.post(reverse("followups:item_review", args=[it.pk]), {"decision": "accept"})

    assert response.status_code == 302
    assert fresh(it).status == S.DONE and fresh(it).has_outcome


def test_an_accepted_cannot_be_done_answer_settles_as_cannot(office_trip, secretary):
    it = item(office_trip, secretary, department()[0])
    workflow.answer(it, kind=CANNOT, text="No budget this year.", by_name="Zhang")
    workflow.accept(fresh(it), secretary)
    assert (fresh(it).status, fresh(it).reason) == (S.CANNOT, "No budget this year.")


def test_only_the_trips_secretaries_review(office_trip, secretary, leader, staff):
    it = answered(office_trip, secretary)
    for user in (leader, staff):
        with pytest.raises(PermissionDenied):
            workflow.accept(it, user)
    assert fresh(it).status == S.ANSWERED


def test_an_answer_after_the_office_accepted_is_refused_clearly(client, office_trip, secretary):
    dept = department()[0]
    it = item(office_trip, secretary, dept)
    token = token_for(dept)
    workflow.answer(it, kind=DONE, text="Pump repaired.", by_name="Zhang")
    workflow.accept(fresh(it), secretary)

    data = {"by_name": "Zhang", "action": "answer_done", "answer": "Changed my mind."}
    page = client.post(item_url(token, it), data).content.decode()

    assert "The office has already accepted the answer to this item" in page
    assert (fresh(it).status, fresh(it).answer) == (S.DONE, "Pump repaired.")


def test_a_leaders_remark_goes_to_the_leader_after_acceptance(office_trip, secretary, leader):
    remark = note(office_trip, leader, kind=Note.Kind.REMARK, text="Fix it before summer.")
    it = items.create(
        FollowUp(
            trip=office_trip,
            note=remark,
            title="Fix it",
            to_do="Fix it.",
            department=department()[0],
            due_date=office_trip.end_date,
        ),
        secretary,
    )
    assert it.raised_by_leader
    workflow.answer(fresh(it), kind=DONE, text="Fixed.", by_name="Zhang")

    workflow.accept(fresh(it), secretary)
    assert fresh(it).status == S.LEADER_REVIEW and not fresh(it).has_outcome

    workflow.agree(fresh(it), leader)
    assert fresh(it).status == S.DONE


def test_the_leaders_instruction_reopens_the_item_and_the_department_reads_it(
    client, office_trip, secretary, leader
):
    it = answered(office_trip, secretary, raised_by_leader=True)
    workflow.accept(it, secretary)
    client.force_login(leader)

    client.post(
        reverse("followups:item_leader_review", args=[it.pk]),
        {"decision": "instruct", "instruction": "Check the other two villages too."},
    )

    assert fresh(it).status == S.IN_PROGRESS
    last = FollowUpUpdate.objects.filter(followup=it).last()
    assert (last.by_user, last.changes) == (leader, {"status": ["leader_review", "in_progress"]})
    page = client.get(item_url(token_for(fresh(it).department), it)).content.decode()
    assert "Check the other two villages too." in page


def test_an_instruction_needs_its_words(office_trip, secretary, leader):
    it = answered(office_trip, secretary, raised_by_leader=True)
    workflow.accept(it, secretary)
    with pytest.raises(ValidationError):
        workflow.instruct(fresh(it), leader, instruction="")
    assert fresh(it).status == S.LEADER_REVIEW


def test_a_member_of_another_department_may_not_answer(office_trip, secretary):
    it = item(office_trip, secretary, department()[0])
    stranger = member(department("Finance bureau")[0], username="stranger")
    with pytest.raises(PermissionDenied):
        workflow.answer(it, stranger, kind=DONE, text="Done.")


def test_acknowledge_then_start_then_answer_each_write_a_row(client, office_trip, secretary):
    dept = department()[0]
    it = item(office_trip, secretary, dept)
    token = token_for(dept)
    for action in ("acknowledge", "start"):
        client.post(item_url(token, it), {"by_name": "Zhang", "action": action})
    client.post(
        item_url(token, it), {"by_name": "Zhang", "action": "answer_cannot", "reason": "No."}
    )

    moves = [u.changes["status"] for u in FollowUpUpdate.objects.filter(followup=it)]
    assert moves == [
        ["assigned", "acknowledged"],
        ["acknowledged", "in_progress"],
        ["in_progress", "answered"],
    ]


def test_the_history_says_each_move_in_words(client, office_trip, secretary):
    it = answered(office_trip, secretary)
    workflow.return_answer(it, secretary, reason="Send a photo.")
    client.force_login(secretary)
    page = client.get(it.get_absolute_url()).content.decode()
    assert "Answered, awaiting review → Returned" in page and "Send a photo." in page


def test_sending_the_link_assigns_the_pending_items(client, office_trip, secretary):
    dept = department()[0]
    it = item(office_trip, secretary, dept, status=S.PENDING)
    client.force_login(secretary)
    client.post(reverse("followups:send_department_link", args=[it.pk]))
    assert fresh(it).status == S.ASSIGNED
    assert FollowUpUpdate.objects.get(followup=it).changes == {"status": ["pending", "assigned"]}


def test_the_migration_maps_open_to_assigned_and_keeps_the_others_and_history(
    office_trip, secretary
):
    dept = department()[0]
    old = {
        s: item(office_trip, secretary, dept, status=s, answer="A.", reason="R.")
        for s in ("open", "in_progress", "done", "cannot")
    }
    FollowUpUpdate.objects.create(followup=old["open"], changes={"status": [None, "open"]})
    migration = import_module("followups.migrations.0005_duban_states")

    migration.forwards(apps, None)

    assert {s: fresh(it).status for s, it in old.items()} == {
        "open": "assigned",
        "in_progress": "in_progress",
        "done": "done",
        "cannot": "cannot",
    }
    record = FollowUpUpdate.objects.get(followup=old["open"])
    assert items.change_lines(record)[0][2] == "Assigned"  # the old row, in today's words


def test_the_item_page_with_its_review_form_has_no_id_twice(client, office_trip, secretary):
    it = answered(office_trip, secretary)
    client.force_login(secretary)
    page = client.get(it.get_absolute_url()).content.decode()
    assert 'action="' + reverse("followups:item_review", args=[it.pk]) in page
    ids = re.findall(r'\sid="([^"]+)"', page)
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
