"""Annotate text in a language with no trained model here (Ukrainian, Russian).

No trained Ukrainian or Russian spaCy pipeline installs offline (the ``uk_core_news``
and ``ru_core_news`` names on PyPI are empty placeholders), so such text gets spaCy's
own tokenizer and sentence rules for the language (``spacy.blank``) and the same
paragraph breaks as English, and its words get lemmas from simplemma (MIT, its
dictionaries ship inside the wheel). Later stages read it by words and lemmas
(resolve/cyrillic_places.py, resolve/cyrillic_times.py, extract/lexical.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from frontwatch.annotate import paragraph_breaks

# The languages read by this path (ISO 639-1).
BLANK_LANGUAGES = frozenset({"uk", "ru"})
assert paragraph_breaks  # registered as a spaCy component on import


@lru_cache(maxsize=4)
def load_blank(language: str) -> Language:
    """spaCy's blank pipeline for ``language`` with sentence rules and paragraph breaks."""
    nlp = spacy.blank(language)
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("paragraph_breaks")
    return nlp


def warm(language: str) -> None:
    """Pay the first-use costs now: the blank pipeline, and simplemma's dictionary for
    the language (about 1.5-3 s, once per process)."""
    load_blank(language)
    lemma("війна" if language == "uk" else "война", language)


def annotate_blank(texts: Iterable[str], language: str) -> Iterator[Doc]:
    """Docs of ``texts`` in ``language``, in order."""
    yield from load_blank(language).pipe(texts, batch_size=64)


@lru_cache(maxsize=200_000)
def lemma_as_written(word: str, language: str) -> str:
    """simplemma's lemma of one word form: capitalised for a proper noun it knows
    ("Бахмуті" -> "Бахмут"), lower case for a common word ("Сили" -> "сила"), the form
    itself when it knows none."""
    import simplemma

    return str(simplemma.lemmatize(word, lang=language))


def lemma(word: str, language: str) -> str:
    """The lemma of one word form, lower case."""
    return lemma_as_written(word, language).lower()


@lru_cache(maxsize=100_000)
def is_common_word(word: str, language: str) -> bool:
    """A capitalised word whose lemma is a common noun, adjective or verb: as written
    ("Сили" -> "сила"), or once lower-cased, where simplemma knows only the common word
    ("Чехи" -> "чех", "Батьківщину" -> "батьківщина"; "бахмуті" is still "Бахмут")."""
    import simplemma

    low = word.lower()
    written = lemma_as_written(word, language)
    if written[:1].islower():
        # simplemma lower-cases a word it does not know at all ("Новоолександрівка"):
        # that is a name, not a common word
        return written != low or bool(simplemma.is_known(low, lang=language))
    return (
        low != word
        and bool(simplemma.is_known(low, lang=language))
        and (lemma_as_written(low, language)[:1].islower())
    )
