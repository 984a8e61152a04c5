# ruff: noqa: RUF001  (the rules are quoted in Chinese, with full-width punctuation)
"""The reception standards as feasibility checks of the itinerary: what the rules the office
is audited on say about the plan itself (the hosts' answers are checked in notices.standards).

Each finding names the rule it comes from: 《党政机关国内公务接待管理规定》 (中办、国办, 2013)
第八条 (迎送, banners, carpets), 第九条 (rooms), 第十条 (meals and 陪餐), the 八项规定 (flowers,
banquets) and the province's 细则 as set in the office's standards table
(directory.ReceptionStandard). The table costs one query, and only when an item needs it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import Grade
from directory.models import ReceptionStandard
from trips.findings import Finding
from trips.models import ItineraryItem, Trip, TripMember

Kind = ItineraryItem.Kind

RULES = (
    "host_meals",
    "suite_below_grade",
    "weekday_lunch_alcohol",
    "host_asked_for",
)


@dataclass(frozen=True)
class Rule:
    """A rule as a finding cites it: the article (where it is written) and its words."""

    article: Promise
    text: Promise

    def __str__(self) -> str:
        return _("%(article)s: %(text)s") % {"article": self.article, "text": self.text}


ART_8 = Rule(
    gettext_lazy("Art. 8 of the Rules on Domestic Official Reception"),
    gettext_lazy("no banners or slogans, no welcoming crowds, no welcome carpets"),
)
ART_9 = Rule(
    gettext_lazy("Art. 9 of the Rules on Domestic Official Reception"),
    gettext_lazy(
        "standard rooms; an ordinary suite only for officials at provincial or ministerial grade"
    ),
)
ART_10_MEAL = Rule(
    gettext_lazy("Art. 10 of the Rules on Domestic Official Reception"),
    gettext_lazy("the host unit may arrange one working meal"),
)
ART_10_ESCORTS = Rule(
    gettext_lazy("Art. 10 of the Rules on Domestic Official Reception"),
    gettext_lazy(
        "at most 3 hosts at the meal for up to 10 visitors; above 10, at most a third of the "
        "visitors"
    ),
)
EIGHT_POINTS_FLOWERS = Rule(
    gettext_lazy("The Eight-point Rules"), gettext_lazy("no flowers or plants on display")
)
EIGHT_POINTS_BANQUET = Rule(gettext_lazy("The Eight-point Rules"), gettext_lazy("no banquets"))
ESCORTS_RULE = Rule(
    gettext_lazy("The Eight-point Rules' implementing provisions"),
    gettext_lazy("at city and county level one person accompanies; no escorts level upon level"),
)


def cite(finding: str, rule: Rule | str) -> str:
    """A finding's words followed by the rule it comes from."""
    return _("%(finding)s (%(rule)s).") % {"finding": finding, "rule": rule}


def in_standard(standard: ReceptionStandard, rule: Rule) -> str:
    """A central rule as the office's standards apply it: the rule's words under the central
    preset; a province's preset is named, with the article it applies."""
    if standard.is_central:
        return str(rule)
    return _("%(standard)s, after %(article)s") % {
        "standard": standard.name,
        "article": rule.article,
    }


# What a host must not be asked for (第八条, the 八项规定), and the words that ask for it.


@dataclass(frozen=True)
class Ask:
    """One kind of thing the rules forbid a host to prepare."""

    key: str
    label: Promise
    rule: Rule
    words: re.Pattern


ASKS = (
    Ask(
        "banners",
        gettext_lazy("banners or slogans"),
        ART_8,
        re.compile(r"横幅|标语|条幅|\bbanners?\b|\bslogans?\b", re.IGNORECASE),
    ),
    Ask(
        "flowers",
        gettext_lazy("flowers or plants"),
        EIGHT_POINTS_FLOWERS,
        re.compile(r"鲜花|花草|花篮|花卉|盆花|摆花|\bflowers?\b|\bbouquets?\b", re.IGNORECASE),
    ),
    Ask(
        "welcome",
        gettext_lazy("a welcome ceremony or welcoming crowds"),
        ART_8,
        re.compile(
            r"欢迎仪式|迎宾|迎送|夹道欢迎|群众欢迎|welcom(?:e|ing) (?:ceremony|crowds?|party)"
            r"|guard of honou?r",
            re.IGNORECASE,
        ),
    ),
    Ask(
        "carpet",
        gettext_lazy("a red carpet"),
        ART_8,
        re.compile(r"地毯|红毯|\bcarpets?\b", re.IGNORECASE),
    ),
    Ask(
        "banquet",
        gettext_lazy("a banquet"),
        EIGHT_POINTS_BANQUET,
        re.compile(r"宴请|宴会|酒宴|\bbanquets?\b|\bfeasts?\b", re.IGNORECASE),
    ),
)
# A clause that says not to (不挂横幅, 请勿摆放鲜花, "no banners") asks for nothing.
NEGATION = re.compile(
    r"不|勿|禁止|严禁|免|无需|毋须|\bno\b|\bnot\b|\bnever\b|\bwithout\b|\bdon't\b", re.IGNORECASE
)
# Clauses end at these; 、 and "and" do not end one, so 不挂横幅、鲜花 is no request for flowers.
CLAUSE_END = re.compile(r"[，。；！？\n,.;!?]")


def asks_in(text: str) -> list[Ask]:
    """What the text asks a host to prepare that the rules forbid, each kind once."""
    found: list[Ask] = []
    for clause in CLAUSE_END.split(text or ""):
        for ask in ASKS:
            if ask in found:
                continue
            match = ask.words.search(clause)
            if match and not NEGATION.search(clause[: match.start()]):
                found.append(ask)
    return [ask for ask in ASKS if ask in found]


