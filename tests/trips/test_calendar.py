"""Calendars: a trip's .ics download and the private subscription feed, read back with icalendar."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from urllib.parse import urlsplit

import pytest
import time_machine
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone, translation
from icalendar import Calendar

from tests.factories import HostUnitFactory, ItineraryItemFactory, TripFactory, UserFactory, at
from trips import calendar
from trips.models import CalendarFeed, CancelledItem, ItineraryItem

HTMX = {"HTTP_HX_REQUEST": "true"}
BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
# The factory's trips run from 7 to 9 December 2026; "now" is a week before, office time.
BEFORE_THE_TRIP = dt.datetime(2026, 11, 30, 9, 0, tzinfo=zoneinfo.ZoneInfo("Asia/Shanghai"))
AFTER_THE_TRIP = dt.datetime(2026, 12, 10, 9, 0, tzinfo=zoneinfo.ZoneInfo("Asia/Shanghai"))


@pytest.fixture(autouse=True)
def _site(settings):
    settings.SITE_URL = "https://tripdesk.example"


@pytest.fixture(autouse=True)
def _before_the_trip():
    with time_machine.travel(BEFORE_THE_TRIP, tick=False):
        yield


def ics_url(trip) -> str:
    return reverse("trips:trip_ics", args=[trip.pk])


def parse(response) -> Calendar:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def events_by_uid(ical: Calendar) -> dict:
    return {str(event.uid): event for event in ical.events}


def uid(pk: int) -> str:
    return f"item-{pk}@tripdesk.example"


def feed_of(client, user) -> Calendar:
    """The user's feed, fetched anonymously as a calendar client would."""
    return parse(client.get(feed_path(user)))


def feed_path(user) -> str:
    """The path of the user's subscription address (made on first use, as the profile does)."""
    return urlsplit(calendar.feed_url_for(RequestFactory().get("/"), user)).path


def trip_titles(ical: Calendar) -> set[str]:
    return {str(event["SUMMARY"]).split(": ")[0] for event in ical.events}


# The trip's .ics download


def test_trip_ics_has_every_item_with_uid_summary_times_and_location(
    client, secretary, office_trip
):
    first = ItineraryItemFactory(
        trip=office_trip, title="Water plant", place="Plant No. 1", address="1 River Road"
    )
    second = ItineraryItemFactory(
        trip=office_trip, title="Forum", start=at(office_trip.start_date, 14)
    )
    client.force_login(secretary)

    events = events_by_uid(parse(client.get(ics_url(office_trip))))

    assert set(events) == {uid(first.pk), uid(second.pk)}
    for item in (first, second):
        event = events[uid(item.pk)]
        assert event["SUMMARY"] == item.title
        assert event.start == item.start
        assert event.end == item.end
    assert events[uid(first.pk)]["LOCATION"] == "Plant No. 1, 1 River Road"
    assert events[uid(second.pk)]["LOCATION"] == "Water plant"


def test_trip_ics_times_carry_the_trip_time_zone_and_its_vtimezone(client, secretary, office_trip):
    item = ItineraryItemFactory(trip=office_trip)
    client.force_login(secretary)

    ical = parse(client.get(ics_url(office_trip)))

    assert "DTSTART;TZID=Asia/Shanghai:20261207T090000" in ical.to_ical().decode()
    assert [tz.tz_name for tz in ical.timezones] == ["Asia/Shanghai"]
    assert ical.events[0].start == item.start


def test_overseas_trip_keeps_its_local_times_and_has_a_berlin_vtimezone(client, secretary):
    trip = TripFactory(time_zone="Europe/Berlin", kind="overseas", team={secretary: "secretary"})
    item = ItineraryItemFactory(trip=trip, start=at(trip.start_date, 9, tz=BERLIN), minutes=90)
    client.force_login(secretary)

    ical = parse(client.get(ics_url(trip)))
    event = ical.events[0]

    assert event.start == dt.datetime(2026, 12, 7, 9, 0, tzinfo=BERLIN) == item.start
    assert event.start.tzinfo.key == "Europe/Berlin"
    assert event.end == dt.datetime(2026, 12, 7, 10, 30, tzinfo=BERLIN)
    assert [tz.tz_name for tz in ical.timezones] == ["Europe/Berlin"]
    assert "DTSTART;TZID=Europe/Berlin:20261207T090000" in ical.to_ical().decode()


