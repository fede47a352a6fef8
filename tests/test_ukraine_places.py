"""Ukraine's settlements in the gazetteer, their spellings, qualifiers, the theatre
prior and the recognition guards (resolve/gazetteer/ukraine.py, resolve/places/)."""

from __future__ import annotations

import gzip
from functools import cache

import pytest
from spacy.language import Language

from frontwatch.annotate import load_nlp
from frontwatch.geo import haversine_km
from frontwatch.models import Article, PlaceMention
from frontwatch.resolve.gazetteer import Gazetteer
from frontwatch.resolve.gazetteer.common import UA_SETTLEMENTS
from frontwatch.resolve.gazetteer.ukraine import (
    bgn_1965,
    centre_russian,
    official,
    press_form,
    russian_form,
    russian_romanise,
    spelling,
)
from frontwatch.resolve.places import resolve_places


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_nlp()


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.open()


def _places(nlp: Language, gaz: Gazetteer, text: str) -> dict[str, PlaceMention]:
    article = Article(id="t", path="t", text=text)
    return {m.text: m for m in resolve_places(nlp(text), article, gaz)}


# --------------------------------------------------------------------------- spelling


@pytest.mark.parametrize(
    ("uk", "want"),
    [
        ("Гуляйполе", "Huliaipole"),  # й inside a word: i
        ("Єнакієве", "Yenakiieve"),  # є at the start: ye, inside: ie
        ("Юнаківка", "Yunakivka"),  # ю at the start
        ("Ясинувата", "Yasynuvata"),  # я at the start, и: y
        ("Їжівка", "Yizhivka"),  # ї at the start
        ("Згурівка", "Zghurivka"),  # зг: zgh
        ("Щастя", "Shchastia"),  # щ, я inside
        ("Ґалаґани", "Galagany"),  # ґ
        ("Хрестище", "Khrestyshche"),  # х
        ("Цуркани", "Tsurkany"),  # ц
        ("Чорнобаївка", "Chornobaivka"),  # ч, ї inside
        ("Жмеринка", "Zhmerynka"),  # ж
        ("Фастів", "Fastiv"),  # ф
        ("Лисичанськ", "Lysychansk"),  # soft sign dropped
        ("Мар'їнка", "Marinka"),  # apostrophe dropped
        ("Великий Бурлук", "Velykyi Burluk"),  # two words
        ("Воднопарне", "Vodnoparne"),
        ("Дебальцеве", "Debaltseve"),
        ("Шостка", "Shostka"),
        ("Малин", "Malyn"),
        ("Обухів", "Obukhiv"),
        ("Тростянець", "Trostianets"),
        ("Бахмут", "Bakhmut"),
        ("Пирятин", "Pyriatyn"),
        ("Ромни", "Romny"),
        ("Ужгород", "Uzhhorod"),
    ],
)
def test_official_romanisation(uk: str, want: str) -> None:
    assert official(uk) == want


@pytest.mark.parametrize(
    ("uk", "want"),
    [
        ("Авдіївка", "Avdiyivka"),  # ї: yi everywhere
        ("Лисичанськ", "Lysychans'k"),  # ь: an apostrophe
        ("Маріуполь", "Mariupol'"),
        ("Гуляйполе", "Hulyaypole"),  # й: y
        ("Єнакієве", "Yenakiyeve"),  # є: ye
        ("Слов'янськ", "Slovyans'k"),  # я: ya, the apostrophe dropped
        ("Юр'ївка", "Yuryivka"),  # ю: yu
    ],
)
def test_bgn_1965(uk: str, want: str) -> None:
    assert bgn_1965(uk) == want


