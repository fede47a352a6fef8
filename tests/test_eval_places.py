"""`frontwatch eval places`: short texts with gold points (evaluate/places.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from frontwatch.cli import app
from frontwatch.evaluate.places import evaluate_places, read_corpus


def _corpus(tmp_path: Path, rows: list[dict]) -> Path:
    path = tmp_path / "places.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_scores_the_event_and_the_nearest_mention(tmp_path: Path) -> None:
    path = _corpus(
        tmp_path,
        [
            # Toretsk (48.397, 37.850) and a point 100 km away
            {
                "text": "Russian troops shelled Toretsk, Donetsk region, overnight.",
                "date": "2022-09-01",
                "lat": 48.40,
                "lon": 37.85,
            },
            {
                "text": "Russian troops shelled Toretsk, Donetsk region, overnight.",
                "date": "2022-09-02",
                "lat": 49.30,
                "lon": 37.85,
            },
            {"text": "Nothing happened anywhere today.", "lat": 50.0, "lon": 30.0},
        ],  # fmt: skip
    )
    scores = evaluate_places(path).as_dict()
    assert scores["texts"] == 3
    assert scores["mention_within_25km"] == round(1 / 3, 4)
    assert scores["event_coverage"] <= round(2 / 3, 4)


def test_a_bad_line_names_its_number(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"text": "x", "lat": 1, "lon": 2}\n{"text": "y"}\n', encoding="utf-8")
    with pytest.raises(ValueError, match="line 2"):
        read_corpus(path)
    result = CliRunner().invoke(app, ["eval", "places", str(path)])
    assert result.exit_code != 0
    assert "line 2" in result.output and "Traceback" not in result.output
