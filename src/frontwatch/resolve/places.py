"""Places: recognise place names in an annotated article and resolve them.

Contract: ``resolve_places(doc, article, gazetteer) -> list[PlaceMention]``, in
document order, each with its role (location | actor | dateline), its resolved
``Place`` (or None) and flags (suspect_far, unresolved, garbled, coarse).

Three steps:
1. recognise: spaCy's GPE/LOC/FAC entities, plus PERSON/ORG/NORP entities and
   capitalised n-grams that the gazetteer knows (spaCy calls Kharkiv a PERSON and
   Bakhmut an ORG), plus a capitalised word before a feature word ("X region");
2. resolve: every candidate of every mention is scored by its prior (population,
   feature), the phrase ("Luhansk region" wants an ADM1), the story's country
   focus, closeness to the story's other places, the dateline, and "X, Y"
   containers; a few rounds let the choices inform each other;
3. judge: keep name-only matches (PERSON/ORG/n-grams) only where the story
   agrees; flag places far from everything else (suspect_far), names that
   resolve to nothing near the story (unresolved) and near-misses of the story's
   places (garbled); a county the index lacks becomes the story's admin-1 unit
   (coarse); give metonymic agents ("Kyiv said") the role "actor".

Words, weights and distances live in data/places/context.toml and metonymy.toml.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz, process
from spacy.attrs import IDX, SENT_START
from spacy.tokens import Doc, Span, Token

from frontwatch.annotate.text import (
    doc_text,
    entity_bounds,
    span_text,
    token_lowers,
    token_texts,
)
from frontwatch.models import Article, Place, PlaceFlag, PlaceMention, PlaceRole
from frontwatch.resolve.gazetteer import ALIAS, ALTERNATE, Candidate, Gazetteer, load_toml, prior
from frontwatch.resolve.names import fold, strict_key

STRONG_LABELS = frozenset({"GPE", "LOC", "FAC"})
WEAK_LABELS = frozenset({"PERSON", "ORG", "NORP"})
# Labels whose tokens never start a gazetteer n-gram (numbers, dates, people).
BLOCKING_LABELS = frozenset({"PERSON", "DATE", "TIME", "MONEY", "PERCENT", "CARDINAL",
                             "ORDINAL", "QUANTITY", "NORP"})  # fmt: skip
# Lowercase words inside multi-word names ("Rio Grande do Sul", "Frankfurt am Main").
CONNECTORS = frozenset({"of", "de", "del", "la", "le", "upon", "on", "-", "am", "an", "the",
                        "do", "da", "dos", "das", "du", "di", "des", "y", "al", "el"})  # fmt: skip
MAX_CANDIDATES = 25
NEIGHBOUR_SHARE = 0.3  # how much a vote for a bordering country counts
MAX_ANCHORS = 60


@dataclass(frozen=True, slots=True)
class Lexicon:
    feature_words: dict[str, tuple[str, ...]]
    weights: dict[str, float]
    near_km: float
    far_km: float
    garbled_score: float
    minor_population: int
    seats: frozenset[str]
    always_actor: frozenset[str]
    agent_deps: frozenset[str]
    non_agentive: frozenset[str]
    agentive_participles: frozenset[str]
    titles: frozenset[str]
    not_places: frozenset[str]
    not_place_heads: frozenset[str]
    directions: frozenset[str]
    locative: frozenset[str]
    military_verbs: frozenset[str]
    general_place_verbs: frozenset[str]
    armed_subjects: frozenset[str]
    military_nouns: frozenset[str]
    target_prepositions: frozenset[str]
    strict_features: frozenset[str]
    site_words: frozenset[str]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    ctx, met = load_toml("context.toml"), load_toml("metonymy.toml")
    dist = ctx["distances"]
    return Lexicon(
        feature_words={k: tuple(v) for k, v in ctx["feature_words"].items()},
        weights={k: float(v) for k, v in ctx["weights"].items()},
        near_km=float(dist["near_km"]),
        far_km=float(dist["far_km"]),
        garbled_score=float(dist["garbled_score"]),
        minor_population=int(dist["minor_population"]),
        seats=frozenset(fold(s) for s in met["seats"]),
        always_actor=frozenset(fold(s) for s in met["always_actor"]),
        agent_deps=frozenset(met["agent_deps"]),
        non_agentive=frozenset(met["non_agentive_verbs"]),
        agentive_participles=frozenset(met["agentive_participles"]),
        titles=frozenset(met["person_titles"]),
        not_places=frozenset(fold(s) for s in met["not_places"]),
        not_place_heads=frozenset(ctx["not_place_heads"]["words"]),
        directions=frozenset(ctx["directions"]["words"]),
        locative=frozenset(ctx["locative"]["words"]),
        military_verbs=frozenset(ctx["place_verbs"]["military"]),
        general_place_verbs=frozenset(ctx["place_verbs"]["general"]),
        armed_subjects=frozenset(ctx["place_verbs"]["armed_subjects"]),
        military_nouns=frozenset(ctx["place_verbs"]["military_nouns"]),
        target_prepositions=frozenset(ctx["place_verbs"]["target_prepositions"]),
        strict_features=frozenset(ctx["strict_features"]["codes"]),
        site_words=frozenset(ctx["site_words"]["words"]),
    )


@dataclass(slots=True)
class _Span:
    start: int  # token indices, end exclusive
    end: int
    label: str  # spaCy label, "GAZ" (gazetteer n-gram), "CUE" (word before a feature word)
    name: str = ""  # the text looked up
    cue: tuple[str, ...] = ()  # feature codes the phrase asks for
    candidates: list[Candidate] = field(default_factory=list)
    choice: Candidate | None = None
    score: float = 0.0
    role: str = "location"
    flags: list[str] = field(default_factory=list)
    container: _Span | None = None  # "Brussels, Belgium": the span naming Belgium
    static: list[float] = field(default_factory=list)  # context-free part of each score
    dropped: bool = False
    whole: frozenset[str] = frozenset()  # ids of places named by the whole phrase
    inside: str = ""  # label of the organisation's name it was found in ("Forces of Ukraine")

    @property
    def strong(self) -> bool:
        return self.label in STRONG_LABELS or self.label in ("DATELINE", "CUE")


# --------------------------------------------------------------------------- recognise


def _is_cap(tok: Token) -> bool:
    return _is_cap_text(tok.text)


def _is_cap_text(text: str) -> bool:
    return bool(text) and text[0].isupper() and any(c.isalpha() for c in text)


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Drop leading determiners and trailing possessives/punctuation."""
    while start < end and (doc[start].lower_ in ("the", "a", "an") or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct):
        end -= 1
    return start, end


