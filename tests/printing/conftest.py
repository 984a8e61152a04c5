"""Printed documents: a PDF cache of each test's own, and the tests' own templates."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent


@pytest.fixture(autouse=True)
def _pdf_cache(settings, tmp_path):
    """Each test starts with an empty cache of its own."""
    settings.PDF_CACHE_DIR = tmp_path / "pdf-cache"
    return settings.PDF_CACHE_DIR


@pytest.fixture
def test_templates(settings):
    """Templates of tests/printing/templates (printing_tests/...) beside the app's."""
    templates = copy.deepcopy(settings.TEMPLATES)
    templates[0]["DIRS"] = [*templates[0]["DIRS"], HERE / "templates"]
    settings.TEMPLATES = templates
