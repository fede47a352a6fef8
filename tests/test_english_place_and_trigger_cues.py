"""English cues that the parallel Ukrainian/English reports showed missing (sentences
written for this test): a region word names the oblast, not its city; a bare name after
"in" is the town, not its river or oblast; whose officials are no place; a landmark after
"near" is not where it happened; a weapon makes an attack a strike; a purpose or a phone
call "held" is no defence."""

from __future__ import annotations

from datetime import date

import pytest

from frontwatch.models import Article, ProcessedArticle
from frontwatch.pipeline import Pipeline
from frontwatch.resolve.gazetteer import Gazetteer


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline(Gazetteer.open())


def _run(pipeline: Pipeline, text: str) -> ProcessedArticle:
    article = Article(id="e1", path="e.txt", text=text, language="en", published=date(2022, 4, 2))
    return next(pipeline.process([article]))


def _places(p: ProcessedArticle) -> dict[str, tuple[str, str]]:
    return {m.text: (m.place.name, m.role) for m in p.places if m.place}


@pytest.mark.parametrize(
    ("text", "name", "place"),
    [
        # "X region" where no alias spells it so: the oblast, not the city (which GeoNames
        # also makes a first-level unit) and not a city of that name
        ("Drones struck a depot in the Kyiv region overnight.", "Kyiv", "Kyiv Oblast"),
        ("A fuel depot burned in Vasylkiv, Kyiv Region, after the strike.", "Kyiv", "Kyiv Oblast"),
        # a town that shares its name with a river, after "in" or "from"
        ("Three volunteers were killed in Irpin on Sunday.", "Irpin", "Irpin"),
        # a city that shares its name with its oblast, after "in"
        ("Rescuers cleared rubble in Sumy after the strike.", "Sumy", "Sumy"),
    ],
)
def test_a_region_word_and_a_bare_town(
    pipeline: Pipeline, text: str, name: str, place: str
) -> None:
    assert _places(_run(pipeline, text))[name][0] == place


def test_on_the_river_is_still_the_river(pipeline: Pipeline) -> None:
    places = _places(_run(pipeline, "Troops dug in along the Irpin as the bridge was blown."))
    assert places["Irpin"][0] == "Irpin River"


def test_whose_officials_are_no_place(pipeline: Pipeline) -> None:
    p = _run(pipeline, "The minister told U.S. senators that Russian troops shelled Kharkiv.")
    assert _places(p)["U.S."][1] == "actor"
    assert {e.place.place.name for e in p.events if e.place and e.place.place} == {"Kharkiv"}


def test_a_landmark_after_near_is_not_where(pipeline: Pipeline) -> None:
    p = _run(pipeline, "Russian troops killed two farmers in Borodianka near Kyiv on Friday.")
    (event,) = [e for e in p.events if e.fw_type == "casualties"]
    assert event.place and event.place.place and event.place.place.name == "Borodianka"


@pytest.mark.parametrize(
    ("text", "fw_type"),
    [
        ("Russian forces attacked Uman with four missiles.", "missile_strike"),
        ("The occupiers attacked Odesa with drones before dawn.", "air_strike"),
        ("A school in Sumy was destroyed by rocket fire.", "missile_strike"),
        ("Russian forces attacked Uman from three sides.", "clash"),  # no weapon: a fight
    ],
)
def test_a_weapon_makes_an_attack_a_strike(pipeline: Pipeline, text: str, fw_type: str) -> None:
    assert fw_type in {e.fw_type for e in _run(pipeline, text).events}


@pytest.mark.parametrize(
    "text",
    [
        "The speaker held a phone call with the Polish president assuring his position.",
        "The allies keep sending aid, enabling Ukrainians to defend their country.",
        "The alliance stands ready to defend the whole world from catastrophe.",
        "The mayor praised the residents for their strong resolve to fight the occupiers.",
    ],
)
def test_no_defence_or_fight_in_purposes_and_calls(pipeline: Pipeline, text: str) -> None:
    kinds = {e.fw_type for e in _run(pipeline, text).events}
    assert not kinds & {"defence", "clash"}, kinds


def test_a_defence_of_ground_stays(pipeline: Pipeline) -> None:
    for text in ("Ukrainian troops defended Bakhmut for months.", "Marines held their positions."):
        assert "defence" in {e.fw_type for e in _run(pipeline, text).events}, text
