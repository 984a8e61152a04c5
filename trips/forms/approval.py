"""Approval forms: submitting the plan, the leader's decision, the trip's next step."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from trips import approval, schedule, snapshot
from trips.models import Trip, TripVersion

S = Trip.Status
D = TripVersion.Decision
ITEM_PREFIX = "item-"
# The steps of the workflow a secretary takes by hand, with their buttons' words. Closing
# is the follow-up panel's (followups.items.close_trip), cancelling the CancelForm's.
STEPS = {
    S.IN_PROGRESS: _("Start trip"),
    S.COMPLETED: _("Complete trip"),
}


class SubmitForm(forms.Form):
    """Send the plan to the leader, with an optional note; with schedule findings open, only
    once the secretary confirms that the leader should decide with them open."""

    note = forms.CharField(
        label=_("Note to the leader"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Optional: what to look at, what changed."),
    )
    confirm = forms.BooleanField(
        required=False,
        error_messages={
            "required": _(
                "Tick this to submit with the findings open, or correct the itinerary first."
            )
        },
    )

    def __init__(self, *args, findings: Sequence[schedule.Finding] = (), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.findings = list(findings)
        if not self.findings:
            del self.fields["confirm"]
            return
        confirm = self.fields["confirm"]
        confirm.required = True
        confirm.label = ngettext(
            "Submit with one finding open: the leader sees it first.",
            "Submit with %(count)s findings open: the leader sees them first.",
            len(self.findings),
        ) % {"count": len(self.findings)}


class AdvanceForm(forms.Form):
    """Start or complete the trip; the workflow refuses a step out of turn."""

    to = forms.ChoiceField(
        choices=list(STEPS.items()),
        error_messages={"invalid_choice": _("Choose a step of the workflow.")},
    )

    def __init__(self, *args, trip: Trip, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.trip = trip

    @property
    def steps(self) -> list[tuple[str, str]]:
        """The buttons to show: the steps the trip may take today (it starts on its day)."""
        today = self.trip.local(timezone.now()).date()
        return [(to, STEPS[to]) for to in approval.next_steps(self.trip, today)]


class CancelForm(forms.Form):
    """Call the trip off: the reason goes into its history (the hosts are not told it)."""

    reason = forms.CharField(
        label=_("Why is the trip cancelled?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_(
            "Kept in the trip's history for the team. The host units receive a cancellation "
            "notice without the reason."
        ),
        error_messages={"required": _("Say why the trip is cancelled.")},
    )


class DecisionForm(forms.Form):
    """The leader approves the version or asks for changes, on the whole and on items."""

    decision = forms.ChoiceField(
        choices=[(D.APPROVED, _("Approve")), (D.CHANGES_REQUESTED, _("Request changes"))],
        error_messages={"required": _("Choose “Approve” or “Request changes”.")},
    )
    comment = forms.CharField(
        label=_("Your comment on the whole plan"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, items: Iterable[snapshot.Item], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # One box per item of the version; the boxes sit beside their items on the page,
        # outside the <form> element, joined to it by their form="decision-form" attribute.
        for item in items:
            self.fields[f"{ITEM_PREFIX}{item.id}"] = forms.CharField(
                label=_("Your comment on “%(title)s”") % {"title": item.title},
                required=False,
                widget=forms.Textarea(attrs={"rows": 2, "form": "decision-form"}),
            )

    def boxes(self) -> dict[int, forms.BoundField]:
        """Each item's comment field, by the item's id in the snapshot."""
        return {
            int(name.removeprefix(ITEM_PREFIX)): self[name]
            for name in self.fields
            if name.startswith(ITEM_PREFIX)
        }

    def item_comments(self) -> dict[int, str]:
        """The comments the leader wrote on items, by item id."""
        return {
            int(name.removeprefix(ITEM_PREFIX)): text
            for name, text in self.cleaned_data.items()
            if name.startswith(ITEM_PREFIX) and text.strip()
        }
