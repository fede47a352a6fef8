"""Incremental fusion: a new batch touches only what it can change (docs/fusion.md).

``fuse_new(store)`` fuses the articles stored since the last fusion (those without a
row in fusion's index, store/fuse_index.py) and everything within their reach, and
nothing else; the result is the one a full recomputation (``fuse_store``) gives, ids
and all, because every part is computed by the same pure functions on a part of the
store that is closed under what those functions compare:

  copies     the copy clusters of the stored articles that share an LSH band with a
             new one and verify as copies, each whole (their origin may change);
  entities   the name blocks (surname skeleton, body name) of the new mentions, with
             every block an entity of them was merged from;
  incidents  the events of new articles and of articles whose copy cluster, provenance
             or claimant names changed, their old incidents' members, and every event
             compatible with one of them inside a block and the sweep window, again
             and again until nothing is added (blocks are swept in key order, so a
             part groups as it does in the whole); then the tallies that sum them.

All its writes, the index's and the "fused" mark included, are one transaction: a kill
at any moment leaves the articles unfused, and the next run does them again. It falls
back to a full recomputation when the index is not built or a full one is owed (a store
from before migration 0005, a re-processed article, a killed full fusion), when the
review log has entries (its replay is defined over the whole store), and when a block
is too dense for the sweep's ``max_block`` to be ignored.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from frontwatch.fuse.copies import (
    CopyLink,
    Doc,
    copy_rules,
    find_copies,
    named_origin,
    provenance_keys,
    shingles,
    similarity,
)
from frontwatch.fuse.incidents import ArticleContext
from frontwatch.fuse.reach import band_keys, is_ours, our_flags
from frontwatch.fuse.suspect import assess_article
from frontwatch.models import Article, PlaceMention, from_jsonable
from frontwatch.store import Store
from frontwatch.store import fuse_index as idx
from frontwatch.store import fusion as tables


class TooDense(Exception):
    """A block holds more events in one sweep window than ``max_block``: fall back."""


@dataclass(slots=True)
class Fused:
    """One article's copy link, provenance and flags as this fusion computed them."""

    root: str
    provenance: str
    origin_name: str | None
    link: CopyLink | None
    flags: list[str]
    spans: set[tuple[int, int]]
    published: Any
    stored: Any
    payload: dict[str, Any]


@dataclass(slots=True)
class Batch:
    """What one incremental fusion works on and found."""

    new: list[str]
    articles: dict[str, Fused] = field(default_factory=dict)  # new and changed
    changed: set[str] = field(default_factory=set)  # stored articles whose context changed
    canonical: dict[str, dict[str, str]] = field(default_factory=dict)
    claimant_changed: set[str] = field(default_factory=set)  # event ids


def fuse_new(store: Store) -> int:
    """Fuse what was stored since the last fusion; the number of incidents written."""
    from frontwatch.fuse import fuse_store

    if _needs_full(store):
        return fuse_store(store)
    generation, owed = tables.pending_generation(store)
    try:
        with store.write_session(lock="fusion") as session:
            new = idx.unfused_article_ids(session)
            if not new:
                if not owed:
                    return 0
                raise TooDense  # owed, yet nothing new: something else changed
            count = _fuse_batch(session, Batch(new))
            tables.mark_fused_in(session, generation)
            return count
    except TooDense:
        return fuse_store(store)


def _needs_full(store: Store) -> bool:
    from frontwatch.store import review as log

    return tables.full_owed(store) or bool(log.entries(store)) or bool(log.review_states(store))


def _fuse_batch(session: Session, batch: Batch) -> int:
    from frontwatch.fuse.reach import fuse_entities, fuse_places
    from frontwatch.fuse.regroup import regroup

    _copies(session, batch)
    fuse_entities(session, batch)
    fuse_places(session, batch)
    _write_articles(session, batch)
    return regroup(session, batch)


# --- copies --------------------------------------------------------------------------------


