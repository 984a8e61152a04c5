"""The post-trip report's form: its title and its Markdown body."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accounts.forms import OneLineField
from followups.models import Report


class ReportForm(forms.Form):
    """The draft's title and body; the follow-up table is added from the items, not typed."""

    title = OneLineField(
        label=pgettext_lazy("report", "Title"),
        max_length=Report._meta.get_field("title").max_length,
    )
    body = forms.CharField(
        label=_("Report"),
        required=False,
        max_length=Report._meta.get_field("body").max_length,
        widget=forms.Textarea(attrs={"rows": 24, "class": "report-source"}),
        help_text=_(
            "Sections start with “## ” (“### ” for a part of one), list items with “- ” or "
            "“1. ”; **bold**, *italic*, “> ” for a quotation. The follow-up table is "
            "added after the text from the items themselves."
        ),
    )

    @classmethod
    def for_report(cls, report: Report, data=None) -> ReportForm:
        return cls(data, initial={"title": report.title, "body": report.body})
