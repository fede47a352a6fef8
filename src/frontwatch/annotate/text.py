"""The text of an annotated Doc, built once per Doc and shared by the stages.

spaCy builds ``Doc.text`` and ``Span.text`` anew on every access, joining one
Python ``Token`` per token; the places, claims and events stages need the
document's text and every sentence's text several times over. ``doc_text``
builds it once (kept in ``Doc.user_data``) and ``span_text`` slices it: a
token's trailing whitespace is at most one space and belongs to no span's
text, so ``span.text == doc.text[span.start_char : span.end_char]``.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

_KEY = "frontwatch.text"


def doc_text(doc: Doc) -> str:
    """``doc.text``, joined once per Doc."""
    text = doc.user_data.get(_KEY)
    if text is None:
        text = doc.user_data[_KEY] = doc.text
    return text


def span_text(span: Span) -> str:
    """``span.text``, as a slice of the Doc's text."""
    return doc_text(span.doc)[span.start_char : span.end_char]
