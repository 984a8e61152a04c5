"""The office's 督办 workflow: who moves an item from one state to the next.

待交办 → 已交办 (the office assigns it) → 已签收 (the department acknowledges) → 办理中 →
已反馈 (the department's answer: done, or cannot be done with the reason) → the office's
审核: 销号 (accepted: 已办结 / 无法办理) or 退回 (returned with a reason, answered again);
an item the leader raised goes to 领导审阅 after the office's acceptance, and the leader
agrees or writes a 批示 that reopens it. The department never settles its own item.

Each verb checks who may act (PermissionDenied) and whether the item may move now
(ValidationError), then writes one FollowUpUpdate row: {"status": [from, to]} and any
field the move changes, the comment being the reason, the 批示 or the words given.
`by` is a user, or None for the department through its signed link (the caller opened
the link), who names itself in `by_name`.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import words
from accounts.dates import long_date
from accounts.forms import refusal_by_field
from directory.models import Department
from followups import access, emails, items, links
from followups.items import check, people
from followups.models import ExtensionRequest, FollowUp, FollowUpPart, FollowUpUpdate
from trips.models import Trip, TripMember

S = FollowUp.Status
K = FollowUp.AnswerKind
P = FollowUpPart.Status
E = ExtensionRequest.Status

# Where the department may act from, per move.
ACKNOWLEDGE_FROM = (S.PENDING, S.ASSIGNED)
START_FROM = (S.PENDING, S.ASSIGNED, S.ACKNOWLEDGED, S.RETURNED)
ANSWER_FROM = (S.PENDING, S.ASSIGNED, S.ACKNOWLEDGED, S.IN_PROGRESS, S.RETURNED)
# A 配合 department answers its part while the part is open or was returned.
PART_ANSWER_FROM = (P.OPEN, P.RETURNED)


# --- who acts ------------------------------------------------------------------------------


def _team(item: FollowUp) -> Trip:
    return Trip.objects.with_team().get(pk=item.trip_id)


def is_secretary(user, item: FollowUp) -> bool:
    """One of the trip's secretaries: they assign, accept and return."""
    return user is not None and user.is_authenticated and _team(item).has_secretary(user)


def is_leader(user, item: FollowUp) -> bool:
    """One of the trip's leaders: they read what they raised (领导审阅)."""
    return (
        user is not None
        and user.is_authenticated
        and _team(item).role_of(user) == TripMember.Role.LEADER
    )


def _as_department(item: FollowUp, by) -> None:
    """The department acts through its link (by None) or as one of its members."""
    if by is not None and not access.is_member(by, item):
        raise PermissionDenied(_("Only the owner department answers for this item."))
    if item.trip.status == Trip.Status.CANCELLED:
        raise ValidationError(_("The trip was cancelled: this item can no longer be changed."))


def _as_secretary(item: FollowUp, by) -> None:
    if not is_secretary(by, item):
        raise PermissionDenied(_("Only the trip's secretaries review the answers."))


def _as_leader(item: FollowUp, by) -> None:
    if not is_leader(by, item):
        raise PermissionDenied(_("Only the trip's leader reads this answer."))


def _locked(item: FollowUp) -> FollowUp:
    """The item as it stands now, locked until the end of the move."""
    return FollowUp.objects.select_for_update().get(pk=item.pk)


# A refusal keyed by field (None for the form as a whole).
errors_of = refusal_by_field


# --- one move ------------------------------------------------------------------------------


def _move(
    item: FollowUp,
    by,
    allowed: tuple,
    to: str,
    *,
    by_name: str = "",
    comment: str = "",
    refused: str = "",
    **fields,
) -> FollowUpUpdate:
    """Lock the item, check it stands in `allowed`, move it to `to` with `fields`, and write
    the row. ValidationError (with `refused`, or a plain word) when it stands elsewhere."""
    current = FollowUp.objects.select_for_update().get(pk=item.pk)
    if current.status not in allowed:
        item.status = current.status
        raise ValidationError(refused or _("This item cannot take that step now."))
    changes = {"status": to, **fields}
    for name in ("status", "answer", "reason", "answer_kind"):
        setattr(item, name, getattr(current, name))
    check(item, changes)
    diff = {
        name: [getattr(item, name), value]
        for name, value in changes.items()
        if getattr(item, name) != value
    }
    for name, value in changes.items():
        setattr(item, name, value)
    item.save(update_fields=[*changes, "updated_at"])
    return _row(item, by, diff, by_name=by_name, comment=comment)