def _feature_word(tok: Token, lex: Lexicon) -> tuple[str, ...]:
    return lex.feature_words.get(tok.lower_, ())


def _cue(doc: Doc, start: int, end: int, lex: Lexicon) -> tuple[str, ...]:
    """Feature codes asked for by the words around a name.

    "Luhansk region", "the Oskil and Siverskyy Donets rivers" (a conjunct shares the
    word), "the village of Bilohorivka"; in "the Luhansk village of X" the word is
    about X, and Luhansk is its container (an admin unit or region)."""
    i = end
    while i < len(doc) and i < end + 6:
        tok = doc[i]
        codes = _feature_word(tok, lex)
        if codes:
            if i + 1 < len(doc) and doc[i + 1].lower_ == "of":
                return ("ADM", "RGN")
            return codes
        if not (tok.pos_ in ("PROPN", "CCONJ") or tok.text in (",", "-")):
            break
        i += 1
    if start >= 2 and doc[start - 1].lower_ == "of":
        return _feature_word(doc[start - 2], lex)
    return ()


def _ner_spans(doc: Doc) -> list[_Span]:
    spans = []
    for ent_start, ent_end, label in entity_bounds(doc):
        if label in STRONG_LABELS or label in WEAK_LABELS:
            start, end = _trim(doc, ent_start, ent_end)
            if start < end:
                spans.append(_Span(start, end, label))
    return spans


def _blocked_tokens(doc: Doc, taken: list[_Span]) -> set[int]:
    blocked: set[int] = set()
    for start, end, label in entity_bounds(doc):
        if label in BLOCKING_LABELS:
            blocked.update(range(start, end))
    for span in taken:
        blocked.update(range(span.start, span.end))
    return blocked


def _ngram_spans(doc: Doc, gaz: Gazetteer, blocked: set[int], sent_end: list[int]) -> list[_Span]:
    """Capitalised n-grams the gazetteer knows, outside entities already taken.

    Token texts and flags are read once; a name is only looked up when its folded
    first word starts some name in the gazetteer (an in-memory set)."""
    first = gaz.first_words()
    texts, lowers = token_texts(doc), token_lowers(doc)
    caps = [_is_cap_text(t) for t in texts]
    joinable = [c or low in CONNECTORS for c, low in zip(caps, lowers, strict=True)]
    text = doc_text(doc)
    starts = doc.to_array(IDX).tolist()
    spans: list[_Span] = []
    i = 0
    while i < len(texts):
        if i in blocked or not caps[i] or fold(texts[i]).split(" ")[0] not in first:
            i += 1
            continue
        found = 0
        for n in range(min(gaz.max_words, sent_end[i] - i), 0, -1):
            end = i + n
            if not caps[end - 1] or not all(joinable[i:end]):
                continue
            if any(j in blocked for j in range(i, end)):
                continue
            name = text[starts[i] : starts[end - 1] + len(texts[end - 1])]
            if gaz.known(name):
                found = n
                break
        if found:
            spans.append(_Span(i, i + found, "GAZ"))
            i += found
        else:
            i += 1
    return spans


