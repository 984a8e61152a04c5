"""The mail log: every e-mail the application wrote, its delivery state, send again."""

from __future__ import annotations

from csp.decorators import csp
from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_GET, require_POST

from . import mail
from .forms import MessageFilterForm
from .models import Message

PER_PAGE = 50


@login_required
def message_list(request: HttpRequest) -> HttpResponse:
    """The e-mails this user may see, newest first, filtered by status and text."""
    form = MessageFilterForm(request.GET)
    rows = form.filter(Message.objects.visible_to(request.user))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page_obj": Paginator(rows, PER_PAGE).get_page(request.GET.get("page")),
        "query_string": query.urlencode(),
    }
    # A history restore after hx-push-url needs the whole page, not the table.
    partial = request.htmx and not request.htmx.history_restore_request
    template = "outbox/message_list.html#messages" if partial else "outbox/message_list.html"
    return render(request, template, context)


@login_required
@require_GET
def message_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One e-mail: headers, delivery state, both bodies; others' e-mails are 404."""
    visible = Message.objects.visible_to(request.user).select_related(
        "recipient_user", "created_by"
    )
    message = get_object_or_404(visible, pk=pk)
    return render(request, "outbox/message_detail.html", {"message": message})


# An e-mail's HTML in the detail page's sandboxed frame: its own <style> and inline styles
# apply there, and nothing else does (no script, no request out, framed by our pages only).
MAIL_HTML_POLICY = {
    "default-src": ["'none'"],
    "style-src": ["'unsafe-inline'"],
    "img-src": ["data:"],
    "base-uri": ["'none'"],
    "form-action": ["'none'"],
    "frame-ancestors": ["'self'"],
}


@login_required
@require_GET
@xframe_options_sameorigin
@csp(MAIL_HTML_POLICY)
def message_html(request: HttpRequest, pk: int) -> HttpResponse:
    """An e-mail's HTML body alone, as the detail page's frame shows it (its own policy)."""
    message = get_object_or_404(Message.objects.visible_to(request.user), pk=pk)
    if not message.shown_html:
        raise Http404
    response = HttpResponse(message.shown_html, content_type="text/html; charset=utf-8")
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def message_resend(request: HttpRequest, pk: int) -> HttpResponse:
    """Queue a failed e-mail again; htmx gets the updated row, a form post a redirect."""
    message = get_object_or_404(Message.objects.visible_to(request.user), pk=pk)
    resent = mail.resend(message)
    if request.htmx:
        return render(request, "outbox/message_list.html#row", {"message": message})
    if resent:
        flash.success(request, _("The e-mail is queued again."))
    else:
        flash.error(request, _("Only a failed e-mail can be sent again."))
    return redirect(message)
