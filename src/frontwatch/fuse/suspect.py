"""Suspect text: article-level flags from scattered places, garbled names, doubled phrases.

The places stage flags single mentions (suspect_far, unresolved, garbled); this
module aggregates them per article, adds its own distance check (a place far
from the median of the others), and finds phrases coordinated with themselves
("Kramatorsk and Kramatorsk"), a mark of machine translation. Flagged mentions
are returned so that incidents never take their location from them.
"""

from __future__ import annotations

import math
import re
import statistics
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

from frontwatch.lexicons import load_toml
from frontwatch.models import PlaceMention

Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class SuspectRules:
    far_km: float
    min_places_for_far: int
    mention_flags: frozenset[str]
    min_unresolved: int
    repeat: re.Pattern[str]
    repeat_exceptions: frozenset[str]


@cache
def suspect_rules() -> SuspectRules:
    data = load_toml("incident_rules.toml")["suspect"]
    return SuspectRules(
        far_km=float(data["far_km"]),
        min_places_for_far=int(data["min_places_for_far"]),
        mention_flags=frozenset(data["mention_flags"]),
        min_unresolved=int(data["min_unresolved"]),
        repeat=re.compile(r"\b(\w+(?:\s+\w+){0,2})\s+(?:and|or)\s+(\1)\b", re.IGNORECASE),
        repeat_exceptions=frozenset(w.lower() for w in data["repeat_exceptions"]),
    )


@dataclass(slots=True)
class SuspectReport:
    flags: list[str] = field(default_factory=list)
    spans: set[Span] = field(default_factory=set)  # mentions kept out of incident locations


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


def far_mentions(mentions: list[PlaceMention], rules: SuspectRules) -> list[PlaceMention]:
    """Located mentions far from the median of the article's other located mentions."""
    located = [m for m in mentions if m.place is not None and m.role != "actor"]
    if len({m.place.id for m in located if m.place}) < rules.min_places_for_far:
        return []
    far = []
    for m in located:
        others = [o.place for o in located if o.place and o.place.id != (m.place and m.place.id)]
        if not others or m.place is None:
            continue
        lat = statistics.median(p.lat for p in others)
        lon = statistics.median(p.lon for p in others)
        if haversine_km(m.place.lat, m.place.lon, lat, lon) > rules.far_km:
            far.append(m)
    return far


def repeated_phrases(text: str, rules: SuspectRules) -> list[str]:
    """Phrases joined to themselves by "and"/"or", idioms ("more and more") excepted."""
    found = []
    for match in rules.repeat.finditer(text):
        phrase = match.group(1)
        if phrase.lower() in rules.repeat_exceptions or phrase.isdigit():
            continue
        found.append(match.group(0))
    return found


def assess_article(text: str, mentions: Iterable[PlaceMention]) -> SuspectReport:
    """Flags for one article and the mention spans that must not locate an incident."""
    rules = suspect_rules()
    mentions = list(mentions)
    report = SuspectReport()
    far = far_mentions(mentions, rules)
    far_texts = {m.text for m in far}
    far_texts |= {m.text for m in mentions if "suspect_far" in m.flags}
    if far_texts:
        report.flags.append("scattered_places: " + ", ".join(sorted(far_texts)))
    garbled = sorted({m.text for m in mentions if "garbled" in m.flags})
    unresolved = sorted({m.text for m in mentions if "unresolved" in m.flags})
    if garbled or len(unresolved) >= rules.min_unresolved:
        report.flags.append("garbled_names: " + ", ".join(sorted(set(garbled) | set(unresolved))))
    doubled = repeated_phrases(text, rules)
    if doubled:
        report.flags.append("duplicated_phrases: " + "; ".join(doubled))
    for m in mentions:
        if m in far or rules.mention_flags & set(m.flags):
            report.spans.add((m.start, m.end))
    return report
