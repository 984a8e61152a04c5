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


# The glossary's words (../shared/domain/README.md, "Glossary (for the Chinese translation)"),
# as far as the catalogue uses their English words. Copied here, since the tests run without
# the shared folder: change both together.
GLOSSARY = {
    "trip": ("出行", "行程"),
    "itinerary": ("行程安排",),
    "visit": ("活动", "考察点"),
    "host unit": ("接待单位",),
    "approval": ("审批",),
    "notice": ("通知",),
    "acknowledgement": ("回执",),
    "checklist": ("准备事项",),
    "briefing": ("背景资料",),
    "accompanying staff": ("随行人员",),
    "forum": ("座谈会",),
    "follow-up item": ("督办事项",),
    "owner department": ("承办部门",),
    "trip pack": ("行程手册",),
    "post-trip report": ("出行情况报告",),
}
# English words that mean two things here, and the glossary's word for each meaning: a
# person's title is a post (职务), an item's or a document's a heading (标题); an item is a
# visit of the itinerary (活动) or a follow-up or checklist item (事项). The msgctxt says
# which meaning an entry has (the first meaning whose marks it holds); one msgstr never
# serves two meanings. Issue 19 found a follow-up item's "Title" translated 职务.
MEANINGS = {
    "title": {
        "person": (("person", "contact", "party", "seat"), ("职务",)),
        "heading": (("item", "trip", "report", "briefing", "document"), ("标题", "名称", "事项")),
    },
    "item": {
        "follow-up": (("follow-up",), ("事项",)),
        "checklist": (("checklist",), ("事项",)),
        "visit": (("itinerary", "visit"), ("活动", "考察点")),
    },
}


def _word(msgid: str) -> str:
    """The English word of an entry: lower case, without a trailing colon or plural s."""
    word = msgid.strip().rstrip(":").lower()
    return word[:-1] if word.endswith("s") and word[:-1] in {*MEANINGS, *GLOSSARY} else word


def _meaning(word: str, context: str) -> str | None:
    for meaning, (marks, _terms) in MEANINGS[word].items():
        if any(mark in context for mark in marks):
            return meaning
    return None


def _two_meaning_entries():
    for entry in polib.pofile(str(PO)):
        word = _word(entry.msgid)
        if word in MEANINGS and not entry.obsolete:
            yield word, entry


def test_a_word_with_two_meanings_says_which_it_means():
    unsaid = [
        (entry.msgctxt, entry.msgid)
        for word, entry in _two_meaning_entries()
        if _meaning(word, entry.msgctxt or "") is None
    ]
    assert unsaid == [], "give these a msgctxt (pgettext) naming what they are the title of"


def test_each_meaning_has_the_glossarys_word():
    wrong = []
    for word, entry in _two_meaning_entries():
        meaning = _meaning(word, entry.msgctxt or "")
        others = {t for m, (_marks, terms) in MEANINGS[word].items() if m != meaning for t in terms}
        own = MEANINGS[word][meaning][1] if meaning else ()
        if not any(t in entry.msgstr for t in own) or (
            entry.msgstr in others and entry.msgstr not in own
        ):
            wrong.append((entry.msgctxt, entry.msgid, entry.msgstr))
    assert wrong == []


def test_no_translation_serves_two_meanings_of_one_word():
    meanings: dict[tuple[str, str], set[str]] = {}
    for word, entry in _two_meaning_entries():
        meaning = _meaning(word, entry.msgctxt or "") or "unsaid"
        meanings.setdefault((word, entry.msgstr), set()).add(meaning)
    shared = {key: found for key, found in meanings.items() if len(found) > 1}
    assert shared == {}


def test_the_catalogue_uses_the_glossarys_words():
    off = [
        (entry.msgctxt, entry.msgid, entry.msgstr)
        for entry in polib.pofile(str(PO))
        if _word(entry.msgid) in GLOSSARY
        and entry.msgctxt != "printed document"  # a document's own name (行程单)
        and not any(term in entry.msgstr for term in GLOSSARY[_word(entry.msgid)])
    ]
    assert off == []
