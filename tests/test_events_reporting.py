"""Events the way war is reported: bylines after a dash, victims and perpetrators, one
happening as one event, noun-phrase reports, and no events from peace news. The texts
are written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from frontwatch.models import Article, Event, Status
from frontwatch.pipeline import Pipeline


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


def _events(pipeline: Pipeline, text: str) -> list[Event]:
    article = Article(id="t", path="t.txt", text=text, published=date(2022, 9, 10))
    (processed,) = list(pipeline.process([article]))
    return [e for e in processed.events if e.fw_type not in ("statement", "denial")]


def test_source_after_a_dash_claims_the_headline(pipeline: Pipeline) -> None:
    events = _events(pipeline, "Two soldiers were killed in shelling near Horlivka - Pushilin")
    assert events
    for event in events:
        assert event.claim is not None and event.claim.claimant is not None
        assert "Pushilin" in event.claim.claimant.name
        assert event.status != Status.HAPPENED
        assert event.actor2 is None or "Pushilin" not in event.actor2.name


def test_a_clause_after_a_dash_is_no_source(pipeline: Pipeline) -> None:
    events = _events(pipeline, "Attacks recorded in Zaporizhzhia - three civilians killed")
    assert all(e.claim is None or e.claim.claimant is None for e in events)


def test_byline_on_its_own_line_claims_the_post(pipeline: Pipeline) -> None:
    events = _events(
        pipeline, "Ukrainian forces shelled the centre of Horlivka overnight.\n— Horlivka mayor"
    )
    assert events and all(
        e.claim and e.claim.claimant and "mayor" in e.claim.claimant.name for e in events
    )
