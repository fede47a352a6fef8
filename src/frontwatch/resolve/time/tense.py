"""Tense: the verb that governs an expression, and the notation it completes."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from frontwatch.resolve.time.lexicon import Lexicon, lexicon

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
