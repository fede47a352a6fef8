"""One normalisation for names in many spellings (places now, people later).

Contract: ``fold(name) -> str`` maps the usual romanisations of Ukrainian and
Russian (and Cyrillic) to one key: fold("Lugansk") == fold("Luhansk"),
fold("Siverskyy Donets") == fold("Siversky Donets"), fold("Гайдай") == fold("Haidai").

How: transliterate Cyrillic, strip accents and apostrophes (soft signs), merge
the consonant pairs romanisations disagree on (h/g/kh, w/v), turn every run of
vowels (y counted as one) into a single "a" and collapse doubled letters. The
key keeps a name's consonant skeleton and syllable shape, which is what
survives transliteration; vowels are exactly what Ukrainian and Russian
spellings disagree on (Sloviansk / Slavyansk, Kyiv / Kiev, Izium / Izyum).

``strict_key(name)`` is the exact form (case, accents and apostrophes aside):
the gazetteer ranks strict matches before loose ``fold`` matches.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Ukrainian and Russian letters, one romanisation; the folding below makes the
# others (BGN/PCGN, national, scholarly) equal to it.
_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "ё": "yo",
    "є": "ye", "ж": "zh", "з": "z", "и": "y", "і": "i", "ї": "yi", "й": "y", "к": "k",
    "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
    "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch",
    "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya", "ў": "u", "ј": "j",
    "љ": "lj", "њ": "nj", "ћ": "c", "ђ": "dj", "џ": "dz",
}  # fmt: skip
_TRANSLATE = str.maketrans(
    {**_CYRILLIC, **{k.upper(): v for k, v in _CYRILLIC.items() if k.upper() != k}}
)

# Characters that are not letters of a name: apostrophes and soft-sign marks vanish,
# the rest separate words.
_DROP = str.maketrans({c: "" for c in "'’ʼ`´ʹ‘ʻ\u02bc\u02b9\u0301"})
_NON_WORD = re.compile(r"[^0-9a-z]+")

# Digraphs first (to placeholders so their "h" is not merged with h/g/kh below).
_DIGRAPHS = (("shch", "S"), ("sch", "S"), ("zh", "Z"), ("ch", "C"), ("sh", "X"))
_CONSONANTS = str.maketrans({"g": "h", "w": "v", "q": "k"})
_KH = re.compile(r"kh")
_VOWEL_RUN = re.compile(r"[aeiouy]+")
_DOUBLE = re.compile(r"(.)\1+")


def _latin(name: str) -> str:
    """Lower-cased Latin letters and digits, accents and soft signs removed."""
    text = unicodedata.normalize("NFKD", name.translate(_TRANSLATE))
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.lower().translate(_TRANSLATE).translate(_DROP)
    return _NON_WORD.sub(" ", text).strip()


@lru_cache(maxsize=200_000)
def strict_key(name: str) -> str:
    """Exact spelling key: case, accents, apostrophes and punctuation aside."""
    return _latin(name)


@lru_cache(maxsize=200_000)
def fold(name: str) -> str:
    """Transliteration-aware key: the usual spellings of one name give one key."""
    text = _latin(name)
    for digraph, mark in _DIGRAPHS:
        text = text.replace(digraph, mark)
    text = _KH.sub("h", text).translate(_CONSONANTS)
    text = _VOWEL_RUN.sub("a", text)
    return _DOUBLE.sub(r"\1", text)
