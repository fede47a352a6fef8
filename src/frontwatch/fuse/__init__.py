"""Fuse: across articles — copies, canonical entities, incidents, suspect text.

``fuse_store(store)`` recomputes everything over the whole store (after each
ingest): it is deterministic, so the same store always gives the same result.

  copies     near-duplicate articles (MinHash LSH) and named wire origins
  suspect    article flags from scattered places, garbled names, doubled phrases
  entities   canonical people, bodies and places across spellings
  incidents  events grouped across articles, with a status and their sources
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from frontwatch.fuse.copies import CopyLink, Doc, find_copies, named_origin, provenance_keys
from frontwatch.fuse.entities import (
    Entity,
    actor_mentions,
    place_mentions,
    resolve_actors,
    resolve_places,
)
from frontwatch.fuse.incidents import ArticleContext, IncidentResult, Overrides, build_incidents
from frontwatch.fuse.suspect import assess_article
from frontwatch.models import Article, Event, PlaceMention
from frontwatch.store import Store
from frontwatch.store import fusion as tables


@dataclass(slots=True)
class Fusion:
    """Everything the fuse stage found, before it is stored."""

    copies: dict[str, CopyLink]
    origins: dict[str, str | None]
    provenance: dict[str, str]
    flags: dict[str, list[str]]
    entities: list[Entity]
    incidents: IncidentResult
    canonical_by_event: dict[str, dict[str, str]] = field(default_factory=dict)


def fuse(
    articles: list[Article],
    events: list[Event],
    mentions: list[tuple[str, PlaceMention]],
    ingested: dict[str, Any] | None = None,
    extras: dict[str, dict[str, Any]] | None = None,
    overrides: Overrides | None = None,
) -> Fusion:
    """Fusion over articles, their events and place mentions (no store needed);
    ``overrides``: analysts' merges and splits (frontwatch.review)."""
    ingested = ingested or {}
    docs = [Doc(a.id, a.text, a.published, ingested.get(a.id)) for a in articles]
    copies = find_copies(docs)
    origins = {a.id: named_origin(a.text, a.origin) for a in articles}
    provenance = provenance_keys(docs, copies, origins)

    by_article: dict[str, list[PlaceMention]] = {}
    for article_id, mention in mentions:
        by_article.setdefault(article_id, []).append(mention)
    flags: dict[str, list[str]] = {}
    contexts: dict[str, ArticleContext] = {}
    for a in articles:
        report = assess_article(a.text, by_article.get(a.id, []))
        kept = [f for f in a.flags if not _ours(f)]
        if a.id in copies:
            kept.append(f"copy_of: {copies[a.id].origin_id}")
        flags[a.id] = sorted(set(kept) | set(report.flags))
        root = copies[a.id].origin_id if a.id in copies else a.id
        contexts[a.id] = ArticleContext(
            root, provenance[a.id], a.published, report.spans, flags[a.id], ingested.get(a.id)
        )

    actor_list = actor_mentions(events, extras or {})
    actor_entities, by_mention = resolve_actors(actor_list)
    canonical: dict[str, dict[str, str]] = {}
    claimant_names: dict[str, str] = {}
    for i, actor in enumerate(actor_list):
        entity = by_mention.get(i)
        if entity is None:
            continue
        for event_id, slot in actor.slots:
            canonical.setdefault(event_id, {})[slot] = entity.canonical
            if slot == "claimant":
                claimant_names[event_id] = entity.canonical
    entities = actor_entities + resolve_places(place_mentions(mentions))
    incidents = build_incidents(events, contexts, claimant_names, overrides)
    return Fusion(copies, origins, provenance, flags, entities, incidents, canonical)


# Flags this stage sets (recomputed each run); others' flags are kept.
_OUR_FLAGS = ("scattered_places", "garbled_names", "duplicated_phrases", "copy_of")


def _ours(flag: str) -> bool:
    return flag.split(":", 1)[0] in _OUR_FLAGS


def mark_pending(store: Store) -> None:
    """Say that fusion's inputs are about to change: call before storing articles (or
    re-storing them), so that a kill before the fusion that follows is repaired later."""
    tables.mark_pending(store)


def fusion_owed(store: Store) -> bool:
    """True when articles were stored after the last fusion that completed (a run was
    killed between storing and fusing, or during fusion)."""
    return tables.pending_generation(store)[1]


def fuse_store(store: Store) -> int:
    """Recompute copies, entities, flags and incidents over the store; the number of incidents.

    The review log is replayed first (reviewed values on the events; rejected events
    left out) and its merges and splits hold; incident ids that disappear are kept as
    aliases of their successors (frontwatch.store.review). Its results are written in a
    few transactions, then marked complete: a kill at any point leaves the store marked
    as owing a fusion, which the next run recomputes."""
    generation, _owed = tables.pending_generation(store)
    count = _fuse_all(store)
    tables.mark_fused(store, generation)
    return count


def _fuse_all(store: Store) -> int:
    from frontwatch import review
    from frontwatch.store.review import record_aliases

    review.refresh(store)
    before = store.incidents()
    infos = tables.article_infos(store)
    articles = store.articles()
    result = fuse(
        articles,
        store.events(),
        store.place_mentions(),
        ingested={aid: info.ingested_at for aid, info in infos.items()},
        extras=tables.article_extras(store),
        overrides=review.overrides(store),
    )
    links = [
        tables.ArticleLinkRow(
            article_id=a.id,
            copy_of=result.copies[a.id].origin_id if a.id in result.copies else None,
            similarity=result.copies[a.id].jaccard if a.id in result.copies else None,
            origin_name=result.origins.get(a.id),
            provenance=result.provenance[a.id],
        )
        for a in articles
    ]
    entity_rows = [
        tables.EntityRow(
            id=e.id,
            kind=e.kind,
            canonical=e.canonical,
            side=e.side,
            mentions=e.mentions,
            payload={
                "role": e.role,
                "spellings": e.spellings,
                "articles": e.articles,
                "matched_by": e.matched_by,
            },
        )
        for e in result.entities
    ]
    tables.save_fusion(
        store, links, result.flags, entity_rows, result.incidents.details, result.canonical_by_event
    )
    store.set_incidents(result.incidents.incidents, result.incidents.by_event)
    record_aliases(store, before, result.incidents.by_event)
    return len(result.incidents.incidents)
