"""Time: temporal expressions resolved against the article date, by tense.

Contract:
- ``find_times(doc, article) -> list[TimeExpr]``: every temporal expression in
  document order, resolved against ``article.published`` (or kept relative in
  ``TimeExpr.relative`` when the date is unknown);
- ``reanchor(expr, published) -> TimeExpr``: the same expression resolved
  against a date supplied later (``frontwatch redate``);
- ``event_time(doc, trigger_i, report_i, times, article) -> (TimeExpr | None, basis)``:
  the time of an event whose trigger is token ``trigger_i`` and whose reporting
  verb (if any) is token ``report_i``; basis is "own", "statement" or "reported_by".

How it works (docs/time.md has the full rules):
1. recognise: precompiled patterns built from the lexicon ``data/time.toml`` find
   candidate spans (weekdays, deictic days, periods, weekends, "N days ago",
   durations, month-days, months, years, ISO and full dates); overlaps go to the
   longest; "since X" and "N days of ... ended X" combine candidates into ranges;
2. each candidate is written in the relative notation of
   ``frontwatch.resolve.timenotation`` ("WD:Mon<=D"), the comparison chosen by
   the tense of the verb that governs the expression in the dependency parse
   (past: on or before D; future/planned: on or after D; present: the nearest);
3. the notation is evaluated against the article date. ``TimeExpr.relative``
   keeps the notation of every expression that depends on D (also when D is
   known, so that ``reanchor`` can redo it); an expression is resolved when
   ``date_end`` is not None.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from functools import lru_cache
from importlib import resources
from typing import Any

from spacy.tokens import Doc, Span, Token

from frontwatch.models import Article, Tense, TimeExpr, TimePrecision
from frontwatch.resolve.timenotation import (
    WEEKDAY_CODES,
    Interval,
    NotationError,
    evaluate,
    uses_article_date,
)

TENSE_CMP = {"past": "<=", "future": ">=", "present": "~"}
_SENTENCE_END = re.compile(r"[.!?]\s|\n")


# --- lexicon -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Lexicon:
    weekdays: dict[str, int]
    months: dict[str, int]
    numbers: dict[str, int]
    vague: tuple[str, ...]
    units: dict[str, str]
    deictic: dict[str, int]
    day_parts: tuple[str, ...]
    day_modifiers: tuple[str, ...]
    weekday_direction: dict[str, str]
    periods: dict[str, str]
    weekend: dict[str, str]
    ending_verbs: tuple[str, ...]
    starting_verbs: tuple[str, ...]
    since: tuple[str, ...]
    range_links: tuple[str, ...]
    range_openers: tuple[str, ...]
    year_prepositions: frozenset[str]
    part_of_month: dict[str, tuple[int, int]]
    future_aux: frozenset[str]
    conditional_aux: frozenset[str]
    plan_verbs: frozenset[str]
    future_words: tuple[str, ...]
    lookback_days: int
    references: dict[str, str]
    shared_time_deps: frozenset[str]
    name_entities: frozenset[str]
    statement_deps: frozenset[str]
    seasons: dict[str, tuple[int, int]]
    season_direction: dict[str, str]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The time lexicon from ``data/time.toml``, read once."""
    raw = tomllib.loads(resources.files("frontwatch.data").joinpath("time.toml").read_text())
    return Lexicon(
        weekdays=dict(raw["weekdays"]),
        months=dict(raw["months"]),
        numbers=dict(raw["numbers"]),
        vague=tuple(raw["vague_numbers"]),
        units=dict(raw["units"]),
        deictic=dict(raw["deictic"]),
        day_parts=tuple(raw["day_parts"]["parts"]),
        day_modifiers=tuple(raw["day_modifiers"]["modifiers"]),
        weekday_direction=dict(raw["weekday_direction"]),
        periods=dict(raw["periods"]),
        weekend=dict(raw["weekend"]),
        ending_verbs=tuple(raw["range_verbs"]["ending"]),
        starting_verbs=tuple(raw["range_verbs"]["starting"]),
        since=tuple(raw["signals"]["since"]),
        range_links=tuple(raw["signals"]["range_links"]),
        range_openers=tuple(raw["signals"]["range_openers"]),
        year_prepositions=frozenset(raw["signals"]["year_prepositions"]),
        part_of_month={k: (int(v[0]), int(v[1])) for k, v in raw["part_of_month"].items()},
        future_aux=frozenset(raw["tense"]["future_aux"]),
        conditional_aux=frozenset(raw["tense"]["conditional_aux"]),
        plan_verbs=frozenset(raw["tense"]["plan_verbs"]),
        future_words=tuple(raw["tense"]["future_words"]),
        lookback_days=int(raw["reported_by"]["lookback_days"]),
        references=dict(raw["references"]),
        shared_time_deps=frozenset(raw["event_time"]["shared_time_deps"]),
        name_entities=frozenset(raw["names"]["entity_labels"]),
        statement_deps=frozenset(raw["event_time"]["statement_deps"]),
        seasons={k: (int(v[0]), int(v[1])) for k, v in raw["seasons"].items()},
        season_direction=dict(raw["season_direction"]),
    )


