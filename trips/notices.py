"""Notices to host units: each unit is told its own part of the approved plan, and only that.

prepare() works out, per host unit of the approved version, what the unit would be told
now: a new notice, an update saying what changed for it, a cancellation, or nothing new.
send() writes the notices and their e-mails in one transaction. Each notice carries a
signed acknowledgement link scoped to it; reminders are rows with a due time that a beat
job sweeps; "leaving now" tells the next host unit when to expect the party.
"""

from __future__ import annotations

import re
import zoneinfo
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime, time, timedelta
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Count, F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.crypto import constant_time_compare
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from directory.models import Contact, HostUnit
from outbox.mail import absolute_url
from outbox.models import Message
from trips import emails, snapshot
from trips.approval import approved_version
from trips.models import (
    Departure,
    ItineraryItem,
    Notice,
    NoticeReply,
    Trip,
    TripMember,
    TripVersion,
    UnitRequirements,
)

# A unit whose part did not change since its last notice: nothing to send.
UNCHANGED = "unchanged"
# What of an item a unit is told; everything else (notes, vehicles, fallback plans) stays inside.
PART_FIELDS = ("start", "end", "kind", "title", "place", "address", "attendees", "host_preparation")
TEMPLATES = emails.NOTICE_TEMPLATES
KIND_LABELS = {
    Notice.Kind.NEW: gettext_lazy("New"),
    Notice.Kind.UPDATE: gettext_lazy("Update"),
    Notice.Kind.CANCELLATION: gettext_lazy("Cancellation"),
    UNCHANGED: gettext_lazy("Up to date"),
}
CHANGE_LABELS = {
    "added": gettext_lazy("Added"),
    "removed": gettext_lazy("Removed"),
    "moved": gettext_lazy("Moved"),
    "changed": gettext_lazy("Changed"),
    "requirements": gettext_lazy("What we ask you to prepare has changed"),
    "contact": gettext_lazy("The office's contact person has changed"),
}
HOSTED_STAYS = (ItineraryItem.Kind.MEAL, ItineraryItem.Kind.LODGING)
LINK_SALT = "trips.notice.ack"
# A finished trip sends no more notices; "leaving now" works on a trip under way.
FINISHED = (Trip.Status.COMPLETED, Trip.Status.CLOSED)
UNDER_WAY = (Trip.Status.APPROVED, Trip.Status.IN_PROGRESS)
# A second tap on "leaving now" within this time does not tell the next unit again.
LEAVING_WINDOW = timedelta(minutes=5)
# What the trip page reads of each unit's contacts to flag units no notice can reach.
CONTACT_COLUMNS = ("pk", "name", "email", "receives_notices")
# Reminders handled per sweep; the next sweep takes the rest.
REMINDER_BATCH = 200


# Addresses


def is_usable_address(email: str) -> bool:
    """True for an e-mail address a notice can be sent to."""
    try:
        validate_email(email)
    except ValidationError:
        return False
    return True


@dataclass
class Addresses:
    """A unit's contacts who receive notices: those that can be mailed, and those that cannot."""

    usable: list[Contact] = field(default_factory=list)
    unusable: list[Contact] = field(default_factory=list)


def notice_addresses(unit_ids: Iterable[int]) -> dict[int, Addresses]:
    """Each unit's notice contacts, split by whether their address works: one query."""
    found = {pk: Addresses() for pk in unit_ids}
    contacts = Contact.objects.filter(host_unit__in=found.keys(), receives_notices=True)
    for contact in contacts.order_by("name", "pk"):
        addresses = found[contact.host_unit_id]
        usable = is_usable_address(contact.email)
        (addresses.usable if usable else addresses.unusable).append(contact)
    return found


@dataclass(frozen=True)
class AddressProblem:
    """A host unit that no notice can reach, and its notice contacts whose address fails."""

    unit_id: int
    unit_name: str
    contacts: list[tuple[int, str]]  # (pk, name); empty: nobody receives notices


