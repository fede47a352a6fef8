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
from frontwatch.cli.progress import Counted, counted
from frontwatch.store import Store


def test_plain_progress_lines_carry_the_total_from_the_start() -> None:
    out = io.StringIO()
    with counted(Console(file=out, width=200), "work", 25, "things", every=0) as progress:
        assert out.getvalue() == "work: 0/25 things\n"  # before anything was done
        for _ in range(25):
            progress.advance()
    lines = out.getvalue().splitlines()
    assert lines[-1] == "work: 25/25 things"
    assert 5 <= len(lines) <= 12  # a line each tenth of the way, not one per unit


def test_a_quick_run_says_its_total_and_its_end_not_each_tenth() -> None:
    out, now = io.StringIO(), [0.0]
    with Counted(Console(file=out, width=200), "work", 25, "things", 1.0, lambda: now[0]) as c:
        for _ in range(25):
            now[0] += 0.01  # a quarter of a second in all
            c.advance()
    assert out.getvalue().splitlines() == ["work: 0/25 things", "work: 25/25 things"]
    out, now = io.StringIO(), [0.0]
    with Counted(Console(file=out, width=200), "work", 25, "things", 1.0, lambda: now[0]) as c:
        for _ in range(25):
            now[0] += 0.5  # slow: the tenths come more than a second apart
            c.advance()
    assert 5 <= len(out.getvalue().splitlines()) <= 12


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


def test_events_export_and_report_count_with_a_total(tmp_path: Path) -> None:
    """The events export and the report say their total before the work (on stderr)."""
    import subprocess
    import sys

    db = tmp_path / "p.db"
    (tmp_path / "a.txt").write_text(
        " date 2023-03-01\nRussian forces shelled the town of Kupiansk on Tuesday, "
        "the regional governor said.",
        encoding="utf-8",
    )
    run = [sys.executable, "-m", "frontwatch"]
    subprocess.run([*run, "ingest", str(tmp_path / "a.txt"), "--db", str(db)], check=True)
    out = subprocess.run(
        [*run, "export", "--db", str(db), "--format", "csv", "-o", str(tmp_path / "e.csv")],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert "export: 0/" in out.stderr and " events" in out.stderr
    rep = subprocess.run(
        [*run, "report", "--db", str(db), "-o", str(tmp_path / "r.html")],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert "report: 0/" in rep.stderr and "articles and events" in rep.stderr