def _alt(words: Iterable[str]) -> str:
    """A regex alternation of phrases, longest first, spaces matching any whitespace."""
    ordered = sorted(set(words), key=lambda w: (-len(w), w))
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)


# --- candidates --------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Candidate:
    """A recognised span and its notation; "{c}" stands for the comparison set by tense."""

    start: int
    end: int
    notation: str
    family: str


Builder = Callable[[re.Match[str], "_Context"], Candidate | None]


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


@dataclass(slots=True)
class _Context:
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


def _count(word: str) -> str:
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


def _unit(word: str) -> str:
    return lexicon().units[word.lower()]


def _capitalised(ctx: _Context, m: re.Match[str], group: str) -> bool:
    """Is the group written with a capital in the original text?"""
    return ctx.text[m.start(group) : m.start(group) + 1].isupper()


class Recogniser:
    """Precompiled patterns, one per family, built from the lexicon."""

    def __init__(self, lex: Lexicon) -> None:
        self.lex = lex
        months = _alt(lex.months)
        full_months = _alt(m for m in lex.months if len(m) > 3 or m == "may")
        weekdays = _alt(lex.weekdays)
        counted = _alt(k for k in lex.numbers if k != "couple")
        number = (
            rf"(?:\d{{1,3}}|(?:a\s+)?(?:{_alt(lex.vague)})|(?:a\s+)?couple(?:\s+of)?|{counted})"
        )
        units = _alt(lex.units)
        plural_units = _alt(u for u in lex.units if u.endswith("s"))
        day = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th)?"
        flags = 0  # patterns are matched against the ASCII-lowercased text
        self.patterns: list[tuple[str, re.Pattern[str], Builder]] = [
            ("iso", re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b"), self._iso),
            (
                "numeric",
                re.compile(r"\b(?P<a>[0-3]?\d)[/.](?P<b>[0-3]?\d)[/.](?P<y>(?:19|20)\d{2})\b"),
                self._numeric,
            ),
            (
                "full_date",
                re.compile(
                    rf"\b(?P<mon>{months})\.?\s+{day},?\s+(?P<y>\d{{4}})\b"
                    rf"|\b(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon2>{months})\.?,?\s+(?P<y2>\d{{4}})\b",
                    flags,
                ),
                self._full_date,
            ),
            (
                "day_range",
                re.compile(
                    rf"\b(?P<d1>[0-3]?\d)\s*[-–—]\s*(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?\s+"
                    rf"(?:of\s+)?(?P<mon>{months})\b\.?(?:,?\s+(?P<y>(?:19|20)\d{{2}})\b)?"
                    rf"|\b(?P<mon2>{months})\.?\s+(?P<e1>[0-3]?\d)\s*[-–—]\s*(?P<e2>[0-3]?\d)\b"
                    rf"(?:,?\s+(?P<y2>(?:19|20)\d{{2}})\b)?",
                    flags,
                ),
                self._day_range,
            ),
            (
                "month_year",
                re.compile(rf"\b(?P<mon>{months})\.?,?\s+(?P<y>(?:19|20)\d{{2}})\b", flags),
                self._month_year,
            ),
            (
                "month_day",
                re.compile(
                    rf"\b(?P<mon>{months})\.?\s+{day}\b(?!\s*(?:%|,?\s*\d))"
                    rf"|\b(?:the\s+)?(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon2>{months})\b\.?",
                    flags,
                ),
                self._month_day,
            ),
            (
                "month",
                re.compile(
                    rf"\b(?:(?P<part>{_alt(lex.part_of_month)})[\s-]+)?(?P<mon>{full_months})\b",
                    flags,
                ),
                self._month,
            ),
            ("year", re.compile(r"\b(?P<y>1[89]\d{2}|20\d{2})\b(?![-/.]?\d|\s*%)"), self._year),
            (
                "weekday",
                re.compile(
                    rf"\b(?:(?P<mod>{_alt(lex.day_modifiers)})\s+)?"
                    rf"(?:(?P<dir>{_alt(lex.weekday_direction)})\s+)?"
                    rf"(?P<wd>{weekdays})\b(?P<dot>\.)?"
                    rf"(?:\s+(?P<part>{_alt(lex.day_parts)})\b)?",
                    flags,
                ),
                self._weekday,
            ),
            (
                "deictic",
                re.compile(
                    rf"\b(?P<w>{_alt(lex.deictic)})\b(?:\s+(?P<part>{_alt(lex.day_parts)})\b)?",
                    flags,
                ),
                self._deictic,
            ),
            ("period", re.compile(rf"\b(?P<w>{_alt(lex.periods)})\b", flags), self._period),
            ("weekend", re.compile(rf"\b(?P<w>{_alt(lex.weekend)})\b", flags), self._weekend),
            (
                "ago",
                re.compile(rf"\b(?P<n>{number})\s+(?P<u>{units})\s+ago\b", flags),
                self._ago,
            ),
            (
                "past_n",
                re.compile(
                    rf"\b(?:the\s+)?(?:past|last|previous)\s+(?P<n>{number})\s+(?P<u>{plural_units})\b",
                    flags,
                ),
                self._past_n,
            ),
            (
                "duration",
                re.compile(
                    rf"\bfor\s+(?:the\s+(?:past|last)\s+)?(?:(?P<n>{number})\s+)?(?P<u>{plural_units}|{units})\b",
                    flags,
                ),
                self._duration,
            ),
            (
                "reference",
                re.compile(rf"\b(?P<w>{_alt(lex.references)})\b", flags),
                self._reference,
            ),
            (
                "season",
                re.compile(
                    rf"\b(?P<dir>{_alt(lex.season_direction)})\s+(?P<s>{_alt(lex.seasons)})\b",
                    flags,
                ),
                self._season,
            ),
            (
                "span_of",
                re.compile(rf"\b(?P<n>{number})\s+(?P<u>{units})\s+of\b", flags),
                self._span_of,
            ),
        ]
        self.keys = self._family_keys()
        links = _alt(lex.range_links)
        self.range_link = re.compile(rf"\s*(?:[-–—]|(?P<word>{links}))\s*", re.IGNORECASE)
        self.range_opener = re.compile(rf"\b(?P<w>{_alt(lex.range_openers)})\s+$", re.IGNORECASE)
        self.key_names = {family: "|".join(keys) for family, keys in self.keys.items()}
        self.since = re.compile(rf"\b(?:{_alt(lex.since)})\s+$", re.IGNORECASE)
        self.since_the = re.compile(rf"\b(?:{_alt(lex.since)})\s+the\s+$", re.IGNORECASE)
        self.ending = re.compile(rf"\b(?:{_alt(lex.ending_verbs)})\b", re.IGNORECASE)
        self.starting = re.compile(rf"\b(?:{_alt(lex.starting_verbs)})\b", re.IGNORECASE)

    # Each builder turns a match into a Candidate (or None to reject it).

    def _iso(self, m: re.Match[str], ctx: _Context) -> Candidate | None:
        y, mo, d = int(m["y"]), int(m["m"]), int(m["d"])
        if not _valid(y, mo, d):
            return None
        return Candidate(m.start(), m.end(), f"{y:04d}-{mo:02d}-{d:02d}", "iso")

    def _numeric(self, m: re.Match[str], ctx: _Context) -> Candidate | None:
        parsed = _dateparse(m.group(0))
        if parsed is None:
            return None
        return Candidate(m.start(), m.end(), parsed.isoformat(), "numeric")

    def _full_date(self, m: re.Match[str], ctx: _Context) -> Candidate | None:
        if not _capitalised(ctx, m, "mon" if m["mon"] else "mon2"):
            return None
        parsed = _dateparse(m.group(0))
        if parsed is None:
            return None
        return Candidate(m.start(), m.end(), parsed.isoformat(), "full_date")

    def _day_range(self, m: re.Match[str], ctx: _Context) -> Candidate | None:
        """ "23-27 September", "Sept. 23-27, 2022": days of one month."""
        group = "mon" if m["mon"] else "mon2"
        if not _capitalised(ctx, m, group):
            return None
        month = self.lex.months[m[group]]
        first, last = int(m["d1"] or m["e1"]), int(m["d2"] or m["e2"])
        year = m["y"] or m["y2"]
        if not 1 <= first < last <= 31:
            return None
        end = m.end() - (1 if m.group(0).endswith(".") else 0)
        if year:
            if not (_valid(int(year), month, first) and _valid(int(year), month, last)):
                return None
            notation = f"{year}-{month:02d}-{first:02d}..{year}-{month:02d}-{last:02d}"
            return Candidate(m.start(), end, notation, "day_range")
        notation = f"{{range}}MD:{month:02d}-{first:02d}{{c}}D|MD:{month:02d}-{last:02d}{{c}}D"
        return Candidate(m.start(), end, notation, "day_range")

    def _month_year(self, m: re.Match[str], ctx: _Context) -> Candidate | None:
        if not _capitalised(ctx, m, "mon"):
            return None
        month = self.lex.months[m["mon"]]
        return Candidate(m.start(), m.end(), f"{m['y']}-{month:02d}", "month_year")

    def _month_day(self, m: re.Match[str], ctx: _Context) -> Candidate | None:
        mon = m["mon"] or m["mon2"]
        day = int(m["d"] or m["d2"])
        if not _capitalised(ctx, m, "mon" if m["mon"] else "mon2") or not 1 <= day <= 31:
            return None
        month = self.lex.months[mon.lower()]
        if mon.lower() == "may" and m["mon"] and _is_modal(ctx, m.start("mon")):
            return None
        end = m.end() - (1 if m.group(0).endswith(".") else 0)
        return Candidate(m.start(), end, f"MD:{month:02d}-{day:02d}{{c}}D", "month_day")

    def _month(self, m: re.Match[str], ctx: _Context) -> Candidate | None:
        mon = m["mon"]
        if not _capitalised(ctx, m, "mon") or _is_verb(ctx, m.start("mon")):
            return None
        if _in_name(ctx, m.start("mon")):
            return None  # "April Ryan", "June Medical Services"
        month = self.lex.months[mon.lower()]
        notation = f"M:{month:02d}{{c}}D"
        if m["part"]:
            first, last = self.lex.part_of_month[re.sub(r"\s+", " ", m["part"].lower())]
            notation = f"({notation})@{first}-{last}"
        return Candidate(m.start(), m.end(), notation, "month")

    def _year(self, m: re.Match[str], ctx: _Context) -> Candidate | None:
        before = ctx.text[max(0, m.start() - 12) : m.start()].split()
        prep = before[-1].lower() if before else ""
        token = ctx.token_at(m.start())
        tagged = token is not None and token.ent_type_ == "DATE"
        if prep not in self.lex.year_prepositions and not tagged:
            return None
        return Candidate(m.start(), m.end(), m["y"], "year")

    def _weekday(self, m: re.Match[str], ctx: _Context) -> Candidate | None:
        name = m["wd"]
        full = len(name) >= 6  # "monday"; abbreviations ("Tues.") need their dot
        if not _capitalised(ctx, m, "wd") or (not full and not m["dot"]):
            return None
        if full and _in_name(ctx, m.start("wd")):
            return None  # "Black Friday Sales Ltd" (a dotted "Fri." is always a day)
        code = WEEKDAY_CODES[self.lex.weekdays[name.lower()]]
        direction = m["dir"] and self.lex.weekday_direction[re.sub(r"\s+", " ", m["dir"].lower())]
        cmp = direction if direction and direction != "~" else "{c}"
        end = m.end() - 1 if full and m["dot"] and not m["part"] else m.end()  # "Monday."
        return Candidate(m.start(), end, f"WD:{code}{cmp}D", "weekday")

    def _deictic(self, m: re.Match[str], ctx: _Context) -> Candidate | None:
        offset = self.lex.deictic[re.sub(r"\s+", " ", m["w"].lower())]
        notation = "D" if offset == 0 else f"D{offset:+d}"
        return Candidate(m.start(), m.end(), notation, "deictic")

    def _period(self, m: re.Match[str], ctx: _Context) -> Candidate | None:
        notation = self.lex.periods[re.sub(r"\s+", " ", m["w"].lower())]
        return Candidate(m.start(), m.end(), notation, "period")

    def _weekend(self, m: re.Match[str], ctx: _Context) -> Candidate | None:
        direction = self.lex.weekend[re.sub(r"\s+", " ", m["w"].lower())]
        cmp = direction if direction != "~" else "{c}"
        return Candidate(m.start(), m.end(), f"WE{cmp}D", "weekend")

    def _reference(self, m: re.Match[str], ctx: _Context) -> Candidate | None:
        notation = self.lex.references[re.sub(r"\s+", " ", m["w"])]
        return Candidate(m.start(), m.end(), notation, "reference")

    def _season(self, m: re.Match[str], ctx: _Context) -> Candidate | None:
        first, length = self.lex.seasons[m["s"]]
        prefix = re.sub(r"\s+", " ", m["dir"])
        direction = self.lex.season_direction[prefix]
        cmp = direction if direction != "~" else "{c}"
        start = f"(M:{first:02d}{cmp}D)"
        notation = f"{start}..MO[{start}+{length - 1}m]"
        span_start = m.start("s") if prefix.endswith(" the") else m.start()
        return Candidate(span_start, m.end(), notation, "season")

    def _ago(self, m: re.Match[str], ctx: _Context) -> Candidate | None:
        count, unit = _count(m["n"]), _unit(m["u"])
        holder = {"d": "", "w": "W", "m": "MO", "y": "Y"}[unit]
        shifted = f"D-{count}{unit}"
        return Candidate(m.start(), m.end(), f"{holder}[{shifted}]" if holder else shifted, "ago")

    def _past_n(self, m: re.Match[str], ctx: _Context) -> Candidate | None:
        count, unit = _count(m["n"]), _unit(m["u"])
        return Candidate(m.start(), m.end(), f"D-{count}{unit}..D", "past_n")

    def _duration(self, m: re.Match[str], ctx: _Context) -> Candidate | None:
        count = _count(m["n"]) if m["n"] else "X"
        unit = _unit(m["u"])
        if not m["n"] and not m["u"].lower().endswith("s"):
            return None  # "for day" is not a duration
        return Candidate(m.start(), m.end(), f"{{dur}}{count}{unit}", "duration")

    def _span_of(self, m: re.Match[str], ctx: _Context) -> Candidate | None:
        count = _count(m["n"])
        if count == "X":
            return None
        return Candidate(m.start(), m.end() - 2, f"{{span}}{count}{_unit(m['u'])}", "span_of")

    # --- whole-text scan ---

    def _family_keys(self) -> dict[str, tuple[str, ...]]:
        """Words one of which every match of a family contains (None: four digits)."""
        lex = self.lex
        months = tuple(lex.months)
        units = tuple(lex.units)
        return {
            "full_date": months,
            "day_range": months,
            "month_year": months,
            "month_day": months,
            "month": months,
            "weekday": tuple(lex.weekdays),
            "deictic": tuple(sorted({k.split()[-1] for k in lex.deictic})),
            "period": tuple(sorted({k.split()[-1] for k in lex.periods})),
            "weekend": tuple(sorted({k.split()[-1] for k in lex.weekend})),
            "ago": ("ago",),
            "past_n": units,
            "duration": units,
            "span_of": units,
            "reference": tuple(sorted({k.split()[-1] for k in lex.references})),
            "season": tuple(lex.seasons),
        }

    def _windows(self, ctx: _Context, family: str) -> list[tuple[int, int]]:
        """Stretches of the text around the family's key words, merged; whole words."""
        keys = self.keys.get(family)
        if keys is None:
            return ctx.windows_at("", lambda: ctx.four_digits)
        return ctx.windows_at(self.key_names[family], lambda: _find_all(ctx.lowered, keys))

    def scan(self, ctx: _Context) -> list[Candidate]:
        """Candidates of every family, overlaps resolved, ranges combined."""
        found: list[Candidate] = []
        for family, pattern, builder in self.patterns:
            for lo, hi in self._windows(ctx, family):
                for match in pattern.finditer(ctx.lowered, lo, hi):
                    cand = builder(match, ctx)
                    if cand is not None:
                        found.append(cand)
        spans = [c for c in found if c.family == "span_of"]
        chosen = _longest_first([c for c in found if c.family != "span_of"])
        chosen = self._combine_spans(chosen, spans, ctx.text)
        chosen = _join_weekday_dates(chosen, ctx.text)
        chosen = self._join_ranges(chosen, ctx.text)
        return [self._since(c, ctx.text) for c in chosen]

    def _join_ranges(self, chosen: list[Candidate], text: str) -> list[Candidate]:
        """ "29 Aug – 4 Sep", "from Monday to Wednesday", "between May 1 and May 5":
        one range from the start of the first to the end of the second."""
        out: list[Candidate] = []
        i = 0
        while i < len(chosen):
            first = chosen[i]
            second = chosen[i + 1] if i + 1 < len(chosen) else None
            joined = self._range_of(first, second, text) if second else None
            if joined is not None:
                out.append(joined)
                i += 2
            else:
                out.append(first)
                i += 1
        return out

    def _range_of(self, first: Candidate, second: Candidate, text: str) -> Candidate | None:
        if first.family not in _POINT_FAMILIES or second.family not in _POINT_FAMILIES:
            return None
        between = text[first.end : second.start]
        link = self.range_link.fullmatch(between)
        if link is None:
            return None
        start = first.start
        if link["word"]:
            opener = self.range_opener.search(text, max(0, first.start - 10), first.start)
            if opener is None or (link["word"].lower() == "and") != (
                opener["w"].lower() == "between"
            ):
                return None
            start = opener.start()
        notation = f"{{range}}{first.notation}|{second.notation}"
        return Candidate(start, second.end, notation, "range")

    def _since(self, cand: Candidate, text: str) -> Candidate:
        """ "since July": a point becomes the range from it to the article date."""
        if cand.family not in (
            "month",
            "month_day",
            "year",
            "weekday",
            "full_date",
            "iso",
            "season",
            "month_year",
        ):
            return cand
        pattern = self.since_the if cand.family == "season" else self.since
        sig = pattern.search(text, max(0, cand.start - 12), cand.start)
        if sig is None:
            return cand
        point = cand.notation.replace("{c}", "<=")
        return Candidate(sig.start(), cand.end, f"({point})..D", "since")

    def _combine_spans(
        self, chosen: list[Candidate], spans: list[Candidate], text: str
    ) -> list[Candidate]:
        """ "wrapped up five days of X Tuesday": the span ends (or starts) at the day named."""
        for span in spans:
            anchor = next(
                (
                    c
                    for c in chosen
                    if c.family in ("weekday", "deictic", "month_day", "full_date", "iso")
                    and 0 <= c.start - span.end <= 60
                    and not _SENTENCE_END.search(text, span.end, c.start)
                ),
                None,
            )
            if anchor is None:
                continue
            window = text[max(0, span.start - 30) : anchor.start]
            count, unit = span.notation[len("{span}") : -1], span.notation[-1]
            length = f"{count}{unit}" if unit != "d" else f"{int(count) - 1}"
            if self.ending.search(window):
                notation = f"({anchor.notation})-{length}+1..{anchor.notation}"
                if unit == "d":
                    notation = f"({anchor.notation})-{length}..{anchor.notation}"
            elif self.starting.search(window):
                notation = f"{anchor.notation}..({anchor.notation})+{length}-1"
                if unit == "d":
                    notation = f"{anchor.notation}..({anchor.notation})+{length}"
            else:
                continue
            merged = Candidate(span.start, anchor.end, notation, "span_of")
            chosen = [c for c in chosen if c.end <= merged.start or c.start >= merged.end]
            chosen.append(merged)
        return sorted(chosen, key=lambda c: (c.start, c.end))


_WINDOW = 48  # characters either side of a key word that a match can reach
_FOUR_DIGITS = re.compile(r"\d{4}")


def _find_all(text: str, keys: tuple[str, ...]) -> list[int]:
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


_POINT_FAMILIES = frozenset(
    {"iso", "numeric", "full_date", "month_year", "month_day", "month", "year", "weekday"}
)
_DATE_FAMILIES = frozenset({"iso", "numeric", "full_date", "month_day"})


def _join_weekday_dates(chosen: list[Candidate], text: str) -> list[Candidate]:
    """ "Monday, September 12": the weekday names the date that follows it."""
    out: list[Candidate] = []
    for cand in chosen:
        previous = out[-1] if out else None
        if (
            previous is not None
            and previous.family == "weekday"
            and cand.family in _DATE_FAMILIES
            and re.fullmatch(r",?\s*", text[previous.end : cand.start])
        ):
            out[-1] = Candidate(previous.start, cand.end, cand.notation, cand.family)
            continue
        out.append(cand)
    return out


def _longest_first(cands: list[Candidate]) -> list[Candidate]:
    """Non-overlapping candidates: the longest wins, then the earliest."""
    chosen: list[Candidate] = []
    taken: list[tuple[int, int]] = []
    for cand in sorted(cands, key=lambda c: (-(c.end - c.start), c.start)):
        if all(cand.end <= s or cand.start >= e for s, e in taken):
            chosen.append(cand)
            taken.append((cand.start, cand.end))
    return sorted(chosen, key=lambda c: (c.start, c.end))


def _valid(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


@lru_cache(maxsize=4096)
def _dateparse(text: str) -> date | None:
    """An absolute date string through dateparser (slow: cached), day first when ambiguous."""
    import dateparser  # imported here: it takes ~0.1 s and most articles never need it

    settings: Any = {"DATE_ORDER": "DMY", "STRICT_PARSING": True, "REQUIRE_PARTS": ["year"]}
    try:
        parsed: datetime | None = dateparser.parse(text, languages=["en"], settings=settings)
    except (ValueError, OverflowError, TypeError):
        return None
    return parsed.date() if parsed else None


def _is_verb(ctx: _Context, char: int) -> bool:
    token = ctx.token_at(char)
    return token is not None and token.idx == char and token.pos_ in ("VERB", "AUX")


def _in_name(ctx: _Context, char: int) -> bool:
    """Is the word at ``char`` inside a named entity that is not a date (spaCy NER)?"""
    token = ctx.token_at(char)
    return token is not None and token.ent_type_ in lexicon().name_entities


def _is_modal(ctx: _Context, char: int) -> bool:
    token = ctx.token_at(char)
    return token is not None and token.idx == char and token.tag_ == "MD"


@lru_cache(maxsize=1)
def recogniser() -> Recogniser:
    return Recogniser(lexicon())


# --- tense ---------------------------------------------------------------------


def tense_of(doc: Doc | None, start: int, end: int, text: str) -> str:
    """past | present | future: the tense of the verb that governs the span.

    Climbs the dependency tree from the span's root: a future auxiliary
    ("will", "would") or a planning verb above an infinitive ("plans to visit")
    gives future; the first finite verb gives its tense (present perfect counts
    as past); no verb gives past (news reports what happened). Without a parse
    the words before the span in its sentence are looked at instead.
    """
    if doc is None or not doc.has_annotation("DEP"):
        return _tense_from_words(text, start)
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return "past"
    return _tense_from_tree(span)


def _tense_from_tree(span: Span) -> str:
    lex = lexicon()
    token = span.root
    for _ in range(50):  # a parse is a tree; the bound only guards against surprises
        if token.pos_ in ("VERB", "AUX") or token.tag_.startswith("VB"):
            verdict = _verb_tense(token, lex)
            if verdict:
                return verdict
        if token.head.i == token.i:
            break
        token = token.head
    return "past"


def _verb_tense(verb: Token, lex: Lexicon) -> str | None:
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    for aux in auxes:
        if aux.lower_ in lex.conditional_aux:
            # "he hinted he would use ...": future seen from a past statement;
            # "taking X would allow ...": a conditional, no time of its own.
            if verb.dep_ in ("ccomp", "xcomp") and verb.head.tag_ == "VBD":
                return "future"
        elif aux.lower_ in lex.future_aux:
            return "future"
    infinitive = verb.tag_ == "VB" or any(a.tag_ == "TO" for a in auxes)
    if infinitive and verb.dep_ == "xcomp" and verb.head.lower_ in lex.future_aux:
        return "future"  # "are going to attack"
    if (
        infinitive
        and verb.dep_ in ("xcomp", "ccomp", "advcl")
        and verb.head.lemma_.lower() in (lex.plan_verbs)
    ):
        return "future"
    if verb.lemma_.lower() in lex.plan_verbs and verb.dep_ == "ROOT" and infinitive:
        return "future"
    if any(a.lemma_ == "have" for a in auxes):
        return "past"
    for word in (verb, *auxes):
        tenses = word.morph.get("Tense", [])
        if word.morph.get("VerbForm", []) == ["Fin"] and tenses:
            return "past" if "Past" in tenses else "present"
    if verb.tag_ == "VBD":
        return "past"
    return None


def _tense_from_words(text: str, start: int) -> str:
    lex = lexicon()
    sentence_start = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start)) + 1
    before = " " + re.sub(r"\s+", " ", text[sentence_start:start].lower()) + " "
    if any(f" {w} " in before for w in lex.future_words):
        return "future"
    return "past"


