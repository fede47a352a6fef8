"""Extract: events, their actors and sides, and the claims behind them.

``extract_events(doc, article, places, times) -> (events, actors)``.
"""

from __future__ import annotations

from spacy.tokens import Doc

from frontwatch.models import Actor, Article, Event, PlaceMention, TimeExpr


def extract_events(
    doc: Doc, article: Article, places: list[PlaceMention], times: list[TimeExpr]
) -> tuple[list[Event], list[Actor]]:
    return [], []