@pytest.mark.parametrize(
    ("uk", "want"),
    [
        ("Авдіївка", "Avdeyevka"),  # іївка -> еевка, е after a vowel: ye
        ("Миколаївка", "Mikolayevka"),  # ївка -> евка
        ("Горлівка", "Gorlovka"),  # івка -> овка, г -> g
        ("Петрівське", "Petrovskoye"),  # івське -> овское
        ("Миколаївське", "Mikolayevskoye"),  # ївське -> евское
        ("Краснопільське", "Krasnopilskoye"),  # ське -> ское
        ("Донецьке", "Donetskoye"),  # цьке -> цкое
        ("Вузьке", "Vuzkoye"),  # зьке -> зкое
        ("Селидове", "Selidovo"),  # ове -> ово
        ("Гнатеве", "Gnatevo"),  # еве -> ево
        ("Єнакієве", "Yenakiyevo"),  # єве -> ево, є -> е at the start: ye
        ("Кремінна", "Kreminnaya"),  # нна -> нная
        ("Чернігів", "Chernigov"),  # ів -> ов
        ("Первомайський", "Pervomayskiy"),  # ський -> ский
        ("Донецький", "Donetskiy"),  # цький -> цкий
        ("Слов'янська", "Slovyanskaya"),  # ська -> ская
        ("Донецька", "Donetskaya"),  # цька -> цкая
        ("Мирне", "Mirnoye"),  # не -> ное
        ("Зелений", "Zelenyy"),  # ий -> ый
        ("Синій", "Siniy"),  # ій -> ий
        ("Ґалаґани", "Galagani"),  # ґ -> г
        ("Мар'їнка", "Marinka"),  # ї -> и, apostrophe dropped
    ],
)
def test_russian_form(uk: str, want: str) -> None:
    assert russian_form(uk) == want


@pytest.mark.parametrize(
    ("uk", "plain", "variant"),
    [
        ("Кремінна", "Kreminnaya", "Kremennaya"),  # і -> е in the variant
        ("Оріхів", "Orikhov", "Orekhov"),  # ів -> ов in both
        ("Сіверськ", "Siversk", "Seversk"),
        ("Харків", "Kharkov", "Kharkov"),
        ("Первомайський", "Pervomayskiy", "Pervomayskiy"),  # ський -> ский
        ("Ізюм", "Izyum", "Izyum"),  # a word's first і stays и
    ],
)
def test_russian_form_variant(uk: str, plain: str, variant: str) -> None:
    assert russian_form(uk) == plain
    assert russian_form(uk, variant=True) == variant


def test_russian_romanisation_of_the_hromada_centre() -> None:
    # the Russian name comes from the hromada's Russian name, not from a rule
    assert centre_russian("Вовчанська", "Волчанская", "Вовчанськ") == "Волчанск"
    assert centre_russian("Бахмутська", "Бахмутская", "Бахмут") == "Бахмут"
    assert centre_russian("Бахмутська", "Бахмутская", "Соледар") is None
    assert russian_romanise("Волчанск") == "Volchansk"
    assert russian_romanise("Енакиево") == "Yenakiyevo"


@pytest.mark.parametrize(
    ("name", "short"),
    [
        ("Pervomaiskyi", "Pervomaisky"),  # "yi": the official romanisation of -ий
        ("Pervomayskiy", "Pervomaysky"),  # "iy": Russian -ий romanised
        ("Zelenyy Hai", "Zelenyy Hai"),  # only the last word's ending
        ("Chervonyy", "Chervony"),  # "yy": the 1965 BGN/PCGN -ий
        ("Kyi", "Kyi"),  # too short to be an adjective ending
    ],
)
def test_press_form(name: str, short: str) -> None:
    assert press_form(name) == short


def test_a_settlement_by_the_press_form_of_its_name(nlp: Language, gaz: Gazetteer) -> None:
    # Pervomaiskyi (Kharkiv Oblast, renamed Zlatopil in 2024) as the press writes it
    text = "A teenager was wounded when a rocket hit a school in Pervomaisky overnight."
    place = _places(nlp, gaz, text)["Pervomaisky"].place
    assert place is not None and place.admin1 == "UA-63"


def test_every_spelling_rule_is_exercised_above() -> None:
    sp = spelling()
    assert len(sp.ru_endings) == 20 and len(sp.ru_variant) == 1 and len(sp.oblasts) == 27
    assert len(sp.press_endings) == 3


# --------------------------------------------------------------------------- data file


@cache
def _rows() -> list[list[str]]:
    with gzip.open(UA_SETTLEMENTS, "rt", encoding="utf-8") as f:
        return [line.rstrip("\n").split("\t") for line in f][1:]


