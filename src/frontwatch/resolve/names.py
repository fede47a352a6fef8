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


# --- the rule of evidence for people's names (extract/actors.py and fuse/entities.py) ---
#
# Two spellings name the same person only on evidence, never on likeness alone:
#   "same name"     the same words (case, accents, apostrophes aside);
#   "spelling"      the same words up to romanisation (``variant_key``: Гайдай = Haidai =
#                   Gaidai, Зеленський = Зеленский = Zelensky), vowels kept, so that
#                   Heidi is not Haidai, Reid is not Reed, Ellis is not Elias;
#   "listed alias"  a spelling the actor table lists (the caller looks it up by these keys);
#   "initial"       the same surname and an initial that agrees (T. Reed / Tom Reed);
#   "surname"       a surname alone after a full mention with that surname in the same
#                   article (the caller checks the article).
# A first name or initial that differs forbids a merge (Ryan Ellis is not Marc E. Elias).
# Short names (``is_short``: three letters or fewer, acronyms) match only as written:
# "UN", "An", "Ann" and "Ian" stay apart. Fuzzy likeness may rank candidates that pass
# these rules; it never makes a match by itself.

_VARIANT_PAIRS = (("kh", "h"), ("g", "h"), ("w", "v"), ("y", "i"), ("q", "k"))
_I_RUN = re.compile(r"i+")
_INITIALS = re.compile(r"^[a-z]$")


@lru_cache(maxsize=200_000)
def variant_key(name: str) -> str:
    """Romanisation-blind key that keeps vowels: Haidai = Gaidai = Hayday = Гайдай,
    Zelenskyy = Zelenskiy = Zelensky = Зеленський = Зеленский; Heidi != Haidai."""
    words = []
    for word in _latin(name).split():
        for a, b in _VARIANT_PAIRS:
            word = word.replace(a, b)
        words.append(_DOUBLE.sub(r"\1", _I_RUN.sub("i", word)))
    return " ".join(words)


def is_short(name: str) -> bool:
    """A name too short to compare loosely ("UN", "An", "Ian", "Ann"): exact spelling only."""
    letters = _latin(name).replace(" ", "")
    return len(letters) <= 3 or (name.replace(".", "").isupper() and len(letters) <= 5)


def given_conflict(a: str, b: str) -> bool:
    """Two full names whose first names (or initials) differ: Ryan Ellis / Marc E. Elias,
    J. Reed / Harry Reid. A name of one word has no first name and conflicts with none."""
    wa, wb = variant_key(a).split(), variant_key(b).split()
    if len(wa) < 2 or len(wb) < 2:
        return False
    ga, gb = wa[0], wb[0]
    if _INITIALS.match(ga) or _INITIALS.match(gb):
        return ga[0] != gb[0]
    return ga != gb


def name_evidence(a: str, b: str) -> str | None:
    """Why two written names are one person's (see the rule above), or None.
    A surname alone is only "surname": the caller allows it after a full mention."""
    sa, sb = strict_key(a), strict_key(b)
    if not sa or not sb:
        return None
    if sa == sb:
        return "same name"
    if is_short(a) or is_short(b) or given_conflict(a, b):
        return None
    va, vb = variant_key(a), variant_key(b)
    if va == vb:
        return "spelling"
    wa, wb = va.split(), vb.split()
    if wa[-1] != wb[-1]:
        return None
    if (len(wa) == 1) != (len(wb) == 1):
        return "surname"
    if len(wa) > 1 and (_INITIALS.match(wa[0]) or _INITIALS.match(wb[0])):
        return "initial"  # T. Reed / Tom Reed: the initial agrees (given_conflict above)
    return None
