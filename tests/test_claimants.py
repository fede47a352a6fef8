"""Who claims it: described sources, generic speakers, reported events, quotations and
headline fragments. The sentences are written for these tests (not from the demo
articles, not from an evaluation corpus)."""

from __future__ import annotations

from datetime import date

import pytest

from frontwatch.extract.claims import quotation_mask
from frontwatch.lexicons import load_toml
from frontwatch.models import Actor, Article, Event
from frontwatch.pipeline import Pipeline


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


def _events(pipeline: Pipeline, text: str) -> list[Event]:
    article = Article(id="t", path="t.txt", text=text, published=date(2022, 10, 4))
    (processed,) = list(pipeline.process([article]))
    return processed.events


def _claimant(events: list[Event], fw_type: str) -> Actor | None:
    found = [e for e in events if e.fw_type == fw_type]
    assert found, [e.fw_type for e in events]
    claim = found[0].claim
    return claim.claimant if claim else None


def test_a_reported_event_is_claimed_by_the_speaker(pipeline: Pipeline) -> None:
    text = "The General Staff of Ukraine said its forces repelled six attacks near Siversk."
    claimant = _claimant(_events(pipeline, text), "attack_repelled")
    assert claimant is not None and claimant.side == "UA"


def test_officials_stay_described_and_typed(pipeline: Pipeline) -> None:
    text = (
        "Governor Vitaliy Kim said a drone hit a warehouse in Mykolaiv on Monday.\n\n"
        "Officials said Russian artillery shelled Ochakiv overnight."
    )
    events = _events(pipeline, text)
    claimant = _claimant(events, "shelling")
    assert claimant is not None and claimant.name == "Officials"  # not the governor
    assert claimant.role == "official"


def test_a_described_commander_keeps_his_side_and_type(pipeline: Pipeline) -> None:
    text = "A senior Ukrainian commander said troops repelled three assaults near Vuhledar."
    claimant = _claimant(_events(pipeline, text), "attack_repelled")
    assert claimant is not None and "commander" in claimant.name
    assert claimant.side == "UA" and claimant.role == "military"


def test_the_governor_is_the_governor_named_before(pipeline: Pipeline) -> None:
    text = (
        "Vitaliy Kim, the regional governor, said a drone hit a warehouse in Mykolaiv.\n\n"
        "Later the governor said Russian artillery shelled Ochakiv."
    )
    claimant = _claimant(_events(pipeline, text), "shelling")
    assert claimant is not None and claimant.name == "Vitaliy Kim"


def test_defence_officials_are_the_ministry_of_defense_named_before(pipeline: Pipeline) -> None:
    # British and American spellings are one word
    text = (
        "The British Ministry of Defence said Russian forces withdrew from Lyman.\n\n"
        "Defense officials said Russian artillery shelled Siversk on Sunday."
    )
    claimant = _claimant(_events(pipeline, text), "shelling")
    assert (
        claimant is not None and claimant.canonical == "Ministry of Defence of the United Kingdom"
    )


def test_a_generic_speaker_of_another_side_is_not_the_named_one(pipeline: Pipeline) -> None:
    text = (
        "President Volodymyr Zelensky said troops shelled Russian positions near Kherson.\n\n"
        "The Russian leader said his forces repelled attacks near Kherson."
    )
    claimant = _claimant(_events(pipeline, text), "attack_repelled")
    assert claimant is None or claimant.canonical != "Volodymyr Zelenskyy"


def test_the_leader_is_the_president_named_before(pipeline: Pipeline) -> None:
    text = (
        "President Volodymyr Zelensky said troops shelled Russian positions near Kherson.\n\n"
        "The Ukrainian leader said his forces repelled attacks near Kherson."
    )
    claimant = _claimant(_events(pipeline, text), "attack_repelled")
    assert claimant is not None and claimant.canonical == "Volodymyr Zelenskyy"


def test_a_quotation_is_claimed_by_its_closing_attribution(pipeline: Pipeline) -> None:
    text = (
        "The mayor spoke to reporters on Friday.\n\n"
        "\u201cRussian artillery shelled Nikopol all night. Our people are tired,\u201d "
        "Yevhen Yevtushenko said."
    )
    claimant = _claimant(_events(pipeline, text), "shelling")
    assert claimant is not None and claimant.name == "Yevhen Yevtushenko"


def test_two_apostrophes_are_a_quotation_mark() -> None:
    text = "He wrote: ''We were shelled all night.'' Then he left."
    assert quotation_mask(text) == [(10, 40)]  # both marks inside


def test_a_headline_name_ends_before_its_verb(pipeline: Pipeline) -> None:
    text = "Shoigu Says Troops Shelled Avdiivka.\n\nNothing more was said."
    for event in _events(pipeline, text):
        claimant = event.claim.claimant if event.claim else None
        assert claimant is None or "Says" not in claimant.name


