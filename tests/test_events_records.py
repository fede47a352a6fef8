"""Issue 17, fifth pass (second part): ACLED's "(Admin2, Admin1)" brackets, a record's
header line, log lines opened by a time or a place and a dash, harm folded into the attack
that did it, grenades, and units whose names mislead. Every text is written for these
tests (none from demo/articles, the eval corpora or the blind sets)."""

from __future__ import annotations

from datetime import date

import pytest

from eventkit import events_of_type, reported_events, side_of
from frontwatch.annotate.text import opens_line
from frontwatch.models import Event
from frontwatch.pipeline import Pipeline

PUBLISHED = date(2023, 6, 12)


def _events(pipeline: Pipeline, text: str) -> list[Event]:
    return reported_events(pipeline, text, PUBLISHED)


def _where(event: Event) -> tuple[str | None, str | None]:
    place = event.place.place if event.place else None
    return (place.name, place.admin1) if place else (None, None)


@pytest.mark.parametrize(
    ("text", "admin1"),
    [
        # the village, not the raion centre the bracket names first
        ("On 3 May 2023, Russian forces shelled Novodarivka (Polohy, Zaporizhia).", "UA-23"),
        # a respelled village, vouched for by its bracket (Russia's Kursk region)
        ("On 3 May 2023, Ukrainian forces shelled Tyotkino (Glushkovskiy, Kursk).", "RU-KRS"),
    ],
)
def test_acleds_admin_brackets_place_the_village(
    pipeline: Pipeline, text: str, admin1: str
) -> None:
    (event,) = events_of_type(pipeline, text, "shelling", PUBLISHED)
    name, region = _where(event)
    assert region == admin1 and name not in ("Polohy", "Kursk"), (name, region)


def test_the_bracket_s_oblast_constrains_a_raion_named_like_a_town_elsewhere(
    pipeline: Pipeline,
) -> None:
    text = "On 9 May 2023, Ukrainian forces shelled Klimovo (Klimovskiy, Bryansk)."
    (event,) = events_of_type(pipeline, text, "shelling", PUBLISHED)
    assert _where(event) == ("Klimovo", "RU-BRY")  # not Klimovsk near Moscow


def test_russian_volunteers_fighting_for_ukraine_are_ukraine_s_side(pipeline: Pipeline) -> None:
    text = "On 5 March 2024, fighters of the Russian Volunteer Corps attacked Kozinka."
    (event,) = events_of_type(pipeline, text, "clash", PUBLISHED)
    assert side_of(event) == "UA"


def test_a_thrown_grenade_is_acled_s_grenade(pipeline: Pipeline) -> None:
    from frontwatch.lexicons import type_info

    text = "On 9 June 2023, an unknown man threw two grenades at a police car in Berdiansk."
    (event,) = events_of_type(pipeline, text, "grenade", PUBLISHED)
    assert type_info(event.fw_type)["acled_sub_event_type"] == "Grenade"


def test_a_retreating_force_blowing_up_a_bridge_destroys_property(
    pipeline: Pipeline,
) -> None:
    text = "On 4 June 2023, retreating Russian forces blew up a bridge near Kreminna."
    kinds = [e.fw_type for e in _events(pipeline, text)]
    # ACLED's Looting/property destruction, no bomb's explosion; "retreating" describes:
    # it reports no withdrawal
    assert kinds == ["property_destruction"], kinds
    (event,) = _events(pipeline, text)
    assert side_of(event) == "RU"


@pytest.mark.parametrize(
    "text",
    [
        "On 6 June 2023, Russian forces shelled Beryslav, damaging a hospital and two houses.",
        "On 7 June 2023, Russian forces shelled Nikopol. A kindergarten was damaged.",
    ],
)
def test_damage_an_attack_did_is_part_of_it(pipeline: Pipeline, text: str) -> None:
    assert [e.fw_type for e in _events(pipeline, text)] == ["shelling"]


def test_looting_is_an_act_of_its_own(pipeline: Pipeline) -> None:
    text = "On 7 June 2023, Russian forces shelled Nikopol. Russian soldiers looted a shop."
    kinds = [e.fw_type for e in _events(pipeline, text)]
    assert "property_destruction" in kinds, kinds


