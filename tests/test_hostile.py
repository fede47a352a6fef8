"""Hostile and broken input: one line per bad file naming it and the reason, the rest
stored, memory bounded, nothing stored twice."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from corpora import Hostile, write_hostile_corpus
from frontwatch.models import RawDocument, ReadProblem
from frontwatch.read import MAX_TEXT_CHARS, read_file, read_paths, resolve_inside
from frontwatch.store import Store

# The whole ingest process (spaCy model included) must stay under this; the 50 MB
# file and the 320,000-character article are refused before they are analysed.
MAX_RSS_BYTES = 1_500 * 1024 * 1024


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Hostile]]:
    folder = tmp_path_factory.mktemp("hostile")
    return folder, write_hostile_corpus(folder)


def _results_for(results: list[RawDocument | ReadProblem], folder: Path, name: str) -> list:
    prefix = str(folder / name)
    return [
        r
        for r in results
        if r.path == prefix or r.path.startswith(prefix + ":") or r.path.startswith(prefix + "#")
    ]


def test_readers_name_every_bad_file_and_keep_the_rest(hostile) -> None:
    folder, cases = hostile
    results = list(read_paths([folder]))
    for case in cases:
        found = _results_for(results, folder, case.name)
        problems = [r for r in found if isinstance(r, ReadProblem)]
        docs = [r for r in found if isinstance(r, RawDocument)]
        if case.reason:
            assert any(case.reason in p.reason for p in problems), (case.name, problems)
        else:
            assert not problems, (case.name, problems)
        assert bool(docs) == case.stored, (case.name, found)
        for problem in problems:
            assert "\n" not in str(problem)
            assert str(problem).startswith(("error: ", "warning: "))
        for doc in docs:
            assert doc.text.strip()
            assert len(doc.text) <= MAX_TEXT_CHARS
            doc.text.encode("utf-8")  # storable: no lone surrogates
            assert "\x00" not in doc.text
    named = {r.path for r in results}
    assert not any("named_pipe" in p for p in named), "a pipe inside a folder is skipped"


def test_mixed_encodings_keep_both_parts(hostile) -> None:
    folder, _ = hostile
    (doc,) = [r for r in read_file(folder / "mixed_encodings.txt") if isinstance(r, RawDocument)]
    assert doc.text.startswith("Київ said")
    assert "café in Kharkiv" in doc.text


def test_utf16_and_bad_json_lines(hostile) -> None:
    folder, _ = hostile
    (doc,) = [r for r in read_file(folder / "utf16_bom.txt") if isinstance(r, RawDocument)]
    assert doc.text.startswith("Russian forces shelled")
    results = list(read_file(folder / "malformed.jsonl"))
    docs = [r for r in results if isinstance(r, RawDocument)]
    problems = [r for r in results if isinstance(r, ReadProblem)]
    assert [d.item for d in docs] == [0, 4, 5]
    assert {p.path.rsplit(":", 1)[1] for p in problems if p.fatal} == {"2", "3", "4"}
    assert "\ufffd" in docs[1].text and "\x00" not in docs[1].text
    assert docs[2].published is None  # 2022-02-30 refused, with a warning
    assert any(p.path.endswith(":6") and "impossible date" in p.reason for p in problems)


def test_special_files_refused_when_named(hostile, tmp_path: Path) -> None:
    folder, _ = hostile
    (pipe,) = read_file(folder / "named_pipe.txt")
    assert isinstance(pipe, ReadProblem) and "not a regular file" in pipe.reason
    (missing,) = read_file(tmp_path / "missing.txt")
    assert isinstance(missing, ReadProblem) and "cannot read" in missing.reason
    (device,) = read_file("/dev/zero")
    assert isinstance(device, ReadProblem) and "not a regular file" in device.reason


def test_undecodable_file_name_is_stored_as_text(tmp_path: Path) -> None:
    odd = os.fsdecode(bytes(tmp_path) + b"/bad\xffname\n.txt")
    Path(odd).write_text("Shelling was reported in Sumy on Friday.", encoding="utf-8")
    (doc,) = read_file(odd)
    assert isinstance(doc, RawDocument)
    doc.path.encode("utf-8")
    assert "\n" not in doc.path and "\ufffd" in doc.path


def test_symlink_loops_do_not_hang(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "loop").symlink_to(tmp_path / "a")
    (tmp_path / "a" / "x.txt").write_text("Shelling in Sumy on Friday.", encoding="utf-8")
    docs = [r for r in read_paths([tmp_path]) if isinstance(r, RawDocument)]
    assert [Path(d.path).name for d in docs] == ["x.txt"]


@pytest.mark.parametrize(
    "name", ["../secret.txt", "/etc/passwd", "a/../../b", "", "x\x00y", "link/out.txt"]
)
def test_resolve_inside_refuses_escapes(tmp_path: Path, name: str) -> None:
    (tmp_path / "root").mkdir()
    (tmp_path / "root" / "link").symlink_to(tmp_path)
    with pytest.raises(ValueError):
        resolve_inside(tmp_path / "root", name)


def test_resolve_inside_accepts_inner_paths(tmp_path: Path) -> None:
    assert resolve_inside(tmp_path, "a/b.txt") == (tmp_path / "a" / "b.txt").resolve()
    assert resolve_inside(tmp_path, "a/../c.txt") == (tmp_path / "c.txt").resolve()


def run_ingest(paths: list[Path], db: str, *extra: str) -> tuple[int, str, int]:
    """`frontwatch ingest` in a child process: exit code, stderr, peak memory in bytes."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "frontwatch", "ingest", *map(str, paths), "--db", db, *extra],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "COLUMNS": "60"},  # narrow: messages must still be one line
    )
    assert proc.stderr is not None
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    return proc.returncode, err, usage.ru_maxrss * 1024


def test_ingest_hostile_corpus_end_to_end(hostile, tmp_path: Path) -> None:
    folder, cases = hostile
    db = str(tmp_path / "hostile.db")
    code, err, rss = run_ingest([folder], db)
    assert "Traceback" not in err, err
    assert code == 1, "bad files make the exit code non-zero"
    lines = err.splitlines()
    for case in cases:
        if case.reason:
            assert any(case.name in line and case.reason in line for line in lines), (case, err)
    assert rss < MAX_RSS_BYTES, f"peak memory {rss / 1e6:.0f} MB"
    expected = [r for r in read_paths([folder]) if isinstance(r, RawDocument)]
    store = Store(db)
    stored = store.articles()
    assert len(stored) == len(expected)
    assert {Path(a.path).name for a in stored} == {c.name for c in cases if c.stored}
    store.close()
    code, err, _ = run_ingest([folder], db)
    assert "0 new article(s) stored" in err, err
    store = Store(db)
    assert len(store.articles()) == len(expected)
    store.close()
