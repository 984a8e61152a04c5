"""The department's update, with its account or through its signed link: one step of the
督办 workflow (acknowledge, in progress, an answer: done or cannot be done), the leader's
help, a comment and one evidence file. Never "done": the office settles the item."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accounts.forms import ChooseMixin, OneLineField
from followups import workflow
from followups.forms.evidence import CheckedEvidence, evidence_field
from followups.models import FollowUp, FollowUpUpdate
from trips.forms.trips import SHORT_TEXT

ACTIONS = {
    "acknowledge": pgettext_lazy("department action", "Acknowledge receipt (签收)"),
    "start": pgettext_lazy("department action", "We are working on it"),
    "answer_done": pgettext_lazy("department action", "Answer: it is done"),
    "answer_cannot": pgettext_lazy("department action", "Answer: it cannot be done"),
    "comment": pgettext_lazy("department action", "Only a comment or evidence"),
}


class ActionField(forms.ChoiceField):
    """Offers the steps open now, and takes any step: a step no longer open (an answer
    sent after the office accepted) is refused by followups.workflow in clear words."""

    def valid_value(self, value) -> bool:
        return value in ACTIONS


class DepartmentUpdateForm(CheckedEvidence, ChooseMixin, forms.Form):
    """One step the department takes now, with what it needs."""

    action = ActionField(label=_("What do you report?"), widget=forms.RadioSelect)
    answer = forms.CharField(
        label=_("Answer given"),
        required=False,
        widget=SHORT_TEXT,
        help_text=_("What was done, and what the host unit or the person concerned was told."),
    )
    reason = forms.CharField(label=_("Why it cannot be done"), required=False, widget=SHORT_TEXT)
    needs_leader = forms.BooleanField(
        label=_("Needs the leader's help"),
        required=False,
        help_text=_("The trip's secretaries are told at once."),
    )
    comment = forms.CharField(label=_("Comment"), required=False, widget=SHORT_TEXT)
    evidence = evidence_field(required=False)

    @classmethod
    def for_item(cls, item: FollowUp, data=None, files=None) -> DepartmentUpdateForm:
        form = cls(
            data,
            files,
            initial={
                "answer": item.answer,
                "reason": item.reason,
                "needs_leader": item.needs_leader,
            },
        )
        steps = workflow.department_actions(item)
        choices = [
            (key, label)
            for key, label in ACTIONS.items()
            if key == "comment" or key.split("_")[0] in steps
        ]
        form.fields["action"].choices = choices
        form.fields["action"].initial = choices[0][0]
        return form

    def clean(self) -> dict:
        cleaned = super().clean()
        action = cleaned.get("action")
        if action == "answer_done" and not (cleaned.get("answer") or "").strip():
            self.add_error("answer", _("Write the answer given."))
        if action == "answer_cannot" and not (cleaned.get("reason") or "").strip():
            self.add_error("reason", _("Say why it cannot be done."))
        return cleaned


class LinkUpdateForm(DepartmentUpdateForm):
    """Through the signed link: also your name (kept in the history)."""

    by_name = OneLineField(
        label=_("Your name"),
        max_length=FollowUpUpdate._meta.get_field("by_name").max_length,
        help_text=_("Kept in the item's history, so the office knows whom to ask."),
    )

    field_order = ["by_name", "action", "answer", "reason", "needs_leader", "comment", "evidence"]
