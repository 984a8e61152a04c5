"""Notice forms: the host unit's acknowledgement, message and 接待清单; the secretary's send
button, and the settlement with the unit."""

from __future__ import annotations

import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accounts.forms import CheckedUpload, ChooseMixin, OneLineField, checked_file_field
from directory.forms import validate_phone
from notices.drafts import parse_dietary
from notices.models import Notice, ReceptionList, ReceptionReceipt, Settlement


class NoticeAckForm(forms.Form):
    """The unit confirms the notice, names its on-site contact and says how far it is."""

    name = OneLineField(label=_("Your name"), max_length=100)
    onsite_contact_name = OneLineField(
        label=_("On-site contact"),
        max_length=100,
        required=False,
        help_text=_("Who receives the party on the day."),
    )
    onsite_contact_phone = OneLineField(
        label=_("On-site contact's phone"),
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    preparation_status = forms.ChoiceField(
        label=_("Your preparation"), choices=Notice.Preparation.choices
    )
    meal_escorts = forms.IntegerField(
        label=_("How many of your people eat with the party (陪餐)"),
        min_value=0,
        max_value=99,
        required=False,
        help_text=_("The reception rules limit it by the size of the party."),
    )
    escorts = forms.IntegerField(
        label=_("How many of your people accompany the party (陪同)"),
        min_value=0,
        max_value=99,
        required=False,
        help_text=_("The reception rules keep it small: at city and county level, one person."),
    )

    def __init__(self, *args, notice: Notice, **kwargs) -> None:
        kwargs.setdefault(
            "initial",
            {
                "name": notice.acknowledged_by_name,
                "onsite_contact_name": notice.onsite_contact_name,
                "onsite_contact_phone": notice.onsite_contact_phone,
                "preparation_status": notice.preparation_status,
                "meal_escorts": notice.meal_escorts,
                "escorts": notice.escorts,
            },
        )
        super().__init__(*args, **kwargs)
        if notice.is_cancellation:
            # A cancelled visit needs no one on site, nothing prepared and no escorts.
            for name in (
                "onsite_contact_name",
                "onsite_contact_phone",
                "preparation_status",
                "meal_escorts",
                "escorts",
            ):
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
    """What the secretary writes for one host unit's official notice: the purpose and topics
    for this unit, what it is asked to prepare, the dietary counts, the reference number."""

    purpose = forms.CharField(
        label=_("Purpose and topics for this unit"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Written for the hosts: not the leader's own intention."),
    )

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

    dietary = forms.CharField(
        label=_("Dietary requirements (number of people)"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Counts only, one need a line, e.g. “清真 1” or “no spicy food 2”. "
            "Never names or medical details."
        ),
    )
    reference = OneLineField(label=_("Reference number (文号)"), max_length=100, required=False)

    def clean_dietary(self) -> list[tuple[str, int]]:
        try:
            return parse_dietary(self.cleaned_data["dietary"])
        except ValidationError as refused:
            raise forms.ValidationError(refused.messages) from None


class NoticeTextForm(forms.Form):
    """The secretary's edit of a unit's notice before it goes."""

    text = forms.CharField(
        label=_("The notice as the unit will read it"),
        max_length=10000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 16}),
        help_text=_("Empty the field to go back to the text Tripdesk writes."),
    )


class PhoneNoticeForm(forms.Form):
    """A notice given by phone (电话通知): who called whom, when, what was agreed."""

    caller = OneLineField(label=_("Called by"), max_length=100)
    callee = OneLineField(label=_("Spoke with"), max_length=100)
    called_at = forms.DateTimeField(
        label=_("When"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    agreed = forms.CharField(
        label=_("What was agreed"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    acknowledged = forms.BooleanField(
        label=_("They confirmed the notice"), required=False, initial=True
    )

    def clean_called_at(self):
        called_at = self.cleaned_data["called_at"]
        if called_at > timezone.now():
            raise forms.ValidationError(_("Record a call once it has taken place."))
        return called_at


class NoticeAnswerForm(forms.Form):
    """The secretary's answer to a unit's message, e-mailed to the unit."""

    text = forms.CharField(
        label=_("Answer to the unit"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class LetterTextForm(forms.Form):
    """The secretary's edit of a 公函 draft: its title and its text, 落款 included."""

    title = OneLineField(label=pgettext_lazy("document", "Title"), max_length=200)
    text = forms.CharField(
        label=_("Text of the letter"),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 24, "class": "letter-text", "lang": "zh-Hans"}),
        strip=False,
    )


class LetterPhoneForm(forms.Form):
    """A unit told by phone (电话通知) instead of, or besides, a 公函."""

    caller = OneLineField(label=_("Called by"), max_length=100)
    callee = OneLineField(label=_("Spoke with"), max_length=100)
    called_at = forms.DateTimeField(
        label=_("When"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    said = forms.CharField(
        label=_("What was said"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def clean_called_at(self):
        called_at = self.cleaned_data["called_at"]
        if called_at > timezone.now():
            raise forms.ValidationError(_("Record a call once it has taken place."))
        return called_at


class ReceptionListForm(CheckedUpload, ChooseMixin, forms.ModelForm):
    """The host unit's 接待清单: whom it received, what it provided and spent, a receipt;
    "save" keeps a draft and shows the differences, "submit" is the responsible person's
    sign-off."""

    upload_field = "receipt"

    receipt = checked_file_field(
        _("A receipt or invoice (票据)"),
        required=False,
        max_length=ReceptionReceipt._meta.get_field("filename").max_length,
    )
    signed_by_name = OneLineField(label=_("Responsible person"), max_length=100, required=False)
    signed_by_post = OneLineField(label=_("Their post"), max_length=100, required=False)

    class Meta:
        model = ReceptionList
        fields = [
            "people",
            "activities",
            "meals",
            "escort_people",
            "meals_cost",
            "lodging_cost",
            "transport_cost",
            "venue_cost",
            "other_cost",
            "host_transport",
            "transport_price",
        ]
        widgets = {
            "people": forms.Textarea(attrs={"rows": 5}),
            "activities": forms.Textarea(attrs={"rows": 5}),
            "escort_people": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "people": _("As the office's letter names them; add anyone else you received."),
            "escort_people": _("Name and post, one per line."),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name in ("meals_cost", "lodging_cost", "transport_cost", "venue_cost", "other_cost"):
            self.fields[name].widget.attrs.update({"inputmode": "decimal", "min": "0"})
        if self.instance.signed_by_name:
            self.initial.setdefault("signed_by_name", self.instance.signed_by_name)
            self.initial.setdefault("signed_by_post", self.instance.signed_by_post)


class WaiveListForm(forms.Form):
    """The office goes without a unit's 接待清单, with the reason."""

    reason = forms.CharField(
        label=_("Why the list is not needed"), widget=forms.Textarea(attrs={"rows": 2})
    )


class SettlementForm(CheckedUpload, ChooseMixin, forms.ModelForm):
    """What the party paid the unit: by official card or transfer (no cash), with the receipt."""

    upload_field = "receipt"

    receipt = checked_file_field(
        _("The unit's receipt"),
        required=True,
        max_length=Settlement._meta.get_field("receipt_name").max_length,
    )

    class Meta:
        model = Settlement
        fields = ["amount", "method", "paid_on", "reference"]
        widgets = {
            "method": forms.RadioSelect,
            "paid_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["method"].choices = Settlement.Method.choices  # no blank, and no cash

    def clean_amount(self):
        amount = self.cleaned_data["amount"]
        if amount is not None and amount <= 0:
            raise ValidationError(_("Enter the amount paid."))
        return amount
