"""Event time: which expression dates an event, through the dependency parse."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from functools import cache

from spacy.tokens import Doc, Span, Token

from frontwatch.lexicons import load_toml
from frontwatch.models import Article, Tense, TimeExpr, TimePrecision
from frontwatch.resolve.time.lexicon import lexicon
from frontwatch.resolve.time.tense import tense_of
from frontwatch.resolve.timenotation import evaluate


def _token_span(doc: Doc, expr: TimeExpr) -> Span | None:
    if expr.start < 0:
        return None
    return doc.char_span(expr.start, expr.end, alignment_mode="expand")


def _in_sentence(times: list[TimeExpr], token: Token) -> list[TimeExpr]:
    """The expressions that overlap ``token``'s sentence: a cheap test on offsets
    before any span is made, so that an event costs its sentence, not the article."""
    sent = token.sent
    return [e for e in times if e.end > sent.start_char and e.start < sent.end_char]


def _clause_verb(token: Token) -> Token:
    """The first verb at or above a token: the clause it belongs to."""
    for _ in range(100):
        if token.pos_ in ("VERB", "AUX") or token.head.i == token.i:
            return token
        token = token.head
    return token


def _path_up(token: Token, target: Token) -> list[Token] | None:
    """The tokens from ``token`` up to (not including) ``target``, or None if not below it."""
    path: list[Token] = []
    for _ in range(100):
        if token.i == target.i:
            return path
        if token.head.i == token.i:
            return None
        path.append(token)
        token = token.head
    return None


def _event_clauses(trigger: Token, report: Token | None) -> set[int]:
    """The trigger's clause, and the clauses it is an infinitival complement of
    ("would use a video address on Wednesday to call on countries")."""
    clause = _clause_verb(trigger)
    clauses = {clause.i}
    lex = lexicon()
    while clause.dep_ in lex.shared_time_deps and clause.head.i != clause.i:
        clause = _clause_verb(clause.head)
        if report is not None and clause.i == report.i:
            break
        clauses.add(clause.i)
    return clauses


def is_vague(expr: TimeExpr) -> bool:
    """An open time ("so far", "for months", "recently"): it bounds, it does not date."""
    rel = expr.relative or ""
    return (
        rel.startswith("?") or "X" in rel or (expr.date_start is None and expr.date_end is not None)
    )


def _own_times(
    doc: Doc, trigger: Token, report: Token | None, times: list[TimeExpr]
) -> list[tuple[int, TimeExpr]]:
    clauses = _event_clauses(trigger, report)
    trigger_is_report = report is not None and _clause_verb(trigger).i == report.i
    found = []
    for expr in _in_sentence(times, trigger):
        span = _token_span(doc, expr)
        if span is None or span.sent.start != trigger.sent.start:
            continue
        root = span.root
        clause = _clause_verb(root)
        below = _path_up(root, trigger)
        if trigger_is_report and below and not _adverbial(below):
            # the statement's content ("warned the results would mimic what Moscow did
            # in 2014"), not when it was made: only adverbials of the verb date it
            below = None
        inside = span.start <= trigger.i < span.end or below is not None
        in_clause = clause.i in clauses and (
            report is None or clause.i != report.i or trigger_is_report
        )
        if inside or in_clause:
            found.append((abs(root.i - trigger.i), expr))
    return found


def _adverbial(path: list[Token]) -> bool:
    """Does a path up to a verb (``_path_up``) reach it as an adverbial ("said on
    Monday"), not through its subject or its complement?"""
    return path[-1].dep_ in lexicon().statement_deps


def _statement_verbs(trigger: Token, report: Token | None) -> list[Token]:
    """The reporting verb given, then the verb whose complement the trigger's clause
    is ("Russia said today that the army broke through": said)."""
    verbs = [report] if report is not None else []
    clause = _clause_verb(trigger)
    if clause.dep_ == "ccomp" and clause.head.i != clause.i:
        governing = _clause_verb(clause.head)
        if report is None or governing.i != report.i:
            verbs.append(governing)
    return verbs


def _statement_times(
    doc: Doc, trigger: Token, report: Token, times: list[TimeExpr]
) -> list[tuple[int, TimeExpr]]:
    """Times attached to the reporting verb as adverbials ("said on Monday",
    "said in its Wednesday update"), not inside its subject or its complement."""
    found = []
    for expr in _in_sentence(times, report):
        span = _token_span(doc, expr)
        if span is None or span.sent.start != report.sent.start:
            continue
        path = _path_up(span.root, report)
        if not path or not _adverbial(path):
            continue
        if _path_up(span.root, trigger) is not None and trigger.i != report.i:
            continue
        found.append((abs(span.root.i - report.i), expr))
    return found


def event_time(
    doc: Doc, trigger_i: int, report_i: int | None, times: list[TimeExpr], article: Article
) -> tuple[TimeExpr | None, str]:
    """The time of an event: its own expression, else its statement's, else the article date.

    - "own": the nearest expression of the trigger's clause (the first verb at or
      above the trigger, and the verbs it is an infinitival complement of), or
      below the trigger itself, in the same sentence; an expression of the
      reporting verb's clause is not the event's own (unless the event is the
      statement). Open expressions ("so far", "recently", "for months") only
      count when no statement time exists;
    - "statement": an expression attached to the reporting verb ``report_i`` (or,
      failing that, to the verb whose complement the trigger's clause is) as
      an adverbial ("said on Monday", "said in its Wednesday update"): the
      event is on or before it (on or after for a future event): precision
      "reported_by". An event the reporting verb ``report_i`` reports (not the
      statement itself, not future) where the sentence has no such time: the
      undated statement is of the article's news cycle, bounded as "said today"
      (``_recent_to_article``);
    - "reported_by": the article date as an upper bound (``date_end`` = the
      article date, ``date_start`` None or the lookback of data/time.toml), or
      relative "?..D" when the date is unknown. Its span is -1..-1 (no words).
    """
    if not len(doc) or not 0 <= trigger_i < len(doc):
        return _reported_by(article), "reported_by"
    report = doc[report_i] if report_i is not None and 0 <= report_i < len(doc) else None
    trigger = doc[trigger_i]
    own = _own_times(doc, trigger, report, times)
    precise = [pair for pair in own if not is_vague(pair[1])]
    if precise:
        return min(precise, key=lambda pair: pair[0])[1], "own"
    stated: list[tuple[int, TimeExpr]] = []
    for speaker_verb in _statement_verbs(trigger, report):
        stated = _statement_times(doc, trigger, speaker_verb, times)
        if stated:
            break
    if stated:
        statement = min(stated, key=lambda pair: pair[0])[1]
        future = _is_future(doc, trigger, article)
        return _bounded_by(statement, future, _dated_statement_days()), "statement"
    if own:
        return min(own, key=lambda pair: pair[0])[1], "own"
    if _reported_in_statement(trigger, report) and not _is_future(doc, trigger, article):
        return _recent_to_article(article), "statement"
    return _reported_by(article), "reported_by"


def _is_future(doc: Doc, trigger: Token, article: Article) -> bool:
    # article.text is doc.text; Doc.text would rebuild the string on every call.
    return tense_of(doc, trigger.idx, trigger.idx + len(trigger), article.text) == "future"


def _reported_in_statement(trigger: Token, report: Token | None) -> bool:
    """Is the event what a statement reports ("the General Staff said its forces
    repelled ..."), not the statement itself? ``report`` is the reporting verb the
    extractor found (a clause governing the trigger is no statement by itself:
    "Russians fired on the town, there are dead")."""
    return report is not None and _clause_verb(trigger).i != report.i


def _recent_to_article(article: Article) -> TimeExpr:
    """An event a statement reports, where neither gives a time. A news report's
    undated statement is of the article's news cycle ("said" names no day when the
    day is the article's), so the event is bounded as by "said today": on or before
    the article date (``?..(D)``), or, with ``statement_days`` N > 0 in
    data/time.toml, on or shortly before it (``D-N..D``). A bound, not a grain:
    precision ``reported_by``; basis ``statement``."""
    days = _statement_days()
    if days > 0:
        relative = f"D-{days}..D"
        interval = evaluate(relative, article.published)
        return TimeExpr(
            -1, -1, "", interval.start, interval.end, TimePrecision.REPORTED_BY, relative
        )
    day = article.published
    statement = TimeExpr(-1, -1, "", day, day, TimePrecision.DAY, "D")
    return _bounded_by(statement, future=False)


@cache
def _dated_statement_days() -> int:
    return int(load_toml("time.toml")["reported_by"].get("dated_statement_days", 0))


@cache
def _statement_days() -> int:
    return int(load_toml("time.toml")["reported_by"].get("statement_days", 0))


def _bounded_by(statement: TimeExpr, future: bool, days: int = 0) -> TimeExpr:
    """An event known only to be on or before (after, if future) its statement's time;
    with ``days`` > 0, a past event of a statement dated to the day is on or at most that
    many days before it ("On 5 May, the ministry said its troops had taken X")."""
    rel = statement.relative
    if future:
        return replace(
            statement,
            date_start=statement.date_start,
            date_end=None,
            precision=TimePrecision.REPORTED_BY,
            relative=f"({rel})..?" if rel else None,
            tense=Tense.FUTURE,
        )
    start = None
    if days > 0 and statement.precision == TimePrecision.DAY and statement.date_end is not None:
        start = statement.date_end - timedelta(days=days)
    return replace(
        statement,
        date_start=start,
        date_end=statement.date_end,
        precision=TimePrecision.REPORTED_BY,
        relative=f"?..({rel})" if rel else None,
    )


def _reported_by(article: Article) -> TimeExpr:
    lookback = lexicon().lookback_days
    relative = f"D-{lookback}..D" if lookback else "?..D"
    interval = evaluate(relative, article.published)
    return TimeExpr(
        start=-1,
        end=-1,
        text="",
        date_start=interval.start,
        date_end=interval.end,
        precision=TimePrecision.REPORTED_BY,
        relative=relative,
    )
