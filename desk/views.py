"""Home pages: the dashboard and the user's profile; the service worker for the phone."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts import emails
from accounts.profiles import profile_form
from accounts.roles import (
    OFFICE_ROLES,
    ROLE_LABELS,
    is_office_user,
    office_required,
    office_roles,
)
from desk import offline, panels
from logistics import checklists
from trips import calendar


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """What waits for me, my upcoming trips, my drafts, my follow-up items (desk.panels);
    someone who only answers for a department lands on the department's items."""
    if not is_office_user(request.user):
        return redirect(panels.landing(request.user))
    return render(request, "desk/dashboard.html", panels.dashboard(request.user, timezone.now()))


@office_required
@require_http_methods(["GET", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
    """The user's own account: name and title, roles, e-mail, test e-mail, calendar address."""
    form = profile_form(request.user, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your profile is saved."))
        return redirect("desk:profile")
    roles = [ROLE_LABELS[name] for name in OFFICE_ROLES if name in office_roles(request.user)]
    context = {"roles": roles, "form": form, **calendar.card(request, request.user)}
    return render(request, "desk/profile.html", context)


@office_required
@require_POST
def send_test_email(request: HttpRequest) -> HttpResponse:
    """Queue a test e-mail to the user's own address, through the outbox."""
    if not request.user.email:
        messages.error(request, _("Your account has no e-mail address."))
        return redirect("desk:profile")
    emails.send_test_email(request.user)
    messages.success(
        request, _("A test e-mail to %(email)s is on its way.") % {"email": request.user.email}
    )
    return redirect("desk:profile")


@office_required
@require_GET
def my_checklist(request: HttpRequest) -> HttpResponse:
    """My items on every trip that has not ended, to tick on the phone."""
    today = timezone.localdate()
    items = list(checklists.items_owned_by(request.user, today))
    return render(request, "desk/checklist_mine.html", {"items": items, "today": today})


@require_GET
def favicon(request: HttpRequest) -> HttpResponse:
    """/favicon.ico, asked for by browsers where a page names no icon (a PDF, a download)."""
    return redirect(static("img/favicon.svg"), permanent=True)


@require_GET
def service_worker(request: HttpRequest) -> HttpResponse:
    """The service worker (desk.offline) at the top of the site, so that its scope is all of
    it. The same for everyone (nothing of a user in it), so no login is needed to update it;
    never taken from the HTTP cache, so a new shell reaches the phone at its next visit."""
    context = {"config": offline.worker_config()}
    response = render(
        request, "desk/service_worker.js", context, content_type="text/javascript; charset=utf-8"
    )
    response["Service-Worker-Allowed"] = "/"
    response["Cache-Control"] = "no-cache"
    return response
