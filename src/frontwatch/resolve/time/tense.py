"""Tense: the verb that governs an expression, and the notation it completes."""

from __future__ import annotations

import re
from datetime import date

from spacy.tokens import Doc, Span, Token

from frontwatch.models import Tense, TimeExpr, TimePrecision
from frontwatch.resolve.time.context import Candidate
from frontwatch.resolve.time.lexicon import Lexicon, lexicon
from frontwatch.resolve.timenotation import (
    Interval,
    NotationError,
    evaluate,
    uses_article_date,
)

TENSE_CMP = {"past": "<=", "future": ">=", "present": "~"}


def tense_of(doc: Doc | None, start: int, end: int, text: str) -> str:
    """past | present | future: the tense of the verb that governs the span.

    Climbs the dependency tree from the span's root: a future auxiliary
    ("will", "would") or a planning verb above an infinitive ("plans to visit")
    gives future; the first finite verb gives its tense (present perfect counts
    as past); no verb gives past (news reports what happened). Without a parse
    the words before the span in its sentence are looked at instead.
    """
    if doc is None or not doc.has_annotation("DEP"):
        return _tense_from_words(text, start)
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return "past"
    return _tense_from_tree(span)


def _tense_from_tree(span: Span) -> str:
    lex = lexicon()
    token = span.root
    for _ in range(50):  # a parse is a tree; the bound only guards against surprises
        if token.pos_ in ("VERB", "AUX") or token.tag_.startswith("VB"):
            verdict = _verb_tense(token, lex)
            if verdict:
                return verdict
        if token.head.i == token.i:
            break
        token = token.head
    return "past"


def _verb_tense(verb: Token, lex: Lexicon) -> str | None:
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    for aux in auxes:
        if aux.lower_ in lex.conditional_aux:
            # "he hinted he would use ...": future seen from a past statement;
            # "taking X would allow ...": a conditional, no time of its own.
            if verb.dep_ in ("ccomp", "xcomp") and verb.head.tag_ == "VBD":
                return "future"
        elif aux.lower_ in lex.future_aux:
            return "future"
    infinitive = verb.tag_ == "VB" or any(a.tag_ == "TO" for a in auxes)
    if infinitive and verb.dep_ == "xcomp" and verb.head.lower_ in lex.future_aux:
        return "future"  # "are going to attack"
    if (
        infinitive
        and verb.dep_ in ("xcomp", "ccomp", "advcl")
        and verb.head.lemma_.lower() in (lex.plan_verbs)
    ):
        return "future"
    if verb.lemma_.lower() in lex.plan_verbs and verb.dep_ == "ROOT" and infinitive:
        return "future"
    if any(a.lemma_ == "have" for a in auxes):
        return "past"
    for word in (verb, *auxes):
        tenses = word.morph.get("Tense", [])
        if word.morph.get("VerbForm", []) == ["Fin"] and tenses:
            return "past" if "Past" in tenses else "present"
    if verb.tag_ == "VBD":
        return "past"
    return None


def _tense_from_words(text: str, start: int) -> str:
    lex = lexicon()
    sentence_start = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start)) + 1
    before = " " + re.sub(r"\s+", " ", text[sentence_start:start].lower()) + " "
    if any(f" {w} " in before for w in lex.future_words):
        return "future"
    return "past"


# --- the notation completed by tense --------------------------------------------


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


def make_expr(text: str, cand: Candidate, tense: str, published: date | None) -> TimeExpr:
    notation = _finalise(cand.notation, tense)
    relative = notation if uses_article_date(notation) else None
    try:
        interval = evaluate(notation, published)
    except NotationError:
        interval = Interval(None, None, "day")
    if interval.start and interval.end and interval.start > interval.end:
        interval = Interval(None, None, interval.precision)  # "since 2001" written in 2000
    return TimeExpr(
        start=cand.start,
        end=cand.end,
        text=text[cand.start : cand.end],
        date_start=interval.start,
        date_end=interval.end,
        precision=TimePrecision(interval.precision),
        relative=relative,
        tense=Tense(tense),
    )
