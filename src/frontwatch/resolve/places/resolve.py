"""Resolve: every candidate of every mention is scored by its prior (population,
feature), the phrase ("Luhansk region" wants an ADM1), the story's country focus,
closeness to the story's other places, the dateline, and "X, Y" containers; a few
rounds let the choices inform each other."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from frontwatch.models import Place
from frontwatch.resolve.gazetteer import ALIAS, ALTERNATE, Candidate, Gazetteer, prior
from frontwatch.resolve.names import fold
from frontwatch.resolve.places.common import (
    MAX_ANCHORS,
    NEIGHBOUR_SHARE,
    TOWN_OF_NOTE,
    Lexicon,
    _fits,
    _is_area,
    _km,
    _Span,
    in_theatre,
)
from frontwatch.resolve.places.qualifiers import constrain


@dataclass(slots=True)
class _Context:
    anchors: dict[str, tuple[Place, float]]  # the story's places (not areas): id -> (place, weight)
    dateline: Place | None
    focus: Place | None = None
    admin1_share: dict[str, float] = field(default_factory=dict)
    memo: dict[tuple[object, ...], float] = field(default_factory=dict)
    votes: dict[str, float] = field(default_factory=dict)
    votes_by_name: dict[str, dict[str, float]] = field(default_factory=dict)
    point_share: dict[str, float] = field(default_factory=dict)  # country -> share of points
    total_votes: float = 0.0
    top_share: float = 0.0  # the largest country's share of the votes
    neighbours: Callable[[str], frozenset[str]] = lambda _country: frozenset()
    # name -> {place id: weight}: what each name's own mentions put in the anchors
    anchors_by_name: dict[str, dict[str, float]] = field(default_factory=dict)
    # a war story's oblasts named anywhere in it -> the names that name them
    named_units: dict[str, set[str]] = field(default_factory=dict)


def _container_place(span: _Span) -> Place | None:
    """The place chosen for the name written right after this one ("Brussels, Belgium")."""
    if span.container is None or span.container.choice is None:
        return None
    return span.container.choice.place


def _inside_container(place: Place, outer: Place) -> bool:
    if _is_area(outer):
        return place.country == outer.country
    return place.admin1 is not None and place.admin1 == outer.admin1


def _closeness(span: _Span, place: Place, ctx: _Context, far_km: float) -> float:
    """Closeness (1 at 0 km, 0 beyond far_km) to the story's focus point.

    An admin unit's centroid may lie far from the towns in it: it is as close as
    the share of the story's places inside it, or the share of the rest of the
    story's places that are units of the same level in the same country
    ("Oregon, California and Idaho"), if that is more."""
    key = (span.name, place.id, 1)
    hit = ctx.memo.get(key)
    if hit is None:
        hit = max(0.0, 1.0 - _km(place, ctx.focus) / far_km) if ctx.focus else 0.0
        if place.feature.startswith("ADM") and place.admin1:
            hit = max(hit, ctx.admin1_share.get(place.admin1, 0.0))
            hit = max(hit, _sibling_share(ctx, span.name, place))
        ctx.memo[key] = hit
    return hit


def _sibling_share(ctx: _Context, name: str, place: Place) -> float:
    """Share of the rest of the story's places (not this name's own mentions)
    that are units of ``place``'s level in its country."""
    own = ctx.anchors_by_name.get(name, {})
    total = same = 0.0
    for pid, (p, w) in ctx.anchors.items():
        w -= own.get(pid, 0.0)
        total += w
        if p.feature == place.feature and p.country == place.country:
            same += w
    return same / total if total > 0 else 0.0


def _weighted_median(values: list[tuple[float, float]]) -> float:
    """The weighted median; an even split lies halfway between the two middle values (two
    places of one weight: their midpoint, not the first of them)."""
    values.sort()
    half, acc = sum(w for _, w in values) / 2, 0.0
    for i, (value, weight) in enumerate(values):
        acc += weight
        if acc > half or (acc == half and i + 1 == len(values)):
            return value
        if acc == half:
            return (value + values[i + 1][0]) / 2
    return values[-1][0]


def _focus(anchors: dict[str, tuple[Place, float]]) -> Place | None:
    """The story's focus: weighted median latitude and longitude of its places."""
    if not anchors:
        return None
    lat = _weighted_median([(p.lat, w) for p, w in anchors.values()])
    lon = _weighted_median([(p.lon, w) for p, w in anchors.values()])
    return Place(id="focus", name="focus", lat=lat, lon=lon, feature="", country="")


