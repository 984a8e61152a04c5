"""The 督办统计 printed (one A4 landscape page): each owner department's figures for the
period, worst first, with the totals, as the page followups:stats shows them.

Not a trip's document: it counts the items of every trip the reader is a secretary or a
leader on (followups.access.stats_items_for), with the page's filters. When an internal
trip's items are among them, the copy carries the reader's name and the time, as an
internal trip's documents do. Kept in the PDF cache by what it shows (printing.cache).
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils import timezone, translation
from django.utils.http import content_disposition_header
from django.utils.translation import pgettext_lazy
from django.views.decorators.http import require_GET

from accounts import dates, people
from accounts.roles import office_required
from followups import access, stats
from followups.forms.stats import StatsFilterForm
from printing import cache, documents
from printing.render import render
from trips.models import Trip

NAME = "duban-stats"
LABEL = pgettext_lazy("printed document", "Follow-up statistics")
TEMPLATE = "printing/duban_stats.html"
# From this many departments the table is set smaller (stats.css: table.stats.dense).
DENSE_FROM = 14


def _row(row: stats.DepartmentFigures) -> dict[str, Any]:
    rate = row.on_time_percent
    return {
        "department": row.department,
        "assigned": row.assigned,
        "on_time": row.on_time,
        "late": row.late,
        "overdue_now": row.overdue_now,
        "extended": row.extended,
        "returned": row.returned,
        "cannot": row.cannot,
        "on_time_rate": "—" if rate is None else f"{rate}%",
        "average_days": "—" if row.average_days is None else f"{row.average_days:.1f}",
    }


def stats_data(figures: stats.Statistics, language: str, *, internal: bool) -> dict[str, Any]:
    """What the printed copy shows, words in the language: plain JSON (the cache key)."""
    with translation.override(language):
        period = stats.period_in_words(figures, language)
        return {
            "document_name": str(LABEL),
            # The running header's second part (printing/base.html): the period.
            "trip": {"title": period, "internal": internal},
            "period": period,
            "printed_on": dates.long_date(timezone.localdate(), language),
            "rows": [_row(row) for row in figures.departments],
            # Many departments: smaller type, so that the table stays on its one page.
            "dense": len(figures.departments) > DENSE_FROM,
            "total": _row(figures.total),
        }


def filename(figures: stats.Statistics, language: str) -> str:
    """ "督办统计 2026-01-01_2026-12-31.pdf"."""
    with translation.override(language):
        return f"{LABEL} {stats.period_for_filename(figures)}.pdf"


@office_required
@require_GET
def duban_stats(request: HttpRequest) -> HttpResponse:
    """The 督办统计 as PDF with the page's filters, in the language asked for (?lang=) or
    the page's; 404 for anyone who is a secretary or a leader on no trip."""
    today = timezone.localdate()
    items = access.stats_items_for(request.user)
    form = StatsFilterForm(request.GET or None, user=request.user, today=today)
    figures = stats.statistics(items, today, **form.filters())
    internal = figures.items.filter(trip__visibility=Trip.Visibility.CONFIDENTIAL).exists()
    # The language rules of every printed document: ?lang=, else the page's.
    language = documents.language_for(request.GET.get("lang"))
    data = stats_data(figures, language, internal=internal)
    reader = request.user if internal else None
    who = [reader.pk, people.display_name(reader, language)] if reader else None
    pdf = cache.get_or_render(
        cache.key(NAME, language, data, reader=who),
        lambda: render(TEMPLATE, data, language=language, reader=reader),
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(False, filename(figures, language))
    response["Cache-Control"] = "private, no-store" if internal else "private"
    return response
