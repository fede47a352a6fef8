"""Places: recognise place names in an annotated article and resolve them.

Contract: ``resolve_places(doc, article, gazetteer) -> list[PlaceMention]``, in
document order, each with its role (location | actor | dateline), its resolved
``Place`` (or None) and flags (suspect_far, unresolved, garbled, coarse).

Three steps, one module each (and roles.py for the last part of judging):
1. recognise (recognise.py): spaCy's GPE/LOC/FAC entities, plus PERSON/ORG/NORP entities and
   capitalised n-grams that the gazetteer knows (spaCy calls Kharkiv a PERSON and
   Bakhmut an ORG), plus a capitalised word before a feature word ("X region");
2. resolve (resolve.py): every candidate of every mention is scored by its prior (population,
   feature), the phrase ("Luhansk region" wants an ADM1), the story's country
   focus, closeness to the story's other places, the dateline, and "X, Y"
   containers; a few rounds let the choices inform each other;
3. judge (judge.py): keep name-only matches (PERSON/ORG/n-grams) only where the story
   agrees; flag places far from everything else (suspect_far), names that
   resolve to nothing near the story (unresolved) and near-misses of the story's
   places (garbled); a county the index lacks becomes the story's admin-1 unit
   (coarse); give metonymic agents ("Kyiv said") the role "actor".

Words, weights and distances live in data/places/context.toml and metonymy.toml."""

from __future__ import annotations

import bisect

from spacy.attrs import IDX, SENT_START
from spacy.tokens import Doc, Span

from frontwatch.annotate.text import doc_text, span_text
from frontwatch.models import Article, PlaceFlag, PlaceMention, PlaceRole
from frontwatch.resolve.gazetteer import Gazetteer
from frontwatch.resolve.places import qualifiers
from frontwatch.resolve.places.common import Lexicon, lexicon
from frontwatch.resolve.places.judge import judge, person_words
from frontwatch.resolve.places.points import point_mentions
from frontwatch.resolve.places.recognise import recognise
from frontwatch.resolve.places.resolve import resolve

__all__ = ["Lexicon", "lexicon", "person_words", "resolve_places"]


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
    qualifiers.axes(doc, spans, gazetteer, lex)
    for span in spans:
        if span.fallback and not span.dropped and span.choice is not None:
            span.flags.append(PlaceFlag.COARSE)  # "X, Y region" with no X in Y: Y stands in
    starts = _sentence_starts(doc)
    mentions = []
    for span in spans:
        if span.dropped:
            continue
        chars: Span = doc[span.start : span.end]
        if span.start and doc[span.start - 1].text == "#" and not doc[span.start - 1].whitespace_:
            span.flags.append(PlaceFlag.TAG)  # "#Kursk": a post's tag
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
    taken = [(m.start, m.end) for m in mentions]
    for point in point_mentions(doc_text(doc), gazetteer, lex, taken):
        point.sent = bisect.bisect_right(starts, point.start) - 1
        mentions.append(point)  # "📍48.59, 37.86": the settlement nearest to it
    return sorted(mentions, key=lambda m: m.start)
