"""The e-mails logistics sends: the daily digest, in its reader's language."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.urls import reverse

from logistics import checklists
from logistics.models import ChecklistItem
from outbox.models import Message
from tests.factories import TripFactory

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 12, 2)


@pytest.fixture
def overdue_item(secretary, staff):
    trip = TripFactory(title="Dykes", team={secretary: "secretary", staff: "staff"})
    return ChecklistItem.objects.create(
        trip=trip, title="Book the cars", owner=staff, due_date=TODAY - dt.timedelta(days=1)
    )


def test_the_digest_goes_in_the_owners_preferred_language(overdue_item, staff):
    staff.profile.language = "zh-hans"
    staff.profile.save()
    checklists.send_digest(staff, TODAY)
    message = Message.objects.get(recipient_user=staff)
    assert message.language == "zh-hans"
    assert message.subject.startswith("准备事项") and "1 项待办" in message.subject


def test_the_digest_links_to_my_checklist_absolutely(overdue_item, staff):
    checklists.send_digest(staff, TODAY)
    message = Message.objects.get(recipient_user=staff)
    url = settings.SITE_URL.rstrip("/") + reverse("desk:my_checklist")
    assert f'href="{url}"' in message.html_body
    assert (message.trip_id, message.private) == (None, False)  # personal: its reader's only
