"""Account forms."""

from __future__ import annotations

import unicodedata

from django import forms
from django.conf import settings
from django.contrib.auth.forms import PasswordResetForm
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts import emails, throttle, uploads

HOUR = 3600
DASHES = "---------"  # Django's empty choice, which reads as nothing in any language


class ChooseMixin:
    """Every select offers "Choose…" (请选择) for no choice instead of Django's dashes.

    Put first in a form's bases: class TripForm(ChooseMixin, forms.ModelForm)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.ModelChoiceField):
                if field.empty_label == DASHES:
                    field.empty_label = _("Choose…")
            elif isinstance(field, forms.ChoiceField):
                choices = list(field.choices)
                if choices and choices[0] == ("", DASHES):
                    field.choices = [("", _("Choose…")), *choices[1:]]


def one_line(text: str) -> str:
    """Text for one line: line breaks, tabs and other control characters become one space
    each run, and the ends are trimmed ("a\\r\\nb\\tc" is "a b c")."""
    spaced = "".join(" " if unicodedata.category(c) == "Cc" else c for c in text)
    return " ".join(spaced.split())


class OneLineField(forms.CharField):
    """A one-line text (a title, a name, a unit): what is pasted into it stays on one line,
    so it prints as one line in e-mails, documents and lists."""

    def to_python(self, value):
        value = super().to_python(value)
        return one_line(value) if isinstance(value, str) else value


def one_line_formfield(field: models.Field, **kwargs) -> forms.Field | None:
    """A model form's field for a model field: a plain model CharField becomes a
    OneLineField (unless its widget is a text area). Every ModelForm's Meta names it:
    formfield_callback = one_line_formfield."""
    plain = type(field) is models.CharField and not field.choices
    if plain and not isinstance(kwargs.get("widget"), forms.Textarea):
        kwargs.setdefault("form_class", OneLineField)
    return field.formfield(**kwargs)


class OutboxPasswordResetForm(PasswordResetForm):
    """Django's password reset, with the e-mail written to the outbox like every other."""

    def save(self, *args, request=None, **kwargs) -> None:
        """Send the link unless this address or this e-mail asked too often this hour."""
        # A throttled request ends on the same "check your e-mail" page as any other, so
        # that it tells nobody whether an account uses the address.
        limit = settings.PASSWORD_RESET_LIMIT
        email = self.cleaned_data["email"].strip().lower()
        by_ip = throttle.allow(f"reset-ip:{throttle.client_ip(request)}", limit, HOUR)
        by_email = throttle.allow(f"reset-email:{email}", limit, HOUR)
        if by_ip and by_email:
            super().save(*args, request=request, **kwargs)

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ) -> None:
        emails.send_password_reset(
            context["user"], to_email, uid=context["uid"], token=context["token"]
        )


UPLOAD_HELP = _("PDF, Word, Excel or an image (PNG, JPEG, GIF, WebP), up to 20 MB.")


def checked_file_field(label, *, required: bool, max_length: int) -> forms.FileField:
    """A file field for a document or a photo, checked by CheckedUpload (accounts.uploads)."""
    return forms.FileField(
        label=label,
        required=required,
        max_length=max_length,
        # No "currently" link: stored files have no public address, only the download view.
        widget=forms.FileInput(attrs={"accept": ",".join(uploads.FORMATS)}),
        help_text=UPLOAD_HELP,
    )


class CheckedUpload:
    """A form with one file field (`upload_field`), checked by extension and content on
    clean (accounts.uploads.check); `checked` once accepted."""

    upload_field = "evidence"
    checked: uploads.Checked | None = None

    def clean(self) -> dict:
        cleaned = super().clean()
        upload = cleaned.get(self.upload_field)
        if isinstance(upload, UploadedFile):
            try:
                self.checked = uploads.check(upload)
            except ValidationError as refused:
                self.add_error(self.upload_field, refused)
        return cleaned

    def ask_for_the_file_again(self) -> None:
        """Browsers do not send a chosen file back: when the form is refused for another
        reason, say beside the field that the file must be chosen again."""
        cleaned = getattr(self, "cleaned_data", {})
        if cleaned.get(self.upload_field) and self.upload_field not in self.errors:
            self.add_error(
                self.upload_field, _("The form was not saved: please choose the file again.")
            )


def refusal_by_field(error: ValidationError) -> dict:
    """A domain function's refusal keyed by field (None for the form as a whole)."""
    return error.message_dict if hasattr(error, "error_dict") else {None: error.messages}


def add_refusal(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a domain function's refusal on the form: beside its fields, or on top."""
    for field, errors in refusal_by_field(error).items():
        form.add_error(field if field in form.fields else None, errors)
