"""Incidents: events that report the same happening, and whether sources agree.

Grouping (rules in data/incident_rules.toml):
  * blocking: an event goes into a block per (type group, region) and per
    (type group, origin article); inside a block events are swept in time
    order and compared only with those still inside the time window, so the
    work is near-linear in the number of events;
  * two events in a block are one incident when their times lie within the
    window, their places are within the distance allowed by the coarser geo
    precision (and in the same admin-1 region where both say), and the sides
    they involve overlap;
  * a union-find joins the compatible pairs.

Status: contested (parties' claims favour different sides, or a party or a
neutral denies what another claims), corroborated (independent sources
agree, or a neutral source confirms a party), assessed (only third-party
assessments), claimed (one side only).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import Any

from frontwatch.geo import haversine_km
from frontwatch.lexicons import load_toml, side_bloc
from frontwatch.models import Event, GeoPrecision, Incident, IncidentStatus, Status
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
    max_block: int
    skip_status: frozenset[str]
    max_km: dict[str, float]
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


@cache
def incident_rules() -> IncidentRules:
    data = load_toml("incident_rules.toml")
    grouping, groups, outcomes = data["grouping"], data["groups"], dict(data["outcomes"])
    by_status = outcomes.pop("by_status", {})
    status = data["status"]
    return IncidentRules(
        window_days=int(grouping["window_days"]),
        max_block=int(grouping["max_block"]),
        skip_status=frozenset(grouping["skip_status"]),
        max_km={k: float(v) for k, v in grouping["max_km"].items()},
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
    )


@dataclass(slots=True)
class ArticleContext:
    """What grouping needs to know of an event's article."""

    root: str  # origin article of its copy cluster (itself when not a copy)
    provenance: str  # what counts as one source ("wire:reuters", "article:<id>")
    published: date | None = None
    suspect_spans: set[tuple[int, int]] = field(default_factory=set)
    flags: list[str] = field(default_factory=list)  # the article's suspect-text flags


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
    window = rules.window_days
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
    if mention and mention.place and (mention.start, mention.end) not in ctx.suspect_spans:
        place = mention.place
        item.lat, item.lon, item.precision = place.lat, place.lon, str(place.precision)
        item.admin1, item.country, item.place_name = place.admin1, place.country, place.name
    return item


# --- compatibility ---------------------------------------------------------------------


def _times_agree(a: _Item, b: _Item, window: int) -> bool:
    if a.lo is None or b.lo is None or a.hi is None or b.hi is None:
        return False
    if not (a.anchored and b.anchored) and (a.anchored != b.anchored or a.ctx.root != b.ctx.root):
        return False  # relative to an unknown date: only within one article (or its copies)
    return a.lo - window <= b.hi and b.lo - window <= a.hi


def _places_agree(a: _Item, b: _Item, rules: IncidentRules) -> bool:
    # What is said is placed by what it is about, which its own place may not be
    # ("condemned the referenda ... steps Moscow took in Crimea"): it finds its
    # incident through blocks, it never vetoes one.
    if a.speech or b.speech:
        return True
    if a.lat is None or b.lat is None or a.lon is None or b.lon is None:
        return True
    if a.country and b.country and a.country != b.country:
        return False
    coarse = {a.precision, b.precision}
    if a.admin1 and b.admin1 and a.admin1 != b.admin1 and GeoPrecision.COUNTRY not in coarse:
        return False
    worst = max((_PRECISION_ORDER.index(GeoPrecision(p)) for p in coarse if p), default=3)
    limit = rules.max_km[_PRECISION_ORDER[worst].value]
    return haversine_km(a.lat, a.lon, b.lat, b.lon) <= limit


def compatible(a: _Item, b: _Item, rules: IncidentRules) -> bool:
    if a.group is None or a.group != b.group:
        return False
    if a.participants and b.participants and not (a.participants & b.participants):
        return False
    return _times_agree(a, b, rules.window_days) and _places_agree(a, b, rules)


# --- grouping ----------------------------------------------------------------------------


class _UnionFind:
    """Joins incidents, never two that lie in different regions.

    An event without a usable place is compatible with any place; without this
    check it would chain a Luhansk incident to a Donetsk one.
    """

    def __init__(self, items: Sequence[_Item]) -> None:
        self.parent = list(range(len(items)))
        self.regions: list[frozenset[str]] = [
            frozenset({it.admin1 or f"country:{it.country}"})
            if it.lat is not None and not it.speech
            else frozenset()
            for it in items
        ]

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return
        regions = self.regions[ra] | self.regions[rb]
        if len({r for r in regions if not r.startswith("country:")}) > 1:
            return
        keep, drop = min(ra, rb), max(ra, rb)
        self.parent[drop] = keep
        self.regions[keep] = regions


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


