"""The post-trip report (出行情况报告): a draft assembled from the trip, edited in Markdown,
marked final (frozen with its follow-up table as it stood), revised as a new revision.

The body is Markdown the secretary edits; it is shown only through render_markdown(), which
escapes any HTML typed in it and keeps an allow-list of tags. The follow-up table is not
part of the body: a draft shows the trip's items live, a final revision the rows frozen in
ReportRevision.table (followup_rows(), plain values).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

import markdown
import nh3
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, OuterRef, QuerySet, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from accounts import words
from accounts.dates import long_date
from accounts.forms import one_line
from followups.models import FollowUp, Note, Report, ReportRevision
from trips.models import Trip

# What a rendered report may hold: headings, paragraphs, lists, emphasis, quotes.
ALLOWED_TAGS = {"h2", "h3", "h4", "p", "ul", "ol", "li", "strong", "em", "br", "blockquote"}

# The notes each section of the draft is made of.
SEEN_AND_HEARD = (Note.Kind.SEEN, Note.Kind.HEARD, Note.Kind.SAID, Note.Kind.REMARK)
FINDINGS = (Note.Kind.PROBLEM, Note.Kind.CONTRADICTION)
DECISIONS = (Note.Kind.DECISION, Note.Kind.PROMISE)


# --- rendering -------------------------------------------------------------------------


def _markdown() -> markdown.Markdown:
    """Markdown that treats typed HTML as text: it comes out escaped, never as markup."""
    md = markdown.Markdown(extensions=["sane_lists", "nl2br"], output_format="html")
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    return md


# A report's headings start at h2 (the page's title is the h1): "# x" is a section too.
_HEADING_SHIFT = (("h1>", "h2>"), ("h5>", "h4>"), ("h6>", "h4>"))


def render_markdown(text: str) -> SafeString:
    """The Markdown as HTML safe to show: typed HTML escaped, then only ALLOWED_TAGS kept
    (nh3), without attributes; links and images keep their text only."""
    html = _markdown().convert(text or "")
    for before, after in _HEADING_SHIFT:
        html = html.replace(f"<{before}", f"<{after}").replace(f"</{before}", f"</{after}")
    return mark_safe(nh3.clean(html, tags=ALLOWED_TAGS, attributes={}))


# --- the follow-up table ---------------------------------------------------------------


def with_numbers(items: QuerySet[FollowUp]) -> QuerySet[FollowUp]:
    """Each item with `number`, its No. on its trip: its place among the trip's items in
    the order they were made (stable while due dates and statuses change)."""
    earlier = (
        FollowUp.objects.filter(trip=OuterRef("trip"), pk__lte=OuterRef("pk"))
        .order_by()
        .values("trip")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return items.annotate(number=Subquery(earlier))


def followup_rows(trip: Trip) -> list[dict]:
    """The trip's follow-up table as plain values (what ReportRevision.table freezes), by
    No.: two queries whatever the number of items."""
    found = trip.followups.select_related("department").prefetch_related("co_owners")
    return [
        {
            "number": number,
            "pk": item.pk,
            "title": item.title,
            "department": item.department.name,
            "co_owners": [other.name for other in item.co_owners.all()],
            "due_date": item.due_date.isoformat(),
            "status": item.status,
            "answer": item.answer,
            "reason": item.reason,
        }
        for number, item in enumerate(found.order_by("pk"), start=1)
    ]


@dataclass(frozen=True)
class Row:
    """One row of the follow-up table, live or frozen, as pages and documents show it."""

    number: int
    pk: int | None
    title: str
    department: str
    co_owners: tuple[str, ...]
    due_date: date | None
    status: str
    answer: str
    reason: str

    @classmethod
    def of(cls, row: dict) -> Row:
        due = row.get("due_date")
        return cls(
            number=row.get("number", 0),
            pk=row.get("pk"),
            title=row.get("title", ""),
            department=row.get("department", ""),
            co_owners=tuple(row.get("co_owners", ())),
            due_date=date.fromisoformat(due) if due else None,
            status=row.get("status", ""),
            answer=row.get("answer", ""),
            reason=row.get("reason", ""),
        )

    @property
    def status_label(self) -> str:
        return str(dict(FollowUp.Status.choices).get(self.status, self.status))

    @property
    def owners(self) -> str:
        """The owner department, and the co-owners after it."""
        if not self.co_owners:
            return self.department
        return _("%(department)s (with %(others)s)") % {
            "department": self.department,
            "others": ", ".join(self.co_owners),
        }

    @property
    def is_done(self) -> bool:
        return self.status == FollowUp.Status.DONE

    @property
    def cannot_be_done(self) -> bool:
        return self.status == FollowUp.Status.CANNOT

    @property
    def outcome(self) -> str:
        """The answer given, or why it cannot be done."""
        if self.cannot_be_done:
            return self.reason
        return self.answer

    @property
    def url(self) -> str:
        return reverse("followups:item", args=[self.pk]) if self.pk else ""


def rows(table: list[dict]) -> list[Row]:
    return [Row.of(row) for row in table]


# --- what a page or a document shows ---------------------------------------------------


@dataclass(frozen=True)
class Edition:
    """A report as shown: the draft with its live table, or a final revision, frozen."""

    trip: Trip
    title: str
    body: str
    rows: list[Row]
    number: int
    final_at: datetime | None
    final_by: object | None

    @property
    def is_final(self) -> bool:
        return self.final_at is not None

    @property
    def dates(self) -> str:
        return trip_dates(self.trip)


def edition(report: Report | ReportRevision) -> Edition:
    """The report (its current revision: frozen when final) or an earlier final revision."""
    if isinstance(report, Report) and report.is_final:
        revision = (
            report.revisions.select_related("final_by__profile")
            .filter(number=report.revision)
            .first()
        )
        if revision is not None:
            revision.report = report
            return edition(revision)
    if isinstance(report, ReportRevision):
        return Edition(
            trip=report.report.trip,
            title=report.title,
            body=report.body,
            rows=rows(report.table),
            number=report.number,
            final_at=report.final_at,
            final_by=report.final_by,
        )
    return Edition(
        trip=report.trip,
        title=report.title,
        body=report.body,
        rows=rows(followup_rows(report.trip)),
        number=report.revision,
        final_at=report.final_at,
        final_by=report.final_by,
    )


def trip_dates(trip: Trip) -> str:
    """The trip's days in the long date format: one day, or the first to the last
    (joined by an en dash, as the trip pages write them)."""
    if trip.end_date == trip.start_date:
        return long_date(trip.start_date)
    return f"{long_date(trip.start_date)} \u2013 {long_date(trip.end_date)}"


# --- the draft ---------------------------------------------------------------------------

# Markdown would read these at the start of a line as a heading, a quote or a list.
_BLOCK_START = re.compile(r"^(#|>|[-+*]\s|\d+[.)])")


def _md(text: str) -> str:
    """A note's text on one line of Markdown, its own emphasis marks kept as typed."""
    text = " ".join((text or "").split())
    text = re.sub(r"([\\`*_\[\]])", r"\\\1", text)
    return "\\" + text if _BLOCK_START.match(text) else text