def test_the_data_file_holds_every_settlement_with_a_point() -> None:
    rows = _rows()
    settlements = [r for r in rows if r[1] in ("M", "X", "C")]
    assert len(settlements) > 29_000
    assert all(r[6] and r[7] for r in settlements)
    assert all(r[0].startswith("UA") and len(r[0]) == 12 for r in settlements)
    assert sum(r[8] == "o" for r in settlements) / len(settlements) > 0.95


# --------------------------------------------------------------------------- the index


def test_villages_and_units_are_in_the_index(gaz: Gazetteer) -> None:
    (place,) = [c.place for c in gaz.candidates("Huriv Kozachok") if c.exact]
    assert place.admin1 == "UA-63" and place.admin2 and place.admin3
    unit = gaz.get(place.admin2)
    assert unit is not None and unit.feature == "ADM2"
    assert gaz.get(place.admin3) is not None
    raion = [c.place for c in gaz.candidates("Bakhmut district")]
    assert raion and raion[0].feature == "ADM2" and raion[0].admin1 == "UA-14"
    assert any(c.place.country == "UA" for c in gaz.candidates("Volchansk"))
    assert sum(c.place.country == "UA" for c in gaz.candidates("Novoselivka")) > 30


# --------------------------------------------------------------------------- qualifiers


def test_the_named_region_chooses_the_namesake(nlp: Language, gaz: Gazetteer) -> None:
    for text, code in (
        ("Russian artillery shelled Novoselivka, Chernihiv region, at night.", "UA-74"),
        ("Russian artillery shelled Novoselivka in the Zaporizhzhia region.", "UA-23"),
        ("Drones struck Krasne (Sumy Oblast) on Monday.", "UA-59"),
    ):
        found = _places(nlp, gaz, text)
        name = "Novoselivka" if "Novoselivka" in text else "Krasne"
        place = found[name].place
        assert place is not None and place.admin1 == code, text
        assert "coarse" not in found[name].flags


def test_no_namesake_in_the_region_falls_back_to_the_region(nlp: Language, gaz: Gazetteer) -> None:
    text = "Russian troops shelled Toretsk, Volyn region, overnight."
    found = _places(nlp, gaz, text)
    place = found["Toretsk"].place
    assert place is not None and place.id == "adm1:UA-07"
    assert "coarse" in found["Toretsk"].flags


def test_a_district_of_a_city(nlp: Language, gaz: Gazetteer) -> None:
    text = "Two people died in the Leninsky district of Horlivka after shelling."
    found = _places(nlp, gaz, text)
    assert all(m.place is None or m.place.admin1 == "UA-14" for m in found.values())


def test_an_axis_is_the_towns_hromada(nlp: Language, gaz: Gazetteer) -> None:
    text = "Ukrainian troops repelled attacks in the Lyman direction."
    found = _places(nlp, gaz, text)
    place = found["Lyman"].place
    assert place is not None and place.feature == "ADM3" and place.admin1 == "UA-14"
    assert "coarse" in found["Lyman"].flags
    town = next(p for p in gaz.lookup("Lyman") if p.admin1 == "UA-14" and p.population > 10_000)
    assert haversine_km(place.lat, place.lon, town.lat, town.lon) < 25  # not the raion's


def test_near_x_south_of_y(nlp: Language, gaz: Gazetteer) -> None:
    text = "Fighting raged near Novoselivka, south of Kharkiv, on Tuesday."
    place = _places(nlp, gaz, text)["Novoselivka"].place
    assert place is not None and place.admin1 == "UA-63"


# --------------------------------------------------------------------------- theatre


def test_a_war_story_prefers_the_war_zone(nlp: Language, gaz: Gazetteer) -> None:
    place = _places(nlp, gaz, "Russian troops shelled Volchansk overnight.")["Volchansk"].place
    assert place is not None and place.country == "UA"


def test_a_war_zone_town_of_note_beats_a_renowned_namesake(nlp: Language, gaz: Gazetteer) -> None:
    # Seversk is also a Siberian city of 110,000; Siversk (11,000) has the Russian form
    text = "Russian forces shelled Seversk again overnight, the governor said."
    place = _places(nlp, gaz, text)["Seversk"].place
    assert place is not None and place.admin1 == "UA-14"
    # the qualifier still says which
    text = "Ukrainian drones hit an oil depot in Novomoskovsk, Tula region, after a Russian strike."
    place = _places(nlp, gaz, text)["Novomoskovsk"].place
    assert place is not None and place.admin1 == "RU-TUL"
    # a hamlet does not: the republic stays the republic
    text = "Troops from Chechnya joined the offensive, Russian state media said."
    place = _places(nlp, gaz, text)["Chechnya"].place
    assert place is not None and place.id == "adm1:RU-CE"