def _unit_addresses(trip: Trip) -> list[AddressProblem | None]:
    """Per unit of the trip's itinerary, by name: its AddressProblem, or None when reachable."""
    rows = (
        HostUnit.objects.filter(items__trip=trip)
        .values_list("pk", "name", *(f"contacts__{name}" for name in CONTACT_COLUMNS))
        .distinct()
        .order_by("name", "pk", "contacts__name", "contacts__pk")
    )
    names: dict[int, str] = {}
    failing: dict[int, list[tuple[int, str]]] = {}
    reachable: set[int] = set()
    for pk, name, contact_pk, contact_name, email, receives in rows:
        names[pk] = name
        failing.setdefault(pk, [])
        if contact_pk is None or not receives:
            continue
        if is_usable_address(email or ""):
            reachable.add(pk)
        else:
            failing[pk].append((contact_pk, contact_name))
    return [None if pk in reachable else AddressProblem(pk, names[pk], failing[pk]) for pk in names]


# A unit's part of the plan, as stored on a notice and as people read it


@dataclass(frozen=True)
class PartItem:
    """One of the unit's items, its times on the trip's clock."""

    id: int
    start: datetime
    end: datetime
    kind: str
    title: str
    place: str
    address: str
    attendees: list[str]
    host_preparation: str

    @property
    def kind_label(self) -> str:
        return _label(self.kind)

    @property
    def attendee_count(self) -> int:
        return len(self.attendees)

    @property
    def ends_another_day(self) -> bool:
        return self.end.date() != self.start.date()


@dataclass(frozen=True)
class Part:
    """What one unit is told: its items, its own requirements, the office's contact person."""

    unit: str
    time_zone: str
    items: list[PartItem]
    requirements: str
    office_contact: dict[str, str]

    @property
    def programme(self) -> list[PartItem]:
        """Visits, forums, talks, meetings: what the party does at the unit."""
        return [i for i in self.items if i.kind not in HOSTED_STAYS]

    @property
    def meals_and_lodging(self) -> list[PartItem]:
        """The meals and nights the unit hosts."""
        return [i for i in self.items if i.kind in HOSTED_STAYS]

    @property
    def first_start(self) -> datetime | None:
        return self.items[0].start if self.items else None


@dataclass(frozen=True)
class PartChange:
    """One change to a unit's part, in words."""

    change: str  # added, removed, moved, changed, requirements, contact
    item: PartItem | None = None  # the item as it is now (as it was, when removed)
    was: PartItem | None = None  # the item before, when moved or changed
    fields: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        return CHANGE_LABELS[self.change]

    @property
    def field_labels(self) -> list[str]:
        # str(): rendered now, in the language active for the e-mail; join needs plain text.
        return [
            str(capfirst(ItineraryItem._meta.get_field(name).verbose_name))
            for name in self.fields
            if name not in ("start", "end")
        ]


def _label(kind: str) -> str:
    try:
        return ItineraryItem.Kind(kind).label
    except ValueError:
        return kind


def _zone(content: dict[str, Any]) -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(content.get("time_zone") or settings.TIME_ZONE)


def _read_item(data: dict[str, Any], tz: zoneinfo.ZoneInfo) -> PartItem:
    return PartItem(
        id=data["id"],
        start=datetime.fromisoformat(data["start"]).astimezone(tz),
        end=datetime.fromisoformat(data["end"]).astimezone(tz),
        kind=data.get("kind", ""),
        title=data.get("title", ""),
        place=data.get("place") or "",
        address=data.get("address") or "",
        attendees=list(data.get("attendees") or []),
        host_preparation=data.get("host_preparation") or "",
    )


def read_part(content: dict[str, Any]) -> Part:
    """A notice's stored content as the e-mails and the acknowledgement page show it."""
    tz = _zone(content)
    return Part(
        unit=content.get("unit", ""),
        time_zone=tz.key,
        items=[_read_item(item, tz) for item in content.get("items", [])],
        requirements=content.get("requirements", ""),
        office_contact=content.get("office_contact") or {},
    )


