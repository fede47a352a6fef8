"""An incident's status and the reason for it, in words; tallies linked to what they sum.

- contested: the claims favour different parties (RU against UA), or a party or
  a neutral denies what another bloc claims;
- corroborated: two independent sources (other provenance — not a copy, not the
  same wire — and another claimant, so not a repost of one statement) report it
  at the same settlement on the same day; or an event is reported as independently
  confirmed, or a neutral source confirms a party's claim. Never when the
  incident's own reports lie further apart than one place and one day, never for
  a tally of a period, and one sentence reposted word for word is one report;
- assessed: only third-party claims, at least one an assessment;
- claimed: one side or one source only (the reason says which).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date
from itertools import combinations
from typing import Any

from frontwatch.fuse.items import IncidentRules, _Item
from frontwatch.geo import haversine_km
from frontwatch.models import Status

# Members compared pairwise for corroboration at most (an analyst's merge can be larger).
_MAX_PAIRS_OF = 200


def _is_assessment(it: _Item, rules: IncidentRules) -> bool:
    channel = (it.event.claim.channel or "").lower() if it.event.claim else ""
    return it.event.status == Status.ASSESSED or channel in rules.assessment_channels


def source_unit(it: _Item) -> str:
    """Who says it: the claimant, else the outlet's provenance."""
    return f"claimant:{it.claimant.lower()}" if it.claimant else f"outlet:{it.ctx.provenance}"


def _km(a: _Item, b: _Item) -> float | None:
    if a.lat is None or b.lat is None or a.lon is None or b.lon is None:
        return None
    if a.place_id is not None and a.place_id == b.place_id:
        return 0.0
    return haversine_km(a.lat, a.lon, b.lat, b.lon)


def _days_apart(a: _Item, b: _Item) -> int | None:
    if None in (a.lo, a.hi, b.lo, b.hi) or not (a.anchored and b.anchored):
        return None
    assert a.lo is not None and a.hi is not None and b.lo is not None and b.hi is not None
    return max(0, max(a.lo, b.lo) - min(a.hi, b.hi))


def _spread(members: Sequence[_Item]) -> tuple[float, int]:
    """(largest distance, largest gap in days) between the incident's happenings."""
    happenings = [it for it in members if not it.speech][:_MAX_PAIRS_OF]
    km, days = 0.0, 0
    for a, b in combinations(happenings, 2):
        km = max(km, _km(a, b) or 0.0)
        days = max(days, _days_apart(a, b) or 0)
    return km, days


def _same_place_and_day(a: _Item, b: _Item, rules: IncidentRules) -> bool:
    precise = rules.corroborate_precision
    if a.precision not in precise or b.precision not in precise:
        return False
    km, days = _km(a, b), _days_apart(a, b)
    if km is None or days is None:
        return False
    return km <= rules.corroborate_km and days <= rules.corroborate_days


def _words(it: _Item) -> str:
    return " ".join(re.findall(r"\w+", (it.event.claim.sentence if it.event.claim else "").lower()))


def _independent_pair(affirm: Sequence[_Item], rules: IncidentRules) -> tuple[_Item, _Item] | None:
    """Two reports by different sources, in different provenances, at one place and day;
    the same sentence word for word in two outlets is one report reposted."""
    for a, b in combinations(affirm[:_MAX_PAIRS_OF], 2):
        if a.ctx.provenance == b.ctx.provenance or source_unit(a) == source_unit(b):
            continue
        if _words(a) and _words(a) == _words(b):
            continue
        if _same_place_and_day(a, b, rules):
            return a, b
    return None


def _contest(members: Sequence[_Item], rules: IncidentRules) -> str | None:
    favoured = {it.beneficiary for it in members if it.beneficiary in rules.parties}
    if len(favoured) > 1:
        return "claims favour different sides: " + " vs ".join(sorted(favoured))
    affirm = [it for it in members if it.outcome != "deny"]
    for d in (it for it in members if it.outcome == "deny"):
        against = {it.claimant_bloc for it in affirm if it.claimant_bloc}
        against |= {it.beneficiary for it in affirm if it.beneficiary}
        if d.claimant_bloc and against - {d.claimant_bloc}:
            who = d.claimant or d.claimant_bloc
            others = ", ".join(sorted(against - {d.claimant_bloc}))
            return f"{who} ({d.claimant_bloc}) denies what {others} claims"
    return None


