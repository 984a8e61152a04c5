"""Contacts from a CSV file: read it, check every row with the contact form, then import.

ContactImportForm is the upload: it lives here, beside what it runs, because the rows are
checked with directory.forms.ContactForm (this module imports the forms, never the reverse).

Nothing is saved until every row is clean. Between the preview and the confirmation the
file's text travels in a signed hidden field, and is checked again on confirmation
(the directory may have changed in between).
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from django import forms
from django.core import signing
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from directory.forms import ContactForm
from directory.models import CONTACT_FIELDS, Contact, HostUnit

if TYPE_CHECKING:
    from django.core.files.uploadedfile import UploadedFile

MAX_BYTES = 1_000_000
MAX_ROWS = 2000
TOKEN_MAX_AGE = 3600  # seconds between the preview and the confirmation
FIELDS = CONTACT_FIELDS
# Accepted column names (after lower-casing and turning spaces and dashes into "_").
HEADERS = {
    **{name: name for name in FIELDS},
    "host": "host_unit",
    "organisation": "host_unit",
    "e_mail": "email",
    "notices": "receives_notices",
    "姓名": "name",
    "职务": "title",
    "单位": "host_unit",
    "接待单位": "host_unit",
    "部门": "department",
    "电话": "phone",
    "手机": "phone",
    "邮箱": "email",
    "电子邮箱": "email",
    "接收通知": "receives_notices",
    "备注": "notes",
}
YES = {"1", "y", "yes", "true", "x", "on", "是", "√", "✓", "✔"}
NO = {"", "0", "n", "no", "false", "off", "否", "不"}
LABELS = {
    "name": gettext_lazy("Name"),
    "title": pgettext_lazy("person", "Title"),
    "host_unit": gettext_lazy("Host unit"),
    "department": gettext_lazy("Department"),
    "phone": gettext_lazy("Phone"),
    "email": gettext_lazy("E-mail"),
    "receives_notices": gettext_lazy("Receives notices"),
    "notes": gettext_lazy("Notes"),
}


class FileRejected(ValueError):
    """The file as a whole cannot be read; the message says why, in plain words."""


@dataclass
class Cell:
    field: str
    label: str
    value: str
    errors: list[str]


@dataclass
class Row:
    """One line of the file, checked by the contact form."""

    number: int  # as a spreadsheet numbers it: the header is row 1
    values: dict[str, str]
    form: ContactForm
    columns: list[str]
    errors: dict[str, list[str]] = field(default_factory=dict)

    @property
    def is_update(self) -> bool:
        return self.form.instance.pk is not None

    @property
    def cells(self) -> list[Cell]:
        return [
            Cell(f, str(LABELS[f]), self.values.get(f, ""), self.errors.get(f, []))
            for f in self.columns
        ]

    @property
    def other_errors(self) -> list[str]:
        """Errors that belong to no column of the file (a column the file lacks)."""
        return [m for f, msgs in self.errors.items() if f not in self.columns for m in msgs]


@dataclass
class Preview:
    """Every row of the file with its errors; importable only when no row has any.

    The totals are computed once: the template asks for them on every row.
    """

    text: str
    columns: list[str]
    ignored: list[str]
    rows: list[Row]

    @cached_property
    def headers(self) -> list[str]:
        return [str(LABELS[c]) for c in self.columns]

    @cached_property
    def is_clean(self) -> bool:
        return bool(self.rows) and not any(row.errors for row in self.rows)

    @cached_property
    def has_other_errors(self) -> bool:
        return any(row.other_errors for row in self.rows)

    @cached_property
    def error_rows(self) -> int:
        return sum(1 for row in self.rows if row.errors)

    @cached_property
    def updates(self) -> int:
        return sum(1 for row in self.rows if row.is_update)

    @cached_property
    def new(self) -> int:
        return len(self.rows) - self.updates


def read_upload(upload: UploadedFile) -> str:
    """The text of an uploaded file: size checked, UTF-8 (BOM or not) or else GB18030."""
    if upload.size > MAX_BYTES:
        raise FileRejected(_("The file is larger than 1 MB. Split it into smaller files."))
    data = upload.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise FileRejected(_("The file is larger than 1 MB. Split it into smaller files."))
    return decode(data)


def decode(data: bytes) -> str:
    """UTF-8 first; Excel in a Chinese office saves GB18030 (a superset of GBK)."""
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" not in text:
            return text
    raise FileRejected(_("This is not a CSV text file. Save it as “CSV UTF-8” and try again."))


def sign(text: str, user) -> str:
    """The file's text, signed for this user, to carry from the preview to the confirmation."""
    return signing.dumps(text, salt=f"contact-import:{user.pk}", compress=True)


def unsign(token: str, user) -> str:
    """The text signed by sign(); FileRejected when tampered with or too old."""
    try:
        return signing.loads(token, salt=f"contact-import:{user.pk}", max_age=TOKEN_MAX_AGE)
    except signing.BadSignature as error:
        raise FileRejected(_("The preview has expired. Upload the file again.")) from error