def read_changes(changes: list[dict[str, Any]], content: dict[str, Any]) -> list[PartChange]:
    """A notice's stored changes in words, times on the trip's clock."""
    tz = _zone(content)
    return [
        PartChange(
            change["change"],
            _read_item(change["item"], tz) if change.get("item") else None,
            _read_item(change["was"], tz) if change.get("was") else None,
            tuple(change.get("fields", ())),
        )
        for change in changes
    ]


def _part(
    unit: HostUnit,
    items: list[snapshot.Item],
    requirements: str,
    tz: zoneinfo.ZoneInfo,
    office: dict,
) -> dict[str, Any]:
    """The unit's part of a version's snapshot as plain JSON: its items and requirements only.

    Never the brief's trip-wide "what the hosts must prepare": it speaks of every unit.
    """
    part_items = []
    for item in items:
        whole = item.to_json()
        data = {"id": item.id, **{name: whole[name] for name in PART_FIELDS}}
        data["start"] = item.start.astimezone(tz).isoformat()
        data["end"] = item.end.astimezone(tz).isoformat()
        data["attendees"] = sorted(item.attendees)
        part_items.append(data)
    part_items.sort(key=lambda i: (i["start"], i["end"], i["id"]))
    return {
        "unit": unit.name,
        "time_zone": tz.key,
        "items": part_items,
        "requirements": requirements,
        "office_contact": office,
    }


def _as_plan(content: dict[str, Any]) -> snapshot.Snapshot:
    """A notice's items as a snapshot of the unit's part, for the one diff."""
    return snapshot.Snapshot(items=tuple(map(snapshot.Item.from_json, content.get("items", []))))


def _changes(old: dict[str, Any], new: dict[str, Any]) -> list[dict[str, Any]]:
    """What changed in a unit's part (trips.snapshot.diff over the fields the unit is told):
    items added, removed, moved or changed; then its requirements and the office's contact."""
    stored = {"old": {i["id"]: i for i in old.get("items", [])}}
    stored["new"] = {i["id"]: i for i in new.get("items", [])}
    changes = []
    for change in snapshot.diff(_as_plan(old), _as_plan(new), PART_FIELDS).items:
        if change.kind in ("added", "removed"):
            side = "new" if change.kind == "added" else "old"
            changes.append({"change": change.kind, "item": stored[side][change.item.id]})
            continue
        changes.append(
            {
                "change": change.kind,
                "item": stored["new"][change.item.id],
                "was": stored["old"][change.item.id],
                "fields": list(change.fields),
            }
        )
    if old.get("requirements", "") != new.get("requirements", ""):
        changes.append({"change": "requirements"})
    if old.get("office_contact") != new.get("office_contact"):
        changes.append({"change": "contact"})
    return changes


def _office_contact(trip: Trip) -> dict[str, str]:
    """The trip's first secretary: whom the unit asks about the visit."""
    secretaries = sorted(
        (m for m in trip.members.all() if m.role == TripMember.Role.SECRETARY), key=lambda m: m.pk
    )
    if not secretaries:
        return {"name": "", "email": ""}
    user = secretaries[0].user
    return {"name": user.get_full_name() or user.username, "email": user.email}


# Drafts and sending


