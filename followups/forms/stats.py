"""The 督办统计's filters: trip, leader, the period of the original due dates."""

from __future__ import annotations

from datetime import date

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from accounts import people, roles
from accounts.forms import ChooseMixin
from followups import access
from trips.forms.trips import DATE_INPUT


def this_year(today: date) -> tuple[date, date]:
    """The period the page opens on: the calendar year of today."""
    return date(today.year, 1, 1), date(today.year, 12, 31)


class StatsFilterForm(ChooseMixin, forms.Form):
    """Which items the statistics count; a wrong value filters nothing, a date left empty
    leaves that end of the period open, a date not asked for is this year's."""

    trip = forms.ModelChoiceField(queryset=None, label=_("Trip"), required=False)
    leader = forms.ModelChoiceField(queryset=None, label=_("Leader"), required=False)
    start = forms.DateField(label=_("Due from"), required=False, widget=DATE_INPUT)
    end = forms.DateField(label=_("Due until"), required=False, widget=DATE_INPUT)

    def __init__(self, data=None, *, user, today: date, **kwargs) -> None:
        start, end = this_year(today)
        super().__init__(data, initial={"start": start, "end": end}, **kwargs)
        self.fields["trip"].queryset = access.stats_trips(user).order_by("-start_date", "pk")
        self.fields["leader"].queryset = (
            get_user_model()
            .objects.filter(groups__name=roles.LEADER)
            .select_related("profile")
            .order_by("profile__protocol_rank", "pk")
        )
        self.fields["leader"].label_from_instance = people.display_name

    def clean(self) -> dict:
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            self.add_error("end", _("The period ends before it starts."))
        return cleaned

    def filters(self) -> dict:
        """The valid filters, as keyword arguments of followups.stats.chosen(); the period
        of the page's first opening when nothing was asked."""
        if not self.is_bound:
            return {"start": self.initial["start"], "end": self.initial["end"]}
        self.is_valid()
        found = {
            name: self.cleaned_data.get(name)
            for name in ("trip", "leader", "start", "end")
            if name not in self.errors
        }
        # A link that names no period (?trip=3) means this year; a date left empty in the
        # form, no limit at that end.
        for name in ("start", "end"):
            if name not in self.data:
                found[name] = self.initial[name]
        return found
