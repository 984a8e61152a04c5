"""Trip forms: the brief with its team, an itinerary item, the trip list's filters."""

from __future__ import annotations

import json
from datetime import date, tzinfo

from django import forms
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q, QuerySet
from django.forms import BaseInlineFormSet, inlineformset_factory
from django.forms.utils import ErrorDict
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accounts import people, roles, words
from accounts.dates import long_date
from accounts.forms import ChooseMixin, OneLineField, one_line_formfield
from directory.models import Contact
from trips import moving, signals, zones
from trips.itinerary import (
    contacts_elsewhere,
    default_contacts,
    next_free_time,
    trip_dates,
    usual_attendees,
)
from trips.models import (
    BRIEF_FIELDS,
    ITEM_FIELDS,
    ItineraryItem,
    Trip,
    TripEvent,
    TripMember,
    TripQuerySet,
)

TIME_ZONES = zones.choices()
POST = pgettext_lazy("person", "Title")  # a person's title: 职务
DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME_INPUT = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
# The feasibility thresholds of trips.schedule; blank keeps the trip's current value.
THRESHOLDS = (
    "min_buffer_minutes",
    "meal_break_minutes",
    "meal_window_start",
    "meal_window_end",
    "max_continuous_minutes",
    "travel_break_minutes",
    "day_end",
)
SHORT_TEXT = forms.Textarea(attrs={"rows": 3})


def office_people(roles: tuple[str, ...] = roles.OFFICE_ROLES) -> QuerySet[User]:
    """Active accounts holding one of the office roles, in protocol order."""
    return people.in_protocol_order(
        User.objects.filter(is_active=True, groups__name__in=roles).distinct()
    )


class PersonChoiceField(forms.ModelChoiceField):
    """One person, by name and title, in the page's language."""

    def label_from_instance(self, obj: User) -> str:
        return people.person_label(obj)


class PeopleChoiceField(forms.ModelMultipleChoiceField):
    """Several people, by name and title, in the page's language."""

    def label_from_instance(self, obj: User) -> str:
        return people.person_label(obj)


class ContactsChoiceField(forms.ModelMultipleChoiceField):
    """Contacts, each with the organisation they belong to."""

    def label_from_instance(self, obj: Contact) -> str:
        return words.labelled(obj.organisation, people.with_title(obj.name, obj.title))


class TripDateTimeField(forms.DateTimeField):
    """A moment typed on the trip's clock (a datetime-local input), stored as an aware time."""

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")

    def __init__(self, *, tz: tzinfo | None = None, **kwargs) -> None:
        self.tz = tz
        super().__init__(**kwargs)

    # Django reads and writes naive datetimes in the current time zone: make that the trip's.
    def to_python(self, value):
        with timezone.override(self.tz):
            return super().to_python(value)

    def prepare_value(self, value):
        with timezone.override(self.tz):
            return super().prepare_value(value)


