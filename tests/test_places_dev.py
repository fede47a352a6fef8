"""The hand-made war-zone dev set (tests/fixtures/places_dev.jsonl, docs/places.md):
77 short texts in the styles of ACLED notes, OSINT incident logs and civilian-harm
records, written for the project, with gold points from the gazetteer's own entries
(checked by hand). A change to place resolution that loses the place of more than a
few of them fails here."""

from __future__ import annotations

import json
from pathlib import Path

from frontwatch.evaluate.places import evaluate_places

DEV = Path(__file__).parent / "fixtures" / "places_dev.jsonl"


def test_the_dev_set_is_well_formed() -> None:
    rows = [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines()]
    assert len(rows) >= 60
    assert {r["style"] for r in rows} == {"acled", "osint", "harm"}
    assert all(44 < r["lat"] < 53 and 22 < r["lon"] < 41 for r in rows)  # Ukraine and its border


def test_the_dev_set_places_its_texts() -> None:
    scores = evaluate_places(DEV).as_dict()
    assert float(scores["mention_within_25km"]) >= 0.9, scores
    assert float(scores["mention_median_km"]) == 0.0, scores
