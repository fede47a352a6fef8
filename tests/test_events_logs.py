"""Issue 17, fifth pass: log lines with no verb, record fields, what a weapon makes of a
killing, interceptions and looting told by their verbs, and the places such lines name.
Every text is written for these tests (none from demo/articles, the eval corpora or the
blind sets)."""

from __future__ import annotations

from datetime import date

import pytest

from eventkit import events_of_type, reported_events, side_of
from frontwatch.export.acled import acled_codes
from frontwatch.lexicons import load_toml, type_info
from frontwatch.models import Event
from frontwatch.pipeline import Pipeline

PUBLISHED = date(2023, 8, 14)


def _events(pipeline: Pipeline, text: str) -> list[Event]:
    return reported_events(pipeline, text, PUBLISHED)


def _sub(event: Event) -> str | None:
    recoded = acled_codes(event, None).get("sub_event_type")
    return recoded or type_info(event.fw_type).get("acled_sub_event_type")


def _place_name(event: Event) -> str | None:
    return event.place.place.name if event.place and event.place.place else None


@pytest.mark.parametrize(
    ("text", "fw_type"),
    [
        ("Huliaipole: heavy artillery barrage on the eastern outskirts", "shelling"),
        ("Drone footage: FPV hits on Russian dugouts near Klishchiivka", "air_strike"),
        ("Iskander launch reported towards Kramatorsk", "missile_strike"),
        ("Destroyed Russian BMP-2 near Novomykhailivka, crew bailed out", "clash"),
        ("Two wounded in Beryslav, ambulances at the scene", "casualties"),
    ],
)
def test_a_verbless_log_line_is_one_event_of_its_words_kind(
    pipeline: Pipeline, text: str, fw_type: str
) -> None:
    kinds = [e.fw_type for e in _events(pipeline, text)]
    assert fw_type in kinds, kinds


@pytest.mark.parametrize(
    "text",
    [
        "No artillery fire on Huliaipole today, locals say",  # negated
        "Unconfirmed: drone footage from Klishchiivka",  # doubted
        "Artillery museum in Huliaipole",  # a kind word naming a thing, not a happening
        "Drone unit of the 93rd brigade in Huliaipole, new recruits",
    ],
)
def test_a_log_line_that_negates_doubts_or_names_a_thing_is_no_event(
    pipeline: Pipeline, text: str
) -> None:
    assert not [e for e in _events(pipeline, text) if e.fw_type in ("shelling", "air_strike")]


def test_a_finite_verb_heading_the_line_makes_it_a_clause_not_a_log_entry(
    pipeline: Pipeline,
) -> None:
    text = "Residents of Huliaipole saw a drone over the market"
    assert not [e for e in _events(pipeline, text) if e.fw_type == "air_strike"]


def test_every_log_line_word_is_a_kind_the_taxonomy_knows() -> None:
    table = load_toml("loglines.toml")
    for kind, words in table["kinds"].items():
        assert type_info(kind), kind
        assert words, kind
    assert "?" in table["not_reports"]


def test_a_record_field_places_the_events_of_its_description(pipeline: Pipeline) -> None:
    text = (
        "Date: 3 August 2023\nLocation: Kostiantynivka\n"
        "Description: A shell hit a bus stop. Two civilians were killed."
    )
    events = [e for e in _events(pipeline, text) if e.fw_type != "casualties"]
    assert events
    assert _place_name(events[0]) in ("Kostiantynivka", "Kostyantynivka")


def test_a_car_bomb_is_an_ied_and_counts_its_dead(pipeline: Pipeline) -> None:
    text = (
        "On 9 August, a car bomb planted by partisans killed a Russian-appointed official "
        "in Melitopol."
    )
    (event,) = [e for e in _events(pipeline, text) if e.fw_type != "casualties"]
    assert _sub(event) == "Remote explosive/landmine/IED"
    assert event.fatalities == 1


def test_a_mine_that_goes_off_when_a_tractor_passes_is_a_landmine(pipeline: Pipeline) -> None:
    text = "On 10 August, a farmer was killed near Snihurivka when his tractor hit a mine."
    subs = {_sub(e) for e in _events(pipeline, text)}
    assert "Remote explosive/landmine/IED" in subs, subs