def _section(heading: str, lines: list[str]) -> str:
    return f"## {heading}\n\n" + ("\n".join(lines) if lines else _("None recorded."))


def _visit_heading(item) -> str:
    if item is None:
        return _("The trip as a whole")
    if item.host_unit_id and item.host_unit.name != item.title:
        return _md(item.title) + words.aside(_md(item.host_unit.name))
    return _md(item.title)


def _units_visited(trip: Trip, visits: list) -> list[str]:
    """Each host unit once, in the order first visited, with the days of its visits."""
    days: dict[int, list[str]] = {}
    units = {}
    for visit in visits:
        if visit.host_unit_id is None:
            continue
        units.setdefault(visit.host_unit_id, visit.host_unit)
        day = long_date(trip.local(visit.start).date(), year=False)
        if day not in days.setdefault(visit.host_unit_id, []):
            days[visit.host_unit_id].append(day)
    return [
        f"- {_md(unit.name)}{words.aside(words.entries(days[pk]))}" for pk, unit in units.items()
    ]


def _note_line(note: Note, *, visit: bool = False) -> str:
    text = _md(note.text)
    if note.kind == Note.Kind.REMARK and not note.speaker:
        text = _("The leader: %(text)s") % {"text": text}
    elif note.speaker:
        text = words.labelled(_md(note.speaker), text)
    if note.kind in (Note.Kind.CONTRADICTION, Note.Kind.PROMISE):
        text = words.labelled(note.get_kind_display(), text)
    if visit and note.item_id:
        text = text + words.aside(_md(note.item.title))
    return f"- {text}"


def _seen_and_heard(visits: list, notes: list[Note]) -> list[str]:
    """Bullets under a heading per visit, in time order; notes on no visit last."""
    order = {visit.pk: i for i, visit in enumerate(visits)}
    chosen = [note for note in notes if note.kind in SEEN_AND_HEARD]
    chosen.sort(key=lambda note: order.get(note.item_id, len(order)))
    lines: list[str] = []
    current = object()
    for note in chosen:
        if note.item_id != current:
            current = note.item_id
            lines += [*([""] if lines else []), f"### {_visit_heading(note.item)}", ""]
        lines.append(_note_line(note))
    return lines