def test_a_story_elsewhere_is_left_alone(nlp: Language, gaz: Gazetteer) -> None:
    text = "A new library opened in Volchansk, Sverdlovsk region, on Monday."
    place = _places(nlp, gaz, text)["Volchansk"].place
    assert place is not None and place.country == "RU"
    text = "Police in Paris, Texas, arrested two men on Friday."
    place = _places(nlp, gaz, text)["Paris"].place
    assert place is not None and place.admin1 == "US-TX"


# --------------------------------------------------------------------------- recognition


def test_names_spacy_misses_in_a_war_story(nlp: Language, gaz: Gazetteer) -> None:
    found = _places(nlp, gaz, "The invaders shelled Toretsk again")
    assert found["Toretsk"].place is not None and found["Toretsk"].place.admin1 == "UA-14"
    found = _places(nlp, gaz, "Civilian killed in Gorlovka")
    assert found["Gorlovka"].place is not None and found["Gorlovka"].place.admin1 == "UA-14"


def test_one_strong_word_of_war_is_enough(nlp: Language, gaz: Gazetteer) -> None:
    # Zelenodolsk is also a city of 100,000 in Tatarstan: "shelling" alone says which
    found = _places(nlp, gaz, "Shelling of Zelenodolsk: two houses burned overnight")
    assert found["Zelenodolsk"].place is not None
    assert found["Zelenodolsk"].place.admin1 == "UA-12"
    found = _places(nlp, gaz, "A new school opened in Zelenodolsk on Monday.")
    assert (
        "Zelenodolsk" not in found
        or found["Zelenodolsk"].place is None
        or (found["Zelenodolsk"].place.country == "RU")
    )


def test_one_word_of_war_in_a_one_line_text(nlp: Language, gaz: Gazetteer) -> None:
    # a line of an incident log has room for one signal
    place = _places(nlp, gaz, "Russian column filmed entering Volchansk")["Volchansk"].place
    assert place is not None and place.country == "UA"
    # a longer text needs two
    text = (
        "A new library opened in Volchansk on Monday, and Russian writers came to read "
        "from their books to the children of the town."
    )
    place = _places(nlp, gaz, text)["Volchansk"].place
    assert place is not None and place.country == "RU"


def test_a_war_zone_name_tagged_as_a_person(nlp: Language, gaz: Gazetteer) -> None:
    found = _places(nlp, gaz, "Gorlovka pensioner, injured during shelling, dies in hospital")
    assert found["Gorlovka"].place is not None and found["Gorlovka"].place.admin1 == "UA-14"
    # no word of war: the name alone does not make a person's name a place
    found = _places(nlp, gaz, "The friends of Soledar met.")
    assert "Soledar" not in found or found["Soledar"].place is None
    # a word of a longer name ("Human" is an alternate name of Uman, and only Uman's)
    text = "Lawyers cited the Human Rights Charter after the shelling of the port."
    found = _places(nlp, gaz, text)
    assert "Human" not in found or found["Human"].place is None


def test_a_units_russian_adjective_with_any_unit_word(nlp: Language, gaz: Gazetteer) -> None:
    assert any(p.id == "ua:UA1404" for p in gaz.lookup("Volnovakhsky district"))
    found = _places(nlp, gaz, "Two houses burned in the Bakhmutsky district after shelling")
    place = found["Bakhmutsky"].place
    assert place is not None and place.id == "ua:UA1402" and place.feature == "ADM2"


def test_a_unit_respelled_with_its_unit_word(nlp: Language, gaz: Gazetteer) -> None:
    found = _places(nlp, gaz, "The invaders shelled the Marganets community again overnight.")
    place = found["Marganets"].place
    assert place is not None and place.feature == "ADM3" and place.admin1 == "UA-12"


def test_a_preposition_inside_spacys_name(nlp: Language, gaz: Gazetteer) -> None:
    text = "Near Nova Kakhovka, the Ukrainian navy sank a barge with Russian troops"
    found = _places(nlp, gaz, text)
    assert "Nova Kakhovka" in found and found["Nova Kakhovka"].place is not None
    assert found["Nova Kakhovka"].place.admin1 == "UA-65"


