# ruff: noqa: RUF001  (the 公函 is Chinese paper: full-width punctuation throughout)
"""The 公函: the office's official letter to each host unit of an approved version, and the
phone notice (电话通知) that may stand in for it.

"无公函的公务活动和来访人员一律不予接待" (党政机关国内公务接待管理规定, Art. 7): the office,
as the 派出单位, writes to each 接待单位 with the 事由, the time, the party (names and posts)
and the numbers. Tripdesk writes the letter from the unit's part of the approved version
(notices.parts, as its notice has it), in Chinese (the letter is Chinese paper), with the
"do-not" lines of Art. 8 and 9 and of the 八项规定. The secretary may edit a draft; issuing
freezes it; a change after it is a new letter (变更函) that names the old one by its
发文字号, with a number of its own.

Numbers (发文字号) come from LetterCounter, one row a year locked while a number is given:
unique per year (a database constraint too) and never given again, a deleted draft's
neither. The print forms (GB/T 9704 信函格式, PDF and Word) are printing.letters'.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts import dates
from directory.models import HostUnit
from notices import official
from notices.access import trip_units
from notices.drafts import NoticeDraft, prepare
from notices.models import LetterCounter, OfficialLetter, PhoneNotice
from notices.parts import Part, PartItem, part_changes, read_changes, read_part
from trips.models import Trip

LANGUAGE = "zh-hans"  # the 公函 is Chinese paper, whatever the unit's language
INDENT = "\u3000\u3000"  # a paragraph starts two characters in (GB/T 9704 7.3.3)
SECTION_NUMBERS = "一二三四五六七八九十"
# A finished trip writes no more letters.
FINISHED = (Trip.Status.COMPLETED, Trip.Status.CLOSED, Trip.Status.CANCELLED)

# The "do-not" lines of every 公函, each with the rule it comes from (../shared/domain/rules.md §1).
RULES = (
    # 党政机关国内公务接待管理规定 (2013), Art. 8
    "按照《党政机关国内公务接待管理规定》第八条，请勿到机场、车站、码头和辖区边界迎送，"
    "不张贴悬挂标语横幅，不安排群众迎送，不铺设迎宾地毯；严格控制陪同人数，不层层多人陪同。",
    # the same, Art. 9
    "按照《党政机关国内公务接待管理规定》第九条，住宿安排标准间，不超标准安排接待住房，"
    "不额外配发洗漱用品。",
    # 八项规定 (2012) on 调研
    "按照中央八项规定精神，轻车简从、简化接待，不摆放花草，不安排宴请；"
    "工作餐按标准安排，不提供香烟和高档酒水。",
)


def prefix() -> str:
    """The office's prefix of its letters' numbers (e.g. 青政办函), from the settings."""
    return settings.OFFICE_LETTER_PREFIX


def allocate(year: int) -> int:
    """The next 发文字号 of the year: the year's counter row is locked until the caller's
    transaction ends, so that two letters written at once get two numbers."""
    with transaction.atomic():
        LetterCounter.objects.get_or_create(year=year)
        counter = LetterCounter.objects.select_for_update().get(year=year)
        counter.last += 1
        counter.save(update_fields=["last"])
        return counter.last


# Writing the letter


@dataclass(frozen=True)
class Written:
    title: str
    text: str


def _when(item: PartItem) -> str:
    day = dates.long_date(item.start.date(), "zh-hans")
    end = f"{item.end:%H:%M}"
    if item.ends_another_day:
        end = f"{dates.long_date(item.end.date(), 'zh-hans', year=False)}{end}"
    return f"{day}{item.start:%H:%M}—{end}"


def _item_line(item: PartItem) -> str:
    where = "，".join(filter(None, (item.place, item.address)))
    line = f"{_when(item)}，{item.kind_label}：{item.title}"
    line += f"（{where}）" if where else ""
    if item.host_preparation:
        line += f"；请准备：{item.host_preparation.rstrip('。')}"
    return line + "。"


def _span(part: Part) -> str:
    """ "2026年12月7日" or "2026年12月7日至9日" (成文 style: no weekday)."""
    if not part.items:
        return ""
    first, last = part.items[0].start.date(), max(i.end.date() for i in part.items)
    text = f"{first.year}年{first.month}月{first.day}日"
    if last == first:
        return text
    if last.year != first.year:
        return f"{text}至{last.year}年{last.month}月{last.day}日"
    if last.month != first.month:
        return f"{text}至{last.month}月{last.day}日"
    return f"{text}至{last.day}日"


def letter_title(part: Part, change: bool = False) -> str:
    visit = official.ZH_VISIT.get(part.visit_kind, "调研")
    leader = official._zh_leader(part)
    what = "安排变更" if change else "有关事项"
    return f"关于{leader}一行到{part.unit}{visit}{what}的函"


def _sections(part: Part, cars: int, *, change_lines: list[str] | None = None) -> list[str]:
    """The numbered sections of the letter, each its heading line and its lines."""
    visit = official.ZH_VISIT.get(part.visit_kind, "调研")
    sections: list[tuple[str, list[str]]] = []
    if change_lines is not None:
        sections.append(("变更事项", change_lines or ["无"]))
    else:
        purpose = part.purpose.strip().rstrip("。") or f"{official._zh_leader(part)}一行{visit}"
        sections.append(("事由", [f"{purpose}。"]))
    schedule = [_item_line(item) for item in part.items]
    if part.requirements:
        schedule.append(f"请你单位准备：{part.requirements.strip().rstrip('。')}。")
    sections.append(("变更后的安排" if change_lines is not None else "时间和安排", schedule))
    party = "、".join(part.party) if part.party else official._zh_leader(part)
    people = f"{party}，共{len(part.party) or 1}人"
    people += f"；用车{cars}辆。" if cars else "。"
    sections.append(("人员和车辆", [people]))
    contact = part.office_contact
    if contact.get("name"):
        who = "，".join(filter(None, (contact["name"], contact.get("title", ""))))
        phone = f"，电话{contact['phone']}" if contact.get("phone") else ""
        sections.append(("联系人", [f"{who}{phone}。"]))
    if change_lines is None:
        sections.append(
            ("接待要求", [f"（{SECTION_NUMBERS[i]}）{rule}" for i, rule in enumerate(RULES)])
        )
    lines = []
    for number, (heading, body) in zip(SECTION_NUMBERS, sections, strict=False):
        lines.append(f"{INDENT}{number}、{heading}")
        lines.extend(f"{INDENT}{line}" for line in body)
    return lines


def signature(day: date) -> list[str]:
    """The 落款 (GB/T 9704 7.3.5.1): the office's name over the 成文日期, the date in arabic
    numerals without the weekday, four characters from the right; the seal goes over both."""
    return official._zh_signature(day)


def _ending(day: date) -> list[str]:
    # Two empty lines above the signature: the seal's place, its top within a line of the
    # body (GB/T 9704 7.3.5.1).
    return [f"{INDENT}特此函告。", "", "", *signature(day)]


def write(part: Part, cars: int, day: date) -> Written:
    """A new letter: 主送 the unit, why, when and what, who and how many, whom to call, the
    rules, the 落款."""
    visit = official.ZH_VISIT.get(part.visit_kind, "调研")
    count = len(part.party) or 1
    opening = (
        f"{INDENT}{official._zh_leader(part)}一行{count}人拟于{_span(part)}到你单位{visit}。"
        "根据《党政机关国内公务接待管理规定》第七条，现将有关事项函告如下："
    )
    lines = [f"{part.unit}：", opening, *_sections(part, cars), *_ending(day)]
    return Written(letter_title(part), "\n".join(lines))


def _change_lines(old: OfficialLetter, content: dict) -> list[str]:
    """What changed since the old letter, item by item, from what to what."""
    lines = []
    for change in read_changes(part_changes(old.content, content), content):
        if change.item is not None and change.is_added:
            lines.append(f"新增：{_item_line(change.item)}")
        elif change.item is not None and change.is_removed:
            lines.append(f"取消：{_when(change.item)}，{change.item.title}。")
        else:
            subject = f"{change.item.title}：" if change.item is not None else ""
            details = [f"{d.label}由“{d.old}”改为“{d.new}”" for d in change.details]
            lines.append(f"{subject}{'；'.join(details) or change.label}。")
    return lines


def write_change(old: OfficialLetter, part: Part, content: dict, cars: int, day: date) -> Written:
    """A 变更函: names the issued letter it changes by its 发文字号, says what changed, then the
    arrangements as they now stand; the rest of the old letter stands."""
    visit = official.ZH_VISIT.get(part.visit_kind, "调研")
    issued = timezone.localtime(old.issued_at).date()
    opening = (
        f"{INDENT}我们于{issued.year}年{issued.month}月{issued.day}日以《{old.title}》"
        f"（{old.reference}）函告{official._zh_leader(part)}一行到你单位{visit}事宜。"
        "因安排调整，现将有关事项变更如下："
    )
    body = _sections(part, cars, change_lines=_change_lines(old, content))
    lines = [f"{part.unit}：", opening, *body, f"{INDENT}其他事项仍按原函执行。", *_ending(day)]
    return Written(letter_title(part, change=True), "\n".join(lines))


# What the secretary does


def _unit_draft(trip: Trip, unit: HostUnit) -> NoticeDraft:
    """The unit's part of the approved version, people named in Chinese whatever the
    unit's language: the 公函 is Chinese paper."""
    drafts = prepare(trip, LANGUAGE)
    draft = next((d for d in drafts if d.visited and d.host_unit.pk == unit.pk), None)
    if draft is None:
        raise ValidationError(
            _("%(unit)s is not on the approved plan: it gets no letter.") % {"unit": unit.name}
        )
    return draft


