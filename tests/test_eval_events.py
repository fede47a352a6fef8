"""`frontwatch eval events` on a tiny UCDP-format file written by the test."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from frontwatch.cli import app
from frontwatch.evaluate.events import evaluate_events, read_headlines


def _row(headline: str, day: str, **gold: object) -> str:
    base = {
        "date_start": day,
        "date_end": day,
        "side_a": "Government of Russia (Soviet Union)",
        "adm_1": "Kharkiv Oblast",
        "latitude": 49.99,
        "longitude": 36.23,
        "where_prec": 1,
        "deaths_best": 2,
        "deaths_low": 2,
        "deaths_high": 3,
    }
    base.update(gold)
    return json.dumps(
        {"headline": headline, "source_article": f'"Wire,{day},{headline}"', "gold": base}
    )


def test_scores_a_tiny_corpus(tmp_path: Path) -> None:
    corpus = tmp_path / "ucdp.jsonl"
    corpus.write_text(
        "\n".join(
            [
                _row(
                    "Russian troops shelled the city of Kharkiv, killing two civilians",
                    "2022-09-03",
                ),
                _row(
                    "Russian troops shelled the city of Kharkiv, killing two civilians",
                    "2022-09-03",
                ),  # a second UCDP row of the same headline
                _row("Weather was fine in Lviv", "2022-09-04", adm_1="Lviv Oblast"),
            ]
        ),
        encoding="utf-8",
    )
    assert len(list(read_headlines(corpus))) == 2
    scores = evaluate_events(corpus).as_dict()
    assert scores["headlines"] == 2
    assert scores["coverage"] == 0.5  # nothing happened in the second headline
    assert scores["place_accuracy"] == 0.5 and scores["date_accuracy"] == 0.5
    assert scores["attacker_side_accuracy"] == 0.5
    result = CliRunner().invoke(app, ["eval", "events", str(corpus), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["headlines"] == 2


def test_missing_corpus_is_one_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["eval", "events", str(tmp_path / "nope.jsonl")])
    assert result.exit_code != 0 and "no such file" in result.output
