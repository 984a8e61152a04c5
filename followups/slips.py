# ruff: noqa: RUF002  (the numbers are written with full-width brackets)
"""The office's printed 督办 forms: the 督办通知单 an item is handed over with, and a 催办通知单
for each 催办 round (Urging), one A4 page each.

What a slip says is decided here once, as plain data in the reader's language (a Slip of
labelled lines); printing makes the PDF of it (printing/slips.py, templates/printing/slip.html)
and followups.word the Word file the office stamps. Nothing here renders.

Numbers: the 督办通知单 is 督〔2026〕12号, the item's place among the items handed over in that
year (the office's clock), by the moment its history first shows it leaving 待交办; history
rows are never edited, so an item's number never changes when later items are handed over.
(The app never deletes an item or a trip; one removed in the admin would renumber the
year's later items.)
A 催办通知单 is 催〔2026〕12-2号: its item's number and the round.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from accounts import dates, people, words
from followups.models import FollowUp, FollowUpUpdate, Light, Urging
from outbox.mail import absolute_url
from trips.models import TripMember

S = FollowUp.Status

# A history row whose new status is one of these hands the item over (交办): any state but
# 待交办, and "open", the name of 已交办 in rows written before the 督办 states (0005).
HANDED_OVER = (*(status for status in S.values if status != S.PENDING), "open")


# --- numbers ----------------------------------------------------------------------------


def with_handover(items: QuerySet[FollowUp]) -> QuerySet[FollowUp]:
    """Each item carries `handed_over_at`: the moment its history first shows it handed
    over (交办), None while it waits to be."""
    first = (
        FollowUpUpdate.objects.filter(followup=OuterRef("pk"), changes__status__1__in=HANDED_OVER)
        .order_by("at", "pk")
        .values("at")[:1]
    )
    return items.annotate(handed_over_at=Subquery(first))


def _year_of(moment: datetime) -> tuple[int, datetime, datetime]:
    """The year of a moment on the office's clock, and where that year starts and ends."""
    year = timezone.localtime(moment).year
    start = timezone.make_aware(datetime(year, 1, 1))
    return year, start, timezone.make_aware(datetime(year + 1, 1, 1))


@dataclass(frozen=True)
class Number:
    """督〔year〕sequence号: the item's place among the year's items handed over."""

    year: int
    sequence: int
    handed_over_at: datetime


def duban_number(item: FollowUp) -> Number | None:
    """The item's 督办 number; None while it was never handed over. Two queries."""
    at = with_handover(FollowUp.objects.filter(pk=item.pk)).values_list("handed_over_at", flat=True)
    moment = at.first()
    if moment is None:
        return None
    year, start, end = _year_of(moment)
    # The same moment twice (rows written in one transaction): the older item first.
    before = Q(handed_over_at__lt=moment) | Q(handed_over_at=moment, pk__lte=item.pk)
    sequence = (
        with_handover(FollowUp.objects.all())
        .filter(handed_over_at__gte=start, handed_over_at__lt=end)
        .filter(before)
        .count()
    )
    return Number(year, sequence, moment)


def duban_label(number: Number) -> str:
    """督〔2026〕12号 / "Follow-up notice 12/2026", in the active language."""
    return pgettext("duban slip number", "Follow-up notice %(sequence)s/%(year)s") % {
        "year": number.year,
        "sequence": number.sequence,
    }


def urging_label(number: Number, round_: int) -> str:
    """催〔2026〕12-2号 / "Urging notice 12/2026-2", in the active language."""
    return pgettext("urging slip number", "Urging notice %(sequence)s/%(year)s-%(round)s") % {
        "year": number.year,
        "sequence": number.sequence,
        "round": round_,
    }


# --- the slip --------------------------------------------------------------------------


@dataclass(frozen=True)
class Line:
    """One labelled line of the form (事项来源, 办理要求…), its text in paragraphs."""

    label: str
    paragraphs: list[str]


@dataclass(frozen=True)
class Slip:
    """A printed form, every word in its language: the heading, the number, to whom, the
    opening sentence, the labelled lines, and the 落款 (the office and the date of issue)."""

    title: str
    number: str
    addressee: str
    opening: str
    lines: list[Line] = field(default_factory=list)
    office: str = ""
    issued: str = ""
    language: str = "en"

    def as_data(self) -> dict[str, Any]:
        """The slip as plain JSON (the PDF cache keys by it)."""
        return asdict(self)

    def text(self) -> list[str]:
        """Every line as it reads on paper, label and text together (for tests and checks)."""
        colon = words.colon(self.language)
        rows = [self.title, self.number, self.addressee, self.opening]
        for line in self.lines:
            rows.append(f"{line.label}{colon}{line.paragraphs[0]}")
            rows.extend(line.paragraphs[1:])
        return [*rows, self.office, self.issued]


def _issue_date(day: date, language: str) -> str:
    """The 落款's date, as GB/T 9704 writes it (no weekday): 2026年12月8日 / 8 December 2026."""
    if dates.is_chinese(language):
        return f"{day.year}年{day.month}月{day.day}日"
    return f"{day.day} {dates.EN_MONTHS[day.month - 1]} {day.year}"


