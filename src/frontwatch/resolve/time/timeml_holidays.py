"""Holidays in the TimeML reading: "Christmas", "last Thanksgiving", "Easter 2013".

A holiday is a date (TimeML values it as the day: "Thanksgiving Day" in a January
2000 story -> 1999-11-25). Its rule comes from ``[holidays]`` in data/timeml.toml:
``MM-DD`` a fixed day, ``MM:W:N`` the N-th weekday W (1 Monday .. 7 Sunday) of
month MM (N = -1 the last), ``easter+N`` / ``orthodox_easter+N`` days from Western
or Orthodox Easter Sunday. The year is the one written after it ("Easter 2013"),
else the one "last" / "next" / "this" gives, else the tense's: a past statement
takes the latest on or before the article date, a future one the earliest on or
after it, a present one the nearest; in a narrative the reference time's year.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

_FIXED = re.compile(r"(\d{2})-(\d{2})")
_NTH = re.compile(r"(\d{2}):([1-7]):(-?[1-5])")
_EASTER = re.compile(r"(easter|orthodox_easter)([+-]\d+)")


def easter(year: int) -> date:
    """Western (Gregorian) Easter Sunday (the anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    m = (32 + 2 * e + 2 * i - h - k) % 7
    n = (a + 11 * h + 22 * m) // 451
    month, day = divmod(h + m - 7 * n + 114, 31)
    return date(year, month, day + 1)


def orthodox_easter(year: int) -> date:
    """Orthodox Easter Sunday (Meeus' Julian algorithm, moved to the Gregorian calendar)."""
    a, b, c = year % 4, year % 7, year % 19
    d = (19 * c + 15) % 30
    e = (2 * a + 4 * b - d + 34) % 7
    month, day = divmod(d + e + 114, 31)
    julian = date(year, month, day + 1)
    return julian + timedelta(days=year // 100 - year // 400 - 2)


def holiday_date(rule: str, year: int) -> date | None:
    """The day a holiday rule gives in a year (module doc), None for a bad rule."""
    if m := _FIXED.fullmatch(rule):
        try:
            return date(year, int(m[1]), int(m[2]))
        except ValueError:
            return None
    if m := _NTH.fullmatch(rule):
        month, weekday, nth = int(m[1]), int(m[2]), int(m[3])
        if nth > 0:
            first = date(year, month, 1)
            return first + timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (nth - 1))
        last = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
        return last - timedelta(days=(last.isoweekday() - weekday) % 7 + 7 * (-nth - 1))
    if m := _EASTER.fullmatch(rule):
        sunday = easter(year) if m[1] == "easter" else orthodox_easter(year)
        return sunday + timedelta(days=int(m[2]))
    return None


def holiday_value(
    rule: str, direction: str, year: int | None, tense: str, anchor: date | None
) -> str | None:
    """The TimeML value of a holiday (module doc): ``direction`` is "", "last",
    "next" or "this"; ``anchor`` the article date (or the narrative's reference)."""
    if year is not None:
        found = holiday_date(rule, year)
        return found.isoformat() if found else None
    if anchor is None:
        return None
    days = [d for y in (-1, 0, 1) if (d := holiday_date(rule, anchor.year + y))]
    if not days:
        return None
    if direction == "this":
        chosen = holiday_date(rule, anchor.year)
    elif direction == "last" or (not direction and tense == "past"):
        before = [d for d in days if d < anchor or (d == anchor and not direction)]
        chosen = max(before) if before else None
    elif direction == "next" or (not direction and tense == "future"):
        after = [d for d in days if d > anchor or (d == anchor and not direction)]
        chosen = min(after) if after else None
    else:
        chosen = None
    nearest = min(days, key=lambda d: (abs((d - anchor).days), d))
    if chosen is None and not direction:
        chosen = nearest  # present tense
    return chosen.isoformat() if chosen else None