def _sentence_bounds(doc: Doc) -> tuple[list[int], list[int]]:
    """For each token, the index of its sentence's first token and the index just past
    its sentence (one attribute array: no Token objects, and doc.sents is slow)."""
    flags = doc.to_array(SENT_START).tolist()
    starts, current = [0] * len(doc), 0
    for i, flag in enumerate(flags):
        if flag == 1:
            current = i
        starts[i] = current
    ends, end = [len(doc)] * len(doc), len(doc)
    for i in range(len(doc) - 1, -1, -1):
        ends[i] = end
        if flags[i] == 1:
            end = i
    return starts, ends


def _cue_spans(doc: Doc, blocked: set[int], lex: Lexicon) -> list[_Span]:
    """A proper noun right before a lowercase feature word: "the Udonetsk town of"."""
    spans = []
    texts, lowers = token_texts(doc), token_lowers(doc)
    for i in range(len(doc) - 1):
        # strings first: a Token (for its part of speech) only for the few that pass
        if (
            i not in blocked
            and _is_cap_text(texts[i])
            and texts[i + 1].islower()
            and lex.feature_words.get(lowers[i + 1])
            and doc[i].pos_ == "PROPN"
        ):
            spans.append(_Span(i, i + 1, "CUE"))
    return spans


def _dateline_span(doc: Doc, article: Article) -> tuple[int, int] | None:
    """Token range of the dateline place, from the article's dateline fields."""
    if article.dateline_span:
        start, end = article.dateline_span
    elif article.dateline:
        found = doc_text(doc).find(article.dateline, 0, 400)
        if found < 0:
            return None
        start, end = found, found + len(article.dateline)
    else:
        return None
    span = doc.char_span(start, end, alignment_mode="expand")
    return (span.start, span.end) if span is not None and len(span) else None


def _joinable(doc: Doc, i: int) -> bool:
    """May token i sit inside a multi-word name? Capitalised words, connectors
    ("of", "the"), and a hyphen written without spaces ("Guinea-Bissau")."""
    tok = doc[i]
    if _is_cap(tok) or tok.lower_ in CONNECTORS:
        return True
    return tok.text == "-" and i > 0 and not doc[i - 1].whitespace_ and not tok.whitespace_


def _next_to_a_name_word(doc: Doc, span: _Span) -> bool:
    return (span.start > 0 and _joinable(doc, span.start - 1)) or (
        span.end < len(doc) and _joinable(doc, span.end)
    )


def _widest_name(doc: Doc, span: _Span, gaz: Gazetteer, sent: tuple[int, int]) -> tuple[int, int]:
    """The longest gazetteer name within the sentence that covers the span, else the
    span itself. spaCy splits some names into pieces ("Democratic Republic" +
    "Congo", "Guinea" + "-Bissau"); the whole name is the place meant."""
    lo, hi = sent
    best = (span.start, span.end)
    first = max(lo, span.end - gaz.max_words)
    for i in range(first, span.start + 1):
        if not _is_cap(doc[i]) or any(not _joinable(doc, k) for k in range(i, span.start)):
            continue
        if doc[i].lower_ in ("the", "a", "an"):
            continue  # "A US serviceman": the article is no part of the name
        for j in range(min(hi, i + gaz.max_words), span.end - 1, -1):
            if j - i <= best[1] - best[0] or not _is_cap(doc[j - 1]):
                continue
            if all(_joinable(doc, k) for k in range(span.end, j)) and gaz.known(
                span_text(doc[i:j])
            ):
                best = (i, j)
                break  # shorter windows from this start cannot beat it
    return best


def _widen_names(
    doc: Doc, spans: list[_Span], gaz: Gazetteer, bounds: tuple[list[int], list[int]]
) -> list[_Span]:
    """Entity spans replaced by the whole gazetteer names that cover them."""
    starts, ends = bounds
    out: list[_Span] = []
    for span in sorted(spans, key=lambda s: s.start):
        if out and span.end <= out[-1].end and span.start >= out[-1].start:
            continue  # inside a name already widened over it
        if not _next_to_a_name_word(doc, span):
            out.append(span)
            continue
        start, end = _widest_name(doc, span, gaz, (starts[span.start], ends[span.start]))
        if (start, end) == (span.start, span.end):
            out.append(span)
            continue
        covered = [s for s in spans if start <= s.start and s.end <= end]
        if any(s.start < end and start < s.end for s in spans if s not in covered):
            out.append(span)  # the name would cut through another entity: leave both
            continue
        out = [s for s in out if s not in covered]
        strong = next((s.label for s in covered if s.label in STRONG_LABELS), "GAZ")
        out.append(_Span(start, end, strong))
    return out


