"""Evaluate the time stage on TimeML / TempEval-3 and TIMEX2 corpora (``frontwatch eval time``).

Reading is ``evaluate/timeml_read.py`` (TIMEX3 ``.tml`` and TIMEX2 ``.key.xml``).

Scoring, as TempEval-3 Task A defines it (UzZaman et al. 2013, section 4.1;
docs/time.md sets the two side by side):
- recognition, strict: a prediction matches a gold expression with exactly the
  same span; relaxed: the spans overlap. Matching is one-to-one, each gold
  expression taking the first unused overlapping prediction in document order;
  P = matches / predictions, R = matches / gold, F1 their harmonic mean;
- value: on relaxed matches, our TimeML value (``TimeExpr.value``, else the
  value written from our interval by ``timex_value``) must equal the gold
  ``value`` (TIMEX2: ``val``) as a string, case aside. Value F1 (as TempEval-3's
  attribute F1) uses correct / predictions and correct / gold; value accuracy
  is correct / relaxed matches.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from frontwatch.evaluate.timeml_read import (
    GoldTimex,
    TimeMLDocument,
    TimeMLError,
    read_timeml,
    timeml_files,
)
from frontwatch.evaluate.timeml_read import day as _day
from frontwatch.models import Article, TimeExpr
from frontwatch.resolve.timenotation import add_months, month_bounds

__all__ = [
    "GoldTimex",
    "TimeMLDocument",
    "TimeMLError",
    "evaluate_corpus",
    "read_timeml",
    "score_document",
    "timeml_files",
    "timeml_output",
    "timex_value",
    "value_correct",
    "written_value",
]


# --- values ------------------------------------------------------------------------

_SEASONS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "AU": (9, 11), "WI": (12, 14)}
_DURATION_UNIT = {"d": "D", "w": "W", "m": "M", "y": "Y"}
_DURATION_NOTATION = re.compile(r"^(?:D-(\w+)([dwmy])\.\.D|D\.\.D\+(\w+)([dwmy]))$")


def gold_interval(value: str, dct: date | None) -> tuple[date, date] | None:
    """The calendar interval a TIMEX3 value names, or None (durations, sets, unknowns)."""
    value = value.strip().upper()
    if value == "PRESENT_REF":
        return (dct, dct) if dct else None
    value = value.split("T", 1)[0] if re.match(r"^\d{4}-\d{2}-\d{2}T", value) else value
    try:
        return _interval_of(value)
    except ValueError:
        return None


def _interval_of(value: str) -> tuple[date, date] | None:
    if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", value):
        day = date(int(m[1]), int(m[2]), int(m[3]))
        return day, day
    if m := re.fullmatch(r"(\d{4})-(\d{2})", value):
        return month_bounds(int(m[1]), int(m[2]))
    if m := re.fullmatch(r"(\d{4})", value):
        return date(int(m[1]), 1, 1), date(int(m[1]), 12, 31)
    if m := re.fullmatch(r"(\d{4})-W(\d{2})(-WE)?", value):
        monday = date.fromisocalendar(int(m[1]), int(m[2]), 1)
        if m[3]:
            return monday + timedelta(days=5), monday + timedelta(days=6)
        return monday, monday + timedelta(days=6)
    if m := re.fullmatch(r"(\d{4})-Q([1-4])", value):
        first = date(int(m[1]), 3 * int(m[2]) - 2, 1)
        return first, add_months(first, 3) - timedelta(days=1)
    if m := re.fullmatch(r"(\d{4})-(SP|SU|FA|AU|WI)", value):
        low, high = _SEASONS[m[2]]
        first = date(int(m[1]), low, 1)
        return first, add_months(first, high - low + 1) - timedelta(days=1)
    return None


def predicted_duration(expr: TimeExpr) -> str | None:
    """The ISO duration ("P3D", "PXM") a duration expression carries, if it is one."""
    match = _DURATION_NOTATION.match(expr.relative or "")
    if not match:
        return None
    count = match[1] or match[3]
    unit = match[2] or match[4]
    return f"P{count.upper()}{_DURATION_UNIT[unit]}"


def timex_value(expr: TimeExpr) -> str | None:
    """Our expression written as a TIMEX3-style value (for display and JSON)."""
    start, end = expr.date_start, expr.date_end
    duration = predicted_duration(expr)
    if duration:
        return duration
    if start is None or end is None or expr.precision == "reported_by":
        return None
    if start == end:
        return start.isoformat()
    year, week, weekday = start.isocalendar()
    if end - start == timedelta(days=6) and weekday == 1:
        return f"{year}-W{week:02d}"
    if end - start == timedelta(days=1) and weekday == 6:
        return f"{year}-W{week:02d}-WE"
    if (start, end) == month_bounds(start.year, start.month):
        return f"{start.year:04d}-{start.month:02d}"
    if (start, end) == (date(start.year, 1, 1), date(start.year, 12, 31)):
        return f"{start.year:04d}"
    return f"{start.isoformat()}/{end.isoformat()}"


def ours_value(expr: TimeExpr) -> str:
    """Our TimeML value as scored: the expression's own, else written from its interval."""
    return (expr.value if expr.value is not None else timex_value(expr)) or ""


