"""The e-mails trips sends: each in its reader's language, with links that work outside."""

from __future__ import annotations

import pytest
from django.conf import settings

from accounts.models import Profile
from outbox.models import Message
from tests.factories import ItineraryItemFactory, TripFactory, at
from tests.notices.notice_setup import fresh
from trips import approval
from trips.models import TripVersion

pytestmark = pytest.mark.django_db


@pytest.fixture
def trip(office_trip):
    ItineraryItemFactory(trip=office_trip, title="Water plant", start=at(office_trip.start_date, 9))
    return office_trip


def prefers(user, language: str) -> None:
    Profile.objects.filter(user=user).update(language=language)


def test_the_approval_request_goes_in_the_leaders_language(trip, secretary, leader):
    prefers(leader, "zh-hans")
    approval.submit(fresh(trip), secretary)  # the secretary writes in English
    message = Message.objects.get(recipient_user=leader)
    assert message.language == "zh-hans"
    assert message.subject.startswith("请审批")
    assert "Riverside water works" in message.subject and "第 1 版" in message.subject


def test_the_decision_goes_in_each_secretarys_language(trip, secretary, leader):
    prefers(secretary, "zh-hans")
    version = approval.submit(fresh(trip), secretary)
    approval.decide(TripVersion.objects.get(pk=version.pk), leader, TripVersion.Decision.APPROVED)
    message = Message.objects.get(recipient_user=secretary)
    assert message.language == "zh-hans"
    assert "已批准" in message.text_body


def test_the_link_to_the_plan_is_absolute(trip, secretary, leader):
    version = approval.submit(fresh(trip), secretary)
    message = Message.objects.get(recipient_user=leader)
    url = settings.SITE_URL.rstrip("/") + version.get_absolute_url()
    assert url in message.text_body
    assert f'href="{url}"' in message.html_body


def test_a_long_trip_title_is_cut_to_fit_the_cause(secretary, leader):
    trip = TripFactory(title="T" * 200, team={secretary: "secretary", leader: "leader"}, items=1)
    approval.submit(fresh(trip), secretary)
    cause = Message.objects.get(recipient_user=leader).cause
    assert len(cause) == Message._meta.get_field("cause").max_length
    assert cause.startswith("TTT")
    assert cause.endswith("…")