def recognise(doc: Doc, article: Article, gaz: Gazetteer, lex: Lexicon) -> list[_Span]:
    bounds = _sentence_bounds(doc)
    spans = _widen_names(doc, _ner_spans(doc), gaz, bounds)
    dateline = _dateline_span(doc, article)
    if dateline:
        spans = [s for s in spans if s.end <= dateline[0] or s.start >= dateline[1]]
        spans.append(_Span(dateline[0], dateline[1], "DATELINE", role="dateline"))
    for span in spans:
        _attach_candidates(doc, span, gaz, lex)
    # A multi-word organisation that is no place may contain one ("Texas Department
    # of Health"): its words are open to the gazetteer scan below.
    opened = [s for s in spans if _opens_up(s)]
    spans = [s for s in spans if not _opens_up(s)]
    blocked = _blocked_tokens(doc, spans)
    found = []
    candidates = _ngram_spans(doc, gaz, blocked, bounds[1])
    known = {i for f in candidates for i in range(f.start, f.end)}
    for f in candidates:
        outer = next((o for o in opened if o.start <= f.start and f.end <= o.end), None)
        if outer is None:
            found.append(f)
        elif not _fragment(doc, f, outer, known, gaz, lex):
            f.inside = outer.label
            found.append(f)
    blocked |= _blocked_tokens(doc, found)
    found += _cue_spans(doc, blocked, lex)
    for span in found:
        _attach_candidates(doc, span, gaz, lex)
    spans = sorted(spans + found, key=lambda s: s.start)
    _link_containers(doc, spans)
    return spans


def _fragment(
    doc: Doc, found: _Span, outer: _Span, known: set[int], gaz: Gazetteer, lex: Lexicon
) -> bool:
    """Is a name found inside one of spaCy's place names ("Hood" in "Fort Hood") a
    piece of that other name, not a place the phrase is at? Only a word that is no
    place's own name (just another place's alternate name or a respelling) is
    suspect: a place's own name there is that place ("the Honolulu Star-Advertiser";
    measured on GeoWebNews and LGL, dropping those cost twice what it saved). Nothing
    is suspect when the rest of the phrase (up to a comma) is other known names
    ("Greece Italy"), directions ("north west London") or generic site, feature and
    unit words ("Kramatorsk Railway Station", "Hamilton Township")."""
    if outer.label not in STRONG_LABELS:
        return False  # an organisation's name ("Texas Department of Health") may hold one
    name = span_text(doc[found.start : found.end])
    if any(c.exact and c.kind != ALTERNATE for c in gaz.candidates(name)):
        return False  # "Honolulu" in "the Honolulu Star-Advertiser" is Honolulu
    start, end = outer.start, outer.end
    for i in range(found.start - 1, outer.start - 1, -1):  # "Donington Park, Leicestershire"
        if doc[i].text == ",":
            start = i + 1
            break
    for i in range(found.end, outer.end):
        if doc[i].text == ",":
            end = i
            break
    return any(
        doc[i].is_alpha
        and i not in known
        and doc[i].lower_ not in lex.site_words
        and doc[i].lower_ not in lex.directions
        and not _feature_word(doc[i], lex)
        for i in (*range(start, found.start), *range(found.end, end))
    )


def _opens_up(span: _Span) -> bool:
    return (
        span.label in ("ORG", "FAC", "LOC", "GPE")
        and span.end - span.start > 1
        and (span.dropped or not span.candidates)
    )


def _attach_candidates(doc: Doc, span: _Span, gaz: Gazetteer, lex: Lexicon) -> None:
    """Look the name up; a trailing feature word ("Oskil River") is tried without."""
    text = span_text(doc[span.start : span.end])
    span.name = text
    span.cue = _cue(doc, span.start, span.end, lex)
    after = doc[span.end].lower_ if span.end < len(doc) else ""
    if fold(text) in lex.not_places or after in lex.not_place_heads:
        span.dropped = True
        return
    candidates = gaz.candidates(text)
    span.whole = frozenset(c.place.id for c in candidates)
    if not candidates and span.end - span.start > 1 and doc[span.start].lower_ in lex.directions:
        # "North Texas", "eastern Ukraine": the direction narrows the place named after it
        span.name = span_text(doc[span.start + 1 : span.end])
        candidates = gaz.candidates(span.name)
    last = doc[span.end - 1]
    codes = _feature_word(last, lex)
    if codes and span.end - span.start > 1:
        shorter = span_text(doc[span.start : span.end - 1])
        span.cue = span.cue or codes
        exact_fit = [c for c in candidates if c.exact and _fits(c.place, codes)]
        if not exact_fit:  # "Orange County" is no name here: a place named Orange, then
            candidates = gaz.candidates(shorter) + candidates
            span.name = shorter
    span.candidates = _respellings_last(candidates)[:MAX_CANDIDATES]


def _respellings_last(candidates: list[Candidate]) -> list[Candidate]:
    """A name that is some place's official name means a place of that name:
    "Ghana" is not Guinea, "Pittsburgh" not Pittsburg, whatever the story. Places
    that match only after folding stay candidates when nothing matches exactly
    ("Lugansk", "Siverskyy Donets")."""
    if any(c.exact and c.kind != ALTERNATE for c in candidates):
        return [c for c in candidates if c.exact]
    return candidates


def _fits(place: Place, codes: tuple[str, ...]) -> bool:
    return any(place.feature.startswith(code) for code in codes)


def _fits_any(candidates: list[Candidate], codes: tuple[str, ...]) -> bool:
    return any(_fits(c.place, codes) for c in candidates)