def _may_write(trip: Trip, by) -> None:
    if not trip.can_edit(by):
        raise PermissionDenied
    if trip.status in FINISHED:
        raise ValidationError(_("This trip is over: no more letters go out."))


def generate(trip: Trip, unit: HostUnit, by) -> OfficialLetter:
    """The unit's letter as a draft, from its part of the approved version: its draft
    written again (its number kept), else a new letter with a new number; after an issued
    letter, a 变更函 that names it."""
    _may_write(trip, by)
    draft = _unit_draft(trip, unit)
    with transaction.atomic():
        # Of two secretaries writing at once, the second waits here and finds the first's draft.
        list(Trip.objects.select_for_update().filter(pk=trip.pk).values_list("pk"))
        latest = trip.letters.filter(host_unit=unit).first()
        issued = latest is not None and latest.is_issued
        if issued and not part_changes(latest.content, draft.content):
            raise ValidationError(
                _("Nothing changed for %(unit)s since %(reference)s was issued.")
                % {"unit": unit.name, "reference": latest.reference}
            )
        with translation.override(LANGUAGE):
            part = read_part(draft.content)
            today = timezone.localdate()
            cars = trip.vehicles.count()
            if latest is not None and latest.is_issued:
                written = write_change(latest, part, draft.content, cars, today)
            else:
                written = write(part, cars, today)
        if latest is not None and not latest.is_issued:
            latest.title, latest.text = written.title, written.text
            latest.content, latest.version = draft.content, draft.version
            latest.save(update_fields=["title", "text", "content", "version"])
            return latest
        year = today.year
        return OfficialLetter.objects.create(
            trip=trip,
            host_unit=unit,
            version=draft.version,
            prefix=prefix(),
            year=year,
            number=allocate(year),
            title=written.title,
            text=written.text,
            content=draft.content,
            replaces=latest,
            created_by=by,
        )


