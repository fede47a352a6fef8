"""Places: recognise place names in an annotated article and resolve them.

Contract: ``resolve_places(doc, article, gazetteer) -> list[PlaceMention]``, in
document order, each with its role (location | actor | dateline), its resolved
``Place`` (or None) and flags (suspect_far, unresolved, garbled, ...).

STUB: the places issue replaces this.
"""

from __future__ import annotations

from spacy.tokens import Doc

from frontwatch.models import Article, PlaceMention
from frontwatch.resolve.gazetteer import Gazetteer


def resolve_places(doc: Doc, article: Article, gazetteer: Gazetteer) -> list[PlaceMention]:
    return []
