"""Nothing poisons the store (issue 22): each case that once broke a batch, a store or a
message, with the behaviour that must hold now. Each test failed before its fix."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from frontwatch.clean import clean
from frontwatch.cli import app
from frontwatch.models import DateSource, RawDocument, ReadProblem, content_id
from frontwatch.read import display_name, formats, read_file, read_paths
from frontwatch.store import Store

GOOD = "Russian forces shelled Kharkiv on Monday, killing two people, the governor said."
OTHER = "Ukrainian troops advanced near Lyman on Tuesday, the General Staff said."


def _feed(pub_date: str, text: str = GOOD) -> str:
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Test Wire</title>'
        f"<item><title>Shelling</title><pubDate>{pub_date}</pubDate>"
        f"<description>{text}</description></item></channel></rss>"
    )


def _cli(*args: str) -> tuple[int, str]:
    """`frontwatch` in a child process (as a user runs it): exit code and stderr."""
    proc = subprocess.run(
        [sys.executable, "-m", "frontwatch", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "60"},
        check=False,
    )
    return proc.returncode, proc.stderr


def _docs(results: list[RawDocument | ReadProblem]) -> list[RawDocument]:
    return [r for r in results if isinstance(r, RawDocument)]


def _problems(results: list[RawDocument | ReadProblem]) -> list[ReadProblem]:
    return [r for r in results if isinstance(r, ReadProblem)]


# --- 1. one range check for every date source -------------------------------------


def test_out_of_range_dates_warn_and_the_store_keeps_working(tmp_path: Path) -> None:
    feed = tmp_path / "future.xml"
    feed.write_text(_feed("Fri, 31 Dec 9999 10:00:00 GMT"), encoding="utf-8")
    (tmp_path / "later.txt").write_text(OTHER, encoding="utf-8")
    (tmp_path / "third.txt").write_text(GOOD.replace("Kharkiv", "Sumy"), encoding="utf-8")
    db = str(tmp_path / "x.db")
    code, err = _cli("ingest", str(feed), "--db", db)
    assert "Traceback" not in err and code == 0, err
    assert "implausible date 9999-12-31" in err
    code, err = _cli("ingest", str(tmp_path / "later.txt"), "--date", "0001-01-01", "--db", db)
    assert "Traceback" not in err and code == 2, err
    assert err.count("\n") == 1 and "implausible date 0001-01-01" in err
    code, err = _cli("ingest", str(tmp_path / "third.txt"), "--db", db)
    assert "Traceback" not in err and code == 0 and "1 new article(s)" in err, err
    store = Store(db)
    assert all(a.published is None for a in store.articles())
    store.close()


@pytest.mark.parametrize(
    "raw",
    [
        RawDocument(path="a.txt", fmt="txt", text=GOOD, published=date(9999, 12, 31)),
        RawDocument(path="b.txt", fmt="txt", text="KYIV, Dec 31, 9999 (Reuters) - " + GOOD),
        RawDocument(path="c.txt", fmt="txt", text="KYIV, Jan 1, 0001 (Reuters) - " + GOOD),
    ],
)
def test_every_reader_date_passes_the_range_check(raw: RawDocument) -> None:
    raw.date_source = DateSource.METADATA if raw.published else DateSource.UNKNOWN
    article = clean(raw)
    assert article.published is None and article.date_source == DateSource.UNKNOWN


def test_a_user_date_out_of_range_is_dropped_with_a_warning() -> None:
    """The upload API hands its `date` to clean() as it came."""
    article = clean(RawDocument(path="u.txt", fmt="txt", text=GOOD), user_date=date(1, 1, 1))
    assert article.published is None
    assert any("implausible date 0001-01-01" in w for w in article.warnings)
    kept = clean(RawDocument(path="u.txt", fmt="txt", text=GOOD), user_date=date(2022, 3, 1))
    assert kept.published == date(2022, 3, 1) and kept.date_source == DateSource.USER


def test_fusion_survives_a_store_poisoned_before_the_check(tmp_path: Path) -> None:
    """A store written by an older version may hold a date of year 1: fusion must run."""
    from frontwatch.fuse import fuse_store
    from frontwatch.pipeline import Pipeline

    pipeline = Pipeline()
    store = Store(str(tmp_path / "old.db"))
    batch = []
    for text in (GOOD, GOOD.replace("two", "three")):
        article = clean(RawDocument(path="old.txt", fmt="txt", text=text))
        article.published, article.date_source = date(1, 1, 1), DateSource.USER
        batch.extend(pipeline.process([article]))
    store.save(batch)
    fuse_store(store)  # raised ValueError("ordinal must be >= 1")
    assert store.incidents()
    store.close()


# --- 2. one size and depth guard for every JSON number and structure -----------------


def test_a_5000_digit_number_costs_only_its_own_line(tmp_path: Path) -> None:
    lines = [
        json.dumps({"text": GOOD}),
        '{"text": "x", "n": ' + "9" * 5000 + "}",
        '{"text": "y", "n": 1.' + "5" * 5000 + "}",
        json.dumps({"text": OTHER}),
    ]
    path = tmp_path / "digits.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    whole = tmp_path / "digits.json"
    whole.write_text('{"text": "z", "n": ' + "9" * 5000 + "}", encoding="utf-8")
    (tmp_path / "after.txt").write_text(GOOD.replace("Kharkiv", "Sumy"), encoding="utf-8")
    results = list(read_paths([tmp_path]))
    assert [d.text for d in _docs(results)] == [GOOD.replace("Kharkiv", "Sumy"), GOOD, OTHER]
    problems = _problems(results)
    assert [p.path for p in problems] == [str(whole), f"{path}:2", f"{path}:3"]
    assert all("refused JSON: a number of 5,00" in p.reason for p in problems)


@pytest.mark.parametrize(
    "text",
    [
        "[" * 33 + "]" * 33,
        '{"text": "a", "x": ' + '{"a": ' * 200 + "1" + "}" * 200 + "}",
        "[" * 500_000,
    ],
)
def test_deep_json_is_refused_with_a_reason(text: str) -> None:
    value, problem = formats.load_json(text)
    assert value is None and problem and "nested too deeply" in problem


def test_brackets_inside_strings_and_shallow_json_are_fine() -> None:
    text = json.dumps({"text": "[" * 100 + GOOD, "tags": [[1, 2], {"a": [3.5]}]})
    value, problem = formats.load_json(text)
    assert problem is None and value["tags"][1]["a"] == [3.5]


# --- 5. UTF-16 and UTF-32 JSON Lines ---------------------------------------------------


@pytest.mark.parametrize(
    ("encoding", "prefix", "newline"),
    [
        ("utf-16-le", "\ufeff", "\n"),
        ("utf-16-be", "\ufeff", "\r\n"),
        ("utf-16-le", "", "\n"),
        ("utf-32", "", "\n"),
    ],
)
def test_utf16_json_lines_store_every_line(
    tmp_path: Path, encoding: str, prefix: str, newline: str
) -> None:
    texts = [GOOD, OTHER, "Київ: " + GOOD]
    body = prefix + newline.join(json.dumps({"text": t}, ensure_ascii=False) for t in texts)
    path = tmp_path / "wide.jsonl"
    path.write_bytes((body + newline).encode(encoding))
    results = list(read_file(path))
    assert [d.text for d in _docs(results)] == texts
    assert not [p for p in _problems(results) if p.fatal], results


# --- 6, 7. the folder walk: one path guard, and a line for what it does not read -------


def test_links_out_of_the_folder_are_not_read(tmp_path: Path) -> None:
    folder, outside = tmp_path / "in", tmp_path / "out"
    (folder / "sub").mkdir(parents=True)
    outside.mkdir()
    (outside / "secret.txt").write_text("The secret plans of the outside.", encoding="utf-8")
    (folder / "a.txt").write_text(GOOD, encoding="utf-8")
    (folder / "evil.txt").symlink_to(outside / "secret.txt")
    (folder / "passwd.txt").symlink_to("/etc/passwd")
    (folder / "sub" / "inner.txt").symlink_to(folder / "a.txt")  # inside: read
    results = list(read_paths([folder]))
    assert sorted(Path(d.path).name for d in _docs(results)) == ["a.txt", "inner.txt"]
    refused = {Path(p.path).name: p for p in _problems(results)}
    assert set(refused) == {"evil.txt", "passwd.txt"}
    assert all("outside the folder" in p.reason for p in refused.values())
    assert not any("secret" in d.text for d in _docs(results))


def test_link_loops_and_unreadable_folders_get_a_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "locked").mkdir()
    (tmp_path / "a" / "loop").symlink_to(tmp_path / "a")
    (tmp_path / "a" / "self.txt").symlink_to(tmp_path / "a" / "self.txt")
    (tmp_path / "a" / "x.txt").write_text(GOOD, encoding="utf-8")
    real_scandir = os.scandir
    locked = str(tmp_path / "locked")

    def scandir(path: str | os.PathLike[str] = ".") -> object:
        if os.fspath(path) == locked:  # as for a folder without read permission (not root)
            raise PermissionError(13, "Permission denied", locked)
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    results = list(read_paths([tmp_path]))
    assert [Path(d.path).name for d in _docs(results)] == ["x.txt"]
    lines = {Path(p.path).name: p.reason for p in _problems(results)}
    assert "cannot read folder: Permission denied" in lines["locked"]
    assert "link to a folder" in lines["loop"]
    assert "link loop" in lines["self.txt"]


# --- 8. names are printed as they are ---------------------------------------------------


def test_messages_show_names_as_written(tmp_path: Path) -> None:
    names = ["x:100:.txt", "[bold]y[/bold].txt", "z:thumbs_up:.jsonl"]
    runner = CliRunner()
    result = runner.invoke(app, ["ingest", *(str(tmp_path / n) for n in names)])
    assert result.exit_code == 1
    for name in names:
        assert f"{tmp_path / name}: no such file or folder" in result.output, result.output
    assert "💯" not in result.output and "👍" not in result.output


# --- 9. a binary or sparse .jsonl is one problem ---------------------------------------


def test_a_binary_jsonl_gives_one_line(tmp_path: Path) -> None:
    shutil.copy(sys.executable, tmp_path / "python.jsonl")
    with (tmp_path / "sparse.jsonl").open("wb") as fh:
        fh.truncate(2 * 1024**3)  # 2 GB of holes: no disk used, and never read whole
    for name in ("python.jsonl", "sparse.jsonl"):
        results = list(read_file(tmp_path / name))
        assert len(results) == 1 and isinstance(results[0], ReadProblem), (name, results)
        assert "binary" in results[0].reason


def test_a_jsonl_of_bad_lines_gives_one_line_and_a_mixed_one_a_bounded_list(
    tmp_path: Path,
) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{oops\n" * 300, encoding="utf-8")
    (only,) = read_file(bad)
    assert isinstance(only, ReadProblem) and "300 bad lines" in only.reason
    mixed = tmp_path / "mixed.jsonl"
    mixed.write_text(json.dumps({"text": GOOD}) + "\n" + "{oops\n" * 300, encoding="utf-8")
    results = list(read_file(mixed))
    assert len(_docs(results)) == 1
    assert len(_problems(results)) <= 12
    assert "more bad line(s)" in _problems(results)[-1].reason


# --- 11. bidirectional and C1 controls ------------------------------------------------


def test_bidi_and_c1_controls_are_not_stored(tmp_path: Path) -> None:
    spoof = "Russian forces \u202eyad\u202c shelled Kharkiv \x9b31m on Monday, the governor said."
    path = tmp_path / "spoof\u202etxt.txt"
    path.write_text(spoof, encoding="utf-8")
    (doc,) = read_file(path)
    assert isinstance(doc, RawDocument)
    for char in ("\u202e", "\u202c", "\x9b"):
        assert char not in doc.text and char not in doc.path
    assert "\u202e" not in display_name(path)


# --- 12. events counted once ------------------------------------------------------------


def test_events_of_a_copy_thrown_away_are_not_counted(tmp_path: Path) -> None:
    from frontwatch.pipeline import ingest

    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text(GOOD, encoding="utf-8")
    store = Store(str(tmp_path / "x.db"))
    report = ingest([tmp_path], store)
    assert (report.stored, report.already) == (1, 2)
    assert report.events == len(store.events()) > 0
    assert store.known_ids([content_id(GOOD)])
    store.close()


# --- 13. a long article: each event and sentence costs its own sentence -----------------


def test_an_event_time_and_a_sentence_quotes_are_looked_up_locally(
    nlp: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The work per event and per sentence must not grow with the article (it was
    every time expression per event, every quotation per sentence: quadratic)."""
    import importlib

    from frontwatch.extract import claims
    from frontwatch.pipeline import Pipeline

    # (the package's `event_time` is also a function name: import the module by path)
    times_module = importlib.import_module("frontwatch.resolve.time.event_time")

    # (enough signals of war for the relevance gate in a long text: war, missile, troops)
    sentence = (
        '"We held the line in this war," the governor said of the missile shelling of Izium '
        "by troops on Monday. "
    )
    raw = RawDocument(path="long.txt", fmt="txt", text=sentence * 60, published=date(2022, 9, 12))
    article = clean(raw)
    spans: list[object] = []
    quotes_seen: list[int] = []
    real_span, real_outside = times_module._token_span, claims._outside_quotes
    monkeypatch.setattr(
        times_module, "_token_span", lambda doc, expr: spans.append(expr) or real_span(doc, expr)
    )
    monkeypatch.setattr(
        claims,
        "_outside_quotes",
        lambda sent, quotes: quotes_seen.append(len(quotes)) or real_outside(sent, quotes),
    )
    doc = next(iter(Pipeline().process([article])))
    assert len(doc.times) == len(doc.sentences) == 60 and doc.events
    assert 0 < len(spans) <= 4 * len(doc.sentences)  # was about 60 x 60: quadratic
    assert quotes_seen and max(quotes_seen) <= 2  # was all 60 for every sentence
