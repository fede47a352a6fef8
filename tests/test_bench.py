"""Bench: a tiny run gives the JSON the issue asks for, with sane values (not speed)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from frontwatch import pipeline as stages
from frontwatch.bench import (
    CorpusError,
    StageTimer,
    build_corpus,
    clean_all,
    corpus_documents,
    instrumented,
    load_manifest,
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
        data["floor_s"] / (data["floor_s"] + own), rel=0.01
    )
    # Each stage time is rounded to the millisecond: on a run this small that alone moves
    # the quotient by up to half a millisecond a stage over the floor's time.
    rounding = 0.0005 * (len(data["stages_s"]) + 1) / data["floor_s"]
    assert data["stages_over_floor"] == pytest.approx(own / data["floor_s"], abs=0.002 + rounding)
    for r in data["rounds"]:
        assert r["ratio"] == pytest.approx(
            r["pipeline_articles_per_s"] / r["floor_articles_per_s"], abs=0.002
        )
    assert "ratio in each round" in result.output
    geoparse = data["geoparse_600_words"]
    assert geoparse["parse_s"] > 0 and geoparse["resolve_places_s"] > 0
    assert geoparse["mentions"] > 0  # the demo articles name places
    gazetteer = data["gazetteer"]
    assert gazetteer["index_mb"] > 1 and 0 < gazetteer["open_s"] <= gazetteer["load_s"]
    assert "gazetteer index" in result.output and "load (open + first words)" in result.output
    startup = data["startup"]
    assert startup["startup_s"] >= startup["model_s"] + startup["first_article_s"]
    assert data["startup_cpu_s"] > 0 and startup["model_s"] > 0
    assert 50 < data["peak_rss_mb"] < 100_000
    assert data["rss_growth_mb_per_1000_articles"] >= 0
    corpus = data["corpus"]
    assert corpus["name"] == "ad hoc" and len(corpus["digest"]) == 64
    assert corpus["tokens"] == data["tokens"] and corpus["documents"] == 5
    kinds = data["kinds"]
    assert sum(k["articles"] for k in kinds.values()) == 5
    assert sum(k["tokens"] for k in kinds.values()) == data["tokens"]
    for k in kinds.values():
        assert k["ratio_to_floor"] == pytest.approx(k["floor_s"] / k["pipeline_s"], abs=0.002)


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


def test_adhoc_corpus_takes_texts_in_file_order_and_repeats_with_fresh_ids(
    tmp_path: Path,
) -> None:
    (tmp_path / "a.jsonl").write_text(
        "".join(json.dumps({"text": f"A {i}."}) + "\n" for i in range(4))
    )
    (tmp_path / "b.jsonl").write_text(json.dumps({"text": "B 0."}) + "\n")
    corpus = build_corpus([tmp_path], DEMO, 4)
    assert [d.text for d in corpus.documents] == ["A 0.", "A 1.", "A 2.", "A 3."]
    assert corpus.repeated == 0 and corpus.name == "ad hoc"
    repeated = build_corpus([tmp_path / "b.jsonl"], DEMO, 3)
    articles = clean_all(repeated)
    assert repeated.repeated == 2 and len({a.id for a in articles}) == 3
    assert {a.text for a in articles} == {"B 0."}
    fallback = build_corpus([tmp_path / "nothing-here.xml"], DEMO, 3)
    assert len(fallback.sources) == 3  # the demo articles


def _corpus_tree(root: Path) -> Path:
    """A tiny corpus root and a manifest naming three of its files."""
    (root / "events").mkdir(parents=True)
    (root / "events" / "h.jsonl").write_text(
        "".join(
            json.dumps({"headline": h, "text_uk": f"Обстріл {i}."}) + "\n"
            for i, h in enumerate(["Two killed in Izium", "Two killed in Izium", "Drone hit Sumy"])
        )
    )
    long_text = " ".join(["Shelling continued near the river crossing."] * 30)
    (root / "geo.xml").write_text(
        f"<articles><article><text>{long_text}</text></article>"
        "<article><text>Floods in Lviv.</text></article></articles>"
    )
    (root / "tg").mkdir()
    messages = [{"message_id": 2, "text": ""}, {"message_id": 1, "text": "Взрыв в Белгороде."}]
    (root / "tg" / "c.json").write_text(json.dumps(messages, ensure_ascii=False))
    manifest = root.parent / f"{root.name}.toml"
    manifest.write_text(
        'name = "tiny"\nshort_max_words = 20\n'
        '[[parts]]\nfile = "events/h.jsonl"\nreader = "jsonl"\nfield = "headline"\n'
        'count = 2\nlanguage = "en"\n'
        '[[parts]]\nfile = "geo.xml"\nreader = "xml-text"\ncount = 2\nlanguage = "en"\n'
        '[[parts]]\nfile = "tg/c.json"\nreader = "telegram-json"\ncount = 1\nlanguage = "ru"\n'
        '[[parts]]\nfile = "events/h.jsonl"\nreader = "jsonl"\nfield = "text_uk"\n'
        'count = 1\nlanguage = "uk"\n'
    )
    return manifest


def test_fixed_corpus_is_chosen_by_file_and_count_grouped_by_kind(tmp_path: Path) -> None:
    manifest = load_manifest(_corpus_tree(tmp_path / "eval"))
    corpus = build_corpus([tmp_path / "eval"], DEMO, None, manifest)
    assert corpus.name == "tiny"
    assert [d.text for d in corpus.documents] == [
        "Two killed in Izium",  # repeated headline taken once
        "Drone hit Sumy",
        "Floods in Lviv.",
        " ".join(["Shelling continued near the river crossing."] * 30),
        "Взрыв в Белгороде.",  # the empty message is not a text
        "Обстріл 0.",
    ]
    assert corpus.kinds == ["en/short"] * 3 + ["en/long", "ru/short", "uk/short"]
    assert corpus.sources == {"events/h.jsonl": 3, "geo.xml": 2, "tg/c.json": 1}
    described = corpus.describe()
    assert described["digest"] == corpus.digest() and len(described["digest"]) == 64
    assert described["kinds"] == {"en/short": 3, "en/long": 1, "ru/short": 1, "uk/short": 1}
    half = build_corpus([tmp_path / "eval"], DEMO, 3, manifest)
    assert len(half.documents) == 4 and half.digest() != corpus.digest()  # at least 1 a part


def test_fixed_corpus_digest_ignores_added_files_and_sees_changed_ones(tmp_path: Path) -> None:
    import shutil

    manifest = load_manifest(_corpus_tree(tmp_path / "eval"))
    before = build_corpus([tmp_path / "eval"], DEMO, None, manifest).digest()
    copy = tmp_path / "copy"
    shutil.copytree(tmp_path / "eval", copy)
    (copy / "annotations").mkdir()
    (copy / "annotations" / "a.ann").write_text("T1\tLOC 0 5\tKyiv\n")
    (copy / "annotations" / "more.jsonl").write_text(json.dumps({"text": "Extra."}) + "\n")
    assert build_corpus([copy], DEMO, None, manifest).digest() == before
    (copy / "geo.xml").write_text("<articles><article><text>Other.</text></article>"
                                  "<article><text>Texts.</text></article></articles>")  # fmt: skip
    assert build_corpus([copy], DEMO, None, manifest).digest() != before


def test_fixed_corpus_refuses_a_root_missing_some_files_or_texts(tmp_path: Path) -> None:
    manifest = load_manifest(_corpus_tree(tmp_path / "eval"))
    (tmp_path / "eval" / "geo.xml").unlink()
    with pytest.raises(CorpusError, match="missing geo.xml"):
        build_corpus([tmp_path / "eval"], DEMO, None, manifest)
    (tmp_path / "eval" / "geo.xml").write_text("<a><text>Only one.</text></a>")
    with pytest.raises(CorpusError, match="only 1 of the 2"):
        build_corpus([tmp_path / "eval"], DEMO, None, manifest)


def test_shipped_manifest_is_english_first_and_500_texts() -> None:
    manifest = load_manifest()
    assert manifest.size == 500
    languages = [p.language for p in manifest.parts]
    assert languages[0] == "en" and languages == sorted(languages, key=lambda lang: lang != "en")
    assert len({p.file for p in manifest.parts}) == len(manifest.parts)


def test_adhoc_corpus_skips_unknown_files_with_one_line(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_text(json.dumps({"text": "Shelling in Izium."}) + "\n")
    for name in ("s.py", "x.ann", "y.ann", "t.tsv"):
        (tmp_path / name).write_text("T1 not an article at all.\n")
    said: list[str] = []
    corpus = build_corpus([tmp_path], DEMO, 1, on_skip=said.append)
    assert [d.text for d in corpus.documents] == ["Shelling in Izium."]
    assert said == [f"{tmp_path}: skipped 4 files of unknown type: .ann, .py, .tsv"]


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
