"""The owner department's pages: its items for its members (with an account), and its
signed link (no account, the department's language); the office sending it the link."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts import links as account_links
from accounts import throttle
from accounts.submissions import once
from followups import access, departments, evidence, items, links, workflow
from followups.forms.department import LinkExtensionRequestForm, LinkUpdateForm
from followups.models import DepartmentLink, Evidence
from followups.views.evidence import file_response
from followups.views.items import department_step
from followups.views.review import apply_step, ask_for_time

# With an account: a member of the department


@login_required
@require_GET
def my_department_items(request: HttpRequest) -> HttpResponse:
    """The items of the departments the user answers for: open first, overdue marked."""
    mine = access.departments_of(request.user)
    found = departments.listing(access.owned_by(mine), timezone.now())
    context = {"departments": list(mine), "listing": found}
    return render(request, "followups/department_mine.html", context)


@login_required
@require_POST
def send_department_link(request: HttpRequest, pk: int, replace: bool = False) -> HttpResponse:
    """A trip's secretary sends the item's department its one link; `replace` makes a new
    one (for a link gone astray), and the one it had stops working."""
    item = access.item_for(request.user, pk)
    if not access.may_manage(request.user, item):
        raise PermissionDenied
    try:
        sent = once(request, lambda: departments.send_link(item, request.user, replace=replace))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _sent(item.department.name, len(sent), replace))
    return redirect(item)


def _sent(department: str, count: int, replace: bool) -> str:
    """What the secretary is told once the link is sent: which link the department now has."""
    if replace:
        text = ngettext(
            "A new link is sent to %(department)s (one address). The link it had opens "
            "nothing any more.",
            "A new link is sent to %(department)s (%(count)s addresses). The link it had "
            "opens nothing any more.",
            count,
        )
    else:
        text = ngettext(
            "The link is sent to %(department)s (one address). It opens all the department's "
            "items; copies sent earlier keep working.",
            "The link is sent to %(department)s (%(count)s addresses). It opens all the "
            "department's items; copies sent earlier keep working.",
            count,
        )
    return text % {"department": department, "count": count}


# Through the signed link: no account


def _refused(request: HttpRequest, refused: links.LinkRefused) -> HttpResponse:
    """A clear page for a link that opens nothing, with no data of any item."""
    department = refused.department
    language = department.language if department else translation.get_language()
    return account_links.refused_page(request, refused.words, refused.status, language)


def department_link(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Open the signed link (a clear page when refused), then answer in the department's
    language: view(request, link, token, ...)."""

    @wraps(view)
    def wrapped(request: HttpRequest, token: str, *args, **kwargs) -> HttpResponse:
        try:
            link = links.open_link(token)
        except links.LinkRefused as refused:
            return _refused(request, refused)
        language = link.department.language
        with translation.override(language):
            response = view(request, link, token, *args, **kwargs)
        response.headers["Content-Language"] = language
        return response

    return never_cache(wrapped)


def _not_ours(request: HttpRequest, link: DepartmentLink) -> HttpResponse:
    return _refused(request, links.LinkRefused("not_ours", link.department))


@require_GET
@department_link
def department_items(request: HttpRequest, link: DepartmentLink, token: str) -> HttpResponse:
    """The department's items (owner or co-owner): open ones first, then recently finished."""
    found = departments.listing(access.owned_by([link.department]), timezone.now())
    context = {
        "department": link.department,
        "link": link,
        "token": token,
        "listing": found,
    }
    return render(request, "followups/department_items.html", context)


@require_http_methods(["GET", "POST"])
@department_link
def department_item(
    request: HttpRequest, link: DepartmentLink, token: str, pk: int
) -> HttpResponse:
    """One item of the department and its answer: errors beside the fields, nothing lost."""
    item = access.link_item(link.department, pk)
    if item is None:
        return _not_ours(request, link)
    if not item.takes_answers:  # a cancelled trip's item is the record: no form
        status = 403 if request.method == "POST" else 200
        return _item_page(request, link, token, item, None, status)
    part = workflow.part_of(item, link.department)
    form = LinkUpdateForm.for_item(item, request.POST or None, request.FILES or None, part=part)
    status = 200
    if request.method == "POST":
        allowed = departments.allow_link_post(link, throttle.client_ip(request))
        valid = allowed and form.is_valid()
        by_name = form.cleaned_data.get("by_name", "") if valid else ""
        if valid and department_step(item, form, by_name=by_name, part=part):
            messages.success(request, _("Thank you. The office has your update."))
            return redirect("followups:department_item", token, item.pk)
        if not allowed:
            form.is_valid()  # what was typed is shown again, with the reason on top
            form.add_error(None, _("Too many changes in the last hour. Please try again later."))
            status = 429
        form.ask_for_the_file_again()
    return _item_page(request, link, token, item, form, status)


@require_POST
@department_link
def department_item_extension(
    request: HttpRequest, link: DepartmentLink, token: str, pk: int
) -> HttpResponse:
    """Through the link, the owner department asks for more time (延期申请)."""
    item = access.link_item(link.department, pk)
    if item is None or workflow.part_of(item, link.department) is not None:
        return _not_ours(request, link)
    form = LinkExtensionRequestForm(request.POST)
    allowed = departments.allow_link_post(link, throttle.client_ip(request))
    if not allowed:
        form.is_valid()
        form.add_error(None, _("Too many changes in the last hour. Please try again later."))
    elif form.is_valid() and apply_step(
        form, lambda: ask_for_time(item, form, by_name=form.cleaned_data["by_name"])
    ):
        messages.success(request, _("Your request is sent to the office."))
        return redirect("followups:department_item", token, item.pk)
    update_form = LinkUpdateForm.for_item(item, part=None)
    return _item_page(
        request, link, token, item, update_form, 429 if not allowed else 400, extension_form=form
    )


def _item_page(
    request, link, token, item, form, status: int = 200, *, extension_form=None
) -> HttpResponse:
    history = items.history(item)
    part = workflow.part_of(item, link.department)
    may_ask = form is not None and part is None
    if (
        may_ask
        and extension_form is None
        and workflow.may_ask_extension(item, timezone.localdate())
    ):
        extension_form = LinkExtensionRequestForm()
    context = {
        "part": part,
        "parts": list(item.parts.select_related("department")),
        "extensions": list(item.extensions.all()),
        "extension_form": extension_form if may_ask else None,
        "department": link.department,
        "token": token,
        "item": item,
        "trip": item.trip,
        "form": form,
        "evidence": evidence.of_item(item),
        "history": history,
        "last_word": workflow.last_word(item, history),
    }
    return render(request, "followups/department_item.html", context, status=status)


@require_GET
@department_link
def department_evidence(
    request: HttpRequest, link: DepartmentLink, token: str, pk: int, evidence_pk: int
) -> FileResponse:
    """Evidence of one of the department's items, as a download."""
    item = access.link_item(link.department, pk)
    if item is None:
        raise Http404
    return file_response(get_object_or_404(Evidence, followup=item, pk=evidence_pk))