def test_description_tells_kind_host_unit_preparation_notes_travel_fallback_and_link(
    client, secretary, office_trip
):
    item = ItineraryItemFactory(
        trip=office_trip,
        kind=ItineraryItem.Kind.TRAVEL,
        travel_mode=ItineraryItem.TravelMode.TRAIN,
        ticket="G1234",
        origin="Beijing South",
        destination="Riverside",
        host_unit=HostUnitFactory(name="Riverside township"),
        host_preparation="A projector.",
        notes="Bring the map.",
        fallback_plan="Take the car if the train is late.",
    )
    client.force_login(secretary)

    event = parse(client.get(ics_url(office_trip))).events[0]
    lines = str(event["DESCRIPTION"]).splitlines()

    assert lines[0] == "Travel"
    for line in (
        "Host unit: Riverside township",
        "What the host must prepare: A projector.",
        "Notes: Bring the map.",
        "Travel mode: Train",
        "Ticket or booking reference: G1234",
        "From: Beijing South",
        "To: Riverside",
        "Fallback plan: Take the car if the train is late.",
    ):
        assert line in lines
    assert lines[-1] == f"https://tripdesk.example/trips/{office_trip.pk}/"
    assert event["URL"] == lines[-1]
    assert event.categories == [str(item.get_kind_display())]


def test_trip_ics_is_an_attachment_with_an_ascii_name_and_the_utf8_title(client, secretary):
    trip = TripFactory(title="河滨水厂调研", team={secretary: "secretary"})
    client.force_login(secretary)

    disposition = client.get(ics_url(trip))["Content-Disposition"]

    assert disposition.startswith(f'attachment; filename="trip-{trip.pk}.ics"; ')
    assert "filename*=UTF-8''%E6%B2%B3%E6%BB%A8%E6%B0%B4%E5%8E%82%E8%B0%83%E7%A0%94.ics" in (
        disposition
    )
    disposition.encode("ascii")  # a header must be plain ASCII


def test_sequence_rises_after_an_edit(client, secretary, office_trip):
    item = ItineraryItemFactory(trip=office_trip)
    client.force_login(secretary)
    before = parse(client.get(ics_url(office_trip))).events[0]

    item.title = "Water plant, second look"
    item.save()
    after = parse(client.get(ics_url(office_trip))).events[0]

    assert after.uid == before.uid
    assert after.sequence == before.sequence + 1
    assert after["SUMMARY"] == "Water plant, second look"
    assert after.DTSTAMP >= before.DTSTAMP


def test_confidential_trip_events_are_marked_confidential(client, secretary, confidential_trip):
    ItineraryItemFactory(trip=confidential_trip)
    client.force_login(secretary)

    event = parse(client.get(ics_url(confidential_trip))).events[0]

    assert event["CLASS"] == "CONFIDENTIAL"


def test_office_trip_events_are_not_marked_confidential(client, secretary, office_trip):
    ItineraryItemFactory(trip=office_trip)
    client.force_login(secretary)

    assert "CLASS" not in parse(client.get(ics_url(office_trip))).events[0]


def test_outsider_gets_404_for_confidential_trip_ics(client, outsider, confidential_trip):
    client.force_login(outsider)
    assert client.get(ics_url(confidential_trip)).status_code == 404


def test_anonymous_trip_ics_redirects_to_login(client, office_trip):
    response = client.get(ics_url(office_trip))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


# Deleted items: tombstones


def test_cancel_deletes_the_item_and_leaves_a_tombstone_one_sequence_higher(office_trip):
    item = ItineraryItemFactory(trip=office_trip, title="Forum", place="Hall", address="2 Road")
    item.save()  # sequence 1

    item_pk = item.pk

    tombstone = item.cancel()

    assert not ItineraryItem.objects.filter(pk=item_pk).exists()
    assert (tombstone.item_pk, tombstone.sequence) == (item_pk, 2)
    assert (tombstone.title, tombstone.place, tombstone.address) == ("Forum", "Hall", "2 Road")
    assert (tombstone.start, tombstone.end) == (item.start, item.end)


def test_cancelling_twice_leaves_one_tombstone(office_trip):
    item = ItineraryItemFactory(trip=office_trip)
    item_pk = item.pk
    stale = ItineraryItem.objects.get(pk=item_pk)

    item.cancel()
    stale.cancel()

    assert CancelledItem.objects.filter(item_pk=item_pk).count() == 1


def test_cancelled_item_appears_as_cancelled_until_the_trip_ends(client, secretary, office_trip):
    item = ItineraryItemFactory(trip=office_trip)
    client.force_login(secretary)
    was = parse(client.get(ics_url(office_trip))).events[0]

    item.cancel()
    with time_machine.travel(dt.datetime(2026, 12, 9, 23, 0, tzinfo=BEFORE_THE_TRIP.tzinfo)):
        event = parse(client.get(ics_url(office_trip))).events[0]

    assert event.uid == was.uid
    assert event["STATUS"] == "CANCELLED"
    assert event.sequence > was.sequence
    assert event.start == item.start


