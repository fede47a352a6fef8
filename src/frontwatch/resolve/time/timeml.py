"""The TimeML reading of time expressions: TIMEX3 type and value, with narrative anchoring.

``timeml_times(doc, article)`` segments the text as TimeML does (ranges are two
expressions, "since July" is "July", "for three days" is "three days", plus
durations, sets, centuries...: ``timeml_patterns``) and gives each expression
its TIMEX3 ``timex_type`` and ``value`` at the granularity its words give
("in early December" -> "2012-12", "last week" -> "2012-W49"). The same values
are set on ``find_times``' expressions (``annotate``).

The reference time moves with the narrative (``Reference``): it starts at the
article date and becomes the last date the text gave (an explicit date, or a
year-less one resolved from it). Expressions relative to the speech time
("yesterday", "last week", "now") hang on the article date; year-less ones
("in May", "October 3", "the summer") and those relative to the story ("the
next day", "two weeks later") hang on the reference time when the text is told
as a narrative (most of its explicit years well before the article date:
``is_narrative``), or when the last explicit date of the same sentence is of
another year and the expression is in the past tense (a retrospective
sentence in a news report). A month and day in a past-tense sentence of a
report that falls within a few weeks after the article date is the coming
one ("payable Dec. 7"). A weekday that dates a statement ("the ministry
said on Monday") stays on the article date.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import lru_cache

from spacy.tokens import Doc

from frontwatch.models import Article, Tense, TimeExpr, TimePrecision
from frontwatch.resolve.time.combine import join_weekday_dates, longest_first
from frontwatch.resolve.time.context import Candidate, Context
from frontwatch.resolve.time.lexicon import alt
from frontwatch.resolve.time.recogniser import recogniser
from frontwatch.resolve.time.tense import TENSE_CMP, make_expr, tense_of
from frontwatch.resolve.time.timeml_clock import clock_times
from frontwatch.resolve.time.timeml_holidays import holiday_value
from frontwatch.resolve.time.timeml_patterns import TYPES, timeml_lexicon, timeml_recogniser
from frontwatch.resolve.time.timeml_quarters import quarters_of_years, year_ago_quarters
from frontwatch.resolve.time.timeml_tense import tense_hint
from frontwatch.resolve.timenotation import (
    Interval,
    NotationError,
    add_months,
    evaluate,
    month_bounds,
)

# families of the event-dating recogniser that TimeML reads otherwise
_REPLACED = frozenset({"duration", "past_n", "span_of", "reference"})
_EXPLICIT = frozenset({"iso", "numeric", "full_date", "month_year", "year", "day_range"})
_YEARLESS = frozenset({"month", "month_day", "season", "day_range", "weekday"})
_PREFIXABLE = frozenset(
    {
        "year",
        "month_year",
        "month_day",
        "period",
        "deictic",
        "weekday",
        "season",
        "ago",
        "t_quarter",
        "t_the_year",
        "t_clock",
    }
)
_SENTENCE_END = re.compile(r"[.!?]\s|\n")
_SPEECH_TIME = frozenset({"deictic", "period", "weekend", "ago", "weekday"})
_PARTS = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "tonight": "NI"}
_SEASON_CODES = {3: "SP", 6: "SU", 9: "FA", 12: "WI"}
_UNTIL = re.compile(r"\b(?:until|till|through|thru|to)\s+(?:the\s+)?(?:(?:early|mid|late)[\s-]+)?$")


@dataclass(slots=True)
class Reference:
    """The narrative's reference time: the last date the text gave."""

    day: date
    granularity: str  # day | month | year
    sentence: int
    explicit: bool  # an explicit date with a year (not the article date)


@dataclass(slots=True)
class Anchoring:
    text: str
    doc: Doc | None
    published: date | None
    narrative: bool
    ref: Reference | None = None
    from_reference: bool = False  # the last value came from the reference time

    ends: list[int] = field(default_factory=list)  # where sentences end

    def __post_init__(self) -> None:
        self.ends = [m.start() for m in _SENTENCE_END.finditer(self.text)]

    def sentence(self, char: int) -> int:
        return bisect_left(self.ends, char)


