"""Roles: a place named as the agent of something ("Kyiv said", "Moscow-backed")
is an actor, not a site; the dateline keeps its own role."""

from __future__ import annotations

from spacy.tokens import Doc

from frontwatch.annotate.text import opens_header
from frontwatch.resolve.names import fold
from frontwatch.resolve.places.common import Lexicon, _Span


def _agentive(doc: Doc, span: _Span, lex: Lexicon) -> bool:
    """Is the name the agent of something: subject, possessor, "Moscow-backed"?"""
    end = span.end
    if (
        end + 1 < len(doc)
        and doc[end].text == "-"
        and doc[end + 1].lower_ in lex.agentive_participles
    ):
        return True
    tok = doc[span.start : span.end].root
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    if tok.dep_ == "pobj" and tok.head.dep_ == "agent":
        return True
    nominal = tok.head.head.pos_ == "NOUN" or tok.head.head.tag_ == "VBG"
    if tok.dep_ == "pobj" and tok.head.lower_ == "by" and nominal:
        return True  # "shelling of key infrastructure by Russia": who shelled, not where
    if tok.dep_ not in lex.agent_deps:
        return False
    if tok.dep_ == "poss":
        return True
    return tok.head.lemma_.lower() not in lex.non_agentive


def _role(doc: Doc, span: _Span, lex: Lexicon) -> str:
    if span.role == "dateline":
        return "dateline"
    if opens_header(doc, span.start, span.end):
        return "location"  # "Kyiv, 8 July 2024: a missile hit …": where, not who
    key = fold(span.name)
    place = span.choice.place if span.choice else None
    can_act = key in lex.seats or key in lex.always_actor
    if place is not None and place.feature in ("PCLI", "PPLC"):
        can_act = True
    if can_act and (_agentive(doc, span, lex) or span.inside == "ORG"):
        return "actor"  # "Ukraine" in "the Armed Forces of Ukraine" is the state, not a site
    if can_act and _names_whose(doc, span, lex):
        return "actor"  # "told U.S. lawmakers": whose lawmakers, not where anything happened
    return "location"


def _names_whose(doc: Doc, span: _Span, lex: Lexicon) -> bool:
    """A country or capital before a noun for people ("U.S. lawmakers", "Kyiv officials")."""
    tok = doc[span.start : span.end].root
    return tok.dep_ in ("compound", "nmod") and tok.head.lemma_.lower() in lex.people_nouns