def test_cancelled_item_disappears_once_the_trip_has_ended(client, secretary, office_trip):
    ItineraryItemFactory(trip=office_trip).cancel()
    client.force_login(secretary)

    with time_machine.travel(AFTER_THE_TRIP):
        ical = parse(client.get(ics_url(office_trip)))

    assert ical.events == []


def test_feed_shows_cancelled_items_too(client, secretary, office_trip):
    item = ItineraryItemFactory(trip=office_trip)
    item_pk = item.pk
    item.cancel()

    event = events_by_uid(feed_of(client, secretary))[uid(item_pk)]

    assert event["STATUS"] == "CANCELLED"


# The subscription feed: content


def test_feed_summaries_carry_the_trip_title(client, secretary, office_trip):
    ItineraryItemFactory(trip=office_trip, title="Water plant")

    event = feed_of(client, secretary).events[0]

    assert event["SUMMARY"] == "Riverside water works: Water plant"


def test_feed_speaks_its_owners_preferred_language(client, secretary, office_trip):
    ItineraryItemFactory(trip=office_trip, kind=ItineraryItem.Kind.TRAVEL)
    secretary.profile.language = "zh-hans"
    secretary.profile.save()

    description = str(feed_of(client, secretary).events[0]["DESCRIPTION"])

    with translation.override("zh-hans"):
        assert str(ItineraryItem.Kind.TRAVEL.label) in description


def test_feed_of_an_outsider_has_no_confidential_trip_nor_its_items(
    client, outsider, office_trip, confidential_trip
):
    ItineraryItemFactory(trip=office_trip, title="Water plant")
    secret = ItineraryItemFactory(trip=confidential_trip, title="Merger terms")
    gone = ItineraryItemFactory(trip=confidential_trip, title="Side talk")
    gone_pk = gone.pk
    gone.cancel()

    ical = feed_of(client, outsider)
    text = ical.to_ical().decode()

    assert trip_titles(ical) == {"Riverside water works"}
    assert uid(secret.pk) not in text
    assert uid(gone_pk) not in text
    for secret_word in ("merger", "Merger", "Side talk"):
        assert secret_word not in text


def test_feed_of_a_team_member_shows_the_internal_trip_as_busy_time_only(
    client, staff, office_trip, confidential_trip
):
    ItineraryItemFactory(trip=office_trip)
    secret = ItineraryItemFactory(trip=confidential_trip, title="Merger terms", place="Hotel")

    ical = feed_of(client, staff)
    text = ical.to_ical().decode()

    event = events_by_uid(ical)[uid(secret.pk)]
    assert (str(event["SUMMARY"]), event["CLASS"], event["TRANSP"]) == (
        "Internal trip",
        "CONFIDENTIAL",
        "OPAQUE",
    )
    assert event.get("DTSTART") is not None and "LOCATION" not in event
    for secret_word in ("Merger", "merger", "Hotel", f"/trips/{confidential_trip.pk}/"):
        assert secret_word not in text


def test_feed_shows_the_internal_trip_in_full_once_its_owner_asks(
    client, staff, office_trip, confidential_trip
):
    secret = ItineraryItemFactory(trip=confidential_trip, title="Merger terms")
    calendar.set_internal_details(staff, True)

    ical = feed_of(client, staff)

    assert trip_titles(ical) == {"Talks on the plant merger"}
    assert events_by_uid(ical)[uid(secret.pk)]["CLASS"] == "CONFIDENTIAL"


def test_the_profile_turns_internal_details_on_with_a_warning(client, staff):
    client.force_login(staff)
    response = client.post(
        reverse("trips:calendar_details"), {"internal_details": "on"}, follow=True
    )
    assert CalendarFeed.objects.get(user=staff).internal_details
    assert "leave the office for your calendar service" in response.content.decode()
    client.post(reverse("trips:calendar_details"), {})
    assert not CalendarFeed.objects.get(user=staff).internal_details


def test_feed_keeps_trips_of_the_last_90_days_and_drops_older_ones(client, secretary):
    recent = TripFactory(
        start_date=dt.date(2026, 9, 1), end_date=dt.date(2026, 9, 1), items=1, title="Recent"
    )
    TripFactory(start_date=dt.date(2026, 8, 1), end_date=dt.date(2026, 8, 31), items=1, title="Old")

    assert trip_titles(feed_of(client, secretary)) == {recent.title}


