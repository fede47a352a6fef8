"""Nothing lost: an ingest killed (SIGKILL) half way through a corpus and started
again stores every article exactly once, and never half an article."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from corpora import write_articles
from frontwatch.store import Store
from pg import database

ARTICLES = 30
BATCH = 3
# The child: the library's ingest (what `frontwatch ingest` runs) with small batches.
INGEST = """
import sys
from frontwatch.pipeline import ingest
from frontwatch.store import Store
store = Store(sys.argv[2])
report = ingest([sys.argv[1]], store, batch_size=int(sys.argv[3]))
print(report.stored, report.already, flush=True)
"""


@pytest.fixture(params=["sqlite", "postgresql"])
def any_db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    yield from database(request.param, tmp_path)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    write_articles(folder, ARTICLES)
    return folder


@pytest.fixture(scope="module")
def reference(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> list[dict]:
    """The database an uninterrupted ingest makes, as dump records."""
    db = str(tmp_path_factory.mktemp("reference") / "reference.db")
    done = _ingest(corpus, db)
    assert done.returncode == 0, done.stderr
    return comparable(db)


def _child(corpus: Path, db: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", INGEST, str(corpus), db, str(BATCH)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _ingest(corpus: Path, db: str) -> subprocess.CompletedProcess[str]:
    proc = _child(corpus, db)
    out, err = proc.communicate(timeout=600)
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


def comparable(db: str) -> list[dict]:
    """Dump records without what differs between runs: the ingest time, and what the
    cross-article stage derives from whichever articles are stored (incidents, canonical
    names), which a killed run has not computed yet."""
    store = Store(db)
    records = list(store.dump())
    store.close()
    for record in records:
        if record["kind"] == "article":
            record["article"].pop("ingested_at")
            for event in record["events"]:
                _without_fusion(event)
                _without_fusion(event["payload"])
    return records


def _without_fusion(event: dict) -> None:
    event.pop("incident_id", None)
    event.pop("incident_status", None)
    claim = event.get("claim") or {}
    for actor in (event.get("actor1"), event.get("actor2"), claim.get("claimant")):
        if isinstance(actor, dict):
            actor.pop("canonical", None)


def stored_count(db: str) -> int:
    store = Store(db)
    try:
        return store.counts()["articles"]
    finally:
        store.close()


def test_killed_ingest_resumes_without_loss_or_duplicates(
    corpus: Path, reference: list[dict], any_db: str
) -> None:
    Store(any_db).close()  # schema in place, so the parent can watch from the start
    proc = _child(corpus, any_db)
    deadline = time.monotonic() + 300
    seen = 0
    while time.monotonic() < deadline and proc.poll() is None:
        seen = stored_count(any_db)
        if seen >= ARTICLES // 3:
            break
        time.sleep(0.02)
    os.kill(proc.pid, signal.SIGKILL)
    proc.communicate()
    assert proc.returncode == -signal.SIGKILL, "the ingest finished before it could be killed"
    at_kill = comparable(any_db)
    stored = [r for r in at_kill if r["kind"] == "article"]
    assert 0 < len(stored) < ARTICLES, "killed half way through"
    # No partial article: each one stored is exactly as the uninterrupted run stored it.
    by_id = {r["article"]["id"]: r for r in reference if r["kind"] == "article"}
    for record in stored:
        assert record == by_id[record["article"]["id"]]

    done = _ingest(corpus, any_db)
    assert done.returncode == 0, done.stderr
    new, already = map(int, done.stdout.split())
    assert new + len(stored) == ARTICLES
    assert already == len(stored)
    assert comparable(any_db) == reference, "every article exactly once, nothing else"