def group_items(items: Sequence[_Item], rules: IncidentRules) -> list[list[int]]:
    """Indices of the items of each incident (every item is in exactly one)."""
    uf = _UnionFind(items)
    window = rules.window_days
    for members in _blocks(items).values():
        members.sort(key=lambda i: (items[i].lo if items[i].lo is not None else -1, i))
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


# --- status -------------------------------------------------------------------------------


def _is_assessment(it: _Item, rules: IncidentRules) -> bool:
    channel = (it.event.claim.channel or "").lower() if it.event.claim else ""
    return it.event.status == Status.ASSESSED or channel in rules.assessment_channels


def _source_unit(it: _Item) -> str:
    return f"claimant:{it.claimant.lower()}" if it.claimant else f"outlet:{it.ctx.provenance}"


def judge(members: Sequence[_Item], rules: IncidentRules) -> tuple[str, str]:
    """(status, why) of an incident."""
    denials = [it for it in members if it.outcome == "deny"]
    affirm = [it for it in members if it.outcome != "deny"]
    favoured = {it.beneficiary for it in members if it.beneficiary in rules.parties}
    if len(favoured) > 1:
        return "contested", "claims favour different sides: " + " vs ".join(sorted(favoured))
    for d in denials:
        against = {it.claimant_bloc for it in affirm if it.claimant_bloc}
        against |= {it.beneficiary for it in affirm if it.beneficiary}
        if d.claimant_bloc and against - {d.claimant_bloc}:
            who = d.claimant or d.claimant_bloc
            others = ", ".join(sorted(against - {d.claimant_bloc}))
            return "contested", f"{who} ({d.claimant_bloc}) denies what {others} claims"
    if any(it.event.status == Status.CONFIRMED for it in members):
        return "corroborated", "an event is reported as independently confirmed"
    units = {_source_unit(it) for it in affirm}
    provenances = {it.ctx.provenance for it in affirm}
    if len(units) >= rules.min_independent and len(provenances) >= rules.min_independent:
        return (
            "corroborated",
            f"{len(units)} sources in {len(provenances)} independent reports agree",
        )
    neutral = [it for it in affirm if it.claimant_bloc in rules.neutral]
    parties = [it for it in affirm if it.claimant_bloc in rules.parties]
    if neutral and parties:
        return "corroborated", "a neutral source confirms a party's claim"
    if neutral and len(neutral) == len(affirm) and any(_is_assessment(it, rules) for it in neutral):
        return "assessed", "third-party assessment only"
    return "claimed", "one side or one source only"


# --- incidents --------------------------------------------------------------------------


def _incident_id(members: Sequence[_Item]) -> str:
    originals = sorted(it.event.id for it in members if it.ctx.root == it.event.article_id)
    basis = originals or sorted(it.event.id for it in members)
    return "inc-" + hashlib.sha1("\0".join(basis).encode()).hexdigest()[:12]


def _location(members: Sequence[_Item]) -> dict[str, Any] | None:
    placed = [it for it in members if it.lat is not None and not it.speech]
    if not placed:
        return None
    counts: dict[tuple[Any, ...], int] = {}
    for it in placed:
        key = (it.place_name, it.admin1, it.country, it.lat, it.lon, it.precision)
        counts[key] = counts.get(key, 0) + 1
    best = min(counts, key=lambda k: (-counts[k], str(k[0])))
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
) -> IncidentResult:
    """Incidents over ``events``; ``contexts`` by article id, ``claimant_names`` by event id."""
    rules = incident_rules()
    names = claimant_names or {}
    items = [
        make_item(ev, contexts[ev.article_id], names.get(ev.id), rules)
        for ev in events
        if ev.article_id in contexts
        and (str(ev.status) not in rules.skip_status or is_speech(ev, rules))
    ]
    result = IncidentResult([], {}, {})
    for members_idx in group_items(items, rules):
        members = sorted((items[i] for i in members_idx), key=lambda it: it.event.id)
        status, why = judge(members, rules)
        sources = sorted({it.ctx.root for it in members})
        incident = Incident(
            id=_incident_id(members),
            status=IncidentStatus(status),
            event_ids=[it.event.id for it in members],
            sources=sources,
            summary=_summary(members, status),
        )
        result.incidents.append(incident)
        result.details[incident.id] = {
            "why": why,
            "group": members[0].group,
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
        for it in members:
            result.by_event[it.event.id] = incident
    result.incidents.sort(key=lambda inc: inc.id)
    return result


def _summary(members: Sequence[_Item], status: str) -> str:
    types = sorted({it.event.fw_type for it in members})
    where = _location(members)
    place = f" in {where['name']}" if where else ""
    return f"{status}: {', '.join(types)}{place} ({len(members)} event(s))"
