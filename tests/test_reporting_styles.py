"""ACLED-style event notes, OSINT incident-log lines and civilian-harm records: the toll
in the sentence after the attack, the weapon that decides the strike, and a log line's
participle as its predicate. The texts are written for these tests (the fixture
tests/fixtures/reporting_styles.jsonl too: see tests/styles_kit.py)."""

from __future__ import annotations

from datetime import date

import pytest

from eventkit import reported_events
from frontwatch.models import Event
from frontwatch.pipeline import Pipeline
from styles_kit import FIXTURE, score, sub_event_type

FIXTURES = FIXTURE.parent


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


def _events(pipeline: Pipeline, text: str) -> list[Event]:
    return reported_events(pipeline, text, date(2022, 11, 20))


def test_the_toll_in_the_next_sentence_is_the_attacks(pipeline: Pipeline) -> None:
    events = _events(
        pipeline, "On 12 November, Russian forces shelled Kurakhove, Donetsk region. "
        "Two civilians were killed and five injured.",
    )  # fmt: skip
    assert [(e.fw_type, e.fatalities, e.injuries) for e in events] == [("shelling", 2, 5)]
    assert events[0].time is not None and events[0].time.date_start == date(2022, 11, 12)


def test_the_other_sides_dead_are_no_toll_of_a_strike(pipeline: Pipeline) -> None:
    events = _events(
        pipeline, "Ukrainian forces shelled Russian positions near Svatove. "
        "Three Ukrainian soldiers were killed near Svatove.",
    )  # fmt: skip
    assert len(events) == 2  # the Russians killed them: another happening


def test_a_battles_toll_counts_either_side(pipeline: Pipeline) -> None:
    events = _events(
        pipeline, "Russian forces clashed with Ukrainian forces near Kreminna. "
        "Six Russian soldiers were killed.",
    )  # fmt: skip
    assert [(e.fw_type, e.fatalities) for e in events] == [("clash", 6)]


@pytest.mark.parametrize(
    ("text", "sub"),
    [
        ("Russian forces attacked Bila Tserkva with Shahed drones.", "Air/drone strike"),
        ("A Russian drone struck a warehouse in Pavlohrad.", "Air/drone strike"),
        ("A truck hit an anti-tank mine near Snihurivka.", "Remote explosive/landmine/IED"),
        ("Russian forces launched cruise missiles at Uman.", "Shelling/artillery/missile attack"),
        ("Ukrainian forces destroyed a Russian tank near Kreminna.", "Armed clash"),
    ],
)
def test_the_weapon_decides_the_strike(pipeline: Pipeline, text: str, sub: str) -> None:
    events = _events(pipeline, text)
    assert events and sub_event_type(events[0]) == sub


@pytest.mark.parametrize(
    "text",
    [
        "Destroyed Russian armoured vehicle near Huliaipole",
        "Shelled apartment blocks in Sloviansk",
        "Residential building hit by a rocket in Nikopol",
        "Explosions reported in Melitopol",
    ],
)
def test_a_log_line_without_a_verb_is_an_event(pipeline: Pipeline, text: str) -> None:
    assert _events(pipeline, text)


def test_a_participle_in_prose_only_describes(pipeline: Pipeline) -> None:
    text = "Volunteers in Kramatorsk repaired the damaged roofs of the hospital last week."
    assert not _events(pipeline, text)


def test_the_hand_written_reporting_styles(pipeline: Pipeline) -> None:
    figures, _ = score(pipeline)
    assert figures["acled_note:found"] >= 0.97
    assert figures["acled_note:date"] >= 0.92
    assert figures["acled_note:side"] >= 0.95
    assert figures["acled_note:sub"] >= 0.90
    assert figures["acled_note:deaths"] >= 0.92
    assert figures["osint_log:near"] >= 0.70
    assert figures["civilian_harm:near"] >= 0.75