def test_a_record_s_place_line_places_its_events(pipeline: Pipeline) -> None:
    text = (
        "Vovchansk, Kharkiv oblast. On Monday, a drone dropped explosives on a car, "
        "killing the driver."
    )
    (event,) = events_of_type(pipeline, text, "air_strike", PUBLISHED)
    assert _where(event)[0] == "Vovchansk" and event.fatalities == 1


@pytest.mark.parametrize(
    ("text", "fw_type", "place"),
    [
        ("Nikopol - artillery shelling of the city centre, one injured", "shelling", "Nikopol"),
        ("04:20 Odesa: explosions near the port, air defence active", "explosion", "Odesa"),
        ("Sumy: Shahed attack on a substation, no casualties", "air_strike", "Sumy"),
        (
            "Melitopol - explosion at the Russian base near the airfield, partisans claim it",
            "explosion",
            "Melitopol",
        ),
    ],
)
def test_log_lines_opened_by_a_time_or_a_place_and_a_dash(
    pipeline: Pipeline, text: str, fw_type: str, place: str
) -> None:
    events = events_of_type(pipeline, text, fw_type, PUBLISHED)
    assert events and _where(events[0])[0] == place, [_where(e) for e in events]


def test_a_line_opens_after_a_time_or_a_date_only() -> None:
    text = "note\n05:40 Kharkiv: explosions\n6 July 2023 - Lviv: strike\nIn Lviv: x"
    assert opens_line(text, text.index("Kharkiv"))
    assert opens_line(text, text.index("Lviv"))
    assert not opens_line(text, text.rindex("Lviv"))


@pytest.mark.parametrize("word", ["влучання", "влучення"])
def test_both_ukrainian_spellings_of_a_hit_are_a_strike(pipeline: Pipeline, word: str) -> None:
    from frontwatch.models import Article

    text = f"Будівля школи в Ізюмі загорілася після {word} ракети."
    article = Article(id="t", path="t.txt", text=text, published=PUBLISHED, language="uk")
    (processed,) = list(pipeline.process([article]))
    assert [e.fw_type for e in processed.events] == ["missile_strike"]


@pytest.mark.parametrize(("figure", "dead"), [("3", 3), ("0", 0)])
def test_a_notes_fatalities_field_is_its_toll(pipeline: Pipeline, figure: str, dead: int) -> None:
    text = f"On 2 May 2023, Russian forces shelled Marhanets with artillery. Fatalities: {figure}."
    (event,) = events_of_type(pipeline, text, "shelling", PUBLISHED)
    assert event.fatalities == dead


def test_salt_mines_are_no_landmines(pipeline: Pipeline) -> None:
    text = "On 9 May 2023, Russian forces engaged Ukrainian troops near the salt mines of Soledar."
    kinds = {e.fw_type for e in _events(pipeline, text)}
    assert "clash" in kinds and "mine_ied" not in kinds, kinds


def test_entering_a_town_without_fighting_is_no_clash(pipeline: Pipeline) -> None:
    text = "On 9 May 2023, Ukrainian troops entered Snihurivka without fighting."
    assert not events_of_type(pipeline, text, "clash", PUBLISHED)


@pytest.mark.parametrize(
    ("text", "fw_type"),
    [
        ("Vuhledar: Russian aviation dropped a FAB-500 on the town centre", "air_strike"),
        ("On 9 May 2023, a warehouse in Shebekino was damaged in a drone attack.", "air_strike"),
        ("On 9 May 2023, an explosive device detonated under a car in Nova Kakhovka.", "explosion"),
        ("On 9 May 2023, a truck ran over an anti-tank mine near Kupiansk.", "mine_ied"),
    ],
)
def test_the_weapon_named_in_the_record_decides(
    pipeline: Pipeline, text: str, fw_type: str
) -> None:
    kinds = [e.fw_type for e in _events(pipeline, text)]
    assert kinds and kinds[0] == fw_type, kinds


def test_a_header_place_the_parser_made_a_subject_is_no_actor(pipeline: Pipeline) -> None:
    text = "30 May 2023, Shebekino (Russia): Ukrainian forces shelled the town centre."
    (event,) = events_of_type(pipeline, text, "shelling", PUBLISHED)
    assert side_of(event) == "UA" and _where(event)[1] == "RU-BEL"