@dataclass
class NoticeDraft:
    """What one unit would be told if notices went out now."""

    host_unit: HostUnit
    kind: str  # a Notice.Kind, or UNCHANGED
    content: dict[str, Any]
    changes: list[dict[str, Any]]
    addresses: Addresses
    previous: Notice | None  # the unit's current notice, which a new one replaces
    version: TripVersion
    visited: bool = True  # False: the unit is no longer on the plan (a cancellation)

    @property
    def recipients(self) -> list[Contact]:
        return self.addresses.usable

    @property
    def is_pending(self) -> bool:
        return self.kind != UNCHANGED

    @property
    def can_send(self) -> bool:
        return self.is_pending and bool(self.recipients)

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind]

    @property
    def template(self) -> str:
        return TEMPLATES[self.kind]

    def context(self, ack_url: str = "") -> dict[str, Any]:
        """What the e-mail templates show."""
        return mail_context(self.host_unit, self.kind, self.content, self.changes, ack_url)

    def preview(self) -> str:
        """The e-mail's text as the unit would read it, in the unit's language."""
        if not self.is_pending:
            return ""
        with translation.override(self.host_unit.language):
            return render_to_string(f"emails/{self.template}_body.txt", self.context())


def mail_context(
    unit: HostUnit, kind: str, content: dict, changes: list[dict], ack_url: str = ""
) -> dict[str, Any]:
    """The context of a notice's e-mail and acknowledgement page."""
    return {
        "unit": unit,
        "kind": kind,
        "part": read_part(content),
        "changes": read_changes(changes, content),
        "ack_url": ack_url,
    }


def prepare(trip: Trip) -> list[NoticeDraft]:
    """Per host unit of the approved version: its part, recipients, and new/update/cancel.

    Units come in the order of their first item; units no longer visited come last. Only
    items with a host unit are ever part of a notice: the leader's own items never are.
    """
    version = approved_version(trip)
    if version is None:
        raise ValidationError(_("Notices go out from an approved plan; none is approved yet."))
    # Host units by id (schema 1 named them: with_unit_ids finds their ids once).
    frozen = snapshot.with_unit_ids(snapshot.Snapshot.of(version))
    tz = zoneinfo.ZoneInfo(frozen.brief.time_zone or trip.time_zone)
    hosted = sorted((i for i in frozen.items if i.host_unit_id), key=lambda i: (i.start, i.id))
    units = HostUnit.objects.in_bulk({i.host_unit_id for i in hosted})
    by_unit: dict[int, list[snapshot.Item]] = {}
    for item in hosted:
        if item.host_unit_id in units:
            by_unit.setdefault(item.host_unit_id, []).append(item)
    previous = {n.host_unit_id: n for n in trip.notices.current().select_related("host_unit")}
    every_unit = units | {pk: n.host_unit for pk, n in previous.items()}
    addresses = notice_addresses(every_unit)
    office = _office_contact(trip)
    asked = dict(UnitRequirements.objects.filter(trip=trip).values_list("host_unit_id", "text"))
    drafts = []
    for pk, items in by_unit.items():
        content = _part(every_unit[pk], items, asked.get(pk, "").strip(), tz, office)
        before = previous.get(pk)
        if before is None or before.is_cancellation:
            kind, changes = Notice.Kind.NEW, []
        else:
            changes = _changes(before.content, content)
            kind = Notice.Kind.UPDATE if changes else UNCHANGED
        drafts.append(
            NoticeDraft(every_unit[pk], kind, content, changes, addresses[pk], before, version)
        )
    for pk, before in previous.items():
        if pk not in by_unit:
            kind = UNCHANGED if before.is_cancellation else Notice.Kind.CANCELLATION
            drafts.append(
                NoticeDraft(
                    before.host_unit,
                    kind,
                    before.content,
                    [],
                    addresses[pk],
                    before,
                    version,
                    visited=False,
                )
            )
    return drafts


def set_requirements(trip: Trip, unit: HostUnit, text: str, by) -> UnitRequirements:
    """Keep what one unit is asked to prepare; its next notice (or an update) tells it."""
    if not trip.can_edit(by):
        raise PermissionDenied
    if not any(d.visited and d.host_unit.pk == unit.pk for d in prepare(trip)):
        raise ValidationError(
            _("%(unit)s is not on the approved plan: it receives no notice.") % {"unit": unit.name}
        )
    requirements, _created = UnitRequirements.objects.update_or_create(
        trip=trip, host_unit=unit, defaults={"text": text.strip()}
    )
    return requirements


