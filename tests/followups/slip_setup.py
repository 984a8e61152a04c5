"""Helpers for the slip tests: items handed over (交办) at a given moment, urged in rounds."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import time_machine

from followups import workflow
from followups.models import FollowUp, FollowUpPart, Note, Urging
from tests.factories import DepartmentFactory
from tests.followups import item_setup

OFFICE = ZoneInfo("Asia/Shanghai")


def at(day: dt.date, hour: int = 9) -> dt.datetime:
    """A moment on the office's clock."""
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=OFFICE)


def handed_over(trip, secretary, dept, day: dt.date, hour: int = 9, **kwargs) -> FollowUp:
    """A pending item the trip's secretary hands to its department (交办) on that day."""
    with time_machine.travel(at(day, hour), tick=False):
        item = item_setup.item(trip, secretary, dept, status=FollowUp.Status.PENDING, **kwargs)
        workflow.assign(item, secretary)
    return item


def full_item(
    trip, secretary, leader, day: dt.date = dt.date(2026, 12, 10), *, owners=("Water", "Finance")
) -> FollowUp:
    """An item from the leader's remark, with a contact, a co-owner and phones; its lead and
    co-owner are the owners' bureaus."""
    lead, co_owner = (f"{name} bureau" for name in owners)
    dept, contact = item_setup.department(lead)
    contact.title, contact.phone = "Deputy director", "0571-8700 0001"
    contact.save()
    secretary.profile.phone = "0571-8700 9999"
    secretary.profile.save()
    note = item_setup.note(
        trip, leader, kind=Note.Kind.REMARK, text="The village needs clean water by spring."
    )
    item = handed_over(
        trip, secretary, dept, day, note=note, contact=contact, raised_by_leader=True
    )
    FollowUpPart.objects.create(followup=item, department=DepartmentFactory(name=co_owner))
    return item


def urged(item, secretary, day: dt.date, channel: str = Urging.Channel.PHONE, **kwargs) -> Urging:
    """The item's next 催办 round on that day."""
    last = item.urgings.count()
    return Urging.objects.create(
        followup=item,
        round=last + 1,
        channel=channel,
        recipients="Zhang Min",
        by_user=secretary,
        at=at(day, 10),
        **kwargs,
    )