def _link_containers(doc: Doc, spans: list[_Span]) -> None:
    """ "Brussels, Belgium" / "IZIUM, Ukraine": the second names the first's container."""
    for a, b in zip(spans, spans[1:], strict=False):
        if b.start == a.end + 1 and doc[a.end].text == ",":
            a.container = b


# --------------------------------------------------------------------------- resolve


def _km(a: Place, b: Place) -> float:
    """Equirectangular distance: fast, and within 1 % of great-circle at these scales."""
    lat = math.radians((a.lat + b.lat) / 2)
    dx = math.radians(b.lon - a.lon) * math.cos(lat)
    dy = math.radians(b.lat - a.lat)
    return 6371.0 * math.hypot(dx, dy)


def _is_area(place: Place) -> bool:
    """Countries and continents: their point says little about where they are."""
    return place.feature.startswith("PCL") or place.feature == "CONT"


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
    values.sort()
    half, acc = sum(w for _, w in values) / 2, 0.0
    for value, weight in values:
        acc += weight
        if acc >= half:
            return value
    return values[-1][0]


def _focus(anchors: dict[str, tuple[Place, float]]) -> Place | None:
    """The story's focus: weighted median latitude and longitude of its places."""
    if not anchors:
        return None
    lat = _weighted_median([(p.lat, w) for p, w in anchors.values()])
    lon = _weighted_median([(p.lon, w) for p, w in anchors.values()])
    return Place(id="focus", name="focus", lat=lat, lon=lon, feature="", country="")


def _static_score(span: _Span, cand: Candidate, lex: Lexicon) -> float:
    """The part of a candidate's score that does not depend on the rest of the story."""
    w = lex.weights
    score = w["prior"] * prior(cand.place)
    score += w["official_name"] * (cand.kind != ALTERNATE) + w["exact"] * cand.exact
    score += w["curated_alias"] * (cand.kind == ALIAS)
    if span.cue:
        score += w["feature_fit"] if _fits(cand.place, span.cue) else w["feature_misfit"]
    elif cand.place.feature == "PPLC" and fold(span.name) in lex.seats:
        score += w["seat_capital"]  # "Washington" is the capital, not the state
    return score


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
    done: dict[tuple, tuple[float, Candidate]] = {}
    for span in spans:
        if span.dropped or not span.candidates:
            continue
        outer = span.container.choice if span.container else None
        key = (span.name, span.cue, outer.place.id if outer else "")
        if key not in done:
            if not span.static:
                span.static = [_static_score(span, c, lex) for c in span.candidates]
                _demote_country_namesakes(span, lex)
            if ctx is None:
                scored = list(zip(span.static, span.candidates, strict=True))
            else:
                scored = list(zip(_scores(span, ctx, lex), span.candidates, strict=True))
            done[key] = max(scored, key=lambda sc: sc[0])
        span.score, span.choice = done[key]


def resolve(
    spans: list[_Span], lex: Lexicon, rounds: int = 2, gaz: Gazetteer | None = None
) -> None:
    _choose(spans, None, lex)
    for _ in range(rounds):
        before = [span.choice for span in spans]
        _choose(spans, _context(spans, gaz), lex)
        if all(span.choice is b for span, b in zip(spans, before, strict=True)):
            break  # nothing moved: the next round would see the same context again


# --------------------------------------------------------------------------- judge


def _strong_place(cand: Candidate) -> bool:
    """A place worth believing on its name alone."""
    p = cand.place
    if p.feature in ("PCLI", "CONT", "ADM1", "PPLC") or p.source == "curated":
        return cand.kind != ALTERNATE or cand.exact
    return p.population >= 100_000 and cand.kind != ALTERNATE


def _after_title(doc: Doc, span: _Span, lex: Lexicon) -> bool:
    return span.start > 0 and doc[span.start - 1].lower_.rstrip(".") in lex.titles


def _near_story(place: Place, idx: int, spans: list[_Span], lex: Lexicon) -> bool:
    for j, other in enumerate(spans):
        if j == idx or other.dropped or other.choice is None or not other.strong:
            continue
        o = other.choice.place
        if o.id == place.id:
            continue
        if _is_area(o) and o.country == place.country:
            return True
        if not _is_area(o) and _km(place, o) <= lex.near_km:
            return True
    return False


def person_words(doc: Doc) -> frozenset[str]:
    """Words of the full names of people in the document ("Mike Pence" -> pence)."""
    words: set[str] = set()
    for start, end, label in entity_bounds(doc):
        if label == "PERSON" and end - start > 1:
            words.update(fold(t.text) for t in doc[start:end] if t.is_alpha)
    return frozenset(words)


def _acronym_guess(doc: Doc, span: _Span) -> bool:
    """ "AIDS", "WA" matched to an ordinary place name: acronyms need a curated alias."""
    text = span_text(doc[span.start : span.end])
    if not (text.isupper() and len(text) <= 5) or span.choice is None:
        return False
    return span.choice.kind != ALIAS and not span.choice.place.name.isupper()