# --- public API ------------------------------------------------------------------


def _finalise(notation: str, tense: str) -> str:
    """The candidate's notation with the tense placeholders filled in."""
    if notation.startswith("{range}"):
        notation = _range_notation(notation[len("{range}") :], tense)
    notation = notation.replace("{c}", TENSE_CMP[tense])
    if notation.startswith("{dur}"):
        amount = notation[len("{dur}") :]
        notation = f"D..D+{amount}" if tense == "future" else f"D-{amount}..D"
    return notation


def _range_notation(pair: str, tense: str) -> str:
    """ "from Monday to Wednesday": the tense places one end, the other follows it.

    In the past the end is placed (on or before D) and the start is on or before
    the end; in the future the start is placed and the end is on or after it.
    """
    first, second = pair.split("|", 1)

    def rebase(notation: str, cmp: str, ref: str) -> str:
        if notation.endswith("{c}D"):
            return f"{notation[: -len('{c}D')]}{cmp}({ref})"
        return notation

    if tense == "future":
        return f"({first})..({rebase(second, '>=', first)})"
    return f"({rebase(first, '<=', second)})..({second})"


def _make(text: str, cand: Candidate, tense: str, published: date | None) -> TimeExpr:
    notation = _finalise(cand.notation, tense)
    relative = notation if uses_article_date(notation) else None
    try:
        interval = evaluate(notation, published)
    except NotationError:
        interval = Interval(None, None, "day")
    return TimeExpr(
        start=cand.start,
        end=cand.end,
        text=text[cand.start : cand.end],
        date_start=interval.start,
        date_end=interval.end,
        precision=TimePrecision(interval.precision),
        relative=relative,
        tense=Tense(tense),
    )


