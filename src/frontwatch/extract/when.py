"""When an event happened: its own time expression, the report's, a tally's window, or
"on or before the article" (the helpers of extract/events.py)."""

from __future__ import annotations

from datetime import date

from spacy.tokens import Doc

from frontwatch.annotate.text import doc_text
from frontwatch.extract.quantities import tally_time
from frontwatch.extract.records import field_time
from frontwatch.models import Article, TimeBasis, TimeExpr, TimePrecision
from frontwatch.resolve.time import event_time

BACKGROUND_DAYS = 365  # an event that ended this long before the article is context


def event_when(
    doc: Doc, trigger_i: int, report_i: int | None, times: list[TimeExpr], article: Article
) -> tuple[TimeExpr, TimeBasis]:
    """The time of the event at ``trigger_i`` (reported by the verb at ``report_i``)."""
    token = doc[trigger_i]
    if report_i is not None and token.tag_ == "VBG" and token.head.i == report_i:
        # "On 15 November, troops were reported digging trenches": what was going on
        # when it was reported is dated by the report's date
        trigger_i, report_i = report_i, None
    offset = doc[trigger_i].idx
    around = [t for t in times if t.start <= offset < t.end]
    if around:  # the trigger is part of a time expression: "five days of voting Tuesday"
        return around[0], TimeBasis.OWN
    found, basis = event_time(doc, trigger_i, report_i, times, article)
    root = doc[trigger_i].sent.root
    if (
        (found is None or found.precision == TimePrecision.REPORTED_BY)
        and root.i != trigger_i
        and report_i is None  # a reported event keeps the report's rules
    ):
        # "On 3 June, police dispersed a rally and detained 12 protesters", "shelling by
        # Russian forces damaged a hospital", "threw a grenade ..., killing 3": the date
        # the sentence's main verb carries dates the events hung on it
        clause, clause_basis = event_time(doc, root.i, None, times, article)
        if clause is not None and clause.precision != TimePrecision.REPORTED_BY:
            found, basis = clause, clause_basis
    if found is None or found.precision == TimePrecision.REPORTED_BY:
        window = tally_time(doc[trigger_i].sent, article.published)
        if window is not None:
            return window, TimeBasis.OWN
    if found is not None and found.precision != TimePrecision.REPORTED_BY:
        return found, TimeBasis(basis)
    field = field_time(doc_text(doc), times)  # a record's "Date: 2022-04-20"
    if field is not None:
        return field, TimeBasis.OWN
    if found is not None:
        return found, TimeBasis(basis)
    published = article.published
    bound = TimeExpr(
        -1, -1, "", None, published, TimePrecision.REPORTED_BY, None if published else "D"
    )
    return bound, TimeBasis.REPORTED_BY


def long_before(time: TimeExpr, published: date | None) -> bool:
    """An event over well before the article is background, not news of the day."""
    if published is None or time.date_end is None:
        return False
    return (published - time.date_end).days > BACKGROUND_DAYS


__all__ = ["BACKGROUND_DAYS", "event_when", "long_before"]
