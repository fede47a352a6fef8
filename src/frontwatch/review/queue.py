"""The review queue: events that most need a human, most consequential first.

An event is queued (unless verified or rejected) for each of these reasons
(data/review.toml): its incident is contested; its article has suspect text; its
place is coarse (a region or country, or none); its type is one extraction gets
wrong most (low confidence); it is a claim no second source reports. Order: deaths
reported, then the weight of its type, then the number of reasons.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from frontwatch.lexicons import load_toml
from frontwatch.store import Store


@dataclass(frozen=True, slots=True)
class QueueRules:
    coarse: frozenset[str]
    low_confidence_types: frozenset[str]
    type_weight: dict[str, int]
    default_weight: int


@cache
def queue_rules() -> QueueRules:
    data = load_toml("review.toml")["queue"]
    return QueueRules(
        coarse=frozenset(data["coarse_precision"]),
        low_confidence_types=frozenset(data["low_confidence_types"]),
        type_weight={k: int(v) for k, v in data["type_weight"].items()},
        default_weight=int(data["default_weight"]),
    )


def reasons(ev: Any, article_flags: list[str], sources: int, rules: QueueRules) -> list[str]:
    """Why an event needs a human (empty: it does not)."""
    found = []
    if ev.incident_status == "contested":
        found.append("contested")
    suspect = [f.split(":", 1)[0] for f in article_flags if not f.startswith("copy_of")]
    if suspect:
        found.append("suspect text: " + ", ".join(sorted(set(suspect))))
    place = ev.place.place if ev.place else None
    if place is None:
        found.append("no place")
    elif str(place.precision) in rules.coarse:
        found.append(f"coarse place: {place.name} ({place.precision})")
    if ev.fw_type in rules.low_confidence_types:
        found.append(f"low-confidence type: {ev.fw_type}")
    if str(ev.status) == "claimed" and sources < 2:
        found.append("claim without a second source")
    return found


def review_queue(store: Store, limit: int | None = None) -> list[dict[str, Any]]:
    """Rows of the queue, most consequential first."""
    rules = queue_rules()
    flags = {a.id: a.flags for a in store.articles()}
    sources = {inc.id: len(inc.sources) for inc in store.incidents()}
    rows: list[dict[str, Any]] = []
    for ev in store.events():
        if ev.review_status in ("verified", "rejected"):
            continue
        why = reasons(ev, flags.get(ev.article_id, []), sources.get(ev.incident_id or "", 1), rules)
        if not why:
            continue
        weight = rules.type_weight.get(ev.fw_type, rules.default_weight)
        rows.append(
            {
                "event_id": ev.id,
                "incident_id": ev.incident_id,
                "fw_type": ev.fw_type,
                "fatalities": ev.fatalities,
                "place": ev.place.place.name if ev.place and ev.place.place else None,
                "date": str(ev.time.date_end or ev.time.date_start) if ev.time else None,
                "reasons": why,
                "review_status": ev.review_status,
                "sentence": ev.claim.sentence if ev.claim else ev.trigger,
                "_key": (-(ev.fatalities or 0), -weight, -len(why), ev.id),
            }
        )
    rows.sort(key=lambda r: r["_key"])
    for r in rows:
        del r["_key"]
    return rows[:limit] if limit else rows