def test_killing_him_counts_one_dead(pipeline: Pipeline) -> None:
    text = "On 11 August, a Russian drone struck a car in Bilozerka, killing him and wounding two."
    (event,) = events_of_type(pipeline, text, "air_strike", PUBLISHED)
    assert event.fatalities == 1


def test_a_missile_that_hits_a_mine_is_still_a_missile(pipeline: Pipeline) -> None:
    text = "On 12 August, a Russian missile hit a coal mine in Pavlohrad."
    kinds = {e.fw_type for e in _events(pipeline, text)}
    assert "missile_strike" in kinds and "mine_ied" not in kinds, kinds


@pytest.mark.parametrize(
    "text",
    [
        "On 12 August, Russian air defence systems destroyed three drones over Belgorod region.",
        "On 12 August, two drones were destroyed by air defence over Kursk region.",
    ],
)
def test_air_defence_destroying_drones_is_an_interception_of_the_attacker(
    pipeline: Pipeline, text: str
) -> None:
    (event,) = events_of_type(pipeline, text, "interception", PUBLISHED)
    assert side_of(event) == "UA"  # the drones over Russia were Ukraine's


@pytest.mark.parametrize(
    "text",
    [
        "On 5 August, Russian soldiers stole two tractors from a farm in Velyka Oleksandrivka.",
        "On 5 August, Russian troops removed the equipment from the hospital in Skadovsk.",
    ],
)
def test_soldiers_taking_goods_is_looting(pipeline: Pipeline, text: str) -> None:
    events = events_of_type(pipeline, text, "property_destruction", PUBLISHED)
    assert events and side_of(events[0]) == "RU"


def test_rescuers_removing_rubble_is_no_looting(pipeline: Pipeline) -> None:
    text = "On 5 August, rescuers removed debris from the houses in Orikhiv."
    assert not events_of_type(pipeline, text, "property_destruction", PUBLISHED)


@pytest.mark.parametrize(
    "text",
    [
        "On 6 August, Vovchansk came under heavy mortar fire.",
        "On 6 August, the village of Kozacha Lopan was under artillery fire all day.",
    ],
)
def test_fire_named_by_its_weapon_is_shelling(pipeline: Pipeline, text: str) -> None:
    assert events_of_type(pipeline, text, "shelling", PUBLISHED)


def test_a_house_fire_is_no_shelling(pipeline: Pipeline) -> None:
    text = "On 6 August, firefighters in Lutsk put out a fire in a garage."
    assert not events_of_type(pipeline, text, "shelling", PUBLISHED)


def test_fortification_needs_its_works_in_the_object(pipeline: Pipeline) -> None:
    built = (
        "On 7 August, Russian forces built new defensive lines with anti-tank obstacles "
        "near Tokmak."
    )
    assert events_of_type(pipeline, built, "fortification", PUBLISHED)
    other = "On 7 August, volunteers built a new playground in Rivne."
    assert not events_of_type(pipeline, other, "fortification", PUBLISHED)


def test_an_fpv_strike_is_a_drone_strike(pipeline: Pipeline) -> None:
    text = "On 8 August, an FPV strike destroyed a Russian truck near Robotyne."
    kinds = {e.fw_type for e in _events(pipeline, text)}
    assert "air_strike" in kinds, kinds


def test_a_unit_in_brackets_after_a_place_is_not_the_event_place(pipeline: Pipeline) -> None:
    text = "On 8 August, Russian forces shelled Mala Tokmachka (Polohy raion, Zaporizhzhia oblast)."
    (event,) = events_of_type(pipeline, text, "shelling", PUBLISHED)
    assert _place_name(event) == "Mala Tokmachka"


def test_a_two_word_name_opening_a_log_line_is_a_place(pipeline: Pipeline) -> None:
    text = "Velyka Pysarivka under mortar fire, two houses burning"
    (event,) = events_of_type(pipeline, text, "shelling", PUBLISHED)
    assert _place_name(event) == "Velyka Pysarivka"


@pytest.mark.parametrize("system", ["Buk", "Tor", "Bradley", "Patriot"])
def test_weapon_system_names_are_no_places(pipeline: Pipeline, system: str) -> None:
    text = f"On 9 August, a {system} system was destroyed near Kupiansk."
    article_events = _events(pipeline, text)
    named = {_place_name(e) for e in article_events}
    assert system not in named
    assert named & {"Kupiansk", "Kupyansk"}, named


