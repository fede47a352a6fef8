"""Every entry of the place lexicon (data/places/context.toml, metonymy.toml) is
exercised by a test sentence (tests/fixtures/place_lexicon.toml, written for the tests)
and the behaviour it is there for is asserted: a site word lets the place inside a
facility's name be found, a not-place head or a person's title stops a place, a seat of
power acting is an actor, a military verb's target is a place, and so on."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest
from spacy.language import Language

from frontwatch.lexicons import load_toml
from frontwatch.models import Article, PlaceMention
from frontwatch.resolve.gazetteer import Gazetteer
from frontwatch.resolve.places import lexicon, resolve_places
from frontwatch.resolve.places.common import Lexicon, in_theatre
from frontwatch.resolve.places.qualifiers import axis_names
from frontwatch.resolve.places.recognise import _cue

FIXTURE = Path(__file__).parent / "fixtures" / "place_lexicon.toml"
CASES: dict[str, Any] = tomllib.loads(FIXTURE.read_text(encoding="utf-8"))


def _entries(section: str) -> list[str]:
    """The lexicon list a fixture section covers, as written in the data file."""
    ctx, met = load_toml("places/context.toml"), load_toml("places/metonymy.toml")
    verbs = ctx["place_verbs"]
    lists = {
        "site_words": ctx["site_words"]["words"],
        "not_place_heads": ctx["not_place_heads"]["words"],
        "directions": ctx["directions"]["words"],
        "locative": ctx["locative"]["words"],
        "military_verbs": verbs["military"],
        "general_verbs": verbs["general"],
        "military_nouns": verbs["military_nouns"],
        "target_prepositions": verbs["target_prepositions"],
        "armed_subjects": verbs["armed_subjects"],
        "unit_words": ctx["qualifiers"]["unit_words"],
        "axis_words": ctx["qualifiers"]["axis_words"],
        "area_nouns": ctx["qualifiers"]["area_nouns"],
        "theatre_words": ctx["theatre"]["words"],
        "theatre_strong_words": ctx["theatre"]["strong_words"],
        "seats": met["seats"],
        "non_agentive_verbs": met["non_agentive_verbs"],
        "agent_deps": met["agent_deps"],
        "agentive_participles": met["agentive_participles"],
        "person_titles": met["person_titles"],
        "not_places": met["not_places"],
    }
    return list(dict.fromkeys(lists[section]))


PARAMS = [(section, entry) for section in CASES for entry in _entries(section)]


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.open()


@pytest.fixture(scope="module")
def lex() -> Lexicon:
    return lexicon()


def _sentence(section: str, entry: str) -> str:
    case = CASES[section]
    own = case.get("sentences", {})
    if entry in own:
        return str(own[entry])
    assert "template" in case, f"{FIXTURE.name} [{section}]: no sentence for {entry!r}"
    return str(case["template"]).format(w=entry, W=entry[:1].upper() + entry[1:])


def _mentions(nlp: Language, gaz: Gazetteer, text: str) -> list[PlaceMention]:
    return resolve_places(nlp(text), Article(id="t", path="t", text=text), gaz)


@pytest.mark.parametrize(("section", "entry"), PARAMS, ids=[f"{s}:{e}" for s, e in PARAMS])
def test_lexicon_entry(nlp: Language, gaz: Gazetteer, section: str, entry: str) -> None:
    case = CASES[section]
    text = _sentence(section, entry)
    name = str(case.get("name", entry))
    found = [m for m in _mentions(nlp, gaz, text) if name.lower() in m.text.lower()]
    placed = [m for m in found if m.place is not None]
    expect = case.get("expect_for", {}).get(entry, case["expect"])
    if expect == "place":
        assert any(m.place.admin1 == case["admin1"] for m in placed if m.place), (text, found)
    elif expect == "not_place":
        assert not placed, (text, found)
    elif expect == "actor":
        assert any(m.role == "actor" for m in placed), (text, found)
    elif expect == "located":
        assert placed and all(m.role != "actor" for m in placed), (text, found)
    elif expect == "coarse":
        assert any(
            m.place.feature.startswith("ADM") and "coarse" in m.flags for m in placed if m.place
        ), (text, found)
    elif expect == "unit":
        assert any(m.place.feature[:4] in ("ADM2", "ADM3") for m in placed if m.place), (
            text,
            found,
        )
    else:
        pytest.fail(f"{FIXTURE.name} [{section}]: unknown expect {expect!r}")


def test_every_lexicon_list_has_its_sentences() -> None:
    """A new entry without a sentence fails here: no template and no sentence of its own."""
    for section in CASES:
        for entry in _entries(section):
            assert _sentence(section, entry)


@pytest.mark.parametrize("word", sorted(lexicon().feature_words))
def test_feature_word_asks_for_its_features(nlp: Language, lex: Lexicon, word: str) -> None:
    doc = nlp(f"They crossed the Zorya {word} on Monday.")
    name = next(i for i, t in enumerate(doc) if t.text == "Zorya")
    assert _cue(doc, name, name + 1, lex) in (lex.feature_words[word], ("ADM", "RGN"))
    doc = nlp(f"Shelling hit the {word} of Zorya on Monday.")
    name = next(i for i, t in enumerate(doc) if t.text == "Zorya")
    assert _cue(doc, name, name + 1, lex) == lex.feature_words[word]


def test_strict_features_are_asked_for_by_a_word(lex: Lexicon) -> None:
    asked = {code for codes in lex.feature_words.values() for code in codes}
    assert lex.strict_features <= asked


@pytest.mark.parametrize("link", [list(x) for x in sorted(lexicon().unit_links)])
def test_qualifier_link_constrains_the_namesake(
    nlp: Language, gaz: Gazetteer, link: list[str]
) -> None:
    between = "".join(w if w in (",", "(") else f" {w}" for w in link)
    close = ")" if "(" in link else ""
    text = f"The invaders shelled Novoselivka{between} Kharkiv region{close} overnight."
    text = text.replace("( ", "(").replace("Novoselivka(", "Novoselivka (")
    found = [m for m in _mentions(nlp, gaz, text) if m.text == "Novoselivka"]
    assert found and found[0].place is not None, text
    assert found[0].place.admin1 == "UA-63", (text, found[0].place)


@pytest.mark.parametrize("ending", lexicon().axis_endings)
def test_axis_ending_is_stripped(lex: Lexicon, ending: str) -> None:
    assert "Bakhmut" in axis_names(f"Bakhmut{ending}", lex)


@pytest.mark.parametrize("restore", lexicon().axis_restore)
def test_axis_town_ending_is_restored(lex: Lexicon, restore: str) -> None:
    assert f"Zoria{restore}" in axis_names("Zoriasky", lex)


@pytest.mark.parametrize("prefix", sorted(lexicon().axis_prefixes))
def test_axis_compound_prefix_is_split(lex: Lexicon, prefix: str) -> None:
    names = axis_names(f"{prefix.capitalize()}limansky", lex)
    for adjective in lex.axis_prefixes[prefix]:
        assert f"{adjective} Liman".strip() in names


def test_axis_adjectives_name_the_town(nlp: Language, gaz: Gazetteer) -> None:
    for text in (
        "The invaders lost 100 soldiers in the Krasnoliman direction in a day.",
        "Ukrainian troops attacked in the Krasnolimansky direction overnight.",
    ):
        found = [m for m in _mentions(nlp, gaz, text) if m.text.startswith("Krasnolim")]
        assert found and found[0].place is not None, text
        assert found[0].place.admin1 == "UA-14" and "coarse" in found[0].flags
    # not in a story about anything else, and not for a town outside the war zone
    text = "The pilot turned in the Denverish direction over Colorado."
    assert not [m for m in _mentions(nlp, gaz, text) if m.text == "Denverish" and m.place]


def test_theatre_units_are_real(gaz: Gazetteer, lex: Lexicon) -> None:
    for code in lex.theatre_admin1:
        unit = gaz.admin1(code)
        assert unit is not None and in_theatre(unit, lex), code
    kharkiv = [p for p in gaz.lookup("Kharkiv") if p.feature.startswith("PPL")][0]
    assert kharkiv.country in lex.theatre_countries


def test_always_actor_are_seats(lex: Lexicon) -> None:
    assert lex.always_actor and lex.always_actor <= lex.seats
