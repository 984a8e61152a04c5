"""Notice forms: the host unit's acknowledgement and message, the secretary's send button."""

from __future__ import annotations

import unicodedata

from django import forms
from django.utils.translation import gettext_lazy as _

from directory.forms import validate_phone
from trips.models import Notice


class NoticeAckForm(forms.Form):
    """The unit confirms the notice, names its on-site contact and says how far it is."""

    name = forms.CharField(label=_("Your name"), max_length=100)
    onsite_contact_name = forms.CharField(
        label=_("On-site contact"),
        max_length=100,
        required=False,
        help_text=_("Who receives the party on the day."),
    )
    onsite_contact_phone = forms.CharField(
        label=_("On-site contact's phone"),
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    preparation_status = forms.ChoiceField(
        label=_("Your preparation"), choices=Notice.Preparation.choices
    )

    def __init__(self, *args, notice: Notice, **kwargs) -> None:
        kwargs.setdefault(
            "initial",
            {
                "name": notice.acknowledged_by_name,
                "onsite_contact_name": notice.onsite_contact_name,
                "onsite_contact_phone": notice.onsite_contact_phone,
                "preparation_status": notice.preparation_status,
            },
        )
        super().__init__(*args, **kwargs)
        if notice.is_cancellation:
            # A cancelled visit needs no one on site and nothing prepared.
            for name in ("onsite_contact_name", "onsite_contact_phone", "preparation_status"):
                del self.fields[name]

    def clean_onsite_contact_phone(self) -> str:
        # The contact form's rule: full-width digits from a Chinese keyboard count too.
        phone = " ".join(
            unicodedata.normalize("NFKC", self.cleaned_data["onsite_contact_phone"]).split()
        )
        if phone:
            validate_phone(phone)
        return phone

    def clean(self) -> dict:
        cleaned = super().clean()
        if cleaned.get("onsite_contact_phone") and not cleaned.get("onsite_contact_name"):
            self.add_error("onsite_contact_name", _("Whose phone is this? Give the name."))
        return cleaned


class NoticeReplyForm(forms.Form):
    """A message from the unit to the office."""

    text = forms.CharField(
        label=_("Message to the office"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class NoticeSendForm(forms.Form):
    """Send every pending notice, or the one of the given unit."""

    unit = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def unit_ids(self) -> list[int] | None:
        """The units to notify (a valid form only); None for every pending one."""
        unit = self.cleaned_data["unit"]
        return [unit] if unit else None


class UnitRequirementsForm(forms.Form):
    """What the secretary asks one host unit to prepare, beyond what its items need."""

    text = forms.CharField(
        label=_("What we ask this unit to prepare"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Only this unit reads it, in its notice, reminders and updates. "
            "Leave out what other units prepare."
        ),
    )