def timeml_candidates(ctx: Context) -> list[Candidate]:
    """The TimeML segmentation: uncombined base families and the TimeML-only ones."""
    base = [c for c in recogniser().candidates(ctx) if c.family not in _REPLACED]
    extra = timeml_recogniser().scan(ctx.lowered, ctx.text)
    chosen = join_weekday_dates(longest_first(base + extra), ctx.text)
    return [_with_prefix(c, ctx.lowered) for c in chosen]


def _with_prefix(cand: Candidate, lowered: str) -> Candidate:
    """The extent widened over a modifier TimeML keeps in it ("early 1990"), and
    narrowed to leave out a preposition ("over the weekend" -> "the weekend")."""
    if cand.family in ("weekend", "season"):
        lead = re.match(r"(?:over|during|at|on|in|since)\s+", lowered[cand.start : cand.end])
        start = cand.start + (lead.end() if lead else 0)
        if lowered[max(0, start - 4) : start] == "the ":
            start -= 4
        return Candidate(start, cand.end, cand.notation, cand.family)
    if cand.family not in _PREFIXABLE:
        return cand
    match = _prefix_pattern().search(lowered, max(0, cand.start - 30), cand.start)
    if match is None:
        return cand
    return Candidate(match.start(), cand.end, cand.notation, cand.family)


@lru_cache(maxsize=1)
def _prefix_pattern() -> re.Pattern[str]:
    words = alt(timeml_lexicon().span_prefixes)
    return re.compile(rf"(?<![\w-])(?:{words})(?:\s+|-)$")


def is_narrative(cands: list[Candidate], published: date | None) -> bool:
    """Is the text told as a narrative (module doc)? No article date: yes."""
    if published is None:
        return True
    tlex = timeml_lexicon()
    years = [
        int(m[1]) for c in cands if c.family in _EXPLICIT if (m := re.match(r"(\d{4})", c.notation))
    ]
    years += [0 for c in cands if c.family == "t_bc"]
    if len(years) < tlex.narrative_min_dates:
        return False
    old = sum(1 for y in years if y < published.year - tlex.narrative_years_before)
    speech = sum(1 for c in cands if c.family in _SPEECH_TIME)
    return old / len(years) >= tlex.narrative_share and speech <= tlex.narrative_speech * len(years)


def timeml_times(doc: Doc | None, article: Article) -> list[TimeExpr]:
    """Every expression as TimeML segments it, with its TIMEX3 type and value."""
    text = article.text
    cands = timeml_candidates(Context(text, doc))
    anchoring = Anchoring(
        text, doc, article.published, is_narrative(cands, article.published), None
    )
    out = []
    for cand in cands:
        tense = tense_hint(doc, cand, text) or tense_of(doc, cand.start, cand.end, text)
        kind, value = timex_of(cand, tense, anchoring)
        if cand.notation.startswith(("=", "Q:", "N:", "H:")):
            expr = TimeExpr(cand.start, cand.end, text[cand.start : cand.end], tense=Tense(tense))
        else:
            expr = make_expr(text, cand, tense, article.published)
        out.append(replace(expr, timex_type=kind, value=value))
    out = clock_times(_week_of(_month_of_year(out, text), text), text, article.published)
    return year_ago_quarters(quarters_of_years(out, text), doc)


def _month_of_year(times: list[TimeExpr], text: str) -> list[TimeExpr]:
    """ "January this year", "June last year": one month, of the year named."""
    out: list[TimeExpr] = []
    for expr in times:
        before = out[-1] if out else None
        if (
            before is not None
            and re.fullmatch(r"\d{4}-\d{2}", before.value or "")
            and re.fullmatch(r"\d{4}", expr.value or "")
            and re.fullmatch(r"\s+(?:this|last|next)\s+year", text[before.end : expr.end].lower())
        ):
            month = (before.value or "")[5:]
            out[-1] = replace(
                before,
                end=expr.end,
                text=text[before.start : expr.end],
                value=f"{expr.value}-{month}",
            )
            continue
        out.append(expr)
    return out


_WEEK_OF = re.compile(r"(?:\bthe\s+)?week\s+of\s+$", re.IGNORECASE)