def find_times(doc: Doc | None, article: Article) -> list[TimeExpr]:
    """Every temporal expression of the article in document order (see the module doc).

    ``doc`` is the spaCy parse of ``article.text`` (None: no parse, tense from
    the words before each expression). Past-tense absolute dates after the
    article date add a warning to ``article.warnings``.
    """
    text = article.text
    ctx = _Context(text, doc)
    times = []
    for cand in recogniser().scan(ctx):
        tense = tense_of(doc, cand.start, cand.end, text)
        expr = _make(text, cand, tense, article.published)
        times.append(expr)
        _warn_if_after(expr, article)
    return times


def _warn_if_after(expr: TimeExpr, article: Article) -> None:
    if article.published is None or expr.tense == "future" or expr.date_start is None:
        return
    if expr.relative is None and expr.date_start > article.published:
        warning = (
            f"time: {expr.text!r} ({expr.date_start.isoformat()}) is after the article "
            f"date {article.published.isoformat()} in a {expr.tense}-tense statement"
        )
        if warning not in article.warnings:
            article.warnings.append(warning)


def reanchor(expr: TimeExpr, published: date | None) -> TimeExpr:
    """The expression resolved against ``published`` (a copy; absolute ones unchanged).

    Total: a malformed ``relative`` or a None date gives the expression back
    unresolved rather than raising.
    """
    if expr.relative is None:
        return replace(expr)
    try:
        interval = evaluate(expr.relative, published)
    except NotationError:
        return replace(expr, date_start=None, date_end=None)
    precision = TimePrecision(
        "reported_by" if expr.precision == "reported_by" else interval.precision
    )
    return replace(expr, date_start=interval.start, date_end=interval.end, precision=precision)