def _office(language: str) -> str:
    """The issuing office (the notices' 落款 too)."""
    return settings.OFFICE_NAME if dates.is_chinese(language) else settings.OFFICE_NAME_EN


def _trip_dates(item: FollowUp, language: str) -> str:
    trip = item.trip
    first = dates.long_date(trip.start_date, language)
    if trip.end_date == trip.start_date:
        return first
    return pgettext("from one day to another", "%(first)s to %(last)s") % {
        "first": first,
        "last": dates.long_date(trip.end_date, language),
    }


def _source(item: FollowUp, language: str) -> Line:
    """事项来源: the trip and its dates, the visit, the unit concerned, the note it came from."""
    trip = f"{item.trip.title}{words.comma(language)}{_trip_dates(item, language)}"
    paragraphs = [words.labelled(_("Trip"), trip, language)]
    if item.item is not None:
        paragraphs.append(words.labelled(_("Visit"), item.item.title, language))
    if item.host_unit is not None:
        paragraphs.append(words.labelled(_("Host unit concerned"), item.host_unit.name, language))
    note = item.note
    if note is not None:
        said = note.text.strip()
        if note.speaker:
            said += words.aside(note.speaker, language)
        paragraphs.append(words.labelled(note.get_kind_display(), said, language))
    if item.raised_by_leader:
        paragraphs.append(_("Raised by the leader: the leader reads the answer."))
    return Line(pgettext("follow-up slip", "Source"), paragraphs)


def _owners(item: FollowUp, language: str) -> Line:
    """承办部门: 牵头 the owner department, 配合 the co-owners."""
    lead = words.labelled(pgettext("follow-up slip", "Lead"), item.department.name, language)
    co_owners = [part.department.name for part in _parts(item)]
    paragraphs = [lead]
    if co_owners:
        shared = words.series(co_owners, language)
        paragraphs.append(words.labelled(pgettext("follow-up slip", "Co-owners"), shared, language))
    return Line(pgettext("follow-up slip", "Departments"), paragraphs)


def _parts(item: FollowUp) -> list:
    return list(item.parts.select_related("department").order_by("pk"))


def _due(item: FollowUp, language: str) -> Line:
    """办结时限: the due date; once extended, the new date and the original one."""
    due = dates.long_date(item.due_date, language)
    paragraphs = [due]
    if item.was_extended:
        original = dates.long_date(item.original_due, language)
        paragraphs.append(
            _("Extended; the original due date was %(original)s, and lateness counts from it.")
            % {"original": original}
        )
    return Line(pgettext("follow-up slip", "Due date"), paragraphs)


def _office_contact(item: FollowUp, user) -> Any:
    """The office's secretary to call: the given user when one of the trip's secretaries,
    else the trip's first secretary in protocol order; None when it has none."""
    secretaries = [
        member.user
        for member in item.trip.party()
        if member.user_id and member.role == TripMember.Role.SECRETARY
    ]
    if user is not None and any(s.pk == user.pk for s in secretaries):
        return next(s for s in secretaries if s.pk == user.pk)
    return secretaries[0] if secretaries else None


def _contacts(item: FollowUp, secretary, language: str) -> Line:
    """联系人: the department's contact for the item, the office's secretary, with phones."""
    paragraphs = []
    contact = item.contact
    if contact is not None:
        who = people.with_title(contact.name, contact.title, language)
        if contact.phone:
            who += words.comma(language) + contact.phone
        paragraphs.append(words.labelled(_("At the department"), who, language))
    if secretary is not None:
        who = people.person_label(secretary, language)
        phone = people.profile_of(secretary).phone
        if phone:
            who += words.comma(language) + phone
        paragraphs.append(words.labelled(_("At the office"), who, language))
    return Line(pgettext("follow-up slip", "Contacts"), paragraphs or ["—"])


def _answer_by() -> Line:
    """反馈方式: through the department's link (the secret address is never printed: the office
    e-mails it), or signed in; one answer per item, the lead answering for the whole."""
    url = absolute_url(reverse("followups:my_department_items"))
    return Line(
        pgettext("follow-up slip", "How to answer"),
        [
            _(
                "Through the link to your department's items that the office sends by "
                "e-mail, or signed in to Tripdesk under My department's items (%(url)s)."
            )
            % {"url": url},
            _(
                "The lead department answers for the item, each co-owner for its part, "
                "with the evidence. If more time is needed, ask for an extension, with the "
                "reason, before the due date."
            ),
        ],
    )


def _header(item: FollowUp, language: str) -> str:
    """主送: the owner and the co-owners, with the colon of a salutation."""
    names = [item.department.name, *(part.department.name for part in _parts(item))]
    return f"{words.series(names, language)}{words.colon(language)}".rstrip()


def _paragraphs(text: str) -> list[str]:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines or ["—"]


