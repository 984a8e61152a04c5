"""Sending: every pending notice (new, update, cancellation) with its e-mails, in one
transaction; each new notice replaces the unit's previous one and carries its own link.
A notice given by phone (电话通知, record_phone) is the unit's notice just the same, with
who called whom, when and what was agreed, and no e-mail."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from directory.models import HostUnit
from notices import emails, official
from notices.drafts import NoticeDraft, prepare
from notices.links import link_url, paper_url
from notices.models import Notice, UnitRequirements
from notices.reminders import ack_time, visit_reminder_time
from trips.models import Trip

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
        return [send_one(trip, draft, by, now) for draft in drafts]


def send_one(trip: Trip, draft: NoticeDraft, by, now: datetime) -> Notice:
    """One notice row, the previous one superseded, one e-mail per recipient."""
    notice = _record(trip, draft, by, now)
    context = draft.context(link_url(notice))
    if notice.text and official.is_chinese(notice.host_unit.language):
        context["paper_url"] = paper_url(notice)  # the notice on GB/T 9704 paper
    emails.send_notice(notice, draft.recipients, context, by)
    return notice


def record_phone(
    trip: Trip,
    unit: HostUnit,
    by,
    *,
    caller: str,
    callee: str,
    called_at: datetime,
    agreed: str = "",
    acknowledged: bool = True,
) -> Notice:
    """Record the unit's pending notice as given by phone: it becomes the unit's notice, as
    if sent, acknowledged by the person called when they confirmed it. No e-mail goes."""
    if not trip.can_edit(by):
        raise PermissionDenied
    if trip.status in FINISHED:
        raise ValidationError(_("This trip is over: no more notices go out."))
    with transaction.atomic():
        list(Trip.objects.select_for_update().filter(pk=trip.pk).values_list("pk"))
        draft = next((d for d in prepare(trip) if d.host_unit.pk == unit.pk), None)
        if draft is None or not draft.is_pending:
            raise ValidationError(_("%(unit)s has nothing new to be told.") % {"unit": unit.name})
        if not draft.can_phone:
            raise ValidationError(
                _("The plan changed since you edited this notice. Check the text first.")
            )
        phone = {
            "channel": Notice.Channel.PHONE,
            "phone_caller": caller.strip(),
            "phone_callee": callee.strip(),
            "phoned_at": called_at,
            "phone_agreed": agreed.strip(),
        }
        if acknowledged:
            phone |= {"acknowledged_at": called_at, "acknowledged_by_name": callee.strip()}
        return _record(trip, draft, by, timezone.now(), **phone)


def _record(trip: Trip, draft: NoticeDraft, by, now: datetime, **phone) -> Notice:
    """The notice row, the previous one superseded, the secretary's edit used up."""
    cancelled = draft.kind == Notice.Kind.CANCELLATION
    by_phone = bool(phone)
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
        text=draft.text,
        edited=draft.is_edited,
        # A unit told by phone is called again, not e-mailed a reminder it has no link for.
        ack_reminder_due_at=None if cancelled or by_phone else now + ack_time(),
        visit_reminder_due_at=None
        if cancelled or by_phone
        else visit_reminder_time(draft.content, now),
        **phone,
    )
    if draft.previous is not None:
        replaced = Notice.objects.filter(pk=draft.previous.pk, superseded_by__isnull=True).update(
            superseded_by=notice
        )
        if not replaced:
            raise ValidationError(_("Someone else sent notices meanwhile. Reload the page."))
    UnitRequirements.objects.filter(trip=trip, host_unit=draft.host_unit).update(
        notice_text="", notice_text_for={}
    )
    return notice
