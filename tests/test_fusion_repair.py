"""A kill at any moment of an ingest, fusion included, is repaired by running it again.

The child is the library's ingest with one step replaced by a SIGKILL of itself: before
fusion starts, inside fusion's first transaction, between its transactions, and after
its results but before they are marked complete; and, on a store that already holds
the first half of the corpus (so that fusion goes the incremental way), in the middle of
the incremental fusion's one transaction (also while bodies' name classes and place
entities are being updated) and at its very end. The same ingest again (which finds
nothing new) must leave the store exactly as one uninterrupted run does, incidents,
links, entities and canonical names included.
"""

from __future__ import annotations

import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from corpora import write_articles
from frontwatch.fuse import fusion_owed
from frontwatch.store import Store
from pg import database

ARTICLES = 12
BATCH = 4
INGEST = """
import os, signal, sys
from frontwatch import fuse
from frontwatch.pipeline import ingest
from frontwatch.store import Store
from frontwatch.store import fusion as tables

def die(*_args, **_kwargs):
    os.kill(os.getpid(), signal.SIGKILL)

point = sys.argv[4]
if point == "before-fusion":
    fuse._fuse_all = die
elif point == "inside-fusion-transaction":
    tables.write_canonicals = die
elif point == "between-fusion-transactions":
    Store.set_incidents = die
elif point == "before-marked-complete":
    tables.mark_fused = die
elif point == "inside-incremental-fusion":
    import frontwatch.fuse.regroup as regroup
    regroup._write_blocks = die
elif point == "inside-class-update":  # the block's old classes deleted, no new ones yet
    import frontwatch.fuse.reach as reach
    reach.class_rows = die
elif point == "inside-place-update":  # a stored place entity about to take new mentions
    import frontwatch.fuse.reach as reach
    reach._grown_place = die
elif point == "end-of-incremental-fusion":
    tables.mark_fused_in = die
store = Store(sys.argv[2])
report = ingest([sys.argv[1]], store, batch_size=int(sys.argv[3]))
print(report.stored, report.already, flush=True)
"""
POINTS = [
    "before-fusion",
    "inside-fusion-transaction",
    "between-fusion-transactions",
    "before-marked-complete",
]


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
    db = str(tmp_path_factory.mktemp("reference") / "reference.db")
    done = _ingest(corpus, db)
    assert done.returncode == 0, done.stderr
    records = comparable(db)
    assert any(r["kind"] == "incident" for r in records), "the corpus must give incidents"
    return records


def _ingest(corpus: Path, db: str, point: str = "none") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", INGEST, str(corpus), db, str(BATCH), point],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def comparable(db: str) -> list[dict]:
    """The database dump without the ingest times (all that may differ between runs)."""
    store = Store(db)
    records = list(store.dump())
    store.close()
    for record in records:
        if record["kind"] == "article":
            record["article"].pop("ingested_at")
    return records


@pytest.mark.parametrize("point", POINTS)
def test_a_kill_during_or_before_fusion_is_repaired_by_the_next_run(
    corpus: Path, reference: list[dict], any_db: str, point: str
) -> None:
    killed = _ingest(corpus, any_db, point)
    assert killed.returncode == -signal.SIGKILL, (point, killed.stderr)
    store = Store(any_db)
    assert store.article_count() == ARTICLES  # every batch was stored before the kill
    assert fusion_owed(store), "the store says a fusion is owed"
    store.close()
    if point != "before-marked-complete":  # (there the results are all in, but unmarked)
        assert comparable(any_db) != reference  # fusion's results are missing or partial

    again = _ingest(corpus, any_db)
    assert again.returncode == 0, again.stderr
    assert again.stdout.split() == ["0", str(ARTICLES)]  # nothing new ...
    assert comparable(any_db) == reference  # ... and yet the store is complete
    store = Store(any_db)
    assert not fusion_owed(store)
    store.close()


def test_fuse_command_recomputes_and_says_when_a_fusion_was_owed(
    corpus: Path, reference: list[dict], tmp_path: Path
) -> None:
    from typer.testing import CliRunner

    from frontwatch.cli import app

    db = str(tmp_path / "x.db")
    killed = _ingest(corpus, db, "before-fusion")
    assert killed.returncode == -signal.SIGKILL
    result = CliRunner().invoke(app, ["fuse", "--db", db])
    assert result.exit_code == 0, result.output
    said = " ".join(result.output.split())
    assert f"fused {ARTICLES} article(s)" in said and "a fusion was owed" in said
    assert comparable(db) == reference
    again = CliRunner().invoke(app, ["fuse", "--db", db])
    assert "owed" not in again.output and comparable(db) == reference


INCREMENTAL_POINTS = [
    "inside-incremental-fusion",
    "inside-class-update",
    "inside-place-update",
    "end-of-incremental-fusion",
]


@pytest.mark.parametrize("point", INCREMENTAL_POINTS)
def test_a_kill_during_an_incremental_fusion_is_repaired_by_the_next_run(
    corpus: Path, reference: list[dict], any_db: str, point: str, tmp_path: Path
) -> None:
    aside = tmp_path / "aside"  # the second half, out of the corpus folder for a while
    aside.mkdir()
    later = sorted(corpus.iterdir())[ARTICLES // 2 :]
    for path in later:
        path.rename(aside / path.name)
    try:
        first = _ingest(corpus, any_db)  # the same paths as the reference's
    finally:
        for path in later:
            (aside / path.name).rename(path)
    assert first.returncode == 0, first.stderr
    killed = _ingest(corpus, any_db, point)
    assert killed.returncode == -signal.SIGKILL, (point, killed.stderr)
    store = Store(any_db)
    assert store.article_count() == ARTICLES and fusion_owed(store)
    store.close()
    assert comparable(any_db) != reference  # the new half is not fused
    again = _ingest(corpus, any_db)
    assert again.returncode == 0, again.stderr
    assert again.stdout.split() == ["0", str(ARTICLES)]
    assert comparable(any_db) == reference  # as one uninterrupted ingest of it all
