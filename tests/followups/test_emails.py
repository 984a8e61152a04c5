# ruff: noqa: RUF001  (the Chinese cause is written with full-width punctuation)
"""followups.emails.notify_department: every follow-up e-mail gets its language, cause,
cause_key and recipient the same way."""

from __future__ import annotations

import pytest

from directory.models import Contact
from followups.emails import notify_department
from tests.factories import DepartmentFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_to_an_office_account_in_its_own_language_and_its_own_mail():
    user = UserFactory(profile__language="zh-hans")
    message = notify_department(
        "followup_secretary_digest",
        user,
        {"user": user, "items": [], "count": 0},
        cause="followups.secretary_digest",
        about="2027-01-11",
        key=(12,),
        trip_id=3,
    )
    assert (message.language, message.recipient_user, message.trip_id) == ("zh-hans", user, 3)
    assert message.cause == "逾期督办事项：2027-01-11"
    assert message.cause_key == "followups.secretary_digest:12"


def test_to_a_departments_contact_in_the_departments_language():
    department = DepartmentFactory(name="Water bureau", language="en")
    contact = Contact.objects.create(name="Zhang", department="Water", email="zhang@water.example")
    message = notify_department(
        "followup_owner_digest",
        contact,
        {"department": department, "name": contact.name, "soon": [], "overdue": [], "count": 0},
        cause="followups.owner_digest",
        about="Water bureau",
        key=(12, "contact", contact.pk),
        trip_id=None,
        department=department,
        private=True,
    )
    assert (message.to, message.language, message.recipient_user) == (
        "zhang@water.example",
        "en",
        None,
    )
    assert message.cause == "Reminder of follow-up items: Water bureau"
    assert message.cause_key == f"followups.owner_digest:12:contact:{contact.pk}"
    assert message.private
