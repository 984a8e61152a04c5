"""催办: the office chasing a department for an item's answer, each time on record as a
round (Urging): a 催办通知 e-mailed to the department's contacts with its link, a phone
call written down, or the item being in the department's reminder digest
(followups.reminders). Rounds the department has not answered since pile up; after
DUBAN_ESCALATE_ROUNDS the item goes to its leader (FollowUpQuerySet.escalated)."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from accounts.words import series
from followups import access, emails, links
from followups.models import FollowUp, Urging

C = Urging.Channel


def _next_round(item_id: int) -> int:
    """The item's next round number; the item's row locked so two rounds at once queue."""
    FollowUp.objects.select_for_update().filter(pk=item_id).first()
    last = Urging.objects.filter(followup_id=item_id).aggregate(n=Max("round"))["n"]
    return (last or 0) + 1


def _may_urge(user, item: FollowUp) -> None:
    if not access.may_manage(user, item):
        raise PermissionDenied(_("Only the trip's secretaries chase its items."))
    if item.has_outcome:
        raise ValidationError(_("The item is settled: there is nothing to chase."))


@transaction.atomic
def urge(item: FollowUp, by, *, note: str = "") -> Urging:
    """Send the department a 催办通知 about the item, with its signed link, to each contact
    with an address, and record the round; ValidationError when nobody has one. The item
    comes from followups.access.item_for()."""
    _may_urge(by, item)
    department = item.department
    contacts = [c for c in department.contacts.order_by("name", "pk") if c.email]
    if not contacts:
        raise ValidationError(
            _("Nobody at %(department)s has an e-mail address: add one in the directory.")
            % {"department": department.name}
        )
    urging = Urging.objects.create(
        followup=item,
        round=_next_round(item.pk),
        channel=C.EMAIL,
        recipients=series(f"{c.name} <{c.email}>" for c in contacts),
        by_user=by,
        note=note.strip(),
    )
    link = links.renew(department, by=by)  # the copies it has keep working
    emails.urging(item, urging, link, contacts, by)
    return urging


@transaction.atomic
def record_call(item: FollowUp, by, *, called: str, said: str = "") -> Urging:
    """Record a phone call to the department as a round: who was called, what they said."""
    _may_urge(by, item)
    if not called.strip():
        raise ValidationError({"called": _("Say who was called.")})
    return Urging.objects.create(
        followup=item,
        round=_next_round(item.pk),
        channel=C.PHONE,
        recipients=called.strip(),
        by_user=by,
        note=said.strip(),
    )


def record_digest(items: Iterable[FollowUp], recipients: str) -> list[Urging]:
    """Each item of a reminder digest that went counts as a round (in the digest's
    transaction, so a digest not sent records none)."""
    return [
        Urging.objects.create(
            followup=item, round=_next_round(item.pk), channel=C.DIGEST, recipients=recipients
        )
        for item in items
    ]


def rounds(item: FollowUp) -> list[Urging]:
    """The item's rounds, first to last, with who pressed them."""
    return list(item.urgings.select_related("by_user__profile").order_by("round"))


def unanswered(item: FollowUp) -> int:
    """Rounds the department has not answered since: the item's own `unanswered_rounds`."""
    return (
        FollowUp.objects.with_rounds().values_list("unanswered_rounds", flat=True).get(pk=item.pk)
    )


def escalates(item: FollowUp, unanswered: int) -> bool:
    """Open, and chased DUBAN_ESCALATE_ROUNDS times with no answer: 需领导协调 (the rule of
    FollowUpQuerySet.escalated, for an item whose unanswered rounds are counted)."""
    return not item.has_outcome and unanswered >= settings.DUBAN_ESCALATE_ROUNDS