def _looks_like_person(doc: Doc, span: _Span, people: frozenset[str], lex: Lexicon) -> bool:
    if _after_title(doc, span, lex) or fold(span.name) in people:
        return True
    if doc[span.start].lower_ in lex.titles:
        return True  # "Secretary", "Governor" matched a town name
    nxt = doc[span.end] if span.end < len(doc) else None
    return nxt is not None and nxt.ent_type_ == "PERSON" and nxt.ent_iob_ == "B"


def _accept_weak(
    doc: Doc, idx: int, span: _Span, spans: list[_Span], people: frozenset[str], lex: Lexicon
) -> bool:
    """PERSON/ORG/NORP entities and bare n-grams: keep only when the story agrees."""
    choice = span.choice
    if choice is None or _looks_like_person(doc, span, people, lex):
        return False
    if fold(span.name) in lex.seats and _strong_place(choice):
        return True  # "Minsk has warned": a seat of power, whatever spaCy calls it
    if _acronym_guess(doc, span):
        return False
    if span.label != "GAZ" and choice.exact and _object_of_place_verb(doc, span, lex):
        return True  # "troops took Bakhmut" (parsed as an adverb), "Avdiivka was shelled"
    if not any(t.pos_ in ("PROPN", "NOUN") for t in doc[span.start : span.end]):
        return False
    if span.label == "GAZ":
        if span.end - span.start == 1 and doc[span.start].pos_ != "PROPN":
            return False  # "No", "Class": a capitalised common word
        if doc[span.start].is_sent_start and not span.cue:
            return _strong_place(choice)  # "Federal", "Samples": capitalised by position
    if span.label == "PERSON":  # spaCy's PERSON: only well-known places or a feature word
        return _strong_place(choice) or bool(span.cue and _fits(choice.place, span.cue))
    if not choice.exact:  # a transliteration: believe it for an official name in the story
        if span.cue and _fits(choice.place, span.cue):
            return True
        return choice.kind != ALTERNATE and _near_story(choice.place, idx, spans, lex)
    if span.label == "PERSON" and span.end - span.start > 1 and choice.kind == ALTERNATE:
        return False
    if span.cue and _fits(choice.place, span.cue):
        return True
    if _near_story(choice.place, idx, spans, lex):
        return True
    i = span.start - 1
    if (
        i > 0
        and doc[i].lower_ == "the"
        and (choice.kind == ALIAS or choice.place.source == "curated")
    ):
        # "in the DPR", "near the Kremlin": curated names only (for any name, measured
        # on GeoWebNews and LGL, "in the X" added more wrong places than right ones)
        i -= 1
    before = doc[i].lower_ if i >= 0 else ""
    if before in lex.locative and choice.kind != ALTERNATE:
        return True  # "near Kharkiv", "in Bakhmut": the preposition vouches for a place
    if not _strong_place(choice):
        return False
    # a big city or a region named like a company or an office ("Toyota", "Centre")
    # counts only inside the story's countries
    place = choice.place
    return (
        place.feature in ("PCLI", "CONT")
        or place.source == "curated"
        or (_home_country(place, idx, spans))
    )


def _object_of_place_verb(doc: Doc, span: _Span, lex: Lexicon) -> bool:
    """Attached to a verb whose object is a place, as anything but its active
    subject, or listed with such a name ("shelled Vuhledar and Marinka"); or the
    object of "on"/"of" after a military verb or noun ("the shelling of Izium")."""
    tok = doc[span.start : span.end].root
    while tok.dep_ in ("conj", "appos", "compound") and tok.head.i != tok.i:
        tok = tok.head
    if tok.dep_ == "pobj" and tok.head.lower_ in lex.target_prepositions:
        # "fired on Energodar", "shelling of Zelenodolsk", "strikes on Kramatorsk"
        head = tok.head.head
        lemma = head.lemma_.lower()
        return lemma in lex.military_verbs or lemma in lex.military_nouns
    if tok.dep_ in ("nsubj", "agent", "ROOT", "amod") or tok.head.pos_ != "VERB":
        return False
    verb = tok.head.lemma_.lower()
    if verb in lex.military_verbs:
        return True
    if verb not in lex.general_place_verbs:
        return False
    return span.label != "PERSON" or _armed_subject(tok.head, lex)


def _armed_subject(verb: Token, lex: Lexicon) -> bool:
    return any(
        child.dep_ == "nsubj" and child.lower_ in lex.armed_subjects for child in verb.children
    )


def _home_country(place: Place, idx: int, spans: list[_Span]) -> bool:
    """Does another confident place of the story lie in the same country?"""
    return any(
        j != idx
        and not other.dropped
        and other.strong
        and other.choice is not None
        and other.choice.place.country == place.country
        for j, other in enumerate(spans)
    )


