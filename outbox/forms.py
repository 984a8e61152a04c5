"""Mail log filters."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Message, MessageQuerySet


class MessageFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Any status")), *Message.Status.choices],
    )
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("To or subject")}),
    )

    def filter(self, messages: MessageQuerySet) -> MessageQuerySet:
        """The rows matching the valid filters; invalid input filters nothing."""
        if not self.is_valid():
            return messages
        if status := self.cleaned_data["status"]:
            messages = messages.filter(status=status)
        if text := self.cleaned_data["q"].strip():
            messages = messages.search(text)
        return messages