def test_lowercase_words_are_never_villages(nlp: Language, gaz: Gazetteer) -> None:
    # "mirne" (peaceful) and "krasne" (beautiful) are villages only when capitalised
    found = _places(nlp, gaz, "Russian troops shelled the mirne and krasne fields again.")
    assert not any(name.lower() in ("mirne", "krasne") for name in found)


def test_the_opposite_guards(nlp: Language, gaz: Gazetteer) -> None:
    text = "Russian forces destroyed two Ukrainian tanks near Kupiansk - MO"
    assert "MO" not in _places(nlp, gaz, text)
    text = "Flooding hit Joplin, MO, on Sunday."
    found = _places(nlp, gaz, text)
    assert "MO" in found and found["MO"].place is not None
    assert found["MO"].place.admin1 == "US-MO"
    text = "The State Duma approved the annexation of four regions."
    assert not any("Duma" in name for name in _places(nlp, gaz, text))
    text = "Soldiers of the Parachute Regiment trained with Ukrainian recruits."
    assert "Parachute" not in _places(nlp, gaz, text)
    text = "Shelling continued in Kherson overnight - Basurin"
    assert "Basurin" not in _places(nlp, gaz, text)
    text = "A diplomat at the Embassy said the talks had stalled."
    assert "Embassy" not in _places(nlp, gaz, text)


def test_exports_name_the_raion_and_hromada(gaz: Gazetteer) -> None:
    from frontwatch.export import unit_name

    (place,) = [c.place for c in gaz.candidates("Huriv Kozachok") if c.exact]
    assert unit_name(place.admin2) == gaz.get(str(place.admin2)).name  # type: ignore[union-attr]
    assert "Raion" in str(unit_name(place.admin2))
    assert "Hromada" in str(unit_name(place.admin3))
    assert unit_name(None) is None and unit_name("ua:nothing") is None


def test_a_named_oblast_in_russian_spelling(nlp: Language, gaz: Gazetteer) -> None:
    found = _places(nlp, gaz, "Russian troops shelled villages in the Zaporozhye region.")
    place = found["Zaporozhye"].place
    assert place is not None and place.admin1 == "UA-23"
    assert any(c.place.id == "adm1:UA-48" for c in gaz.candidates("Nikolaev region"))


def test_a_feature_word_between_the_name_and_its_unit(nlp: Language, gaz: Gazetteer) -> None:
    text = "Ukrainian troops lost 100 soldiers in the Toretsk district in the Volyn region."
    place = _places(nlp, gaz, text)["Toretsk"].place
    assert place is not None and place.admin1 == "UA-07"


def test_a_war_story_names_its_oblast(nlp: Language, gaz: Gazetteer) -> None:
    text = "An ammunition depot near Stepanivka was destroyed by artillery in the Kherson region."
    place = _places(nlp, gaz, text)["Stepanivka"].place
    assert place is not None and place.admin1 == "UA-65"


def test_the_target_of_shelling_is_the_city_not_the_river(nlp: Language, gaz: Gazetteer) -> None:
    place = _places(nlp, gaz, "Russian missiles hit Dnipro again, killing two.")["Dnipro"].place
    assert place is not None and place.feature.startswith("PPL")


def test_a_list_of_units_is_no_qualifier(nlp: Language, gaz: Gazetteer) -> None:
    text = "Cases were reported in Alberta, British Columbia and Manitoba this week."
    found = _places(nlp, gaz, text)
    assert found["Alberta"].place is not None and found["Alberta"].place.admin1 == "CA-AB"
    text = "Russian troops shelled Kharkiv, Donetsk and Luhansk regions overnight."
    found = _places(nlp, gaz, text)
    assert found["Kharkiv"].place is not None and found["Kharkiv"].place.admin1 == "UA-63"


def test_the_theatre_prior_does_not_move_a_renowned_place(nlp: Language, gaz: Gazetteer) -> None:
    text = "She was a critic of Russian military activities in Chechnya during the war."
    place = _places(nlp, gaz, text)["Chechnya"].place
    assert place is not None and place.country == "RU"
