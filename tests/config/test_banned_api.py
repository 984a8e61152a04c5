"""make lint refuses what import-linter cannot see: an app reaching another through
apps.get_model or a dotted string (ruff's banned-api rule TID251, in pyproject.toml)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
RUFF = Path(sys.executable).with_name("ruff")


def ruff_codes(source: str, path: str) -> list[str]:
    """The rules ruff, with the project's configuration, finds broken in the source as if it
    were the file at path."""
    done = subprocess.run(
        [RUFF, "check", "--output-format", "json", "--stdin-filename", path, "-"],
        input=source,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    return [finding["code"] for finding in json.loads(done.stdout)]


@pytest.mark.parametrize(
    "source",
    [
        'from django.apps import apps\n\nTrip = apps.get_model("trips", "Trip")\n',
        'import django.apps\n\nTrip = django.apps.apps.get_model("trips", "Trip")\n',
        'from django.apps.registry import apps\n\nTrip = apps.get_model("trips.Trip")\n',
        'from django.apps import apps\n\ntrips = apps.get_app_config("trips")\n',
        "from django.utils.module_loading import import_string\n\n"
        'Trip = import_string("trips.models.Trip")\n',
    ],
    ids=["apps.get_model", "django.apps.apps.get_model", "registry", "app config", "string"],
)
def test_lint_fails_on_an_app_reaching_another_around_the_layers(source):
    assert ruff_codes(source, "outbox/sneaky.py") == ["TID251"]


def test_a_migration_gets_its_models_through_apps_get_model():
    source = (
        "from django.apps import apps\n\n"
        'Trip = apps.get_model("trips", "Trip")\n\n\n'
        "def forwards(apps, schema_editor):\n"
        '    apps.get_model("trips", "Trip")\n'
    )
    assert ruff_codes(source, "outbox/migrations/0099_sneaky.py") == []


def test_an_ordinary_import_passes():
    assert ruff_codes("from trips.models import Trip\n\n__all__ = ['Trip']\n", "outbox/x.py") == []
