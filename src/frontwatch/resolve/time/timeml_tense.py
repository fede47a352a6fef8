"""Tense hints of the TimeML reading for year-less dates (months, month-days, weekdays).

``tense_of`` (resolve/time/tense.py) gives the tense of the verb that governs an
expression, and frontwatch's event dates rest on it. TimeML values the date
meant, and a few constructions place a year-less date against that tense:

- ahead ("future"): a word of ``[prospective]`` in data/timeml.toml on the way from
  the date up to its verb, the verb included ("a dividend payable Dec. 7",
  "effective Feb. 1", "planned for early March", "has scheduled a briefing
  Thursday"); a phrase of ``[prospective].before`` just before it ("as soon as
  Tuesday"); "be to" + infinitive ("is to resume trading Tuesday"); for a month,
  a modal of its verb without "have" ("the ministers can meet in April"; a weekday
  under "could" is most often one just past: "could not be reached Wednesday");
- behind ("past"): a bare past participle modifying a noun ("the decision,
  announced Wednesday", "an injunction issued Thursday", "shares issued July 1,
  which will receive ..."): the thing was done, whatever the sentence's tense;
  but the participle + preposition pairs of ``[prospective].participles``
  schedule ("a summit set for April"; "a record high set on Aug. 6" is behind).

``tense_hint`` gives "future", "past" or None (no hint: the verb's tense stands).
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from frontwatch.resolve.time.context import Candidate
from frontwatch.resolve.time.timeml_patterns import timeml_lexicon

FAMILIES = ("month", "month_day", "weekday")


def tense_hint(doc: Doc | None, cand: Candidate, text: str) -> str | None:
    """ "future", "past" or None for a year-less date (module doc)."""
    if cand.family not in FAMILIES:
        return None
    tlex = timeml_lexicon()
    before = re.sub(r"\s+", " ", text[max(0, cand.start - 30) : cand.start].lower())
    if any(before.endswith(f"{phrase} ") for phrase in tlex.prospective_before):
        return "future"
    if doc is None or not doc.has_annotation("DEP"):
        return None
    span = doc.char_span(cand.start, cand.end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    token = span.root
    for _ in range(12):
        if token.head.i == token.i:
            return None
        below, token = token, token.head
        if token.lemma_.lower() in tlex.prospective_words or token.lower_ in tlex.prospective_words:
            return "future"
        if token.pos_ in ("VERB", "AUX"):
            return _verb_hint(token, below, cand.family)
    return None


def _verb_hint(verb: Token, below: Token, family: str) -> str | None:
    tlex = timeml_lexicon()
    auxes = {c.lemma_.lower() for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if verb.tag_ == "VBN" and verb.dep_ in ("acl", "amod") and not auxes:
        preps = {below.lower_, *(c.lower_ for c in verb.children if c.dep_ == "prep")}
        if any((verb.lower_, prep) in tlex.prospective_participles for prep in preps):
            return "future"  # "a summit set for April"
        return "past"  # "the decision, announced Wednesday"
    if "to" in auxes and verb.dep_ == "xcomp" and verb.head.lemma_ == "be":
        return "future"  # "is to resume trading Tuesday"
    modal = auxes & tlex.prospective_modals
    if family != "weekday" and modal and "have" not in auxes:
        return "future"
    return None