# Floors a little under what the blind sets measured when they landed (tests/fixtures/blind/
# README.md, docs/events.md): a rule that breaks what they exercise fails here. The side
# log floor of dev2 is low because its logs are: that is where the next pass should work.
BLIND_FLOORS = {
    "dev.jsonl": {"acled_note:found": 0.97, "acled_note:date": 0.95, "acled_note:sub": 0.95,
                  "acled_note:deaths": 0.9, "acled_note:side": 0.88, "osint_log:near": 0.9,
                  "civ_record:near": 0.9},
    "heldout.jsonl": {"acled_note:found": 0.97, "acled_note:date": 0.92, "acled_note:sub": 0.9,
                      "acled_note:deaths": 0.92, "acled_note:side": 0.9, "osint_log:near": 0.9,
                      "civ_record:near": 0.85},
    "test.jsonl": {"acled_note:found": 0.97, "acled_note:date": 0.95, "acled_note:sub": 0.9,
                   "acled_note:deaths": 0.97, "acled_note:side": 0.95, "osint_log:near": 0.95,
                   "civ_record:near": 0.8},
    "dev2.jsonl": {"acled_note:found": 0.92, "acled_note:date": 0.9, "acled_note:sub": 0.92,
                   "acled_note:deaths": 0.9, "acled_note:side": 0.95, "osint_log:near": 0.8,
                   "civ_record:near": 0.8},
    "test3.jsonl": {"acled_note:found": 0.97, "acled_note:date": 0.95, "acled_note:sub": 0.95,
                    "acled_note:deaths": 0.92, "acled_note:side": 0.92, "osint_log:near": 0.93,
                    "civ_record:near": 0.8},
    "test4.jsonl": {"acled_note:found": 0.97, "acled_note:date": 0.95, "acled_note:sub": 0.95,
                    "acled_note:deaths": 0.9, "acled_note:side": 0.95, "osint_log:near": 0.8,
                    "civ_record:near": 0.9},
    "test5.jsonl": {"acled_note:found": 0.95, "acled_note:date": 0.95, "acled_note:sub": 0.87,
                    "acled_note:deaths": 0.95, "acled_note:side": 0.95, "osint_log:near": 0.8,
                    "civ_record:near": 0.75},
    "test6.jsonl": {"acled_note:found": 0.95, "acled_note:date": 0.95, "acled_note:sub": 0.92,
                    "acled_note:deaths": 0.9, "acled_note:side": 0.92, "osint_log:near": 0.88,
                    "civ_record:near": 0.8},
    "test7.jsonl": {"acled_note:found": 0.97, "acled_note:date": 0.95, "acled_note:sub": 0.87,
                    "acled_note:deaths": 0.95, "acled_note:side": 0.95, "osint_log:near": 0.73,
                    "civ_record:near": 0.8},
    "test8.jsonl": {"acled_note:found": 0.97, "acled_note:date": 0.9, "acled_note:sub": 0.9,
                    "acled_note:deaths": 0.92, "acled_note:side": 0.95, "osint_log:near": 0.7,
                    "civ_record:near": 0.95},
    "test9.jsonl": {"acled_note:found": 0.97, "acled_note:date": 0.92, "acled_note:sub": 0.92,
                    "acled_note:deaths": 0.9, "acled_note:side": 0.92, "osint_log:near": 0.76,
                    "civ_record:near": 0.85},
    # scored once at cf2e5df, then read for part 3 of the eighth pass
    "test10.jsonl": {"acled_note:found": 0.95, "acled_note:date": 0.85, "acled_note:sub": 0.82,
                     "acled_note:deaths": 0.87, "acled_note:side": 0.9, "osint_log:near": 0.83,
                     "civ_record:near": 0.8},
    # scored once at 1dce8e3, then read for part 4 of the eighth pass
    "test11.jsonl": {"acled_note:found": 0.97, "acled_note:date": 0.92, "acled_note:sub": 0.9,
                     "acled_note:deaths": 0.92, "acled_note:side": 0.92, "osint_log:near": 0.83,
                     "civ_record:near": 0.8},
    # scored once at 4e18dfa, then read for part 5 of the eighth pass
    "test12.jsonl": {"acled_note:found": 0.97, "acled_note:date": 0.92, "acled_note:sub": 0.92,
                     "acled_note:deaths": 0.9, "acled_note:side": 0.92, "osint_log:near": 0.7,
                     "civ_record:near": 0.85},
    # scored once at 2438925, then read for part 6 of the eighth pass
    "test13.jsonl": {"acled_note:found": 0.97, "acled_note:date": 0.95, "acled_note:sub": 0.87,
                     "acled_note:deaths": 0.92, "acled_note:side": 0.92, "osint_log:near": 0.9,
                     "civ_record:near": 0.85},
    # scored once at 068941f, then read for part 1 of the ninth pass
    "test14.jsonl": {"acled_note:found": 0.97, "acled_note:date": 0.92, "acled_note:sub": 0.95,
                     "acled_note:deaths": 0.95, "acled_note:side": 0.95, "osint_log:near": 0.87,
                     "civ_record:near": 0.9},
    # scored once at c6dee2a, then read for part 2 of the ninth pass
    "test15.jsonl": {"acled_note:found": 0.97, "acled_note:date": 0.97, "acled_note:sub": 0.95,
                     "acled_note:deaths": 0.95, "acled_note:side": 0.95, "osint_log:near": 0.93,
                     "civ_record:near": 0.95},
    # scored once at f67caec, then read for part 3 of the ninth pass
    "test16.jsonl": {"acled_note:found": 0.97, "acled_note:date": 0.97, "acled_note:sub": 0.95,
                     "acled_note:deaths": 0.95, "acled_note:side": 0.95, "osint_log:near": 0.93,
                     "civ_record:near": 0.9},
    # scored once at eefffc8, then read for part 4 of the ninth pass
    "test17.jsonl": {"acled_note:found": 0.97, "acled_note:date": 0.95, "acled_note:sub": 0.9,
                     "acled_note:deaths": 0.9, "acled_note:side": 0.92, "osint_log:near": 0.67,
                     "civ_record:near": 0.87},
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(BLIND_FLOORS))
def test_the_blind_sets(pipeline: Pipeline, name: str) -> None:
    figures, misses = score(pipeline, FIXTURES / "blind" / name)
    low = {k: round(figures[k], 3) for k, floor in BLIND_FLOORS[name].items() if figures[k] < floor}
    assert not low, (low, misses[:10])