def _far_from_story(
    place: Place, idx: int, spans: list[_Span], gaz: Gazetteer, lex: Lexicon
) -> bool | None:
    """True when every other trusted place of the story is far; None when too few.

    Countries are near what lies in them and near their neighbours; only exact
    matches count as the story's places (two wrong namesakes must not vouch for
    each other)."""
    others = 0
    for j, other in enumerate(spans):
        if j == idx or other.dropped or other.choice is None or other.role == "actor":
            continue
        if not other.choice.exact or other.flags:
            continue
        o = other.choice.place
        if o.id == place.id:
            continue
        others += 1
        if o.country == place.country and (_is_area(o) or _is_area(place)):
            return False
        if _is_area(place) and o.country in gaz.neighbours(place.country):
            return False
        if _is_area(o) != _is_area(place):
            continue  # a city and a foreign country's centroid say nothing
        if _km(place, o) <= lex.far_km:
            return False
    return True if others >= 2 else None


def _garbled(span: _Span, spans: list[_Span], gaz: Gazetteer, lex: Lexicon) -> Candidate | None:
    """A near-miss spelling of a place the story names or sits in ("Udonetsk")."""
    key = strict_key(span.name)
    if len(key) < 5:
        return None
    pool: dict[str, Candidate] = {}
    for other in spans:
        if other.name == span.name or other.dropped or other.choice is None:
            continue
        if other.choice.exact and not other.flags:
            pool.setdefault(strict_key(other.name), other.choice)
            for name in _bare_names(other.choice.place.name, lex):
                pool.setdefault(strict_key(name), other.choice)
    if not pool:
        return None
    best = process.extractOne(key, list(pool), scorer=fuzz.ratio, score_cutoff=lex.garbled_score)
    return pool[best[0]] if best else None


def _wrong_kind(span: _Span, lex: Lexicon) -> bool:
    """The phrase names a natural feature ("Plum Island") and the choice is not one,
    nor a place called by the whole phrase (Rice Lake, Wisconsin is a city)."""
    if not span.cue or not all(code in lex.strict_features for code in span.cue):
        return False
    choice = span.choice
    return (
        choice is not None
        and not _fits(choice.place, span.cue)
        and (choice.place.id not in span.whole)
    )


def _bare_names(name: str, lex: Lexicon) -> list[str]:
    """A place's name, and without a trailing feature word ("Donetsk Oblast" -> "Donetsk")."""
    head, _, last = name.rpartition(" ")
    return [name, head] if head and last.lower() in lex.feature_words else [name]


def _untrusted(place: Place, cand: Candidate, far: bool | None, lex: Lexicon) -> bool:
    """A minor namesake far from the story ("Udong" -> a Cambodian village)."""
    if not far:
        return False
    if place.feature in ("PCLI", "CONT", "ADM1", "PPLC") or place.source == "curated":
        return not cand.exact
    minor = place.population < lex.minor_population or cand.kind == ALTERNATE
    return minor or not cand.exact


def judge(doc: Doc, spans: list[_Span], gaz: Gazetteer, lex: Lexicon) -> None:
    people = person_words(doc)
    dropped = 0
    for idx, span in enumerate(spans):
        if span.dropped:
            continue
        if not span.strong and not _accept_weak(doc, idx, span, spans, people, lex):
            span.dropped = True
        elif span.strong and span.label != "DATELINE" and _after_title(doc, span, lex):
            span.dropped = True  # "Deputy Vuhledar": a person, whatever spaCy calls it
        dropped += span.dropped
    if dropped:
        # Capitalised words that matched a namesake ("Imagine" -> Imagane) shaped the
        # story's context above; now they are gone, the rest is resolved again.
        resolve(spans, lex, rounds=2, gaz=gaz)
    ctx = _context(spans, gaz)
    for span in spans:
        if not span.dropped and span.strong and _acronym_guess(doc, span):
            span.choice = None  # judged below: unresolved unless a near-miss of the story
    for idx, span in enumerate(spans):
        if span.dropped:
            continue
        if span.label == "FAC" and span.choice is None:
            span.dropped = True  # buildings and roads the gazetteer lacks are not suspect
            continue
        if (
            span.label in ("GPE", "LOC", "FAC")
            and not any(t.pos_ in ("PROPN", "NOUN") for t in doc[span.start : span.end])
            and not (span.choice is not None and span.choice.exact)
        ):
            # "Ukrainian" tagged GPE: an adjective, not a place; "the Bakhmut district"
            # (tagged ADJ) is a place's exact name, and stays
            span.dropped = True
            continue
        if (
            span.choice is not None
            and _wrong_kind(span, lex)
            and not _near_story(span.choice.place, idx, spans, lex)
        ):
            # "Plum Island" is not a town called Plum far away (unresolved below); a
            # river near its namesake town in the story may stand at the town
            span.choice = None
        far = _far_from_story(span.choice.place, idx, spans, gaz, lex) if span.choice else None
        if span.choice is not None and not span.choice.exact:
            # a respelling is believed only inside the story's countries or near its places
            home = _country_share(ctx, span, span.choice.place.country) >= 0.2
            if not (home or _near_story(span.choice.place, idx, spans, lex)):
                span.choice = None
        if span.choice is None or _untrusted(span.choice.place, span.choice, far, lex):
            fixed = _garbled(span, spans, gaz, lex)
            span.choice = fixed
            span.flags.append("garbled" if fixed else "unresolved")
            if span.label == "CUE" and not fixed:
                span.dropped = True  # a capitalised word before "town" is no evidence alone
    _coarsen_missing_units(spans, gaz)
    for span in spans:
        if not span.dropped:
            span.role = _role(doc, span, lex)
    for idx, span in enumerate(spans):
        if span.dropped or span.choice is None or span.role != "location":
            continue
        if "garbled" in span.flags or not _literal(doc, span):
            continue
        if _far_from_story(span.choice.place, idx, spans, gaz, lex):
            span.flags.append("suspect_far")


