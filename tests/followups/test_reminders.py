"""Follow-up reminders: the owners' daily reminder, the secretaries' overdue digest, the
leaders' weekly digest; each once however often (and however many at once) the job runs."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
import time_machine
from django.db import connections
from django.utils import timezone

from directory.models import Contact
from followups import items, links, reminders
from followups.models import DepartmentLink, FollowUp
from followups.tasks import send_reminders
from outbox.models import Claim, Message
from tests.factories import DepartmentFactory, TripFactory, UserFactory
from tests.followups.item_setup import item, settle
from trips.models import Trip

pytestmark = pytest.mark.django_db

# A Monday: the leaders' day (FOLLOWUP_LEADER_WEEKDAY = 0 below).
TODAY = dt.date(2027, 1, 11)
DAY = dt.timedelta(days=1)


@pytest.fixture(autouse=True)
def _reminder_settings(settings):
    settings.FOLLOWUP_REMINDER_DAYS = 3
    settings.FOLLOWUP_DIGEST_HOUR = 8
    settings.FOLLOWUP_LEADER_WEEKDAY = 0


def office(day: dt.date, hour: int = 9, minute: int = 0) -> dt.datetime:
    """That moment on the office clock (Asia/Shanghai)."""
    return dt.datetime.combine(day, dt.time(hour, minute), timezone.get_default_timezone())


def run(day: dt.date, hour: int = 9, minute: int = 0) -> dict[str, int]:
    """The beat job, as a task, at that moment office time."""
    with time_machine.travel(office(day, hour, minute), tick=False):
        return send_reminders.delay().get()


def dept(name: str = "Water bureau", language: str = "en", email: str = ""):
    """A department whose one contact has an e-mail address of its own."""
    slug = name.split()[0].lower()
    contact = Contact.objects.create(
        name=f"Contact of {name}", department=name, email=email or f"{slug}@bureau.example"
    )
    return DepartmentFactory(name=name, language=language, contacts=[contact])


def mails(kind: str, to: str | None = None) -> list[Message]:
    """The digests of a kind (owner, secretary, leader) written so far, oldest first."""
    found = Message.objects.filter(cause_key__startswith=f"followups.{kind}_digest:")
    if to is not None:
        found = found.filter(to=to)
    return list(found.order_by("pk"))


def contact_of(department) -> str:
    return department.contacts.get().email


# The owner department's reminder --------------------------------------------------------


def test_reminder_goes_once_the_set_days_before_the_due_date(office_trip, secretary):
    water = dept()
    pump = item(office_trip, secretary, water, title="Fix the pump", due_date=TODAY + 3 * DAY)

    run(TODAY - DAY)  # four days before: too early
    assert mails("owner") == []

    run(TODAY)
    run(TODAY, hour=15)
    run(TODAY + DAY)
    run(TODAY + 2 * DAY)

    [message] = mails("owner")
    assert message.to == "water@bureau.example"
    assert "Due soon" in message.text_body and "Fix the pump" in message.text_body
    assert "due Thursday 14 January 2027" in message.text_body
    pump.refresh_from_db()
    assert pump.reminded_before_on == TODAY


def test_an_item_due_sooner_than_the_set_days_is_reminded_at_the_next_run(office_trip, secretary):
    water = dept()
    item(office_trip, secretary, water, due_date=TODAY + DAY)
    run(TODAY)
    assert len(mails("owner")) == 1


def test_a_due_date_moved_later_is_reminded_again_before_the_new_date(office_trip, secretary):
    water = dept()
    pump = item(office_trip, secretary, water, due_date=TODAY + 3 * DAY)
    run(TODAY)
    items.update(pump, secretary, due_date=TODAY + 10 * DAY)

    run(TODAY + DAY)
    assert len(mails("owner")) == 1
    run(TODAY + 7 * DAY)
    assert len(mails("owner")) == 2


def test_overdue_reminder_goes_every_day_once_a_day(office_trip, secretary):
    water = dept()
    pump = item(office_trip, secretary, water, title="Fix the pump", due_date=TODAY - DAY)

    assert run(TODAY)["owner"] == 1
    assert run(TODAY)["owner"] == 0
    assert run(TODAY, hour=23)["owner"] == 0
    [first] = mails("owner")
    assert "Overdue" in first.text_body and "was due Sunday 10 January 2027" in first.text_body

    assert run(TODAY + DAY)["owner"] == 1
    assert len(mails("owner")) == 2
    pump.refresh_from_db()
    assert pump.overdue_reminded_on == TODAY + DAY
    assert list(Claim.objects.filter(kind="followups.owner").values_list("period", flat=True)) == [
        TODAY + DAY,
        TODAY,
    ]


def test_one_digest_per_department_with_all_its_items(office_trip, confidential_trip, secretary):
    water, finance = dept(), dept("Finance bureau")
    item(office_trip, secretary, water, title="Fix the pump", due_date=TODAY - 2 * DAY)
    item(confidential_trip, secretary, water, title="Fund the school", due_date=TODAY - DAY)
    item(office_trip, secretary, water, title="Pave the lane", due_date=TODAY + 2 * DAY)
    item(office_trip, secretary, water, title="Plant trees", due_date=TODAY + 20 * DAY)
    item(office_trip, secretary, finance, title="Pay the grant", due_date=TODAY - DAY)

    assert run(TODAY)["owner"] == 2

    [message] = mails("owner", to=contact_of(water))
    overdue, soon = message.text_body.split("Overdue")[1].split("Due soon")
    assert "Fix the pump" in overdue and "Fund the school" in overdue
    assert "Pave the lane" in soon
    for absent in ("Plant trees", "Pay the grant"):
        assert absent not in message.text_body
    assert message.subject == "Reminder of follow-up items due: 3 items for Water bureau"
    assert Claim.objects.filter(kind="followups.owner", key=str(water.pk)).count() == 1


def test_co_owner_department_gets_the_item_marked_as_co_owner(office_trip, secretary):
    water, finance = dept(), dept("Finance bureau")
    pump = item(office_trip, secretary, water, title="Fix the pump", due_date=TODAY - DAY)
    pump.co_owners.add(finance)

    run(TODAY)

    [owner] = mails("owner", to=contact_of(water))
    [co_owner] = mails("owner", to=contact_of(finance))
    assert "Fix the pump" in co_owner.text_body
    assert "co-owner (owned by Water bureau)" in co_owner.text_body
    assert "co-owner" in co_owner.html_body
    assert "co-owner" not in owner.text_body


def test_co_owner_added_to_an_item_reminded_today_still_gets_it_today(office_trip, secretary):
    water, finance = dept(), dept("Finance bureau")
    pump = item(office_trip, secretary, water, title="Fix the pump", due_date=TODAY + DAY)
    item(office_trip, secretary, finance, title="Pay the grant", due_date=TODAY + 40 * DAY)
    run(TODAY)
    pump.co_owners.add(finance)

    run(TODAY, hour=10)

    [co_owner] = mails("owner", to=contact_of(finance))
    assert "Fix the pump" in co_owner.text_body


def test_an_item_newly_due_after_a_co_owners_digest_waits_for_the_next_day(office_trip, secretary):
    water, finance = dept(), dept("Finance bureau")
    item(office_trip, secretary, finance, title="Pay the grant", due_date=TODAY - DAY)
    run(TODAY)  # finance has had today's reminder
    pump = item(office_trip, secretary, water, title="Fix the pump", due_date=TODAY + DAY)
    pump.co_owners.add(finance)

    run(TODAY, hour=10)
    assert mails("owner", to=contact_of(water)) == []

    run(TODAY + DAY)
    assert "Fix the pump" in mails("owner", to=contact_of(water))[0].text_body
    assert "Fix the pump" in mails("owner", to=contact_of(finance))[1].text_body


def test_members_get_it_in_their_language_contacts_in_the_departments(office_trip, secretary):
    water = dept(language="zh-hans")
    member_en = UserFactory(username="lin", roles=["staff"], profile__language="en")
    member_zh = UserFactory(username="zhou", roles=["staff"], profile__language="zh-hans")
    no_address = UserFactory(username="nomail", email="", roles=["staff"])
    water.members.add(member_en, member_zh, no_address)
    item(office_trip, secretary, water, title="Fix the pump", due_date=TODAY - DAY)

    run(TODAY)

    by_address = {m.to: m for m in mails("owner")}
    assert set(by_address) == {"water@bureau.example", member_en.email, member_zh.email}
    contact, english, chinese = (
        by_address["water@bureau.example"],
        by_address[member_en.email],
        by_address[member_zh.email],
    )
    assert (contact.language, contact.recipient_user) == ("zh-hans", None)
    assert (english.language, english.recipient_user) == ("en", member_en)
    assert (chinese.language, chinese.recipient_user) == ("zh-hans", member_zh)
    assert "2027年1月10日" in contact.text_body and "2027年1月10日" in chinese.text_body
    assert "Sunday 10 January 2027" in english.text_body
    # One digest for the department, however many people it goes to.
    assert Claim.objects.filter(kind="followups.owner").count() == 1


def test_owner_digest_carries_the_departments_signed_link(office_trip, secretary):
    water = dept()
    item(office_trip, secretary, water, due_date=TODAY - DAY)

    run(TODAY)

    [message] = mails("owner")
    link = DepartmentLink.objects.get(department=water)
    assert links.link_url(link) in message.text_body
    assert links.link_url(link) in message.html_body
    token = links.link_url(link).rstrip("/").rsplit("/", 1)[-1]
    assert token not in message.shown_text  # the mail log hides the credential


def test_a_department_without_anyone_to_write_to_gets_nothing(office_trip, secretary):
    silent = DepartmentFactory(name="Silent bureau")
    item(office_trip, secretary, silent, due_date=TODAY - DAY)
    assert run(TODAY)["owner"] == 0
    assert not Claim.objects.filter(kind="followups.owner").exists()


# When nothing is sent ---------------------------------------------------------------------


def test_nothing_before_the_digest_hour(office_trip, secretary, leader):
    water = dept()
    item(office_trip, secretary, water, due_date=TODAY - DAY)

    assert run(TODAY, hour=7, minute=59) == {"owner": 0, "secretary": 0, "leader": 0}
    assert not Message.objects.exists()

    assert run(TODAY, hour=8) == {"owner": 1, "secretary": 1, "leader": 1}


def test_items_with_an_outcome_are_never_reminded(office_trip, secretary):
    water = dept()
    item(office_trip, secretary, water, due_date=TODAY - DAY, status="done", answer="Fixed.")
    item(office_trip, secretary, water, due_date=TODAY + DAY, status="cannot", reason="No money.")
    assert run(TODAY) == {"owner": 0, "secretary": 0, "leader": 0}
    assert not Message.objects.exists()


@pytest.mark.parametrize("status", [Trip.Status.CLOSED, Trip.Status.CANCELLED])
def test_items_of_closed_or_cancelled_trips_are_never_reminded(office_trip, secretary, status):
    water = dept()
    item(office_trip, secretary, water, due_date=TODAY - DAY)
    item(office_trip, secretary, water, due_date=TODAY + DAY)
    Trip.objects.filter(pk=office_trip.pk).update(status=status)
    assert run(TODAY) == {"owner": 0, "secretary": 0, "leader": 0}
    assert not Message.objects.exists()


# The secretary's digest of what became overdue ---------------------------------------------


def test_secretary_digest_reports_each_newly_overdue_item_once(office_trip, secretary):
    water = dept()
    item(office_trip, secretary, water, title="Fix the pump", due_date=TODAY - DAY)
    item(office_trip, secretary, water, title="Pave the lane", due_date=TODAY)

    run(TODAY)
    run(TODAY, hour=12)
    [first] = mails("secretary")
    assert first.to == secretary.email and first.recipient_user == secretary
    assert first.subject == "1 follow-up item became overdue"
    assert "Fix the pump" in first.text_body and "Pave the lane" not in first.text_body
    assert "Water bureau" in first.text_body

    run(TODAY + DAY)  # the pump was reported; the lane is newly overdue
    second = mails("secretary")[1]
    assert "Pave the lane" in second.text_body and "Fix the pump" not in second.text_body

    run(TODAY + 2 * DAY)
    assert len(mails("secretary")) == 2
    assert len(mails("owner")) == 3  # the department is still reminded every day


def test_an_item_overdue_again_after_its_due_date_moved_is_reported_again(office_trip, secretary):
    pump = item(office_trip, secretary, dept(), title="Fix the pump", due_date=TODAY - DAY)
    run(TODAY)
    items.update(pump, secretary, due_date=TODAY + 2 * DAY)

    run(TODAY + 2 * DAY)
    assert len(mails("secretary")) == 1
    run(TODAY + 3 * DAY)
    assert len(mails("secretary")) == 2
    assert "Fix the pump" in mails("secretary")[1].text_body


def test_each_secretary_gets_the_items_of_their_own_trips(secretary, leader):
    other = UserFactory(username="secretary2", roles=["secretary"])
    water = dept()
    ours = TripFactory(title="Dykes", team={secretary: "secretary", leader: "leader"})
    theirs = TripFactory(title="Schools", team={other: "secretary"})
    both = TripFactory(title="Roads", team={secretary: "secretary", other: "secretary"})
    item(ours, secretary, water, title="Fix the pump", due_date=TODAY - DAY)
    item(theirs, other, water, title="Fund the school", due_date=TODAY - DAY)
    item(both, other, water, title="Pave the lane", due_date=TODAY - DAY)

    run(TODAY)

    [mine] = mails("secretary", to=secretary.email)
    [yours] = mails("secretary", to=other.email)
    assert "Fix the pump" in mine.text_body and "Pave the lane" in mine.text_body
    assert "Fund the school" not in mine.text_body
    assert "Fund the school" in yours.text_body and "Pave the lane" in yours.text_body
    assert "Fix the pump" not in yours.text_body
    # About two trips: a personal e-mail, in nobody's trip log.
    assert (mine.trip_id, mine.recipient_user) == (None, secretary)


def test_a_digest_about_one_trip_belongs_to_that_trip(office_trip, secretary):
    item(office_trip, secretary, dept(), due_date=TODAY - DAY)
    run(TODAY)
    assert {m.trip_id for m in Message.objects.all()} == {office_trip.pk}


def test_confidential_items_never_reach_secretaries_off_the_team(
    office_trip, confidential_trip, secretary
):
    outsider = UserFactory(username="secretary2", roles=["secretary"])
    elsewhere = TripFactory(title="Schools", team={outsider: "secretary"})
    water = dept()
    item(confidential_trip, secretary, water, title="Merger terms", due_date=TODAY - DAY)
    item(office_trip, secretary, water, title="Fix the pump", due_date=TODAY - DAY)
    item(elsewhere, outsider, water, title="Fund the school", due_date=TODAY - DAY)

    run(TODAY)

    [theirs] = mails("secretary", to=outsider.email)
    assert "Merger terms" not in theirs.text_body + theirs.html_body
    assert "Merger terms" in mails("secretary", to=secretary.email)[0].text_body
    # Nor through the mail log: the department's digest lists it for three trips.
    [owner] = mails("owner")
    assert "Merger terms" in owner.text_body and owner.private and owner.trip_id is None
    for message in Message.objects.visible_to(outsider):
        assert "Merger terms" not in message.subject + message.shown_text + message.shown_html


# The leader's weekly digest -------------------------------------------------------------------


def test_leader_digest_goes_on_the_weekday_once_a_week(office_trip, secretary, leader):
    item(office_trip, secretary, dept(), title="Fix the pump", due_date=TODAY - 3 * DAY)

    run(TODAY - DAY)  # Sunday
    assert mails("leader") == []
    run(TODAY)
    run(TODAY, hour=18)
    run(TODAY + DAY)
    [message] = mails("leader")
    assert message.to == leader.email and message.recipient_user == leader
    assert "Fix the pump" in message.text_body
    assert "week of Monday 11 January 2027" in message.subject

    run(TODAY + 7 * DAY)
    assert len(mails("leader")) == 2
    assert list(Claim.objects.filter(kind="followups.leader").values_list("period", flat=True)) == [
        TODAY + 7 * DAY,
        TODAY,
    ]


def test_leader_digest_on_another_weekday_covers_its_week(settings, office_trip, secretary):
    settings.FOLLOWUP_LEADER_WEEKDAY = 4  # Friday
    item(office_trip, secretary, dept(), due_date=TODAY - DAY)
    run(TODAY)
    assert mails("leader") == []
    run(TODAY + 4 * DAY)
    assert Claim.objects.get(kind="followups.leader").period == TODAY  # the Monday of that week


def test_a_leader_digest_missed_while_beat_was_down_goes_at_the_next_run_once(
    office_trip, secretary, leader
):
    item(office_trip, secretary, dept(), title="Fix the pump", due_date=TODAY - 3 * DAY)
    run(TODAY - DAY)  # Sunday: the job runs, nothing is due for leaders

    # Beat is down all Monday; it comes back on Tuesday.
    assert run(TODAY + DAY)["leader"] == 1
    assert run(TODAY + DAY, hour=18)["leader"] == 0
    assert run(TODAY + 2 * DAY)["leader"] == 0

    [message] = mails("leader")
    assert message.to == leader.email and "Fix the pump" in message.text_body
    assert "week of Monday 11 January 2027" in message.subject
    assert run(TODAY + 7 * DAY)["leader"] == 1  # the next week's, on its weekday


def test_a_leader_digest_missed_on_the_last_day_of_the_week_goes_in_the_next_week(
    settings, office_trip, secretary
):
    settings.FOLLOWUP_LEADER_WEEKDAY = 6  # Sunday
    item(office_trip, secretary, dept(), due_date=TODAY - 5 * DAY)
    run(TODAY - 2 * DAY)  # Saturday
    # Down on Sunday; Monday is a new week, but Sunday's digest was not sent.
    assert run(TODAY)["leader"] == 1
    assert run(TODAY + DAY)["leader"] == 0
    assert Claim.objects.get(kind="followups.leader").period == TODAY - 7 * DAY


def test_a_late_leader_digest_lists_the_cannot_be_done_of_the_week_before_its_weekday(
    office_trip, secretary
):
    water = dept()
    before = item(office_trip, secretary, water, title="Fund the school", due_date=TODAY + DAY)
    after = item(office_trip, secretary, water, title="Move the market", due_date=TODAY + DAY)
    run(TODAY - DAY)
    with time_machine.travel(office(TODAY - 2 * DAY), tick=False):
        settle(before, secretary, "cannot", "No money this year.")
    with time_machine.travel(office(TODAY, hour=10), tick=False):  # beat down on Monday
        settle(after, secretary, "cannot", "The land is not ours.")

    run(TODAY + DAY)

    [message] = mails("leader")
    assert "Fund the school" in message.text_body
    assert "Move the market" not in message.text_body  # next week's news
    run(TODAY + 7 * DAY)
    assert "Move the market" in mails("leader")[1].text_body


def test_no_leader_digest_is_caught_up_on_the_first_run_ever(office_trip, secretary):
    item(office_trip, secretary, dept(), due_date=TODAY - 3 * DAY)
    # Nothing says the job ran before Monday: nothing is known to have been missed.
    assert run(TODAY + DAY)["leader"] == 0
    assert run(TODAY + 7 * DAY)["leader"] == 1


def test_a_missed_day_of_daily_digests_is_not_sent_the_next_day(office_trip, secretary):
    item(office_trip, secretary, dept(), title="Fix the pump", due_date=TODAY - 2 * DAY)
    run(TODAY - DAY)
    # Down on Monday: Tuesday's digests cover it, one of each, not Monday's as well.
    counts = run(TODAY + DAY)
    assert (counts["owner"], counts["secretary"]) == (1, 0)
    assert [m.to for m in mails("owner")] == ["water@bureau.example"] * 2
    assert len(mails("secretary")) == 1  # reported on Sunday, when it became overdue
    periods = Claim.objects.filter(kind="followups.owner").values_list("period", flat=True)
    assert list(periods) == [TODAY + DAY, TODAY - DAY]


def test_leader_digest_lists_what_became_cannot_be_done_in_the_past_week(
    office_trip, secretary, leader
):
    water = dept()
    recent = item(office_trip, secretary, water, title="Fund the school", due_date=TODAY + DAY)
    old = item(office_trip, secretary, water, title="Move the market", due_date=TODAY + DAY)
    with time_machine.travel(office(TODAY - 10 * DAY), tick=False):
        settle(old, secretary, "cannot", "The land is not ours.")
    with time_machine.travel(office(TODAY - 3 * DAY), tick=False):
        settle(recent, secretary, "cannot", "No money this year.")

    run(TODAY)

    [message] = mails("leader")
    assert "Fund the school" in message.text_body and "No money this year." in message.text_body
    assert "Move the market" not in message.text_body
    assert "Cannot be done" in message.text_body


def test_leader_gets_only_the_trips_they_lead(secretary, leader):
    other_leader = UserFactory(username="leader2", roles=["leader"])
    water = dept()
    mine = TripFactory(title="Dykes", team={secretary: "secretary", leader: "leader"})
    theirs = TripFactory(title="Talks", visibility="confidential", team={other_leader: "leader"})
    item(mine, secretary, water, title="Fix the pump", due_date=TODAY - DAY)
    item(theirs, secretary, water, title="Merger terms", due_date=TODAY - DAY)

    run(TODAY)

    [message] = mails("leader", to=leader.email)
    assert "Fix the pump" in message.text_body and "Merger terms" not in message.text_body
    assert "Merger terms" in mails("leader", to=other_leader.email)[0].text_body


def test_no_leader_digest_when_there_is_nothing_to_tell(office_trip, secretary, leader):
    item(office_trip, secretary, dept(), due_date=TODAY + 10 * DAY)
    run(TODAY)
    assert mails("leader") == []
    assert not Claim.objects.filter(kind="followups.leader").exists()


# Two beat processes at once --------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_two_runs_at_once_send_each_digest_once(secretary, leader):
    trips = [
        TripFactory(team={secretary: "secretary", leader: "leader"}, created_by=secretary)
        for _ in range(2)
    ]
    departments = [dept(f"Bureau{n} of works") for n in range(4)]
    for n, department in enumerate(departments):
        pump = item(trips[n % 2], secretary, department, title=f"Task {n}", due_date=TODAY - DAY)
        pump.co_owners.add(departments[(n + 1) % 4])
        item(trips[n % 2], secretary, department, title=f"Soon {n}", due_date=TODAY + DAY)
    start = threading.Barrier(2)
    counts: list[reminders.Counts] = []
    errors: list[BaseException] = []

    def beat() -> None:
        try:
            start.wait()
            counts.append(reminders.send_reminders(office(TODAY)))
        except BaseException as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=beat) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)

    assert errors == []
    assert sum(c.owner for c in counts) == 4
    assert sum(c.secretary for c in counts) == 1
    assert sum(c.leader for c in counts) == 1
    assert len(mails("owner")) == 4
    assert len({m.to for m in mails("owner")}) == 4
    assert len(mails("secretary")) == 1 and len(mails("leader")) == 1
    for department in departments:
        [message] = mails("owner", to=contact_of(department))
        assert message.text_body.count("Task ") == 2  # its own and the one it co-owns
    assert not FollowUp.objects.filter(title__startswith="Soon", reminded_before_on=None).exists()