# TimeML's unknown value of each TIMEX3 type, written for an expression without one
UNKNOWN_VALUE = {"DATE": "XXXX-XX-XX", "TIME": "XXXX-XX-XXTXX:XX", "DURATION": "PXX", "SET": "XXXX"}


def written_value(expr: TimeExpr) -> str:
    """The value ``frontwatch timeml`` writes and ``eval time`` scores: ours
    (``ours_value``) when it is a TIMEX3 value, else TimeML's unknown of its type
    (an interval such as "2022-09-01/2022-09-20" is not a TIMEX3 value)."""
    value = ours_value(expr)
    if value and "/" not in value:
        return value
    return UNKNOWN_VALUE.get(expr.timex_type or "DATE", UNKNOWN_VALUE["DATE"])


def timeml_output(times: list[TimeExpr], text: str) -> list[TimeExpr]:
    """The expressions ``frontwatch timeml`` writes, in text order: inside the text,
    not empty, none overlapping one written before it (the first is kept)."""
    out: list[TimeExpr] = []
    at = 0
    for expr in sorted(times, key=lambda e: (e.start, e.end)):
        if expr.start < at or expr.start < 0 or expr.end > len(text) or expr.end <= expr.start:
            continue
        out.append(expr)
        at = expr.end
    return out


def normalise_value(value: str) -> str:
    """A value as compared: upper case, no surrounding space (nothing else is changed)."""
    return value.strip().upper()


def value_correct(expr: TimeExpr, gold_value: str, dct: date | None) -> bool:
    """Is our TimeML value the gold one? (TempEval-3: the value strings are equal.)

    Our value is the one ``frontwatch timeml`` writes (``written_value``): the
    expression's own ``value`` (the granularity its words give), else one written
    from its interval (``timex_value``), else TimeML's unknown of its type.
    ``dct`` is kept for callers; the comparison does not need it.
    """
    return normalise_value(written_value(expr)) == normalise_value(gold_value)


# --- scoring ------------------------------------------------------------------------


