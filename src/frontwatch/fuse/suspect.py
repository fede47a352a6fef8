"""Suspect text: article-level flags from scattered places, garbled names, doubled phrases.

The places stage flags single mentions (suspect_far: far from the story's other
places, unresolved, garbled); this module aggregates them per article and finds
phrases coordinated with themselves
("Kramatorsk and Kramatorsk"), a mark of machine translation. Flagged mentions
are returned so that incidents never take their location from them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

from frontwatch.lexicons import load_toml
from frontwatch.models import PlaceMention

Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class SuspectRules:
    mention_flags: frozenset[str]
    min_unresolved: int
    repeat: re.Pattern[str]
    repeat_exceptions: frozenset[str]


@cache
def suspect_rules() -> SuspectRules:
    data = load_toml("incident_rules.toml")["suspect"]
    return SuspectRules(
        mention_flags=frozenset(data["mention_flags"]),
        min_unresolved=int(data["min_unresolved"]),
        repeat=re.compile(r"\b(\w+(?:\s+\w+){0,2})\s+(?:and|or)\s+(\1)\b", re.IGNORECASE),
        repeat_exceptions=frozenset(w.lower() for w in data["repeat_exceptions"]),
    )


@dataclass(slots=True)
class SuspectReport:
    flags: list[str] = field(default_factory=list)
    spans: set[Span] = field(default_factory=set)  # mentions kept out of incident locations


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
    far_texts = {m.text for m in mentions if "suspect_far" in m.flags}
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
        if rules.mention_flags & set(m.flags):
            report.spans.add((m.start, m.end))
    return report
