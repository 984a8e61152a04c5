"""The seating plan form: the convention, the head table's size, and the ranked list."""

from __future__ import annotations

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from accounts import words
from accounts.forms import ChooseMixin, one_line_formfield
from logistics.models import SeatingPlan

# "Name, title" with an ASCII or a full-width comma, or a tab (pasted from a spreadsheet).
SEPARATOR = re.compile(r"\s*[,\uff0c\t]\s*")
MAX_PEOPLE = 300


class SeatingPlanForm(ChooseMixin, forms.ModelForm):
    """A plan and its people, one a line, most senior first."""

    people = forms.CharField(
        label=_("People, most senior first"),
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("One a line: name, then a comma and the title. Line 1 is No. 1."),
    )

    class Meta:
        model = SeatingPlan
        formfield_callback = one_line_formfield
        fields = ["convention", "head_table_seats", "seats_per_row", "people", "notes"]
        widgets = {
            "convention": forms.RadioSelect,
            "head_table_seats": forms.NumberInput(attrs={"min": 1, "max": 60}),
            "seats_per_row": forms.NumberInput(attrs={"min": 1, "max": 60}),
            "notes": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, people: list[tuple[str, str]] | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if people:
            self.initial["people"] = "\n".join(
                f"{name}{words.comma()}{title}" if title else name for name, title in people
            )

    def clean_head_table_seats(self) -> int:
        seats = self.cleaned_data["head_table_seats"]
        if not 1 <= seats <= 60:
            raise ValidationError(_("Between 1 and 60 seats."))
        return seats

    def clean_seats_per_row(self) -> int:
        seats = self.cleaned_data["seats_per_row"]
        if not 1 <= seats <= 60:
            raise ValidationError(_("Between 1 and 60 seats."))
        return seats

    def clean_people(self) -> list[tuple[str, str]]:
        """The lines as (name, title) pairs, in order; blank lines are skipped."""
        people = []
        for number, line in enumerate(self.cleaned_data["people"].splitlines(), start=1):
            if not line.strip():
                continue
            name, *rest = SEPARATOR.split(line.strip(), maxsplit=1)
            title = rest[0] if rest else ""
            if not name:
                raise ValidationError(_("Line %(number)s has no name.") % {"number": number})
            if len(name) > 100 or len(title) > 200:  # the model's limits
                message = _("Line %(number)s is too long: names up to 100 characters, titles 200.")
                raise ValidationError(message % {"number": number})
            people.append((name, title))
        if len(people) > MAX_PEOPLE:
            raise ValidationError(_("At most %(max)s people.") % {"max": MAX_PEOPLE})
        return people