def _row(
    item: FollowUp, by, changes: dict, *, by_name: str = "", comment: str = ""
) -> FollowUpUpdate:
    """The item's history row for one move."""
    return FollowUpUpdate.objects.create(
        followup=item, by_user=by, by_name=by_name.strip(), changes=changes, comment=comment.strip()
    )


def _settled_refusal(item: FollowUp) -> str:
    return _(
        "The office has already accepted the answer to this item: it cannot be answered "
        "again. If something has changed, please contact the office."
    )


# --- the office ----------------------------------------------------------------------------


@transaction.atomic
def assign(item: FollowUp, by, *, to_do: str = "", due_date=None) -> FollowUpUpdate | None:
    """交办: the office hands a pending item to its department, with what is to be done
    (办理要求) and by when (办结时限); None when it was assigned already (sending the
    department its link again assigns nothing new)."""
    _as_secretary(item, by)
    if FollowUp.objects.get(pk=item.pk).status != S.PENDING:
        return None
    fields = {}
    if to_do.strip():
        fields["to_do"] = to_do.strip()
    if due_date is not None:
        fields["due_date"] = due_date
    for name, value in fields.items():
        setattr(item, name, value)
    if fields:
        item.save(update_fields=[*fields, "updated_at"])
    return _move(item, by, (S.PENDING,), S.ASSIGNED, comment=_("Assigned to the department."))


@transaction.atomic
def accept(item: FollowUp, by, *, comment: str = "") -> FollowUpUpdate:
    """销号: the office accepts the department's answer. Done or cannot be done, as the
    answer says; an item the leader raised waits for the leader's review first."""
    _as_secretary(item, by)
    current = _locked(item)
    if current.status == S.ANSWERED:
        _check_parts_accepted(current)
    to = S.LEADER_REVIEW if current.raised_by_leader else current.answered_outcome
    record = _move(
        item,
        by,
        (S.ANSWERED,),
        to,
        comment=comment,
        refused=_("Only an answered item is accepted."),
    )
    _tell_cannot(item, record, by)
    return record


@transaction.atomic
def return_answer(item: FollowUp, by, *, reason: str) -> FollowUpUpdate:
    """退回: the answer falls short; the department sees the reason and answers again."""
    _as_secretary(item, by)
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the answer is returned.")})
    return _move(
        item,
        by,
        (S.ANSWERED,),
        S.RETURNED,
        comment=reason,
        refused=_("Only an answered item is returned."),
    )


def _check_parts_accepted(item: FollowUp) -> None:
    """The owner's (牵头) answer is accepted only once every co-owner's part is."""
    waiting = [
        part.department.name
        for part in item.parts.select_related("department")
        if part.status != P.ACCEPTED
    ]
    if waiting:
        raise ValidationError(
            _("First review the co-owners' parts: %(departments)s.")
            % {"departments": words.series(waiting)}
        )


@transaction.atomic
def record_answer(item: FollowUp, by, *, kind: str, text: str, comment: str = "") -> FollowUpUpdate:
    """代录: the office writes down an answer the department gave by phone or on paper; it
    waits for the office's review (审核) like any answer, so no item is settled unreviewed."""
    _as_secretary(item, by)
    fields = _answer_fields(kind, text)
    return _move(
        item,
        by,
        ANSWER_FROM,
        S.ANSWERED,
        comment=comment or _("Answer recorded by the office for the department."),
        refused=_refusal(item),
        **fields,
    )


@transaction.atomic
def office_update(
    item: FollowUp,
    by,
    *,
    record: str = "",
    answer: str = "",
    reason: str = "",
    needs_leader: bool | None = None,
    comment: str = "",
) -> FollowUpUpdate | None:
    """The office's update from the item page: an answer recorded for the department (代录,
    `record` its kind), the leader's help, a comment; None when nothing changed."""
    recorded = None
    if record:
        text = reason if record == K.CANNOT else answer
        recorded = record_answer(item, by, kind=record, text=text, comment=comment)
    extra = {} if needs_leader is None else {"needs_leader": needs_leader}
    later = items.update(item, by, comment="" if recorded else comment, **extra)
    return recorded or later


