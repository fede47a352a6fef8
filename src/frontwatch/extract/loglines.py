"""A verbless incident-log line that no trigger read is still one report.

"Bradley engaging Russian infantry in Terny — drone footage" or "Seredyna-Buda under
mortar and drone fire, houses burning" parse as noun phrases, or as nothing a trigger
entry fits. A sentence that is a line of its own (a short text, a log entry) with no
finite verb, names a place and holds a word of data/loglines.toml gives one event of that
word's kind, with the word as its trigger; the extractor then fills its actors, place and
time as for any other trigger.
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Span, Token

from frontwatch.extract.lexicon import TriggerEntry, lexicon
from frontwatch.lexicons import load_toml
from frontwatch.models import PlaceMention, PlaceRole

_LINE_MAX_TOKENS = 30
_FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})


@lru_cache(maxsize=1)
def _table() -> tuple[frozenset[str], frozenset[str], list[tuple[str, frozenset[str]]]]:
    raw = load_toml("loglines.toml")
    kinds = [(str(k), frozenset(str(w) for w in v)) for k, v in raw["kinds"].items()]
    stops = frozenset(str(w) for w in raw["not_reports"])
    return stops, frozenset(str(w) for w in raw["things"]), kinds


def _clause_verb(token: Token, sent: Span) -> bool:
    """A finite verb that heads the line: the line is a clause, not a log entry. A line's
    first word is no such verb (English clauses open with their subject: "Geolocated
    footage of …" is a participle the tagger read as a past tense), nor is a finite verb
    inside a noun phrase ("Drone footage: FPV hits on dugouts near X"); a verb with a
    finite auxiliary is finite ("half the plants were shut")."""
    if token.dep_ != "ROOT" or token.i == sent.start or token.lemma_ in lexicon().reporting_verbs:
        return False  # "explosion at the barracks, partisans claim it": who says, not what
    auxiliaries = (c for c in token.children if c.dep_ in ("aux", "auxpass"))
    return token.tag_ in _FINITE_TAGS or any(c.tag_ in _FINITE_TAGS for c in auxiliaries)


def _harm_left_out(token: Token) -> bool:
    """ "no casualties", "No info on casualties yet": the harm is negated, not the line."""
    after = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    return after is not None and after.lower_ in _unharmed()


@lru_cache(maxsize=1)
def _unharmed() -> frozenset[str]:
    return frozenset(str(w) for w in load_toml("loglines.toml")["unharmed"])


def header_place(sentences: list[Span], places: list[PlaceMention]) -> PlaceMention | None:
    """A record's or a log's opening sentence that only names a place ("Velyka
    Oleksandrivka, Kherson oblast.", "Soledar:"): the place of its events that name none."""
    if not sentences:
        return None
    first = sentences[0]
    inside = [m for m in places if first.start_char <= m.start < first.end_char]
    if not inside or inside[0].place is None or inside[0].role != PlaceRole.LOCATION:
        return None
    spans = [(m.start, m.end) for m in inside]
    units = _header_words()
    for token in first:
        if any(a <= token.idx < b for a, b in spans) or token.is_punct:
            continue
        if token.lower_ not in units:
            return None  # the sentence says more than where
    return inside[0]


@lru_cache(maxsize=1)
def _header_words() -> frozenset[str]:
    return frozenset(str(w) for w in load_toml("loglines.toml")["header_words"])


def _names_thing(token: Token, things: frozenset[str]) -> bool:
    return token.dep_ in ("compound", "amod", "nmod") and token.head.lemma_.lower() in things


@lru_cache(maxsize=16)
def _entry(kind: str) -> TriggerEntry:
    return TriggerEntry(type=kind, lemmas=frozenset(), pos=frozenset({"NOUN", "VERB"}))


def line_cue(sent: Span, place_tokens: set[int]) -> tuple[Token, TriggerEntry] | None:
    """The cue word of a log line no trigger read and the entry of its kind, or None."""
    if len(sent) > _LINE_MAX_TOKENS or not any(t.i in place_tokens for t in sent):
        return None
    if any(_clause_verb(t, sent) for t in sent):
        return None  # a clause of its own: "people in X saw a Buk system" is no log entry
    stops, things, kinds = _table()
    words = [(t, {t.lower_, t.lemma_.lower()}) for t in sent if t.i not in place_tokens]
    if any(forms & stops and not _harm_left_out(t) for t, forms in words):
        return None
    # "artillery museum", "drone unit": a kind word naming a thing is no report of its kind
    words = [(t, forms) for t, forms in words if not _names_thing(t, things)]
    pairs = {f"{a.lower_} {b.lower_}" for a, b in zip(sent, sent[1:], strict=False)}
    for kind, names in kinds:
        if pairs & names:
            first = next(
                t for t in sent if any(p.startswith(t.lower_ + " ") for p in pairs & names)
            )
            return first, _entry(kind)
        cue = next((t for t, forms in words if forms & names), None)
        if cue is not None:
            return cue, _entry(kind)
    return None


@lru_cache(maxsize=1)
def _field_label() -> re.Pattern[str]:
    words = "|".join(re.escape(str(w)) for w in load_toml("loglines.toml")["place_fields"])
    return re.compile(rf"(?:^|[\n.;|])[ \t]*(?:{words})[ \t]*:[ \t]*$", re.IGNORECASE)


def field_place(text: str, places: list[PlaceMention]) -> PlaceMention | None:
    """The place a record's field names ("Location: Dnipro, Dnipropetrovsk oblast."),
    for its events that name none in their own sentence."""
    label = _field_label()
    for mention in places:
        if mention.place is None or mention.role != PlaceRole.LOCATION:
            continue
        if label.search(text, max(0, mention.start - 40), mention.start):
            return mention
    return None


__all__ = ["field_place", "header_place", "line_cue"]