def _when_words(it: _Item) -> str:
    return date.fromordinal(it.hi).isoformat() if it.hi is not None and it.anchored else "one day"


def judge(members: Sequence[_Item], rules: IncidentRules) -> tuple[str, str]:
    """(status, why) of an incident."""
    contest = _contest(members, rules)
    if contest:
        return "contested", contest
    affirm = [it for it in members if it.outcome != "deny"]
    km, days = _spread(members)
    tight = km <= rules.corroborate_km and days <= rules.corroborate_days
    units = {source_unit(it) for it in affirm}
    provenances = {it.ctx.provenance for it in affirm}
    several = len(units) >= rules.min_independent and len(provenances) >= rules.min_independent
    if all(it.tally for it in members):
        # Sums of a period (two daily tolls of one region) do not confirm each other.
        return "claimed", "a tally of a period: tallies are not checked against each other"
    if tight and any(it.event.status == Status.CONFIRMED for it in members):
        return "corroborated", "an event is reported as independently confirmed"
    pair = _independent_pair(affirm, rules) if tight and several else None
    if pair:
        a, b = pair
        who = (
            f"{a.claimant} and {b.claimant}"
            if a.claimant and b.claimant
            else "two independent reports"
        )
        return (
            "corroborated",
            f"{len(units)} sources in {len(provenances)} independent reports agree; "
            f"{who} place it at {a.place_name} on {_when_words(a)}",
        )
    neutral = [it for it in affirm if it.claimant_bloc in rules.neutral]
    parties = [it for it in affirm if it.claimant_bloc in rules.parties]
    if tight and neutral and parties:
        return "corroborated", "a neutral source confirms a party's claim"
    if neutral and len(neutral) == len(affirm) and any(_is_assessment(it, rules) for it in neutral):
        return "assessed", "third-party assessment only"
    if several and not tight:
        return "claimed", (
            f"{len(provenances)} independent reports, but {km:.0f} km and {days} day(s) apart: "
            "not one place and day"
        )
    if several:
        return "claimed", (
            f"{len(provenances)} independent reports, but none pair at one settlement and day "
            "(a place known only as a region, or no date)"
        )
    return "claimed", "one side or one source only"


# --- tallies ------------------------------------------------------------------------------


def _span(members: Sequence[_Item]) -> tuple[int, int] | None:
    dated = [it for it in members if it.lo is not None and it.hi is not None and it.anchored]
    if not dated:
        return None
    return min(it.lo for it in dated if it.lo is not None), max(
        it.hi for it in dated if it.hi is not None
    )


def _regions(members: Sequence[_Item]) -> set[str]:
    return {it.admin1 for it in members if it.admin1 and not it.speech}


def tally_reach(members: Sequence[_Item]) -> tuple[set[str], tuple[int, int] | None]:
    """(admin-1 regions, dated span) by which tallies and incidents are linked."""
    return _regions(members), _span(members)


def link_tallies(
    members_of: Mapping[str, Sequence[_Item]],
    details: dict[str, dict[str, Any]],
    rules: IncidentRules,
) -> None:
    """A tally ("seven civilians killed in the region in a day") is linked to the
    incidents it sums: those in its admin-1 region inside its period (``sums`` on
    the tally, ``summed_by`` on each of them); it is never merged with them."""
    by_region: dict[str, list[str]] = {}
    for incident_id, members in members_of.items():
        if not details[incident_id].get("tally"):
            for region in _regions(members):
                by_region.setdefault(region, []).append(incident_id)
    for incident_id, members in members_of.items():
        if not details[incident_id].get("tally"):
            continue
        span = _span(members)
        if span is None:
            continue
        summed = sorted(
            {
                other
                for region in _regions(members)
                for other in by_region.get(region, [])
                if (s := _span(members_of[other])) and s[0] <= span[1] and span[0] <= s[1]
            }
        )
        details[incident_id]["sums"] = summed
        for other in summed:
            details[other].setdefault("summed_by", []).append(incident_id)
    for incident_id in details:  # in id order, whatever order the incidents came in
        if "summed_by" in details[incident_id]:
            details[incident_id]["summed_by"].sort()
