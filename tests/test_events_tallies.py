"""Tallies the way war is reported: the 24 hours a "per day" count covers, killed and
wounded counted together, losses whose owner a party leaves unnamed, "the enemy" in a
text that speaks one camp's words, and what a capture takes. The texts are written for
these tests."""

from __future__ import annotations

from datetime import date

import pytest

from eventkit import reported_events
from frontwatch.extract.actors import voice_side
from frontwatch.extract.quantities import tally_window
from frontwatch.lexicons import load_toml, side_bloc
from frontwatch.models import Event
from frontwatch.pipeline import Pipeline

PUBLISHED = date(2022, 9, 10)


def _events(pipeline: Pipeline, text: str) -> list[Event]:
    return reported_events(pipeline, text, PUBLISHED)


def test_a_tally_per_day_covers_the_day_before(pipeline: Pipeline) -> None:
    (event,) = _events(pipeline, "Over 70 soldiers of the brigade killed near Pisky in 24 hours")
    assert event.time is not None
    assert (event.time.date_start, event.time.date_end) == (date(2022, 9, 9), PUBLISHED)


def test_a_report_without_a_window_keeps_the_article_bound(pipeline: Pipeline) -> None:
    (event,) = _events(pipeline, "Two civilians were killed in shelling of Nikopol")
    assert event.time is not None and event.time.date_start is None


@pytest.mark.parametrize("phrase", load_toml("quantities.toml")["tally"]["windows"])
def test_every_tally_window_is_read(phrase: str) -> None:
    assert tally_window(f"the brigade lost 40 men {phrase.upper()} near the river") is not None


def test_killed_and_wounded_together_is_no_death_toll(pipeline: Pipeline) -> None:
    events = _events(
        pipeline, "The regiment lost up to 90 soldiers killed and wounded near Vuhledar"
    )
    assert events and all(e.fatalities is None for e in events)


def test_killed_and_wounded_apart_counts_the_dead_once(pipeline: Pipeline) -> None:
    events = _events(pipeline, "Near Marinka the battalion lost 45 people killed and 60 wounded")
    assert [e.fatalities for e in events if e.fatalities is not None] == [45]


def test_unowned_losses_in_a_partys_tally_are_its_enemys(pipeline: Pipeline) -> None:
    (event,) = _events(
        pipeline,
        "Over 80 servicemen lost in the Kupiansk direction per day - Russian Defense Ministry",
    )
    assert event.actor2 is not None and side_bloc(event.actor2.side) == "UA"
    assert event.actor1 is not None and side_bloc(event.actor1.side) == "RU"


def test_machine_translated_order_names_whose_dead(pipeline: Pipeline) -> None:
    (event,) = _events(pipeline, "More than 25 people lost APU near Marinka in a day - Pushilin")
    assert event.actor2 is not None and side_bloc(event.actor2.side) == "UA"


@pytest.mark.parametrize(
    ("text", "side"),
    [
        ("The invaders shelled Kupiansk again.", "UA"),
        ("Units of the Kiev regime shelled Horlivka.", "RU"),
        ("The occupiers blamed the Kiev regime.", None),  # words of both camps: no voice
        ("Two civilians were killed in shelling.", None),
    ],
)
def test_voice_of_a_text(text: str, side: str | None) -> None:
    assert voice_side(text) == side


def test_every_voice_word_is_read() -> None:
    for side, words in load_toml("sides.toml")["voice"].items():
        for word in words:
            assert voice_side(f"Reports of the {word} near the river") == side, word


def test_the_enemy_in_one_camps_words(pipeline: Pipeline) -> None:
    events = _events(
        pipeline,
        "The invaders shelled the outskirts of Kupiansk overnight. "
        "Border guards repelled an enemy attack near the village.",
    )
    repelled = [e for e in events if e.fw_type == "attack_repelled"]
    # the attacker first (the enemy of the Ukrainian border guards), the repeller second
    assert repelled and repelled[0].actor1 is not None and repelled[0].actor2 is not None
    assert side_bloc(repelled[0].actor1.side) == "RU"
    assert side_bloc(repelled[0].actor2.side) == "UA"


@pytest.mark.parametrize(
    "text",
    [
        "Security cameras near the war memorial captured the moment of the explosion.",
        "The soldiers seized 20 rifles from the depot near Bakhmut.",
    ],
)
def test_a_capture_takes_ground(pipeline: Pipeline, text: str) -> None:
    assert not [e for e in _events(pipeline, text) if e.fw_type == "capture"]


def test_a_capture_of_a_village_is_a_capture(pipeline: Pipeline) -> None:
    events = _events(pipeline, "Russian troops captured the village north of Avdiivka.")
    assert [e.fw_type for e in events] == ["capture"]