def test_feed_mixes_time_zones_with_a_vtimezone_for_each(client, secretary, office_trip):
    ItineraryItemFactory(trip=office_trip)
    abroad = TripFactory(time_zone="Europe/Berlin")
    ItineraryItemFactory(trip=abroad, start=at(abroad.start_date, 9, tz=BERLIN))

    ical = feed_of(client, secretary)

    assert {tz.tz_name for tz in ical.timezones} == {"Asia/Shanghai", "Europe/Berlin"}
    starts = {event.start.tzinfo.key: event.start.hour for event in ical.events}
    assert starts == {"Asia/Shanghai": 9, "Europe/Berlin": 9}


def test_feed_queries_do_not_grow_with_items(client, secretary, django_assert_num_queries):
    small = UserFactory(roles=["staff"])
    large = UserFactory(roles=["staff"])
    TripFactory(items=3, team={small: "staff"}, visibility="confidential")
    TripFactory(items=60, team={large: "staff"}, visibility="confidential")
    small_path, large_path = feed_path(small), feed_path(large)

    # token and user, office roles, trips, items with host units, their attendees, tombstones
    with django_assert_num_queries(6):
        assert len(parse(client.get(small_path)).events) == 3
    with django_assert_num_queries(6):
        assert len(parse(client.get(large_path)).events) == 60


# The subscription feed: the token


def test_feed_needs_no_login(client, secretary, office_trip):
    ItineraryItemFactory(trip=office_trip)
    assert len(feed_of(client, secretary).events) == 1


def test_tampered_token_gets_404(client, secretary, staff):
    path = feed_path(secretary)
    token = path.removeprefix("/calendar/").removesuffix(".ics")
    user_pk, key, signature = token.split(":")

    forged = f"{staff.pk}:{key}:{signature}"
    assert client.get(reverse("trips:calendar_feed", args=[forged])).status_code == 404
    altered_key = f"{user_pk}:{key[:-1]}{'A' if key[-1] != 'A' else 'B'}:{signature}"
    assert client.get(reverse("trips:calendar_feed", args=[altered_key])).status_code == 404
    assert client.get(reverse("trips:calendar_feed", args=["nonsense"])).status_code == 404


def test_regenerating_makes_the_old_address_404_and_the_new_one_work(client, secretary):
    old = feed_path(secretary)
    client.force_login(secretary)

    response = client.post(reverse("trips:calendar_regenerate"))
    client.logout()

    assert response.status_code == 302
    assert response.url == reverse("desk:profile")
    new = feed_path(secretary)
    assert new != old
    assert client.get(old).status_code == 404
    assert client.get(new).status_code == 200


def test_regenerating_with_htmx_returns_the_card_with_the_new_address(client, secretary):
    old = feed_path(secretary)
    client.force_login(secretary)

    response = client.post(reverse("trips:calendar_regenerate"), **HTMX)

    assert response.status_code == 200
    assert b'id="calendar-card"' in response.content
    assert feed_path(secretary).encode() in response.content
    assert old.encode() not in response.content


def test_user_who_lost_the_office_role_gets_404(client, secretary):
    path = feed_path(secretary)
    secretary.groups.clear()

    assert client.get(path).status_code == 404


def test_inactive_user_gets_404(client, secretary):
    path = feed_path(secretary)
    secretary.is_active = False
    secretary.save()

    assert client.get(path).status_code == 404


def test_anonymous_regenerate_redirects_to_login(client):
    response = client.post(reverse("trips:calendar_regenerate"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_regenerate_by_get_is_refused(client, secretary):
    client.force_login(secretary)
    assert client.get(reverse("trips:calendar_regenerate")).status_code == 405


# The profile card


def test_profile_shows_the_private_address_and_the_new_address_button(client, secretary):
    client.force_login(secretary)

    response = client.get(reverse("desk:profile"))

    assert response.status_code == 200
    assert f'value="http://testserver{feed_path(secretary)}"'.encode() in response.content
    assert b"hx-confirm=" in response.content
    assert reverse("trips:calendar_regenerate").encode() in response.content


def test_the_address_stops_working_after_calendar_feed_days(client, settings, staff):
    settings.CALENDAR_FEED_DAYS = 30
    path = feed_path(staff)
    assert client.get(path).status_code == 200
    with time_machine.travel(timezone.now() + dt.timedelta(days=31)):
        assert client.get(path).status_code == 404


def test_the_profile_says_until_when_the_address_works(client, settings, staff):
    settings.CALENDAR_FEED_DAYS = 30
    client.force_login(staff)
    page = client.get(reverse("desk:profile")).content.decode()
    assert "This address works until" in page