def _week_of(times: list[TimeExpr], text: str) -> list[TimeExpr]:
    """ "the week of March 6": the ISO week holding the day, the words in the span."""
    out: list[TimeExpr] = []
    for expr in times:
        lead = _WEEK_OF.search(text, max(0, expr.start - 20), expr.start)
        if lead and re.fullmatch(r"\d{4}-\d{2}-\d{2}", expr.value or ""):
            year, week, _ = date.fromisoformat(expr.value or "").isocalendar()
            expr = replace(
                expr,
                start=lead.start(),
                text=text[lead.start() : expr.end],
                value=f"{year}-W{week:02d}",
            )
        out.append(expr)
    return out


def timex_of(cand: Candidate, tense: str, an: Anchoring) -> tuple[str, str | None]:
    """The TIMEX3 type and value of a candidate; moves the reference time on."""
    family, notation = cand.family, cand.notation
    an.from_reference = False
    if notation.startswith("="):
        return TYPES.get(family, "DATE"), notation[1:]
    if family == "t_quarter":
        return "DATE", _quarter(notation, tense, an)
    if family == "t_narrative":
        return "DATE", _narrative_shift(cand, notation[2:], an)
    if family == "t_holiday":
        rule, direction, year = notation[2:].split("|")
        anchor = an.ref.day if an.narrative and an.ref is not None else an.published
        return "DATE", holiday_value(rule, direction, int(year) if year else None, tense, anchor)
    if family == "t_the_year" and an.narrative:  # "the year": the story's year
        return "DATE", _narrative_shift(cand, "+0y", an)
    if family == "duration" or notation.startswith("{dur}"):
        return "DURATION", None
    if family in _EXPLICIT and not notation.startswith("{range}"):
        return "DATE", _explicit(cand, an)
    if family in _YEARLESS:
        return "DATE", _yearless(cand, tense, an)
    if family == "since":
        point = notation.split(")..", 1)[0][1:]
        inner = Candidate(cand.start, cand.end, point, _family_of(point))
        return timex_of(inner, tense, an)
    return _speech_time(cand, tense, an)


def _family_of(notation: str) -> str:
    """The family a bare notation comes from (for the point of "since X")."""
    for prefix, family in (("MD:", "month_day"), ("M:", "month"), ("WD:", "weekday")):
        if notation.startswith(prefix):
            return family
    return "year" if re.fullmatch(r"\d{4}", notation) else "iso"


def _explicit(cand: Candidate, an: Anchoring) -> str | None:
    notation = cand.notation.split("..", 1)[0]  # a day range: its first day
    try:
        interval = evaluate(notation, an.published)
    except NotationError:
        return None
    if interval.start is None:
        return None
    granularity = {"year": "year", "month": "month"}.get(interval.precision, "day")
    an.ref = Reference(interval.start, granularity, an.sentence(cand.start), True)
    return write(interval.start, granularity)


def _uses_reference(cand: Candidate, tense: str, an: Anchoring) -> bool:
    ref = an.ref
    if ref is None or not ref.explicit:
        return an.published is None
    if an.narrative:
        return True
    same_sentence = ref.sentence == an.sentence(cand.start)
    other_year = an.published is not None and ref.day.year != an.published.year
    return same_sentence and other_year and tense == "past"


def _yearless(cand: Candidate, tense: str, an: Anchoring) -> str | None:
    """A month, a month-day, a weekday or a season with the year left out."""
    before = an.text[max(0, cand.start - 20) : cand.start].lower()
    until = cand.family in ("month", "month_day") and bool(_UNTIL.search(before))
    if until and not an.narrative:
        return _relative(cand, "present", an)  # "through June" in a March article: ahead
    if _uses_reference(cand, tense, an) and not (cand.family == "weekday" and _reported(cand, an)):
        return _from_reference(cand, an)
    return _relative(cand, tense, an)


def _from_reference(cand: Candidate, an: Anchoring) -> str | None:
    """The year (or week) taken from the reference time: the same year, or the next
    one when the month is more than half a year before the reference's month."""
    ref = an.ref
    if ref is None:
        return None
    an.from_reference = True
    notation = cand.notation.removeprefix("{range}").split("|", 1)[0]
    if notation.startswith("WD:"):
        if ref.granularity != "day":
            return None
        found = _evaluate(re.sub(r"(<=|>=|<|>|~|\{c\})D$", "~D", notation), ref.day)
        return write(found.start, "day") if found.start else None
    m = re.search(r"MD:(\d{2})-(\d{2})|M:(\d{2})", notation)
    if m is None:
        return None
    month = int(m[1] or m[3])
    ahead = month - ref.day.month < -6 and ref.granularity != "year"
    year = ref.day.year + (1 if ahead else 0)
    if m[1]:
        return _set_reference(an, cand, _safe_day(year, month, int(m[2])), "day")
    if cand.family == "season":
        return f"{year}-{_SEASON_CODES.get(month, 'SU')}"
    return _set_reference(an, cand, date(year, month, 1), "month")


