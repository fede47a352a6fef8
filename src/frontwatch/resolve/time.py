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

STUB: the time issue replaces this.
"""

from __future__ import annotations

from spacy.tokens import Doc

from frontwatch.models import Article, TimeExpr


def find_times(doc: Doc, article: Article) -> list[TimeExpr]:
    return []


def reanchor(expr: TimeExpr, published: object) -> TimeExpr:
    return expr


def event_time(
    doc: Doc, trigger_i: int, report_i: int | None, times: list[TimeExpr], article: Article
) -> tuple[TimeExpr | None, str]:
    return None, "reported_by"