def test_a_known_source_before_a_colon_claims_the_line(pipeline: Pipeline) -> None:
    events = _events(pipeline, "Pushilin: Ukrainian forces shelled Yasynuvata overnight")
    assert events and all(
        e.claim and e.claim.claimant and "Pushilin" in e.claim.claimant.name for e in events
    )
    assert events[0].actor1 is not None and events[0].actor1.side == "UA"


def test_a_place_or_topic_before_a_colon_claims_nothing(pipeline: Pipeline) -> None:
    for text in (
        "Kramatorsk: Russian forces shelled the city centre overnight",
        "Shelling of Nikopol: two killed",
    ):
        events = _events(pipeline, text)
        assert events and all(e.claim is None or e.claim.claimant is None for e in events)


def test_a_label_before_the_colon_is_not_the_subject(pipeline: Pipeline) -> None:
    (event,) = _events(pipeline, "General Staff: the enemy lost 300 soldiers near Vuhledar")
    assert event.actor2 is not None and event.actor2.side == "RU"


@pytest.mark.parametrize(
    ("text", "dead"),
    [
        ("A farmer and his son were killed in shelling of Orikhiv.", 2),
        ("A woman and three children were killed in a missile strike on Uman.", 4),
    ],
)
def test_people_joined_are_counted(pipeline: Pipeline, text: str, dead: int) -> None:
    events = _events(pipeline, text)
    assert [e.fatalities for e in events] == [dead]
    assert events[0].fw_type in ("shelling", "missile_strike")  # the toll of the attack