# --- the leader ----------------------------------------------------------------------------


@transaction.atomic
def agree(item: FollowUp, by, *, comment: str = "") -> FollowUpUpdate:
    """The leader agrees with the answer: the item is settled (done, or cannot be done)."""
    _as_leader(item, by)
    to = _locked(item).answered_outcome
    record = _move(
        item,
        by,
        (S.LEADER_REVIEW,),
        to,
        comment=comment,
        refused=_("This item is not awaiting the leader's review."),
    )
    _tell_cannot(item, record, by)
    return record


@transaction.atomic
def instruct(item: FollowUp, by, *, instruction: str) -> FollowUpUpdate:
    """批示: the leader's instruction reopens the item (办理中); the department sees it."""
    _as_leader(item, by)
    if not instruction.strip():
        raise ValidationError({"instruction": _("Write the instruction.")})
    return _move(
        item,
        by,
        (S.LEADER_REVIEW,),
        S.IN_PROGRESS,
        comment=instruction,
        refused=_("This item is not awaiting the leader's review."),
    )


# --- the department ------------------------------------------------------------------------


@transaction.atomic
def acknowledge(item: FollowUp, by=None, *, by_name: str = "", comment: str = "") -> FollowUpUpdate:
    """签收: the department has received the item."""
    _as_department(item, by)
    return _move(
        item,
        by,
        ACKNOWLEDGE_FROM,
        S.ACKNOWLEDGED,
        by_name=by_name,
        comment=comment,
        refused=_("This item was acknowledged already."),
    )


@transaction.atomic
def start(item: FollowUp, by=None, *, by_name: str = "", comment: str = "") -> FollowUpUpdate:
    """办理中: the department is working on it."""
    _as_department(item, by)
    return _move(
        item,
        by,
        START_FROM,
        S.IN_PROGRESS,
        by_name=by_name,
        comment=comment,
        refused=_refusal(item),
    )


@transaction.atomic
def answer(
    item: FollowUp,
    by=None,
    *,
    kind: str,
    text: str,
    by_name: str = "",
    comment: str = "",
) -> FollowUpUpdate:
    """反馈: the department's answer, done (with the answer given) or cannot be done (with
    the reason); either waits for the office's review. Refused once the office accepted."""
    _as_department(item, by)
    fields = _answer_fields(kind, text)
    return _move(
        item,
        by,
        ANSWER_FROM,
        S.ANSWERED,
        by_name=by_name,
        comment=comment,
        refused=_refusal(item),
        **fields,
    )


def _answer_fields(kind: str, text: str) -> dict:
    """An answer's fields: done with the answer given, or cannot be done with the reason."""
    text = text.strip()
    if kind == K.CANNOT:
        if not text:
            raise ValidationError({"reason": _("Say why it cannot be done.")})
        return {"answer_kind": K.CANNOT, "reason": text}
    if not text:
        raise ValidationError({"answer": _("Write the answer given.")})
    return {"answer_kind": K.DONE, "answer": text}


def _refusal(item: FollowUp) -> str:
    """Why the department may not change the item now, in its words."""
    status = FollowUp.objects.values_list("status", flat=True).get(pk=item.pk)
    if status in (S.DONE, S.CANNOT, S.LEADER_REVIEW):
        return _settled_refusal(item)
    if status == S.ANSWERED:
        return _("Your answer is with the office for review: it tells you if more is needed.")
    return _("This item cannot take that step now.")


def _tell_cannot(item: FollowUp, record: FollowUpUpdate, by) -> None:
    """Settled as cannot be done: the trip's secretaries and leaders are told."""
    if item.status == S.CANNOT:
        trip = _team(item)
        emails.cannot_be_done(
            item, record, by, people(trip, TripMember.Role.SECRETARY, TripMember.Role.LEADER, by=by)
        )


# --- 配合: the co-owners' parts -------------------------------------------------------------


