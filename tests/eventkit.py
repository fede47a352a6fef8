"""What the event tests share: one text through the pipeline, its reported events, and the
side of an event's actor."""

from __future__ import annotations

from datetime import date

from frontwatch.lexicons import side_bloc
from frontwatch.models import Article, Event
from frontwatch.pipeline import Pipeline

_SAYING = ("statement", "denial")


def reported_events(pipeline: Pipeline, text: str, published: date) -> list[Event]:
    """The events of one text published on ``published``, less statements and denials."""
    article = Article(id="t", path="t.txt", text=text, published=published)
    (processed,) = list(pipeline.process([article]))
    return [e for e in processed.events if e.fw_type not in _SAYING]


def events_of_type(pipeline: Pipeline, text: str, fw_type: str, published: date) -> list[Event]:
    return [e for e in reported_events(pipeline, text, published) if e.fw_type == fw_type]


def side_of(event: Event, which: int = 1) -> str | None:
    """The bloc of actor1 (``which`` 1) or actor2 (2); None where that actor is missing."""
    actor = event.actor1 if which == 1 else event.actor2
    return side_bloc(actor.side) if actor else None


def first_type(pipeline: Pipeline, text: str, published: date) -> str | None:
    """The type of a text's main event (its first reported one), None with none."""
    events = reported_events(pipeline, text, published)
    return events[0].fw_type if events else None
