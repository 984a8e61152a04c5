"""The e-mails about notices: each host unit's in its own language, the secretaries' in
theirs, every one labelled and scoped to its trip in the mail log."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.urls import reverse

from accounts.models import Profile
from notices import emails
from outbox.models import Message
from tests.notices.notice_setup import A_WEEK_BEFORE, approve, build_visit, send

pytestmark = pytest.mark.django_db


def prefers(user, language: str) -> None:
    Profile.objects.filter(user=user).update(language=language)


@pytest.fixture
def visit(office_trip, secretary, leader, staff, time_machine):
    """The township speaks English, the plant Chinese; the secretary prefers Chinese."""
    time_machine.move_to(A_WEEK_BEFORE)
    prefers(secretary, "zh-hans")
    visit = build_visit(office_trip, leader, staff)
    approve(visit.trip, secretary, leader)
    return visit


def test_notices_go_in_each_units_language_not_the_senders(visit, secretary):
    send(visit.trip, secretary)
    township = Message.objects.get(to="zhang@township.example")
    plant = Message.objects.get(to="li@plant.example")
    assert (township.language, plant.language) == ("en", "zh-hans")
    assert "and party plan to visit your unit" in township.text_body
    assert "拟于" in plant.text_body


def test_the_unacknowledged_alert_goes_in_the_secretarys_language(visit, secretary):
    notice = next(n for n in send(visit.trip, secretary) if n.host_unit == visit.township)
    [alert] = emails.alert_unacknowledged(notice)
    assert (alert.recipient_user, alert.language) == (secretary, "zh-hans")
    assert alert.trip_id == notice.trip_id  # the mail log shows it to the trip's readers only
    url = settings.SITE_URL.rstrip("/") + reverse("notices:notices", args=[notice.trip_id])
    assert url in alert.text_body


def test_every_e_mail_to_a_unit_names_the_trip_and_the_unit_in_the_mail_log(visit, secretary):
    notice = next(n for n in send(visit.trip, secretary) if n.host_unit == visit.township)
    [message] = emails.notify_unit(
        "notice_reminder",
        visit.trip,
        visit.township,
        visit.township.contacts.all(),
        {"notice": notice, "part": None, "ack_url": ""},
        what="Reminder to acknowledge",
        cause_key="test",
    )
    assert (message.to, message.language) == ("zhang@township.example", "en")
    assert message.cause == f"{visit.trip.title}: Reminder to acknowledge → Riverside township"
    assert (message.cause_key, message.trip_id) == ("test", visit.trip.pk)
