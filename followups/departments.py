"""What an owner department does with its follow-up items, with an account (a member) or
through its signed link (followups.links): its list, its answer with evidence, and the
office sending it the link."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import throttle
from accounts.uploads import Checked
from followups import emails, evidence, items, links, workflow
from followups.access import owned_by
from followups.models import FollowUp, FollowUpPart, FollowUpUpdate
from outbox.models import Message

# Items with an outcome stay on the department's list this long after their last change.
RECENT_DAYS = 30
# Changes through one link (and from one address) in an hour: a department answering many
# items fits; a script does not.
LINK_POSTS_PER_HOUR = 60
HOUR = 3600


@dataclass(frozen=True)
class Listing:
    open: list[FollowUp]  # by due date: the overdue ones first
    finished: list[FollowUp]  # done or cannot be done in the last RECENT_DAYS, latest first


def listing(found: QuerySet[FollowUp], now: datetime) -> Listing:
    """The department's items to show: open ones first, then the recently finished (two
    queries, whatever the number of items); the overdue ones marked, each with its light."""
    today = timezone.localdate(now)
    found = (
        found.with_overdue(today)
        .with_light(today)
        .select_related("trip", "department", "host_unit")
    )
    return Listing(
        open=list(found.open().order_by("due_date", "pk")),
        finished=list(
            found.exclude(status__in=FollowUp.OPEN_STATUSES)
            .filter(updated_at__gte=now - timedelta(days=RECENT_DAYS))
            .order_by("-updated_at", "pk")
        ),
    )


@transaction.atomic
def answer(
    item: FollowUp,
    action: str,
    *,
    by=None,
    by_name: str = "",
    answer: str = "",
    reason: str = "",
    needs_leader: bool | None = None,
    comment: str = "",
    upload: UploadedFile | None = None,
    checked: Checked | None = None,
    part: FollowUpPart | None = None,
) -> FollowUpUpdate | None:
    """The department's update: one step of the workflow (followups.workflow: acknowledge,
    start, answer done or cannot be done; "comment" takes none), the leader's help, a
    comment and one evidence file (already checked), all or nothing; ValidationError keyed
    by field. By a member (by), or through the link (by None, by_name). A co-owner answers
    its `part` ("answer_part")."""
    step = {
        "acknowledge": lambda: workflow.acknowledge(item, by, by_name=by_name, comment=comment),
        "start": lambda: workflow.start(item, by, by_name=by_name, comment=comment),
        "answer_done": lambda: workflow.answer(
            item, by, kind=FollowUp.AnswerKind.DONE, text=answer, by_name=by_name, comment=comment
        ),
        "answer_cannot": lambda: workflow.answer(
            item, by, kind=FollowUp.AnswerKind.CANNOT, text=reason, by_name=by_name, comment=comment
        ),
        "answer_part": lambda: workflow.answer_part(
            part, by, text=answer, by_name=by_name, comment=comment
        ),
    }.get(action if part is None or action in ("answer_part", "comment") else "")
    record = step() if step else None
    extra = {} if needs_leader is None else {"needs_leader": needs_leader}
    if record is None or extra:
        later = items.update(
            item,
            by,
            by_name=by_name,
            as_department=True,
            comment="" if record else comment,
            **extra,
        )
        record = record or later
    if upload is not None and checked is not None:
        evidence.attach(item, upload, checked, by=by, by_name=by_name)
    return record


def allow_link_post(link, address: str) -> bool:
    """At most LINK_POSTS_PER_HOUR changes an hour through one link, and from one address."""
    per_link = throttle.allow(
        f"followup-link:{link.department_id}:{link.nonce}", LINK_POSTS_PER_HOUR, HOUR
    )
    per_address = throttle.allow(f"followup-link-ip:{address}", LINK_POSTS_PER_HOUR, HOUR)
    return per_link and per_address


@transaction.atomic
def send_link(item: FollowUp, by, *, replace: bool = False) -> list[Message]:
    """E-mail the item's owner department its one link (renewed, so copies it has keep
    working; with `replace`, a new one, and the old stops) to each contact with an address;
    ValidationError when none has one."""
    department = item.department
    contacts = [c for c in department.contacts.order_by("name", "pk") if c.email]
    if not contacts:
        raise ValidationError(
            _("Nobody at %(department)s has an e-mail address: add one in the directory.")
            % {"department": department.name}
        )
    link = (links.issue if replace else links.renew)(department, by=by)
    # Sending the department its link hands it the trip's items still waiting (交办).
    waiting = department.followups.filter(trip=item.trip_id, status=FollowUp.Status.PENDING)
    for pending in waiting.select_related("trip"):
        workflow.assign(pending, by)
    # Only this trip's: the mail log shows the e-mail to the people who may read this trip.
    open_items = owned_by([department]).open().filter(trip=item.trip_id).order_by("due_date", "pk")
    return emails.department_link(department, link, contacts, by, trip=item.trip, items=open_items)
