"""The relevance gate: whether an article, and a sentence, is about armed conflict.

From general signals only (data/relevance.toml): armed actors, weapons, conflict
vocabulary, and the theatre (side cues, places in the theatre's countries); never from
outlet names. The article's score and reasons are stored with the article (its
``extra["relevance"]``) so an analyst can see why an article gave no events.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from spacy.tokens import Doc, Span, Token

from frontwatch.annotate.text import doc_text, token_lemmas, token_lowers
from frontwatch.extract.lexicon import lexicon
from frontwatch.lexicons import load_toml, type_info
from frontwatch.models import PlaceMention

# ACLED event types whose events need the gate; Strategic developments and statements
# do not (a referendum or a call for sanctions is no claim of violence).
_VIOLENT = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})
_KINDS = ("armed", "weapon", "conflict")


@dataclass(frozen=True, slots=True)
class _Signals:
    words: dict[str, str]  # lemma or lower-case word -> kind
    peace: frozenset[str]
    weights: dict[str, float]
    threshold: float
    short_chars: int
    note_chars: int
    note_threshold: float
    countries: frozenset[str]
    theatre_cap: float
    services: frozenset[str]


@lru_cache(maxsize=1)
def _signals() -> _Signals:
    data = load_toml("relevance.toml")
    words = {w: kind for kind in _KINDS for w in data["signals"][kind]}
    return _Signals(
        words,
        frozenset(data["peace_causes"]),
        dict(data["weights"]),
        float(data["article_threshold"]),
        int(data["short_text_chars"]),
        int(data["note_text_chars"]),
        float(data["note_threshold"]),
        frozenset(data["theatre_countries"]),
        float(data["theatre_cap"]),
        frozenset(data["service_words"]),
    )


@dataclass(slots=True)
class Relevance:
    """The gate's verdict on one article, with the words that made it."""

    score: float = 0.0
    relevant: bool = False
    reasons: list[str] = field(default_factory=list)
    sentences: set[int] = field(default_factory=set)  # sentences carrying a signal

    def as_dict(self) -> dict[str, Any]:
        return {"score": self.score, "relevant": self.relevant, "reasons": self.reasons}


def judge_relevance(doc: Doc, sentences: list[Span], places: list[PlaceMention]) -> Relevance:
    """Score the article; note which sentences carry a signal of their own."""
    signals = _signals()
    lemmas, lowers = token_lemmas(doc), token_lowers(doc)
    cues = lexicon().side_cues
    found: dict[str, str] = {}
    result = Relevance()
    for index, sent in enumerate(sentences):
        hit = False
        for i in range(sent.start, sent.end):
            kind = signals.words.get(lemmas[i]) or signals.words.get(lowers[i])
            if kind is None and lowers[i] in cues and cues[lowers[i]] != "THIRD":
                kind = "theatre"
            if kind is not None:
                found.setdefault(lemmas[i] if kind != "theatre" else lowers[i], kind)
                hit = hit or kind != "theatre"
        if hit:
            result.sentences.add(index)
    theatre = sorted(
        {m.place.name for m in places if m.place and m.place.country in signals.countries}
    )
    core = sum(signals.weights[kind] for kind in found.values() if kind != "theatre")
    n_cues = sum(1 for kind in found.values() if kind == "theatre")
    score = core + min(signals.weights["theatre"] * (n_cues + len(theatre)), signals.theatre_cap)
    result.score = round(score, 2)
    length = len(doc_text(doc))
    if length <= signals.short_chars:
        result.relevant = score >= min(signals.weights.values())
    else:
        needed = signals.note_threshold if length <= signals.note_chars else signals.threshold
        result.relevant = core > 0 and score >= needed
    result.reasons = [f"{kind}: {word}" for word, kind in sorted(found.items())][:20]
    result.reasons += [f"theatre: {name}" for name in theatre[:5]]
    return result


def theatre_countries() -> frozenset[str]:
    return _signals().countries


def violent(fw_type: str) -> bool:
    return type_info(fw_type).get("acled_event_type") in _VIOLENT or (
        type_info(fw_type).get("family") == "territory"
    )


def peace_cause(sent: Span, after_attack: bool = False) -> bool:
    """The sentence names a cause that is not armed violence (as a noun: "deaths from
    cholera", "two apartment fires") and no signal of conflict or side at all. After an
    attack, a fire that broke out is what the attack did ("Drones hit a depot. Two people
    were killed and a fire broke out")."""
    signals, cues = _signals(), lexicon().side_cues
    lemmas, lowers = token_lemmas(sent.doc), token_lowers(sent.doc)
    peace = False
    for i in range(sent.start, sent.end):
        if signals.words.get(lemmas[i]) or signals.words.get(lowers[i]) or lowers[i] in cues:
            return False  # "under the fire of the Armed Forces", "Russians fired"
        peace = peace or (
            lemmas[i] in signals.peace
            and _common_noun(sent.doc[i])
            and not _a_result(sent.doc[i])
            and not (after_attack and _broke_out(sent.doc[i]))
        )
    return peace


def _a_result(token: Token) -> bool:
    """ "a house was set on fire", "cars caught fire": the fire is what was done, not a
    cause of the deaths beside it; a "rescue team" or "search team" is none either."""
    head = token.head
    if any(
        c.dep_ == "compound" and c.lemma_.lower() in _signals().services for c in token.children
    ):
        return True  # "search teams kept pulling bodies out": rescuers, not a sports team
    return (token.dep_ == "pobj" and head.lower_ == "on") or head.lemma_ in ("catch", "set")


def _broke_out(token: Token) -> bool:
    """ "a fire broke out", "a fire started": the subject of an outbreak."""
    head = token.head
    return token.dep_ == "nsubj" and head.lemma_ in ("break", "start", "erupt", "rage")


def _common_noun(token: Token) -> bool:
    """A noun that names its thing, not a word of a proper name ("Storm Shadow", a missile)."""
    named = token.dep_ == "compound" and token.is_title and token.head.pos_ == "PROPN"
    return token.pos_ == "NOUN" and not named


__all__ = ["Relevance", "judge_relevance", "peace_cause", "theatre_countries", "violent"]