def test_severodonetsk_is_the_luhansk_oblast_city(pipeline: Pipeline) -> None:
    (event,) = events_of_type(
        pipeline, "On 1 August, Russian forces shelled Severodonetsk.", "shelling", PUBLISHED
    )
    place = event.place.place if event.place else None
    assert place is not None and place.lat is not None and place.lon is not None
    assert (round(place.lat), round(place.lon)) == (49, 38)  # Sievierodonetsk, not Zhytomyr


def test_a_fatalities_field_counts_no_one_the_next_field_counts(pipeline: Pipeline) -> None:
    text = "On 2 August, Russian forces shelled Stepnohirsk. Fatalities: 0. 4 injured."
    (event,) = events_of_type(pipeline, text, "shelling", PUBLISHED)
    assert not event.fatalities  # the 4 are the injured, not 4 fatalities


def test_artillery_fire_carried_out_on_positions_is_shelling(pipeline: Pipeline) -> None:
    text = (
        "On 2 August, Ukrainian forces carried out artillery fire on Russian positions "
        "near Svatove."
    )
    (event,) = events_of_type(pipeline, text, "shelling", PUBLISHED)
    assert side_of(event) == "UA"


def test_a_model_name_with_its_number_is_still_its_weapon(pipeline: Pipeline) -> None:
    text = "On 3 August, Russian forces attacked Izmail with Shahed-136 loitering munitions."
    kinds = {e.fw_type for e in _events(pipeline, text)}
    assert "air_strike" in kinds and "clash" not in kinds, kinds


def test_a_weapon_named_like_a_storm_is_no_peace_cause(pipeline: Pipeline) -> None:
    text = "Storm Shadow strike on the Black Sea Fleet headquarters in Sevastopol"
    (event,) = events_of_type(pipeline, text, "missile_strike", PUBLISHED)
    assert _place_name(event) == "Sevastopol"  # not Fleet, Hampshire
    assert side_of(event) == "UA"  # the weapon's user, not the theatre's rule for Ukraine


def test_a_storm_is_still_a_peace_cause(pipeline: Pipeline) -> None:
    text = "Two people were killed when a storm brought down trees in Lviv."
    assert not [e for e in _events(pipeline, text) if e.fw_type == "casualties"]


@pytest.mark.parametrize(
    ("text", "side"),
    [
        ("Kalibr missiles hit a grain terminal in Odesa overnight.", "RU"),
        ("HIMARS strike on an ammunition depot in Nova Kakhovka.", "UA"),
    ],
)
def test_the_weapons_user_is_the_attacker_where_no_one_is_named(
    pipeline: Pipeline, text: str, side: str
) -> None:
    events = [e for e in _events(pipeline, text) if e.actor1 is not None]
    assert events and side_of(events[0]) == side, [(e.fw_type, side_of(e)) for e in events]


def test_every_weapon_user_entry_is_matched_in_a_sentence(nlp: object) -> None:
    from frontwatch.extract.weapons import weapon_user

    table = load_toml("weapon_users.toml")["users"]
    assert not set(table["UA"]) & set(table["RU"])
    for side, names in table.items():
        for name in names:
            doc = nlp(f"Footage shows a {name.upper()} near the front.")  # type: ignore[operator]
            assert weapon_user(doc[:]) == side, name
    both = nlp("A Lancet hit a HIMARS launcher near the front.")  # type: ignore[operator]
    assert weapon_user(both[:]) is None  # weapons of both sides decide nothing


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Odesa, port district: warehouse damaged", "Odesa"),
        ("Bucha, Vokzalna street: two houses damaged", "Bucha"),
    ],
)
def test_a_towns_name_heading_a_record_is_its_place(
    pipeline: Pipeline, text: str, place: str
) -> None:
    events = _events(pipeline, text)
    assert events and _place_name(events[0]) == place, events


def test_weapon_names_are_no_places_as_written_only() -> None:
    from frontwatch.resolve.places.common import is_not_place, lexicon

    lex = lexicon()
    assert is_not_place("Osa", lex, []) and is_not_place("Uragan", lex, [])
    # folded, "Osa" would be "Asia" and "USA", "Uragan" "Oregon"
    assert not any(is_not_place(name, lex, []) for name in ("Asia", "USA", "Oregon"))
