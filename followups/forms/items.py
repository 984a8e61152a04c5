"""Follow-up item forms: the new item from a note, the office's update, the board's filters."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accounts import people, roles
from accounts.forms import ChooseMixin, one_line_formfield
from directory.models import Contact, Department
from followups import workflow
from followups.models import FollowUp, Light
from trips.access import visible_trips
from trips.forms.trips import DATE_INPUT, SHORT_TEXT
from trips.models import Trip


class ContactChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Contact) -> str:
        return people.with_title(obj.name, obj.title)


class FollowUpForm(ChooseMixin, forms.ModelForm):
    """A follow-up item: what is to be done, which department answers for it, by when."""

    contact = ContactChoiceField(
        queryset=Contact.objects.none(),
        label=_("Contact at the department"),
        required=False,
        help_text=_("One of the people who answer for the owner department."),
    )

    class Meta:
        model = FollowUp
        formfield_callback = one_line_formfield
        fields = [
            "title",
            "to_do",
            "host_unit",
            "department",
            "contact",
            "co_owners",
            "due_date",
            "priority",
        ]
        widgets = {
            "to_do": SHORT_TEXT,
            "due_date": DATE_INPUT,
            "co_owners": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Only people who speak for some department; clean() checks it is the chosen one.
        self.fields["contact"].queryset = (
            Contact.objects.filter(departments__isnull=False).distinct().order_by("name")
        )
        self.fields["co_owners"].required = False

    def clean(self) -> dict:
        cleaned = super().clean()
        department, contact = cleaned.get("department"), cleaned.get("contact")
        if department and contact and not department.contacts.filter(pk=contact.pk).exists():
            self.add_error(
                "contact",
                _("%(name)s does not answer for %(department)s.")
                % {"name": contact.name, "department": department.name},
            )
        co_owners = cleaned.get("co_owners")
        if department and co_owners and department in co_owners:
            self.add_error("co_owners", _("The owner department is not also a co-owner."))
        return cleaned


class OfficeUpdateForm(ChooseMixin, forms.Form):
    """The office's change to an item in place: the leader's help, a comment, and an answer
    the department gave by phone or on paper (代录), which then waits for review like any."""

    record = forms.ChoiceField(
        label=_("Record the department's answer"),
        required=False,
        widget=forms.RadioSelect,
        choices=[
            ("", pgettext_lazy("record answer", "No answer to record")),
            (FollowUp.AnswerKind.DONE, pgettext_lazy("record answer", "It is done")),
            (FollowUp.AnswerKind.CANNOT, pgettext_lazy("record answer", "It cannot be done")),
        ],
        help_text=_("Given by phone or on paper; it is then reviewed like any answer."),
    )
    answer = forms.CharField(
        label=_("Answer given"),
        required=False,
        widget=SHORT_TEXT,
        help_text=_("What the host unit or the person concerned was told. Needed for “done”."),
    )
    reason = forms.CharField(
        label=_("Why it cannot be done"),
        required=False,
        widget=SHORT_TEXT,
        help_text=_("Needed for “cannot be done”; the secretaries and the leader are told."),
    )
    needs_leader = forms.BooleanField(
        label=_("Needs the leader's help"),
        required=False,
        help_text=_("The trip's secretaries are told at once."),
    )
    comment = forms.CharField(label=_("Comment"), required=False, widget=SHORT_TEXT)

    @classmethod
    def for_item(cls, item: FollowUp, data=None) -> OfficeUpdateForm:
        form = cls(
            data,
            initial={
                "answer": item.answer,
                "reason": item.reason,
                "needs_leader": item.needs_leader,
            },
        )
        if item.status not in workflow.ANSWER_FROM:  # answered or settled: nothing to record
            for name in ("record", "answer", "reason"):
                del form.fields[name]
        return form

    def clean(self) -> dict:
        cleaned = super().clean()
        record = cleaned.get("record")
        if record == FollowUp.AnswerKind.DONE and not (cleaned.get("answer") or "").strip():
            self.add_error("answer", _("Write the answer given."))
        if record == FollowUp.AnswerKind.CANNOT and not (cleaned.get("reason") or "").strip():
            self.add_error("reason", _("Say why it cannot be done."))
        return cleaned


class BoardFilterForm(ChooseMixin, forms.Form):
    """The board's filters; an empty or wrong value filters nothing."""

    department = forms.ModelChoiceField(
        queryset=Department.objects.all(), label=_("Department"), required=False
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", "---------"), *FollowUp.Status.choices], required=False
    )
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)
    light = forms.ChoiceField(
        label=_("Light"), choices=[("", "---------"), *Light.choices], required=False
    )
    trip = forms.ModelChoiceField(queryset=Trip.objects.none(), label=_("Trip"), required=False)
    leader = forms.ModelChoiceField(
        queryset=get_user_model().objects.none(), label=_("Leader"), required=False
    )
    needs_me = forms.BooleanField(label=_("Only what needs me"), required=False)

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        if not roles.is_leader(user):  # what needs a leader's help: a leader's own filter
            del self.fields["needs_me"]
        # The trips whose items the board shows (followups.items.board).
        self.fields["trip"].queryset = visible_trips(user).order_by("-start_date", "pk")
        self.fields["leader"].queryset = (
            get_user_model()
            .objects.filter(groups__name=roles.LEADER)
            .select_related("profile")
            .order_by("profile__protocol_rank", "pk")
        )
        self.fields["leader"].label_from_instance = people.display_name

    def filters(self) -> dict:
        """The valid filters, as keyword arguments of followups.items.board()."""
        if not self.is_valid():
            return {}
        found = {k: v for k, v in self.cleaned_data.items() if v not in (None, "", False)}
        if found.pop("needs_me", False):
            found["needing"] = self.user
        return found