# --- event time ------------------------------------------------------------------


def _token_span(doc: Doc, expr: TimeExpr) -> Span | None:
    if expr.start < 0:
        return None
    return doc.char_span(expr.start, expr.end, alignment_mode="expand")


def _clause_verb(token: Token) -> Token:
    """The first verb at or above a token: the clause it belongs to."""
    for _ in range(100):
        if token.pos_ in ("VERB", "AUX") or token.head.i == token.i:
            return token
        token = token.head
    return token


def _path_up(token: Token, target: Token) -> list[Token] | None:
    """The tokens from ``token`` up to (not including) ``target``, or None if not below it."""
    path: list[Token] = []
    for _ in range(100):
        if token.i == target.i:
            return path
        if token.head.i == token.i:
            return None
        path.append(token)
        token = token.head
    return None


def _event_clauses(trigger: Token, report: Token | None) -> set[int]:
    """The trigger's clause, and the clauses it is an infinitival complement of
    ("would use a video address on Wednesday to call on countries")."""
    clause = _clause_verb(trigger)
    clauses = {clause.i}
    lex = lexicon()
    while clause.dep_ in lex.shared_time_deps and clause.head.i != clause.i:
        clause = _clause_verb(clause.head)
        if report is not None and clause.i == report.i:
            break
        clauses.add(clause.i)
    return clauses