@dataclass(slots=True)
class TimeScores:
    documents: int = 0
    gold: int = 0
    predicted: int = 0
    strict: int = 0
    relaxed: int = 0
    value_correct: int = 0
    errors: list[dict[str, str]] = field(default_factory=list)

    def add(self, other: TimeScores) -> None:
        self.documents += other.documents
        self.gold += other.gold
        self.predicted += other.predicted
        self.strict += other.strict
        self.relaxed += other.relaxed
        self.value_correct += other.value_correct
        self.errors.extend(other.errors)

    def as_dict(self) -> dict[str, float | int]:
        def prf(hits: int) -> tuple[float, float, float]:
            p = hits / self.predicted if self.predicted else 0.0
            r = hits / self.gold if self.gold else 0.0
            return p, r, (2 * p * r / (p + r) if p + r else 0.0)

        sp, sr, sf = prf(self.strict)
        rp, rr, rf = prf(self.relaxed)
        vp, vr, vf = prf(self.value_correct)
        return {
            "documents": self.documents,
            "gold": self.gold,
            "predicted": self.predicted,
            "strict_precision": round(sp, 4),
            "strict_recall": round(sr, 4),
            "strict_f1": round(sf, 4),
            "relaxed_precision": round(rp, 4),
            "relaxed_recall": round(rr, 4),
            "relaxed_f1": round(rf, 4),
            "value_accuracy": round(self.value_correct / self.relaxed, 4) if self.relaxed else 0.0,
            "value_f1": round(vf, 4),
            "value_precision": round(vp, 4),
            "value_recall": round(vr, 4),
        }


def score_document(doc: TimeMLDocument, predicted: list[TimeExpr]) -> TimeScores:
    """Recognition and value scores of one document's predictions."""
    scores = TimeScores(documents=1, gold=len(doc.timexes), predicted=len(predicted))
    exact = {(p.start, p.end) for p in predicted}
    scores.strict = sum(1 for g in doc.timexes if (g.start, g.end) in exact)
    used: set[int] = set()
    for gold in doc.timexes:
        match = next(
            (
                i
                for i, p in enumerate(predicted)
                if i not in used and p.start < gold.end and gold.start < p.end
            ),
            None,
        )
        if match is None:
            scores.errors.append(
                {
                    "path": doc.path,
                    "kind": "missed",
                    "text": gold.text,
                    "gold": gold.value,
                    "ours": "",
                }
            )
            continue
        used.add(match)
        scores.relaxed += 1
        ours = predicted[match]
        if value_correct(ours, gold.value, doc.dct):
            scores.value_correct += 1
        else:
            scores.errors.append(
                {
                    "path": doc.path,
                    "kind": "value",
                    "text": ours.text,
                    "gold": gold.value,
                    "ours": written_value(ours),
                }
            )
    for i, p in enumerate(predicted):
        if i not in used:
            scores.errors.append(
                {
                    "path": doc.path,
                    "kind": "spurious",
                    "text": p.text,
                    "gold": "",
                    "ours": written_value(p),
                }
            )
    return scores


Predictor = Callable[[str, date | None], list[TimeExpr]]


def spacy_predictor(timeml: bool = True) -> Predictor:
    """Time expressions over the spaCy parse of the text, with the DCT as article
    date: TimeML's segmentation and values (``timeml_times``), or, with
    ``timeml=False``, frontwatch's own expressions for event dating (``find_times``)."""
    from frontwatch.annotate import load_nlp
    from frontwatch.resolve.time import find_times
    from frontwatch.resolve.time.timeml import timeml_times

    nlp = load_nlp()
    reader = timeml_times if timeml else find_times

    def predict(text: str, dct: date | None) -> list[TimeExpr]:
        article = Article(id="timeml", path="timeml", text=text, published=dct)
        times = reader(nlp(text), article)
        return timeml_output(times, text) if timeml else times  # what `timeml` writes

    return predict


def evaluate_corpus(
    files: list[Path],
    predict: Predictor | None = None,
    on_file: Callable[[Path], None] | None = None,
) -> tuple[TimeScores, list[str]]:
    """Scores over the files, and one line per file that could not be read."""
    predict = predict or spacy_predictor()
    total = TimeScores()
    problems: list[str] = []
    for path in files:
        try:
            doc = read_timeml(path)
        except TimeMLError as err:
            problems.append(str(err))
        else:
            total.add(score_document(doc, predict(doc.text, doc.dct)))
        if on_file:
            on_file(path)
    return total, problems


