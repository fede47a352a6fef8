"""Bench: a tiny run gives the JSON the issue asks for, with sane values (not speed)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from frontwatch import pipeline as stages
from frontwatch.bench import (
    StageTimer,
    build_corpus,
    clean_all,
    corpus_documents,
    instrumented,
)
from frontwatch.cli import app

DEMO = Path(__file__).resolve().parents[1] / "demo" / "articles"
KEYS = (
    "floor_articles_per_s",
    "pipeline_articles_per_s",
    "ratio_to_floor",
    "startup_s",
    "peak_rss_mb",
)


def test_tiny_bench_writes_the_json_and_prints_its_path_last(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    result = CliRunner().invoke(app, ["bench", "-n", "5", "--demo", str(DEMO), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.output.strip().splitlines()[-1] == str(out)
    data = json.loads(out.read_text())
    for key in KEYS:
        assert isinstance(data[key], int | float) and data[key] > 0, key
    assert data["ratio_to_floor"] == pytest.approx(
        data["pipeline_articles_per_s"] / data["floor_articles_per_s"], rel=0.01
    )
    assert data["articles"] == 5 and data["tokens"] > 100
    assert data["corpus"]["repeated"] == 2  # three demo articles, repeated up to five
    assert data["stages_s"]["annotate"] > 0
    assert sum(data["stage_share"].values()) == pytest.approx(1.0, abs=0.01)
    assert data["ratio_to_floor_cpu"] == pytest.approx(
        data["floor_cpu_s"] / data["pipeline_cpu_s"], rel=0.01
    )
    own = sum(v for k, v in data["stages_s"].items() if k != "annotate")
    assert data["ratio_floor_plus_stages"] == pytest.approx(
        data["floor_s"] / (data["floor_s"] + own), abs=0.002
    )
    assert data["stages_over_floor"] == pytest.approx(own / data["floor_s"], abs=0.002)
    for r in data["rounds"]:
        assert r["ratio"] == pytest.approx(
            r["pipeline_articles_per_s"] / r["floor_articles_per_s"], abs=0.002
        )
    assert "ratio in each round" in result.output
    geoparse = data["geoparse_600_words"]
    assert geoparse["parse_s"] > 0 and geoparse["resolve_places_s"] > 0
    assert geoparse["mentions"] > 0  # the demo articles name places
    startup = data["startup"]
    assert startup["startup_s"] >= startup["model_s"] + startup["first_article_s"]
    assert data["startup_cpu_s"] > 0 and startup["model_s"] > 0
    assert 50 < data["peak_rss_mb"] < 100_000


def test_bench_refuses_a_missing_corpus(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["bench", str(tmp_path / "nope")])
    assert result.exit_code == 2
    said = " ".join(result.output.split())
    assert "no such file or folder" in said and "Traceback" not in said


def test_corpus_readers_take_xml_text_and_jsonl_headlines(tmp_path: Path) -> None:
    (tmp_path / "geo.xml").write_text(
        "<articles><article><text>Shelling in Izium.</text></article>"
        "<article><source><text>Floods in Lviv.</text></source></article>"
        "<article><text>  </text></article></articles>"
    )
    (tmp_path / "ev.jsonl").write_text(
        json.dumps({"headline": "Two killed in Kharkiv"})
        + "\nnot json\n"
        + json.dumps({"text": "Full text wins", "headline": "ignored"})
        + "\n"
    )
    texts = [d.text for d in corpus_documents(tmp_path)]
    assert texts == [
        "Two killed in Kharkiv",
        "Full text wins",
        "Shelling in Izium.",
        "Floods in Lviv.",
    ]


def test_corpus_mixes_sources_round_robin_and_repeats_with_fresh_ids(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_text(
        "".join(json.dumps({"text": f"A {i}."}) + "\n" for i in range(4))
    )
    (tmp_path / "b.jsonl").write_text(json.dumps({"text": "B 0."}) + "\n")
    corpus = build_corpus([tmp_path], DEMO, 4)
    assert [d.text for d in corpus.documents] == ["A 0.", "B 0.", "A 1.", "A 2."]
    assert corpus.repeated == 0
    repeated = build_corpus([tmp_path / "b.jsonl"], DEMO, 3)
    articles = clean_all(repeated)
    assert repeated.repeated == 2 and len({a.id for a in articles}) == 3
    assert {a.text for a in articles} == {"B 0."}
    fallback = build_corpus([tmp_path / "nothing-here.xml"], DEMO, 3)
    assert len(fallback.sources) == 3  # the demo articles


def test_instrumented_times_the_stages_and_restores_them() -> None:
    before = stages.annotate, stages.clean
    timer = StageTimer()
    with instrumented(timer):
        assert stages.annotate is not before[0]
        docs = list(stages.annotate(["Kyiv said it repelled attacks."]))
    assert (stages.annotate, stages.clean) == before
    assert len(docs) == 1 and timer.seconds["annotate"] > 0


def test_text_of_words_cuts_the_first_long_text_or_joins_short_ones() -> None:
    from frontwatch.bench import text_of_words

    assert text_of_words(["a b", "c d e f"], words=3) == "c d e"
    assert text_of_words(["a b", "c d"], words=3) == "a b c"
    assert text_of_words(["a", "b"], words=5) == "a b"
