"""The public time API: every expression of an article, and re-anchoring one later."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from spacy.tokens import Doc

from frontwatch.models import Article, TimeExpr
from frontwatch.resolve.time.context import Candidate, Context
from frontwatch.resolve.time.recogniser import recogniser
from frontwatch.resolve.time.tense import TENSE_CMP, tense_of
from frontwatch.resolve.timenotation import (
    Interval,
    NotationError,
    evaluate,
    uses_article_date,
)


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
        precision=interval.precision,
        relative=relative,
        tense=tense,
    )


def find_times(doc: Doc | None, article: Article) -> list[TimeExpr]:
    """Every temporal expression of the article in document order (see the module doc).

    ``doc`` is the spaCy parse of ``article.text`` (None: no parse, tense from
    the words before each expression). Past-tense absolute dates after the
    article date add a warning to ``article.warnings``.
    """
    text = article.text
    ctx = Context(text, doc)
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
    precision = "reported_by" if expr.precision == "reported_by" else interval.precision
    return replace(expr, date_start=interval.start, date_end=interval.end, precision=precision)
