"""催办: the secretary chases an item by e-mail or by phone, each a numbered round on record;
the owner digests count as rounds; unanswered rounds escalate the item to its leader."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.db import IntegrityError
from django.urls import reverse

from followups import departments, links, reminders, urging
from followups.models import FollowUp, Urging
from outbox.models import Message
from tests.factories import at
from tests.followups.department_setup import items_url
from tests.followups.item_setup import department, item

pytestmark = pytest.mark.django_db

# A Monday: the leaders' weekly digest goes (FOLLOWUP_LEADER_WEEKDAY = 0).
TODAY = dt.date(2027, 1, 11)
DAY = dt.timedelta(days=1)


@pytest.fixture(autouse=True)
def _settings(settings):
    settings.DUBAN_ESCALATE_ROUNDS = 3
    settings.FOLLOWUP_DIGEST_HOUR = 8
    settings.FOLLOWUP_LEADER_WEEKDAY = 0
    settings.FOLLOWUP_REMINDER_DAYS = 3
    with time_machine.travel(at(TODAY, 9), tick=False):
        yield


def urge(client, it, note: str = ""):
    return client.post(reverse("followups:item_urge", args=[it.pk]), {"note": note})


def call(client, it, called: str = "Zhang Min, 0571-8888 1234", said: str = "Next week."):
    return client.post(
        reverse("followups:item_call", args=[it.pk]), {"called": called, "said": said}
    )


def notices() -> list[Message]:
    return list(Message.objects.filter(cause_key__startswith="followup_urging:").order_by("pk"))


def test_urging_emails_the_departments_contacts_with_its_link(client, office_trip, secretary):
    dept, zhang = department()
    it = item(office_trip, secretary, dept, title="Fix the pump")
    client.force_login(secretary)

    assert urge(client, it, note="The villagers are waiting.").status_code == 302

    [message] = notices()
    assert (message.to, message.trip_id) == (zhang.email, office_trip.pk)
    assert "Urging notice (no. 1): Fix the pump" in message.subject
    assert "The villagers are waiting." in message.text_body
    assert items_url(links.make_token(links.current(dept))) in message.text_body


def test_each_urging_is_a_round_with_its_channel_recipients_and_sender(
    client, office_trip, secretary
):
    dept, zhang = department()
    it = item(office_trip, secretary, dept)
    client.force_login(secretary)

    urge(client, it)

    [first] = Urging.objects.filter(followup=it)
    assert (first.round, first.channel, first.by_user) == (1, "email", secretary)
    assert zhang.email in first.recipients and first.at == at(TODAY, 9)


def test_a_phone_call_is_the_next_round_with_who_and_what_they_said(client, office_trip, secretary):
    it = item(office_trip, secretary, department()[0])
    client.force_login(secretary)
    urge(client, it)

    assert call(client, it).status_code == 302

    second = Urging.objects.get(followup=it, round=2)
    assert (second.channel, second.recipients, second.note) == (
        "phone",
        "Zhang Min, 0571-8888 1234",
        "Next week.",
    )


def test_a_call_without_who_was_called_is_refused_beside_the_field(client, office_trip, secretary):
    it = item(office_trip, secretary, department()[0])
    client.force_login(secretary)
    response = call(client, it, called="")
    assert response.status_code == 400
    assert response.context["call_form"].errors["called"]
    assert not Urging.objects.exists()


def test_only_the_trips_secretaries_urge(client, office_trip, secretary, staff):
    it = item(office_trip, secretary, department()[0])
    client.force_login(staff)
    assert urge(client, it).status_code == 403
    assert call(client, it).status_code == 403
    assert not Urging.objects.exists() and not notices()


def test_a_settled_item_is_not_chased(client, office_trip, secretary):
    it = item(office_trip, secretary, department()[0], status="done", answer="Fixed.")
    client.force_login(secretary)
    urge(client, it)
    assert not Urging.objects.exists() and not notices()


def test_a_department_without_an_address_is_not_urged_by_email(client, office_trip, secretary):
    dept, zhang = department()
    zhang.email = ""
    zhang.save()
    it = item(office_trip, secretary, dept)
    client.force_login(secretary)
    urge(client, it)
    assert not Urging.objects.exists()
    assert "add one in the directory" in client.get(it.get_absolute_url()).content.decode()


def test_one_row_per_round(office_trip, secretary):
    it = item(office_trip, secretary, department()[0])
    Urging.objects.create(followup=it, round=1, channel="phone", recipients="Zhang Min")
    with pytest.raises(IntegrityError):
        Urging.objects.create(followup=it, round=1, channel="email", recipients="Zhang Min")


def test_the_item_page_lists_the_rounds(client, office_trip, secretary):
    it = item(office_trip, secretary, department()[0])
    client.force_login(secretary)
    urge(client, it)
    call(client, it)
    page = client.get(it.get_absolute_url()).content.decode()
    assert "Urging no. 1 · E-mail" in page and "Urging no. 2 · Phone call" in page


def test_the_urging_notice_is_in_the_departments_language(client, office_trip, secretary):
    it = item(office_trip, secretary, department(language="zh-hans")[0], title="修水泵")
    client.force_login(secretary)
    urge(client, it)
    [message] = notices()
    assert message.language == "zh-hans" and "第1次催办" in message.subject


def test_an_owner_digest_is_a_round_for_each_item_it_lists(office_trip, secretary):
    dept = department()[0]
    late = item(office_trip, secretary, dept, title="Late", due_date=TODAY - DAY)
    soon = item(office_trip, secretary, dept, title="Soon", due_date=TODAY + DAY)
    later = item(office_trip, secretary, dept, title="Later", due_date=TODAY + 30 * DAY)

    reminders.send_reminders()

    rounds = Urging.objects.filter(channel="digest")
    assert {(u.followup_id, u.round) for u in rounds} == {(late.pk, 1), (soon.pk, 1)}
    assert not later.urgings.exists()


def chase(it, times: int, by) -> None:
    for _ in range(times):
        urging.record_call(it, by, called="Zhang Min")


def leader_digest() -> Message:
    return Message.objects.get(cause_key__startswith="followups.leader_digest")


def test_unanswered_rounds_escalate_the_item_to_the_leaders_digest(office_trip, secretary, leader):
    it = item(office_trip, secretary, department()[0], title="Fix the pump")
    it.trip = office_trip
    chase(it, 3, secretary)

    reminders.send_reminders()

    body = leader_digest().text_body
    assert "Needs the leader's coordination" in body
    assert "Fix the pump" in body and "Urging no. 3 · Phone call" in body


def test_fewer_rounds_than_the_setting_do_not_escalate(office_trip, secretary, leader):
    it = item(office_trip, secretary, department()[0])
    it.trip = office_trip
    chase(it, 2, secretary)
    assert not FollowUp.objects.escalated().exists()


def test_an_answer_from_the_department_starts_the_count_again(office_trip, secretary):
    dept = department()[0]
    it = item(office_trip, secretary, dept)
    it.trip = office_trip
    chase(it, 2, secretary)
    with time_machine.travel(at(TODAY, 9, 30), tick=False):
        departments.answer(it, "start", by_name="Zhang Min", comment="On it.")
    with time_machine.travel(at(TODAY, 10), tick=False):
        chase(it, 2, secretary)
    assert urging.unanswered(it) == 2
    assert not FollowUp.objects.escalated().exists()


def test_the_item_page_says_it_needs_the_leaders_coordination(client, office_trip, secretary):
    it = item(office_trip, secretary, department()[0])
    it.trip = office_trip
    chase(it, 3, secretary)
    client.force_login(secretary)
    page = client.get(it.get_absolute_url()).content.decode()
    assert "Needs the leader's coordination" in page
    assert "chased 3 times without an answer from the department" in page
