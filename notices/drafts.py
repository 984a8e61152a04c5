"""Drafts: what each unit would be told if notices went out now (prepare: a new notice, an
update saying what changed in its part, a cancellation, or nothing new), and what the
secretary writes for one unit before it goes (set_requirements, set_notice_text)."""

from __future__ import annotations

import re
import zoneinfo
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from directory.models import Contact, HostUnit
from notices import emails, official
from notices.addresses import Addresses, notice_addresses
from notices.models import Notice, UnitRequirements
from notices.parts import (
    mail_context,
    office_contact,
    part_changes,
    read_changes,
    read_part,
    unit_part,
    with_accounts,
)
from trips import snapshot
from trips.approval import approved_version
from trips.models import Trip, TripVersion

# A unit whose part did not change since its last notice: nothing to send.
UNCHANGED = "unchanged"
TEMPLATES = emails.NOTICE_TEMPLATES
KIND_LABELS = {
    Notice.Kind.NEW: gettext_lazy("New"),
    Notice.Kind.UPDATE: gettext_lazy("Update"),
    Notice.Kind.CANCELLATION: gettext_lazy("Cancellation"),
    UNCHANGED: gettext_lazy("Up to date"),
}


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
    edited_text: str = ""  # the secretary's edit of this notice (UnitRequirements.notice_text)

    @property
    def recipients(self) -> list[Contact]:
        return self.addresses.usable

    @property
    def is_pending(self) -> bool:
        return self.kind != UNCHANGED

    edited_for: dict[str, Any] = field(default_factory=dict)  # the part the edit was made on

    @property
    def can_send(self) -> bool:
        return self.is_pending and bool(self.recipients) and not self.edit_is_stale

    @property
    def edit_is_stale(self) -> bool:
        """The plan changed for this unit since the secretary edited its notice: the edit
        would tell it the old plan, so it is not sent until looked at again."""
        return self.is_edited and self.edited_for != self.content

    @property
    def can_phone(self) -> bool:
        """Any pending notice may be given by phone instead (电话通知)."""
        return self.is_pending and not self.edit_is_stale

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind]

    @property
    def template(self) -> str:
        return TEMPLATES[self.kind]

    @property
    def is_edited(self) -> bool:
        return bool(self.edited_text)

    def context(self, ack_url: str = "") -> dict[str, Any]:
        """What the e-mail templates show."""
        return mail_context(
            self.host_unit, self.kind, self.content, self.changes, ack_url, self.text
        )

    @cached_property
    def generated_text(self) -> str:
        """The notice as Tripdesk writes it, without the link, in the official form
        (official.py): a notice, a notice of changes or a cancellation, each with its 落款."""
        if not self.is_pending:
            return ""
        language = self.host_unit.language
        if self.kind == Notice.Kind.NEW:
            return official.text(read_part(self.content), language)
        part = read_part(self.content)
        if self.kind == Notice.Kind.UPDATE:
            return official.update_text(part, read_changes(self.changes, self.content), language)
        return official.cancellation_text(part, language)

    @property
    def text(self) -> str:
        """What the unit will read: the secretary's edit, else the generated text."""
        return self.edited_text or self.generated_text

    def preview(self) -> str:
        """The e-mail's text as the unit would read it, in the unit's language."""
        if not self.is_pending:
            return ""
        with translation.override(self.host_unit.language):
            return render_to_string(f"emails/{self.template}_body.txt", self.context())