def _part_move(
    part: FollowUpPart,
    by,
    allowed: tuple,
    to: str,
    *,
    refused: str,
    by_name: str = "",
    comment: str = "",
    **fields,
) -> FollowUpUpdate:
    """Lock the part, check it stands in `allowed` while its item is open, move it, and
    write the item's history row {"part": {"department": name, "status": [from, to]}}."""
    current = FollowUpPart.objects.select_for_update().select_related("department").get(pk=part.pk)
    item = _locked(part.followup)
    if item.status not in FollowUp.OPEN_STATUSES:
        raise ValidationError(_settled_refusal(item))
    if current.status not in allowed:
        raise ValidationError(refused)
    change = {"department": current.department.name, "status": [current.status, to]}
    for name, value in {"status": to, **fields}.items():
        setattr(part, name, value)
    part.save(update_fields=["status", *fields])
    return _row(item, by, {"part": change}, by_name=by_name, comment=comment)


@transaction.atomic
def answer_part(
    part: FollowUpPart, by=None, *, text: str, by_name: str = "", comment: str = ""
) -> FollowUpUpdate:
    """A co-owner (配合) department's answer for its part, through its link (by None) or by
    one of its members; the office accepts or returns it."""
    if by is not None and not access.departments_of(by).filter(pk=part.department_id).exists():
        raise PermissionDenied(_("Only the co-owner department answers for its part."))
    if part.followup.trip.status == Trip.Status.CANCELLED:
        raise ValidationError(_("The trip was cancelled: this item can no longer be changed."))
    if not text.strip():
        raise ValidationError({"answer": _("Write what your department did for its part.")})
    refused = (
        _("The office has accepted your part already.")
        if FollowUpPart.objects.filter(pk=part.pk, status=P.ACCEPTED).exists()
        else _("Your part's answer is with the office for review: it tells you if more is needed.")
    )
    return _part_move(
        part,
        by,
        PART_ANSWER_FROM,
        P.ANSWERED,
        refused=refused,
        by_name=by_name,
        comment=comment or text,
        answer=text.strip(),
        answered_at=timezone.now(),
        answered_by_name=by_name.strip() if by is None else by.get_full_name() or by.username,
    )


@transaction.atomic
def review_part(part: FollowUpPart, by, *, accept: bool, comment: str = "") -> FollowUpUpdate:
    """The office accepts a co-owner's part, or returns it with the reason (退回)."""
    _as_secretary(part.followup, by)
    if not accept and not comment.strip():
        raise ValidationError({"comment": _("Say why the part is returned.")})
    return _part_move(
        part,
        by,
        (P.ANSWERED,),
        P.ACCEPTED if accept else P.RETURNED,
        refused=_("Only an answered part is reviewed."),
        comment=comment,
        review_comment=comment.strip(),
        reviewed_at=timezone.now(),
    )


def part_open(item: FollowUp, part: FollowUpPart) -> bool:
    """The co-owner may answer its part now: the part is open or returned, the item open."""
    return part.status in PART_ANSWER_FROM and item.status in FollowUp.OPEN_STATUSES


def part_of(item: FollowUp, department: Department | None) -> FollowUpPart | None:
    """The department's part of the item when it is a co-owner (配合), else None."""
    if department is None or department.pk == item.department_id:
        return None
    return item.parts.filter(department=department).first()


# --- 延期申请: asking for more time ------------------------------------------------------------


def may_ask_extension(item: FollowUp, today: date) -> bool:
    """The department may ask for more time now: not yet answered, the due date not passed,
    no request waiting."""
    return (
        item.status in ANSWER_FROM
        and today <= item.due_date
        and not item.extensions.filter(status=E.PENDING).exists()
    )


