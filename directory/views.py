"""The directory: host units, contacts, departments. Every office user reads; secretaries change."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts import roles
from accounts.submissions import once
from directory import contacts_import
from directory.contacts_import import ContactImportForm
from directory.forms import (
    ContactFilterForm,
    ContactForm,
    DepartmentForm,
    HostUnitFilterForm,
    HostUnitForm,
    ReceptionStandardForm,
)
from directory.models import Contact, Department, HostUnit, ReceptionStandard

PAGE_SIZE = 25


def _page(request: HttpRequest, queryset) -> dict:
    """One page of the list, and the query string that keeps the filters across pages."""
    params = request.GET.copy()
    params.pop("page", None)
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    return {"page_obj": page, "query_string": params.urlencode()}


@roles.office_required
@require_GET
def hostunit_list(request: HttpRequest) -> HttpResponse:
    """Host units with search, kind filter and their number of contacts."""
    filters = HostUnitFilterForm(request.GET)
    units = filters.apply(HostUnit.objects.annotate(contact_count=Count("contacts")))
    context = {
        "filters": filters,
        "is_secretary": roles.is_secretary(request.user),
        **_page(request, units.order_by("name", "pk")),
    }
    template = (
        "directory/hostunit_list.html#results" if request.htmx else "directory/hostunit_list.html"
    )
    return render(request, template, context)


@roles.office_required
@require_GET
def hostunit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A unit and its contacts; its visits come from trips, as a panel loaded by URL."""
    unit = get_object_or_404(HostUnit, pk=pk)
    context = {
        "unit": unit,
        "contacts": unit.contacts.all(),
        "is_secretary": roles.is_secretary(request.user),
    }
    return render(request, "directory/hostunit_detail.html", context)


@roles.secretary_required
@require_http_methods(["GET", "POST"])
def hostunit_create(request: HttpRequest) -> HttpResponse:
    """Add a host unit to the directory."""
    form = HostUnitForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        unit = once(request, form.save)
        messages.success(request, _("Host unit “%(name)s” added.") % {"name": unit.name})
        return redirect(unit)
    return render(request, "directory/hostunit_form.html", {"form": form})


@roles.secretary_required
@require_http_methods(["GET", "POST"])
def hostunit_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Change a host unit's details."""
    unit = get_object_or_404(HostUnit, pk=pk)
    form = HostUnitForm(request.POST or None, instance=unit)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Host unit “%(name)s” saved.") % {"name": unit.name})
        return redirect(unit)
    return render(request, "directory/hostunit_form.html", {"form": form, "unit": unit})


@roles.office_required
@require_GET
def contact_list(request: HttpRequest) -> HttpResponse:
    """Contacts with search and a host unit filter."""
    filters = ContactFilterForm(request.GET)
    contacts = filters.apply(Contact.objects.select_related("host_unit"))
    context = {
        "filters": filters,
        "is_secretary": roles.is_secretary(request.user),
        **_page(request, contacts.order_by("name", "pk")),
    }
    template = (
        "directory/contact_list.html#results" if request.htmx else "directory/contact_list.html"
    )
    return render(request, template, context)


@roles.secretary_required
@require_http_methods(["GET", "POST"])
def contact_create(request: HttpRequest) -> HttpResponse:
    """Add a contact; ?host_unit=<name> starts it at that unit."""
    form = ContactForm(request.POST or None, initial={"host_unit": request.GET.get("host_unit")})
    if request.method == "POST" and form.is_valid():
        contact = once(request, form.save)
        messages.success(request, _("Contact “%(name)s” added.") % {"name": contact.name})
        return redirect(contact.host_unit or "directory:contact_list")
    return render(request, "directory/contact_form.html", {"form": form})


