"""The relative-date notation of the time stage: parse it and evaluate it against a date.

A temporal expression that depends on the article date is kept as a short
string in ``TimeExpr.relative``; it resolves to a date interval once the
article date ``D`` is known (``frontwatch redate``). Grammar::

    expr   := side [".." side]            a range: from the start of the left side
                                          to the end of the right side
    side   := "?" | term                  "?": an open (unknown) end
    term   := atom offset*
    atom   := "D"                         the article date
            | YYYY | YYYY-MM | YYYY-MM-DD an absolute year / month / day
            | "(" expr ")"
            | "W[" expr "]"               the ISO week (Mon-Sun) holding the expr's start
            | "MO[" expr "]"              the month holding it
            | "Y[" expr "]"               the year holding it
            | "WD:" Day CMP term          a weekday (Mon..Sun) relative to a day
            | "WE" CMP term               a Saturday-Sunday weekend relative to a day
            | "MD:" MM "-" DD CMP term    a month and day with the year left out
            | "M:" MM CMP term            a named month with the year left out
    offset := ("+"|"-") (N|"X") [d|w|m|y] shift by N days (default), weeks, months,
                                          years; X: an unknown number (-> open)
            | "@" N "-" N                 days N..N of the (month) interval
    CMP    := "<=" on or before | "<" strictly before | ">=" on or after
            | ">" strictly after | "~" the nearest (a tie goes to the earlier)

Examples: ``D`` today, ``D-1`` yesterday, ``WD:Mon<=D`` the latest Monday on or
before D, ``WE<=D`` the weekend on or before D, ``W[D-1w]`` last week,
``MO[D]..D`` earlier this month, ``M:07<=D..D`` since July,
``(WD:Tue<=D)-4..WD:Tue<=D`` five days ending Tuesday, ``D-Xm..D`` for months.

Each atom has a precision: day (D, YYYY-MM-DD, WD, MD), week (W), month (M, MO,
YYYY-MM), year (Y, YYYY); a range, a weekend and ``@`` give "range".
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

WEEKDAY_CODES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_USES_D = re.compile(r"(?<![A-Za-z])D(?![A-Za-z:])")


class NotationError(ValueError):
    """A relative-date string that does not follow the grammar."""


@dataclass(frozen=True, slots=True)
class Interval:
    start: date | None
    end: date | None
    precision: str


def uses_article_date(notation: str) -> bool:
    """True when the notation needs the article date ``D`` to resolve."""
    return bool(_USES_D.search(notation))


def evaluate(notation: str, anchor: date | None) -> Interval:
    """The interval a notation stands for, with ``anchor`` as D.

    Raises NotationError on malformed input; an unknown D (None) when the
    notation needs it gives an interval with both ends None.
    """
    if anchor is None and uses_article_date(notation):
        return Interval(None, None, _parse(notation).precision_hint)
    node = _parse(notation)
    try:
        return node.eval(anchor)
    except (ValueError, OverflowError) as err:  # a date outside the calendar
        raise NotationError(f"{notation!r}: {err}") from err


# --- calendar helpers ------------------------------------------------------


def add_months(day: date, months: int) -> date:
    """``day`` moved by whole months, the day of the month clamped to the month's end."""
    index = day.year * 12 + day.month - 1 + months
    year, month0 = divmod(index, 12)
    last = calendar.monthrange(year, month0 + 1)[1]
    return date(year, month0 + 1, min(day.day, last))


