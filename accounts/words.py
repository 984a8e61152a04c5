# ruff: noqa: RUF002  (the Chinese separators are full-width)
"""The small words between others, in the reader's language, in one place.

A label's colon, a comma between clauses, the separators of a list, a remark in brackets:
": ", ", ", ", ", "; " and " (…)" in English; "：", "，", "、", "；" and "（…）" in
Chinese, never a half-width sign beside a hanzi. Each comes from the catalogue (pgettext),
so a language states its own. Pages use them through the `words` template tags ({% colon %},
{% comma %}, {% list_comma %}, {% semicolon %}, {% open_aside %}…{% close_aside %}, |series,
|entries, |aside); code that writes text (documents, exports, e-mails built in Python) calls
these functions.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from django.utils import translation
from django.utils.functional import lazy
from django.utils.translation import pgettext


@contextmanager
def _speaking(language: str | None) -> Iterator[None]:
    """In the language given; in the active one without."""
    if not language:
        yield
        return
    with translation.override(language):
        yield


def colon(language: str | None = None) -> str:
    """After a label: "Place: " / "地点：" (no space after the full-width colon)."""
    with _speaking(language):
        return pgettext("label separator", ": ")


def comma(language: str | None = None) -> str:
    """Between two parts of one phrase (a place and its address, who and when): ", " / "，"."""
    with _speaking(language):
        return pgettext("clause separator", ", ")


def list_comma(language: str | None = None) -> str:
    """Between the names or words of a list: ", " / "、"."""
    with _speaking(language):
        return pgettext("list separator", ", ")


def semicolon(language: str | None = None) -> str:
    """Between entries that hold commas of their own: "; " / "；"."""
    with _speaking(language):
        return pgettext("list separator", "; ")


def series(parts: Iterable, language: str | None = None) -> str:
    """A list of names or words: "Wang Wei, Li Na" / "王伟、李娜"."""
    return list_comma(language).join(str(p) for p in parts if p)


def entries(parts: Iterable, language: str | None = None) -> str:
    """Entries that hold commas of their own (a name, a title and a phone): "a; b" / "a；b"."""
    return semicolon(language).join(str(p) for p in parts if p)


def open_aside(language: str | None = None) -> str:
    """The opening of a remark in brackets after a word: " (" / "（"."""
    with _speaking(language):
        return pgettext("remark in brackets", " (")


def close_aside(language: str | None = None) -> str:
    """The closing of a remark in brackets: ")" / "）"."""
    with _speaking(language):
        return pgettext("remark in brackets", ")")


def aside(text, language: str | None = None) -> str:
    """A remark after a word, in brackets: "Forum (3)" / "座谈会（3）"; empty stays empty."""
    if text in (None, ""):
        return ""
    return f"{open_aside(language)}{text}{close_aside(language)}"


def labelled(label, value, language: str | None = None) -> str:
    """A label and its value: "Status: done" / "状态：已完成"."""
    return f"{label}{colon(language)}{value}"


# The same, worded only when shown, in the language active then (an e-mail's cause is worded
# in the e-mail's language: outbox.mail.make_message).
labelled_lazy = lazy(labelled, str)