@roles.secretary_required
@require_http_methods(["GET", "POST"])
def contact_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Change a contact."""
    contact = get_object_or_404(Contact.objects.select_related("host_unit"), pk=pk)
    form = ContactForm(request.POST or None, instance=contact)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Contact “%(name)s” saved.") % {"name": contact.name})
        return redirect(contact.host_unit or "directory:contact_list")
    return render(request, "directory/contact_form.html", {"form": form, "contact": contact})


@roles.secretary_required
@require_http_methods(["GET", "POST"])
def contact_import(request: HttpRequest) -> HttpResponse:
    """Upload a CSV file, see every row checked, then confirm; nothing is saved before that."""
    data = request.POST if request.method == "POST" else None
    form = ContactImportForm(data, request.FILES or None, user=request.user)
    if not (request.method == "POST" and form.is_valid()):
        return render(request, "directory/contact_import.html", {"form": form})
    checked = form.cleaned_data["preview"]
    if form.cleaned_data["confirmed"] and checked.is_clean:
        new, updated = contacts_import.import_contacts(checked)
        messages.success(request, _imported_message(new, updated))
        return redirect("directory:contact_list")
    context = {
        "form": ContactImportForm(user=request.user),  # a fresh one to upload a fixed file
        "preview": checked,
        "token": contacts_import.sign(checked.text, request.user) if checked.is_clean else "",
    }
    return render(request, "directory/contact_import.html", context)


@roles.office_required
@require_GET
def department_list(request: HttpRequest) -> HttpResponse:
    """The departments that answer for follow-ups, with their contacts."""
    departments = Department.objects.prefetch_related("contacts").order_by("name", "pk")
    context = {"is_secretary": roles.is_secretary(request.user), **_page(request, departments)}
    return render(request, "directory/department_list.html", context)


@roles.secretary_required
@require_http_methods(["GET", "POST"])
def department_create(request: HttpRequest) -> HttpResponse:
    """Add a department."""
    form = DepartmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        department = once(request, form.save)
        messages.success(request, _("Department “%(name)s” added.") % {"name": department.name})
        return redirect("directory:department_list")
    return render(request, "directory/department_form.html", {"form": form})


@roles.secretary_required
@require_http_methods(["GET", "POST"])
def department_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Change a department's name, language, contacts or notes."""
    department = get_object_or_404(Department, pk=pk)
    form = DepartmentForm(request.POST or None, instance=department)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Department “%(name)s” saved.") % {"name": department.name})
        return redirect("directory:department_list")
    context = {"form": form, "department": department}
    return render(request, "directory/department_form.html", context)


def _imported_message(new: int, updated: int) -> str:
    """The success message after an import."""
    return ngettext(
        "Imported %(count)s contact: %(new)s new, %(updated)s updated.",
        "Imported %(count)s contacts: %(new)s new, %(updated)s updated.",
        new + updated,
    ) % {"count": new + updated, "new": new, "updated": updated}


# The reception standards: the office's table the feasibility checks read (secretaries only)


@roles.secretary_required
@require_GET
def standards(request: HttpRequest) -> HttpResponse:
    """The presets of the standards table, the one in force first."""
    context = {"standards": ReceptionStandard.objects.all()}
    return render(request, "directory/standards.html", context)


@roles.secretary_required
@require_http_methods(["GET", "POST"])
def standard_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Change one preset's values; a refused value shows beside its field, input kept."""
    standard = get_object_or_404(ReceptionStandard, pk=pk)
    form = ReceptionStandardForm(request.POST or None, instance=standard)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The standards “%(name)s” are saved.") % {"name": standard})
        return redirect("directory:standards")
    return render(request, "directory/standard_form.html", {"form": form, "standard": standard})


@roles.secretary_required
@require_POST
def standard_use(request: HttpRequest, pk: int) -> HttpResponse:
    """Put one preset in force: the checks read it from now on."""
    standard = get_object_or_404(ReceptionStandard, pk=pk)
    standard.put_in_force()
    messages.success(request, _("The checks now read “%(name)s”.") % {"name": standard})
    return redirect("directory:standards")
