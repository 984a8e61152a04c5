"""延期申请: the department asks for a new date before the due date, with the reason; the
office approves or refuses; lateness is always measured against the first due date."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from followups import items, workflow
from followups.models import ExtensionRequest, FollowUp
from outbox.models import Message
from tests.factories import at
from tests.followups.department_setup import item_url, member, token_for
from tests.followups.item_setup import department, item

pytestmark = pytest.mark.django_db

DUE = dt.date(2027, 1, 15)
LATER = dt.date(2027, 2, 15)
E = ExtensionRequest.Status


def fresh(it: FollowUp) -> FollowUp:
    return FollowUp.objects.get(pk=it.pk)


def asked(it: FollowUp, today: dt.date = DUE - dt.timedelta(days=3)) -> ExtensionRequest:
    return workflow.ask_extension(
        it, to_date=LATER, reason="The parts come from Shanghai.", by_name="Zhang", today=today
    )


@pytest.fixture
def pump(office_trip, secretary):
    return item(office_trip, secretary, department()[0], due_date=DUE)


def test_an_approved_request_moves_the_due_date_and_keeps_the_first(pump, secretary):
    record = workflow.decide_extension(asked(pump), secretary, approve=True)

    it = fresh(pump)
    assert (it.due_date, it.original_due_date, it.original_due) == (LATER, DUE, DUE)
    assert record.changes == {
        "extension": {"to": "2027-02-15", "status": ["pending", "approved"]},
        "due_date": ["2027-01-15", "2027-02-15"],
    }


def test_a_refused_request_keeps_the_due_date(pump, secretary):
    request = asked(pump)
    workflow.decide_extension(request, secretary, approve=False, comment="The leader visits.")

    assert (fresh(pump).due_date, fresh(pump).original_due_date) == (DUE, None)
    assert ExtensionRequest.objects.get(pk=request.pk).status == E.REFUSED


def test_a_refusal_needs_the_reason(pump, secretary):
    with pytest.raises(ValidationError) as refused:
        workflow.decide_extension(asked(pump), secretary, approve=False)
    assert "comment" in refused.value.message_dict


def test_more_time_is_asked_for_before_the_due_date_passes(pump):
    with pytest.raises(ValidationError) as refused:
        asked(pump, today=DUE + dt.timedelta(days=1))
    assert "to_date" in refused.value.message_dict


def test_the_new_date_comes_after_the_due_date(pump):
    with pytest.raises(ValidationError) as refused:
        workflow.ask_extension(pump, to_date=DUE, reason="R.", by_name="Zhang", today=DUE)
    assert "to_date" in refused.value.message_dict


def test_one_request_waits_at_a_time(pump):
    asked(pump)
    with pytest.raises(ValidationError):
        asked(pump)


def test_a_second_extension_keeps_the_very_first_date(pump, secretary):
    workflow.decide_extension(asked(pump), secretary, approve=True)
    second = workflow.ask_extension(
        fresh(pump), to_date=dt.date(2027, 3, 1), reason="R.", by_name="Zhang", today=LATER
    )
    workflow.decide_extension(second, secretary, approve=True)

    assert (fresh(pump).due_date, fresh(pump).original_due_date) == (dt.date(2027, 3, 1), DUE)


def test_the_secretaries_are_told_of_a_request(pump, secretary):
    asked(pump)
    [message] = Message.objects.filter(recipient_user=secretary)
    assert "2027" in message.text_body and "The parts come from Shanghai." in message.text_body


def test_only_the_secretaries_decide(pump, staff):
    with pytest.raises(PermissionDenied):
        workflow.decide_extension(asked(pump), staff, approve=True)


def test_an_answered_item_takes_no_request(pump):
    workflow.answer(pump, kind="done", text="Done.", by_name="Zhang")
    with pytest.raises(ValidationError):
        asked(fresh(pump))


def test_moving_the_due_date_of_an_assigned_item_keeps_the_first(pump, secretary):
    items.update(pump, secretary, due_date=LATER)
    assert fresh(pump).original_due_date == DUE


@time_machine.travel(at(DUE - dt.timedelta(days=3), 9), tick=False)
def test_the_department_asks_through_its_link_and_errors_keep_what_was_typed(client, pump):
    token = token_for(pump.department)
    url = reverse("followups:department_item_extension", args=[token, pump.pk])

    page = client.get(item_url(token, pump)).content.decode()
    bad = client.post(url, {"by_name": "Zhang", "to_date": "2027-01-10", "reason": "Parts."})
    client.post(url, {"by_name": "Zhang", "to_date": "2027-02-15", "reason": "Parts."})

    assert url in page
    assert bad.status_code == 400 and "Choose a date after the due date" in bad.content.decode()
    assert "Parts.</textarea>" in bad.content.decode()  # what was typed stays
    [request] = pump.extensions.all()
    assert (request.to_date, request.asked_by_name, request.status) == (LATER, "Zhang", E.PENDING)


@time_machine.travel(at(DUE - dt.timedelta(days=3), 9), tick=False)
def test_a_member_asks_on_the_item_page_and_the_secretary_approves(client, pump, secretary):
    client.force_login(member(pump.department))
    client.post(
        reverse("followups:item_extension", args=[pump.pk]),
        {"to_date": "2027-02-15", "reason": "Parts."},
    )
    [request] = pump.extensions.all()
    client.force_login(secretary)
    url = reverse("followups:extension_decide", args=[pump.pk, request.pk])

    assert url in client.get(pump.get_absolute_url()).content.decode()
    client.post(url, {"decision": "approve"})

    assert fresh(pump).due_date == LATER


@time_machine.travel(at(DUE - dt.timedelta(days=3), 9), tick=False)
def test_the_item_page_shows_both_dates_once_extended(client, pump, secretary):
    workflow.decide_extension(asked(pump), secretary, approve=True)
    client.force_login(secretary)
    page = client.get(pump.get_absolute_url()).content.decode()
    assert "first due" in page and "15 January 2027" in page


def test_an_outsider_gets_404_for_a_decision(client, confidential_trip, secretary, outsider):
    it = item(confidential_trip, secretary, department()[0], due_date=DUE)
    request = asked(it)
    client.force_login(outsider)
    url = reverse("followups:extension_decide", args=[it.pk, request.pk])
    assert client.post(url, {"decision": "approve"}).status_code == 404


def test_the_department_is_told_the_decision_in_its_language(pump, secretary):
    pump.department.language = "zh-hans"
    pump.department.save()
    workflow.decide_extension(asked(pump), secretary, approve=False, comment="领导下周检查。")

    [told] = Message.objects.filter(cause_key__startswith="followup_extension_decided:")
    assert told.to == "zhang@bureau.example"
    assert "领导下周检查。" in told.text_body and "/follow-ups/d/" in told.text_body