def send(trip: Trip, by, unit_ids: Iterable[int] | None = None) -> list[Notice]:
    """Send every pending notice (or those of the given units) with its e-mails, atomically.

    Units without a usable address are left pending. Only the trip's secretaries send.
    """
    if not trip.can_edit(by):
        raise PermissionDenied
    if trip.status in FINISHED:
        raise ValidationError(_("This trip is over: no more notices go out."))
    wanted = None if unit_ids is None else set(unit_ids)
    with transaction.atomic():
        # Of two secretaries sending at once, the second waits here, then finds nothing new.
        list(Trip.objects.select_for_update().filter(pk=trip.pk).values_list("pk"))
        drafts = [
            d for d in prepare(trip) if d.can_send and (wanted is None or d.host_unit.pk in wanted)
        ]
        now = timezone.now()
        return [_send_one(trip, draft, by, now) for draft in drafts]


def _send_one(trip: Trip, draft: NoticeDraft, by, now: datetime) -> Notice:
    """One notice row, the previous one superseded, one e-mail per recipient."""
    cancelled = draft.kind == Notice.Kind.CANCELLATION
    # An update keeps what the unit told us; only the acknowledgement must be given again.
    answered = draft.previous if draft.kind == Notice.Kind.UPDATE else Notice()
    notice = Notice.objects.create(
        onsite_contact_name=answered.onsite_contact_name,
        onsite_contact_phone=answered.onsite_contact_phone,
        preparation_status=answered.preparation_status,
        trip=trip,
        host_unit=draft.host_unit,
        version=draft.version,
        kind=draft.kind,
        content=draft.content,
        changes=draft.changes,
        sent_by=by,
        created_at=now,
        ack_reminder_due_at=None if cancelled else now + ack_time(),
        visit_reminder_due_at=None if cancelled else visit_reminder_time(draft.content, now),
    )
    if draft.previous is not None:
        replaced = Notice.objects.filter(pk=draft.previous.pk, superseded_by__isnull=True).update(
            superseded_by=notice
        )
        if not replaced:
            raise ValidationError(_("Someone else sent notices meanwhile. Reload the page."))
    emails.send_notice(notice, draft.recipients, draft.context(link_url(notice)), by)
    return notice


# The acknowledgement link


class LinkRefused(Exception):
    """A link that opens nothing: tampered (404), expired or replaced by a newer notice (410)."""

    def __init__(self, reason: str, notice: Notice | None = None) -> None:
        super().__init__(reason)
        self.reason = reason  # "invalid", "expired", "superseded"
        self.notice = notice

    @property
    def status(self) -> int:
        return 404 if self.reason == "invalid" else 410


def make_token(notice: Notice) -> str:
    """The signed token of a notice's acknowledgement link."""
    # No timestamp: the link expires with the trip (link_expired), and every e-mail about
    # one notice carries the same link.
    signer = signing.Signer(salt=LINK_SALT)
    return signer.sign_object({"n": notice.pk, "k": notice.nonce}, compress=True)


def link_url(notice: Notice) -> str:
    """The acknowledgement link as written in the e-mails."""
    path = reverse("trips:notice_ack", args=[make_token(notice)])
    return absolute_url(path)


def link_expired(trip: Trip, now: datetime | None = None) -> bool:
    """Links work until the day after the trip's last day ends, on the trip's clock."""
    return trip.local(now or timezone.now()).date() > trip.end_date + timedelta(days=1)


