"""Fuse: across articles — copies, canonical entities, incidents, suspect text.

``fuse_store(store)`` recomputes everything over the whole store (``frontwatch
fuse``, a review, a reprocess); ``fuse_new(store)`` (after each ingest) fuses only what
the articles stored since the last fusion can change, with the same result
(frontwatch.fuse.incremental). Both are deterministic: the same store always gives the
same result.

  copies     near-duplicate articles (MinHash LSH) and named wire origins
  suspect    article flags from scattered places, garbled names, doubled phrases
  entities   canonical people, bodies and places across spellings
  incidents  events grouped across articles, with a status and their sources
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from frontwatch.fuse.copies import CopyLink, Doc, find_copies, named_origin, provenance_keys
from frontwatch.fuse.entities import Entity, place_mentions, resolve_actors, resolve_places
from frontwatch.fuse.incidents import ArticleContext, IncidentResult, Overrides, build_incidents
from frontwatch.fuse.reach import (
    block_values,
    canonicals,
    entity_values,
    is_ours,
    mention_values,
    sorted_mentions,
)
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
    contexts: dict[str, ArticleContext] = field(default_factory=dict)
    mentions: list[dict[str, Any]] = field(default_factory=list)  # fw_fuse_mentions rows
    entity_blocks: list[dict[str, str]] = field(default_factory=list)


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
        kept = [f for f in a.flags if not is_ours(f)]
        if a.id in copies:
            kept.append(f"copy_of: {copies[a.id].origin_id}")
        flags[a.id] = sorted(set(kept) | set(report.flags))
        root = copies[a.id].origin_id if a.id in copies else a.id
        contexts[a.id] = ArticleContext(
            root, provenance[a.id], a.published, report.spans, flags[a.id], ingested.get(a.id)
        )

    found = sorted_mentions(events, extras or {})
    actor_list = [m for _sort, m in found]
    actor_entities, by_mention = resolve_actors(actor_list)
    canonical, claimant_names = canonicals(actor_list, by_mention)
    entities = actor_entities + resolve_places(place_mentions(mentions))
    incidents = build_incidents(events, contexts, claimant_names, overrides)
    index = mention_values(found, by_mention)
    blocks = block_values(actor_list, by_mention)
    return Fusion(copies, origins, provenance, flags, entities, incidents, canonical, contexts,
                  index, blocks)  # fmt: skip


def mark_pending(store: Store) -> None:
    """Say that fusion's inputs are about to change: call before storing articles (or
    re-storing them), so that a kill before the fusion that follows is repaired later."""
    tables.mark_pending(store)


def fusion_owed(store: Store) -> bool:
    """True when articles were stored after the last fusion that completed (a run was
    killed between storing and fusing, or during fusion)."""
    return tables.pending_generation(store)[1]


def fuse_new(store: Store) -> int:
    """Fuse what was stored since the last fusion and what it can change (the result a
    full ``fuse_store`` gives); the number of incidents."""
    from frontwatch.fuse.incremental import fuse_new as incremental

    return incremental(store)


def fuse_store(store: Store) -> int:
    """Recompute copies, entities, flags and incidents over the store; the number of incidents.

    The review log is replayed first (reviewed values on the events; rejected events
    left out) and its merges and splits hold; incident ids that disappear are kept as
    aliases of their successors (frontwatch.store.review). Its results are written in a
    few transactions, then marked complete: a kill at any point leaves the store marked
    as owing a fusion, which the next run recomputes."""
    generation, _owed = tables.pending_generation(store)
    full = tables.mark_full_pending(store)
    count = _fuse_all(store)
    tables.mark_fused(store, generation, full)
    return count


def _fuse_all(store: Store) -> int:
    from frontwatch import review
    from frontwatch.store.review import record_aliases

    review.refresh(store)
    before = store.incidents()
    infos = tables.article_infos(store)
    articles = store.articles()
    result = _fused(store, articles, infos)
    _save(store, articles, result)
    save_index(store, articles, result)
    store.set_incidents(result.incidents.incidents, result.incidents.by_event)
    record_aliases(store, before, result.incidents.by_event)
    return len(result.incidents.incidents)


def _fused(store: Store, articles: list[Article], infos: dict[str, Any]) -> Fusion:
    from frontwatch import review

    return fuse(
        articles,
        store.events(),
        store.place_mentions(),
        ingested={aid: info.ingested_at for aid, info in infos.items()},
        extras=tables.article_extras(store),
        overrides=review.overrides(store),
    )


def _save(store: Store, articles: list[Article], result: Fusion) -> None:
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
    entity_rows = [tables.EntityRow(**entity_values(e)) for e in result.entities]
    tables.save_fusion(
        store, links, result.flags, entity_rows, result.incidents.details, result.canonical_by_event
    )


def save_index(store: Store, articles: list[Article], result: Fusion) -> None:
    """Rewrite fusion's index (store/fuse_index.py) from a full fusion's result."""
    from frontwatch.fuse.copies import copy_rules, shingles
    from frontwatch.fuse.reach import band_keys, index_classes
    from frontwatch.store import fuse_index as idx

    rules = copy_rules()
    fused, buckets = [], []
    for a in articles:
        ctx, link = result.contexts[a.id], result.copies.get(a.id)
        fused.append({
            "article_id": a.id, "root": ctx.root, "provenance": ctx.provenance,
            "origin_name": result.origins.get(a.id),
            "jaccard": link.jaccard if link else None,
            "containment": link.containment if link else None,
            "published": ctx.published, "stored": ctx.stored,
            "spans": sorted([s, e] for s, e in ctx.suspect_spans), "flags": ctx.flags,
        })  # fmt: skip
        buckets += [
            {"key": key, "band": band, "article_id": a.id}
            for band, key in band_keys(shingles(a.text, rules.shingle_words))
        ]
    incidents = result.incidents
    idx.write_index(store, {
        idx.FuseArticleRow: fused,
        idx.FuseBucketRow: buckets,
        idx.FuseEventRow: [{"event_id": e, "article_id": a, "block": b, "lo": lo, "hi": hi}
                           for e, a, b, lo, hi in incidents.blocks],
        idx.FuseMentionRow: result.mentions,
        idx.FuseClassRow: index_classes(result.mentions),
        idx.FuseEntityBlockRow: result.entity_blocks,
        idx.FuseIncidentRow: [{"incident_id": i, "region": r, "tally": t, "lo": s[0], "hi": s[1]}
                              for i, t, regions, s in incidents.reach for r in sorted(regions)],
    })  # fmt: skip
