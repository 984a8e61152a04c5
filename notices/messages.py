"""Messages on a notice: the unit writes through its link (reply), the trip's secretaries are
e-mailed at once and see it on their dashboard until one of them reads it; a secretary
answers from the notices page (answer), and the answer reaches the unit by e-mail."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import throttle
from directory.models import HostUnit
from notices import emails
from notices.addresses import notice_addresses
from notices.links import link_url
from notices.models import Notice, NoticeReply
from notices.parts import read_part
from trips.models import Trip

# How many unread messages the dashboard lists.
DASHBOARD_MESSAGES = 20
HOUR = 3600


def may_reply(notice: Notice, client_ip: str) -> bool:
    """Whether the unit may write once more: at most NOTICE_MESSAGE_LIMIT messages an hour
    per notice and per client address (counting this one)."""
    limit = settings.NOTICE_MESSAGE_LIMIT
    per_notice = throttle.allow(f"notice-reply:{notice.pk}", limit, HOUR)
    per_ip = throttle.allow(f"notice-reply-ip:{client_ip}", limit, HOUR)
    return per_notice and per_ip


def reply(notice: Notice, text: str) -> NoticeReply:
    """Keep a message the unit wrote through its link, and e-mail the trip's secretaries."""
    with transaction.atomic():
        message = NoticeReply.objects.create(notice=notice, text=text.strip())
        emails.alert_host_message(message)
    return message


def unread(user) -> QuerySet[NoticeReply]:
    """Units' messages on trips the user is a secretary of that nobody has read: one query."""
    return (
        NoticeReply.objects.unread_by_secretary(user)
        .select_related("notice__trip", "notice__host_unit")
        .order_by("created_at", "pk")[:DASHBOARD_MESSAGES]
    )


def mark_read(trip: Trip, message: NoticeReply, by) -> None:
    """A secretary of the trip has read the unit's message: it leaves every dashboard."""
    if not trip.can_edit(by) or message.notice.trip_id != trip.pk:
        raise PermissionDenied
    NoticeReply.objects.filter(pk=message.pk, read_at__isnull=True).update(
        read_at=timezone.now(), read_by=by
    )


def answer(trip: Trip, unit: HostUnit, text: str, by) -> NoticeReply:
    """The secretary's answer to the unit: kept on its current notice, e-mailed to its
    notice contacts with the notice's link; the unit's messages count as read."""
    if not trip.can_edit(by):
        raise PermissionDenied
    notice = trip.notices.current().select_related("host_unit").filter(host_unit=unit).first()
    if notice is None:
        raise ValidationError(_("%(unit)s has not been told of the visit yet.") % {"unit": unit})
    recipients = notice_addresses([unit.pk])[unit.pk].usable
    if not recipients:
        raise ValidationError(
            _("%(unit)s has no e-mail address for notices: call it instead.") % {"unit": unit}
        )
    now = timezone.now()
    with transaction.atomic():
        message = NoticeReply.objects.create(notice=notice, text=text.strip(), author=by)
        NoticeReply.objects.filter(
            notice__trip=trip, notice__host_unit=unit, author__isnull=True, read_at__isnull=True
        ).update(read_at=now, read_by=by)
        part = read_part(notice.content)
        context = {"unit": unit, "part": part, "message": message, "ack_url": link_url(notice)}
        emails.answer_unit(message, recipients, context, by)
    return message
