"""Times of day in the TimeML reading ("10 p.m.", "noon": ``data/timeml.toml`` [clock]).

A time of day next to a day is one expression of that day ("10 p.m. Wednesday",
"noon Thursday", "Monday, 5 p.m." -> "1998-02-11T22:00"); alone, it is of the
article's day ("police arrived around 7:15 p.m." -> the article date at 19:15),
or of no known day ("XXXX-XX-XXT19:15") when the article has no date.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from frontwatch.models import TimeExpr

_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_BETWEEN = re.compile(r",?\s+(?:on\s+)?")  # "10 p.m. Wednesday", "Monday, 5 p.m."


def clock_times(times: list[TimeExpr], text: str, published: date | None) -> list[TimeExpr]:
    """The expressions, each time of day joined with the day beside it (module doc)."""
    out: list[TimeExpr] = []
    for expr in times:
        before = out[-1] if out else None
        joined = _joined(before, expr, text) if before is not None else None
        if joined is not None:
            out[-1] = joined
        else:
            out.append(expr)
    return [_of_the_day(e, published) for e in out]


def _is_clock(expr: TimeExpr) -> bool:
    return expr.timex_type == "TIME" and (expr.value or "").startswith("T")


def _is_day(expr: TimeExpr) -> bool:
    return expr.timex_type == "DATE" and _DAY.fullmatch(expr.value or "") is not None


def _joined(first: TimeExpr, second: TimeExpr, text: str) -> TimeExpr | None:
    if not _BETWEEN.fullmatch(text[first.end : second.start]):
        return None
    if _is_clock(first) and _is_day(second):
        day, clock = second, first
    elif _is_day(first) and _is_clock(second):
        day, clock = first, second
    else:
        return None
    return replace(
        first,
        end=second.end,
        text=text[first.start : second.end],
        timex_type="TIME",
        value=f"{day.value}{clock.value}",
    )


def _of_the_day(expr: TimeExpr, published: date | None) -> TimeExpr:
    if not _is_clock(expr):
        return expr
    day = published.isoformat() if published else "XXXX-XX-XX"
    return replace(expr, value=f"{day}{expr.value}")