def is_vague(expr: TimeExpr) -> bool:
    """An open time ("so far", "for months", "recently"): it bounds, it does not date."""
    rel = expr.relative or ""
    return (
        rel.startswith("?") or "X" in rel or (expr.date_start is None and expr.date_end is not None)
    )


def _own_times(
    doc: Doc, trigger: Token, report: Token | None, times: list[TimeExpr]
) -> list[tuple[int, TimeExpr]]:
    clauses = _event_clauses(trigger, report)
    trigger_is_report = report is not None and _clause_verb(trigger).i == report.i
    found = []
    for expr in times:
        span = _token_span(doc, expr)
        if span is None or span.sent.start != trigger.sent.start:
            continue
        root = span.root
        clause = _clause_verb(root)
        below = _path_up(root, trigger)
        if trigger_is_report and below and not _adverbial(below):
            # the statement's content ("warned the results would mimic what Moscow did
            # in 2014"), not when it was made: only adverbials of the verb date it
            below = None
        inside = span.start <= trigger.i < span.end or below is not None
        in_clause = clause.i in clauses and (
            report is None or clause.i != report.i or trigger_is_report
        )
        if inside or in_clause:
            found.append((abs(root.i - trigger.i), expr))
    return found


def _adverbial(path: list[Token]) -> bool:
    """Does a path up to a verb (``_path_up``) reach it as an adverbial ("said on
    Monday"), not through its subject or its complement?"""
    return path[-1].dep_ in lexicon().statement_deps