def prepare(trip: Trip, language: str | None = None) -> list[NoticeDraft]:
    """Per host unit of the approved version: its part, recipients, and new/update/cancel.

    Units come in the order of their first item; units no longer visited come last. Only
    items with a host unit are ever part of a notice: the leader's own items never are.
    The parts name people in each unit's language, or in the language given (the 公函's
    parts are Chinese, notices.letters).
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
    asked = {r.host_unit_id: r for r in UnitRequirements.objects.filter(trip=trip)}
    drafts = []
    for pk, items in by_unit.items():
        unit = every_unit[pk]
        unit_asked = asked.get(pk) or UnitRequirements()
        office = office_contact(trip, language or unit.language)
        content = unit_part(unit, items, frozen, unit_asked, tz, office, language)
        before = previous.get(pk)
        if before is None or before.is_cancellation:
            kind, changes = Notice.Kind.NEW, []
        else:
            changes = part_changes(with_accounts(before.content, items), content)
            kind = Notice.Kind.UPDATE if changes else UNCHANGED
        edit = unit_asked.notice_text if kind != UNCHANGED else ""
        drafts.append(
            NoticeDraft(
                unit,
                kind,
                content,
                changes,
                addresses[pk],
                before,
                version,
                edited_text=edit,
                edited_for=unit_asked.notice_text_for if edit else {},
            )
        )
    for pk, before in previous.items():
        if pk not in by_unit:
            drafts.append(_cancellation(before, addresses[pk], version, asked.get(pk)))
    return drafts


def _cancellation(
    before: Notice, addresses: Addresses, version: TripVersion, asked: UnitRequirements | None
) -> NoticeDraft:
    """What a unit told of a visit is told once the visit is off: its part as last sent."""
    kind = UNCHANGED if before.is_cancellation else Notice.Kind.CANCELLATION
    return NoticeDraft(
        before.host_unit,
        kind,
        before.content,
        [],
        addresses,
        before,
        version,
        visited=False,
        **_edit(asked, kind),
    )


def cancellations(trip: Trip) -> list[NoticeDraft]:
    """The trip is called off: a cancellation for every unit told of it and not cancelled
    yet, each on the version it was last told (a secretary's edit was for another notice)."""
    told = trip.notices.current().exclude(kind=Notice.Kind.CANCELLATION)
    previous = list(told.select_related("host_unit", "version").order_by("created_at", "pk"))
    addresses = notice_addresses(n.host_unit_id for n in previous)
    return [_cancellation(n, addresses[n.host_unit_id], n.version, None) for n in previous]


def _edit(asked: UnitRequirements | None, kind: str) -> dict[str, Any]:
    if asked is None or kind == UNCHANGED or not asked.notice_text:
        return {}
    return {"edited_text": asked.notice_text, "edited_for": asked.notice_text_for}


# What the secretary writes for one unit


# "清真 1 人", "no spicy food: 2", one per line or separated by commas (full-width too).
DIETARY_ENTRY = re.compile(
    "(?P<need>.+?)\\s*[:\uff1a]?\\s*(?P<count>\\d+)\\s*(人|persons?|people)?[\u3002.]?"
)
DIETARY_SEPARATORS = re.compile("[\n\uff0c,\uff1b;\u3001]")
MAX_DIETARY = 12


def parse_dietary(text: str) -> list[tuple[str, int]]:
    """Dietary counts as the secretary types them ("清真 1 人, 不吃辣 2 人", Chinese commas
    too): (need, count) pairs. A need without a number is refused: the unit is told
    counts, never names."""
    pairs: list[tuple[str, int]] = []
    for entry in DIETARY_SEPARATORS.split(text):
        entry = " ".join(entry.split())
        if not entry:
            continue
        match = DIETARY_ENTRY.fullmatch(entry)
        if not match or len(match["need"]) > 40 or not 0 < int(match["count"]) < 1000:
            raise ValidationError(
                _("Write each need with its number of people, e.g. “halal 1”: %(entry)s")
                % {"entry": entry}
            )
        pairs.append((match["need"], int(match["count"])))
    if len(pairs) > MAX_DIETARY:
        raise ValidationError(_("At most %(count)d dietary needs.") % {"count": MAX_DIETARY})
    return pairs


def format_dietary(pairs: Sequence[Sequence]) -> str:
    """The stored counts as the form shows them: one need a line."""
    return "\n".join(f"{need} {count}" for need, count in pairs)


def _visited_draft(trip: Trip, unit: HostUnit) -> tuple[NoticeDraft, list[NoticeDraft]]:
    """The unit's draft on the approved plan, and every draft; refused when not visited."""
    drafts = prepare(trip)
    mine = next((d for d in drafts if d.visited and d.host_unit.pk == unit.pk), None)
    if mine is None:
        raise ValidationError(
            _("%(unit)s is not on the approved plan: it receives no notice.") % {"unit": unit.name}
        )
    return mine, drafts


def set_requirements(
    trip: Trip,
    unit: HostUnit,
    text: str,
    by,
    *,
    purpose: str | None = None,
    dietary: Sequence[tuple[str, int]] | None = None,
    reference: str | None = None,
) -> UnitRequirements:
    """Keep what one unit is asked to prepare (and, when given, the purpose written for it,
    the dietary counts and the reference number); its next notice (or an update) tells it."""
    if not trip.can_edit(by):
        raise PermissionDenied
    _visited_draft(trip, unit)
    values: dict[str, Any] = {"text": text.strip()}
    if purpose is not None:
        values["purpose"] = purpose.strip()
    if dietary is not None:
        values["dietary"] = [[need, count] for need, count in dietary]
    if reference is not None:
        values["reference"] = reference.strip()
    requirements, _created = UnitRequirements.objects.update_or_create(
        trip=trip, host_unit=unit, defaults=values
    )
    return requirements


def set_notice_text(trip: Trip, unit: HostUnit, text: str, by) -> UnitRequirements:
    """Keep the secretary's edit of the unit's next notice; an empty text (or the generated
    one) goes back to the generated text. The edit is still only this unit's part: a text
    naming another unit of the plan, or one of its items, is refused."""
    if not trip.can_edit(by):
        raise PermissionDenied
    mine, drafts = _visited_draft(trip, unit)
    if not mine.is_pending:
        raise ValidationError(_("%(unit)s has nothing new to be told.") % {"unit": unit.name})
    text = text.strip().replace("\r\n", "\n")
    if text == mine.generated_text.strip():
        text = ""
    others = {
        name
        for draft in drafts
        if draft.host_unit.pk != unit.pk
        for name in (draft.host_unit.name, *(i["title"] for i in draft.content.get("items", [])))
    } - set(_own_words(mine))
    leaked = sorted(word for word in others if word and word in text)
    if leaked:
        raise ValidationError(
            _("This notice goes to %(unit)s alone; it must not name %(others)s.")
            % {"unit": unit.name, "others": ", ".join(leaked)}
        )
    requirements, _created = UnitRequirements.objects.update_or_create(
        trip=trip,
        host_unit=unit,
        defaults={"notice_text": text, "notice_text_for": mine.content if text else {}},
    )
    return requirements


def _own_words(draft: NoticeDraft) -> list[str]:
    """The unit's own name and item titles (another unit may share an item's title)."""
    return [draft.host_unit.name, *(i["title"] for i in draft.content.get("items", []))]