def ask_message(asks: Sequence[Ask], words: str, values: dict[str, str]) -> str:
    """One finding's words for the forbidden things one text asks for: `words` (translated)
    says who asks whom, with %(what)s for the thing asked."""
    return " ".join(cite(words % {**values, "what": ask.label}, ask.rule) for ask in asks)


# The checks of the itinerary


def itinerary_findings(trip: Trip, items: Sequence[ItineraryItem]) -> list[Finding]:
    """The reception findings of the plan: items in time order, their host units loaded."""
    findings = [*_asked_of_hosts(trip, items)]
    if not _needs_standards(items):
        return findings
    standard = ReceptionStandard.objects.in_force()
    return [
        *_host_meals(trip, items, standard),
        *_suites(trip, items, standard),
        *_weekday_lunch_alcohol(trip, items, standard),
        *findings,
    ]


def _needs_standards(items: Sequence[ItineraryItem]) -> bool:
    """Only a host's meal, a suite or a meal with alcohol makes the table worth a query."""
    return any(
        (item.kind == Kind.MEAL and (item.host_unit_id or item.drinks == item.Drinks.ALCOHOL))
        or item.room_type == item.RoomType.SUITE
        for item in items
    )


def _day(trip: Trip, item: ItineraryItem):
    return trip.local(item.start).date()


def _host_meals(
    trip: Trip, items: Sequence[ItineraryItem], standard: ReceptionStandard
) -> list[Finding]:
    """A host unit providing more meals than the standard allows (第十条: 工作餐一次)."""
    meals: dict[int, list[ItineraryItem]] = defaultdict(list)
    for item in items:
        if item.kind == Kind.MEAL and item.host_unit_id:
            meals[item.host_unit_id].append(item)
    findings = []
    for hosted in meals.values():
        for count, meal in enumerate(hosted, start=1):
            if count <= standard.host_meals:
                continue
            words = _(
                "“%(item)s” is meal %(count)s that %(unit)s provides; a host unit may provide "
                "%(allowed)s"
            ) % {
                "item": meal.title,
                "count": count,
                "unit": meal.host_unit.name,
                "allowed": standard.host_meals,
            }
            message = cite(words, in_standard(standard, ART_10_MEAL))
            pks = tuple(m.pk for m in hosted[:count])
            findings.append(Finding("host_meals", pks, message, _day(trip, meal), at=meal.pk))
    return findings


def leader_grade(trip: Trip) -> str | None:
    """The grade of the trip's first leader in protocol order; "" when not recorded, None
    when the trip has no leader."""
    for member in trip.members.all():
        if member.role == TripMember.Role.LEADER and member.user_id:
            profile = getattr(member.user, "profile", None)
            return profile.grade if profile else ""
    return None


def _suites(
    trip: Trip, items: Sequence[ItineraryItem], standard: ReceptionStandard
) -> list[Finding]:
    """A suite booked for a leader below the grade the standard allows it (第九条)."""
    suites = [i for i in items if i.kind == Kind.LODGING and i.room_type == i.RoomType.SUITE]
    if not suites:
        return []
    grade = leader_grade(trip)
    if grade is None or standard.suite_allowed(grade):
        return []
    findings = []
    for item in suites:
        values = {"item": item.title, "from": Grade(standard.suite_from).label}
        if grade:
            values["grade"] = Grade(grade).label
            words = _(
                "“%(item)s” books a suite for a leader of grade %(grade)s; a suite is for %(from)s"
            )
        else:
            words = _(
                "“%(item)s” books a suite, and the leader's grade is not recorded; a suite is "
                "for %(from)s"
            )
        message = cite(words % values, in_standard(standard, ART_9))
        findings.append(Finding("suite_below_grade", (item.pk,), message, _day(trip, item)))
    return findings


def _weekday_lunch_alcohol(
    trip: Trip, items: Sequence[ItineraryItem], standard: ReceptionStandard
) -> list[Finding]:
    """Alcohol at a lunch on a working day, where the standard says lunch is dry."""
    if not standard.weekday_lunch_dry:
        return []
    findings = []
    for item in items:
        if item.kind != Kind.MEAL or item.drinks != item.Drinks.ALCOHOL:
            continue
        start = trip.local(item.start)
        # Lunch is a meal starting in the trip's meal window; Saturday and Sunday are no
        # working days (an adjusted working day, 调休, is not known here).
        is_lunch = trip.meal_window_start <= start.time() < trip.meal_window_end
        if start.weekday() >= 5 or not is_lunch:
            continue
        words = _("“%(item)s” is a lunch on a working day with alcohol") % {"item": item.title}
        rule = _("%(standard)s: no alcohol at lunch on working days") % {"standard": standard.name}
        message = cite(words, rule)
        findings.append(Finding("weekday_lunch_alcohol", (item.pk,), message, start.date()))
    return findings


def _asked_of_hosts(trip: Trip, items: Sequence[ItineraryItem]) -> list[Finding]:
    """What the plan asks the hosts to prepare that the rules forbid: per item, and in the
    brief's "what the hosts must prepare" (a finding of the trip as a whole)."""
    findings = []
    for item in items:
        asks = asks_in(item.host_preparation)
        if asks:
            words = _("“%(item)s” asks its host to prepare %(what)s")
            message = ask_message(asks, words, {"item": item.title})
            findings.append(Finding("host_asked_for", (item.pk,), message, _day(trip, item)))
    asks = asks_in(trip.host_preparation)
    if asks:
        message = ask_message(asks, _("The brief asks the hosts to prepare %(what)s"), {})
        findings.append(Finding("host_asked_for", (), message, None))
    return findings
