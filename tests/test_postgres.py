"""PostgreSQL for real: concurrent writers, an end-to-end ingest that matches SQLite,
hostile input stored the same way. (The store tests also run on PostgreSQL.)"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from corpora import processed_article, write_hostile_corpus
from frontwatch.models import RawDocument
from frontwatch.read import read_paths
from frontwatch.store import Store
from pg import server

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "demo" / "articles"
TESTS = Path(__file__).resolve().parent

# One writer: saves the same articles as the others, in its own order and batches,
# all starting at the same moment.
WRITER = """
import random, sys, time
sys.path.insert(0, sys.argv[1])
from corpora import processed_article
from frontwatch.store import Store
db, seed, start = sys.argv[2], int(sys.argv[3]), float(sys.argv[4])
articles = [processed_article(i) for i in range(60)]
random.Random(seed).shuffle(articles)
store = Store(db)
time.sleep(max(0.0, start - time.time()))
stored = already = 0
for i in range(0, len(articles), 7):
    new, old = store.save(articles[i : i + 7])
    stored, already = stored + new, already + old
print(stored, already)
"""


@pytest.fixture
def pg_url() -> Iterator[str]:
    srv = server()
    url = srv.create_database()
    yield url
    srv.drop_database(url)


def test_concurrent_writers_store_each_article_once(pg_url: str) -> None:
    Store(pg_url).close()
    start = time.time() + 4  # after every writer has started and connected
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(TESTS), pg_url, str(seed), str(start)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for seed in range(4)
    ]
    results = [p.communicate(timeout=300) for p in procs]
    for proc, (_, err) in zip(procs, results, strict=True):
        assert proc.returncode == 0, err
    totals = [tuple(map(int, out.split())) for out, _ in results]
    assert sum(stored for stored, _ in totals) == 60, totals
    assert all(stored + already == 60 for stored, already in totals)
    store = Store(pg_url)
    assert store.counts() == {
        "articles": 60,
        "place_mentions": 180,
        "time_exprs": 60,
        "events": 120,
        "incidents": 0,
    }
    expected = processed_article(17)
    assert store.article(expected.article.id) == expected.article
    store.close()


def test_concurrent_first_opens_migrate_once(pg_url: str) -> None:
    opener = "import sys; from frontwatch.store import Store; Store(sys.argv[1]).close()"
    procs = [
        subprocess.Popen([sys.executable, "-c", opener, pg_url], stderr=subprocess.PIPE, text=True)
        for _ in range(4)
    ]
    for proc in procs:
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
    store = Store(pg_url)
    assert store.counts()["articles"] == 0
    store.close()


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "frontwatch", *args],
        capture_output=True,
        text=True,
        timeout=600,
    )


def _comparable(db: str) -> list[dict]:
    store = Store(db)
    records = list(store.dump())
    store.close()
    for record in records:
        if record["kind"] == "article":
            record["article"].pop("ingested_at")
    return records


def test_demo_ingest_matches_sqlite(pg_url: str, tmp_path: Path) -> None:
    sqlite_db = str(tmp_path / "demo.db")
    for db in (sqlite_db, pg_url):
        done = _cli("ingest", str(DEMO), "--db", db)
        assert done.returncode == 0, done.stderr
    on_pg, on_sqlite = _comparable(pg_url), _comparable(sqlite_db)
    assert on_pg == on_sqlite
    assert sum(r["kind"] == "article" for r in on_pg) == len(list(DEMO.glob("*.txt")))
    events = [
        _cli("events", "--json", "--db", db).stdout for db in (sqlite_db, pg_url)
    ]  # the same rows whatever events the extractor finds today
    assert json.loads(events[0]) == json.loads(events[1])


def test_concurrent_cli_ingests_do_not_duplicate(pg_url: str) -> None:
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "frontwatch", "ingest", str(DEMO), "--db", pg_url],
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    for proc in procs:
        _, err = proc.communicate(timeout=600)
        assert proc.returncode == 0, err
    store = Store(pg_url)
    ids = [a.id for a in store.articles()]
    assert len(ids) == len(set(ids)) == len(list(DEMO.glob("*.txt")))
    store.close()


def test_hostile_corpus_ingests_into_postgres(pg_url: str, tmp_path: Path) -> None:
    cases = write_hostile_corpus(tmp_path / "hostile")
    done = _cli("ingest", str(tmp_path / "hostile"), "--db", pg_url)
    assert "Traceback" not in done.stderr, done.stderr
    assert done.returncode == 1
    expected = [r for r in read_paths([tmp_path / "hostile"]) if isinstance(r, RawDocument)]
    store = Store(pg_url)
    stored = store.articles()
    assert len(stored) == len(expected)
    assert {Path(a.path).name for a in stored} == {c.name for c in cases if c.stored}
    store.close()
