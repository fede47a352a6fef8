"""Lexicon entries that fitted the sample articles and misfired elsewhere, each fixed by a
general rule; every sentence here failed before its fix (issue 15). None is from the demo
articles."""

from __future__ import annotations

from datetime import date

import pytest

from frontwatch.models import Article, Event
from frontwatch.pipeline import Pipeline


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


def _events(pipeline: Pipeline, text: str) -> list[Event]:
    article = Article(id="t", path="t.txt", text=text, published=date(2022, 9, 21))
    (processed,) = list(pipeline.process([article]))
    return processed.events


def _claimant_of(events: list[Event], fw_type: str) -> tuple[str, str | None]:
    (event,) = [e for e in events if e.fw_type == fw_type]
    assert event.claim is not None and event.claim.claimant is not None
    return event.claim.claimant.side, event.claim.claimant.canonical


@pytest.mark.parametrize(
    "text",
    [
        "Russia's General Staff said its forces destroyed two Ukrainian tanks.",
        "The Russian General Staff's chief of staff said troops advanced near Bakhmut.",
    ],
)
def test_a_side_cue_beats_a_generic_alias(pipeline: Pipeline, text: str) -> None:
    """Every army has a General Staff: the cue "Russia's" wins over the alias."""
    fw_type = "clash" if "destroyed" in text else "advance"
    side, canonical = _claimant_of(_events(pipeline, text), fw_type)
    assert side == "RU" and canonical != "General Staff of the Armed Forces of Ukraine"


def test_the_alias_still_names_its_own_side(pipeline: Pipeline) -> None:
    text = "Ukraine's General Staff said its forces destroyed two Russian tanks."
    side, canonical = _claimant_of(_events(pipeline, text), "clash")
    assert (side, canonical) == ("UA", "General Staff of the Armed Forces of Ukraine")


def test_where_someone_is_based_gives_no_side(pipeline: Pipeline) -> None:
    events = _events(pipeline, "A Moscow-based analyst said the shelling of Kharkiv continued.")
    claimants = [e.claim.claimant for e in events if e.claim and e.claim.claimant]
    assert not [c for c in claimants if c.side in ("RU", "RU-INST")]
    assert not [c for c in claimants if c.canonical == "Government of Russia"]


def test_a_compound_alias_keeps_its_side(pipeline: Pipeline) -> None:
    text = "The Moscow-backed administration said troops advanced."
    side, canonical = _claimant_of(_events(pipeline, text), "advance")
    assert (side, canonical) == ("RU-INST", "Russian-installed authorities")


def test_an_unnamed_mobiliser_is_not_the_claimants_opponent(pipeline: Pipeline) -> None:
    events = _events(
        pipeline, "Ukraine's defence ministry said it had mobilised 20,000 reservists."
    )
    (mobilisation,) = [e for e in events if e.fw_type == "mobilisation"]
    assert mobilisation.actor1 is None or mobilisation.actor1.side != "RU"


def test_a_partys_own_mobilisation_is_not_folded_into_the_enemys_shelling(
    pipeline: Pipeline,
) -> None:
    text = (
        "Ukraine's defence ministry said it had mobilised 20,000 reservists as Russian "
        "artillery shelled Kharkiv."
    )
    types = sorted(e.fw_type for e in _events(pipeline, text) if e.fw_type != "statement")
    assert types == ["mobilisation", "shelling"]


@pytest.mark.parametrize(
    ("text", "grave"),
    [
        ("Sappers dug up landmines near Izium.", False),
        ("Farmers dug up potatoes outside Balakliia.", False),
        ("Investigators dug up 440 bodies from a forest near Izium.", True),
    ],
)
def test_dig_up_is_a_grave_only_for_what_is_dug_up(
    pipeline: Pipeline, text: str, grave: bool
) -> None:
    assert any(e.fw_type == "mass_grave" for e in _events(pipeline, text)) is grave