def _safe_day(year: int, month: int, day_of: int) -> date | None:
    try:
        return date(year, month, day_of)
    except ValueError:
        return None


def _set_reference(
    an: Anchoring, cand: Candidate, day: date | None, granularity: str
) -> str | None:
    if day is None:
        return None
    if an.narrative or an.ref is None or an.ref.explicit:
        an.ref = Reference(day, granularity, an.sentence(cand.start), True)
    return write(day, granularity)


def _reported(cand: Candidate, an: Anchoring) -> bool:
    """Does the expression date a statement ("the ministry said on Monday")?"""
    if an.doc is None:
        return False
    span = an.doc.char_span(cand.start, cand.end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    head = span.root.head
    if head.pos_ == "ADP" and head.head.i != head.i:  # "said on Monday"
        head = head.head
    return head.lemma_.lower() in timeml_lexicon().reporting_verbs


def _relative(cand: Candidate, tense: str, an: Anchoring) -> str | None:
    """A year-less expression resolved against the article date by tense."""
    if an.published is None:
        return None
    notation = cand.notation.removeprefix("{range}").split("|", 1)[0]
    interval = _evaluate(notation.replace("{c}", TENSE_CMP[tense]), an.published)
    if cand.family == "month_day" and tense == "past":
        ahead = _evaluate(notation.replace("{c}", ">="), an.published)
        window = timeml_lexicon().past_date_ahead_days
        if ahead.start and (ahead.start - an.published).days <= window:
            interval = ahead  # "payable Dec. 7" in a late-October report
    if cand.family == "month_day" and tense == "future" and interval.start is not None:
        behind = _evaluate(notation.replace("{c}", "<="), an.published)
        window = timeml_lexicon().future_date_behind_days
        if behind.start and (an.published - behind.start).days <= window:
            interval = behind  # "to repatriate the child by Jan. 14" on January 15
    if interval.start is None:
        return None
    if cand.family == "season":
        return f"{interval.start.year}-{_SEASON_CODES.get(interval.start.month, 'SU')}"
    if cand.family == "weekend" or notation.startswith("WE"):
        year, week, _ = interval.start.isocalendar()
        return f"{year}-W{week:02d}-WE"
    granularity = "month" if notation.startswith(("M:", "(M:")) else "day"
    value = write(interval.start, granularity)
    return value + _part_of_day(cand, an)


def _part_of_day(cand: Candidate, an: Anchoring) -> str:
    words = an.text[cand.start : cand.end].lower().split()
    part = next((_PARTS[w] for w in reversed(words) if w in _PARTS), None)
    return f"T{part}" if part else ""


def _speech_time(cand: Candidate, tense: str, an: Anchoring) -> tuple[str, str | None]:
    """Deictic days, periods, weekends, "N units ago": relative to the article date
    (to the reference time in a narrative)."""
    words = re.sub(r"\s+", " ", an.text[cand.start : cand.end].lower())
    override = timeml_lexicon().periods.get(words)
    notation = override or cand.notation.replace("{c}", TENSE_CMP[tense])
    if notation.startswith("P"):
        return "DURATION", notation
    anchor = an.published
    if not an.narrative:
        an.ref = None  # "last week" in a report brings the text back to its own date
    elif cand.family == "deictic" and notation == "D":
        return "DATE", "PRESENT_REF"  # "today" in a history: the present
    if anchor is None and an.ref is not None:
        anchor = an.ref.day
    if anchor is None:
        return "DATE", None
    if "X" in notation:
        return "DATE", "PAST_REF" if "-X" in notation else "FUTURE_REF"
    interval = _evaluate(notation, anchor)
    if interval.start is None:
        return "DATE", None
    if cand.family == "weekend" or notation.startswith("WE"):
        year, week, _ = interval.start.isocalendar()
        return "DATE", f"{year}-W{week:02d}-WE"
    granularity = _granularity(notation, interval)
    return "DATE", write(interval.start, granularity) + (
        _part_of_day(cand, an) if granularity == "day" else ""
    )


def _granularity(notation: str, interval: Interval) -> str:
    outer = notation.split("..", 1)[0]
    for prefix, granularity in (("W[", "week"), ("MO[", "month"), ("Y[", "year")):
        if outer.startswith(prefix):
            return granularity
    return interval.precision if interval.precision in ("week", "month", "year") else "day"


def _evaluate(notation: str, anchor: date) -> Interval:
    try:
        return evaluate(notation, anchor)
    except NotationError:
        return Interval(None, None, "day")


def _quarter(notation: str, tense: str, an: Anchoring) -> str | None:
    ref = an.ref.day if an.narrative and an.ref is not None else an.published
    if ref is None:
        return None
    if notation == "Q:current":
        return f"{ref.year}-Q{(ref.month - 1) // 3 + 1}"
    if notation in ("Q:last", "Q:year-ago"):
        current = (ref.month - 1) // 3
        year, quarter = (ref.year, current) if current else (ref.year - 1, 4)
        return f"{year - (notation == 'Q:year-ago')}-Q{quarter}"
    quarter = int(notation[2:])
    ahead = date(ref.year, 3 * quarter - 2, 1) > ref
    return f"{ref.year - (1 if ahead and tense == 'past' else 0)}-Q{quarter}"


def _narrative_shift(cand: Candidate, shift: str, an: Anchoring) -> str | None:
    """ "the next day", "two weeks later": the reference time shifted."""
    ref = an.ref
    base = ref.day if ref is not None else an.published
    granularity = ref.granularity if ref is not None else "day"
    match = re.fullmatch(r"([+-])(\d+|X)([dwmy])", shift)
    if base is None or match is None:
        return None
    sign, count, unit = match.groups()
    if count == "X":
        return "PAST_REF" if sign == "-" else "FUTURE_REF"
    needed = {"d": "day", "w": "day", "m": "month", "y": "year"}[unit]
    order = ("day", "month", "year")
    if order.index(granularity) > order.index(needed):
        return None
    n = int(count) * (1 if sign == "+" else -1)
    if unit == "d":
        day, written = base + timedelta(days=n), "day"
    elif unit == "w":
        day, written = base + timedelta(weeks=n), "week"
    elif unit == "m":
        day, written = add_months(base, n), "month"
    else:
        day, written = add_months(base, 12 * n), "year"
    if an.ref is not None and written in ("day", "month"):
        an.ref = Reference(day, written, an.sentence(cand.start), an.ref.explicit)
    return write(day, written)


def write(day: date, granularity: str) -> str:
    """A date written at a granularity as a TimeML value."""
    if granularity == "year":
        return f"{day.year:04d}"
    if granularity == "month":
        return f"{day.year:04d}-{day.month:02d}"
    if granularity == "week":
        year, week, _ = day.isocalendar()
        return f"{year:04d}-W{week:02d}"
    return day.isoformat()


def dated_by_narrative(expr: TimeExpr) -> TimeExpr:
    """An expression whose value the narrative's reference time gave ("in May" after
    "In 1940, ..."): its dates are that value's, no longer relative to the article date."""
    value = expr.value or ""
    if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", value):
        day = date(int(m[1]), int(m[2]), int(m[3]))
        return replace(
            expr, date_start=day, date_end=day, precision=TimePrecision.DAY, relative=None
        )
    if m := re.fullmatch(r"(\d{4})-(\d{2})", value):
        first, last = month_bounds(int(m[1]), int(m[2]))
        precision = "month"
        if expr.relative and "@" in expr.relative:  # "early May": days 1-10 of that May
            middle = date(first.year, first.month, 15)
            part = _evaluate(re.sub(r"(<=|>=|<|>|~)D", "~D", expr.relative), middle)
            if part.start and part.end:
                first, last, precision = part.start, part.end, part.precision
        return replace(
            expr,
            date_start=first,
            date_end=last,
            precision=TimePrecision(precision),
            relative=None,
        )
    return expr
