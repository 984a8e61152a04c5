"""督办统计: each owner department's figures for a period, on a page and in Excel."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from accounts.roles import office_required
from followups import access, stats, tracker
from followups.forms.stats import StatsFilterForm


def _statistics(request: HttpRequest) -> tuple[StatsFilterForm, stats.Statistics]:
    """The filters asked for and the figures they choose, on the office's today: 404 for
    anyone who is a secretary or leader on no trip."""
    today = timezone.localdate()
    items = access.stats_items_for(request.user)
    form = StatsFilterForm(request.GET or None, user=request.user, today=today)
    return form, stats.statistics(items, today, **form.filters())


@office_required
@require_GET
def stats_page(request: HttpRequest) -> HttpResponse:
    """The figures per department, worst first, with the totals; htmx swaps the table."""
    form, figures = _statistics(request)
    context = {"form": form, "figures": figures, "query_string": request.GET.urlencode()}
    # A history restore after hx-push-url needs the whole page, not the table.
    partial = request.htmx and not request.htmx.history_restore_request
    template = "followups/stats.html#figures" if partial else "followups/stats.html"
    return render(request, template, context)


@never_cache
@office_required
@require_GET
def stats_xlsx(request: HttpRequest) -> HttpResponse:
    """The same figures, and the late and overdue items, as an Excel workbook."""
    _form, figures = _statistics(request)
    content = tracker.statistics_xlsx(figures, timezone.localdate())
    name = _("Follow-up statistics %(period)s") % {"period": stats.period_for_filename(figures)}
    response = HttpResponse(content, content_type=tracker.XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, f"{name}.xlsx")
    return response
