"""Incident items: each event as fusion compares it (its time window, place, sides,
outcome), the rules of data/incident_rules.toml, and when two items may be one
happening (``compatible``). Used by the grouping in fuse/incidents.py and by the
status judgement in fuse/judge.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache

from frontwatch.geo import haversine_km
from frontwatch.lexicons import load_toml, side_bloc
from frontwatch.models import Event, GeoPrecision, PlaceMention
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
