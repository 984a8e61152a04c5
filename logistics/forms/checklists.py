"""Checklist forms: an item, a tick, a template and its items; people's needs, gifts, cars."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.forms import inlineformset_factory
from django.utils.text import capfirst
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from accounts import dates, words
from accounts.forms import ChooseMixin, OneLineField, one_line_formfield
from directory.forms import validate_phone
from directory.models import Language
from logistics import checklists
from logistics.models import (
    ChecklistItem,
    ChecklistTemplate,
    ChecklistTemplateItem,
    Gift,
    PersonalNeed,
    Vehicle,
)
from trips.forms.trips import DATE_INPUT, SHORT_TEXT, PeopleChoiceField, PersonChoiceField
from trips.models import ItineraryItem, Trip


class ChecklistItemForm(ChooseMixin, forms.ModelForm):
    """What to prepare, who does it and by when (a date, or days before departure)."""

    owner = PersonChoiceField(queryset=None, label=_("Owner"), required=False)

    class Meta:
        model = ChecklistItem
        formfield_callback = one_line_formfield
        fields = ["title", "category", "owner", "days_before", "due_date", "note"]
        widgets = {
            "due_date": DATE_INPUT,
            "days_before": forms.NumberInput(attrs={"min": -30, "max": 365}),
            "note": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, trip: Trip, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.instance.trip = trip
        self.fields["owner"].queryset = checklists.team_people(trip)
        self.fields["owner"].empty_label = _("Nobody yet")

    def clean(self) -> dict:
        cleaned = super().clean()
        if cleaned.get("due_date") and cleaned.get("days_before") is not None:
            self.add_error("due_date", _("Give a date or a number of days, not both."))
        return cleaned

    def save(self, commit: bool = True) -> ChecklistItem:
        if self.instance.pk is None:
            # New items go to the end of the list.
            self.instance.position = checklists.next_position(self.instance.trip)
        return super().save(commit)


class TickForm(forms.Form):
    """The state the person wants, never "the other one": a double tap changes nothing."""

    done = forms.TypedChoiceField(choices=[("1", "1"), ("0", "0")], coerce=lambda v: v == "1")


class MoveForm(forms.Form):
    direction = forms.TypedChoiceField(
        choices=[("up", "up"), ("down", "down")], coerce=lambda v: -1 if v == "up" else 1
    )


class ApplyTemplateForm(forms.Form):
    """Add a template's items to a trip's checklist: the picker offers the templates in
    the user's language, the others only when asked (all_languages)."""

    template = forms.ModelChoiceField(
        label=_("Template"), queryset=ChecklistTemplate.objects.all(), empty_label=None
    )

    def __init__(self, *args, trip: Trip, all_languages: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.all_languages = all_languages
        self.fields["template"].queryset = checklists.templates_for(
            trip.kind, get_language(), all_languages
        )
        default = checklists.default_template(trip.kind, get_language())
        if default:
            self.fields["template"].initial = default.pk


class SaveAsTemplateForm(forms.Form):
    """Name the new template made from a trip's checklist."""

    name = OneLineField(
        label=capfirst(_("name")),  # a template's name (名称), not a person's (姓名)
        max_length=200,
        help_text=_(
            "Every secretary in the office can see this template and its items: "
            "keep names, places and confidential matters out of them."
        ),
    )
    language = forms.ChoiceField(label=_("Language of the items"), choices=Language.choices)
    make_default = forms.BooleanField(
        label=_("New trips of this kind get this list"), required=False
    )

    def __init__(self, *args, trip: Trip, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Never the trip's title: the template is shared with the whole office, and the
        # title of a confidential trip is itself confidential.
        self.fields["name"].initial = _("%(kind)s checklist") % {"kind": trip.get_kind_display()}
        self.fields["language"].initial = get_language()


class ChecklistTemplateForm(ChooseMixin, forms.ModelForm):
    class Meta:
        model = ChecklistTemplate
        formfield_callback = one_line_formfield
        fields = ["name", "kind", "language", "is_default"]

    def clean(self) -> dict:
        cleaned = super().clean()
        # The database allows one default per kind and language: say so beside the box.
        if cleaned.get("is_default"):
            others = ChecklistTemplate.objects.filter(
                kind=cleaned.get("kind"), language=cleaned.get("language"), is_default=True
            ).exclude(pk=self.instance.pk)
            if others.exists():
                self.add_error(
                    "is_default",
                    _("“%(name)s” is already the list for new trips of this kind.")
                    % {"name": others.first().name},
                )
        return cleaned


TemplateItemFormSet = inlineformset_factory(
    ChecklistTemplate,
    ChecklistTemplateItem,
    fields=["position", "category", "title", "days_before"],
    widgets={
        "position": forms.NumberInput(attrs={"aria-label": _("position"), "min": 0}),
        "category": forms.Select(attrs={"aria-label": _("category")}),
        "title": forms.TextInput(attrs={"aria-label": _("what")}),
        "days_before": forms.NumberInput(attrs={"aria-label": _("days before departure")}),
    },
    extra=3,
    can_delete=True,
)


class PersonalNeedForm(ChooseMixin, forms.ModelForm):
    """One team member's dietary and medical needs on this trip."""

    person = PersonChoiceField(queryset=None, label=_("Person"))

    class Meta:
        model = PersonalNeed
        formfield_callback = one_line_formfield
        fields = ["person", "dietary", "medical", "notes"]
        widgets = {"dietary": SHORT_TEXT, "medical": SHORT_TEXT, "notes": SHORT_TEXT}

    def __init__(self, *args, trip: Trip, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.instance.trip = trip
        self.fields["person"].queryset = checklists.team_people(trip)

    def clean(self) -> dict:
        cleaned = super().clean()
        if not any(cleaned.get(name) for name in ("dietary", "medical", "notes")):
            raise ValidationError(_("Write at least one need."))
        # The trip is not a field of the form, so Django skips the unique check: do it here.
        others = PersonalNeed.objects.filter(trip=self.instance.trip, person=cleaned.get("person"))
        if others.exclude(pk=self.instance.pk).exists():
            self.add_error("person", _("This person's needs are already recorded."))
        return cleaned


class GiftForm(ChooseMixin, forms.ModelForm):
    """One line of the protocol register."""

    class Meta:
        model = Gift
        formfield_callback = one_line_formfield
        fields = [
            "date",
            "direction",
            "counterpart",
            "item",
            "value_estimate",
            "currency",
            "notes",
        ]
        widgets = {"date": DATE_INPUT, "direction": forms.RadioSelect, "notes": SHORT_TEXT}

    def __init__(self, *args, trip: Trip, user=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.instance.trip = trip
        if self.instance.pk is None:
            self.instance.recorded_by = user
            self.initial.setdefault("date", trip.start_date)

    def clean_value_estimate(self):
        value = self.cleaned_data["value_estimate"]
        if value is not None and value < 0:
            raise ValidationError(_("A value cannot be negative."))
        return value

    def clean_currency(self) -> str:
        currency = self.cleaned_data["currency"].strip().upper()
        if len(currency) != 3 or not currency.isalpha():
            raise ValidationError(_("Three letters, for example CNY or EUR."))
        return currency


class TravelItemsChoiceField(forms.ModelMultipleChoiceField):
    """Travel items by title, then their day and time on the trip's clock and where from and to
    (the office's date, as every page writes it)."""

    def label_from_instance(self, obj: ItineraryItem) -> str:
        start = obj.start.astimezone(obj.trip.tzinfo)
        when = dates.long_datetime(start, convert=False, year=False)
        route = f"{obj.origin or '?'} → {obj.destination or '?'}"
        return obj.title + words.aside(
            words.comma().join([when, route] if obj.origin or obj.destination else [when])
        )


class VehicleForm(ChooseMixin, forms.ModelForm):
    """A car, its driver, who rides in it, and the trip's travel items it serves."""

    passengers = PeopleChoiceField(
        queryset=None, label=_("Passengers"), required=False, widget=forms.CheckboxSelectMultiple
    )
    travel_items = TravelItemsChoiceField(
        queryset=None,
        label=_("Travel items"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The trip's travel items this car serves."),
        error_messages={"invalid_choice": _("Choose among this trip's travel items.")},
    )

    class Meta:
        model = Vehicle
        formfield_callback = one_line_formfield
        fields = ["name", "plate", "driver", "driver_phone", "passengers", "travel_items", "notes"]
        widgets = {"driver_phone": forms.TextInput(attrs={"type": "tel"}), "notes": SHORT_TEXT}

    def __init__(self, *args, trip: Trip, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.instance.trip = trip
        self.fields["passengers"].queryset = checklists.team_people(trip)
        self.fields["passengers"].help_text = _("Anyone ticked here leaves their other car.")
        # Only this trip's travel items: another trip's item is refused beside the field.
        self.fields["travel_items"].queryset = checklists.travel_items(trip)

    def clean_driver_phone(self) -> str:
        phone = self.cleaned_data["driver_phone"]
        validate_phone(phone)
        return phone

    def save(self, commit: bool = True) -> Vehicle:
        """Save the car, then seat its passengers (moving them out of other cars)."""
        vehicle = super().save(commit=False)
        if commit:
            vehicle.save()
            checklists.allocate(vehicle, list(self.cleaned_data["passengers"]))
            vehicle.travel_items.set(self.cleaned_data["travel_items"])
        return vehicle


class AssignOwnersForm(forms.Form):
    """Several items, one owner: the secretary's way to hand out a whole checklist."""

    items = forms.ModelMultipleChoiceField(
        queryset=ChecklistItem.objects.none(),
        error_messages={"required": _("Tick the items to give to someone.")},
    )
    owner = PersonChoiceField(
        label=_("Owner"),
        queryset=None,
        empty_label=_("Choose…"),
        error_messages={"required": _("Choose who owns the ticked items.")},
    )

    def __init__(self, *args, trip, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["items"].queryset = trip.checklist_items.all()
        self.fields["owner"].queryset = checklists.team_people(trip)
