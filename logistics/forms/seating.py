# ruff: noqa: RUF002  (a Chinese name takes a full-width comma)
"""The seating plan form: the layout and its sizes, and the ranked lists of people."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from accounts.forms import ChooseMixin, one_line_formfield
from logistics import seating
from logistics.models import SeatingAttendee, SeatingPlan

MAX_PEOPLE = 300


def as_lines(attendees: list[SeatingAttendee] | list[tuple[str, str]]) -> str:
    """People as the form's lines: "name，title" (a full-width comma after a Chinese name),
    a flagged line as it was typed."""
    lines = []
    for person in attendees:
        if isinstance(person, SeatingAttendee):
            if person.typed:
                lines.append(person.typed)
                continue
            name, title = person.name, person.title
        else:
            name, title = person
        comma = "\uff0c" if seating.HAN.search(name) else ", "
        lines.append(f"{name}{comma}{title}" if title else name)
    return "\n".join(lines)


def _between(low: int, high: int):
    def check(value: int) -> None:
        if not low <= value <= high:
            raise ValidationError(
                _("Between %(low)s and %(high)s seats.") % {"low": low, "high": high}
            )

    return check


class SeatingPlanForm(ChooseMixin, forms.ModelForm):
    """A plan and its people, one a line, most senior first; two lists for the layouts
    that seat hosts and guests apart."""

    people = forms.CharField(
        label=_("People, most senior first"),
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_(
            "One a line: name, then a comma and the title. Line 1 is No. 1. For a forum or "
            "a meeting in a sofa room, the hosts; at a banquet, line 1 takes the main seat "
            "and line 2 sits at its right hand."
        ),
    )
    guests = forms.CharField(
        label=_("Guests, most senior first"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("For a forum or a meeting in a sofa room only. Line 1 is the guest of honour."),
    )

    class Meta:
        model = SeatingPlan
        formfield_callback = one_line_formfield
        fields = [
            "layout",
            "convention",
            "head_table_seats",
            "seats_per_row",
            "seats_per_table",
            "people",
            "guests",
            "notes",
        ]
        widgets = {
            "layout": forms.RadioSelect,
            "convention": forms.RadioSelect,
            "head_table_seats": forms.NumberInput(attrs={"min": 1, "max": 60}),
            "seats_per_row": forms.NumberInput(attrs={"min": 1, "max": 60}),
            "seats_per_table": forms.NumberInput(attrs={"min": 2, "max": 16}),
            "notes": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(
        self,
        *args,
        people: list | None = None,
        guests: list | None = None,
        **kwargs,
    ) -> None:
        super().__init__(*args, **kwargs)
        if people:
            self.initial["people"] = as_lines(people)
        if guests:
            self.initial["guests"] = as_lines(guests)
        self.fields["head_table_seats"].validators.append(_between(1, 60))
        self.fields["seats_per_row"].validators.append(_between(1, 60))
        self.fields["seats_per_table"].validators.append(_between(2, 16))

    def _lines(self, name: str) -> list[seating.Reading]:
        """The field's lines as read (seating.read_line), in order; blank lines skipped."""
        people = []
        for number, line in enumerate(self.cleaned_data[name].splitlines(), start=1):
            if not line.strip():
                continue
            reading = seating.read_line(line)
            if not reading.name and not reading.typed.strip(" ,\uff0c"):
                raise ValidationError(_("Line %(number)s has no name.") % {"number": number})
            if len(reading.name) > 100 or len(reading.title) > 200 or len(reading.typed) > 300:
                message = _("Line %(number)s is too long: names up to 100 characters, titles 200.")
                raise ValidationError(message % {"number": number})
            people.append(reading)
        if len(people) > MAX_PEOPLE:
            raise ValidationError(_("At most %(max)s people.") % {"max": MAX_PEOPLE})
        return people

    def clean_people(self) -> list[seating.Reading]:
        return self._lines("people")

    def clean_guests(self) -> list[seating.Reading]:
        return self._lines("guests")

    def clean(self) -> dict:
        data = super().clean()
        layout, guests = data.get("layout"), data.get("guests")
        if layout in SeatingPlan.TWO_SIDED:
            if "guests" in data and not guests:
                self.add_error("guests", _("This layout seats the guests apart: list them here."))
        elif guests:
            self.add_error(
                "guests",
                _(
                    "This layout seats one list of people: move these lines into the list "
                    "above, in order of rank, or choose a forum or a meeting in a sofa room."
                ),
            )
        return data