@pytest.mark.parametrize(
    ("text", "attacker", "target"),
    [
        # a headline's reduced passive: the agent after "by", the noun is what was hit
        ("Twelve armoured vehicles of the Ukrainian army destroyed by Russian gunners", "RU", "UA"),
        # the parser's bare participle as verb: its subject is what was destroyed
        ("Another platoon of Russian infantry destroyed near the reservoir", "UA", "RU"),
        # an attack is repelled, it repels nothing, whatever the word order: its side
        # attacked (actor1), the other side held (actor2)
        ("Russian assault near Siversk repulsed", "RU", "UA"),
        # whose dead the victim phrase names comes before a cue further on
        ("Russian units lost 90 soldiers in a strike of the Ukrainian army", "UA", "RU"),
    ],
)
def test_who_was_hit_is_not_who_hit(
    pipeline: Pipeline, text: str, attacker: str, target: str
) -> None:
    (event,) = _events(pipeline, text)
    assert event.actor1 is not None and side_bloc(event.actor1.side) == attacker
    assert event.actor2 is not None and side_bloc(event.actor2.side) == target


def test_fire_from_a_weapon_is_shelling(pipeline: Pipeline) -> None:
    events = _events(pipeline, "Russian troops fired from multiple rocket launchers at Nikopol")
    assert [e.fw_type for e in events] == ["shelling"]


def test_a_past_attempt_is_a_failed_event(pipeline: Pipeline) -> None:
    events = _events(pipeline, "Russian units tried to break through near Pisky, to no avail")
    assert [(e.fw_type, str(e.status)) for e in events] == [("breakthrough", "failed")]


def test_a_wish_stays_a_plan(pipeline: Pipeline) -> None:
    events = _events(pipeline, "The Russians want to break through near Pisky")
    assert [str(e.status) for e in events] == ["planned"]


def test_an_event_named_as_cause_happened(pipeline: Pipeline) -> None:
    events = _events(pipeline, "Three bodies found after a Russian strike on a school in Kupiansk")
    assert "missile_strike" in [e.fw_type for e in events]


def test_the_results_of_a_vote_are_no_cause(pipeline: Pipeline) -> None:
    events = _events(pipeline, "Analysts discussed the results of referendums on a talk show")
    assert not events


def test_a_force_after_of_is_the_agent_a_position_the_target(pipeline: Pipeline) -> None:
    (by_force,) = _events(
        pipeline, "Due to the shelling of the Russian army, a barn burned in Kupiansk"
    )
    assert by_force.actor1 is not None and side_bloc(by_force.actor1.side) == "RU"
    (on_position,) = _events(pipeline, "The shelling of Russian positions near Kreminna continued")
    assert on_position.actor2 is not None and side_bloc(on_position.actor2.side) == "RU"
    assert on_position.actor1 is not None and side_bloc(on_position.actor1.side) == "UA"


def test_a_count_beside_the_victims_is_not_their_description(pipeline: Pipeline) -> None:
    events = _events(
        pipeline, "In Kupiansk one man was killed, six wounded from the shelling of the invaders"
    )
    assert events and all(e.actor2 is None or side_bloc(e.actor2.side) != "RU" for e in events)
    assert all(e.actor1 is None or side_bloc(e.actor1.side) == "RU" for e in events)


def test_the_enemy_with_no_speaker_takes_the_theatres_prior(pipeline: Pipeline) -> None:
    (event,) = _events(pipeline, "Coast guards repelled an enemy attack near Kherson")
    assert event.actor1 is not None and side_bloc(event.actor1.side) == "RU"  # the enemy
    assert event.actor2 is not None and side_bloc(event.actor2.side) == "UA"  # who held


def test_the_enemy_in_a_cause_is_not_the_victims(pipeline: Pipeline) -> None:
    events = _events(pipeline, "Two farmers killed near Kupiansk due to enemy shelling")
    assert events and all(e.actor2 is None or side_bloc(e.actor2.side) != "RU" for e in events)


def test_a_verb_the_parser_left_without_subject(pipeline: Pipeline) -> None:
    (event,) = _events(pipeline, "Near Snihurivka, the Armed Forces of Ukraine sank a ferry")
    assert event.actor1 is not None and side_bloc(event.actor1.side) == "UA"


def test_an_offensive_tagged_as_adjective(pipeline: Pipeline) -> None:
    events = _events(
        pipeline, "The northern group of Russian forces continues offensive near Kupiansk"
    )
    assert [e.fw_type for e in events] == ["advance"]
    assert not _events(pipeline, "The cartoon about the war was offensive to many viewers")
