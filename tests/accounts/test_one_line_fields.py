"""One-line fields: a title, a name, a unit typed or pasted with line breaks stays one line."""

from __future__ import annotations

import importlib
import pkgutil

import pytest
from django import forms

from accounts.forms import OneLineField, one_line

APPS = ("accounts", "directory", "trips", "followups", "briefings", "logistics", "printing", "desk")
# Modules that are scripts rather than parts of the app.
SCRIPTS = ("printing.bench", "printing.fonts")


def _project_forms() -> list[type[forms.BaseForm]]:
    for app in APPS:
        package = importlib.import_module(app)
        for module in pkgutil.walk_packages(package.__path__, f"{app}."):
            name = module.name
            if ".migrations" in name or name.startswith(SCRIPTS) or ".management" in name:
                continue
            importlib.import_module(name)
    found, todo = [], [forms.BaseForm]
    while todo:
        for sub in todo.pop().__subclasses__():
            todo.append(sub)
            if sub.__module__.split(".")[0] in APPS:
                found.append(sub)
    return found


def test_control_characters_become_single_spaces():
    assert one_line("a\r\nb\tc") == "a b c"
    assert one_line("  王伟\u2028副省长\x07 ") == "王伟 副省长"


@pytest.mark.parametrize("form", _project_forms(), ids=lambda form: form.__qualname__)
def test_every_one_line_text_field_of_a_form_is_a_one_line_field(form):
    plain = [
        name
        for name, field in form.base_fields.items()
        if type(field) is forms.CharField
        and not isinstance(field.widget, forms.Textarea | forms.HiddenInput | forms.Select)
    ]
    assert not plain, f"{form.__module__}.{form.__qualname__}: use OneLineField for {plain}"


def test_a_one_line_field_cleans_to_one_line():
    assert OneLineField().clean("Visit\r\nthe\tplant") == "Visit the plant"