def month_bounds(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _pick(before: date | None, after: date | None, cmp: str, ref: date) -> date | None:
    """Choose among the candidate on/before and the one on/after ``ref``."""
    if cmp in ("<=", "<"):
        return before
    if cmp in (">=", ">"):
        return after
    if before is None or after is None:
        return before or after
    return before if (ref - before) <= (after - ref) else after


def weekday_relative(weekday: int, cmp: str, ref: date) -> date:
    """The weekday (0 = Monday) relative to ``ref`` as ``cmp`` says."""
    back = (ref.weekday() - weekday) % 7
    forward = (weekday - ref.weekday()) % 7
    if cmp == "<" and back == 0:
        back = 7
    if cmp == ">" and forward == 0:
        forward = 7
    picked = _pick(ref - timedelta(days=back), ref + timedelta(days=forward), cmp, ref)
    assert picked is not None
    return picked


def month_day_relative(month: int, day: int, cmp: str, ref: date) -> date | None:
    """Month and day with the year completed from ``ref``; None if no such day exists."""

    def occurs(year: int) -> date | None:
        try:
            return date(year, month, day)
        except ValueError:
            return None

    before = next(
        (
            d
            for y in range(ref.year, ref.year - 9, -1)
            if (d := occurs(y)) and (d < ref if cmp == "<" else d <= ref)
        ),
        None,
    )
    after = next(
        (
            d
            for y in range(ref.year, ref.year + 9)
            if (d := occurs(y)) and (d > ref if cmp == ">" else d >= ref)
        ),
        None,
    )
    return _pick(before, after, cmp, ref)


def month_relative(month: int, cmp: str, ref: date) -> tuple[date, date]:
    """A named month with the year completed from ``ref`` (the month of ref counts)."""
    this_year = month_bounds(ref.year, month)
    if month == ref.month and cmp in ("<=", ">=", "~"):
        return this_year
    before = this_year if month < ref.month else month_bounds(ref.year - 1, month)
    after = this_year if month > ref.month else month_bounds(ref.year + 1, month)
    if cmp in ("<=", "<"):
        return before
    if cmp in (">=", ">"):
        return after
    back = (ref.year * 12 + ref.month) - (before[0].year * 12 + before[0].month)
    forward = (after[0].year * 12 + after[0].month) - (ref.year * 12 + ref.month)
    return before if back <= forward else after


# --- syntax tree -------------------------------------------------------------


class _Node:
    precision_hint = "day"

    def eval(self, anchor: date | None) -> Interval:  # pragma: no cover - abstract
        raise NotImplementedError


@dataclass(slots=True)
class _Anchor(_Node):
    precision_hint = "day"

    def eval(self, anchor: date | None) -> Interval:
        return Interval(anchor, anchor, "day")


@dataclass(slots=True)
class _Absolute(_Node):
    year: int
    month: int | None
    day: int | None

    @property
    def precision_hint(self) -> str:  # type: ignore[override]
        return "year" if self.month is None else "month" if self.day is None else "day"

    def eval(self, anchor: date | None) -> Interval:
        if self.month is None:
            return Interval(date(self.year, 1, 1), date(self.year, 12, 31), "year")
        if self.day is None:
            first, last = month_bounds(self.year, self.month)
            return Interval(first, last, "month")
        day = date(self.year, self.month, self.day)
        return Interval(day, day, "day")


@dataclass(slots=True)
class _Open(_Node):
    precision_hint = "range"

    def eval(self, anchor: date | None) -> Interval:
        return Interval(None, None, "range")


@dataclass(slots=True)
class _Holding(_Node):
    """The week / month / year that holds the start of the inner interval."""

    unit: str  # W | MO | Y
    inner: _Node

    @property
    def precision_hint(self) -> str:  # type: ignore[override]
        return {"W": "week", "MO": "month", "Y": "year"}[self.unit]

    def eval(self, anchor: date | None) -> Interval:
        day = self.inner.eval(anchor).start
        if day is None:
            return Interval(None, None, self.precision_hint)
        if self.unit == "W":
            monday = day - timedelta(days=day.weekday())
            return Interval(monday, monday + timedelta(days=6), "week")
        if self.unit == "MO":
            first, last = month_bounds(day.year, day.month)
            return Interval(first, last, "month")
        return Interval(date(day.year, 1, 1), date(day.year, 12, 31), "year")


@dataclass(slots=True)
class _Relative(_Node):
    """WD / WE / MD / M: a calendar name placed relative to a reference day."""

    kind: str  # WD | WE | MD | M
    cmp: str
    ref: _Node
    weekday: int = 0
    month: int = 0
    day: int = 0

    @property
    def precision_hint(self) -> str:  # type: ignore[override]
        return {"WD": "day", "WE": "range", "MD": "day", "M": "month"}[self.kind]

    def eval(self, anchor: date | None) -> Interval:
        ref = self.ref.eval(anchor).start
        if ref is None:
            return Interval(None, None, self.precision_hint)
        if self.kind == "WD":
            day = weekday_relative(self.weekday, self.cmp, ref)
            return Interval(day, day, "day")
        if self.kind == "WE":
            return _weekend(self.cmp, ref)
        if self.kind == "MD":
            found = month_day_relative(self.month, self.day, self.cmp, ref)
            return Interval(found, found, "day")
        first, last = month_relative(self.month, self.cmp, ref)
        return Interval(first, last, "month")


def _weekend(cmp: str, ref: date) -> Interval:
    """A Saturday-Sunday weekend: "<=" the one whose Saturday is on or before ref,
    ">=" the one whose Sunday is on or after it."""
    saturday_before = weekday_relative(5, "<=", ref)
    if cmp in (">=", ">"):
        saturday = saturday_before if cmp == ">=" and ref.weekday() == 6 else None
        saturday = saturday or weekday_relative(5, ">" if cmp == ">" else ">=", ref)
    elif cmp == "<":
        saturday = (
            saturday_before - timedelta(days=7) if ref.weekday() in (5, 6) else saturday_before
        )
    elif cmp == "~":
        after = weekday_relative(5, ">=", ref)
        saturday = saturday_before if (ref - saturday_before) <= (after - ref) else after
        if ref.weekday() == 6:
            saturday = saturday_before
    else:
        saturday = saturday_before
    return Interval(saturday, saturday + timedelta(days=1), "range")


@dataclass(slots=True)
class _Shift(_Node):
    inner: _Node
    sign: int
    count: int | None  # None: an unknown number ("X")
    unit: str

    @property
    def precision_hint(self) -> str:  # type: ignore[override]
        return self.inner.precision_hint

    def eval(self, anchor: date | None) -> Interval:
        base = self.inner.eval(anchor)
        if self.count is None:
            return Interval(None, None, base.precision)
        return Interval(
            _shift(base.start, self.sign * self.count, self.unit),
            _shift(base.end, self.sign * self.count, self.unit),
            base.precision,
        )


def _shift(day: date | None, count: int, unit: str) -> date | None:
    if day is None:
        return None
    if unit == "d":
        return day + timedelta(days=count)
    if unit == "w":
        return day + timedelta(days=7 * count)
    if unit == "m":
        return add_months(day, count)
    return add_months(day, 12 * count)


@dataclass(slots=True)
class _DaysOf(_Node):
    inner: _Node
    first: int
    last: int
    precision_hint = "range"

    def eval(self, anchor: date | None) -> Interval:
        base = self.inner.eval(anchor)
        if base.start is None or base.end is None:
            return Interval(None, None, "range")
        last_day = calendar.monthrange(base.start.year, base.start.month)[1]
        start = base.start.replace(day=min(max(self.first, 1), last_day))
        end = base.start.replace(day=min(max(self.last, 1), last_day))
        return Interval(start, min(end, base.end), "range")


@dataclass(slots=True)
class _Range(_Node):
    left: _Node
    right: _Node
    precision_hint = "range"

    def eval(self, anchor: date | None) -> Interval:
        return Interval(self.left.eval(anchor).start, self.right.eval(anchor).end, "range")


# --- parser ------------------------------------------------------------------

_TOKEN = re.compile(
    r"\s*(?:(?P<iso>\d{4}(?:-\d{2}(?:-\d{2})?)?)|(?P<wd>WD:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun))"
    r"|(?P<md>MD:\d{2}-\d{2})|(?P<m>M:\d{2})|(?P<we>WE)|(?P<func>MO\[|W\[|Y\[)"
    r"|(?P<d>D)|(?P<range>\.\.)|(?P<cmp><=|>=|<|>|~)|(?P<off>[+-](?:\d+|X)[dwmy]?)"
    r"|(?P<days>@\d+-\d+)|(?P<open>\?)|(?P<lp>\()|(?P<rp>\))|(?P<rb>\]))"
)


class _Parser:
    def __init__(self, text: str) -> None:
        self.tokens: list[tuple[str, str]] = []
        pos = 0
        text = text.strip()
        while pos < len(text):
            match = _TOKEN.match(text, pos)
            if not match or match.end() == pos:
                raise NotationError(f"bad relative date {text!r} at {pos}")
            kind = match.lastgroup or ""
            self.tokens.append((kind, match.group(kind)))
            pos = match.end()
        self.i = 0
        self.text = text

    def peek(self) -> str | None:
        return self.tokens[self.i][0] if self.i < len(self.tokens) else None

    def take(self, kind: str | None = None) -> str:
        if self.i >= len(self.tokens) or (kind and self.tokens[self.i][0] != kind):
            raise NotationError(f"bad relative date {self.text!r}: expected {kind}")
        value = self.tokens[self.i][1]
        self.i += 1
        return value

    def expr(self) -> _Node:
        left = self.side()
        if self.peek() == "range":
            self.take("range")
            return _Range(left, self.side())
        return left

    def side(self) -> _Node:
        if self.peek() == "open":
            self.take("open")
            return _Open()
        return self.term()

    def term(self) -> _Node:
        node = self.atom()
        while self.peek() in ("off", "days"):
            kind = self.peek()
            value = self.take()
            if kind == "days":
                first, last = value[1:].split("-")
                node = _DaysOf(node, int(first), int(last))
                continue
            unit = value[-1] if value[-1] in "dwmy" else "d"
            number = value[1:-1] if value[-1] in "dwmy" else value[1:]
            count = None if number == "X" else int(number)
            node = _Shift(node, -1 if value[0] == "-" else 1, count, unit)
        return node

    def atom(self) -> _Node:
        kind = self.peek()
        if kind is None:
            raise NotationError(f"bad relative date {self.text!r}: ends early")
        value = self.take()
        if kind == "d":
            return _Anchor()
        if kind == "iso":
            parts = [int(p) for p in value.split("-")]
            return _Absolute(parts[0], *(parts[1:] + [None, None])[:2])
        if kind == "lp":
            inner = self.expr()
            self.take("rp")
            return inner
        if kind == "func":
            inner = self.expr()
            self.take("rb")
            return _Holding(value[:-1], inner)
        if kind in ("wd", "we", "md", "m"):
            cmp = self.take("cmp")
            ref = self.term()
            if kind == "wd":
                return _Relative("WD", cmp, ref, weekday=WEEKDAY_CODES.index(value[3:]))
            if kind == "we":
                return _Relative("WE", cmp, ref)
            if kind == "md":
                month, day = value[3:].split("-")
                return _Relative("MD", cmp, ref, month=int(month), day=int(day))
            return _Relative("M", cmp, ref, month=int(value[2:]))
        raise NotationError(f"bad relative date {self.text!r}: unexpected {value!r}")


@lru_cache(maxsize=4096)
def _parse(notation: str) -> _Node:
    parser = _Parser(notation)
    node = parser.expr()
    if parser.peek() is not None:
        raise NotationError(f"bad relative date {notation!r}: trailing text")
    _check_months(node)
    return node


def _check_months(node: _Node) -> None:
    """Month numbers must be 1..12 and days 1..31 (checked once, at parse time)."""
    if isinstance(node, _Relative):
        if node.kind in ("MD", "M") and not 1 <= node.month <= 12:
            raise NotationError(f"month {node.month} out of range")
        if node.kind == "MD" and not 1 <= node.day <= 31:
            raise NotationError(f"day {node.day} out of range")
        _check_months(node.ref)
    elif isinstance(node, _Absolute):
        if node.month is not None and not 1 <= node.month <= 12:
            raise NotationError(f"month {node.month} out of range")
        if node.day is not None and not 1 <= node.day <= 31:
            raise NotationError(f"day {node.day} out of range")
    elif isinstance(node, _Holding | _Shift | _DaysOf):
        _check_months(node.inner)
    elif isinstance(node, _Range):
        _check_months(node.left)
        _check_months(node.right)
