"""Long commands say how far they got, with the total from the start (cli/progress.py).

Off a terminal the progress is plain lines on stderr: the first, with the total, before
any work; the last at the total. Tested on the helper, on `export --what db` and on
`ingest` (whose total counts articles, not files).
"""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

from rich.console import Console

from corpora import write_articles
from frontwatch.bench.scale import synthetic_articles
from frontwatch.cli.progress import counted
from frontwatch.store import Store


def test_plain_progress_lines_carry_the_total_from_the_start() -> None:
    out = io.StringIO()
    with counted(Console(file=out, width=200), "work", 25, "things") as progress:
        assert out.getvalue() == "work: 0/25 things\n"  # before anything was done
        for _ in range(25):
            progress.advance()
    lines = out.getvalue().splitlines()
    assert lines[-1] == "work: 25/25 things"
    assert 5 <= len(lines) <= 12  # a line each tenth of the way, not one per unit


def test_a_short_run_can_go_without_progress() -> None:
    out = io.StringIO()
    with counted(Console(file=out), "work", 3, "things", least=20) as progress:
        progress.advance(3)
    assert out.getvalue() == ""


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "frontwatch", *args], capture_output=True,
                          text=True, timeout=600, check=False)  # fmt: skip


def test_export_of_the_database_shows_progress_with_the_total(tmp_path: Path) -> None:
    db = str(tmp_path / "x.db")
    store = Store(db)
    store.save(list(synthetic_articles(30)))
    store.close()
    done = _cli("export", "--what", "db", "--format", "jsonl", "--db", db, "-o",
                str(tmp_path / "dump.jsonl"))  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "export: 0/30 articles" in done.stderr
    assert "export: 30/30 articles" in done.stderr


def test_ingest_counts_articles_from_the_start(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    write_articles(folder, 21)
    done = _cli("ingest", str(folder), "--db", str(tmp_path / "x.db"))
    assert done.returncode == 0, done.stderr
    lines = done.stderr.splitlines()
    assert "ingest: 0/21 articles" in lines[: lines.index("ingest: 21/21 articles")]