def _matter(item: FollowUp) -> list[Line]:
    return [
        Line(pgettext("follow-up slip", "Item"), [item.title]),
        Line(pgettext("follow-up slip", "What is to be done"), _paragraphs(item.to_do)),
    ]


def _handed_over_by(item: FollowUp):
    """Who handed the item over: the user of its first handing-over row."""
    row = (
        FollowUpUpdate.objects.filter(followup=item, changes__status__1__in=HANDED_OVER)
        .select_related("by_user__profile")
        .order_by("at", "pk")
        .first()
    )
    return row.by_user if row is not None else None


def duban_slip(item: FollowUp, language: str) -> Slip | None:
    """The 督办通知单 of the item, in the language; None while it was never handed over.
    The item comes from followups.access (its trip with the team, note, unit, contact)."""
    with translation.override(language):
        number = duban_number(item)
        if number is None:
            return None
        secretary = _office_contact(item, _handed_over_by(item))
        return Slip(
            title=pgettext("printed document", "Follow-up notice"),
            number=duban_label(number),
            addressee=_header(item, language),
            opening=_(
                "The item below is handed to your department. Please see to it as required "
                "and answer by the due date."
            ),
            lines=[
                _source(item, language),
                *_matter(item),
                _owners(item, language),
                _due(item, language),
                _contacts(item, secretary, language),
                _answer_by(),
            ],
            office=_office(language),
            issued=_issue_date(timezone.localtime(number.handed_over_at).date(), language),
            language=language,
        )


# --- the 催办通知单 ---------------------------------------------------------------------


def timing(item: FollowUp, day: date, language: str) -> str:
    """Days overdue or days left on the day: lateness counts from the original due date
    (an extension moves only what is left); "due today" on the day."""
    with translation.override(language):
        original, due = item.original_due, item.due_date
        if day > original:
            late = (day - original).days
            text = ngettext(
                "%(days)d day past the original due date",
                "%(days)d days past the original due date",
                late,
            ) % {"days": late}
            if item.was_extended and day <= due:
                left = (due - day).days
                text += words.semicolon(language) + ngettext(
                    "%(days)d day left of the extension",
                    "%(days)d days left of the extension",
                    left,
                ) % {"days": left}
            return text
        if day == due:
            return _("Due today")
        left = (due - day).days
        return ngettext("%(days)d day left", "%(days)d days left", left) % {"days": left}


def _light_on(item: FollowUp, day: date) -> str:
    """The item's light on the day (FollowUpQuerySet.with_light), as its word; empty once
    the item is settled."""
    light = FollowUp.objects.with_light(day).values_list("light", flat=True).get(pk=item.pk)
    return str(Light(light).label) if light else ""


def _round_line(urging: Urging, language: str) -> str:
    when = dates.long_date(timezone.localtime(urging.at).date(), language)
    comma = words.comma(language)
    label = _("Urging no. %(round)s") % {"round": urging.round}
    return f"{label}{comma}{when}{comma}{urging.get_channel_display()}"


def urging_slip(urging: Urging, item: FollowUp, language: str) -> Slip | None:
    """The 催办通知单 of a round of the item, in the language, as things stood on the day of
    the round; None while the item was never handed over (it has no number to refer to).
    The item comes from followups.access, the round is one of its own."""
    with translation.override(language):
        number = duban_number(item)
        if number is None:
            return None
        day = timezone.localtime(urging.at).date()
        rounds = list(item.urgings.filter(round__lte=urging.round).order_by("round"))
        standing = [timing(item, day, language)]
        light = _light_on(item, day)
        if light:
            standing.insert(0, words.labelled(_("Light"), light, language))
        lines = [
            Line(pgettext("follow-up slip", "Follow-up notice"), [duban_label(number)]),
            *_matter(item),
            _owners(item, language),
            _due(item, language),
            Line(pgettext("follow-up slip", "Where it stands"), standing),
            Line(
                pgettext("follow-up slip", "Urged so far"),
                [_round_line(r, language) for r in rounds],
            ),
        ]
        if urging.note:
            lines.append(Line(_("The office adds"), _paragraphs(urging.note)))
        secretary = _office_contact(item, urging.by_user)
        lines += [_contacts(item, secretary, language), _answer_by()]
        return Slip(
            title=pgettext("printed document", "Urging notice"),
            number=urging_label(number, urging.round),
            addressee=_header(item, language),
            opening=_(
                "Urging no. %(round)s: the item below, handed to your department under "
                "%(number)s, has no answer the office has accepted yet. Please see to it at "
                "once and answer."
            )
            % {"round": urging.round, "number": duban_label(number)},
            lines=lines,
            office=_office(language),
            issued=_issue_date(day, language),
            language=language,
        )


def file_name(slip: Slip, item: FollowUp, suffix: str) -> str:
    """ "督办通知单 督〔2026〕12号 修水泵.docx": no character a file system or header minds."""
    name = f"{slip.title} {slip.number} {item.title}"
    return "".join(c for c in name if c.isprintable() and c not in '\\/:*?"<>|')[:120] + suffix
