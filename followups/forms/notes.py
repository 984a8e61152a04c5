"""The note form: quick capture on a phone, the item under way chosen already."""

from __future__ import annotations

import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.dates import long_date
from accounts.forms import one_line_formfield
from followups.models import Note
from trips.models import ItineraryItem, Trip


class ItemChoiceField(forms.ModelChoiceField):
    """Items labelled with their day and start on the trip's clock:
    "Monday 7 December 09:00 · Plant visit"."""

    def __init__(self, *args, trip: Trip, **kwargs) -> None:
        self.trip = trip
        super().__init__(*args, **kwargs)

    def label_from_instance(self, item: ItineraryItem) -> str:
        start = self.trip.local(item.start)
        return f"{long_date(start.date(), year=False)} {start:%H:%M} · {item.title}"


class NoteForm(forms.ModelForm):
    """What was seen, heard or decided, on which item, who said it, whether it is verified.

    client_key comes with the page (and, with script, from the phone for each new note):
    a note sent twice under one key is written once."""

    client_key = forms.CharField(max_length=64, required=False, widget=forms.HiddenInput)

    class Meta:
        model = Note
        formfield_callback = one_line_formfield
        fields = ["kind", "item", "text", "speaker", "verified"]
        widgets = {
            "kind": forms.RadioSelect,
            "text": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, trip: Trip, item: ItineraryItem | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.trip = trip
        self.fields["item"] = ItemChoiceField(
            queryset=trip.items.order_by("start", "sequence", "pk"),
            trip=trip,
            required=False,
            label=_("itinerary item"),
            empty_label=_("(no item: the trip as a whole)"),
        )
        self.fields["kind"].choices = Note.Kind.choices
        self.fields["kind"].initial = Note.Kind.SEEN
        self.fields["speaker"].help_text = _("Name and title, when someone said it.")
        if not self.is_bound:
            self.initial.setdefault("item", item.pk if item else None)
            self.initial.setdefault("client_key", uuid.uuid4().hex)

    def notes_fields(self) -> dict:
        """The cleaned fields the domain writes."""
        data = self.cleaned_data
        return {
            "item": data["item"],
            "kind": data["kind"],
            "text": data["text"],
            "speaker": data["speaker"],
            "verified": data["verified"],
        }