# --- event dates in UCDP GED headlines (data/eval events/*.jsonl) -----------------------
#
# A second, real check of the time stage: UCDP GED rows carry the headline they
# were coded from, its outlet and date, and the event's [date_start, date_end].
# Rows are grouped by headline (``source_article``); the first source gives the
# headline and the article date. Our date for the headline: the first resolved,
# non-open expression on or before the article date, else the article date
# itself (the "reported_by" bound); it is right when it overlaps a gold row's
# interval. The article-date baseline is scored the same way.


@dataclass(slots=True)
class HeadlineScores:
    headlines: int = 0
    baseline_right: int = 0
    ours_right: int = 0
    with_expression: int = 0
    expression_right: int = 0
    expression_baseline_right: int = 0
    lag_days: dict[int, int] = field(default_factory=dict)  # article date - gold end
    errors: list[dict[str, str]] = field(default_factory=list)

    def as_dict(self) -> dict[str, float | int]:
        n = self.headlines or 1
        m = self.with_expression or 1
        within = sum(v for k, v in self.lag_days.items() if 0 <= k <= 1)
        return {
            "headlines": self.headlines,
            "article_date_accuracy": round(self.baseline_right / n, 4),
            "time_stage_accuracy": round(self.ours_right / n, 4),
            "headlines_with_expression": self.with_expression,
            "expression_accuracy": round(self.expression_right / m, 4),
            "expression_baseline_accuracy": round(self.expression_baseline_right / m, 4),
            "event_within_1_day_before_article": round(within / n, 4),
        }


def ucdp_sources(source_article: str) -> list[tuple[str, date, str]]:
    """(outlet, date, headline) of each ';'-joined, CSV-quoted "Outlet,YYYY-MM-DD,headline"."""
    import csv
    import io

    found = []
    for row in csv.reader(io.StringIO(source_article), delimiter=";", quotechar='"'):
        for item in row:
            parts = item.split(",", 2)
            if len(parts) == 3 and (day := _day(parts[1])):
                found.append((parts[0], day, parts[2]))
    return found


def evaluate_ucdp_dates(
    path: Path, predict: Predictor | None = None, on_item: Callable[[], None] | None = None
) -> HeadlineScores:
    """Headline-level date accuracy on a UCDP GED JSONL file (see above)."""
    import json

    from frontwatch.resolve.time import is_vague

    predict = predict or spacy_predictor(timeml=False)
    groups: dict[str, list[tuple[date, date]]] = {}
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            row = json.loads(line)
            gold = row.get("gold", {})
            start, end = _day(gold.get("date_start", "")), _day(gold.get("date_end", ""))
            if start and end:
                groups.setdefault(row.get("source_article", ""), []).append((start, end))
    scores = HeadlineScores()
    for source_article, gold in groups.items():
        sources = ucdp_sources(source_article)
        if on_item:
            on_item()
        if not sources:
            continue
        _outlet, published, headline = sources[0]
        scores.headlines += 1
        lag = min((published - end).days if published >= start else -1 for start, end in gold)
        scores.lag_days[lag] = scores.lag_days.get(lag, 0) + 1
        baseline = any(start <= published <= end for start, end in gold)
        scores.baseline_right += baseline
        dated = [
            t
            for t in predict(headline, published)
            if t.date_start and t.date_end and not is_vague(t) and t.date_end <= published
        ]
        if not dated:
            scores.ours_right += baseline
            continue
        first = dated[0]
        assert first.date_start is not None and first.date_end is not None
        right = any(not (first.date_end < s or first.date_start > e) for s, e in gold)
        scores.with_expression += 1
        scores.expression_right += right
        scores.expression_baseline_right += baseline
        scores.ours_right += right
        if not right:
            scores.errors.append(
                {
                    "text": first.text,
                    "headline": headline[:160],
                    "ours": f"{first.date_start}/{first.date_end}",
                    "gold": ";".join(f"{s}/{e}" for s, e in gold),
                }
            )
    return scores
