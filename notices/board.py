"""The pages: the secretary's notices page (board) and the trip page's panel (trip_summary),
each in a fixed number of queries however many units."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import F

from directory.models import HostUnit, ReceptionStandard
from notices import standards
from notices.addresses import AddressProblem, unit_addresses
from notices.drafts import NoticeDraft, prepare
from notices.models import Notice, NoticeReply
from outbox.models import Message
from trips.approval import approved_version
from trips.findings import Finding
from trips.models import Trip, TripVersion
from trips.standards import leader_grade


@dataclass
class UnitRow:
    """One unit on the notices page: what would go now, and how its current notice fares."""

    draft: NoticeDraft
    deliveries: list[Message]
    replies: list[NoticeReply]
    # The page's forms for this unit (trips.views.notices), when it shows them.
    text_form: Any = None
    phone_form: Any = None
    answer_form: Any = None
    # What the reception standards say of its answer and requirements (notices.standards).
    findings: list[Finding] = field(default_factory=list)

    @property
    def unread(self) -> list[NoticeReply]:
        return [r for r in self.replies if not r.from_office and r.read_at is None]

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
    for answer in (
        NoticeReply.objects.filter(notice__trip=trip)
        .select_related("author__profile")
        .annotate(unit_id=F("notice__host_unit_id"))
    ):
        replies.setdefault(answer.unit_id, []).append(answer)
    standard = ReceptionStandard.objects.in_force()
    party = len(trip.members.all())
    grade = leader_grade(trip) or ""
    rows = [
        UnitRow(
            draft,
            deliveries.get(draft.previous.cause_key, []) if draft.previous else [],
            replies.get(draft.host_unit.pk, []),
            findings=standards.unit_findings(
                standard,
                party,
                draft.host_unit,
                draft.previous,
                draft.content.get("requirements", ""),
                grade,
            ),
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
    # Units whose answer or requirements break the reception standards, with the findings.
    standards: list[tuple[HostUnit, list[Finding]]] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.units or self.sent)


def trip_summary(trip: Trip, user) -> TripNotices | None:
    """For the trip's secretaries: two queries; None for everyone else. A unit told by phone
    is no unit "no notice can reach", e-mail address or not."""
    if not trip.can_edit(user):
        return None
    current = list(
        trip.notices.current()
        .exclude(kind=Notice.Kind.CANCELLATION)
        .values_list("host_unit_id", "channel", "acknowledged_at")
    )
    phoned = {unit for unit, channel, _at in current if channel == Notice.Channel.PHONE}
    acknowledged = sum(1 for _unit, _channel, at in current if at is not None)
    units = unit_addresses(trip)
    problems = [p for p in units if p is not None and p.unit_id not in phoned]
    # What a unit is asked may break the rules before any notice goes.
    found = standards.trip_findings(trip) if units else []
    return TripNotices(len(units), problems, len(current), acknowledged, found)
