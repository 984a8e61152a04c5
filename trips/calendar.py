"""Calendars: a trip as an .ics file, and each user's private subscription feed."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from urllib.parse import quote, urlsplit

from django.conf import settings
from django.core import signing
from django.db.models import Prefetch, prefetch_related_objects
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import capfirst, slugify
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from icalendar import Calendar, Event
from icalendar.enums import CLASS, STATUS

from accounts import people, roles
from trips import access
from trips.models import (
    ITEM_FIELDS,
    CalendarFeed,
    CancelledItem,
    ItineraryItem,
    Trip,
    attendees_prefetch,
)

PRODID = "-//Tripdesk//Tripdesk//EN"
FEED_SALT = "trips.calendar"
# Past trips stay in the feed this long, then drop out to keep it small.
FEED_HISTORY = timedelta(days=90)
# VTIMEZONE rules are written for the calendar's own span, with this margin either side.
ZONE_MARGIN = timedelta(days=31)
# Item fields told in DESCRIPTION after the kind, each under its own label; the rest are
# in SUMMARY, LOCATION, DTSTART and DTEND.
SUMMARISED_FIELDS = ("start", "end", "kind", "title", "place", "address", "contacts", "attendees")
DESCRIBED_FIELDS = tuple(name for name in ITEM_FIELDS if name not in SUMMARISED_FIELDS)

# What an event needs beyond its trip: three queries, however many items.
ITEMS = (
    Prefetch(
        "items",
        queryset=ItineraryItem.objects.select_related("host_unit").prefetch_related(
            attendees_prefetch()
        ),
    ),
    "cancelled_items",
)


def trip_calendar(trip: Trip) -> Calendar:
    """The trip's itinerary as a calendar, in the active language, for download."""
    prefetch_related_objects([trip], *ITEMS)
    return _calendar([trip], name=trip.title, uid=f"trip-{trip.pk}@{_domain()}", in_feed=False)


def feed_calendar(feed: CalendarFeed) -> Calendar:
    """Every trip the feed's user may read that ended at most FEED_HISTORY ago, in their
    language; an internal trip as busy blocks only, unless the feed asks for its details."""
    user = feed.user
    since = timezone.localdate() - FEED_HISTORY
    trips = access.visible_trips(user).filter(end_date__gte=since).prefetch_related(*ITEMS)
    # A calendar client sends no language: the feed speaks its owner's preferred one.
    uid = f"feed-{user.pk}@{_domain()}"
    with translation.override(people.language_of(user)):
        calendar = _calendar(
            trips, name="Tripdesk", uid=uid, in_feed=True, details=feed.internal_details
        )
    calendar.add("X-PUBLISHED-TTL", timedelta(hours=1))
    calendar.refresh_interval = timedelta(hours=1)
    return calendar


def content_disposition(trip: Trip) -> str:
    """An attachment header: an ASCII file name, and the title itself in UTF-8 (RFC 6266)."""
    ascii_name = f"{slugify(trip.title) or f'trip-{trip.pk}'}.ics"
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(trip.title)}.ics"


def feed_url_for(request: HttpRequest, user) -> str:
    """The user's private subscription address; made on first use."""
    return card(request, user)["calendar_url"]


def renew_feed(user) -> CalendarFeed:
    """A new subscription address for the user; the old one stops working."""
    feed, created = CalendarFeed.objects.get_or_create(user=user)
    if not created:
        feed.renew()
    return feed


def card(request: HttpRequest, user) -> dict:
    """What the profile's calendar card shows: the address, whether internal trips are in
    full, until when the address works (None: until replaced)."""
    feed, _created = CalendarFeed.objects.get_or_create(user=user)
    return {
        "calendar_url": request.build_absolute_uri(
            reverse("trips:calendar_feed", args=[_token(feed)])
        ),
        "calendar_details": feed.internal_details,
        "calendar_expires": feed.expires_at,
    }


def set_internal_details(user, shown: bool) -> CalendarFeed:
    """Whether the user's feed carries internal trips in full (they leave the office for the
    calendar service) or as busy blocks."""
    feed, _created = CalendarFeed.objects.get_or_create(user=user)
    feed.internal_details = shown
    feed.save(update_fields=["internal_details"])
    return feed


def feed_for_token(token: str) -> CalendarFeed | None:
    """The feed of an office user a token opens, or None if it is forged, revoked or stale."""
    try:
        user_pk, _sep, key = _signer().unsign(token).partition(":")
    except signing.BadSignature:
        return None
    feed = (
        CalendarFeed.objects.select_related("user__profile")
        .filter(user_id=user_pk, key=key)
        .first()
    )
    if feed is None or not feed.user.is_active or not roles.is_office_user(feed.user):
        return None
    if feed.expires_at is not None and feed.expires_at <= timezone.now():
        return None  # CALENDAR_FEED_DAYS passed: the owner makes a new address
    return feed


