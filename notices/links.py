"""The acknowledgement link: one signed link per notice (accounts.links), scoped to it by its
nonce, working until the day after the trip, refused once a newer notice replaces it.
The unit's messages through the link are in messages.py."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import links
from notices.models import Notice
from outbox.mail import absolute_url
from trips.models import Trip

# The kind of link (its signing salt): unchanged, so that links already e-mailed still open.
LINK_SALT = "trips.notice.ack"


class LinkRefused(Exception):
    """A link that opens nothing: tampered (404), expired or replaced by a newer notice (410)."""

    def __init__(self, reason: str, notice: Notice | None = None) -> None:
        super().__init__(reason)
        self.reason = reason  # "invalid", "expired", "superseded"
        self.notice = notice

    @property
    def status(self) -> int:
        return 404 if self.reason == "invalid" else 410

    @property
    def is_superseded(self) -> bool:
        """A newer notice replaced the one the link was made for."""
        return self.reason == "superseded"

    @property
    def is_expired(self) -> bool:
        """The visit is over: the link worked until the day after it."""
        return self.reason == "expired"

    def words(self) -> tuple[str, str]:
        """What the unit is told, in the active language: the heading and what to do."""
        if self.is_superseded:
            return (
                _("This notice was replaced"),
                _(
                    "This notice was replaced by a newer one. Please see the latest e-mail "
                    "from the office and use the link in it."
                ),
            )
        if self.is_expired:
            return (
                _("This link has expired"),
                _(
                    "The visit is over, and this link no longer works. If you need anything, "
                    "please contact the office."
                ),
            )
        return links.does_not_work()


def make_token(notice: Notice) -> str:
    """The signed token of a notice's acknowledgement link."""
    # No timestamp: the link expires with the trip (link_expired), and every e-mail about
    # one notice carries the same link.
    return links.sign(LINK_SALT, notice.pk, notice.nonce)


def link_url(notice: Notice) -> str:
    """The acknowledgement link as written in the e-mails."""
    path = reverse("notices:notice_ack", args=[make_token(notice)])
    return absolute_url(path)


def paper_url(notice: Notice) -> str:
    """The notice on GB/T 9704 paper (a PDF printing serves behind the same link)."""
    return absolute_url(reverse("printing:notice_paper", args=[make_token(notice)]))


def link_expired(trip: Trip, now: datetime | None = None, *, days: int = 1) -> bool:
    """Links work until the day after the trip's last day ends, on the trip's clock; for
    the unit's 接待清单, `days` (settings.RECEPTION_LIST_DAYS) after it."""
    return trip.local(now or timezone.now()).date() > trip.end_date + timedelta(days=days)


def open_link(token: str, now: datetime | None = None, *, for_list: bool = False) -> Notice:
    """The notice a link opens; LinkRefused when tampered, expired or superseded. For the
    接待清单 (for_list) the link works RECEPTION_LIST_DAYS after the trip, as the list is
    filled in after the visit."""
    try:
        pk, nonce = links.unsign(LINK_SALT, token)
    except links.LinkInvalid:
        raise LinkRefused("invalid") from None
    notice = Notice.objects.select_related("trip", "host_unit").filter(pk=pk).first()
    if notice is None or not links.nonce_matches(notice.nonce, nonce):
        raise LinkRefused("invalid")
    days = settings.RECEPTION_LIST_DAYS if for_list else 1
    if link_expired(notice.trip, now, days=days):
        raise LinkRefused("expired", notice)
    if notice.superseded_by_id is not None:
        raise LinkRefused("superseded", notice)
    return notice