def test_a_heading_between_dashes_is_no_byline(pipeline: Pipeline) -> None:
    text = "\u2013 Quiet front \u2013.\n\nRussian artillery shelled Kupiansk overnight."
    claimant = _claimant(_events(pipeline, text), "shelling")
    assert claimant is None or "Quiet" not in claimant.name


def test_an_aside_after_a_dash_is_no_byline(pipeline: Pipeline) -> None:
    text = "Troops shelled the bridge near Kupiansk \u2014 in Kharkiv, not Donetsk."
    for event in _events(pipeline, text):
        claimant = event.claim.claimant if event.claim else None
        assert claimant is None or "Kharkiv" not in claimant.name


@pytest.mark.parametrize(
    ("kind", "word"),
    [
        (kind, word)
        for kind, words in load_toml("attribution.toml")["source_types"].items()
        for word in words
    ],
)
def test_every_source_type_word_types_a_source(nlp, kind: str, word: str) -> None:  # type: ignore[no-untyped-def]
    from frontwatch.extract.claims import described_source
    from frontwatch.extract.lexicon import lexicon

    doc = nlp(f"The {word} said the bridge was hit.")
    head = next(t for t in doc if t.dep_ in ("nsubj", "nsubjpass") and t.i <= 2)
    source = described_source(head, lexicon())
    assert source is not None and source.role == kind, (word, head.text, source)


def test_every_role_synonym_is_read() -> None:
    from frontwatch.extract import actors

    table = load_toml("attribution.toml")["role_synonyms"]
    assert actors._role_synonyms() == {k: tuple(v) for k, v in table.items()}
    assert "president" in actors._role_synonyms()["leader"]


def test_a_courtesy_title_is_no_role(pipeline: Pipeline) -> None:
    text = "Mr. Oleksiy Danilov said Russian artillery shelled Kupiansk on Monday."
    claimant = _claimant(_events(pipeline, text), "shelling")
    assert claimant is not None and claimant.role != "Mr."
    for title in load_toml("attribution.toml")["courtesy_titles"]:
        from frontwatch.extract.actors import _courtesy_titles

        assert title in _courtesy_titles()


def test_a_statement_inside_a_statement_is_one_statement(pipeline: Pipeline) -> None:
    text = (
        "Governor Vitaliy Kim noted that Mayor Oleksandr Senkevych had written "
        "that Mykolaiv was shelled."
    )
    statements = [e for e in _events(pipeline, text) if e.fw_type == "statement"]
    assert [e.claim.claimant.name for e in statements if e.claim and e.claim.claimant] == [
        "Vitaliy Kim"
    ]


def test_an_outlet_relaying_keeps_the_statement(pipeline: Pipeline) -> None:
    text = (
        "The Ukrainian General Staff said its forces repelled attacks near Bakhmut, "
        "Reuters reported."
    )
    events = _events(pipeline, text)
    claimant = _claimant(events, "attack_repelled")
    assert claimant is not None and claimant.kind != "outlet"


def test_an_inanimate_subject_is_no_source(pipeline: Pipeline) -> None:
    text = "Officials hoped the economy would recover and said troops repelled attacks near Izium."
    for event in _events(pipeline, text):
        claimant = event.claim.claimant if event.claim else None
        assert claimant is None or "economy" not in claimant.name


def test_a_reporting_verb_without_subject_is_the_speaker_around_it(pipeline: Pipeline) -> None:
    text = (
        "Governor Oleh Syniehubov told the crowd he was the first one to say "
        "the Russian army needs to be destroyed near Izium."
    )
    claimant = _claimant(_events(pipeline, text), "clash")
    assert claimant is not None and claimant.canonical == "Oleh Syniehubov"


def test_a_name_with_an_apposition_then_its_verb_is_the_speaker(pipeline: Pipeline) -> None:
    # the parser may read "tweeted" as a participle of the name
    text = (
        "Oleksandr Senkevych, the mayor of Mykolaiv, tweeted in reply: ''Russian artillery "
        "shelled the port again.''"
    )
    claimant = _claimant(_events(pipeline, text), "shelling")
    assert claimant is not None and claimant.name == "Oleksandr Senkevych"


def test_a_name_inside_the_quotation_is_whom_it_addresses(pipeline: Pipeline) -> None:
    text = (
        "''Russian artillery shelled Kupiansk all night, Mr. Governor,'' "
        "Colonel Ihor Petrenko told Oleh Syniehubov on Monday."
    )
    claimant = _claimant(_events(pipeline, text), "shelling")
    assert claimant is not None and claimant.name == "Ihor Petrenko"
