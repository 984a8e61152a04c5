# ruff: noqa: RUF001  (Chinese text on purpose)
"""Render a Chinese itinerary as a machine with no CJK font would: run by test_glyphs.py in
a process whose fontconfig sees one Latin font only (FONTCONFIG_FILE).

    python -m tests.printing.fresh_machine OUT.pdf [--without-our-font]

--without-our-font: the fetcher refuses the shipped fonts, as if @font-face were gone.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import django

CONTEXT = {
    "document_name": "行程单",
    "trip": {"title": "河滨水厂调研", "internal": False},
    "dates": "2026年12月21日（星期一）",
    "zone": "",
    "days": [
        {
            "date": "2026年12月21日（星期一）",
            "items": [
                {
                    "time": "09:00–10:30",
                    "title": "考察泵站二号，听取汇报",
                    "kind": "实地考察（看）",
                    "place": "泵站二号",
                    "host_unit": "河滨水厂",
                    "address": "滨江路一号",
                    "attendees": ["王伟（副省长）", "赵敏（科员）"],
                    "contacts": [{"name": "孙厂长", "title": "厂长", "phone": ""}],
                }
            ],
        }
    ],
}


def main() -> None:
    out, without = Path(sys.argv[1]), "--without-our-font" in sys.argv
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    from printing import render

    if without:
        render.ALLOWED_SUFFIXES = {".css"}
    out.write_bytes(render.render("printing/itinerary.html", CONTEXT, language="zh-hans"))


if __name__ == "__main__":
    main()
