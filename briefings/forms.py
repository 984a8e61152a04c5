"""Briefing forms: a section, a figure, a person of the leadership team, an attachment."""

from __future__ import annotations

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from accounts import uploads
from accounts.forms import ChooseMixin, OneLineField, one_line_formfield
from briefings.models import Attachment, Briefing, Figure, Material, Person, Sourced


class SectionForm(ChooseMixin, forms.ModelForm):
    class Meta:
        model = Briefing
        formfield_callback = one_line_formfield
        fields = ["topic", "title", "body", "source", "first_hand"]
        widgets = {"body": forms.Textarea(attrs={"rows": 8})}


class FigureForm(ChooseMixin, forms.ModelForm):
    class Meta:
        model = Figure
        formfield_callback = one_line_formfield
        fields = ["label", "value", "unit", "as_of", "source", "first_hand"]
        widgets = {
            "value": forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
            "as_of": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }


class PersonForm(ChooseMixin, forms.ModelForm):
    class Meta:
        model = Person
        formfield_callback = one_line_formfield
        fields = ["name", "title", "responsibilities", "order", "source", "first_hand"]
        widgets = {"responsibilities": forms.Textarea(attrs={"rows": 3})}
        # A person's name and post (姓名, 职务), not an object's name and title.
        labels = {"name": capfirst(_("full name")), "title": capfirst(_("job title"))}


class AttachmentForm(ChooseMixin, forms.ModelForm):
    """A file checked by extension and content (accounts.uploads) before it is stored."""

    class Meta:
        model = Attachment
        formfield_callback = one_line_formfield
        fields = ["title", "file"]
        # No "currently" link: stored files have no public address, only the download view.
        widgets = {"file": forms.FileInput(attrs={"accept": ",".join(uploads.FORMATS)})}
        help_texts = {
            "file": _("PDF, Word, Excel or an image (PNG, JPEG, GIF, WebP), up to 20 MB."),
        }

    def clean_file(self) -> UploadedFile:
        upload = self.cleaned_data["file"]
        # Only a new upload is checked; an edit that keeps the stored file passes.
        if isinstance(upload, UploadedFile):
            self.checked = uploads.check(upload)
        return upload

    def save(self, commit: bool = True) -> Attachment:
        if getattr(self, "checked", None):
            self.instance.set_file(self.cleaned_data["file"], self.checked)
        return super().save(commit)


# The kinds of material, as named in URLs and on the pages.
FORMS: dict[str, type[forms.ModelForm]] = {
    "section": SectionForm,
    "figure": FigureForm,
    "person": PersonForm,
    "attachment": AttachmentForm,
}


def form_for(kind: str) -> type[forms.ModelForm]:
    return FORMS[kind]


def model_for(kind: str) -> type[Material]:
    return FORMS[kind]._meta.model


# Page titles and buttons of the add and edit forms, by kind.
ADD_LABELS = {
    "section": _("Add a section"),
    "figure": _("Add a figure"),
    "person": _("Add a person"),
    "attachment": _("Add an attachment"),
}
EDIT_LABELS = {
    "section": _("Edit the section"),
    "figure": _("Edit the figure"),
    "person": _("Edit the person"),
    "attachment": _("Edit the attachment"),
}


class VerifyForm(forms.Form):
    """The one-click "Mark verified": it carries the fingerprint of the content seen."""

    seen = OneLineField(required=False)
    undo = forms.BooleanField(required=False)
    how = forms.ChoiceField(
        label=_("How"), required=False, choices=[("", "—"), *Sourced.VerifiedHow.choices]
    )
