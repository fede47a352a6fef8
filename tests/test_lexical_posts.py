"""Ukrainian Telegram-style posts through the whole path (written for this test, none
from the eval corpora), and the entries of data/lexicon.uk.toml that the sentence-level
tests of test_lexical.py do not reach: statements, the capital, official names."""

from __future__ import annotations

from datetime import date

import pytest

from frontwatch.lexicons import load_toml
from frontwatch.models import Article, ProcessedArticle, Status
from frontwatch.pipeline import Pipeline
from frontwatch.resolve.gazetteer import Gazetteer


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline(Gazetteer.open())


def _run(pipeline: Pipeline, text: str, language: str = "uk") -> ProcessedArticle:
    article = Article(
        id="p1", path="post.json", text=text, language=language, published=date(2024, 5, 2)
    )
    return next(pipeline.process([article]))


def _placed(p: ProcessedArticle) -> list[tuple[str, str | None]]:
    return [
        (e.fw_type, e.place.place.name if e.place and e.place.place else None) for e in p.events
    ]


@pytest.mark.parametrize(
    ("text", "fw_type", "place", "admin1"),
    [
        # a governor's posts: the town in the genitive, the oblast by its colloquial name
        ("Внаслідок обстрілу Нікополя поранено двох людей.", "shelling", "Nikopol", "UA-12"),
        (
            "Вночі ворог атакував Харківщину ударними дронами. У Куп'янську пошкоджено "
            "приватний будинок, постраждала жінка.",
            "air_strike",
            "Kharkiv Oblast",  # the attack's own sentence names the oblast
            "UA-63",
        ),
        # an oblast in the genitive and the locative is the oblast, not its city
        (
            "Окупанти обстріляли село Київської області, зруйновано склад.",
            "shelling",
            "Kyiv Oblast",
            "UA-32",
        ),
        (
            "На Київщині внаслідок атаки дронів загинув чоловік.",
            "air_strike",
            "Kyiv Oblast",
            "UA-32",
        ),
        # a town before its oblast is the town ("Білопілля Сумської області")
        (
            "Росіяни скинули авіабомби на Білопілля Сумської області.",
            "air_strike",
            "Bilopillia",
            "UA-59",
        ),
        # a district named after its town: the town
        ("На Нікопольщині ворог обстріляв дві громади.", "shelling", "Nikopol", "UA-12"),
        # an adjective and a noun simplemma does not know, put in the nominative
        ("Росіяни атакували дронами Малу Токмачку.", "air_strike", "Mala Tokmachka", "UA-23"),
        # a community named by its town's adjective, in every case
        ("Ворог обстріляв Дергачівську громаду, поранено жінку.", "shelling", "Derhachi", "UA-63"),
        (
            "У Краснопільській громаді внаслідок атаки дрона поранено чоловіка.",
            "air_strike",
            "Krasnopillya",
            "UA-59",
        ),
        (
            "Окупанти обстріляли Гуляйпільську громаду з артилерії.",
            "shelling",
            "Hulyaypole",
            "UA-23",
        ),
        (
            "Ворог вдарив по Золочівській громаді на Харківщині ракетами.",
            "missile_strike",
            "Zolochiv",
            "UA-63",
        ),
        # an attack by bombs is an air strike, not also a clash
        (
            "Вночі росіяни атакували Харків керованими авіабомбами.",
            "air_strike",
            "Kharkiv",
            "UA-63",
        ),
        # a village in its case forms
        ("Ворог скинув КАБ на Вовчанськ, є поранені.", "air_strike", "Vovchansk", "UA-63"),
        ("У Вовчанську внаслідок обстрілу загинула жінка.", "shelling", "Vovchansk", "UA-63"),
    ],
)
def test_governor_posts_give_a_placed_event(
    pipeline: Pipeline, text: str, fw_type: str, place: str, admin1: str
) -> None:
    p = _run(pipeline, text)
    event = next((e for e in p.events if e.fw_type == fw_type), None)
    assert event is not None, _placed(p)
    assert event.place and event.place.place, _placed(p)
    assert (event.place.place.name, event.place.place.admin1) == (place, admin1)


def test_a_general_staff_tally_is_claimed_by_it(pipeline: Pipeline) -> None:
    text = (
        "Оперативна інформація станом на 08:00 02.05.2024 щодо російського вторгнення.\n"
        "За минулу добу відбулося 97 бойових зіткнень. На Покровському напрямку Сили "
        "оборони відбили 29 атак окупантів. Про це повідомляє Генштаб ЗСУ."
    )
    p = _run(pipeline, text)
    repelled = [e for e in p.events if e.fw_type == "attack_repelled"]
    assert repelled, _placed(p)
    event = repelled[0]
    assert event.status == Status.FAILED
    assert event.claim and event.claim.claimant
    assert event.claim.claimant.canonical == "General Staff of the Armed Forces of Ukraine"
    assert event.place and event.place.place and event.place.place.name == "Pokrovsk"
    assert event.time and event.time.date_start == date(2024, 5, 1)


