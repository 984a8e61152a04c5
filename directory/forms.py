"""Directory forms: host units, contacts, departments and the list filters.

ContactForm is the one place where a contact's rules live: the contact pages use it and
the CSV import runs it on every row.
"""

from __future__ import annotations

import re
import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from accounts import words
from accounts.forms import ChooseMixin, OneLineField, one_line_formfield
from accounts.models import Grade
from directory.models import (
    CONTACT_FIELDS,
    ESCORT_FIELDS,
    Contact,
    Department,
    HostUnit,
    ReceptionStandard,
)

# Digits, spaces, "+" in front, dashes and parentheses; then an optional extension
# ("ext. 12", "x12", "#12", "转12", "分机12").
PHONE_RE = re.compile(
    r"^(?P<number>\+?[0-9 ()\-]+?)\s*(?:(?:ext\.?|x|#|转|分机)\s*(?P<extension>[0-9]{1,6}))?$",
    re.IGNORECASE,
)
PHONE_MIN_DIGITS = 5


def validate_phone(value: str) -> None:
    """Refuse anything that does not read as a phone number with at least five digits."""
    match = PHONE_RE.match(value)
    digits = sum(c.isdigit() for c in match["number"]) if match else 0
    if digits < PHONE_MIN_DIGITS:
        raise ValidationError(_("Enter a phone number like +86 10 1234 5678."), code="phone")


class HostUnitField(forms.ModelChoiceField):
    """A host unit given by its name: typed, picked from the suggestions, or a CSV cell."""

    default_error_messages = {
        "invalid_choice": _(
            "Unknown host unit “%(value)s”: pick one from the list or add it to the directory."
        ),
    }
    # name.casefold() -> unit; set by the CSV import so that 2,000 rows cost one query.
    units: dict[str, HostUnit] | None = None

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"list": "host-unit-names", "autocomplete": "off"})
        )
        super().__init__(queryset=HostUnit.objects.all(), to_field_name="name", **kwargs)

    def to_python(self, value: object) -> HostUnit | None:
        name = " ".join(str(value or "").split())
        if not name:
            return None
        unit = self.units.get(name.casefold()) if self.units is not None else self._lookup(name)
        if unit is None:
            raise ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice", params={"value": name}
            )
        return unit

    def _lookup(self, name: str) -> HostUnit | None:
        # Names are unique as written; the exact spelling wins over a case-only match.
        matches = list(self.queryset.filter(name__iexact=name)[:5])
        return next((u for u in matches if u.name == name), matches[0] if matches else None)


class ContactForm(ChooseMixin, forms.ModelForm):
    """A person at a host unit or in one of the office's own departments."""

    host_unit = HostUnitField(
        label=_("Host unit"),
        required=False,
        help_text=_("Type the first letters and pick the unit, or leave empty for office staff."),
    )

    class Meta:
        model = Contact
        formfield_callback = one_line_formfield
        fields = list(CONTACT_FIELDS)
        widgets = {
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {
            "email": {"invalid": _("Enter an e-mail address like name@example.com.")},
        }

    def __init__(self, *args, host_units: dict[str, HostUnit] | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["host_unit"].units = host_units
        if self.instance.host_unit_id:
            # The field shows names, not ids.
            self.initial["host_unit"] = self.instance.host_unit.name

    def _get_validation_exclusions(self) -> set[str]:
        exclude = super()._get_validation_exclusions()
        if self.fields["host_unit"].units is not None:
            # The import has just read the units, and clean() checks contact_has_organisation:
            # skip the model's two checks that would cost two queries a row.
            exclude.add("host_unit")
        return exclude

    def clean_phone(self) -> str:
        # Full-width digits and plus signs from a Chinese keyboard count as ordinary ones.
        phone = " ".join(unicodedata.normalize("NFKC", self.cleaned_data["phone"]).split())
        if phone:
            validate_phone(phone)
        return phone

    def clean(self) -> dict:
        cleaned = super().clean()
        has_own_error = "host_unit" in self.errors or "department" in self.errors
        if not has_own_error and not cleaned.get("host_unit") and not cleaned.get("department"):
            # The constraint contact_has_organisation, said beside the field.
            self.add_error("host_unit", _("Give a host unit or an internal department."))
        return cleaned

    def host_unit_names(self) -> QuerySet:
        """Every unit's name, for the suggestions under the host unit field."""
        return HostUnit.objects.values_list("name", flat=True)


class HostUnitForm(ChooseMixin, forms.ModelForm):
    """An organisation the leader visits."""

    class Meta:
        model = HostUnit
        formfield_callback = one_line_formfield
        fields = ["name", "kind", "level", "region", "address", "language", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 4})}