def _statement_verbs(trigger: Token, report: Token | None) -> list[Token]:
    """The reporting verb given, then the verb whose complement the trigger's clause
    is ("Russia said today that the army broke through": said)."""
    verbs = [report] if report is not None else []
    clause = _clause_verb(trigger)
    if clause.dep_ == "ccomp" and clause.head.i != clause.i:
        governing = _clause_verb(clause.head)
        if report is None or governing.i != report.i:
            verbs.append(governing)
    return verbs


def _statement_times(
    doc: Doc, trigger: Token, report: Token, times: list[TimeExpr]
) -> list[tuple[int, TimeExpr]]:
    """Times attached to the reporting verb as adverbials ("said on Monday",
    "said in its Wednesday update"), not inside its subject or its complement."""
    found = []
    for expr in times:
        span = _token_span(doc, expr)
        if span is None or span.sent.start != report.sent.start:
            continue
        path = _path_up(span.root, report)
        if not path or not _adverbial(path):
            continue
        if _path_up(span.root, trigger) is not None and trigger.i != report.i:
            continue
        found.append((abs(span.root.i - report.i), expr))
    return found


def event_time(
    doc: Doc, trigger_i: int, report_i: int | None, times: list[TimeExpr], article: Article
) -> tuple[TimeExpr | None, str]:
    """The time of an event: its own expression, else its statement's, else the article date.

    - "own": the nearest expression of the trigger's clause (the first verb at or
      above the trigger, and the verbs it is an infinitival complement of), or
      below the trigger itself, in the same sentence; an expression of the
      reporting verb's clause is not the event's own (unless the event is the
      statement). Open expressions ("so far", "recently", "for months") only
      count when no statement time exists;
    - "statement": an expression attached to the reporting verb ``report_i`` (or,
      failing that, to the verb whose complement the trigger's clause is) as
      an adverbial ("said on Monday", "said in its Wednesday update"): the
      event is on or before it (on or after for a future event): precision
      "reported_by";
    - "reported_by": the article date as an upper bound (``date_end`` = the
      article date, ``date_start`` None or the lookback of data/time.toml), or
      relative "?..D" when the date is unknown. Its span is -1..-1 (no words).
    """
    if not len(doc) or not 0 <= trigger_i < len(doc):
        return _reported_by(article), "reported_by"
    report = doc[report_i] if report_i is not None and 0 <= report_i < len(doc) else None
    trigger = doc[trigger_i]
    own = _own_times(doc, trigger, report, times)
    precise = [pair for pair in own if not is_vague(pair[1])]
    if precise:
        return min(precise, key=lambda pair: pair[0])[1], "own"
    stated: list[tuple[int, TimeExpr]] = []
    for speaker_verb in _statement_verbs(trigger, report):
        stated = _statement_times(doc, trigger, speaker_verb, times)
        if stated:
            break
    if stated:
        statement = min(stated, key=lambda pair: pair[0])[1]
        # article.text is doc.text; Doc.text would rebuild the string on every call.
        future = tense_of(doc, trigger.idx, trigger.idx + len(trigger), article.text) == "future"
        return _bounded_by(statement, future), "statement"
    if own:
        return min(own, key=lambda pair: pair[0])[1], "own"
    return _reported_by(article), "reported_by"


def _bounded_by(statement: TimeExpr, future: bool) -> TimeExpr:
    """An event known only to be on or before (after, if future) its statement's time."""
    rel = statement.relative
    if future:
        return replace(
            statement,
            date_start=statement.date_start,
            date_end=None,
            precision=TimePrecision.REPORTED_BY,
            relative=f"({rel})..?" if rel else None,
            tense=Tense.FUTURE,
        )
    return replace(
        statement,
        date_start=None,
        date_end=statement.date_end,
        precision=TimePrecision.REPORTED_BY,
        relative=f"?..({rel})" if rel else None,
    )


def _reported_by(article: Article) -> TimeExpr:
    lookback = lexicon().lookback_days
    relative = f"D-{lookback}..D" if lookback else "?..D"
    interval = evaluate(relative, article.published)
    return TimeExpr(
        start=-1,
        end=-1,
        text="",
        date_start=interval.start,
        date_end=interval.end,
        precision=TimePrecision.REPORTED_BY,
        relative=relative,
    )
