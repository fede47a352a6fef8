"""The text of an annotated Doc, built once per Doc and shared by the stages.

spaCy builds ``Doc.text`` and ``Span.text`` anew on every access, joining one
Python ``Token`` per token; the places, claims and events stages need the
document's text and every sentence's text several times over. ``doc_text``
builds it once (kept in ``Doc.user_data``) and ``span_text`` slices it: a
token's trailing whitespace is at most one space and belongs to no span's
text, so ``span.text == doc.text[span.start_char : span.end_char]``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from spacy.attrs import IDX, LEMMA, LENGTH, LOWER
from spacy.tokens import Doc, Span

from frontwatch.annotate.bylines import DASHES

_KEY = "frontwatch.text"


def doc_text(doc: Doc) -> str:
    """``doc.text``, joined once per Doc."""
    text = doc.user_data.get(_KEY)
    if text is None:
        text = doc.user_data[_KEY] = doc.text
    return text


def span_text(span: Span) -> str:
    """``span.text``, as a slice of the Doc's text."""
    return doc_text(span.doc)[span.start_char : span.end_char]


# Per-token strings read once per Doc from an attribute array: a loop that asks every
# Token for its lemma builds a Python Token per token, in every stage that asks.
_LEMMAS = "frontwatch.lemmas"
_LOWERS = "frontwatch.lowers"
_TEXTS = "frontwatch.texts"


def token_lemmas(doc: Doc) -> list[str]:
    """``token.lemma_.lower()`` of every token, in order."""
    found = doc.user_data.get(_LEMMAS)
    if found is None:
        found = doc.user_data[_LEMMAS] = _strings(doc, LEMMA, str.lower)
    return found


def token_lowers(doc: Doc) -> list[str]:
    """``token.lower_`` of every token, in order."""
    found = doc.user_data.get(_LOWERS)
    if found is None:
        found = doc.user_data[_LOWERS] = _strings(doc, LOWER, str)
    return found


def token_texts(doc: Doc) -> list[str]:
    """``token.text`` of every token, in order (slices of the Doc's text)."""
    found = doc.user_data.get(_TEXTS)
    if found is None:
        text = doc_text(doc)
        found = doc.user_data[_TEXTS] = [
            text[start : start + length] for start, length in doc.to_array([IDX, LENGTH]).tolist()
        ]
    return found


def _strings(doc: Doc, attr: int, convert: Callable[[str], str]) -> list[str]:
    hashes = doc.to_array(attr).tolist()
    strings = doc.vocab.strings
    distinct = {h: convert(strings[h]) for h in set(hashes)}
    return [distinct[h] for h in hashes]


_ENTS = "frontwatch.ents"


def entity_bounds(doc: Doc) -> list[tuple[int, int, str]]:
    """(start token, end token, label) of each named entity, in order. ``doc.ents``
    builds a Span per entity on every access, and several stages ask per sentence."""
    found = doc.user_data.get(_ENTS)
    if found is None:
        found = doc.user_data[_ENTS] = [(e.start, e.end, e.label_) for e in doc.ents]
    return found


# What may open a log line before its first words: clock times, dates, separators and
# pictographs ("05:40 Zaporozhye: …", "6 July 2023 - Lviv, …", "17 April 2024, Chernihiv:
# …", "27.06.2022 - Kremenchuk, …", "2023-07-06: …", "22.06.2024 14:47 | #KHARKIV | …",
# "⚡ UGLEDAR | …"), a field's or a log's label ("Location: Stepnohirsk (…)", "BREAKING:",
# "[UPDATE]") and a hashtag's "#". Possessive repetition: no backtracking on long lines.
_STAMP = (
    r"~?\d{1,2}:\d{2}(?:[ \t]*[A-Z]{3}\b)?|\d{1,2}\s+[A-Z][a-z]+\.?\s+\d{2,4}"
    r"|[A-Z][a-z]+\.?\s+\d{1,2},?\s+\d{4}|\d{4}[-/.]\d{2}[-/.]\d{2}|\d{1,2}[./-]\d{1,2}[./-]\d{2,4}"
)
_LABEL = r"[A-Z][A-Za-z]+:|\[[^\]\n]{1,20}\]"
# A record's title in capitals before a dash: "CIVILIAN HARM - KUPIANSK-VUZLOVYI (…)",
# "INCIDENT 2024/08/26 - SARNY (Rivne oblast)"
_TITLE = rf"[A-Z]{{3,}}(?:[ \t]+[A-Z]{{2,}}){{0,3}}[ \t]+(?:(?:{_STAMP})[ \t]+)?[-–—]"
_LINE_PREFIX = re.compile(rf"[ \t]*(?:(?:{_TITLE}|{_STAMP}|{_LABEL}|[^\w\s]+)[ \t]*)*+#?")


def opens_line(text: str, start: int) -> bool:
    """Whether the character at ``start`` opens its line, but for a time or a date."""
    return _LINE_PREFIX.fullmatch(text[text.rfind("\n", 0, start) + 1 : start]) is not None


# What closes a record's or a log's header after its place: "Kherson - …", "Odesa, …",
# "Soledar: …", "Tokmak (occupied) - …", "2024-03-11 // HULIAIPOLE // …", "X → …",
# "SEREDYNA-BUDA [Sumy obl] — …".
# Arrows a log writes between fields: "Volchansk -> 17.05.2024 -> …", ">> 15/09/2023 >>"
# (the model's tokenizer keeps the typed ones whole: annotate.load_nlp).
ARROWS = frozenset({"→", "->", "-->", "=>", ">>"})
# A log's hyphenated abbreviations kept whole ("Polohy r-n": the raion; places read it as
# "rn", data/places/context.toml).
LOG_ABBREVIATIONS = frozenset({"r-n"})
HEADER_MARKS = frozenset({",", ":", "(", "[", "|", "/", "//"}) | ARROWS | DASHES


def is_pictograph(text: str) -> bool:
    """A token of pictographs only ("🇺🇦", "⚡", "🛳"): logs set them after a header's place
    as others set a colon."""
    return any(unicodedata.category(c) == "So" for c in text) and all(
        unicodedata.category(c) in _PICTOGRAPH_PARTS for c in text
    )


_PICTOGRAPH_PARTS = frozenset({"So", "Sk", "Mn", "Cf"})  # symbols, their modifiers, joiners


def header_mark(text: str) -> bool:
    """What closes a header's place: a header mark or a pictograph."""
    return text in HEADER_MARKS or is_pictograph(text)


def line_mark(text: str) -> bool:
    """What closes a log line's multi-word place ("Chasiv Yar - …", "CHASIV YAR | …",
    "VELYKA NOVOSILKA ⚠ …"): a colon, a pipe, a slash, a dash or a pictograph; not the
    comma or bracket that may follow any name."""
    return text in _LINE_MARKS or text in DASHES or is_pictograph(text)


_LINE_MARKS = frozenset({":", "|", "/", "//"}) | ARROWS


def opens_header(doc: Doc, start: int, end: int) -> bool:
    """Tokens ``start``..``end`` open their line (but for a time or a date) before a
    header mark: the place of a record's or a log's header."""
    if end >= len(doc) or not header_mark(doc[end].text):
        return False
    return opens_line(doc_text(doc), doc[start].idx)
