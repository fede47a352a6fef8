"""What every step of place resolution shares: the lexicon (words, weights and
distances from data/places/context.toml and metonymy.toml), the span being resolved,
and small facts about places (distance, feature fit)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc, Token

from frontwatch.annotate.text import span_text
from frontwatch.geo import km_between
from frontwatch.lexicons import load_toml
from frontwatch.models import Place
from frontwatch.resolve.gazetteer import ALIAS, Candidate
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
    header_town: int
    header_city: int
    place_fields: frozenset[str]  # a record's labels of its place ("Location:", data/loglines.toml)
    point_km: float
    street_words: frozenset[str]
    seats: frozenset[str]
    always_actor: frozenset[str]
    agent_deps: frozenset[str]
    non_agentive: frozenset[str]
    agentive_participles: frozenset[str]
    titles: frozenset[str]
    not_places: frozenset[str]
    not_places_strict: frozenset[str]
    not_places_exact: frozenset[str]  # matched by strict_key only
    not_place_words: frozenset[str]  # a word that makes any name holding it no place
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
    unit_links: frozenset[tuple[str, ...]]
    unit_words: frozenset[str]
    qualifier_near_km: float
    axis_words: frozenset[str]
    area_nouns: frozenset[str]
    town_part_nouns: frozenset[str]
    theatre_countries: frozenset[str]
    theatre_admin1: frozenset[str]
    theatre_words: frozenset[str]
    theatre_strong_words: frozenset[str] = frozenset()
    theatre_short_text: int = 0
    axis_endings: tuple[str, ...] = ()
    axis_restore: tuple[str, ...] = ()
    axis_prefixes: dict[str, tuple[str, ...]] = field(default_factory=dict)
    axis_min_population: int = 0
    people_nouns: frozenset[str] = frozenset()


def is_not_place(name: str, lex: Lexicon, candidates: list[Candidate]) -> bool:
    """Is the name one of the lexicon's not-places? They are matched folded, spellings
    and all ("State Duma", "Verkhovna Rada"), which also stops capitalised junk that
    folds like "EU" or "UN" ("In", "E."); but a curated alias spelled exactly ("UAE",
    which folds like "EU") is a place, unless the list names it itself."""
    if strict_key(name) in lex.not_places_exact:
        return True  # "Osa", "Uragan": as written, never folded ("Asia", "Oregon")
    if any(strict_key(word) in lex.not_place_words for word in name.split()):
        return True  # "2 UA KIA": a log's count, not a village
    if fold(name) not in lex.not_places:
        return False
    if strict_key(name) in lex.not_places_strict:
        return True
    return not any(c.exact and c.kind == ALIAS for c in candidates)


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    ctx, met = load_toml("places/context.toml"), load_toml("places/metonymy.toml")
    dist = ctx["distances"]
    return Lexicon(
        feature_words={k: tuple(v) for k, v in ctx["feature_words"].items()},
        weights={k: float(v) for k, v in ctx["weights"].items()},
        near_km=float(dist["near_km"]),
        far_km=float(dist["far_km"]),
        garbled_score=float(dist["garbled_score"]),
        minor_population=int(dist["minor_population"]),
        header_town=int(dist["header_town"]),
        header_city=int(dist["header_city"]),
        place_fields=frozenset(str(w) for w in load_toml("loglines.toml")["place_fields"]),
        point_km=float(dist["point_km"]),
        street_words=frozenset(ctx["streets"]["words"]),
        seats=frozenset(fold(s) for s in met["seats"]),
        always_actor=frozenset(fold(s) for s in met["always_actor"]),
        agent_deps=frozenset(met["agent_deps"]),
        non_agentive=frozenset(met["non_agentive_verbs"]),
        agentive_participles=frozenset(met["agentive_participles"]),
        titles=frozenset(met["person_titles"]),
        not_places=frozenset(fold(s) for s in met["not_places"]),
        not_places_strict=frozenset(strict_key(s) for s in met["not_places"]),
        not_places_exact=frozenset(strict_key(s) for s in met["not_places_exact"]),
        not_place_words=frozenset(strict_key(s) for s in met["not_place_words"]),
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
        unit_links=frozenset(tuple(words) for words in ctx["qualifiers"]["links"]),
        unit_words=frozenset(ctx["qualifiers"]["unit_words"]),
        qualifier_near_km=float(ctx["qualifiers"]["near_km"]),
        axis_words=frozenset(ctx["qualifiers"]["axis_words"]),
        area_nouns=frozenset(ctx["qualifiers"]["area_nouns"]),
        town_part_nouns=frozenset(ctx["qualifiers"]["town_part_nouns"]),
        theatre_countries=frozenset(ctx["theatre"]["countries"]),
        theatre_admin1=frozenset(ctx["theatre"]["admin1"]),
        theatre_words=frozenset(ctx["theatre"]["words"]),
        theatre_strong_words=frozenset(ctx["theatre"]["strong_words"]),
        theatre_short_text=int(ctx["theatre"]["short_text_tokens"]),
        axis_endings=tuple(sorted(ctx["axes"]["endings"], key=len, reverse=True)),
        axis_restore=tuple(ctx["axes"]["restore"]),
        axis_prefixes={k: tuple(v) for k, v in ctx["axes"]["prefixes"].items()},
        axis_min_population=int(ctx["axes"]["min_population"]),
        people_nouns=frozenset(met.get("people_nouns", [])),
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
    qualifier: str = ""  # how the container qualifies it: "unit" or "near" (qualifiers.py)
    fallback: bool = False  # no candidate inside the named unit: the unit stands in
    theatre: bool = False  # the story is about the war: war-zone namesakes score more
    war_words: bool = False  # the story has words of war (not only war-zone names)

    @property
    def strong(self) -> bool:
        return self.label in STRONG_LABELS or self.label in ("DATELINE", "CUE")


def _is_cap(tok: Token) -> bool:
    return _is_cap_text(tok.text)


def _is_cap_text(text: str) -> bool:
    return bool(text) and text[0].isupper() and any(c.isalpha() for c in text)


def _feature_word(tok: Token, lex: Lexicon) -> tuple[str, ...]:
    """The feature codes a word asks for ("r-n" is "rn": a log's raion)."""
    return lex.feature_words.get(tok.lower_.replace("-", ""), ())


def _fits(place: Place, codes: tuple[str, ...]) -> bool:
    return any(place.feature.startswith(code) for code in codes)


_km = km_between  # great-circle km between two places (geo.py)


def _is_area(place: Place) -> bool:
    """Countries and continents: their point says little about where they are."""
    return place.feature.startswith("PCL") or place.feature == "CONT"


def in_theatre(place: Place, lex: Lexicon) -> bool:
    """Is the place in the war zone (context.toml [theatre])?"""
    return place.country in lex.theatre_countries or place.admin1 in lex.theatre_admin1


def acronym_guess(doc: Doc, span: _Span, lex: Lexicon) -> bool:
    """ "AIDS", "WA" matched to an ordinary place name: acronyms need a curated alias. A
    log writing names in capitals is no exception for "in ESMAN", "near SUMY": a word of
    four letters or more after a locative word that names a settlement in the war zone."""
    text = span_text(doc[span.start : span.end])
    if not (text.isupper() and len(text) <= 5) or span.choice is None:
        return False
    place = span.choice.place
    after_locative = span.start > 0 and doc[span.start - 1].lower_ in lex.locative
    if len(text) >= 4 and after_locative and place.feature.startswith("PPL"):
        return not in_theatre(place, lex)
    return span.choice.kind != ALIAS and not place.name.isupper()


# A name counts as a sign of the war only if it means a town (not only a village:
# with every Ukrainian village in the gazetteer, capitalised words often match one)
TOWN_OF_NOTE = 10_000


def war_zone_name(span: _Span, lex: Lexicon) -> bool:
    """Does the name mean only war-zone places, a town among them ("Gorlovka",
    "Toretsk")? Every exact match lies in the war zone and one has 10,000 people."""
    exact = [c.place for c in span.candidates if c.exact]
    return (
        bool(exact)
        and all(in_theatre(p, lex) for p in exact)
        and any(p.population >= TOWN_OF_NOTE for p in exact)
    )