def open_link(token: str, now: datetime | None = None) -> Notice:
    """The notice a link opens; LinkRefused when tampered, expired or superseded."""
    try:
        data = signing.Signer(salt=LINK_SALT).unsign_object(token)
    except signing.BadSignature:
        raise LinkRefused("invalid") from None
    if not isinstance(data, dict) or not isinstance(data.get("n"), int):
        raise LinkRefused("invalid")
    notice = Notice.objects.select_related("trip", "host_unit").filter(pk=data["n"]).first()
    if notice is None or not constant_time_compare(notice.nonce, str(data.get("k", ""))):
        raise LinkRefused("invalid")
    if link_expired(notice.trip, now):
        raise LinkRefused("expired", notice)
    if notice.superseded_by_id is not None:
        raise LinkRefused("superseded", notice)
    return notice


def reply(notice: Notice, text: str) -> NoticeReply:
    """Keep a message from the unit for the secretary's screen."""
    return NoticeReply.objects.create(notice=notice, text=text.strip())


# Reminders


def ack_time() -> timedelta:
    """How long a unit has to acknowledge before it is reminded."""
    return timedelta(hours=settings.NOTICE_ACK_HOURS)


def visit_reminder_rule() -> tuple[int, time]:
    """NOTICE_VISIT_REMINDER ("1d 09:00") as (days before, time of day)."""
    match = re.fullmatch(r"\s*(\d+)d\s+(\d{1,2}):(\d{2})\s*", settings.NOTICE_VISIT_REMINDER)
    if not match or int(match[2]) > 23 or int(match[3]) > 59:
        raise ImproperlyConfigured('NOTICE_VISIT_REMINDER reads like "1d 09:00".')
    return int(match[1]), time(int(match[2]), int(match[3]))


def visit_reminder_time(content: dict[str, Any], now: datetime) -> datetime | None:
    """When to remind the unit of its visit; None when that moment has passed already."""
    first = read_part(content).first_start
    if first is None:
        return None
    days, at = visit_reminder_rule()
    due = datetime.combine(first.date() - timedelta(days=days), at, tzinfo=first.tzinfo)
    return due if now < due < first else None


def send_due_reminders(now: datetime | None = None) -> int:
    """Beat job: remind units that did not acknowledge, and units whose visit is near."""
    now = now or timezone.now()
    unacknowledged = Notice.objects.ack_reminder_due(now).order_by("ack_reminder_due_at", "pk")
    visits = Notice.objects.visit_reminder_due(now).order_by("visit_reminder_due_at", "pk")
    sent = sum(remind_to_acknowledge(pk, now) for pk in _batch(unacknowledged))
    return sent + sum(remind_of_visit(pk, now) for pk in _batch(visits))


def _batch(notices) -> list[int]:
    return list(notices.values_list("pk", flat=True)[:REMINDER_BATCH])


def remind_to_acknowledge(pk: int, now: datetime) -> bool:
    """Remind the unit once and alert the secretaries; False when another run did it."""
    with transaction.atomic():
        # The claim: of two runs, one changes the row; the e-mails commit with it.
        claimed = Notice.objects.filter(
            pk=pk,
            superseded_by__isnull=True,
            acknowledged_at__isnull=True,
            reminded_at__isnull=True,
            ack_reminder_due_at__lte=now,
        ).update(reminded_at=now)
        if not claimed:
            return False
        notice = Notice.objects.select_related("trip", "host_unit").get(pk=pk)
        _remind_unit(notice, "acknowledge")
        emails.alert_unacknowledged(notice)
    return True


def remind_of_visit(pk: int, now: datetime) -> bool:
    """Remind the unit of its visit once; False when another run did it or it is too late."""
    with transaction.atomic():
        notice = Notice.objects.select_related("trip", "host_unit").get(pk=pk)
        unsent = Notice.objects.filter(
            pk=pk, superseded_by__isnull=True, visit_reminder_sent_at__isnull=True
        )
        first = read_part(notice.content).first_start
        if first is None or first <= now:
            # Beat was down until the visit began: a reminder now would only confuse.
            unsent.update(visit_reminder_due_at=None)
            return False
        if not unsent.filter(visit_reminder_due_at__lte=now).update(visit_reminder_sent_at=now):
            return False
        _remind_unit(notice, "visit")
    return True


