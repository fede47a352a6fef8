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

Status (frontwatch.fuse.judge): contested, corroborated, assessed, claimed,
each with its reason in words. Pure functions: events in, incidents out, so
the orchestration may call them on any subset of the store.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache
from typing import Any

from frontwatch.geo import haversine_km
from frontwatch.lexicons import load_toml, side_bloc
from frontwatch.models import Event, GeoPrecision, Incident, IncidentStatus, PlaceMention
from frontwatch.resolve.timenotation import NotationError, evaluate

_PRECISION_ORDER = [
    GeoPrecision.POINT,
    GeoPrecision.TOWN,
    GeoPrecision.REGION,
    GeoPrecision.COUNTRY,
]


@dataclass(frozen=True, slots=True)
class IncidentRules:
    window_days: int
    slack_days: int
    open_days: int
    max_block: int
    skip_status: frozenset[str]
    radius_km: dict[str, float]
    tally_cues: tuple[str, ...]
    group_of_type: dict[str, str]
    topics: dict[str, tuple[str, ...]]
    statement_types: frozenset[str]
    outcomes: dict[str, str]
    outcome_by_status: dict[str, str]
    dispute_cues: tuple[str, ...]
    parties: tuple[str, ...]
    neutral: frozenset[str]
    min_independent: int
    assessment_channels: frozenset[str]
    corroborate_precision: frozenset[str]
    corroborate_km: float
    corroborate_days: int


@cache
def incident_rules() -> IncidentRules:
    data = load_toml("incident_rules.toml")
    grouping, groups, outcomes = data["grouping"], data["groups"], dict(data["outcomes"])
    by_status = outcomes.pop("by_status", {})
    status = data["status"]
    return IncidentRules(
        window_days=int(grouping["window_days"]),
        slack_days=int(grouping["slack_days"]),
        open_days=int(grouping["open_days"]),
        max_block=int(grouping["max_block"]),
        skip_status=frozenset(grouping["skip_status"]),
        radius_km={k: float(v) for k, v in grouping["radius_km"].items()},
        tally_cues=tuple(c.lower() for c in data["tallies"]["cues"]),
        group_of_type={t: name for name, g in groups.items() for t in g["types"]},
        topics={name: tuple(g["topics"]) for name, g in groups.items()},
        statement_types=frozenset(data["statements"]["types"]),
        outcomes={k: str(v) for k, v in outcomes.items()},
        outcome_by_status={k: str(v) for k, v in by_status.items()},
        dispute_cues=tuple(data["disputes"]["cues"]),
        parties=tuple(status["parties"]),
        neutral=frozenset(status["neutral"]),
        min_independent=int(status["min_independent"]),
        assessment_channels=frozenset(c.lower() for c in status["assessment_channels"]),
        corroborate_precision=frozenset(status["corroborate_precision"]),
        corroborate_km=float(status["corroborate_km"]),
        corroborate_days=int(status["corroborate_days"]),
    )


@dataclass(slots=True)
class ArticleContext:
    """What grouping needs to know of an event's article."""

    root: str  # origin article of its copy cluster (itself when not a copy)
    provenance: str  # what counts as one source ("wire:reuters", "article:<id>")
    published: date | None = None
    suspect_spans: set[tuple[int, int]] = field(default_factory=set)
    flags: list[str] = field(default_factory=list)  # the article's suspect-text flags
    stored: datetime | None = None  # when the article was stored: incident ids follow it


@dataclass(slots=True)
class _Item:
    """An event as grouping sees it."""

    event: Event
    ctx: ArticleContext
    group: str | None
    lo: int | None  # ordinal days; None: no time
    hi: int | None
    anchored: bool  # False: relative to an unknown article date (compares in its article only)
    speech: bool = False  # what someone said about an incident (see is_speech)
    lat: float | None = None
    lon: float | None = None
    precision: str | None = None
    admin1: str | None = None
    country: str | None = None
    place_name: str | None = None
    place_id: str | None = None
    tally: bool = False  # sums a period ("in a day", "since February"): linked, not merged
    participants: frozenset[str] = frozenset()
    claimant: str | None = None  # name (canonical where known)
    claimant_bloc: str | None = None
    outcome: str | None = None
    beneficiary: str | None = None


# --- items --------------------------------------------------------------------------


def _sentence(ev: Event) -> str:
    return (ev.claim.sentence if ev.claim else ev.trigger).lower()


def _disputes(ev: Event, rules: IncidentRules) -> bool:
    return any(cue in _sentence(ev) for cue in rules.dispute_cues)


