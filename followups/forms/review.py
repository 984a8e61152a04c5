"""The office's review of a department's answer (审核), and the leader's (领导审阅)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accounts.forms import ChooseMixin
from trips.forms.trips import SHORT_TEXT


class OwnIds:
    """Field ids of their own: the item page holds this form beside the status form, whose
    fields (comment, decision) share the names."""

    id_prefix = ""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("auto_id", f"{self.id_prefix}-%s")
        super().__init__(*args, **kwargs)


class ReviewForm(OwnIds, ChooseMixin, forms.Form):
    """Accept the answer (销号), or return it with the reason (退回)."""

    id_prefix = "review"

    decision = forms.ChoiceField(
        label=_("Your review"),
        widget=forms.RadioSelect,
        choices=[
            ("accept", pgettext_lazy("review", "Accept the answer (销号)")),
            ("return", pgettext_lazy("review", "Return it to the department (退回)")),
        ],
    )
    comment = forms.CharField(
        label=_("Comment, or why it is returned"),
        required=False,
        widget=SHORT_TEXT,
        help_text=_("A returned answer needs the reason: the department reads it."),
    )


class LeaderReviewForm(OwnIds, ChooseMixin, forms.Form):
    """Agree with the answer, or write a 批示 that reopens the item."""

    id_prefix = "leader-review"

    decision = forms.ChoiceField(
        label=_("Your review"),
        widget=forms.RadioSelect,
        choices=[
            ("agree", pgettext_lazy("leader review", "Agree: the matter is settled")),
            ("instruct", pgettext_lazy("leader review", "Write an instruction (批示)")),
        ],
    )
    instruction = forms.CharField(
        label=_("Instruction (批示)"),
        required=False,
        widget=SHORT_TEXT,
        help_text=_("Reopens the item: the department reads it and answers again."),
    )


class PartReviewForm(OwnIds, ChooseMixin, forms.Form):
    """Accept a co-owner's part, or return it with the reason."""

    id_prefix = "part-review"

    decision = forms.ChoiceField(
        label=_("Your review of this part"),
        widget=forms.RadioSelect,
        choices=[
            ("accept", pgettext_lazy("review", "Accept the part")),
            ("return", pgettext_lazy("review", "Return it to the co-owner (退回)")),
        ],
    )
    comment = forms.CharField(
        label=_("Comment, or why it is returned"), required=False, widget=SHORT_TEXT
    )

    @classmethod
    def for_part(cls, part, data=None) -> PartReviewForm:
        """One form per answered part on the item page, each with ids of its own."""
        form = cls(data, auto_id=f"part-{part.pk}-%s")
        form.part_pk = part.pk
        return form


class ExtensionDecisionForm(OwnIds, ChooseMixin, forms.Form):
    """Approve a request for more time, or refuse it with the reason."""

    id_prefix = "extension-decision"

    decision = forms.ChoiceField(
        label=_("Your decision"),
        widget=forms.RadioSelect,
        choices=[
            ("approve", pgettext_lazy("extension", "Approve the new date")),
            ("refuse", pgettext_lazy("extension", "Refuse: the due date stays")),
        ],
    )
    comment = forms.CharField(
        label=_("Comment, or why it is refused"),
        required=False,
        widget=SHORT_TEXT,
        help_text=_("A refusal needs the reason: the department reads it."),
    )
