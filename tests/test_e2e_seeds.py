"""End to end: the seed articles through the CLI, scored against the gold file."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from frontwatch.cli import app
from frontwatch.evaluate.seeds import score
from frontwatch.export import EVENT_COLUMNS

runner = CliRunner()


def _ingest(db: Path, *paths: str) -> Any:
    return runner.invoke(app, ["ingest", *paths, "--db", str(db)])


def _export(db: Path, fmt: str, out: Path) -> None:
    result = runner.invoke(app, ["export", "--db", str(db), "--format", fmt, "-o", str(out)])
    assert result.exit_code == 0, result.output


def test_seeds_score_against_gold(tmp_path: Path, demo_dir: Path, gold: dict) -> None:
    db = tmp_path / "fw.db"
    result = _ingest(db, str(demo_dir))
    assert result.exit_code == 0, result.output
    out = tmp_path / "events.csv"
    _export(db, "csv", out)
    with out.open(encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        assert reader.fieldnames == EVENT_COLUMNS
        rows = [_typed(r) for r in reader]
    result_score = score(gold, rows)
    summary = result_score.summary()
    print("seed score:", json.dumps(summary))
    for match in result_score.matches:
        print(" ", "found" if match.found else "MISSED", match.file, match.gold, match.checks)
    # What the README states (strict scorer): 15 of the 15 gold events with the right
    # kind, side, date and place, and with the right source and status; an event bounded
    # only by its article date is not dated, one an undated statement reports is.
    assert result_score.found == 15 and result_score.complete == 15
    assert len(result_score.spurious) <= 3
    # admin1 is the unit's name, as in ACLED; the ISO 3166-2 code has its own column
    kharkiv = [r for r in rows if r["admin1_code"] == "UA-63"]
    assert kharkiv and {r["admin1"] for r in kharkiv} == {"Kharkiv Oblast"}
    assert all(r["admin1"] is None or "-" not in r["admin1"][:3] for r in rows)


def _typed(row: dict[str, str]) -> dict[str, Any]:
    typed: dict[str, Any] = {k: (v if v != "" else None) for k, v in row.items()}
    for key in ("latitude", "longitude"):
        if typed[key] is not None:
            typed[key] = float(typed[key])
    return typed


def test_reingest_changes_nothing(tmp_path: Path, demo_dir: Path) -> None:
    db = tmp_path / "fw.db"
    assert _ingest(db, str(demo_dir)).exit_code == 0
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    _export(db, "jsonl", first)
    result = _ingest(db, str(demo_dir))
    assert result.exit_code == 0
    assert "0 new article(s) stored, 3 already present" in result.output
    _export(db, "jsonl", second)
    assert first.read_text() == second.read_text()
    assert len(first.read_text().splitlines()) > 10


def test_binary_file_is_named_and_the_rest_stored(tmp_path: Path, demo_dir: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for article in demo_dir.iterdir():
        (corpus / article.name).write_bytes(article.read_bytes())
    bad = corpus / "photo.txt"
    bad.write_bytes(bytes(range(256)) * 40)
    result = _ingest(tmp_path / "fw.db", str(corpus))
    assert result.exit_code == 1
    problem_lines = [line for line in result.output.splitlines() if "photo.txt" in line]
    assert len(problem_lines) == 1
    assert "not a text file" in problem_lines[0]
    assert "Traceback" not in result.output
    assert "3 new article(s) stored" in result.output


def test_geojson_carries_the_same_fields(tmp_path: Path, demo_dir: Path) -> None:
    db = tmp_path / "fw.db"
    assert _ingest(db, str(demo_dir)).exit_code == 0
    out = tmp_path / "events.geojson"
    _export(db, "geojson", out)
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection"
    features = data["features"]
    assert features and set(EVENT_COLUMNS) <= set(features[0]["properties"])
    located = [f for f in features if f["geometry"]]
    assert located, "some events have coordinates"
    lon, lat = located[0]["geometry"]["coordinates"]
    assert (lat, lon) == (
        located[0]["properties"]["latitude"],
        located[0]["properties"]["longitude"],
    )


def test_undated_article_keeps_relative_dates(tmp_path: Path, demo_dir: Path) -> None:
    db = tmp_path / "fw.db"
    undated = demo_dir / "002_2d22f7c407c94cff.txt"
    assert _ingest(db, str(undated)).exit_code == 0
    result = runner.invoke(app, ["events", "--db", str(db), "--json"])
    rows = json.loads(result.output)
    assert rows and all(r["date_start"] is None and r["date_end"] is None for r in rows)
    assert {"D-1"} <= {r["date_relative"] for r in rows}
    result = runner.invoke(app, ["redate", str(undated), "2023-02-15", "--db", str(db)])
    assert result.exit_code == 0, result.output
    rows = json.loads(runner.invoke(app, ["events", "--db", str(db), "--json"]).output)
    ends = {r["date_end"] for r in rows}
    assert "2023-02-15" in ends and "2023-02-14" in ends