def test_each_statement_word_keeps_a_named_speakers_words(pipeline: Pipeline) -> None:
    for word in load_toml("lexicon.uk.toml")["claims"]["statements"]:
        verb = word if word.endswith(("в", "а", "и", "є", "ь", "ся")) else word + "ила"
        p = _run(pipeline, f"Ярина Коваленко {verb} партнерів про наслідки війни в Молдові.")
        (event,) = p.events
        assert event.fw_type == "statement" and event.status == Status.CLAIMED, word
        assert event.actor1 and event.actor1.name == "Ярина Коваленко", word
        assert event.place and event.place.place and event.place.place.name == "Moldova", word


def test_a_known_speaker_makes_the_statement(pipeline: Pipeline) -> None:
    p = _run(
        pipeline, "Міністр закордонних справ України засудив обстріли і закликав до тиску на Росію."
    )
    assert [e.fw_type for e in p.events] == ["shelling"]  # an event reported: no statement
    p = _run(pipeline, "Міністр закордонних справ України звернувся до партнерів щодо війни.")
    (event,) = p.events
    assert event.fw_type == "statement" and event.claim and event.claim.claimant
    assert event.claim.claimant.canonical == "Ministry of Foreign Affairs of Ukraine"


def test_a_pronoun_or_adverb_names_no_speaker(pipeline: Pipeline) -> None:
    for word in load_toml("lexicon.uk.toml")["claims"]["not_names"]:
        text = f"{word.capitalize()} заявив, що війна триває."
        assert not _run(pipeline, text).events, text


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Уламки ракети впали на столичний ринок.", "Kyiv"),
        ("У столиці України пролунали вибухи, окупанти атакували місто дронами.", "Kyiv"),
        ("Окупанти обстріляли столицю Росії з дронів.", None),  # another country's capital
    ],
)
def test_the_capital_is_kyiv(pipeline: Pipeline, text: str, place: str | None) -> None:
    names = [m.place.name for m in _run(pipeline, text).places if m.place]
    assert ("Kyiv" in names) == (place == "Kyiv"), names


def test_official_names_the_gazetteer_lacks(pipeline: Pipeline) -> None:
    names = load_toml("lexicon.uk.toml")["places"]["names"]
    p = _run(pipeline, "Кордон атакували з боку Російської Федерації та Республіки Білорусь.")
    found = {m.text: m.place.name for m in p.places if m.place}
    assert found == {"Російської Федерації": "Russia", "Республіки Білорусь": "Belarus"}
    assert set(names) == {"російська федерація", "республіка білорусь"}


def test_each_area_ending_names_the_town(pipeline: Pipeline) -> None:
    places = load_toml("lexicon.uk.toml")["places"]
    assert places["area_stems"] == ["", "ськ"]
    for ending in places["area_endings"]:
        for stem, town in (("Ізюм", "Izyum"), ("Куп'ян", "Kupyansk")):
            text = f"Окупанти обстріляли громади, {stem}{ending} під вогнем."
            names = [m.place.name for m in _run(pipeline, text).places if m.place]
            assert names == [town], (ending, stem, names)


def test_an_air_force_tally_is_an_interception(pipeline: Pipeline) -> None:
    # "знешкодили" drones is a shoot-down; "ударних" (strike drones) is no strike
    p = _run(pipeline, "Вночі сили ППО знешкодили 20 ударних БпЛА над Черкащиною.")
    assert [
        (e.fw_type, e.place.place.name if e.place and e.place.place else None) for e in p.events
    ] == [("interception", "Cherkasy Oblast")]
    # without a weapon word it is a clash won ("знешкодили ДРГ")
    assert [
        e.fw_type for e in _run(pipeline, "Захисники знешкодили ворожу ДРГ біля Куп'янська.").events
    ] == ["clash"]


def test_an_unknown_long_name_is_no_common_word(pipeline: Pipeline) -> None:
    # simplemma lower-cases what it does not know: "Новоолександрівка" is a village of
    # the oblast the post names, not a common word matched only to a city
    text = "Ворог атакував позиції біля Новоолександрівки Донецької області."
    names = {m.text: (m.place.name, m.place.admin1) for m in _run(pipeline, text).places if m.place}
    assert names["Новоолександрівки"] == ("Novooleksandrivka", "UA-14"), names


def test_an_attack_by_guided_bombs_is_one_air_strike(pipeline: Pipeline) -> None:
    for text in (
        "Вночі росіяни атакували Харків керованими авіабомбами.",
        "Ворог атакував Костянтинівку КАБами.",
    ):
        assert [e.fw_type for e in _run(pipeline, text).events] == ["air_strike"], text


def test_namesakes_in_the_oblast_of_the_sentences_towns(pipeline: Pipeline) -> None:
    # a General Staff line: the villages named beside an axis town lie in its oblast, and
    # a genitive simplemma does not know gets its nominative ("Синьківки": Синьківка)
    text = (
        "На Куп'янському напрямку противник здійснив чотири атаки в районі Синьківки.\n"
        "На Покровському напрямку Сили оборони відбили атаки біля Новоолександрівки."
    )
    found = {m.text: m.place.admin1 for m in _run(pipeline, text).places if m.place}
    assert found["Синьківки"] == "UA-63" and found["Новоолександрівки"] == "UA-14", found
