"""A department's signed link to its follow-up items (accounts.links): no account needed,
scoped to the department by its nonce, working FOLLOWUP_LINK_DAYS. One link per department
opens all its items: sending it again renews it; only replacing it (a leaked link) makes a new
nonce, and the old one stops. The pages it opens are in views/department.py."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import links
from directory.models import Department
from followups.models import DepartmentLink
from outbox.mail import absolute_url

LINK_KIND = "followups.department"


class LinkRefused(Exception):
    """A link that opens nothing: tampered (404), expired or replaced by a newer one (410)."""

    def __init__(self, reason: str, department: Department | None = None) -> None:
        super().__init__(reason)
        self.reason = reason  # "invalid", "expired", "replaced"; "not_ours": another's item
        self.department = department

    @property
    def status(self) -> int:
        return 404 if self.reason in ("invalid", "not_ours") else 410

    def words(self) -> tuple[str, str]:
        """What the department is told, in the active language: the heading and what to do."""
        if self.reason == "replaced":
            return (
                _("This link was replaced"),
                _(
                    "A newer link was sent to your department. Please use the link in the "
                    "latest e-mail from the office."
                ),
            )
        if self.reason == "expired":
            return (
                _("This link has expired"),
                _(
                    "The link of %(department)s to its follow-up items no longer works. Please "
                    "ask the office for a new link."
                )
                % {"department": self.department.name},
            )
        if self.reason == "not_ours":
            return (
                _("Not one of your department's items"),
                _(
                    "This item is not one of your department's. Please open your items from "
                    "your department's list."
                ),
            )
        return links.does_not_work()


def issue(department: Department, by=None, now: datetime | None = None) -> DepartmentLink:
    """A new link for the department; any earlier one stops working."""
    now = now or timezone.now()
    link, _created = DepartmentLink.objects.update_or_create(
        department=department,
        defaults={
            "nonce": links.new_nonce(),
            "issued_at": now,
            "expires_at": now + timedelta(days=settings.FOLLOWUP_LINK_DAYS),
            "issued_by": by,
        },
    )
    return link


def _working(department: Department, now: datetime) -> DepartmentLink | None:
    """The department's link while it works; None when it has none or it expired."""
    link = DepartmentLink.objects.filter(department=department).first()
    return link if link is not None and link.expires_at > now else None


def current(department: Department, now: datetime | None = None) -> DepartmentLink:
    """The department's working link: the one it has, or a new one when none or expired."""
    now = now or timezone.now()
    return _working(department, now) or issue(department, now=now)


def renew(department: Department, by=None, now: datetime | None = None) -> DepartmentLink:
    """The department's one link, working FOLLOWUP_LINK_DAYS from now: the same address, so
    the copies it already has keep opening all its items; a new one only when none works."""
    now = now or timezone.now()
    link = _working(department, now)
    if link is None:
        return issue(department, by=by, now=now)
    link.expires_at = now + timedelta(days=settings.FOLLOWUP_LINK_DAYS)
    link.save(update_fields=["expires_at"])
    return link


def make_token(link: DepartmentLink) -> str:
    return links.sign(LINK_KIND, link.department_id, link.nonce)


def link_url(link: DepartmentLink) -> str:
    """The link as written in e-mails: absolute, to the department's list of items."""
    return absolute_url(reverse("followups:department_items", args=[make_token(link)]))


def open_link(token: str, now: datetime | None = None) -> DepartmentLink:
    """The department link a token opens; LinkRefused when tampered, expired or replaced."""
    try:
        department_id, nonce = links.unsign(LINK_KIND, token)
    except links.LinkInvalid:
        raise LinkRefused("invalid") from None
    link = (
        DepartmentLink.objects.select_related("department")
        .filter(department_id=department_id)
        .first()
    )
    if link is None:
        raise LinkRefused("invalid")
    # The signature is ours and names this department: another nonce is an older link.
    if not links.nonce_matches(link.nonce, nonce):
        raise LinkRefused("replaced", link.department)
    if link.expires_at <= (now or timezone.now()):
        raise LinkRefused("expired", link.department)
    return link