def is_speech(ev: Event, rules: IncidentRules) -> bool:
    """An event that is what someone said about an incident, not a part of it.

    Statements and denials; and an event that is itself no happening (planned,
    background) but whose claimant disputes something in the same sentence:
    "Western officials have condemned the referenda as shams and warned ..."
    """
    if ev.fw_type in rules.statement_types:
        return True
    claimed = ev.claim is not None and ev.claim.claimant is not None
    return str(ev.status) in rules.skip_status and claimed and _disputes(ev, rules)


def _group(ev: Event, speech: bool, rules: IncidentRules) -> str | None:
    if not speech:
        return rules.group_of_type.get(ev.fw_type)
    if ev.fw_type != "denial" and not _disputes(ev, rules):
        return None  # a statement that disputes nothing is context, not an incident
    text = _sentence(ev)
    hits = {name: sum(cue in text for cue in cues) for name, cues in rules.topics.items()}
    best = max(hits, key=lambda name: hits[name], default=None)  # first listed on a tie
    return best if best is not None and hits[best] else None


# Relative times of an undated article are laid on this stand-in date: offsets
# between them stay right, so they compare with each other (never with real dates).
_STAND_IN = date(2000, 1, 1)


_FIRST_DAY, _LAST_DAY = date.min.toordinal(), date.max.toordinal()


def _interval(start: date | None, end: date | None, window: int) -> tuple[int, int] | None:
    """Ordinal days; an open end reaches ``window`` days past the known one (never
    past the calendar's ends: a date of year 1 or 9999 in a store must not stop fusion)."""
    if start is not None and end is not None:
        lo, hi = start.toordinal(), end.toordinal()
    elif end is not None:
        lo, hi = end.toordinal() - window, end.toordinal()
    elif start is not None:
        lo, hi = start.toordinal(), start.toordinal() + window
    else:
        return None
    return max(lo, _FIRST_DAY), min(hi, _LAST_DAY)


def _evaluate(notation: str, anchor: date, window: int) -> tuple[int, int] | None:
    try:
        found = evaluate(notation, anchor)
    except NotationError:
        return None
    return _interval(found.start, found.end, window)


def _times(
    ev: Event, speech: bool, ctx: ArticleContext, rules: IncidentRules
) -> tuple[tuple[int, int] | None, bool]:
    """(interval in ordinal days, whether it is on the real calendar).

    What is said (a statement, a denial) is dated by its report (the article
    date), not by what it mentions ("steps Moscow took in Crimea in 2014").
    """
    window = rules.open_days
    t = None if speech else ev.time
    if t and (t.date_start or t.date_end):
        return _interval(t.date_start, t.date_end, window), True
    notation = t.relative if t and t.relative else "?..D"
    if ctx.published:
        return _evaluate(notation, ctx.published, window), True
    return _evaluate(notation, _STAND_IN, window), False


def _other_party(bloc: str | None, rules: IncidentRules) -> str | None:
    if bloc in rules.parties and len(rules.parties) == 2:
        return rules.parties[1 - rules.parties.index(bloc)]
    return None


def _outcome(
    ev: Event, speech: bool, claimant_bloc: str | None, rules: IncidentRules
) -> tuple[str | None, str | None]:
    """(outcome, the bloc it favours)."""
    a1 = side_bloc(ev.actor1.side) if ev.actor1 else None
    a2 = side_bloc(ev.actor2.side) if ev.actor2 else None
    a1 = None if a1 == "UNKNOWN" else a1
    a2 = None if a2 == "UNKNOWN" else a2
    if speech:
        outcome = "deny" if ev.fw_type == "denial" or _disputes(ev, rules) else None
    else:
        outcome = rules.outcome_by_status.get(str(ev.status)) or rules.outcomes.get(ev.fw_type)
    if outcome in ("gain", "hold"):
        return outcome, a1 or claimant_bloc
    if outcome == "loss":
        return outcome, a2 or _other_party(a1, rules)
    if outcome == "hold_other":
        return "hold", a2 or _other_party(a1, rules)
    if outcome == "deny":
        return outcome, claimant_bloc
    return None, None