class TripForm(ChooseMixin, forms.ModelForm):
    """The brief: what the trip is, when, and what the leader wants from it.

    When new dates (or a new clock) change the itinerary, the form shows what moves and
    what falls outside the trip (trips.moving.date_change), ticked to move the itinerary
    with the dates, and saves only on the next press: dates_checked holds the dates the
    secretary saw it for.
    """

    move_itinerary = forms.BooleanField(
        label=_("Move the itinerary with the dates"),
        required=False,
        help_text=_(
            "Each item keeps its time of day on the trip's clock. Untick to leave the items "
            "on their dates."
        ),
    )
    dates_checked = forms.CharField(required=False, widget=forms.HiddenInput)

    class Meta:
        model = Trip
        formfield_callback = one_line_formfield
        fields = [*BRIEF_FIELDS, *THRESHOLDS]
        widgets = {
            "meal_window_start": TIME_INPUT,
            "meal_window_end": TIME_INPUT,
            "day_end": TIME_INPUT,
            "start_date": DATE_INPUT,
            "end_date": DATE_INPUT,
            "time_zone": forms.Select(choices=TIME_ZONES),
            "visibility": forms.RadioSelect,
            "purpose": SHORT_TEXT,
            "intention": SHORT_TEXT,
            "results_wanted": SHORT_TEXT,
            "topics": SHORT_TEXT,
            "host_preparation": SHORT_TEXT,
            "notes": SHORT_TEXT,
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name in THRESHOLDS:
            self.fields[name].required = False
        # A <select> takes no maxlength (the HTML checker's error); the choices bound it.
        self.fields["time_zone"].widget.attrs.pop("maxlength", None)
        self.date_change: moving.DateChange | None = None
        self.itinerary_seen = True

    def clean(self) -> dict:
        cleaned = super().clean()
        for name in THRESHOLDS:
            if name in cleaned and cleaned[name] is None:
                cleaned[name] = getattr(self.instance, name)
        opens, closes = cleaned.get("meal_window_start"), cleaned.get("meal_window_end")
        if opens and closes and closes <= opens:
            self.add_error("meal_window_end", _("The window must close after it opens."))
        self._check_itinerary(cleaned)
        return cleaned

    def _check_itinerary(self, cleaned: dict) -> None:
        """What the new dates do to the saved itinerary; on first sight, wait for a look."""
        trip = self.instance  # not changed yet: the form writes to it after clean()
        when = tuple(cleaned.get(name) for name in ("start_date", "end_date", "time_zone"))
        if trip.pk is None or not all(when) or when[1] < when[0]:
            return
        if when == (trip.start_date, trip.end_date, trip.time_zone):
            return
        planned = Trip(pk=trip.pk, start_date=when[0], end_date=when[1], time_zone=when[2])
        change = moving.date_change(planned, trip.start_date)
        if not change:
            return
        self.date_change = change
        if cleaned.get("dates_checked") != change.key:
            # Shown ticked to move, for these dates; nothing is saved until the next press.
            self.itinerary_seen = False
            self.data = self.data.copy()
            self.data["dates_checked"], self.data["move_itinerary"] = change.key, "on"

    @property
    def moves_itinerary(self) -> bool:
        """The first day changed and the secretary chose to move the itinerary with it."""
        change = self.date_change
        return bool(change and change.days and self.cleaned_data.get("move_itinerary"))

    def save_with_team(
        self, team: BaseInlineFormSet, *, creator: User | None = None, by: User | None = None
    ) -> Trip:
        """Save the brief and its team together, and move the itinerary with the dates when
        asked (by the secretary `by`); a creator joins the team as a secretary."""
        with transaction.atomic():
            trip = self.save()
            team.instance = trip
            team.save()
            if self.moves_itinerary:
                moving.move_itinerary(trip, self.date_change.days, by)
            if creator is not None:
                # Whoever creates a trip must be able to go on editing it.
                TripMember.objects.update_or_create(
                    trip=trip, user=creator, defaults={"role": TripMember.Role.SECRETARY}
                )
                signals.announce_created(trip)
        return trip


def _labelled(text, **attrs) -> dict:
    return {"aria-label": text, **attrs}


class TeamMemberForm(ChooseMixin, forms.ModelForm):
    """One person in the party: an office user, or someone without an account (a driver,
    an escort …) by name, title, organisation and phone; and their role on this trip."""

    # The party is a table: the column headings label the fields, aria-label names them.
    user = PersonChoiceField(
        queryset=office_people(),
        label=_("Person"),
        required=False,
        empty_label=_("Without an account"),
        widget=forms.Select(attrs={"aria-label": _("Person")}),
    )

    class Meta:
        model = TripMember
        formfield_callback = one_line_formfield
        fields = ["user", "name", "title", "organisation", "phone", "role", "rank"]
        widgets = {
            "role": forms.Select(attrs=_labelled(_("Role on this trip"))),
            "name": forms.TextInput(attrs=_labelled(_("Name"), placeholder=_("Name"))),
            "title": forms.TextInput(attrs=_labelled(POST, placeholder=POST)),
            "organisation": forms.TextInput(
                attrs=_labelled(_("Organisation"), placeholder=_("Organisation"))
            ),
            "phone": forms.TextInput(attrs=_labelled(_("Phone"), placeholder=_("Phone"))),
            "rank": forms.NumberInput(attrs=_labelled(_("Order"), min=1)),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["rank"].required = False

    def has_changed(self) -> bool:
        """A row with nothing but its order filled in is an empty row."""
        return bool(set(self.changed_data) - {"rank"})

    def clean_rank(self) -> int:
        rank = self.cleaned_data.get("rank")
        return TripMember._meta.get_field("rank").default if rank is None else rank

    def clean(self) -> dict:
        cleaned = super().clean()
        if cleaned.get("user"):
            # An office user is named by the profile: what was typed for others goes.
            for name in ("name", "title", "organisation", "phone"):
                cleaned[name] = ""
        return cleaned

    # The rules live in TripMember.clean, which model validation runs: a trip's leader (or
    # secretary) holds that office role and has an account; someone without one has a
    # name. The errors show beside "role" and "name".


class BaseTeamFormSet(BaseInlineFormSet):
    """The team edited on the trip's own page."""

    def clean(self) -> None:
        super().clean()
        # On a new trip the creator joins as secretary; afterwards someone must stay one.
        if self.instance.pk is None or any(self.errors):
            return
        kept = [
            form.cleaned_data
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        if not any(data.get("role") == TripMember.Role.SECRETARY for data in kept):
            raise ValidationError(_("Keep a secretary on the team, or nobody can edit the trip."))


TeamFormSet = inlineformset_factory(
    Trip, TripMember, form=TeamMemberForm, formset=BaseTeamFormSet, extra=1, can_delete=True
)
# A new trip's party: the leader and a few more, before "Add a person" is needed.
NEW_TEAM_ROWS = 3


def team_formset(data, trip: Trip) -> BaseInlineFormSet:
    """The party's rows: bound to what was sent, with one more when "Add a person" sent the
    form (no script). Such a form is shown as typed, unchecked: nobody asked to save yet."""
    growing = data is not None and data.get("add_row") == "team"
    if growing:
        data = data.copy()
        data["team-TOTAL_FORMS"] = str(_count(data.get("team-TOTAL_FORMS")) + 1)
    team = TeamFormSet(data, instance=trip, prefix="team")
    if trip.pk is None:
        team.extra = NEW_TEAM_ROWS
    team.growing = growing
    if growing:
        for shown in (team, *team.forms):
            shown_as_typed(shown)
    return team


def _count(value) -> int:
    return int(value) if str(value).isdigit() else 0


def shown_as_typed(form: forms.BaseForm | BaseInlineFormSet) -> None:
    """A bound form (or formset) shown as it was typed, without errors: Django checks a form
    when its errors are first read, and not once they are set (here: to none)."""
    if isinstance(form, BaseInlineFormSet):
        form._errors, form._non_form_errors = [], form.error_class()
    else:
        form._errors = ErrorDict()


# Fields that mean something for travel only; other kinds keep them empty.
TRAVEL_FIELDS = ("travel_mode", "driver", "ticket", "origin", "destination")
CONTACTS_FOUND = 20


def _contact_order(contacts: QuerySet[Contact]) -> QuerySet[Contact]:
    return contacts.select_related("host_unit").order_by(
        F("host_unit__name").asc(nulls_first=True), "department", "name"
    )


class ItineraryItemForm(ChooseMixin, forms.ModelForm):
    """One appointment, its times typed on the trip's clock.

    The contact picker offers the host unit's contacts, those already chosen, and what a
    search (the ``contact_search`` value) finds elsewhere: never the whole directory.
    """

    class Meta:
        model = ItineraryItem
        formfield_callback = one_line_formfield
        fields = list(ITEM_FIELDS)
        field_classes = {
            "start": TripDateTimeField,
            "end": TripDateTimeField,
            "contacts": ContactsChoiceField,
            "attendees": PeopleChoiceField,
        }
        widgets = {
            "attendees": forms.CheckboxSelectMultiple,
            "contacts": forms.CheckboxSelectMultiple,
            "host_preparation": SHORT_TEXT,
            "fallback_plan": SHORT_TEXT,
            "notes": SHORT_TEXT,
        }

    def __init__(self, *args, trip: Trip, unit_chosen: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.trip = self.instance.trip = trip
        self.fields["start"].tz = self.fields["end"].tz = trip.tzinfo
        if unit_chosen:
            self._tick_unit_contacts()
        # A new item starts with those it is usually for (by kind: the page's script ticks
        # them again when the kind changes, until a box is ticked by hand).
        self.attendee_defaults: dict[str, list[int]] | None = None
        if self.instance.pk is None and not self.is_bound:
            self.attendee_defaults = usual_attendees(trip)
            kind = self.initial.get("kind") or self.fields["kind"].initial
            self.initial.setdefault("attendees", self.attendee_defaults[kind])
        self.fields["attendees"].queryset = people.in_protocol_order(
            User.objects.filter(trip_memberships__trip=trip)
        )
        self.fields["contacts"].queryset = _contact_order(Contact.objects.all())
        self.fields["contacts"].widget.choices = self._contact_choices()
        # Another host unit redraws the contact picker with that unit's contacts.
        self.fields["host_unit"].widget.attrs.update(
            {
                "hx-get": reverse("trips:item_contacts", args=[trip.pk]),
                "hx-trigger": "change",
                "hx-include": "closest form",
                "hx-target": "#contact-picker",
                "hx-swap": "outerHTML",
            }
        )
        if self.instance.pk is None and not self.is_bound:
            start, end = next_free_time(trip)
            self.initial.setdefault("start", start)
            self.initial.setdefault("end", end)

    def _raw(self, name: str, *, many: bool = False):
        """What the page sent for a field (bound), else what the item holds."""
        if self.is_bound:
            field = self.fields[name]
            return field.widget.value_from_datadict(self.data, self.files, self.add_prefix(name))
        value = self.initial.get(name)
        if many:
            return [getattr(v, "pk", v) for v in value or []]
        return getattr(value, "pk", value)

    def _tick_unit_contacts(self) -> None:
        """A host unit just chosen: its usual contacts ticked, with those chosen there."""
        unit = self._raw("host_unit")
        if not (unit and str(unit).isdigit()):
            return
        chosen = [pk for pk in self._raw("contacts", many=True) or [] if str(pk).isdigit()]
        at_unit = Contact.objects.filter(host_unit_id=unit)
        kept = at_unit.filter(pk__in=chosen).values_list("pk", flat=True)
        ticked = {*kept, *default_contacts(int(unit))}
        self.data = self.data.copy()
        self.data.setlist(self.add_prefix("contacts"), [str(pk) for pk in sorted(ticked)])

    @property
    def attendee_defaults_json(self) -> str:
        """The attendees a new item starts with, by kind, for the page's script."""
        return json.dumps(self.attendee_defaults) if self.attendee_defaults else ""

    def _contact_choices(self) -> list[tuple[int, str]]:
        """The host unit's contacts, those chosen, and the search's finds, each once."""
        field = self.fields["contacts"]
        unit = self._raw("host_unit")
        chosen = [pk for pk in self._raw("contacts", many=True) or [] if str(pk).isdigit()]
        shown = Contact.objects.filter(pk__in=chosen)
        if unit and str(unit).isdigit():
            shown = shown | Contact.objects.filter(host_unit_id=unit)
        query = (self.data.get("contact_search") or "").strip() if self.is_bound else ""
        found = Contact.objects.none()
        if query:
            found = Contact.objects.filter(
                Q(name__icontains=query)
                | Q(title__icontains=query)
                | Q(department__icontains=query)
                | Q(host_unit__name__icontains=query)
            ).exclude(pk__in=shown.values("pk"))
            found = Contact.objects.filter(
                pk__in=_contact_order(found).values("pk")[:CONTACTS_FOUND]
            )
        return [(c.pk, field.label_from_instance(c)) for c in _contact_order(shown | found)]

    def clean(self) -> dict:
        cleaned = super().clean()
        if cleaned.get("kind") != ItineraryItem.Kind.TRAVEL:
            # Hidden on the page for other kinds: what was typed there is not kept.
            for name in TRAVEL_FIELDS:
                cleaned[name] = ""
        # The same for the lodging's room and the meal's drinks.
        if cleaned.get("kind") != ItineraryItem.Kind.LODGING:
            cleaned["room_type"] = ""
        if cleaned.get("kind") != ItineraryItem.Kind.MEAL:
            cleaned["drinks"] = ""
        unit = cleaned.get("host_unit")
        strays = contacts_elsewhere(unit, cleaned.get("contacts") or [])
        if strays:
            names = ", ".join(contact.name for contact in strays)
            if unit is None:
                message = _("Choose the host unit of %(names)s, or leave them out.")
            else:
                message = _("Not at %(unit)s: %(names)s. Choose contacts of this host unit.")
            self.add_error("contacts", message % {"names": names, "unit": unit})
        return cleaned


class ItemMoveForm(forms.Form):
    """Move an item in time (trips.moving), as the button pressed says: shift it and the
    later items of its day by some minutes, move it to another day, or fit the next items
    of its day to it. A refusal shows beside the field it concerns."""

    SHIFT, DAY, FIT = "shift", "day", "fit"
    # Where each move's refusal shows; fitting has no field, so beside its button.
    FIELD_OF = {SHIFT: "minutes", DAY: "day", FIT: None}

    how = forms.ChoiceField(
        choices=[(SHIFT, SHIFT), (DAY, DAY), (FIT, FIT)],
        error_messages={
            "required": _("Choose how to move the item."),
            "invalid_choice": _("Choose how to move the item."),
        },
    )
    minutes = forms.IntegerField(
        label=_("Minutes (negative: earlier)"),
        required=False,
        min_value=-24 * 60,
        max_value=24 * 60,
        help_text=_("This item and every later item of its day move by as much."),
    )
    day = forms.TypedChoiceField(label=_("Day"), required=False, coerce=date.fromisoformat)
    # The item's calendar sequence when the page showed it: a second click moves nothing.
    seen = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, trip: Trip, item: ItineraryItem, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.trip, self.item = trip, item
        today = trip.local(item.start).date()
        self.fields["day"].choices = [("", _("Choose…"))] + [
            (day.isoformat(), long_date(day)) for day in trip_dates(trip) if day != today
        ]
        self.initial["seen"] = item.sequence

    def clean(self) -> dict:
        cleaned = super().clean()
        how = cleaned.get("how")
        if how == self.SHIFT and cleaned.get("minutes") is None and "minutes" not in self.errors:
            self.add_error("minutes", _("Say by how many minutes."))
        if how == self.DAY and not cleaned.get("day") and "day" not in self.errors:
            self.add_error("day", _("Choose a day."))
        return cleaned

    def save(self, by: User) -> TripEvent | None:
        """Make the move: its one entry in the trip's history, or None when refused."""
        data, how = self.cleaned_data, self.cleaned_data["how"]
        args = (self.trip, self.item)
        try:
            if how == self.SHIFT:
                return moving.shift_later(*args, data["minutes"], by, seen=data["seen"])
            if how == self.DAY:
                return moving.move_to_day(*args, data["day"], by, seen=data["seen"])
            return moving.fit_after(*args, by, seen=data["seen"])
        except ValidationError as refusal:
            self.add_error(self.FIELD_OF[how], refusal)
            # The form shows the item as it is now: the next press is measured against that.
            self.data = self.data.copy()
            self.data["seen"] = self.item.sequence
            return None


class TripFilterForm(forms.Form):
    """The trip list's search and filters; all optional."""

    q = OneLineField(
        label=_("Search"),
        required=False,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Title, purpose …")}),
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Any status")), *Trip.Status.choices]
    )
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("Any kind")), *Trip.Kind.choices]
    )
    leader = PersonChoiceField(
        label=_("Leader"),
        required=False,
        queryset=office_people((roles.LEADER,)),
        empty_label=_("Any leader"),
    )
    first = forms.DateField(label=_("From date"), required=False, widget=DATE_INPUT)
    last = forms.DateField(label=_("To date"), required=False, widget=DATE_INPUT)

    def clean(self) -> dict:
        cleaned = super().clean()
        first, last = cleaned.get("first"), cleaned.get("last")
        if first and last and last < first:
            self.add_error("last", _("This is before the “From” date."))
        return cleaned

    def filter(self, trips: TripQuerySet) -> TripQuerySet:
        """The trips matching every valid filter; an invalid one is shown and left out."""
        self.is_valid()
        data = self.cleaned_data
        if data.get("status"):
            trips = trips.filter(status=data["status"])
        if data.get("kind"):
            trips = trips.filter(kind=data["kind"])
        if data.get("leader"):
            trips = trips.led_by(data["leader"])
        return trips.overlapping(data.get("first"), data.get("last")).search(data.get("q", ""))
