"""Sending: every pending notice (new, update, cancellation) with its e-mails, in one
transaction; each new notice replaces the unit's previous one and carries its own link."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from trips import emails
from trips.models import Notice, Trip
from trips.notices.links import link_url
from trips.notices.parts import NoticeDraft, prepare
from trips.notices.reminders import ack_time, visit_reminder_time

# A finished trip sends no more notices.
FINISHED = (Trip.Status.COMPLETED, Trip.Status.CLOSED)


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
