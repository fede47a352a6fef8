"""Which language an article is written in: ``identify(text) -> Identified``.

Script first (Cyrillic or Latin letters), then the cues of ``data/languages.toml``
(Ukrainian-only and Russian-only letters and function words; English function words),
and only where those do not settle it the statistical model of py3langid, restricted to
the languages of that script and loaded on first use. Each paragraph with enough letters
is judged too: a post whose paragraphs are in two languages is reported as mixed.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from frontwatch.lexicons import load_toml

UNDETERMINED = "und"
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_PARAGRAPH = re.compile(r"\n\s*\n|\n")
_SAMPLE = 5000
# Links, addresses and handles are written in Latin letters whatever the text's language.
_NOT_PROSE = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\w+|@\w+|#\w+")


@dataclass(frozen=True, slots=True)
class Identified:
    """A text's language and, for a mixed text, every language of its paragraphs."""

    language: str
    languages: tuple[str, ...] = ()  # more than one only when the text is mixed

    @property
    def mixed(self) -> bool:
        return len(self.languages) > 1


@dataclass(frozen=True, slots=True)
class _Cues:
    min_letters: int
    margin: float
    mixed_share: float
    uk_letters: frozenset[str]
    ru_letters: frozenset[str]
    uk_words: frozenset[str]
    ru_words: frozenset[str]
    no_uk_letters: int
    en_words: frozenset[str]
    en_share: float
    fallback: dict[str, tuple[str, ...]]
    min_probability: float


@lru_cache(maxsize=1)
def cues() -> _Cues:
    raw: dict[str, Any] = load_toml("languages.toml")
    cyr, lat, fb = raw["cyrillic"], raw["latin"], raw["fallback"]
    return _Cues(
        min_letters=int(raw["min_letters"]),
        margin=float(raw["margin"]),
        mixed_share=float(raw["mixed_share"]),
        uk_letters=frozenset(cyr["uk_letters"]),
        ru_letters=frozenset(cyr["ru_letters"]),
        uk_words=frozenset(cyr["uk_words"]),
        ru_words=frozenset(cyr["ru_words"]),
        no_uk_letters=int(cyr["no_uk_letters"]),
        en_words=frozenset(lat["en_words"]),
        en_share=float(lat["en_share"]),
        fallback={"cyrillic": tuple(fb["cyrillic"]), "latin": tuple(fb["latin"])},
        min_probability=float(fb["min_probability"]),
    )


@lru_cache(maxsize=2)
def _model(script: str) -> Any:
    """py3langid's identifier, restricted to the languages of one script."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    model = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    model.set_languages(list(cues().fallback[script]))
    return model


def _statistical(text: str, script: str) -> str:
    language, probability = _model(script).classify(text)
    return str(language) if probability >= cues().min_probability else UNDETERMINED


def _cyrillic(text: str) -> str:
    c = cues()
    lower = text.lower()
    words = _WORD.findall(lower)
    uk_letters = sum(ch in c.uk_letters for ch in lower)
    uk = uk_letters + 2 * sum(w in c.uk_words for w in words)
    ru = sum(ch in c.ru_letters for ch in lower) + 2 * sum(w in c.ru_words for w in words)
    if not uk_letters and len(_CYRILLIC.findall(text)) >= c.no_uk_letters:
        ru += 1  # і is among Ukrainian's commonest letters: a long text without it is not
    if uk and uk >= c.margin * ru:
        return "uk"
    if ru and ru >= c.margin * uk:
        return "ru"
    return _statistical(text, "cyrillic")


def _latin(text: str) -> str:
    c = cues()
    words = [w.lower() for w in _WORD.findall(text)]
    markers = [w for w in words if w in c.en_words]
    english = bool(words) and len(markers) / len(words) >= c.en_share
    if english and len(set(markers)) >= 2:
        return "en"
    found = _statistical(text, "latin")
    if found == UNDETERMINED and english:
        return "en"
    return found


def _one(text: str) -> tuple[str, int]:
    """The language of one stretch of text and how many letters decided it."""
    cyr = len(_CYRILLIC.findall(text))
    lat = len(_LATIN.findall(text))
    if cyr + lat < cues().min_letters:
        return UNDETERMINED, cyr + lat
    return (_cyrillic(text) if cyr >= lat else _latin(text)), cyr + lat


def identify(text: str) -> Identified:
    """The language of ``text`` (ISO 639-1, or "und"), and its paragraphs' if mixed."""
    sample = _NOT_PROSE.sub(" ", text[:_SAMPLE])
    language, _ = _one(sample)
    letters: Counter[str] = Counter()
    for paragraph in _PARAGRAPH.split(sample):
        lang, n = _one(paragraph)
        if lang != UNDETERMINED:
            letters[lang] += n
    total = sum(letters.values())
    share = cues().mixed_share
    present = tuple(sorted(lang for lang, n in letters.items() if total and n / total >= share))
    if len(present) > 1:
        return Identified(language, present)
    return Identified(language, (language,) if language != UNDETERMINED else ())
