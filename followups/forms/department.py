"""The department's update, with its account or through its signed link: one step of the
督办 workflow (acknowledge, in progress, an answer: done or cannot be done), the leader's
help, a comment and one evidence file. Never "done": the office settles the item."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accounts.forms import CheckedUpload, ChooseMixin, OneLineField
from followups import workflow
from followups.forms.evidence import evidence_field
from followups.forms.review import OwnIds
from followups.models import FollowUp, FollowUpPart, FollowUpUpdate
from trips.forms.trips import DATE_INPUT, SHORT_TEXT

ACTIONS = {
    "acknowledge": pgettext_lazy("department action", "Acknowledge receipt (签收)"),
    "start": pgettext_lazy("department action", "We are working on it"),
    "answer_done": pgettext_lazy("department action", "Answer: it is done"),
    "answer_cannot": pgettext_lazy("department action", "Answer: it cannot be done"),
    "answer_part": pgettext_lazy("department action", "Answer for our part (配合)"),
    "comment": pgettext_lazy("department action", "Only a comment or evidence"),
}


class ActionField(forms.ChoiceField):
    """Offers the steps open now, and takes any step: a step no longer open (an answer
    sent after the office accepted) is refused by followups.workflow in clear words."""

    def valid_value(self, value) -> bool:
        return value in ACTIONS


class DepartmentUpdateForm(CheckedUpload, ChooseMixin, forms.Form):
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
    def for_item(
        cls, item: FollowUp, data=None, files=None, *, part: FollowUpPart | None = None
    ) -> DepartmentUpdateForm:
        """The steps open now to the owner department, or to a co-owner (its part)."""
        form = cls(
            data,
            files,
            initial={
                "answer": item.answer,
                "reason": item.reason,
                "needs_leader": item.needs_leader,
            },
        )
        if part is not None:
            steps = ["answer_part"] if workflow.part_open(item, part) else []
            form.initial["answer"] = part.answer
        else:
            steps = workflow.department_actions(item)
        choices = [
            (key, label)
            for key, label in ACTIONS.items()
            if key == "comment" or key in steps or key.split("_")[0] in steps
        ]
        form.fields["action"].choices = choices
        form.fields["action"].initial = choices[0][0]
        return form

    def clean(self) -> dict:
        cleaned = super().clean()
        action = cleaned.get("action")
        if action in ("answer_done", "answer_part") and not (cleaned.get("answer") or "").strip():
            self.add_error("answer", _("Write the answer given."))
        if action == "answer_cannot" and not (cleaned.get("reason") or "").strip():
            self.add_error("reason", _("Say why it cannot be done."))
        return cleaned


def your_name_field() -> OneLineField:
    """Through the signed link, who the department says they are (kept in the history)."""
    return OneLineField(
        label=_("Your name"),
        max_length=FollowUpUpdate._meta.get_field("by_name").max_length,
        help_text=_("Kept in the item's history, so the office knows whom to ask."),
    )


class LinkUpdateForm(DepartmentUpdateForm):
    """Through the signed link: also your name (kept in the history)."""

    by_name = your_name_field()

    field_order = ["by_name", "action", "answer", "reason", "needs_leader", "comment", "evidence"]


class ExtensionRequestForm(OwnIds, ChooseMixin, forms.Form):
    """延期申请: the new date the department asks for, and why."""

    id_prefix = "extension"

    to_date = forms.DateField(label=_("New due date asked for"), widget=DATE_INPUT)
    reason = forms.CharField(label=_("Why more time is needed"), widget=SHORT_TEXT)


class LinkExtensionRequestForm(ExtensionRequestForm):
    """Through the signed link: also your name (kept in the history)."""

    by_name = your_name_field()

    field_order = ["by_name", "to_date", "reason"]
