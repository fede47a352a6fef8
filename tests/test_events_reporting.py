"""Events the way war is reported: bylines after a dash, victims and perpetrators, one
happening as one event, noun-phrase reports, and no events from peace news. The texts
are written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from eventkit import reported_events
from frontwatch.extract.relevance import judge_relevance
from frontwatch.lexicons import load_toml
from frontwatch.models import Article, Event, Status
from frontwatch.pipeline import Pipeline


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


def _events(pipeline: Pipeline, text: str) -> list[Event]:
    return reported_events(pipeline, text, date(2022, 9, 10))


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


# --- the relevance gate ----------------------------------------------------------------


def test_disease_news_gives_no_conflict_event(pipeline: Pipeline) -> None:
    text = (
        "Health officials in the province said the outbreak had killed nine people this week. "
        "Twelve deaths from measles were recorded in the capital, where clinics were "
        "overwhelmed. Volunteers were fighting the epidemic in three districts, and the "
        "ministry said schools would stay closed until the infection rate fell. "
        "The second floor of the clinic is occupied by four wards for children."
    )
    article = Article(id="t", path="t.txt", text=text, published=date(2022, 9, 10))
    (processed,) = list(pipeline.process([article]))
    assert processed.events == []
    relevance = processed.extra["relevance"]
    assert relevance["relevant"] is False and relevance["score"] < 3


def test_campaign_metaphors_give_no_event(pipeline: Pipeline) -> None:
    text = (
        "The senator attacked the other candidates in a televised debate on Tuesday. "
        "Her rivals shot down the proposal within minutes, and the campaign captured "
        "the mood of the county. Voters said the election had been bitter."
    )
    assert _events(pipeline, text) == []


def test_war_report_passes_the_gate_with_its_reasons(pipeline: Pipeline) -> None:
    text = (
        "Russian troops shelled the outskirts of Orikhiv with artillery overnight. "
        "The regional governor said two civilians were wounded and a school was damaged. "
        "Ukrainian forces repelled an assault near the village, the army said."
    )
    article = Article(id="t", path="t.txt", text=text, published=date(2022, 9, 10))
    (processed,) = list(pipeline.process([article]))
    relevance = processed.extra["relevance"]
    assert relevance["relevant"] is True
    assert any(r.startswith("armed:") for r in relevance["reasons"])
    assert any(e.fw_type == "shelling" for e in processed.events)


def test_peace_cause_in_a_war_article_is_no_attack(pipeline: Pipeline) -> None:
    text = (
        "Russian artillery shelled the front line near Siversk again on Monday, the army said. "
        "In a separate report, three people died in a house fire in Lviv."
    )
    events = _events(pipeline, text)
    assert not any("fire" in (e.claim.sentence if e.claim else "") for e in events)


@pytest.mark.parametrize(
    ("kind", "word"),
    [
        (kind, word)
        for kind, words in load_toml("relevance.toml")["signals"].items()
        for word in words
    ],
)
def test_every_signal_word_is_read(nlp, kind: str, word: str) -> None:  # type: ignore[no-untyped-def]
    doc = nlp(f"The report named {word} near the bridge.")
    found = judge_relevance(doc, list(doc.sents), [])
    assert any(r.startswith(f"{kind}:") for r in found.reasons), (word, found.reasons)


# --- one happening, one event; victims and perpetrators; ACLED coding ------------------


def test_killed_and_injured_by_shelling_are_one_shelling(pipeline: Pipeline) -> None:
    events = _events(
        pipeline,
        "In Horlivka, two people were killed, five were injured due to shelling by the "
        "Armed Forces of Ukraine",
    )
    assert [e.fw_type for e in events] == ["shelling"]
    (event,) = events
    assert event.fatalities == 2 and event.injuries == 5
    assert event.actor1 is not None and event.actor1.side == "UA"


def test_the_dead_of_a_side_are_not_the_attacker(pipeline: Pipeline) -> None:
    (event,) = _events(pipeline, "Over the day, 70 occupiers died near Bakhmut")
    assert event.actor2 is not None and event.actor2.side == "RU"
    assert event.actor1 is not None and event.actor1.side == "UA"
    assert event.fatalities == 70


def test_losses_of_a_side_name_the_victims(pipeline: Pipeline) -> None:
    events = _events(pipeline, "Losses of the ZSU near Kupiansk amounted to 45 people - Marochko")
    (event,) = [e for e in events if e.fw_type == "casualties"]
    assert event.actor2 is not None and event.actor2.side == "UA"
    assert event.fatalities is None  # losses are killed, wounded and missing together
    assert event.claim and event.claim.claimant and event.claim.claimant.side == "RU-INST"


def test_noun_phrase_log_entry_gives_an_event(pipeline: Pipeline) -> None:
    events = _events(pipeline, "Aftermath of shelling of a grain elevator in Nikopol")
    assert [e.fw_type for e in events] == ["shelling"]
    assert events[0].place is not None


def test_acled_codes_in_the_export(pipeline: Pipeline) -> None:
    from frontwatch.export import event_row

    article = Article(
        id="t",
        path="t.txt",
        text="Russian forces shelled a bus stop in Kharkiv, killing three civilians.",
        published=date(2022, 9, 10),
    )
    (processed,) = list(pipeline.process([article]))
    rows = [event_row(e, article) for e in processed.events]
    shelling = next(r for r in rows if r["fw_type"] == "shelling")
    assert shelling["inter1"] == 8  # Russia's forces outside Russia: external forces
    assert shelling["sub_event_type"] == "Shelling/artillery/missile attack"
    assert shelling["fatalities"] == 3