def _remind_unit(notice: Notice, kind: str) -> None:
    """An e-mail about the notice to each of the unit's notice contacts, in its language."""
    unit = notice.host_unit
    context = mail_context(unit, notice.kind, notice.content, [], link_url(notice))
    emails.remind_unit(notice, kind, notice_addresses([unit.pk])[unit.pk].usable, context)


# Pages: the secretary's board and the trip page's summary


@dataclass
class UnitRow:
    """One unit on the notices page: what would go now, and how its current notice fares."""

    draft: NoticeDraft
    deliveries: list[Message]
    replies: list[NoticeReply]

    @property
    def notice(self) -> Notice | None:
        return self.draft.previous

    @property
    def preview(self) -> str:
        return self.draft.preview()


@dataclass
class Board:
    """The notices page: a row per unit, or why there is nothing to send yet."""

    rows: list[UnitRow]
    version: TripVersion | None = None
    problem: str = ""

    @property
    def sendable(self) -> list[UnitRow]:
        return [row for row in self.rows if row.draft.can_send]

    @property
    def unreachable(self) -> list[AddressProblem]:
        """Units with a notice to send and no usable address, flagged before sending."""
        return [
            AddressProblem(
                row.draft.host_unit.pk,
                row.draft.host_unit.name,
                [(c.pk, c.name) for c in row.draft.addresses.unusable],
            )
            for row in self.rows
            if row.draft.is_pending and not row.draft.recipients
        ]


def board(trip: Trip) -> Board:
    """Everything the notices page shows, in a fixed number of queries however many units."""
    try:
        drafts = prepare(trip)
    except ValidationError as refused:
        return Board([], problem=refused.messages[0])
    keys = [d.previous.cause_key for d in drafts if d.previous]
    deliveries: dict[str, list[Message]] = {}
    for message in Message.objects.filter(cause_key__in=keys).order_by("to", "pk"):
        deliveries.setdefault(message.cause_key, []).append(message)
    replies: dict[int, list[NoticeReply]] = {}
    for answer in NoticeReply.objects.filter(notice__trip=trip).annotate(
        unit_id=F("notice__host_unit_id")
    ):
        replies.setdefault(answer.unit_id, []).append(answer)
    rows = [
        UnitRow(
            draft,
            deliveries.get(draft.previous.cause_key, []) if draft.previous else [],
            replies.get(draft.host_unit.pk, []),
        )
        for draft in drafts
    ]
    return Board(rows, drafts[0].version if drafts else approved_version(trip))


@dataclass(frozen=True)
class TripNotices:
    """The trip page's notice panel: units no notice can reach, and the answers so far."""

    units: int  # host units on the itinerary
    problems: list[AddressProblem]
    sent: int
    acknowledged: int

    def __bool__(self) -> bool:
        return bool(self.units or self.sent)


def trip_summary(trip: Trip, user) -> TripNotices | None:
    """For the trip's secretaries: two queries; None for everyone else."""
    if not trip.can_edit(user):
        return None
    counts = (
        trip.notices.current()
        .exclude(kind=Notice.Kind.CANCELLATION)
        .aggregate(
            sent=Count("pk"), acknowledged=Count("pk", filter=Q(acknowledged_at__isnull=False))
        )
    )
    units = _unit_addresses(trip)
    problems = [problem for problem in units if problem is not None]
    return TripNotices(len(units), problems, counts["sent"], counts["acknowledged"])


# Leaving now: the next unit learns when to expect the party


@dataclass(frozen=True)
class NextStop:
    """The next item at another host unit, and how long getting there takes."""

    item: ItineraryItem
    travel: timedelta
    departure: Departure | None = None

    @property
    def unit(self) -> HostUnit:
        return self.item.host_unit


