"""Fusion does not depend on how the articles arrived: one batch or six, same incidents.

A UCDP-like corpus (synthetic: stories of one happening told by one to four articles,
some near-copies; no language model needed) is stored in one batch into one store and
in six batches, each fused, into another; their incidents must be identical, ids
included, and so must copy links and entities.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from frontwatch.bench.scale import synthetic_articles
from frontwatch.fuse import fuse_store, mark_pending
from frontwatch.models import to_jsonable
from frontwatch.store import Store
from frontwatch.store import fusion as tables


def _fused(db: Path, batches: int, n: int = 240) -> dict[str, Any]:
    articles = list(synthetic_articles(n, seed=3))
    store = Store(str(db))
    size = -(-n // batches)
    for start in range(0, n, size):
        mark_pending(store)
        store.save(articles[start : start + size])
        fuse_store(store)
    result = {
        "incidents": sorted((to_jsonable(i) for i in store.incidents()), key=lambda i: i["id"]),
        "events": sorted((e.id, e.incident_id) for e in store.events()),
        "links": sorted(
            (r.article_id, r.copy_of, r.provenance) for r in tables.article_links(store).values()
        ),
        "entities": sorted((r.id, r.canonical, r.mentions) for r in tables.entities(store)),
    }
    store.close()
    return result


def test_one_batch_and_six_batches_give_identical_incidents(tmp_path: Path) -> None:
    one = _fused(tmp_path / "one.db", 1)
    six = _fused(tmp_path / "six.db", 6)
    assert len(one["incidents"]) > 20
    assert any(len(i["event_ids"]) > 1 for i in one["incidents"])  # incidents group articles
    assert any(copy_of for _a, copy_of, _p in one["links"])  # and copies were found
    assert six == one