def _signer() -> signing.Signer:
    return signing.Signer(salt=FEED_SALT)


def _token(feed: CalendarFeed) -> str:
    return _signer().sign(f"{feed.user_id}:{feed.key}")


def _domain() -> str:
    """The host of SITE_URL: the right-hand side of every UID we write."""
    return urlsplit(settings.SITE_URL).hostname or "tripdesk"


def _calendar(
    trips: Iterable[Trip], *, name: str, uid: str, in_feed: bool, details: bool = True
) -> Calendar:
    """A VCALENDAR with one VEVENT per item and per tombstone, and the zones they use; in a
    feed without `details`, an internal trip's events are busy blocks."""
    calendar = Calendar.new(prodid=PRODID, name=name, uid=uid, method="PUBLISH")
    today = timezone.localdate()
    days: list[date] = []
    for trip in trips:
        days += [trip.start_date, trip.end_date]
        make = _busy_event if in_feed and trip.is_confidential and not details else _event
        for item in trip.items.all():
            calendar.add_component(make(trip, item, in_feed=in_feed))
        if trip.end_date >= today:  # a cancellation matters only until the trip is over
            for tombstone in trip.cancelled_items.all():
                calendar.add_component(make(trip, tombstone, in_feed=in_feed))
    if days:
        calendar.add_missing_timezones(
            first_date=min(days) - ZONE_MARGIN, last_date=max(days) + ZONE_MARGIN
        )
    return calendar


def _event(trip: Trip, source: ItineraryItem | CancelledItem, *, in_feed: bool) -> Event:
    """The VEVENT of an item, or of a removed item's tombstone: the same UID, one SEQUENCE
    higher, cancelled, without the details."""
    removed = isinstance(source, CancelledItem)
    event = Event.new(
        uid=f"item-{source.item_pk if removed else source.pk}@{_domain()}",
        sequence=source.sequence,
        stamp=source.cancelled_at if removed else source.updated_at,
        summary=f"{trip.title}: {source.title}" if in_feed else source.title,
        start=trip.local(source.start),
        end=trip.local(source.end),
        location=_location(source.place, source.address),
        description=None if removed else _description(trip, source),
        categories=() if removed else [str(source.get_kind_display())],
        url=_trip_link(trip),
        # A cancelled trip's events stay in calendars, struck through, until it is over.
        status=STATUS.CANCELLED if removed or trip.status == Trip.Status.CANCELLED else None,
    )
    _mark_confidential(event, trip)
    return event


def _busy_event(trip: Trip, source: ItineraryItem | CancelledItem, *, in_feed: bool) -> Event:
    """An internal trip's item as the calendar service may see it: "Internal trip", its times,
    busy; no title, place, people or link (the same UID, so turning details on updates it)."""
    removed = isinstance(source, CancelledItem)
    event = Event.new(
        uid=f"item-{source.item_pk if removed else source.pk}@{_domain()}",
        sequence=source.sequence,
        stamp=source.cancelled_at if removed else source.updated_at,
        summary=pgettext("calendar", "Internal trip"),
        start=trip.local(source.start),
        end=trip.local(source.end),
        status=STATUS.CANCELLED if removed or trip.status == Trip.Status.CANCELLED else None,
    )
    event.add("TRANSP", "OPAQUE")
    _mark_confidential(event, trip)
    return event


def _mark_confidential(event: Event, trip: Trip) -> None:
    if trip.is_confidential:
        event.add("CLASS", CLASS.CONFIDENTIAL)


def _location(place: str, address: str) -> str | None:
    return ", ".join(part for part in (place, address) if part) or None


def _trip_link(trip: Trip) -> str:
    return settings.SITE_URL.rstrip("/") + trip.get_absolute_url()


def _description(trip: Trip, item: ItineraryItem) -> str:
    """The kind, then each filled-in detail under the field's own (translated) label."""
    lines = [str(item.get_kind_display())]
    for name in DESCRIBED_FIELDS:
        field = ItineraryItem._meta.get_field(name)
        value = getattr(item, f"get_{name}_display")() if field.choices else getattr(item, name)
        if value:
            lines.append(
                _("%(label)s: %(value)s") % {"label": capfirst(field.verbose_name), "value": value}
            )
    # Who of the team attends, in protocol order, with their titles.
    attending = [people.person_label(person) for person in item.attendees.all()]
    if attending:
        separator = pgettext("list separator", ", ")
        lines.append(_("Attending: %(people)s") % {"people": separator.join(attending)})
    lines += ["", _trip_link(trip)]
    return "\n".join(lines)
