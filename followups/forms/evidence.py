"""Evidence forms: a file checked by extension and content (accounts.uploads)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.forms import CheckedUpload, ChooseMixin, OneLineField, checked_file_field
from followups.models import Evidence


def evidence_field(required: bool) -> forms.FileField:
    return checked_file_field(
        _("Evidence"),
        required=required,
        max_length=Evidence._meta.get_field("filename").max_length,
    )


class EvidenceForm(CheckedUpload, ChooseMixin, forms.Form):
    """One evidence file added on the item's page, and what it shows."""

    evidence = evidence_field(required=True)
    description = OneLineField(
        label=_("What it shows"),
        required=False,
        max_length=Evidence._meta.get_field("description").max_length,
    )
