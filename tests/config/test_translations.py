"""The zh-Hans catalogue is complete, current, and compiled; the language switch works."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

from tests import services

ROOT = Path(__file__).resolve().parents[2]
PO = ROOT / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")
SOURCES = ("config", "trips", "briefings", "followups", "outbox", "printing", "templates")


def translations(catalogue) -> dict[tuple[str, str], object]:
    return {
        (e.msgctxt or "", e.msgid): (e.msgstr, tuple(sorted(e.msgstr_plural.items())))
        for e in catalogue
        if not e.obsolete
    }


def test_every_entry_is_translated_and_none_is_fuzzy():
    po = polib.pofile(str(PO))
    untranslated = [e.msgid for e in po.untranslated_entries()]
    fuzzy = [e.msgid for e in po.fuzzy_entries()]
    empty_plural = [e.msgid for e in po if e.msgid_plural and not all(e.msgstr_plural.values())]
    assert untranslated == [], f"untranslated: {untranslated}"
    assert fuzzy == [], f"fuzzy: {fuzzy}"
    assert empty_plural == [], f"plural forms missing: {empty_plural}"


def test_compiled_catalogue_matches_the_po_file():
    assert translations(polib.mofile(str(MO))) == {
        key: value for key, value in translations(polib.pofile(str(PO))).items() if key[1]
    }, "locale/zh_Hans/LC_MESSAGES/django.mo is stale: run `make messages`"


def test_catalogue_holds_every_string_in_the_code(tmp_path):
    """Extract the strings afresh (makemessages in a copy) and find none missing."""
    services.need(
        bool(shutil.which("xgettext")), "GNU gettext not installed (apt-get install gettext)"
    )
    for name in (*SOURCES, "manage.py"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, tmp_path / name)
    (tmp_path / "locale").mkdir()
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "zh_Hans", "--no-obsolete"],
        cwd=tmp_path,
        env={"VAR_DIR": str(tmp_path / "var"), "PATH": "/usr/bin:/bin"},
        check=True,
        capture_output=True,
    )
    fresh = polib.pofile(str(tmp_path / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"))
    known = {(e.msgctxt or "", e.msgid) for e in polib.pofile(str(PO))}
    missing = sorted(e.msgid for e in fresh if (e.msgctxt or "", e.msgid) not in known)
    assert missing == [], f"not in the catalogue (run `make messages`): {missing}"


@pytest.mark.django_db
def test_language_switch_shows_the_dashboard_in_chinese(client, secretary):
    client.force_login(secretary)
    response = client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/"}, follow=True)
    assert response.status_code == 200
    assert '<html lang="zh-hans">' in response.content.decode()
    assert "工作台" in response.content.decode()