def _copies(session: Session, batch: Batch) -> None:
    rules = copy_rules()
    rows = idx.article_rows(session, batch.new)
    docs = {i: _doc(rows[i]) for i in batch.new}
    sets = {i: shingles(d.text, rules.shingle_words) for i, d in docs.items()}
    keys = {i: band_keys(sets[i]) for i in batch.new}
    by_key: dict[tuple[int, int], list[str]] = {}
    for i in batch.new:
        for band_key in keys[i]:
            by_key.setdefault(band_key, []).append(i)
    candidates: set[tuple[str, str]] = set()
    for band, key, other in idx.bucket_hits(session, by_key):
        candidates.update((i, other) for i in by_key[(band, key)])
    for sharing in by_key.values():
        candidates.update((a, b) for a in sharing for b in sharing if a < b)
    stored_ids = {b for _a, b in candidates if b not in docs}
    rows.update(idx.article_rows(session, stored_ids))
    for other in stored_ids:
        docs[other] = _doc(rows[other])
        sets[other] = shingles(docs[other].text, rules.shingle_words)
    touched: set[str] = set()
    for a, b in candidates:
        jac, cont = similarity(sets[a], sets[b])
        if jac >= rules.min_jaccard or cont >= rules.min_containment:
            touched.update((a, b))
    old = idx.fuse_articles(session, touched - set(batch.new))
    members = idx.cluster_members(session, {r.root for r in old.values()}) | touched
    missing = members - set(rows)
    rows.update(idx.article_rows(session, missing))
    old.update(idx.fuse_articles(session, members - set(batch.new) - set(old)))
    for other in missing:
        docs[other] = _doc(rows[other])
    part = sorted(members | set(batch.new))
    links = find_copies([docs[i] for i in sorted(members)], rules)
    origins = {i: old[i].origin_name if i in old else _origin(rows[i]) for i in part}
    provenance = provenance_keys([docs[i] for i in part], links, origins)
    mentions = _mentions(session, batch.new)
    for i in part:
        link = links.get(i)
        root = link.origin_id if link else i
        if i in old:
            row = old[i]
            same = (row.root, row.provenance, row.jaccard, row.containment) == (
                root, provenance[i], link.jaccard if link else None,
                link.containment if link else None)  # fmt: skip
            if same:
                continue
            batch.changed.add(i)
            flags = our_flags(list(row.flags), link)
            spans = {(int(s), int(e)) for s, e in row.spans}
        else:
            article = from_jsonable(Article, rows[i].payload)
            report = assess_article(article.text, mentions.get(i, []))
            flags = our_flags([*(f for f in article.flags if not is_ours(f)), *report.flags], link)
            spans = report.spans
        batch.articles[i] = Fused(root, provenance[i], origins[i], link, flags, spans,
                                  docs[i].published, docs[i].ingested_at,
                                  rows[i].payload)  # fmt: skip


def _doc(row: Any) -> Doc:
    return Doc(row.id, row.payload.get("text", ""), row.published, row.ingested_at)


def _origin(row: Any) -> str | None:
    return named_origin(row.payload.get("text", ""), row.payload.get("origin"))


def _mentions(session: Session, ids: list[str]) -> dict[str, list[PlaceMention]]:
    found: dict[str, list[PlaceMention]] = {}
    for article_id, payload in idx.place_mentions_of(session, ids):
        found.setdefault(article_id, []).append(from_jsonable(PlaceMention, payload))
    return found


def context_of(fused: Fused | idx.FuseArticleRow) -> ArticleContext:
    spans = fused.spans if isinstance(fused, Fused) else {(int(s), int(e)) for s, e in fused.spans}
    return ArticleContext(fused.root, fused.provenance, fused.published, set(spans),
                          list(fused.flags), fused.stored)  # fmt: skip


# --- writing the articles' rows --------------------------------------------------------------


def _write_articles(session: Session, batch: Batch) -> None:
    from sqlalchemy import update

    from frontwatch.store.schema import ArticleRow

    ids = sorted(batch.articles)
    idx.delete_where(session, idx.FuseArticleRow.article_id, ids)
    idx.delete_where(session, tables.ArticleLinkRow.article_id, ids)
    fused, links, changes = [], [], []
    for i in ids:
        f = batch.articles[i]
        fused.append(fuse_article_values(i, f))
        links.append(link_values(i, f.link, f.origin_name, f.provenance))
        copy_of = f.link.origin_id if f.link else None
        changes.append({"id": i, "payload": {**f.payload, "flags": f.flags}, "copy_of": copy_of})
    rules = copy_rules()
    buckets = [
        {"key": key, "band": band, "article_id": i}
        for i in batch.new
        for band, key in band_keys(shingles(batch.articles[i].payload.get("text", ""),
                                            rules.shingle_words))
    ]  # fmt: skip
    for model, values in ((idx.FuseArticleRow, fused), (tables.ArticleLinkRow, links),
                          (idx.FuseBucketRow, buckets)):  # fmt: skip
        idx.insert_rows(session, model, values)
    for chunk in idx.chunks(changes):
        session.execute(update(ArticleRow), chunk)


def fuse_article_values(article_id: str, f: Fused) -> dict[str, Any]:
    return {
        "article_id": article_id, "root": f.root, "provenance": f.provenance,
        "origin_name": f.origin_name, "jaccard": f.link.jaccard if f.link else None,
        "containment": f.link.containment if f.link else None, "published": f.published,
        "stored": f.stored, "spans": sorted([s, e] for s, e in f.spans), "flags": f.flags,
    }  # fmt: skip


def link_values(
    article_id: str, link: CopyLink | None, origin_name: str | None, provenance: str
) -> dict[str, Any]:
    return {
        "article_id": article_id, "copy_of": link.origin_id if link else None,
        "similarity": link.jaccard if link else None, "origin_name": origin_name,
        "provenance": provenance,
    }  # fmt: skip
