"""The folder walk reads only formats it knows, and says in one line what it skipped."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from frontwatch.cli import app
from frontwatch.models import RawDocument, ReadProblem
from frontwatch.read import iter_files, read_paths, skipped_summary
from frontwatch.store import Store

ARTICLE = "KYIV, March 3 (Reuters) - Russian forces shelled Kharkiv on Monday, officials said."


def _mixed_folder(folder: Path) -> Path:
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "sub" / "b.jsonl").write_text(
        json.dumps({"text": "Ukrainian forces repelled an attack near Bakhmut."}) + "\n"
    )
    (folder / "score.py").write_text("print('Shelling in Kyiv.')\n")
    (folder / "sub" / "doc.ann").write_text("T1\tLOC 0 4\tKyiv\n")
    (folder / "sub" / "more.ann").write_text("T1\tLOC 0 4\tLviv\n")
    (folder / "meta.tsv").write_text("id\ttext\n1\tShelling hit Odesa.\n")
    return folder


def test_walk_takes_known_formats_and_lists_the_rest(tmp_path: Path) -> None:
    folder = _mixed_folder(tmp_path / "in")
    skipped: list[Path] = []
    files = list(iter_files([folder], skipped=skipped))
    assert [Path(f).name for f in files] == ["a.txt", "b.jsonl"]
    assert sorted(p.name for p in skipped) == ["doc.ann", "meta.tsv", "more.ann", "score.py"]
    assert skipped_summary(skipped) == "skipped 4 files of unknown type: .ann, .py, .tsv"
    assert skipped_summary([Path("x")]) == "skipped 1 file of unknown type: (no suffix)"


def test_read_paths_warns_once_per_folder_and_reads_a_named_file_as_text(tmp_path: Path) -> None:
    folder = _mixed_folder(tmp_path / "in")
    results = list(read_paths([folder]))
    problems = [r for r in results if isinstance(r, ReadProblem)]
    assert len([r for r in results if isinstance(r, RawDocument)]) == 2
    assert [str(p) for p in problems] == [
        f"warning: {folder}: skipped 4 files of unknown type: .ann, .py, .tsv"
    ]
    (named,) = read_paths([folder / "meta.tsv"])  # named explicitly: read as text
    assert isinstance(named, RawDocument) and "Odesa" in named.text


def test_ingest_of_a_mixed_folder_stores_only_the_articles(tmp_path: Path) -> None:
    folder = _mixed_folder(tmp_path / "in")
    db = tmp_path / "x.db"
    result = CliRunner().invoke(app, ["ingest", str(folder), "--db", str(db)])
    assert result.exit_code == 0, result.output
    said = " ".join(result.output.split())
    assert "skipped 4 files of unknown type: .ann, .py, .tsv" in said
    assert said.count("skipped") == 1 and "2 new article(s) stored" in said
    store = Store(str(db))
    assert sorted(Path(a.path).name for a in store.articles()) == ["a.txt", "b.jsonl"]
    store.close()
    again = CliRunner().invoke(app, ["ingest", str(folder / "sub" / "doc.ann"), "--db", str(db)])
    assert again.exit_code == 0, again.output
    assert "1 new article(s) stored" in " ".join(again.output.split())


def test_count_documents_counts_articles_not_files(tmp_path: Path) -> None:
    from frontwatch.read import count_documents

    folder = _mixed_folder(tmp_path / "in")
    (folder / "many.jsonl").write_text(
        "".join(json.dumps({"text": f"T {i}."}) + "\n" for i in range(5))
    )
    (folder / "list.json").write_text(json.dumps([{"text": "A."}, {"text": "B."}]))
    (folder / "feed.rss").write_text("<rss><channel><item>a</item><item>b</item></channel></rss>")
    (folder / "export.json").write_text(json.dumps({"name": "c", "messages": [{}, {}, {}]}))
    # a.txt 1, b.jsonl 1, many.jsonl 5, list.json 2, feed.rss 2, export.json 3; .py .ann .tsv 0
    assert count_documents([folder]) == 14
    assert count_documents([folder / "meta.tsv"]) == 1  # named: read as one text


def test_a_json_list_of_bad_items_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "list.json"
    path.write_text(json.dumps([1, {"title": "no text"}, {"text": "Shelling hit Sumy."}, 2]))
    results = list(read_paths([path]))
    problems = [str(r) for r in results if isinstance(r, ReadProblem)]
    assert len([r for r in results if isinstance(r, RawDocument)]) == 1
    assert problems == [
        f"error: {path}: 2 of 4 items: expected a JSON object with a 'text' field; "
        "1 of 4 items: no 'text' field (or it is empty)"
    ]
