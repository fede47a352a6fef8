"""Whether a trigger's event happened: PLANNED ("plans to attack"), CONDITIONAL ("if
the talks fail, … will strike"), FAILED ("tried to break through, to no avail") or
BACKGROUND (an ongoing state, or a past-perfect relative clause that describes a party
or a place: "marines who had crossed the Dnipro attacked …"), read from its clause and
the clauses above it. The words are the lexicon's (data/attribution.toml,
data/triggers.toml)."""

from __future__ import annotations

from spacy.tokens import Token

from frontwatch.extract.lexicon import Lexicon
from frontwatch.models import Status

# Dependencies along which a clause inherits the modality of the one above it.
_CLAUSE_CHAIN = frozenset(
    {"xcomp", "advcl", "conj", "csubj", "ccomp", "acl", "pcomp", "prep", "pobj"}
)


# "the following day that he had died": a clause of a day, not of a party
_TIME_NOUNS = frozenset({"day", "night", "week", "month", "year", "morning", "evening", "time"})


def modality(token: Token, clause: Token, lex: Lexicon) -> Status | None:
    """PLANNED, CONDITIONAL or FAILED when the clause (or one above it) says so."""
    if any(
        c.dep_ == "amod" and c.lemma_.lower() in lex.hypothetical_modifiers for c in token.children
    ):
        return Status.PLANNED
    relative = clause.dep_ == "relcl" and clause.head.lemma_.lower() not in _TIME_NOUNS
    if relative and any(c.dep_ == "aux" and c.lower_ == "had" for c in clause.children):
        return Status.BACKGROUND  # "marines who had crossed the Dnipro attacked X": context
    if clause.dep_ == "acl" and clause.tag_ == "VBG" and clause.head.dep_ == "nsubj":
        return Status.BACKGROUND  # "soldiers occupying Motyzhyn took the head away": who
    current = clause
    for _ in range(6):
        if current.lemma_.lower() in lex.reporting_verbs and current is not clause:
            return None  # the reporting verb's own tense says nothing of the event
        status = _own_modality(current, lex)
        if status:
            return status
        if current.dep_ not in _CLAUSE_CHAIN or current.head is current:
            return None
        if current.dep_ == "acl" and any(c.dep_ == "agent" for c in current.children):
            return None  # "… to cross the river with boats repelled by border guards": done
        if current.dep_ == "conj" and any(c.dep_ == "nsubj" for c in current.children):
            return None  # "teams kept pulling bodies out, and the toll had reached 36": a
            # clause with its own subject has its own mood
        if _result_participle(current):
            return None
        current = current.head
    return None


def _result_participle(verb: Token) -> bool:
    """ "opened fire on a car carrying a family trying to leave the area, killing the
    father": a participle after a comma tells what the main clause did; the parser hung it
    on the infinitive before it, whose attempt is someone else's."""
    i = verb.i
    return (
        verb.dep_ == "advcl"
        and verb.tag_ == "VBG"
        and i > 0
        and verb.doc[i - 1].text == ","
        and verb.head.dep_ == "xcomp"
    )


def _own_modality(verb: Token, lex: Lexicon) -> Status | None:
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if _ongoing_state(verb, auxes, lex):
        return Status.BACKGROUND
    if any(c.lemma_.lower() in lex.failure_heads for c in [verb.head]) and verb.dep_ == "xcomp":
        return Status.FAILED
    if (
        verb.dep_ == "xcomp"
        and verb.head.lemma_.lower() in lex.attempt_heads
        and verb.head.tag_ in ("VBD", "VBN")
    ):
        return Status.FAILED  # "tried to break through, to no avail": attempted, so fought
    if verb.dep_ in ("xcomp", "acl") and verb.head.lemma_.lower() in lex.planning_heads:
        # "an attempt to cross", not "the attempt … repelled by border guards" (done to it)
        return None if verb.dep_ == "acl" and verb.tag_ == "VBN" else Status.PLANNED
    if any(c.lower_ in lex.future_auxiliaries for c in auxes):
        if any(c.dep_ == "advcl" and _has_mark(c, "if") for c in verb.children):
            return Status.CONDITIONAL
        return Status.PLANNED
    return None


def _ongoing_state(verb: Token, auxes: list[Token], lex: Lexicon) -> bool:
    """ "is still holding", "still controls": a state that goes on, not a new event."""
    still = any(c.dep_ == "advmod" and c.lower_ in lex.state_adverbs for c in verb.children)
    present = verb.tag_ in ("VBZ", "VBP") or any(a.tag_ in ("VBZ", "VBP") for a in auxes)
    return still and present


def _has_mark(token: Token, word: str) -> bool:
    return any(c.dep_ == "mark" and c.lower_ == word for c in token.children)