@pytest.mark.parametrize(
    "person",
    ["wife", "husband", "son", "daughter", "mother", "father", "businessman", "teacher",
     "priest", "guard", "official", "deputy", "mayor", "head"],
)  # fmt: skip
def test_a_single_person_counts_one(pipeline: Pipeline, person: str) -> None:
    events = _events(pipeline, f"A {person} was killed in shelling of Huliaipole.")
    assert [e.fatalities for e in events] == [1]


def test_the_dead_of_a_battle_are_its_toll(pipeline: Pipeline) -> None:
    events = _events(pipeline, "Marines repelled two assaults near Vuhledar and killed 30 invaders")
    assert [(e.fw_type, e.fatalities) for e in events] == [("attack_repelled", 30)]


def test_whose_dead_say_who_fought_them(pipeline: Pipeline) -> None:
    (event,) = _events(
        pipeline, "Over 60 Ukrainian soldiers killed in battles near Marinka - Basurin"
    )
    assert event.fatalities == 60 and event.actor1 is not None
    assert event.actor1.side in ("RU", "RU-INST")


def test_a_drone_dropping_explosives_is_a_drone_strike(pipeline: Pipeline) -> None:
    events = _events(
        pipeline, "On 12 July, Ukrainian forces used a drone to drop explosives on Russian "
        "positions near Kreminna, Luhansk region.",
    )  # fmt: skip
    assert events and sub_event_type(events[0]) == "Air/drone strike"
    assert events[0].actor1 is not None and events[0].actor1.side == "UA"


def test_a_records_bare_count_is_the_toll(pipeline: Pipeline) -> None:
    events = _events(pipeline, "Sloviansk, central market: pavilions shelled, 3 killed")
    assert [(e.fw_type, e.fatalities) for e in events] == [("shelling", 3)]


def test_an_unidentified_attacker_has_no_side(pipeline: Pipeline) -> None:
    (event,) = _events(
        pipeline, "On 2 October, unidentified gunmen killed a pro-Russian official in Tokmak."
    )
    assert event.fatalities == 1
    assert event.actor1 is not None and event.actor1.side == "UNKNOWN"


def test_clashes_that_took_place_are_an_event(pipeline: Pipeline) -> None:
    events = _events(pipeline, "On 9 October, clashes took place near Torske, Donetsk region.")
    assert [e.fw_type for e in events] == ["clash"]


def test_a_sighting_only_when_the_line_reports_nothing_else(pipeline: Pipeline) -> None:
    (sighting,) = _events(pipeline, "Russian tanks spotted near Velyka Novosilka")
    assert sighting.fw_type == "mobilisation"
    (kill,) = _events(pipeline, "Destroyed Russian tanks near Velyka Novosilka")
    assert kill.fw_type == "clash"
    assert not _events(pipeline, "Germany will supply tanks to Ukraine next year.")


def test_a_fire_in_prose_is_the_attacks_not_its_own(pipeline: Pipeline) -> None:
    events = _events(pipeline, "After the shelling of Kupiansk, a warehouse burned for hours.")
    assert [e.fw_type for e in events] == ["shelling"]


@pytest.mark.parametrize(
    "text", ["Lightning struck twice in Kharkiv.", "A thunderstorm hit Poltava overnight."]
)
def test_weather_is_no_strike(pipeline: Pipeline, text: str) -> None:
    assert not _events(pipeline, text)


def test_a_records_bare_passive_is_a_strike(pipeline: Pipeline) -> None:
    events = _events(pipeline, "Izmail, Odesa region: grain silos hit")
    assert [e.fw_type for e in events] == ["missile_strike"]


def test_a_blast_and_its_toll_in_the_next_sentence(pipeline: Pipeline) -> None:
    events = _events(
        pipeline, "On 8 October, an explosion damaged the road bridge near Chonhar. "
        "Two people were killed.",
    )  # fmt: skip
    assert [(e.fw_type, e.fatalities) for e in events] == [("explosion", 2)]


def test_a_weapon_as_subject_is_the_strike(pipeline: Pipeline) -> None:
    events = _events(pipeline, "A Russian drone hit an office building in Sumy.")
    assert events and sub_event_type(events[0]) == "Air/drone strike"
