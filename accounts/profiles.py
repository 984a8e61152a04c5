"""The user's own profile: what each office user may change about how they are named."""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.forms import ChooseMixin, one_line_formfield
from accounts.models import Profile
from accounts.people import profile_of

# Digits with spaces, dashes, dots or brackets, an optional + and an extension.
PHONE_RE = re.compile(r"^\+?[\d\s().-]{5,}(?:\s*(?:ext\.?|x|转)\s*\d+)?$")


class ProfileForm(ChooseMixin, forms.ModelForm):
    """Name, titles, phone and language; the protocol rank is the secretaries' (admin)."""

    class Meta:
        model = Profile
        formfield_callback = one_line_formfield
        fields = ["name", "name_en", "title", "title_en", "phone", "language"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Every list of people prints this name: the office must be able to read it.
        self.fields["name"].required = True

    def clean_name(self) -> str:
        return self.cleaned_data["name"].strip()

    def clean_phone(self) -> str:
        phone = self.cleaned_data["phone"].strip()
        if phone and (not PHONE_RE.match(phone) or sum(c.isdigit() for c in phone) < 5):
            raise forms.ValidationError(_("Enter a phone number like +86 10 1234 5678."))
        return phone

    def clean_name_en(self) -> str:
        return self.cleaned_data["name_en"].strip()


def profile_form(user, data=None) -> ProfileForm:
    """The form for the user's own profile; a user without one gets it on saving."""
    return ProfileForm(data, instance=profile_of(user))
