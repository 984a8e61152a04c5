"""The department's answer through its signed link: who answers, the change, the evidence."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from accounts.forms import OneLineField
from followups.forms.evidence import CheckedEvidence, evidence_field
from followups.forms.items import StatusForm
from followups.models import FollowUp, FollowUpUpdate

# The fields of StatusForm the department changes (followups.items.DEPARTMENT_EDITABLE).
CHANGES = ("status", "answer", "reason", "needs_leader")


class LinkUpdateForm(CheckedEvidence, StatusForm):
    """Your name (kept in the history), the status with the answer or the reason, the
    leader's help, a comment and one evidence file."""

    by_name = OneLineField(
        label=_("Your name"),
        max_length=FollowUpUpdate._meta.get_field("by_name").max_length,
        help_text=_("Kept in the item's history, so the office knows whom to ask."),
    )
    evidence = evidence_field(required=False)

    field_order = ["by_name", *CHANGES, "comment", "evidence"]

    @classmethod
    def for_item(cls, item: FollowUp, data=None, files=None) -> LinkUpdateForm:
        return cls(data, files, initial={name: getattr(item, name) for name in CHANGES})

    def changes(self) -> dict:
        return {name: self.cleaned_data[name] for name in CHANGES}