def _next_stop(items: list[ItineraryItem], index: int, tz: zoneinfo.ZoneInfo) -> NextStop | None:
    """From items in time order: the first later hosted item, if at another unit that day."""
    current = items[index]
    if current.is_travel:
        return None
    day = current.end.astimezone(tz).date()
    travel, travelled = timedelta(0), False
    for later in items[index + 1 :]:
        if later.start.astimezone(tz).date() != day:
            return None
        if later.is_travel:
            travel, travelled = travel + (later.end - later.start), True
        elif later.host_unit_id is not None:
            if later.host_unit_id == current.host_unit_id:
                return None
            gap = max(later.start - current.end, timedelta(0))
            return NextStop(later, travel if travelled else gap)
    return None


def can_leave(trip: Trip, user) -> bool:
    """Only the trip's secretaries tap "leaving now", and only once the plan is approved."""
    return trip.status in UNDER_WAY and trip.can_edit(user)


def mark_next_stops(trip: Trip, user, items: Iterable[ItineraryItem]) -> None:
    """Set item.next_stop on items with a next stop, for the "leaving now" buttons.

    No query unless the user may tap the button; then one, for the departures so far.
    """
    if not can_leave(trip, user):
        return
    ordered = sorted(items, key=lambda i: (i.start, i.end, i.pk))
    departures = {d.item_id: d for d in Departure.objects.filter(item__trip=trip)}
    for index, item in enumerate(ordered):
        stop = _next_stop(ordered, index, trip.tzinfo)
        item.next_stop = stop and replace(stop, departure=departures.get(item.pk))


def next_stop(item: ItineraryItem) -> NextStop | None:
    """The item's next stop at another host unit on the same day, with the departure so far."""
    items = list(item.trip.items.select_related("host_unit").order_by("start", "end", "pk"))
    index = next(i for i, other in enumerate(items) if other.pk == item.pk)
    stop = _next_stop(items, index, item.trip.tzinfo)
    return stop and replace(stop, departure=Departure.objects.filter(item=item).first())


def leave(item: ItineraryItem, by, now: datetime | None = None) -> tuple[Departure, bool]:
    """Tell the next unit when to expect the party: now plus the travel between them.

    A second tap within LEAVING_WINDOW changes nothing; the bool says whether e-mails went.
    """
    trip = item.trip
    if not trip.can_edit(by):
        raise PermissionDenied
    if trip.status not in UNDER_WAY:
        raise ValidationError(_("“Leaving now” works once the plan is approved."))
    stop = next_stop(item)
    if stop is None:
        raise ValidationError(_("No later stop at another host unit on this day."))
    recipients = notice_addresses([stop.unit.pk])[stop.unit.pk].usable
    if not recipients:
        raise ValidationError(
            _("%(unit)s has no e-mail address for notices.") % {"unit": stop.unit.name}
        )
    now = now or timezone.now()
    expected = now + stop.travel
    with transaction.atomic():
        departure, _created = Departure.objects.get_or_create(item=item)
        claimed = (
            Departure.objects.filter(pk=departure.pk)
            .filter(Q(left_at__isnull=True) | Q(left_at__lte=now - LEAVING_WINDOW))
            .update(left_at=now, left_by=by, next_unit=stop.unit, expected_at=expected)
        )
        departure.refresh_from_db()
        if not claimed:
            return departure, False
        context = {
            "unit": stop.unit,
            "item": _read_item(_item_data(stop.item), trip.tzinfo),
            "expected": trip.local(expected),
            "time_zone": trip.time_zone,
            "office_contact": {"name": by.get_full_name() or by.username, "email": by.email},
        }
        emails.tell_on_our_way(departure, recipients, context, by)
    return departure, True


def _item_data(item: ItineraryItem) -> dict[str, Any]:
    """A live item in the shape of a notice's stored item (no attendees: not needed here)."""
    return {
        "id": item.pk,
        "start": item.start.isoformat(),
        "end": item.end.isoformat(),
        "kind": item.kind,
        "title": item.title,
        "place": item.place,
        "address": item.address,
        "host_preparation": item.host_preparation,
    }
