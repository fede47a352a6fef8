"""Bylines: the source a headline or post names after a dash ("... - Basurin").

Runs after the tagger and before the parser, so a short tail after a spaced dash that
ends a line ("Three killed in shelling of Donetsk - DPR territorial defense
headquarters") becomes a sentence of its own: the parser then cannot hang the source
inside the report, and claims.py reads that sentence as who claims the line before it.

A tail is a byline when it is short and nominal: at most MAX_WORDS tokens, no finite verb,
modal, number, personal pronoun or existential "there" (the Penn tags below), no
preposition, conjunction or adverb first ("- in Massachusetts, not South Carolina"), no
quotation mark ("- Russian for ''goodbye''"), and
a participle only as a modifier before a noun ("Armed Forces"). "- civilians killed and
wounded" and "- they destroyed a barge" are clauses, not sources.
"""

from __future__ import annotations

from spacy.attrs import ORTH
from spacy.language import Language
from spacy.tokens import Doc, Token

# A hyphen, an en dash, an em dash, and the em dash typed as two hyphens ("Melitopol --").
DASHES = frozenset({"-", "–", "—", "--"})
MAX_WORDS = 7
# Penn Treebank tags that make a tail a clause or a figure rather than a name.
_CLAUSE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD", "CD", "PRP", "EX", "VB"})
_PARTICIPLES = frozenset({"VBN", "VBG"})
_NOUN_TAGS = frozenset({"NN", "NNS", "NNP", "NNPS"})
_CLOSERS = frozenset({'"', "”", "»", "'", ".", "!"})
_LINE_ENDS = frozenset({";", "|"})
# Tags a source cannot open with: "- in Massachusetts, not South Carolina" is a place
# or an aside, not who says the line.
_QUOTE_MARKS = frozenset({'"', "''", "``", "“", "”", "«", "»", "„"})
_NOT_OPENING = frozenset({"IN", "CC", "TO", "RB", "WRB", "WDT"})


@Language.component("byline_breaks")
def byline_breaks(doc: Doc) -> Doc:
    """Start a sentence at each byline after a spaced dash (see the module docstring)."""
    if len(doc) < 3:
        return doc
    dash_ids = {doc.vocab.strings.add(d) for d in DASHES}
    orths = doc.to_array([ORTH]).tolist()
    for i, orth in enumerate(orths[1:-1], start=1):
        if orth in dash_ids and doc[i - 1].whitespace_ and doc[i].whitespace_:
            tail = _tail(doc, i + 1)
            if tail is not None and byline_tail(tail):
                doc[i + 1].is_sent_start = True
    return doc


def _tail(doc: Doc, start: int) -> list[Token] | None:
    """The tokens from ``start`` to the end of the line (closing quotes dropped)."""
    tokens: list[Token] = []
    for token in doc[start:]:
        if token.is_space and "\n" in token.text or token.text in _LINE_ENDS:
            break
        if token.text in DASHES:
            return None  # another dash follows: the tail is not the line's last part
        tokens.append(token)
        if len(tokens) > MAX_WORDS + 3:
            return None
    while tokens and (tokens[-1].text in _CLOSERS or tokens[-1].is_space):
        tokens.pop()
    return tokens or None


def byline_tail(tokens: list[Token]) -> bool:
    """Short and nominal, with a noun in it: a name of who says the line."""
    if len(tokens) > MAX_WORDS or not any(t.tag_ in _NOUN_TAGS for t in tokens):
        return False
    if tokens[0].tag_ in _NOT_OPENING:
        return False
    if any(t.text in _QUOTE_MARKS for t in tokens):
        return False  # "- Russian for ''goodbye''": a gloss, not a source
    for k, token in enumerate(tokens):
        if token.tag_ in _CLAUSE_TAGS or token.like_num:
            return False
        if token.tag_ in _PARTICIPLES:
            following = tokens[k + 1] if k + 1 < len(tokens) else None
            if following is None or following.tag_ not in _NOUN_TAGS:
                return False
    return True


__all__ = ["byline_breaks", "byline_tail", "DASHES"]
