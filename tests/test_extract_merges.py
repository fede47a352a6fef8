"""Within one article, reports of one happening become one event (taxonomy merges_into,
same type, same source); texts written for the test."""

from __future__ import annotations

from datetime import date

import pytest

from frontwatch.models import Article, Event
from frontwatch.pipeline import Pipeline


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


def _events(pipeline: Pipeline, text: str) -> list[Event]:
    article = Article(id="t", path="t.txt", text=text, published=date(2023, 3, 10))
    (processed,) = list(pipeline.process([article]))
    return [e for e in processed.events if e.fw_type != "statement"]


def test_mobilisation_beside_shelling_is_part_of_it(pipeline: Pipeline) -> None:
    events = _events(
        pipeline,
        "Kharkiv Governor Oleh Syniehubov said Russian forces shelled Kupiansk on Thursday.\n\n"
        '"We see them mobilising fresh troops and bringing them to the front," he said.',
    )
    assert [e.fw_type for e in events] == ["shelling"]


def test_enemy_retreat_claimed_by_the_other_side_is_its_advance(pipeline: Pipeline) -> None:
    events = _events(
        pipeline,
        "The Russian Defence Ministry said Russian units broke through the Ukrainian line "
        "near Avdiivka in Donetsk region.\n\n"
        "The Ukrainian troops retreated two kilometres, the ministry said.",
    )
    assert [e.fw_type for e in events] == ["breakthrough"]
    (event,) = events
    assert event.actor2 is not None and event.actor2.side == "UA"
    assert any(q.unit == "kilometres" or q.unit == "km" for q in event.quantities)


def test_generic_attacks_fold_into_the_specific_event(pipeline: Pipeline) -> None:
    events = _events(
        pipeline,
        "Ukraine's General Staff said its forces repelled Russian attacks near Vuhledar "
        "in Donetsk region, where fighting raged all day.",
    )
    assert [e.fw_type for e in events] == ["attack_repelled"]


def test_two_sources_stay_two_events(pipeline: Pipeline) -> None:
    events = _events(
        pipeline,
        "Ukraine's General Staff said its forces repelled attacks near Bakhmut.\n\n"
        "The office of the Ukrainian president said Ukrainian forces repelled attacks near "
        "Lyman.",
    )
    assert [e.fw_type for e in events] == ["attack_repelled", "attack_repelled"]