def _static_score(span: _Span, cand: Candidate, lex: Lexicon, theatre: bool = False) -> float:
    """The part of a candidate's score that does not depend on the rest of the story."""
    w = lex.weights
    score = w["prior"] * prior(cand.place)
    score += w["official_name"] * (cand.kind != ALTERNATE) + w["exact"] * cand.exact
    score += w["curated_alias"] * (cand.kind == ALIAS)
    if span.cue:
        score += w["feature_fit"] if _fits(cand.place, span.cue) else w["feature_misfit"]
    elif cand.place.feature == "PPLC" and fold(span.name) in lex.seats:
        score += w["seat_capital"]  # "Washington" is the capital, not the state
    if theatre and in_theatre(cand.place, lex):
        score += w["theatre"]
    return score


def _renowned_elsewhere(span: _Span, lex: Lexicon) -> bool:
    """Does the name also mean a well-known place outside the war zone (a country, a
    first-level unit, a capital, a city of 100,000)? Then the theatre prior does not
    move it to a village ("Chechnya" is the republic, not a Ukrainian hamlet). A name
    that means as renowned a place inside the war zone is not held back ("Odessa" is
    Odesa, not Odessa, Texas)."""
    outside = inside = False
    for c in span.candidates:
        renowned = c.place.feature in _RENOWNED or c.place.population >= 100_000
        if in_theatre(c.place, lex):
            # a town of note named exactly so is as good: "Seversk" is Siversk (11,000)
            # in a war story, not the Siberian city; a hamlet is not ("Chechnya")
            inside = inside or renowned or (c.exact and c.place.population >= TOWN_OF_NOTE)
        elif renowned and c.exact:
            outside = True
    return outside and not inside


_RENOWNED = frozenset({"PCLI", "CONT", "ADM1", "PPLC"})


def _names_area(cand: Candidate) -> bool:
    return cand.exact and cand.kind != ALTERNATE and _is_area(cand.place)


def _demote_country_namesakes(span: _Span, lex: Lexicon) -> None:
    """ "Mexico" is the country, not Mexico, Missouri, however American the story:
    a town named exactly like a country or continent needs a cue ("the town of")."""
    if span.cue or not any(_names_area(c) for c in span.candidates):
        return
    penalty = lex.weights["country_namesake"]
    for i, cand in enumerate(span.candidates):
        if cand.place.feature.startswith("PPL"):
            span.static[i] += penalty


def _scores(span: _Span, ctx: _Context, lex: Lexicon) -> list[float]:
    """Each candidate's score in the story's context: its static score plus the fit
    with the story's countries, its focus, its dateline and the name's container.

    One loop per span with the weights read once (the hottest loop of place
    resolution: ~250 candidates per article per round)."""
    w = lex.weights
    w_country, w_near, w_dateline = w["country"], w["proximity"], w["dateline"]
    dateline = ctx.dateline
    outer = _container_place(span)
    shares: dict[str, float] = {}  # this name's share of each country
    scores = []
    for static, cand in zip(span.static, span.candidates, strict=True):
        place = cand.place
        country = place.country
        if country:
            share = shares.get(country)
            if share is None:
                share = shares[country] = _country_share(ctx, span, country)
            score = static + w_country * share
        else:  # a sea or a world region fits whatever countries the story is about
            score = static + w_country * ctx.top_share
        if not country or _is_area(place):
            score += w_near * ctx.point_share.get(country, 0.0)
        else:
            score += w_near * _closeness(span, place, ctx, lex.far_km)
            if dateline and dateline.id != place.id:
                score += w_dateline * (_km(place, dateline) <= lex.near_km)
        if outer is not None and _inside_container(place, outer):
            score += w["container"]
        named = ctx.named_units.get(place.admin1 or "") if in_theatre(place, lex) else None
        if named and (len(named) > 1 or span.name not in named) and place.feature[:4] != "ADM1":
            score += w["named_region"]  # "... near Stepanovka ... in the Kherson region"
        scores.append(score)
    return scores


def _vote(span: _Span) -> tuple[str, float]:
    """The country a span's current choice votes for, and how strongly."""
    assert span.choice is not None
    place = span.choice.place
    weight = (1.0 if span.strong else 0.5) * (2.0 if _is_area(place) else 1.0)
    return place.country, weight