ISSUED_REFUSAL = _("An issued letter cannot be changed. To change it, write a 变更函.")


def edit(letter: OfficialLetter, title: str, text: str, by) -> OfficialLetter:
    """The secretary's edit of a draft; an issued letter is frozen."""
    _may_write(letter.trip, by)
    text = text.strip("\n").replace("\r\n", "\n")
    with transaction.atomic():
        updated = OfficialLetter.objects.filter(
            pk=letter.pk, status=OfficialLetter.Status.DRAFT
        ).update(title=title.strip(), text=text)
        if not updated:
            raise ValidationError(str(ISSUED_REFUSAL))
    letter.refresh_from_db()
    return letter


def issue(letter: OfficialLetter, by) -> OfficialLetter:
    """Issue the letter (印发): from now on its text is frozen. A generated 成文日期 left as
    it was becomes the day of issue."""
    _may_write(letter.trip, by)
    now = timezone.now()
    text = _dated(letter, timezone.localdate(now))
    with transaction.atomic():
        updated = OfficialLetter.objects.filter(
            pk=letter.pk, status=OfficialLetter.Status.DRAFT
        ).update(status=OfficialLetter.Status.ISSUED, issued_at=now, issued_by=by, text=text)
        if not updated:
            raise ValidationError(_("This letter was issued already."))
    letter.refresh_from_db()
    return letter