def parse(text: str) -> tuple[list[str], list[str], list[tuple[int, dict[str, str]]]]:
    """Columns (field names), ignored headers, and the non-empty rows with their numbers."""
    try:
        records = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    except csv.Error as error:
        message = _("The file cannot be read as CSV: %(error)s") % {"error": error}
        raise FileRejected(message) from error
    if not records:
        raise FileRejected(_("The file is empty."))
    columns: dict[int, str] = {}
    ignored: list[str] = []
    for index, header in enumerate(records[0]):
        name = HEADERS.get(re.sub(r"[\s\-]+", "_", header.strip().lower()))
        if name is None:
            if header.strip():
                ignored.append(header.strip())
        elif name in columns.values():
            raise FileRejected(_("Two columns are both “%(name)s”.") % {"name": LABELS[name]})
        else:
            columns[index] = name
    if "name" not in columns.values():
        raise FileRejected(
            _("The first row must name the columns, and one of them must be name (or 姓名).")
        )
    rows = []
    for number, record in enumerate(records[1:], start=2):
        values = {name: record[i].strip() if i < len(record) else "" for i, name in columns.items()}
        if any(values.values()):
            rows.append((number, values))
    if not rows:
        raise FileRejected(_("The file has a header row but no contacts."))
    if len(rows) > MAX_ROWS:
        raise FileRejected(
            _("The file has %(count)s rows; at most %(max)s at a time. Split it into parts.")
            % {"count": len(rows), "max": MAX_ROWS}
        )
    return list(columns.values()), ignored, rows


def preview(text: str) -> Preview:
    """Every row checked by the contact form, matched to an existing contact when there is one."""
    columns, ignored, parsed = parse(text)
    units = {unit.name.casefold(): unit for unit in HostUnit.objects.only("pk", "name")}
    names = {values["name"] for _number, values in parsed}
    existing: dict[tuple[str, str, str], Contact] = {}
    found = Contact.objects.filter(name__in=names).select_related("host_unit").order_by("pk")
    for contact in found:
        key = _key(contact.name, contact.organisation, bool(contact.host_unit_id))
        existing.setdefault(key, contact)  # a duplicate already in the directory: the oldest
    seen: dict[tuple[str, str, str], int] = {}
    rows = []
    for number, values in parsed:
        unit = " ".join(values.get("host_unit", "").split())
        key = _key(values["name"], unit or values.get("department", ""), bool(unit))
        row = _check(number, values, columns, existing.get(key), units)
        if key in seen and values["name"]:
            row.errors.setdefault("name", []).append(
                _("The same contact as on row %(row)s.") % {"row": seen[key]}
            )
        seen.setdefault(key, number)
        rows.append(row)
    return Preview(text=text, columns=columns, ignored=ignored, rows=rows)


def _key(name: str, organisation: str, at_host_unit: bool) -> tuple[str, str, str]:
    """Who a row is: the same name at the same host unit (or department, for office staff)."""
    return (name.casefold(), "unit" if at_host_unit else "department", organisation.casefold())


def _check(
    number: int,
    values: dict[str, str],
    columns: list[str],
    contact: Contact | None,
    units: dict[str, HostUnit],
) -> Row:
    """Run the contact form on the row; columns the file lacks keep the contact's values."""
    data = _current(contact) if contact else {}
    data.update(values)
    notices = data.get("receives_notices", "").strip().lower()
    data["receives_notices"] = "on" if notices in YES else ""
    form = ContactForm(data, instance=contact, host_units=units)
    errors = {} if form.is_valid() else {f: list(msgs) for f, msgs in form.errors.items()}
    if notices not in YES | NO:
        errors.setdefault("receives_notices", []).append(_("Write yes or no."))
    return Row(number=number, values=values, form=form, columns=columns, errors=errors)


def _current(contact: Contact) -> dict[str, str]:
    """A contact's values as the form would receive them."""
    data = {name: str(getattr(contact, name)) for name in FIELDS}
    data["host_unit"] = contact.host_unit.name if contact.host_unit_id else ""
    data["receives_notices"] = "yes" if contact.receives_notices else "no"
    return data


@transaction.atomic
def import_contacts(checked: Preview) -> tuple[int, int]:
    """Save every row of a clean preview, all or nothing; (new, updated)."""
    if not checked.is_clean:
        raise ValueError("Only a clean preview can be imported.")
    counts = checked.new, checked.updates  # before saving turns every row into an update
    for row in checked.rows:
        row.form.save()
    return counts


class ContactImportForm(forms.Form):
    """Step 1 uploads a CSV file; step 2 posts back the signed content to confirm it."""

    file = forms.FileField(
        label=gettext_lazy("CSV file"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
        help_text=gettext_lazy("UTF-8 or GB18030, first row naming the columns, at most 1 MB."),
    )
    token = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean(self) -> dict:
        cleaned = super().clean()
        try:
            if cleaned.get("token"):
                text = unsign(cleaned["token"], self.user)
            elif cleaned.get("file"):
                text = read_upload(cleaned["file"])
            else:
                raise FileRejected(_("Choose a CSV file."))
            cleaned["preview"] = preview(text)
        except FileRejected as rejected:
            self.add_error("file", str(rejected))
        cleaned["confirmed"] = bool(cleaned.get("token"))
        return cleaned