class DepartmentContactsField(forms.ModelMultipleChoiceField):
    """Any contacts, each shown with the organisation they belong to."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("widget", forms.SelectMultiple(attrs={"size": 8}))
        super().__init__(queryset=Contact.objects.select_related("host_unit"), **kwargs)

    def label_from_instance(self, obj: Contact) -> str:
        return obj.name + words.aside(
            words.comma().join(filter(None, (obj.title, obj.organisation)))
        )


class DepartmentForm(ChooseMixin, forms.ModelForm):
    """A department that answers for follow-up items, and the people who speak for it."""

    contacts = DepartmentContactsField(
        label=_("Contacts"),
        required=False,
        help_text=_("The people who answer for the department; hold Ctrl or ⌘ to pick several."),
    )

    class Meta:
        model = Department
        formfield_callback = one_line_formfield
        fields = ["name", "language", "contacts", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}
        error_messages = {
            "name": {"unique": _("A department with this name is already in the directory.")},
        }


class HostUnitFilterForm(forms.Form):
    """Search and filter the host unit list."""

    q = OneLineField(
        label=_("Search"),
        required=False,
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": _("Name, region or address")}
        ),
    )
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *HostUnit.Kind.choices]
    )

    def apply(self, units: QuerySet) -> QuerySet:
        """The units matching the search; all of them when the input is empty or invalid."""
        if not self.is_valid():
            return units
        for word in self.cleaned_data["q"].split():
            units = units.filter(
                Q(name__icontains=word) | Q(region__icontains=word) | Q(address__icontains=word)
            )
        if self.cleaned_data["kind"]:
            units = units.filter(kind=self.cleaned_data["kind"])
        return units


class ContactFilterForm(forms.Form):
    """Search and filter the contact list."""

    q = OneLineField(
        label=_("Search"),
        required=False,
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": _("Name, title, organisation, phone, e-mail")}
        ),
    )
    host_unit = forms.ModelChoiceField(
        label=_("Host unit"),
        required=False,
        queryset=HostUnit.objects.only("pk", "name"),
        empty_label=_("All host units"),
    )

    def apply(self, contacts: QuerySet) -> QuerySet:
        """The contacts matching the search; all of them when the input is empty or invalid."""
        if not self.is_valid():
            return contacts
        for word in self.cleaned_data["q"].split():
            contacts = contacts.filter(
                Q(name__icontains=word)
                | Q(title__icontains=word)
                | Q(host_unit__name__icontains=word)
                | Q(department__icontains=word)
                | Q(phone__icontains=word)
                | Q(email__icontains=word)
            )
        if self.cleaned_data["host_unit"]:
            contacts = contacts.filter(host_unit=self.cleaned_data["host_unit"])
        return contacts


# The settings page's groups of the standards table, in the order the page shows them.
STANDARD_GROUPS = (
    (_("The preset"), ("name", "province", "home_region", "sources")),
    (
        _("Meals (Art. 10)"),
        (
            "host_meals",
            "meal_provincial",
            "meal_provincial_local",
            "meal_bureau",
            "meal_bureau_local",
            "meal_county",
            "meal_county_local",
            "meal_township",
            "meal_township_local",
            "weekday_lunch_dry",
        ),
    ),
    (
        _("Hosts at the meal (陪餐)"),
        ("small_party", "small_party_escorts", "party", "party_escorts", "large_party_divisor"),
    ),
    (_("Lodging (Art. 9)"), ("suite_from",)),
    (
        _("Hosts accompanying the party (陪同)"),
        ESCORT_FIELDS,
    ),
)


class ReceptionStandardForm(ChooseMixin, forms.ModelForm):
    """The secretaries' edit of one preset of the standards table (in force or not)."""

    class Meta:
        model = ReceptionStandard
        formfield_callback = one_line_formfield
        fields = [name for _title, names in STANDARD_GROUPS for name in names]
        widgets = {"sources": forms.Textarea(attrs={"rows": 4})}

    def groups(self) -> list[tuple[str, list[forms.BoundField]]]:
        """The fields by group, for the page; the 陪同 caps are drawn as a grid (escort_grid)."""
        return [
            (title, [self[name] for name in names])
            for title, names in STANDARD_GROUPS
            if names is not ESCORT_FIELDS
        ]

    def escort_grid(self) -> list[tuple[str, list[forms.BoundField]]]:
        """The 陪同 caps: a row per leader's grade, a column per host's level."""
        return [
            (
                grade.label,
                [self[f"escorts_{grade.value}_{level.value}"] for level in HostUnit.Level],
            )
            for grade in Grade
        ]

    @staticmethod
    def host_levels() -> list[str]:
        return [level.label for level in HostUnit.Level]
