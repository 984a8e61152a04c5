"""The reception standards checked against each host unit's answer and what it is asked:
陪餐 over the cap for the party's size (第十条), more 陪同 than its level allows (the 八项规定's
implementing provisions), and requirements asking for what 第八条 and the 八项规定 forbid.

Here and not in trips.standards: the hosts' answers are the notices'. The findings are the
feasibility checks' kind (trips.findings.Finding), each naming its rule, shown on the unit's
row of the notices page and in the trip page's notice panel.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from directory.models import HostUnit, ReceptionStandard
from notices.models import Notice, UnitRequirements
from trips.findings import Finding
from trips.models import Trip
from trips.standards import (
    ART_10_ESCORTS,
    ESCORTS_RULE,
    ask_message,
    asks_in,
    cite,
    in_standard,
    leader_grade,
)

RULES = ("meal_escorts", "escorts", "unit_asked_for")


def unit_findings(
    standard: ReceptionStandard,
    party: int,
    unit: HostUnit,
    notice: Notice | None,
    requirements: str,
    grade: str = "",
) -> list[Finding]:
    """The findings of one unit: its answer on the current notice (None: no answer yet)
    and what it is asked to prepare, for a party of this many people led by a leader of
    this grade ("": not recorded). No query."""
    findings = []
    answered = notice is not None and not notice.is_cancellation
    if answered and notice.meal_escorts is not None:
        allowed = standard.meal_escorts_allowed(party)
        if notice.meal_escorts > allowed:
            words = _(
                "%(unit)s has %(escorts)s of its people at the meal with a party of %(party)s; "
                "at most %(allowed)s"
            ) % {
                "unit": unit.name,
                "escorts": notice.meal_escorts,
                "party": party,
                "allowed": allowed,
            }
            message = cite(words, in_standard(standard, ART_10_ESCORTS))
            findings.append(Finding("meal_escorts", (), message, None))
    if answered and notice.escorts is not None:
        allowed = standard.escorts_allowed(grade, unit.level)
        if allowed is not None and notice.escorts > allowed:
            words = _(
                "%(unit)s sends %(escorts)s of its people to accompany the party; at most "
                "%(allowed)s at a host of the level %(level)s"
            )
            words %= {
                "unit": unit.name,
                "escorts": notice.escorts,
                "allowed": allowed,
                "level": unit.get_level_display(),
            }
            message = cite(words, in_standard(standard, ESCORTS_RULE))
            findings.append(Finding("escorts", (), message, None))
    asks = asks_in(requirements)
    if asks:
        words = _("The office asks %(unit)s to prepare %(what)s")
        message = ask_message(asks, words, {"unit": unit.name})
        findings.append(Finding("unit_asked_for", (), message, None))
    return findings


def trip_findings(trip: Trip) -> list[tuple[HostUnit, list[Finding]]]:
    """Each host unit of the trip with findings, by name: four queries (the standards, the
    party, the current notices with their units, the requirements)."""
    standard = ReceptionStandard.objects.in_force()
    party = len(trip.members.all())
    grade = leader_grade(trip) or ""
    notices = {
        n.host_unit_id: n for n in trip.notices.current().select_related("host_unit").order_by("pk")
    }
    requirements = {
        r.host_unit_id: r
        for r in UnitRequirements.objects.filter(trip=trip).select_related("host_unit")
    }
    units = {n.host_unit_id: n.host_unit for n in notices.values()}
    units |= {pk: r.host_unit for pk, r in requirements.items() if pk not in units}
    found = []
    for pk, unit in sorted(units.items(), key=lambda entry: entry[1].name):
        text = requirements[pk].text if pk in requirements else ""
        findings = unit_findings(standard, party, unit, notices.get(pk), text, grade)
        if findings:
            found.append((unit, findings))
    return found
