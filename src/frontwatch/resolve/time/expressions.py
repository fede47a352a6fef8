"""The public time API: every expression of an article, and re-anchoring one later."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from spacy.tokens import Doc

from frontwatch.models import Article, TimeExpr, TimePrecision
from frontwatch.resolve.time.context import Context
from frontwatch.resolve.time.recogniser import recogniser
from frontwatch.resolve.time.tense import make_expr, tense_of
from frontwatch.resolve.time.timeml import Anchoring, dated_by_narrative, is_narrative, timex_of
from frontwatch.resolve.timenotation import NotationError, evaluate


def find_times(doc: Doc | None, article: Article) -> list[TimeExpr]:
    """Every temporal expression of the article in document order (see the module doc).

    ``doc`` is the spaCy parse of ``article.text`` (None: no parse, tense from
    the words before each expression). Past-tense absolute dates after the
    article date add a warning to ``article.warnings``.
    """
    text = article.text
    cands = recogniser().scan(Context(text, doc))
    anchoring = Anchoring(text, doc, article.published, is_narrative(cands, article.published))
    times = []
    for cand in cands:
        tense = tense_of(doc, cand.start, cand.end, text)
        expr = make_expr(text, cand, tense, article.published)
        kind, value = timex_of(cand, tense, anchoring)
        expr = replace(expr, timex_type=kind, value=value)
        if anchoring.from_reference and article.published is not None:
            # Dated by the story only once the article date is known: an undated
            # article keeps its expressions relative, so a later redate gives what a
            # dated ingest would have (tests/test_time.py, reanchor property).
            expr = dated_by_narrative(expr)
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
