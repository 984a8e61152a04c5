"""Evidence forms: a file checked by extension and content (accounts.uploads)."""

from __future__ import annotations

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from accounts import uploads
from accounts.forms import ChooseMixin, OneLineField
from followups.models import Evidence

EVIDENCE_HELP = _("PDF, Word, Excel or an image (PNG, JPEG, GIF, WebP), up to 20 MB.")


def evidence_field(required: bool) -> forms.FileField:
    return forms.FileField(
        label=_("Evidence"),
        required=required,
        max_length=Evidence._meta.get_field("filename").max_length,
        # No "currently" link: stored files have no public address, only the download view.
        widget=forms.FileInput(attrs={"accept": ",".join(uploads.FORMATS)}),
        help_text=EVIDENCE_HELP,
    )


class CheckedEvidence:
    """A form with an `evidence` file field, checked on clean; `checked` once accepted."""

    checked: uploads.Checked | None = None

    def clean_evidence(self) -> UploadedFile | None:
        upload = self.cleaned_data.get("evidence")
        if isinstance(upload, UploadedFile):
            self.checked = uploads.check(upload)
        return upload

    def ask_for_the_file_again(self) -> None:
        """Browsers do not send a chosen file back: when the form is refused for another
        reason, say beside the field that the file must be chosen again."""
        upload = self.cleaned_data.get("evidence") if hasattr(self, "cleaned_data") else None
        if upload and "evidence" not in self.errors:
            self.add_error("evidence", _("The form was not saved: please choose the file again."))


class EvidenceForm(CheckedEvidence, ChooseMixin, forms.Form):
    """One evidence file added on the item's page, and what it shows."""

    evidence = evidence_field(required=True)
    description = OneLineField(
        label=_("What it shows"),
        required=False,
        max_length=Evidence._meta.get_field("description").max_length,
    )