def assemble(trip: Trip) -> tuple[str, str]:
    """The first draft's title and Markdown body: purpose, units visited, what was seen and
    heard by visit, the main findings, the decisions and promises (three queries)."""
    visits = list(trip.items.select_related("host_unit").order_by("start", "end", "pk"))
    notes = list(trip.trip_notes.select_related("item__host_unit").order_by("created_at", "pk"))
    purpose = (trip.purpose or trip.intention).strip()
    body = [
        _section(_("Purpose"), [purpose] if purpose else []),
        _section(_("Units visited"), _units_visited(trip, visits)),
        _section(_("What was seen and heard"), _seen_and_heard(visits, notes)),
        _section(
            _("Main findings"),
            [_note_line(note, visit=True) for note in notes if note.kind in FINDINGS],
        ),
        _section(
            _("Decisions and promises"),
            [_note_line(note, visit=True) for note in notes if note.kind in DECISIONS],
        ),
    ]
    title = _("Report on the trip: %(title)s") % {"title": trip.title}
    max_length = Report._meta.get_field("title").max_length
    return title[:max_length], "\n\n".join(body) + "\n"


# --- the report's life: draft, final, next revision --------------------------------------


def existing(trip: Trip) -> Report | None:
    """The trip's report, if one was started; with `trip` set."""
    report = Report.objects.select_related("final_by__profile").filter(trip=trip).first()
    if report is not None:
        report.trip = trip
    return report


def get_or_start(trip: Trip, user) -> Report:
    """The trip's report; the first time, a draft assembled from the trip and its notes."""
    report = existing(trip)
    if report is not None:
        return report
    title, body = assemble(trip)
    report, _created = Report.objects.get_or_create(
        trip=trip, defaults={"title": title, "body": body, "updated_by": user}
    )
    report.trip = trip
    return report


def _check_may_edit(trip: Trip, by) -> None:
    """ValidationError once the trip is the record (closed or cancelled); PermissionDenied
    for anyone but its secretaries (followups.access: the rule for refusals)."""
    if trip.is_read_only:
        raise ValidationError(_("The trip is closed or cancelled: its report stays as it is."))
    if not trip.can_edit(by):
        raise PermissionDenied(_("Only the trip's secretaries change its report."))


def _locked(report: Report, by) -> Report:
    """The report's row locked, its current state copied onto `report`; edit rights checked."""
    _check_may_edit(report.trip, by)
    current = Report.objects.select_for_update().get(pk=report.pk)
    for name in ("title", "body", "revision", "final_at", "final_by_id"):
        setattr(report, name, getattr(current, name))
    return report


@transaction.atomic
def save_draft(report: Report, by, title: str, body: str) -> Report:
    """Save the draft's title and body; a final report is not changed (start a revision)."""
    report = _locked(report, by)
    if report.is_final:
        raise ValidationError(
            _("The report is final: start a new revision to change it."), code="final"
        )
    title = one_line(title or "")
    if not title:
        raise ValidationError({"title": _("Give the report a title.")})
    report.title, report.body, report.updated_by = title, body or "", by
    report.save(update_fields=["title", "body", "updated_by", "updated_at"])
    return report


@transaction.atomic
def mark_final(report: Report, by) -> ReportRevision:
    """Freeze the draft as revision N, with the follow-up table as it stands now."""
    report = _locked(report, by)
    if report.is_final:
        raise ValidationError(_("The report is final already."), code="final")
    now = timezone.now()
    revision = ReportRevision.objects.create(
        report=report,
        number=report.revision,
        title=report.title,
        body=report.body,
        table=followup_rows(report.trip),
        final_at=now,
        final_by=by,
    )
    report.final_at, report.final_by, report.updated_by = now, by, by
    report.save(update_fields=["final_at", "final_by", "updated_by", "updated_at"])
    return revision


@transaction.atomic
def start_revision(report: Report, by) -> Report:
    """Make revision N+1 a draft, starting from the final text; revision N stays frozen."""
    report = _locked(report, by)
    if not report.is_final:
        raise ValidationError(_("The report is a draft: edit it as it is."), code="draft")
    report.revision += 1
    report.final_at, report.final_by, report.updated_by = None, None, by
    report.save(update_fields=["revision", "final_at", "final_by", "updated_by", "updated_at"])
    return report
