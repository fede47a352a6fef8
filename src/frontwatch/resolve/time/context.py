"""What the recogniser works on: the text, its parse, and the candidates found in it."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from spacy.tokens import Doc, Token

from frontwatch.resolve.time.lexicon import lexicon


@dataclass(frozen=True, slots=True)
class Candidate:
    """A recognised span and its notation; "{c}" stands for the comparison set by tense."""

    start: int
    end: int
    notation: str
    family: str


Builder = Callable[[re.Match[str], "Context"], Candidate | None]


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


@dataclass(slots=True)
class Context:
    text: str
    doc: Doc | None
    lowered: str = ""  # the text with A-Z lowered: same length, same offsets

    four_digits: list[int] = field(default_factory=list)  # where runs of 4 digits start
    _windows: dict[str, list[tuple[int, int]]] = field(default_factory=dict)

    def windows_at(self, name: str, hits: Callable[[], list[int]]) -> list[tuple[int, int]]:
        """Windows around a set of key words (computed once per set, by name)."""
        if name not in self._windows:
            self._windows[name] = _merge_windows(self.lowered, hits())
        return self._windows[name]

    def __post_init__(self) -> None:
        lowered = self.text.lower()
        if len(lowered) != len(self.text):  # a rare letter whose lower case is longer
            lowered = self.text.translate(_ASCII_LOWER)
        self.lowered = lowered
        self.four_digits = [m.start() for m in _FOUR_DIGITS.finditer(self.text)]

    def token_at(self, char: int) -> Token | None:
        if self.doc is None or not len(self.doc):
            return None
        span = self.doc.char_span(char, min(char + 1, len(self.text)), alignment_mode="expand")
        return span[0] if span is not None and len(span) else None


def count_of(word: str) -> str:
    """Notation count for a number: digits or a number word; vague quantities give X."""
    lex = lexicon()
    word = re.sub(r"\s+", " ", word.lower()).strip()
    for prefix in ("a ", "the "):
        if word.startswith(prefix) and word[len(prefix) :] in (*lex.vague, "couple", "couple of"):
            word = word[len(prefix) :]
    word = word.removesuffix(" of")
    if word.isdigit():
        return str(int(word))
    if word in lex.vague:
        return "X"
    return str(lex.numbers[word])


def unit_of(word: str) -> str:
    return lexicon().units[word.lower()]


def capitalised(ctx: Context, m: re.Match[str], group: str) -> bool:
    """Is the group written with a capital in the original text?"""
    return ctx.text[m.start(group) : m.start(group) + 1].isupper()


_WINDOW = 48  # characters either side of a key word that a match can reach
_FOUR_DIGITS = re.compile(r"\d{4}")


def find_all(text: str, keys: tuple[str, ...]) -> list[int]:
    """Where any of the keys occurs in the text (as a substring), sorted."""
    hits: list[int] = []
    for key in keys:
        at = text.find(key)
        while at >= 0:
            hits.append(at)
            at = text.find(key, at + 1)
    hits.sort()
    return hits


def _merge_windows(text: str, hits: list[int]) -> list[tuple[int, int]]:
    windows: list[list[int]] = []
    for at in hits:
        if windows and at - _WINDOW <= windows[-1][1]:
            windows[-1][1] = at + _WINDOW
        else:
            windows.append([at - _WINDOW, at + _WINDOW])
    return [_widen(text, lo, hi) for lo, hi in windows]


def _widen(text: str, lo: int, hi: int) -> tuple[int, int]:
    """The window moved out to whitespace (or the text's ends) on both sides."""
    lo = max(lo, 0)
    while lo > 0 and not text[lo - 1].isspace():
        lo -= 1
    hi = min(hi, len(text))
    while hi < len(text) and not text[hi].isspace():
        hi += 1
    return lo, hi


def valid_day(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


@lru_cache(maxsize=4096)
def dateparse(text: str) -> date | None:
    """An absolute date string through dateparser (slow: cached), day first when ambiguous."""
    import dateparser  # imported here: it takes ~0.1 s and most articles never need it

    settings: Any = {"DATE_ORDER": "DMY", "STRICT_PARSING": True, "REQUIRE_PARTS": ["year"]}
    try:
        parsed: datetime | None = dateparser.parse(text, languages=["en"], settings=settings)
    except (ValueError, OverflowError, TypeError):
        return None
    return parsed.date() if parsed else None


def is_verb(ctx: Context, char: int) -> bool:
    token = ctx.token_at(char)
    return token is not None and token.idx == char and token.pos_ in ("VERB", "AUX")


def in_name(ctx: Context, char: int) -> bool:
    """Is the word at ``char`` inside a named entity that is not a date (spaCy NER)?"""
    token = ctx.token_at(char)
    return token is not None and token.ent_type_ in lexicon().name_entities


def is_modal(ctx: Context, char: int) -> bool:
    token = ctx.token_at(char)
    return token is not None and token.idx == char and token.tag_ == "MD"
