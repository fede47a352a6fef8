"""Incidents: events that report the same happening, and whether sources agree.

Grouping (rules in data/incident_rules.toml, documented in docs/fusion.md):
  * blocking: an event goes into a block per (type group, region) and per
    (type group, origin article); inside a block events are swept in time
    order and compared only with those still inside the time window, so the
    work is near-linear in the number of events;
  * two events are one incident when their dates overlap at their precision
    (give or take ``slack_days``), their places are the same settlement or
    within the distance both places' precisions allow (and in the same admin-1
    region where both say), and the sides they involve overlap;
  * a union-find joins compatible pairs, and only while every member of the
    joined incident still agrees with every other on time and place (no chains
    of daily reports across a month, no drift from town to town);
  * period tallies ("killed seven civilians in a day", "since February") form
    incidents of their own, linked to the incidents they sum (``sums``).

Items and the pairwise test live in frontwatch.fuse.items; the status
(frontwatch.fuse.judge): contested, corroborated, assessed, claimed, each with its
reason in words. Pure functions: events in, incidents out, so
the orchestration may call them on any subset of the store.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from frontwatch.fuse.items import (
    _PRECISION_ORDER,
    _STAND_IN,
    ArticleContext,
    IncidentRules,
    _Item,
    _places_agree,
    compatible,
    incident_rules,
    is_speech,
    make_item,
)
from frontwatch.models import Event, Incident, IncidentStatus

# --- grouping ----------------------------------------------------------------------------


@dataclass(slots=True)
class Overrides:
    """An analyst's hand on the grouping (from the review log, frontwatch.review).

    ``together``: sets of event ids that are one incident whatever the rules say
    (a merge); ``apart``: pairs of event-id sets that are never one incident (a split).
    """

    together: list[frozenset[str]] = field(default_factory=list)
    apart: list[tuple[frozenset[str], frozenset[str]]] = field(default_factory=list)


# Members of a joined incident compared pairwise on place at most this many (then the
# pairwise rule alone decides; such large incidents only come from analysts' merges).
_MAX_PLACED = 64


class _UnionFind:
    """Joins incidents only while every member still agrees with every other.

    Kept per incident: the regions it lies in (never two: an event without a
    usable place agrees with any place, and would chain a Luhansk incident to a
    Donetsk one), the days all its dated members share (give or take the slack),
    its placed members (each pair within the distance their precisions allow),
    and the analysts' split marks (a split keeps its two sides apart).
    """

    def __init__(self, items: Sequence[_Item], rules: IncidentRules, marks: list[set[int]]):
        self.items, self.rules = items, rules
        self.parent = list(range(len(items)))
        self.regions: list[frozenset[str]] = [
            frozenset({it.admin1 or f"country:{it.country}"})
            if it.lat is not None and not it.speech
            else frozenset()
            for it in items
        ]
        self.span: list[tuple[int, int] | None] = [
            (it.lo, it.hi) if it.lo is not None and it.hi is not None else None for it in items
        ]
        self.placed: list[list[int]] = [
            [i] if it.lat is not None and not it.speech else [] for i, it in enumerate(items)
        ]
        self.marks = marks  # per item: +k / -k for the two sides of split k

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def _joinable(self, ra: int, rb: int) -> bool:
        regions = self.regions[ra] | self.regions[rb]
        if len({r for r in regions if not r.startswith("country:")}) > 1:
            return False
        if any(-m in self.marks[rb] for m in self.marks[ra]):
            return False
        sa, sb = self.span[ra], self.span[rb]
        if sa and sb and max(sa[0], sb[0]) - min(sa[1], sb[1]) > self.rules.slack_days:
            return False
        pa, pb = self.placed[ra], self.placed[rb]
        if len(pa) * len(pb) > _MAX_PLACED * _MAX_PLACED:
            return True
        return all(_places_agree(self.items[i], self.items[j], self.rules) for i in pa for j in pb)

    def union(self, a: int, b: int, forced: bool = False) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra == rb or not (forced or self._joinable(ra, rb)):
            return
        keep, drop = min(ra, rb), max(ra, rb)
        self.parent[drop] = keep
        self.regions[keep] = self.regions[ra] | self.regions[rb]
        sa, sb = self.span[ra], self.span[rb]
        # The days every member shares; when only the slack makes them agree, the
        # narrowest common stretch (an empty overlap keeps its bounds the other way round).
        self.span[keep] = (max(sa[0], sb[0]), min(sa[1], sb[1])) if sa and sb else sa or sb
        self.placed[keep] = self.placed[ra] + self.placed[rb]
        self.marks[keep] = self.marks[ra] | self.marks[rb]


def item_blocks(it: _Item) -> list[str]:
    """The blocks an item is compared in: its article's (copy cluster's), and its
    region's when it is dated and placed (also the keys of fusion's index)."""
    if it.group is None:
        return []
    found = [f"{it.group}|article:{it.ctx.root}"]
    if it.anchored and it.lo is not None and it.lat is not None:
        region = f"admin1:{it.admin1}" if it.admin1 else f"country:{it.country}"
        found.append(f"{it.group}|{region}")
    return found


def _blocks(items: Sequence[_Item]) -> list[list[int]]:
    """Members of each block, blocks in the order of their keys: the grouping of a set
    of items then does not depend on what else was given with them (incremental fusion
    computes a part of the store and must find what a full run finds)."""
    blocks: dict[str, list[int]] = {}
    for i, it in enumerate(items):
        for key in item_blocks(it):
            blocks.setdefault(key, []).append(i)
    return [blocks[key] for key in sorted(blocks)]


def _ends_after(it: _Item, day: int) -> bool:
    return it.hi is None or it.hi >= day


def _order(it: _Item) -> tuple[int, int]:
    """Sweep order: by start day, narrow (precise) intervals first."""
    lo = it.lo if it.lo is not None else -1
    width = (it.hi - it.lo) if it.lo is not None and it.hi is not None else 0
    return lo, width


def _split_marks(items: Sequence[_Item], overrides: Overrides) -> list[set[int]]:
    index = {it.event.id: i for i, it in enumerate(items)}
    marks: list[set[int]] = [set() for _ in items]
    for k, (one, other) in enumerate(overrides.apart, start=1):
        for ids, mark in ((one, k), (other, -k)):
            for event_id in ids:
                if event_id in index:
                    marks[index[event_id]].add(mark)
    return marks


def group_items(
    items: Sequence[_Item], rules: IncidentRules, overrides: Overrides | None = None
) -> list[list[int]]:
    """Indices of the items of each incident (every item is in exactly one)."""
    overrides = overrides or Overrides()
    uf = _UnionFind(items, rules, _split_marks(items, overrides))
    index = {it.event.id: i for i, it in enumerate(items)}
    for ids in overrides.together:  # an analyst's merge comes first, and holds
        present = sorted(index[e] for e in ids if e in index)
        for i in present[1:]:
            uf.union(present[0], i, forced=True)
    window = rules.window_days
    for members in _blocks(items):
        members.sort(key=lambda i: (*_order(items[i]), i))
        active: list[int] = []
        for i in members:
            it = items[i]
            if it.lo is not None:
                # Sweep: drop what ended before this one's window opens.
                active = [j for j in active if _ends_after(items[j], it.lo - window)]
            for j in active[-rules.max_block :]:
                if compatible(it, items[j], rules):
                    uf.union(i, j)
            active.append(i)
    groups: dict[int, list[int]] = {}
    for i in range(len(items)):
        groups.setdefault(uf.find(i), []).append(i)
    return list(groups.values())


# --- incidents --------------------------------------------------------------------------


def store_order(it: _Item) -> tuple[bool, datetime, str]:
    """Earliest stored first (undated stores last), ties by event id."""
    return it.ctx.stored is None, it.ctx.stored or datetime.min, it.event.id


def incident_id_for(event_id: str) -> str:
    """The id of an incident whose earliest-stored member is this event."""
    return "inc-" + hashlib.sha1(event_id.encode()).hexdigest()[:12]


def _incident_id(members: Sequence[_Item]) -> str:
    """From the earliest-stored member: kept as the incident grows, and the older one's
    id survives when two are joined (docs/fusion.md, "Incident ids")."""
    return incident_id_for(min(members, key=store_order).event.id)


def _location(members: Sequence[_Item]) -> dict[str, Any] | None:
    placed = [it for it in members if it.lat is not None and not it.speech]
    if not placed:
        return None
    counts: dict[tuple[Any, ...], int] = {}
    for it in placed:
        key = (it.place_name, it.admin1, it.country, it.lat, it.lon, it.precision)
        counts[key] = counts.get(key, 0) + 1
    # The most reported place; on a tie the most precise, then by name.
    order = [p.value for p in _PRECISION_ORDER]
    best = min(
        counts,
        key=lambda k: (-counts[k], order.index(k[5]) if k[5] in order else 9, str(k[0])),
    )
    name, admin1, country, lat, lon, precision = best
    return {
        "name": name,
        "admin1": admin1,
        "country": country,
        "latitude": lat,
        "longitude": lon,
        "precision": precision,
    }


def _when(members: Sequence[_Item]) -> dict[str, Any]:
    dated = [it for it in members if it.lo is not None and it.hi is not None]
    if any(it.anchored for it in dated):  # an analyst's merge may mix in undated articles
        dated = [it for it in dated if it.anchored]
    if not dated:
        return {}
    lo = min(it.lo for it in dated if it.lo is not None)
    hi = max(it.hi for it in dated if it.hi is not None)
    if all(it.anchored for it in dated):
        return {
            "date_start": date.fromordinal(lo).isoformat(),
            "date_end": date.fromordinal(hi).isoformat(),
        }
    base = _STAND_IN.toordinal()
    return {"relative": f"D{lo - base:+d}..D{hi - base:+d}".replace("+0", "")}


def _claim_row(it: _Item) -> dict[str, Any]:
    ev = it.event
    claim = ev.claim
    return {
        "event_id": ev.id,
        "article_id": ev.article_id,
        "origin_article": it.ctx.root,
        "copy": it.ctx.root != ev.article_id,
        "provenance": it.ctx.provenance,
        "fw_type": ev.fw_type,
        "status": str(ev.status),
        "actor1_side": ev.actor1.side if ev.actor1 else None,
        "claimant": it.claimant,
        "claimant_side": claim.claimant.side if claim and claim.claimant else None,
        "outcome": it.outcome,
        "favours": it.beneficiary,
        "channel": claim.channel if claim else None,
        "outlet": claim.outlet if claim else None,
        "unverified": bool(claim and claim.unverified),
        "tally": it.tally,
        "article_flags": [f for f in it.ctx.flags if not f.startswith("copy_of")],
        "sentence": claim.sentence if claim else ev.trigger,
        "sentence_start": claim.sentence_start if claim else ev.trigger_start,
        "trigger": [ev.trigger_start, ev.trigger_end],
    }


@dataclass(slots=True)
class IncidentResult:
    incidents: list[Incident]
    by_event: dict[str, Incident]
    details: dict[str, dict[str, Any]]
    # Fusion's index (store/fuse_index.py): (event id, article id, block, lo, hi) of each
    # item, and (incident id, tally, regions, span) of each incident with a dated span.
    blocks: list[tuple[str, str, str, int | None, int | None]] = field(default_factory=list)
    reach: list[tuple[str, bool, set[str], tuple[int, int]]] = field(default_factory=list)


def build_incidents(
    events: Iterable[Event],
    contexts: Mapping[str, ArticleContext],
    claimant_names: Mapping[str, str] | None = None,
    overrides: Overrides | None = None,
) -> IncidentResult:
    """Incidents over ``events``; ``contexts`` by article id, ``claimant_names`` by event id;
    ``overrides``: analysts' merges and splits."""
    from frontwatch.fuse.judge import judge, link_tallies, tally_reach

    rules = incident_rules()
    names = claimant_names or {}
    items = [
        make_item(ev, contexts[ev.article_id], names.get(ev.id), rules)
        for ev in events
        if ev.article_id in contexts
        and (str(ev.status) not in rules.skip_status or is_speech(ev, rules))
    ]
    result = IncidentResult([], {}, {})
    spans: dict[str, list[_Item]] = {}
    for members_idx in group_items(items, rules, overrides):
        members = sorted((items[i] for i in members_idx), key=lambda it: it.event.id)
        status, why = judge(members, rules)
        incident = Incident(
            id=_incident_id(members),
            status=IncidentStatus(status),
            event_ids=[it.event.id for it in members],
            sources=sorted({it.ctx.root for it in members}),
            summary=_summary(members, status),
        )
        result.incidents.append(incident)
        spans[incident.id] = members
        result.details[incident.id] = _details(members, why)
        for it in members:
            result.by_event[it.event.id] = incident
    link_tallies(spans, result.details, rules)
    result.incidents.sort(key=lambda inc: inc.id)
    result.blocks = [
        (it.event.id, it.event.article_id, block, it.lo, it.hi)
        for it in items
        for block in item_blocks(it)
    ]
    for incident_id, members in spans.items():
        regions, span = tally_reach(members)
        if span is not None:
            tally = bool(result.details[incident_id].get("tally"))
            result.reach.append((incident_id, tally, regions, span))
    return result


def _details(members: Sequence[_Item], why: str) -> dict[str, Any]:
    return {
        "why": why,
        "group": members[0].group,
        "tally": all(it.tally for it in members),
        "location": _location(members),
        "when": _when(members),
        "sides": sorted({s for it in members for s in it.participants}),
        "independent_sources": len({it.ctx.provenance for it in members}),
        "provenances": sorted({it.ctx.provenance for it in members}),
        "copies": sorted(
            {it.event.article_id for it in members if it.ctx.root != it.event.article_id}
        ),
        "claims": [_claim_row(it) for it in members],
    }


def _summary(members: Sequence[_Item], status: str) -> str:
    types = sorted({it.event.fw_type for it in members})
    where = _location(members)
    place = f" in {where['name']}" if where else ""
    tally = "tally of " if all(it.tally for it in members) else ""
    return f"{status}: {tally}{', '.join(types)}{place} ({len(members)} event(s))"
