"""bench-scale: the synthetic store and the timed batch (figures come from `make bench-scale`)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from frontwatch.bench.scale import run_scale, synthetic_articles
from frontwatch.models import Article, ProcessedArticle
from frontwatch.pipeline import ingest_articles
from frontwatch.store import Store
from pg import database


def test_synthetic_articles_are_one_seeded_sequence_with_stories_and_copies() -> None:
    first = list(synthetic_articles(300))
    again = list(synthetic_articles(100, start_index=200))
    assert [p.article.id for p in first[200:]] == [p.article.id for p in again]
    assert len({p.article.id for p in first}) == 300
    mentions = [p.events[0].place for p in first]
    places = {m.place.id for m in mentions if m and m.place}
    assert len(places) > 50  # spread over the theatre
    days = sorted(p.article.published for p in first if p.article.published)
    assert (days[-1] - days[0]).days > 700  # over about three years
    texts = [p.article.text for p in first]
    assert sum("Reporting by desk" in t for t in texts) > 5  # near-copies of a story


@pytest.fixture(params=["sqlite", "postgresql"])
def any_db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    yield from database(request.param, tmp_path)


def test_run_scale_times_the_batch_at_each_size_in_a_copy(any_db: str) -> None:
    """SQLite: in a copy of the file; PostgreSQL: in a CREATE DATABASE ... TEMPLATE copy."""
    batch = list(synthetic_articles(20, seed=7))
    said: list[str] = []
    ingested: list[int] = []
    db = any_db

    class Processed:  # the language model's part, already done
        def process(self, articles: list[Article], n_process: int = 1) -> list[ProcessedArticle]:
            ingested.append(len(articles))
            return [p for p in batch if p.article in articles]

    def ingest(store: Store) -> None:
        report = ingest_articles([p.article for p in batch], store, Processed())  # type: ignore[arg-type]
        assert report.stored == 20

    result = run_scale(batch, [50, 120], ingest, db, said.append, repeats=2)
    assert result["store_articles"] == [50, 120]
    for key in ("batch_seconds", "store_fusion_seconds"):
        assert len(result[key]) == 2 and all(s > 0 for s in result[key])
    assert ingested == [20] * 5  # one warm-up, then the repeats at each size, each in a copy
    first, last = result["batch_seconds"]
    assert result["batch_ratio"] == round(last / first, 3)
    assert result["batch_articles"] == 20 and result["peak_rss_mb"] > 0
    store = Store(db)
    assert store.article_count() == 120  # the batch went into a copy, not into the store
    store.close()