def make_item(
    ev: Event, ctx: ArticleContext, claimant_name: str | None, rules: IncidentRules
) -> _Item:
    speech = is_speech(ev, rules)
    span, anchored = _times(ev, speech, ctx, rules)
    lo, hi = span if span else (None, None)
    claimant = ev.claim.claimant if ev.claim else None
    claimant_bloc = side_bloc(claimant.side) if claimant else None
    if claimant_bloc == "UNKNOWN":
        claimant_bloc = None
    # A speaker is not a party to what it talks about.
    actors = () if speech else (ev.actor1, ev.actor2)
    sides = {side_bloc(a.side) for a in actors if a is not None}
    item = _Item(
        event=ev,
        ctx=ctx,
        group=_group(ev, speech, rules),
        speech=speech,
        lo=lo,
        hi=hi,
        anchored=anchored,
        participants=frozenset(s for s in sides if s and s != "UNKNOWN"),
        claimant=claimant_name or (claimant.name if claimant else None),
        claimant_bloc=claimant_bloc,
    )
    item.outcome, item.beneficiary = _outcome(ev, speech, claimant_bloc, rules)
    mention = ev.place
    if mention and mention.place and not _suspect(mention, ctx):
        place = mention.place
        item.lat, item.lon, item.precision = place.lat, place.lon, str(place.precision)
        item.admin1, item.country, item.place_name = place.admin1, place.country, place.name
        item.place_id = place.id
    item.tally = not speech and is_tally(ev, rules)
    if item.tally and item.group:
        item.group += ":tally"  # tallies of one period and region may be one; never a happening
    return item


def _suspect(mention: PlaceMention, ctx: ArticleContext) -> bool:
    """A mention the places stage or the suspect-text check flagged: it gives no location."""
    from frontwatch.fuse.suspect import suspect_rules

    flagged = suspect_rules().mention_flags & set(mention.flags)
    return bool(flagged) or (mention.start, mention.end) in ctx.suspect_spans


def is_tally(ev: Event, rules: IncidentRules) -> bool:
    """An event that sums a period ("killed seven civilians in a day", "since February")."""
    text = f" {_sentence(ev)} "
    return any(cue in text for cue in rules.tally_cues)


# --- compatibility ---------------------------------------------------------------------


def _times_agree(a: _Item, b: _Item, slack: int) -> bool:
    if a.lo is None or b.lo is None or a.hi is None or b.hi is None:
        return False
    if not (a.anchored and b.anchored) and (a.anchored != b.anchored or a.ctx.root != b.ctx.root):
        return False  # relative to an unknown date: only within one article (or its copies)
    return a.lo - slack <= b.hi and b.lo - slack <= a.hi


def place_limit_km(a: str | None, b: str | None, rules: IncidentRules) -> float:
    """How far apart two places of these precisions may lie and still be one place."""
    worst = rules.radius_km[GeoPrecision.COUNTRY.value]
    return rules.radius_km.get(a or "", worst) + rules.radius_km.get(b or "", worst)


def _places_agree(a: _Item, b: _Item, rules: IncidentRules) -> bool:
    # What is said is placed by what it is about, which its own place may not be
    # ("condemned the referenda ... steps Moscow took in Crimea"): it finds its
    # incident through blocks, it never vetoes one.
    if a.speech or b.speech:
        return True
    if a.lat is None or b.lat is None or a.lon is None or b.lon is None:
        return True
    if a.place_id is not None and a.place_id == b.place_id:
        return True  # the same settlement (or region) by name
    if a.country and b.country and a.country != b.country:
        return False
    coarse = {a.precision, b.precision}
    if a.admin1 and b.admin1 and a.admin1 != b.admin1 and GeoPrecision.COUNTRY not in coarse:
        return False
    limit = place_limit_km(a.precision, b.precision, rules)
    return haversine_km(a.lat, a.lon, b.lat, b.lon) <= limit


def compatible(a: _Item, b: _Item, rules: IncidentRules) -> bool:
    if a.group is None or a.group != b.group:
        return False
    if a.participants and b.participants and not (a.participants & b.participants):
        return False
    return _times_agree(a, b, rules.slack_days) and _places_agree(a, b, rules)


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


def _blocks(items: Sequence[_Item]) -> dict[tuple[str, str], list[int]]:
    blocks: dict[tuple[str, str], list[int]] = {}
    for i, it in enumerate(items):
        if it.group is None:
            continue
        blocks.setdefault((it.group, f"article:{it.ctx.root}"), []).append(i)
        if it.anchored and it.lo is not None and it.lat is not None:
            region = f"admin1:{it.admin1}" if it.admin1 else f"country:{it.country}"
            blocks.setdefault((it.group, region), []).append(i)
    return blocks


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
    for members in _blocks(items).values():
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


def build_incidents(
    events: Iterable[Event],
    contexts: Mapping[str, ArticleContext],
    claimant_names: Mapping[str, str] | None = None,
    overrides: Overrides | None = None,
) -> IncidentResult:
    """Incidents over ``events``; ``contexts`` by article id, ``claimant_names`` by event id;
    ``overrides``: analysts' merges and splits."""
    from frontwatch.fuse.judge import judge, link_tallies

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
