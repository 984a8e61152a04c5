"""Logistics checklists: templates, due dates, ticking, editing, access, progress, digest."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
import time_machine
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from logistics import checklists
from logistics.models import ChecklistItem, ChecklistTemplate
from logistics.tasks import send_checklist_digests
from outbox.models import Claim, Message
from tests.factories import ItineraryItemFactory, TripFactory, UserFactory
from trips.models import Trip

# A trip from the factories starts on 2026-12-07 and ends on 2026-12-09.
START = dt.date(2026, 12, 7)
# Every page: the session, the user, the user's office roles.
PER_REQUEST = 3


def office_noon(day: dt.date) -> dt.datetime:
    """Noon on that day, office time (Asia/Shanghai): a moment for time-machine."""
    return dt.datetime.combine(day, dt.time(12), timezone.get_default_timezone())


def item(trip: Trip, title: str = "Book the cars", **fields) -> ChecklistItem:
    fields.setdefault("position", checklists.next_position(trip))
    return ChecklistItem.objects.create(trip=trip, title=title, **fields)


def due_on(checklist_item: ChecklistItem) -> dt.date:
    return ChecklistItem.objects.with_due().get(pk=checklist_item.pk).due_on


def url(name: str, trip: Trip, *args) -> str:
    return reverse(f"logistics:{name}", args=[trip.pk, *args])


# Templates per trip kind


def test_overseas_visit_gets_approval_documents_and_foreign_currency(secretary):
    trip = TripFactory(kind=Trip.Kind.OVERSEAS)
    checklists.apply_template(trip, "en")
    categories = set(trip.checklist_items.values_list("category", flat=True))
    assert {"approval", "currency"} <= categories


def test_meeting_gets_no_approval_documents_nor_foreign_currency(secretary):
    trip = TripFactory(kind=Trip.Kind.MEETING)
    checklists.apply_template(trip, "en")
    categories = set(trip.checklist_items.values_list("category", flat=True))
    assert {"speech", "seating"} <= categories
    assert not {"approval", "currency"} & categories


@pytest.mark.parametrize("kind", Trip.Kind.values)
def test_every_kind_ships_an_english_and_a_chinese_default_template(db, kind):
    languages = ChecklistTemplate.objects.filter(kind=kind, is_default=True).values_list(
        "language", flat=True
    )
    assert sorted(languages) == ["en", "zh-hans"]


def test_template_is_taken_in_the_creators_language(db):
    trip = TripFactory(kind=Trip.Kind.OVERSEAS)
    checklists.apply_template(trip, "zh-hans")
    assert "兑换外币" in trip.checklist_items.values_list("title", flat=True)


def test_template_items_come_with_due_dates_relative_to_departure(db):
    trip = TripFactory(kind=Trip.Kind.OVERSEAS)
    checklists.apply_template(trip, "en")
    approval = trip.checklist_items.get(category="approval", title__startswith="Approval")
    assert (approval.days_before, approval.due_date, approval.owner) == (30, None, None)


def test_applying_the_default_twice_does_not_double_the_list(db):
    trip = TripFactory(kind=Trip.Kind.MEETING)
    first = checklists.apply_template(trip, "en")
    assert checklists.apply_template(trip, "en") == []
    assert trip.checklist_items.count() == len(first)


def test_a_new_trip_gets_its_kinds_checklist(client, secretary, django_capture_on_commit_callbacks):
    client.force_login(secretary)
    data = {
        "title": "Trade fair in Lyon",
        "kind": "overseas",
        "start_date": "2026-12-07",
        "end_date": "2026-12-10",
        "time_zone": "Europe/Paris",
        "visibility": "office",
        "team-TOTAL_FORMS": "0",
        "team-INITIAL_FORMS": "0",
        "team-MIN_NUM_FORMS": "0",
        "team-MAX_NUM_FORMS": "1000",
    }
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("trips:trip_create"), data)
    trip = Trip.objects.get()
    assert trip.checklist_items.filter(category="currency").exists()


def test_secretary_adds_a_templates_items_to_an_existing_trip(client, secretary, office_trip):
    template = ChecklistTemplate.objects.get(kind="ceremony", language="en")
    client.force_login(secretary)
    client.post(url("checklist_apply", office_trip), {"template": template.pk})
    assert office_trip.checklist_items.count() == template.items.count()


def test_checklist_is_saved_as_a_template_with_dates_made_relative(client, secretary, office_trip):
    item(office_trip, "Hire a minibus", due_date=START - dt.timedelta(days=6))
    item(office_trip, "Print the agenda", days_before=1)
    client.force_login(secretary)
    response = client.post(
        url("checklist_save_template", office_trip),
        {"name": "Water works visits", "language": "en", "make_default": "on"},
    )
    template = ChecklistTemplate.objects.get(name="Water works visits")
    assert response.url == template.get_absolute_url()
    assert list(template.items.values_list("title", "days_before")) == [
        ("Hire a minibus", 6),
        ("Print the agenda", 1),
    ]
    assert template.is_default and template.kind == office_trip.kind
    # The shipped default of the kind gave way: one default per kind and language.
    defaults = ChecklistTemplate.objects.filter(kind="inspection", language="en", is_default=True)
    assert list(defaults) == [template]


def test_save_as_template_never_offers_the_trips_title_as_the_name(
    client, secretary, confidential_trip
):
    client.force_login(secretary)
    form = client.get(url("checklist_save_template", confidential_trip)).context["form"]
    assert form["name"].value() == "Inspection or research visit checklist"
    assert confidential_trip.title not in form["name"].value()


def test_save_as_template_says_the_template_is_shared_with_the_office(
    client, secretary, confidential_trip
):
    client.force_login(secretary)
    page = client.get(url("checklist_save_template", confidential_trip)).content.decode()
    assert "The template is shared with the office" in page
    assert "This trip is confidential" in page


def test_secretary_edits_a_templates_items(client, secretary):
    template = ChecklistTemplate.objects.get(kind="meeting", language="en")
    first = template.items.first()
    data = {
        "name": "Meetings",
        "kind": "meeting",
        "language": "en",
        "is_default": "on",
        "items-TOTAL_FORMS": "1",
        "items-INITIAL_FORMS": "1",
        "items-MIN_NUM_FORMS": "0",
        "items-MAX_NUM_FORMS": "1000",
        "items-0-id": first.pk,
        "items-0-template": template.pk,
        "items-0-position": "0",
        "items-0-category": "vehicles",
        "items-0-title": "Book two cars",
        "items-0-days_before": "4",
    }
    client.force_login(secretary)
    response = client.post(template.get_absolute_url(), data)
    assert response.status_code == 302
    first.refresh_from_db()
    assert (first.title, first.days_before) == ("Book two cars", 4)


def test_second_default_template_of_a_kind_is_refused_beside_the_box(client, secretary):
    template = ChecklistTemplate.objects.create(name="Other", kind="meeting", language="en")
    data = {
        "name": "Other",
        "kind": "meeting",
        "language": "en",
        "is_default": "on",
        "items-TOTAL_FORMS": "0",
        "items-INITIAL_FORMS": "0",
        "items-MIN_NUM_FORMS": "0",
        "items-MAX_NUM_FORMS": "1000",
    }
    client.force_login(secretary)
    response = client.post(template.get_absolute_url(), data)
    assert response.status_code == 200
    assert "is already the list for new trips" in response.context["form"].errors["is_default"][0]


def test_staff_may_not_edit_templates(client, staff):
    client.force_login(staff)
    assert client.get(reverse("logistics:checklist_template_list")).status_code == 403


# Due dates


def test_three_days_before_departure_is_three_days_before_the_first_day(office_trip):
    assert office_trip.start_date == START
    assert due_on(item(office_trip, days_before=3)) == dt.date(2026, 12, 4)


def test_a_relative_due_date_moves_with_the_trip(office_trip):
    booking = item(office_trip, days_before=3)
    Trip.objects.filter(pk=office_trip.pk).update(
        start_date=dt.date(2026, 12, 14), end_date=dt.date(2026, 12, 15)
    )
    assert due_on(booking) == dt.date(2026, 12, 11)


def test_a_fixed_due_date_stays(office_trip):
    assert due_on(item(office_trip, due_date=dt.date(2026, 11, 30))) == dt.date(2026, 11, 30)


def test_an_item_is_overdue_only_after_its_due_day(office_trip):
    item(office_trip, days_before=3)
    with time_machine.travel(office_noon(dt.date(2026, 12, 4)), tick=False):
        assert checklists.progress(office_trip, timezone.localdate()).overdue == 0
    with time_machine.travel(office_noon(dt.date(2026, 12, 5)), tick=False):
        assert checklists.progress(office_trip, timezone.localdate()).overdue == 1


def test_a_done_item_is_never_overdue(office_trip, secretary):
    checklists.tick(item(office_trip, days_before=3), secretary, True)
    assert checklists.progress(office_trip, dt.date(2026, 12, 6)) == checklists.Progress(1, 1, 0)


def test_a_date_and_days_before_together_are_refused_beside_the_field(
    client, secretary, office_trip
):
    client.force_login(secretary)
    data = {"title": "Cars", "category": "vehicles", "days_before": "3", "due_date": "2026-12-01"}
    response = client.post(url("checklist_item_create", office_trip), data)
    assert response.status_code == 200
    assert response.context["form"].errors["due_date"] == [
        "Give a date or a number of days, not both."
    ]
    assert 'value="Cars"' in response.content.decode()
    assert not office_trip.checklist_items.exists()


# Editing the list


def test_secretary_adds_an_item_with_an_owner_and_htmx_gets_the_list(
    client, secretary, staff, office_trip
):
    client.force_login(secretary)
    data = {"title": "Book the cars", "category": "vehicles", "owner": staff.pk, "days_before": "5"}
    response = client.post(url("checklist_item_create", office_trip), data, HTTP_HX_REQUEST="true")
    added = office_trip.checklist_items.get()
    assert (added.title, added.owner, added.days_before) == ("Book the cars", staff, 5)
    assert response.headers["HX-Retarget"] == "#checklist-items"
    assert f'id="check-{added.pk}"' in response.content.decode()


def test_the_owner_must_be_on_the_team(client, secretary, outsider, office_trip):
    client.force_login(secretary)
    data = {"title": "Book the cars", "category": "vehicles", "owner": outsider.pk}
    response = client.post(url("checklist_item_create", office_trip), data)
    assert "owner" in response.context["form"].errors


def test_secretary_edits_an_item(client, secretary, office_trip):
    booking = item(office_trip)
    client.force_login(secretary)
    data = {"title": "Book three cars", "category": "vehicles", "note": "One van."}
    client.post(url("checklist_item_edit", office_trip, booking.pk), data)
    booking.refresh_from_db()
    assert (booking.title, booking.note) == ("Book three cars", "One van.")


def test_secretary_removes_an_item(client, secretary, office_trip):
    booking = item(office_trip)
    client.force_login(secretary)
    client.post(url("checklist_item_delete", office_trip, booking.pk))
    assert not office_trip.checklist_items.exists()


def test_items_move_up_and_down(client, secretary, office_trip):
    first, _second, third = (item(office_trip, title) for title in ("A", "B", "C"))
    client.force_login(secretary)
    client.post(url("checklist_item_move", office_trip, third.pk), {"direction": "up"})
    client.post(url("checklist_item_move", office_trip, first.pk), {"direction": "down"})
    assert list(office_trip.checklist_items.values_list("title", flat=True)) == ["C", "A", "B"]


def test_the_first_item_does_not_move_up(client, secretary, office_trip):
    first = item(office_trip, "A")
    item(office_trip, "B")
    client.force_login(secretary)
    client.post(url("checklist_item_move", office_trip, first.pk), {"direction": "up"})
    assert list(office_trip.checklist_items.values_list("title", flat=True)) == ["A", "B"]


def test_staff_may_not_add_items(client, staff, office_trip):
    client.force_login(staff)
    response = client.post(url("checklist_item_create", office_trip), {"title": "x"})
    assert response.status_code == 403


# Ticking


def tick(client, trip: Trip, checklist_item: ChecklistItem, done: str = "1", **extra):
    return client.post(url("checklist_item_tick", trip, checklist_item.pk), {"done": done}, **extra)


def test_owner_ticks_an_item_and_it_says_who_and_when(client, staff, office_trip):
    booking = item(office_trip, owner=staff)
    client.force_login(staff)
    moment = dt.datetime(2026, 12, 3, 9, 30, tzinfo=dt.UTC)
    with time_machine.travel(moment, tick=False):
        response = tick(client, office_trip, booking, HTTP_HX_REQUEST="true")
    booking.refresh_from_db()
    assert (booking.done, booking.done_by, booking.done_at) == (True, staff, moment)
    assert 'aria-pressed="true"' in response.content.decode()
    assert "checklist-changed" in response.headers["HX-Trigger"]


def test_staff_may_not_tick_someone_elses_item(client, staff, staff2, office_trip):
    booking = item(office_trip, owner=staff2)
    client.force_login(staff)
    assert tick(client, office_trip, booking).status_code == 403
    booking.refresh_from_db()
    assert not booking.done


def test_secretary_ticks_anyones_item(client, secretary, staff, office_trip):
    booking = item(office_trip, owner=staff)
    client.force_login(secretary)
    tick(client, office_trip, booking)
    booking.refresh_from_db()
    assert (booking.done, booking.done_by) == (True, secretary)


def test_a_double_tap_keeps_the_item_done_with_the_first_who_and_when(client, staff, office_trip):
    booking = item(office_trip, owner=staff)
    client.force_login(staff)
    with time_machine.travel(dt.datetime(2026, 12, 3, 9, 30, tzinfo=dt.UTC), tick=False):
        tick(client, office_trip, booking)
    with time_machine.travel(dt.datetime(2026, 12, 3, 9, 31, tzinfo=dt.UTC), tick=False):
        tick(client, office_trip, booking)
    booking.refresh_from_db()
    assert booking.done
    assert booking.done_at == dt.datetime(2026, 12, 3, 9, 30, tzinfo=dt.UTC)


def test_two_people_ticking_from_stale_pages_change_the_item_once(
    client, secretary, staff, office_trip
):
    booking = item(office_trip, owner=staff)
    assert checklists.tick(booking, staff, True) is True
    assert checklists.tick(booking, secretary, True) is False
    booking.refresh_from_db()
    assert booking.done_by == staff


def test_undoing_asks_for_not_done_and_clears_who_and_when(client, staff, office_trip):
    booking = item(office_trip, owner=staff)
    client.force_login(staff)
    tick(client, office_trip, booking, "1")
    tick(client, office_trip, booking, "0")
    tick(client, office_trip, booking, "0")
    booking.refresh_from_db()
    assert (booking.done, booking.done_by, booking.done_at) == (False, None, None)


@pytest.mark.django_db(transaction=True)
def test_concurrent_ticks_change_the_row_once(secretary, staff, office_trip):
    booking = item(office_trip, owner=staff)
    start = threading.Barrier(2)
    results: dict[str, bool] = {}

    def tap(user) -> None:
        try:
            start.wait()
            results[user.username] = checklists.tick(booking, user, True)
        finally:
            connection.close()

    threads = [threading.Thread(target=tap, args=(user,)) for user in (secretary, staff)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    booking.refresh_from_db()
    assert sorted(results.values()) == [False, True]
    winner = next(name for name, changed in results.items() if changed)
    assert booking.done and booking.done_by.username == winner


# Access


def test_outsider_gets_404_for_a_confidential_trips_checklist(client, outsider, confidential_trip):
    client.force_login(outsider)
    assert client.get(url("checklist", confidential_trip)).status_code == 404


def test_outsider_cannot_tick_on_a_confidential_trip(client, outsider, confidential_trip):
    booking = item(confidential_trip, owner=outsider)
    client.force_login(outsider)
    assert tick(client, confidential_trip, booking).status_code == 404


def test_office_user_off_the_team_reads_an_office_trips_checklist(client, outsider, office_trip):
    item(office_trip, "Book the cars")
    client.force_login(outsider)
    response = client.get(url("checklist", office_trip))
    assert response.status_code == 200
    assert "Book the cars" in response.content.decode()
    assert "Add an item" not in response.content.decode()


def test_account_without_office_role_gets_403(client, stranger, office_trip):
    client.force_login(stranger)
    assert client.get(url("checklist", office_trip)).status_code == 403


def test_leader_reads_the_checklist_but_may_not_change_it(client, leader, office_trip):
    booking = item(office_trip)
    client.force_login(leader)
    assert client.get(url("checklist", office_trip)).status_code == 200
    assert client.post(url("checklist_item_delete", office_trip, booking.pk)).status_code == 403


# Progress


def test_checklist_shows_done_of_total_and_overdue(client, secretary, staff, office_trip):
    item(office_trip, "Cars", days_before=10, done=True, done_by=staff, done_at=timezone.now())
    item(office_trip, "Rooms", days_before=10)
    item(office_trip, "Speech", days_before=1)
    client.force_login(secretary)
    with time_machine.travel(office_noon(dt.date(2026, 12, 1)), tick=False):
        page = client.get(url("checklist", office_trip)).content.decode()
    assert "1 of 3 done" in page
    assert "1 overdue" in page


def test_trip_page_loads_the_progress_from_the_checklist(client, secretary, office_trip):
    client.force_login(secretary)
    page = client.get(office_trip.get_absolute_url()).content.decode()
    assert f'hx-get="{url("checklist", office_trip)}"' in page
    assert 'hx-select="#checklist-progress"' in page


def test_dashboard_shows_progress_of_my_upcoming_trips(client, staff):
    trip = TripFactory(title="Dykes", team={staff: "staff"})
    item(trip, "Cars", days_before=10)
    item(trip, "Rooms", days_before=10, done=True, done_at=timezone.now())
    client.force_login(staff)
    with time_machine.travel(office_noon(dt.date(2026, 12, 1)), tick=False):
        response = client.get(reverse("desk:dashboard"))
    [shown] = [t for t in response.context["upcoming"] if t.pk == trip.pk]
    assert (shown.checklist_total, shown.checklist_done, shown.checklist_overdue) == (2, 1, 1)
    assert "1 of 2 done" in response.content.decode()


def test_checklist_page_queries_do_not_grow_with_items(
    client, secretary, staff, django_assert_num_queries
):
    small, large = (
        TripFactory(team={secretary: "secretary", staff: "staff"}, items=2) for _ in range(2)
    )
    for trip, count in ((small, 3), (large, 40)):
        for i in range(count):
            item(trip, f"Item {i}", owner=staff, days_before=i, done=i % 2 == 0, done_by=secretary)
        ItineraryItemFactory(trip=trip, kind="meeting")
    client.force_login(secretary)
    # The trip, its party (with accounts and profiles); the items; the progress; the meetings
    # with their seating plans; for a secretary, the templates offered (default, choices,
    # rendering) and the people to hand items out to.
    with django_assert_num_queries(PER_REQUEST + 9):
        client.get(url("checklist", small))
    with django_assert_num_queries(PER_REQUEST + 9):
        client.get(url("checklist", large))


# My items


def test_my_items_lists_my_items_on_trips_that_have_not_ended(client, staff, staff2):
    current = TripFactory(title="Dykes", team={staff: "staff", staff2: "staff"})
    over = TripFactory(
        title="Old trip",
        start_date=dt.date(2026, 10, 1),
        end_date=dt.date(2026, 10, 2),
        team={staff: "staff"},
    )
    item(current, "Mine", owner=staff)
    item(current, "Someone else's", owner=staff2)
    item(over, "Long ago", owner=staff)
    client.force_login(staff)
    with time_machine.travel(office_noon(dt.date(2026, 12, 1)), tick=False):
        page = client.get(reverse("desk:my_checklist")).content.decode()
    assert "Mine" in page
    assert "Someone else&#x27;s" not in page
    assert "Long ago" not in page


def test_ticking_from_my_items_without_htmx_goes_back_to_my_items(client, staff, office_trip):
    booking = item(office_trip, owner=staff)
    client.force_login(staff)
    response = client.post(
        url("checklist_item_tick", office_trip, booking.pk), {"done": "1", "mine": "1"}
    )
    assert response.url == reverse("desk:my_checklist")


# The daily digest


@pytest.fixture
def digest_trip(secretary, staff, staff2):
    team = {secretary: "secretary", staff: "staff", staff2: "staff"}
    return TripFactory(title="Dykes", team=team)


def digests_to(user) -> list[Message]:
    return list(Message.objects.filter(to=user.email))


def test_digest_lists_my_due_and_overdue_items_only(staff, staff2, digest_trip):
    item(digest_trip, "Book the cars", owner=staff, due_date=dt.date(2026, 12, 1))
    item(digest_trip, "Print the agenda", owner=staff, days_before=5)  # due 2026-12-02
    item(digest_trip, "Send the speech", owner=staff, days_before=2)  # due later
    item(digest_trip, "Done already", owner=staff, due_date=dt.date(2026, 12, 1), done=True)
    item(digest_trip, "Buy the gifts", owner=staff2, due_date=dt.date(2026, 12, 1))
    checklists.send_digests(dt.date(2026, 12, 2))
    [message] = digests_to(staff)
    assert message.subject == "Checklist: 2 items to do"
    body = message.text_body
    overdue, due = body.split("Overdue:")[1].split("Due today:")
    assert "Book the cars" in overdue
    assert "Print the agenda" in due
    for absent in ("Send the speech", "Done already", "Buy the gifts"):
        assert absent not in body
    assert reverse("desk:my_checklist") in body
    assert message.recipient_user == staff


def test_digest_goes_once_a_day_however_often_the_task_runs(staff, digest_trip):
    item(digest_trip, "Book the cars", owner=staff, due_date=dt.date(2026, 12, 1))
    with time_machine.travel(office_noon(dt.date(2026, 12, 2)), tick=False):
        send_checklist_digests.delay()
        send_checklist_digests.delay()
    assert len(digests_to(staff)) == 1
    with time_machine.travel(office_noon(dt.date(2026, 12, 3)), tick=False):
        send_checklist_digests.delay()
    assert len(digests_to(staff)) == 2
    claims = Claim.objects.filter(kind="logistics.checklist", key=str(staff.pk))
    assert list(claims.values_list("period", flat=True)) == [
        dt.date(2026, 12, 3),
        dt.date(2026, 12, 2),
    ]


def test_a_digest_sent_meanwhile_by_another_run_is_not_sent_again(staff, digest_trip):
    item(digest_trip, "Book the cars", owner=staff, due_date=dt.date(2026, 12, 1))
    assert checklists.send_digest(staff, dt.date(2026, 12, 2)) is not None
    # A concurrent run that already chose this person: the unique row stops it.
    assert checklists.send_digest(staff, dt.date(2026, 12, 2)) is None
    assert len(digests_to(staff)) == 1


def test_no_digest_when_nothing_is_due(staff, digest_trip):
    item(digest_trip, "Send the speech", owner=staff, days_before=2)
    item(digest_trip, "Done already", owner=staff, due_date=dt.date(2026, 12, 1), done=True)
    assert checklists.send_digests(dt.date(2026, 12, 2)) == 0
    assert not Message.objects.exists()
    assert not Claim.objects.exists()


def test_no_digest_for_trips_that_have_ended(staff, digest_trip):
    item(digest_trip, "Thank-you letters", owner=staff, due_date=dt.date(2026, 12, 8))
    assert checklists.send_digests(dt.date(2026, 12, 10)) == 0


def test_no_digest_in_the_night(staff, digest_trip):
    item(digest_trip, "Book the cars", owner=staff, due_date=dt.date(2026, 12, 1))
    night = dt.datetime.combine(dt.date(2026, 12, 2), dt.time(3), timezone.get_default_timezone())
    with time_machine.travel(night, tick=False):
        send_checklist_digests.delay()
    assert not Message.objects.exists()


@pytest.mark.parametrize(("hour", "sent"), [(5, 0), (6, 1)])
def test_digest_goes_from_the_configured_hour(settings, staff, digest_trip, hour, sent):
    settings.CHECKLIST_DIGEST_HOUR = 6
    item(digest_trip, "Book the cars", owner=staff, due_date=dt.date(2026, 12, 1))
    zone = timezone.get_default_timezone()
    moment = dt.datetime.combine(dt.date(2026, 12, 2), dt.time(hour), zone)
    with time_machine.travel(moment, tick=False):
        send_checklist_digests.delay()
    assert len(digests_to(staff)) == sent


def test_digest_skips_people_without_an_email_address(db, digest_trip):
    nobody = UserFactory(email="", roles=["staff"])
    item(digest_trip, "Book the cars", owner=nobody, due_date=dt.date(2026, 12, 1))
    assert checklists.send_digests(dt.date(2026, 12, 2)) == 0
