"""Quarters in the TimeML reading: financial reports compare a quarter with the same
quarter a year before (lexicon ``data/timeml.toml``, ``[year_ago_quarter]``).

"Profit rose in the third quarter from a year ago": a year back ("a year ago",
"a year earlier", "year-earlier", "last year") in a sentence that names a quarter
is that quarter a year before. "Net rose 12% in the third quarter. A year earlier,
the company lost money": the words that only measure back from the quarter just
named ("a year ago", "a year earlier", "year-ago", not "last year") do so for
``sentences`` sentences after it too, and so does "the year-ago quarter".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from spacy.tokens import Doc

from frontwatch.models import TimeExpr
from frontwatch.resolve.time.lexicon import alt
from frontwatch.resolve.time.timeml_patterns import timeml_lexicon

_QUARTER = re.compile(r"(\d{4})-Q([1-4])")
_YEAR_THEN_QUARTER = re.compile(r"(?:'s)?\s+(?:fiscal\s+)?")  # "1988 second", "next year's first"
_PERIOD_AFTER = re.compile(r"\s+(?:period|quarter)\b")  # "the 1988 period"
_QUARTER_THEN_YEAR = re.compile(r"\s+of\s+(?:fiscal\s+)?")  # "the third quarter of 1988"


@dataclass(frozen=True, slots=True)
class _Named:
    sentence: int
    start: int
    year: int
    quarter: str


def quarters_of_years(times: list[TimeExpr], text: str) -> list[TimeExpr]:
    """A year and a quarter named together are one quarter of that year: "this year's
    third quarter", "the 1988 second quarter", "the year-earlier third quarter",
    "the third quarter of 1988"."""
    out: list[TimeExpr] = []
    for expr in times:
        expr = _year_period(expr, text)
        before = out[-1] if out else None
        merged = _joined(before, expr, text) if before is not None else None
        if merged is None:
            out.append(expr)
        else:
            out[-1] = merged
    return out


def _year_period(expr: TimeExpr, text: str) -> TimeExpr:
    """ "the 1988 period", "the 1989 quarter": the year's span of a report, one
    expression with its words."""
    if not re.fullmatch(r"\d{4}", expr.value or "") or text[expr.start - 4 : expr.start] != "the ":
        return expr
    after = _PERIOD_AFTER.match(text, expr.end)
    if after is None:
        return expr
    start = expr.start - 4
    return replace(expr, start=start, end=after.end(), text=text[start : after.end()])


def _joined(first: TimeExpr, second: TimeExpr, text: str) -> TimeExpr | None:
    between = text[first.end : second.start]
    a, b = first.value or "", second.value or ""
    if re.fullmatch(r"\d{4}", a) and (q := _QUARTER.fullmatch(b)):
        if not _YEAR_THEN_QUARTER.fullmatch(between):
            return None
        value, start = f"{a}-Q{q[2]}", first.start
        if text[max(0, start - 4) : start].lower() == "the ":
            start -= 4
    elif (q := _QUARTER.fullmatch(a)) and re.fullmatch(r"\d{4}", b):
        if not _QUARTER_THEN_YEAR.fullmatch(between):
            return None
        value, start = f"{b}-Q{q[2]}", first.start
    else:
        return None
    return replace(first, start=start, end=second.end, text=text[start : second.end], value=value)


def year_ago_quarters(times: list[TimeExpr], doc: Doc | None) -> list[TimeExpr]:
    """The expressions, a year back from a named quarter written as that quarter a
    year before (module doc)."""
    if doc is None or not doc.has_annotation("SENT_START"):
        return times
    ordinal = {sent.start: i for i, sent in enumerate(doc.sents)}
    sentence = [_sentence_of(expr, doc, ordinal) for expr in times]
    named = [
        _Named(at, expr.start, int(m[1]), m[2])
        for expr, at in zip(times, sentence, strict=True)
        if at is not None and (m := _QUARTER.fullmatch(expr.value or "")) and not _year_back(expr)
    ]
    if not named:
        return times
    window = timeml_lexicon().year_ago_sentences
    out = []
    for expr, at in zip(times, sentence, strict=True):
        if at is not None:
            expr = _measured_back(expr, at, named, window)
        out.append(expr)
    return out


def _measured_back(expr: TimeExpr, at: int, named: list[_Named], window: int) -> TimeExpr:
    value = expr.value or ""
    year_only = re.fullmatch(r"\d{4}", value) is not None
    quarter_back = _QUARTER.fullmatch(value) is not None and _year_back(expr)
    if not (year_only or quarter_back):
        return expr
    same = [n for n in named if n.sentence == at]
    if same and year_only and int(value) == same[0].year - 1:
        return replace(expr, value=f"{value}-Q{same[0].quarter}")
    if not _year_back(expr):
        return expr
    before = [n for n in named if n.start < expr.start and at - window <= n.sentence <= at]
    if not before:
        return expr
    last = before[-1]
    if year_only and int(value) != last.year - 1:
        return expr
    return replace(expr, value=f"{last.year - 1}-Q{last.quarter}")


def _sentence_of(expr: TimeExpr, doc: Doc, ordinal: dict[int, int]) -> int | None:
    span = doc.char_span(expr.start, expr.end, alignment_mode="expand")
    return ordinal.get(span.sent.start) if span is not None and len(span) else None


def _year_back(expr: TimeExpr) -> bool:
    """Do the words only measure a year back ("a year ago", "the year-ago quarter")?"""
    return _year_back_pattern().search(expr.text.lower()) is not None


@lru_cache(maxsize=1)
def _year_back_pattern() -> re.Pattern[str]:
    tlex = timeml_lexicon()
    return re.compile(rf"\b(?:{alt(tlex.year_back + tlex.year_ago_quarter)})\b")