@transaction.atomic
def ask_extension(
    item: FollowUp,
    by=None,
    *,
    to_date: date,
    reason: str,
    by_name: str = "",
    today: date | None = None,
) -> ExtensionRequest:
    """延期申请: the department asks for a new due date, with the reason, on or before the
    due date; one request waits at a time. The trip's secretaries are told."""
    _as_department(item, by)
    current = _locked(item)
    if current.status not in ANSWER_FROM:
        raise ValidationError(_refusal(item))
    today = today or timezone.localdate()
    errors = {}
    if today > current.due_date:
        errors["to_date"] = _(
            "An extension is asked for before the due date; it passed on %(date)s. Please "
            "answer, or call the office."
        ) % {"date": long_date(current.due_date)}
    elif to_date <= current.due_date:
        errors["to_date"] = _("Choose a date after the due date, %(date)s.") % {
            "date": long_date(current.due_date)
        }
    if not reason.strip():
        errors["reason"] = _("Say why more time is needed.")
    if current.extensions.filter(status=E.PENDING).exists():
        errors[None] = _("A request for more time is already waiting for the office.")
    if errors:
        raise ValidationError(errors)
    extension = ExtensionRequest.objects.create(
        followup=current,
        from_date=current.due_date,
        to_date=to_date,
        reason=reason.strip(),
        asked_by=by,
        asked_by_name=by_name.strip(),
    )
    change = {"to": to_date.isoformat(), "status": [None, E.PENDING]}
    record = _row(item, by, {"extension": change}, by_name=by_name, comment=reason)
    trip = _team(item)
    emails.extension_asked(item, record, by, people(trip, TripMember.Role.SECRETARY, by=by))
    return extension


@transaction.atomic
def decide_extension(
    extension: ExtensionRequest, by, *, approve: bool, comment: str = ""
) -> FollowUpUpdate:
    """The office approves (the due date moves; the first one is kept, and lateness is
    measured against it) or refuses, with the reason, a request for more time."""
    item = extension.followup
    _as_secretary(item, by)
    if not approve and not comment.strip():
        raise ValidationError({"comment": _("Say why more time is refused.")})
    current = ExtensionRequest.objects.select_for_update().get(pk=extension.pk)
    locked = _locked(item)
    if current.status != E.PENDING or locked.status not in FollowUp.OPEN_STATUSES:
        raise ValidationError(_("This request was decided already."))
    to = E.APPROVED if approve else E.REFUSED
    changes = {"extension": {"to": current.to_date.isoformat(), "status": [E.PENDING, to]}}
    if approve:
        changes["due_date"] = [locked.due_date.isoformat(), current.to_date.isoformat()]
        item.original_due_date = locked.original_due
        item.due_date = current.to_date
        # The reminders before and after the due date are due again for the new date.
        item.reminded_before_on = item.overdue_reminded_on = item.overdue_reported_on = None
        item.save(
            update_fields=[
                "original_due_date",
                "due_date",
                "reminded_before_on",
                "overdue_reminded_on",
                "overdue_reported_on",
                "updated_at",
            ]
        )
    extension.status, extension.decided_by = to, by
    extension.decided_at, extension.decision_comment = timezone.now(), comment.strip()
    extension.save(update_fields=["status", "decided_by", "decided_at", "decision_comment"])
    record = _row(item, by, changes, comment=comment)
    contacts = [c for c in item.department.contacts.order_by("name", "pk") if c.email]
    if contacts:
        link = links.renew(item.department, by=by)  # the copies it has keep working
        emails.extension_decided(item, extension, link, contacts, by)
    return record


# --- what the department and the office see ------------------------------------------------


def last_word(item: FollowUp, history: list[FollowUpUpdate]) -> tuple[str, str] | None:
    """The office's or the leader's last word the department must act on: ("returned",
    reason) or ("instruction", 批示); None when the item is not waiting on such a word."""
    for update in reversed(history):
        before, after = (update.changes.get("status") or [None, None])[:2]
        if after == S.RETURNED:
            return ("returned", update.comment) if item.status == S.RETURNED else None
        if before == S.LEADER_REVIEW and after == S.IN_PROGRESS:
            # Until the department answers again (the row found first above).
            return ("instruction", update.comment) if item.status in ANSWER_FROM else None
        if after == S.ANSWERED:
            return None
    return None


def department_actions(item: FollowUp) -> list[str]:
    """What the department may do with the item now: acknowledge, start, answer."""
    actions = []
    if item.status in ACKNOWLEDGE_FROM:
        actions.append("acknowledge")
    if item.status in START_FROM:
        actions.append("start")
    if item.status in ANSWER_FROM:
        actions.append("answer")
    return actions
