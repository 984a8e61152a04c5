"""催办 forms: a 催办通知 sent by e-mail (with an optional word from the office), and a phone
call recorded as a round."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.forms import ChooseMixin, OneLineField
from trips.forms.trips import SHORT_TEXT


class UrgeForm(ChooseMixin, forms.Form):
    """The e-mailed 催办通知: the office may add a word to it."""

    note = forms.CharField(
        label=_("A word for the department"),
        required=False,
        max_length=2000,
        widget=SHORT_TEXT,
        help_text=_("Added to the urging notice; the department's link is in it."),
    )


class CallForm(ChooseMixin, forms.Form):
    """A phone call to the department, recorded as a round."""

    called = OneLineField(
        label=_("Who was called"),
        max_length=200,
        help_text=_("The person and the number, e.g. Wang Wei, 0571-8888 1234."),
    )
    said = forms.CharField(
        label=_("What they said"), required=False, max_length=2000, widget=SHORT_TEXT
    )
