"""`frontwatch reprocess`: the per-article stages again over every stored article.

For an upgrade (a better gazetteer, new triggers): each article's places, times and
events are extracted again from its stored (cleaned) text and replace the old ones,
keeping its store time, so incident ids keep following the same articles. Reviews
re-attach to the same events (by id, else by anchor: frontwatch.review.replay), and
incident ids that change are kept as aliases of their successors.
"""

from __future__ import annotations

from dataclasses import dataclass

from frontwatch.models import Event, Incident, from_jsonable
from frontwatch.store import EventFilter, Store

BATCH = 32


@dataclass(slots=True)
class ReprocessReport:
    articles: int = 0
    events: int = 0
    renamed: int = 0  # events whose id changed (found again by anchor)
    reviewed: int = 0  # reviewed events after the replay


def reprocess_store(store: Store, pipeline: object | None = None) -> ReprocessReport:
    from frontwatch.annotate import annotate
    from frontwatch.fuse import fuse_store
    from frontwatch.pipeline import Pipeline
    from frontwatch.review.replay import _best_match
    from frontwatch.store import review as log

    runner = pipeline if isinstance(pipeline, Pipeline) else Pipeline()
    report = ReprocessReport()
    before = store.incidents()
    states = log.review_states(store)
    old_by_article: dict[str, list[Event]] = {}
    for ev in store.events(EventFilter(include_rejected=True)):
        machine = from_jsonable(Event, states[ev.id].machine) if ev.id in states else ev
        old_by_article.setdefault(ev.article_id, []).append(machine)
    renamed: dict[str, str] = {}
    articles = store.articles()
    for start in range(0, len(articles), BATCH):
        batch = articles[start : start + BATCH]
        for article, doc in zip(batch, annotate(a.text for a in batch), strict=True):
            processed = runner.process_doc(article, doc)
            store.replace_article(processed)
            report.articles += 1
            report.events += len(processed.events)
            new_ids = {ev.id for ev in processed.events}
            for old in old_by_article.get(article.id, []):
                if old.id in new_ids:
                    continue
                match = _best_match(processed.events, log.event_anchor(old))
                if match is not None:
                    renamed[old.id] = match.id
    log.forget_states(store, list(states))  # every event row is a machine record again
    fuse_store(store)  # replays the review log onto the new rows, then fuses
    report.renamed = len(renamed)
    report.reviewed = len(log.review_states(store))
    by_event: dict[str, Incident] = {}
    for incident in store.incidents():
        for event_id in incident.event_ids:
            by_event[event_id] = incident
    log.record_aliases(store, before, by_event, renamed)
    return report