def _context(spans: list[_Span], gaz: Gazetteer | None = None) -> _Context:
    votes: dict[str, float] = {}
    by_name: dict[str, dict[str, float]] = {}
    anchors: dict[str, tuple[Place, float]] = {}
    anchors_by_name: dict[str, dict[str, float]] = {}
    dateline = None
    for span in spans:
        if span.dropped or span.choice is None:
            continue
        place = span.choice.place
        country, weight = _vote(span)
        if country:
            votes[country] = votes.get(country, 0.0) + weight
            own = by_name.setdefault(span.name, {})
            own[country] = own.get(country, 0.0) + weight
        if span.role == "dateline":
            dateline = place
        if not _is_area(place) and (place.id in anchors or len(anchors) < MAX_ANCHORS):
            anchors[place.id] = (place, anchors.get(place.id, (place, 0.0))[1] + 1.0)
            mine = anchors_by_name.setdefault(span.name, {})
            mine[place.id] = mine.get(place.id, 0.0) + 1.0
    admin: dict[str, float] = {}
    for place, weight in anchors.values():
        if place.admin1 and place.feature.startswith("PPL"):
            admin[place.admin1] = admin.get(place.admin1, 0.0) + weight
    admin_total = sum(admin.values()) or 1.0
    admin_share = {k: v / admin_total for k, v in admin.items()}
    points: dict[str, float] = {}
    for place, weight in anchors.values():
        points[place.country] = points.get(place.country, 0.0) + weight
    point_total = sum(points.values()) or 1.0
    point_share = {k: v / point_total for k, v in points.items()}
    ctx = _Context(
        anchors, dateline, _focus(anchors), admin_share, {}, votes, by_name, point_share,
        sum(votes.values()),
    )  # fmt: skip
    ctx.anchors_by_name = anchors_by_name
    for span in spans:
        if not span.dropped and span.choice is not None and span.theatre:
            unit = span.choice.place
            if unit.feature.startswith("ADM1") and unit.admin1:
                ctx.named_units.setdefault(unit.admin1, set()).add(span.name)
    if gaz is not None:
        ctx.neighbours = gaz.neighbours
    if ctx.total_votes:
        ctx.top_share = max(votes.values()) / ctx.total_votes
    return ctx


def _country_share(ctx: _Context, span: _Span, country: str) -> float:
    """Share of the story's votes for ``country``, not counting this name's own votes;
    votes for a bordering country count a little ("Israel" makes "Gaza" likelier)."""
    key = (span.name, country)
    hit = ctx.memo.get(key)
    if hit is not None:
        return hit
    own = ctx.votes_by_name.get(span.name, {})
    total = ctx.total_votes - sum(own.values())
    share = 0.0
    if total > 0:
        share = (ctx.votes.get(country, 0.0) - own.get(country, 0.0)) / total
        for other in ctx.neighbours(country):
            share += NEIGHBOUR_SHARE * (ctx.votes.get(other, 0.0) - own.get(other, 0.0)) / total
    ctx.memo[key] = share = min(share, 1.0)
    return share


def _choose(spans: list[_Span], ctx: _Context | None, lex: Lexicon) -> None:
    done: dict[tuple, tuple[float, Candidate, bool]] = {}
    for span in spans:
        if span.dropped:
            continue
        if not span.candidates:
            # a village the gazetteer lacks, in a named unit: the unit stands in
            _, fallback = constrain(span, [], lex)
            if fallback and span.container and span.container.choice:
                span.choice, span.fallback = span.container.choice, True
            continue
        outer = span.container.choice if span.container else None
        key = (span.name, span.cue, outer.place.id if outer else "")
        if key not in done:
            if not span.static:
                theatre = span.theatre and not _renowned_elsewhere(span, lex)
                span.static = [_static_score(span, c, lex, theatre) for c in span.candidates]
                _demote_country_namesakes(span, lex)
            if ctx is None:
                scored = list(zip(span.static, span.candidates, strict=True))
            else:
                scored = list(zip(_scores(span, ctx, lex), span.candidates, strict=True))
            scored, fallback = constrain(span, scored, lex)
            done[key] = (*max(scored, key=lambda sc: sc[0]), fallback)
        span.score, span.choice, span.fallback = done[key]


def resolve(
    spans: list[_Span], lex: Lexicon, rounds: int = 2, gaz: Gazetteer | None = None
) -> None:
    _choose(spans, None, lex)
    for _ in range(rounds):
        before = [span.choice for span in spans]
        _choose(spans, _context(spans, gaz), lex)
        if all(span.choice is b for span, b in zip(spans, before, strict=True)):
            break  # nothing moved: the next round would see the same context again