def _dated(letter: OfficialLetter, day: date) -> str:
    """The text with its generated 成文日期 (of the day it was written) set to the day."""
    written = timezone.localtime(letter.created_at).date()
    old, new = signature(written), signature(day)
    lines = letter.text.split("\n")
    if lines[-len(old) :] == old:
        lines[-len(old) :] = new
    return "\n".join(lines)


def record_phone(
    trip: Trip, unit: HostUnit, by, *, caller: str, callee: str, called_at: datetime, said: str
) -> PhoneNotice:
    """A unit told by phone (电话通知): it stands in for the 公函, and is shown as such."""
    _may_write(trip, by)
    if not trip_units(trip).filter(pk=unit.pk).exists():
        raise ValidationError(_("%(unit)s has nothing to do with this trip.") % {"unit": unit})
    return PhoneNotice.objects.create(
        trip=trip,
        host_unit=unit,
        caller=caller.strip(),
        callee=callee.strip(),
        called_at=called_at,
        said=said.strip(),
        recorded_by=by,
    )


# The letters page


@dataclass
class UnitLetters:
    """One unit on the letters page: its letters (newest first) and phone notices."""

    unit: HostUnit
    letters: list[OfficialLetter]
    calls: list[PhoneNotice]
    visited: bool
    text_form: object = None
    phone_form: object = None

    @property
    def current(self) -> OfficialLetter | None:
        return self.letters[0] if self.letters else None

    @property
    def informed(self) -> bool:
        """The unit has a 公函 issued, or a phone notice that stands in for it."""
        return any(letter.is_issued for letter in self.letters) or bool(self.calls)


def board(trip: Trip) -> list[UnitLetters]:
    """Per unit of the approved plan (then any other unit with a letter or a call), in the
    order the party meets them: three queries beyond the plan."""
    try:
        planned = [d.host_unit for d in prepare(trip) if d.visited]
    except ValidationError:
        planned = []
    letters = list(trip.letters.select_related("host_unit", "replaces"))
    calls = list(trip.phone_notices.select_related("host_unit"))
    units = {unit.pk: unit for unit in planned}
    for row in (*letters, *calls):
        units.setdefault(row.host_unit_id, row.host_unit)
    return [
        UnitLetters(
            unit,
            [letter for letter in letters if letter.host_unit_id == pk],
            [call for call in calls if call.host_unit_id == pk],
            visited=any(u.pk == pk for u in planned),
        )
        for pk, unit in units.items()
    ]