def _dominant_admin1(spans: list[_Span], name: str) -> str | None:
    """The admin-1 unit most of the story's other place mentions lie in, if most do
    (mentions, not distinct places: measured on LGL, a state named five times says
    more than five towns named once)."""
    counts: dict[str, int] = {}
    for other in spans:
        if other.dropped or other.choice is None or other.name == name or other.flags:
            continue
        code = other.choice.place.admin1
        if code:
            counts[code] = counts.get(code, 0) + 1
    if not counts:
        return None
    code, count = max(counts.items(), key=lambda kv: kv[1])
    return code if count * 2 > sum(counts.values()) else None


def _coarsen_missing_units(spans: list[_Span], gaz: Gazetteer) -> None:
    """ "Henry County" when the gazetteer has no such county: rather than a town named
    Henry in another state, the admin-1 unit the story is in stands for it ("coarse")."""
    for span in spans:
        choice = span.choice
        if span.dropped or choice is None or not span.cue or span.cue[0] != "ADM2":
            continue
        if _fits(choice.place, ("ADM2",)):
            continue
        home = _dominant_admin1(spans, span.name)
        if home is None or choice.place.admin1 == home:
            continue
        unit = gaz.admin1(home)
        if unit is None or unit.country != choice.place.country:
            continue  # a story about Georgia (US) does not move a place in Indonesia
        # Not a namesake town in that unit: measured on LGL, the county named
        # "Laurel" is farther from the town Laurel than from its state's point.
        span.choice = Candidate(unit, exact=False, kind=ALIAS)
        span.flags.append("coarse")


def _literal(doc: Doc, span: _Span) -> bool:
    """Where something is said to happen: object of a locative preposition."""
    head = doc[span.start : span.end].root
    while head.dep_ in ("compound", "amod", "conj", "appos") and head.head.i != head.i:
        head = head.head
    return head.dep_ == "pobj" and head.head.lower_ in lexicon().locative


# --------------------------------------------------------------------------- roles


def _agentive(doc: Doc, span: _Span, lex: Lexicon) -> bool:
    """Is the name the agent of something: subject, possessor, "Moscow-backed"?"""
    end = span.end
    if (
        end + 1 < len(doc)
        and doc[end].text == "-"
        and doc[end + 1].lower_ in lex.agentive_participles
    ):
        return True
    tok = doc[span.start : span.end].root
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    if tok.dep_ == "pobj" and tok.head.dep_ == "agent":
        return True
    if tok.dep_ not in lex.agent_deps:
        return False
    if tok.dep_ == "poss":
        return True
    return tok.head.lemma_.lower() not in lex.non_agentive


def _role(doc: Doc, span: _Span, lex: Lexicon) -> str:
    if span.role == "dateline":
        return "dateline"
    key = fold(span.name)
    place = span.choice.place if span.choice else None
    can_act = key in lex.seats or key in lex.always_actor
    if place is not None and place.feature in ("PCLI", "PPLC"):
        can_act = True
    if can_act and (_agentive(doc, span, lex) or span.inside == "ORG"):
        return "actor"  # "Ukraine" in "the Armed Forces of Ukraine" is the state, not a site
    return "location"


# --------------------------------------------------------------------------- entry point


def _sentence_starts(doc: Doc) -> list[int]:
    """Character offsets where sentences start (attribute arrays, as above)."""
    arr = doc.to_array([SENT_START, IDX]).tolist()
    return [0] + [idx for i, (start, idx) in enumerate(arr) if i and start == 1]


def resolve_places(doc: Doc, article: Article, gazetteer: Gazetteer) -> list[PlaceMention]:
    """Place mentions of the article in document order (see the module docstring)."""
    if len(doc) == 0:
        return []
    lex = lexicon()
    spans = recognise(doc, article, gazetteer, lex)
    resolve(spans, lex, gaz=gazetteer)
    judge(doc, spans, gazetteer, lex)
    starts = _sentence_starts(doc)
    mentions = []
    for span in spans:
        if span.dropped:
            continue
        chars: Span = doc[span.start : span.end]
        mentions.append(
            PlaceMention(
                start=chars.start_char,
                end=chars.end_char,
                text=span_text(chars),
                role=PlaceRole(span.role),
                place=span.choice.place if span.choice else None,
                flags=[PlaceFlag(f) for f in span.flags],
                sent=bisect.bisect_right(starts, chars.start_char) - 1,
            )
        )
    return mentions
