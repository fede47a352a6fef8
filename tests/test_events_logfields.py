"""Issue 17, sixth pass (second part): incident-log fields. Headers closed by a pipe, a
slash or a pictograph, time stamps and hashtags before a header's place, KIA/WIA counts,
weapons named as the subject (one weapon list for triggers and log lines), carriers that
are targets. Every text is written for these tests (none from demo/articles, the eval
corpora or the blind sets)."""

from __future__ import annotations

from datetime import date

import pytest

from eventkit import first_type, reported_events
from frontwatch.annotate.text import header_mark, is_pictograph, opens_line
from frontwatch.extract.lexicon import lexicon, platforms, weapon_words
from frontwatch.models import Article, Event
from frontwatch.pipeline import Pipeline

PUBLISHED = date(2024, 5, 16)


def _events(pipeline: Pipeline, text: str) -> list[Event]:
    return reported_events(pipeline, text, PUBLISHED)


def _place(event: Event) -> str | None:
    return event.place.place.name if event.place and event.place.place else None


@pytest.mark.parametrize(
    ("prefix", "opens"),
    [
        ("14.05.2024 09:12 | #", True),  # date, time, pipe, hashtag
        ("\u26a1 ", True),  # a pictograph
        ("[UPDATE] 2024-05-14 | ", True),  # a label in brackets, an ISO date
        ("BREAKING: 14 May 2024 - ", True),
        ("~21:40 MSK | ", True),  # an approximate clock time with its zone
        ("Russian forces shelled ", False),  # words: no line's opening
        ("Near ", False),
    ],
)
def test_what_may_open_a_log_line(prefix: str, opens: bool) -> None:
    text = prefix + "Nikopol"
    assert opens_line(text, len(prefix)) is opens


def test_pictographs_and_field_marks_close_a_header() -> None:
    assert is_pictograph("\U0001f1fa\U0001f1e6") and is_pictograph("\u26a0\ufe0f")
    assert not is_pictograph("|") and not is_pictograph("Kherson")
    assert all(header_mark(m) for m in ("|", "/", ":", "--", "\u26a1"))
    assert not header_mark("and")


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("14.05.2024 | NIKOPOL | RU artillery shelled the embankment", "Nikopol"),
        ("\u26a1 ORIKHIV | 14.05.2024 | RU glide bomb strike on the town centre", "Orikhiv"),
        ("Pokrovsk dir. / NOVOHRODIVKA / 14.05.2024: RU assault repelled, 2 BMPs hit",
         "Novohrodivka"),
    ],
)  # fmt: skip
def test_a_header_closed_by_a_pipe_a_slash_or_a_pictograph_places_the_line(
    pipeline: Pipeline, text: str, place: str
) -> None:
    events = _events(pipeline, text)
    assert events and _place(events[0]) == place, events


@pytest.mark.parametrize(
    ("text", "dead", "hurt"),
    [
        ("Kostiantynivka | RU KAB hit a school, 2 KIA / 5 WIA per city admin", 2, 5),
        ("Huliaipole: RU FPV struck a tractor, driver KIA", 1, None),
        ("Marhanets: RU drone hit a bus; 3 civ KIA, 9 WIA", 3, 9),
    ],
)
def test_kia_and_wia_count_the_dead_and_the_wounded(
    pipeline: Pipeline, text: str, dead: int, hurt: int | None
) -> None:
    events = _events(pipeline, text)
    assert events and (events[0].fatalities, events[0].injuries) == (dead, hurt), events


def test_the_log_abbreviations_are_harm_words() -> None:
    lex = lexicon()
    assert "kia" in lex.death_verbs and "wia" in lex.injury_nouns


@pytest.mark.parametrize(
    ("text", "fw_type"),
    [
        ("Kharkiv: a Russian guided bomb hit a five-storey building", "air_strike"),
        ("A Kinzhal struck an energy facility near Stryi on Tuesday.", "missile_strike"),
        ("A TOS-1A hit Ukrainian positions near Toretsk, the Russian MoD said.", "shelling"),
    ],
)
def test_a_weapon_as_subject_is_a_strike_of_its_kind(
    pipeline: Pipeline, text: str, fw_type: str
) -> None:
    assert first_type(pipeline, text, PUBLISHED) == fw_type


def test_the_weapon_list_is_one_and_its_carriers_are_no_munitions() -> None:
    words = weapon_words()
    assert {"kab", "atacms", "kinzhal", "tos-1a", "aircraft"} <= words
    assert "aircraft" in platforms() and platforms() <= words


@pytest.mark.parametrize(
    "text",
    [
        # a carrier as the object is what was destroyed, not a weapon used
        "Saboteurs destroyed a transport aircraft at the Machulishchy airfield in Belarus.",
        # a ban on flights names aircraft, no strike
        "EU bans Russian aircraft from its airspace",
        # a reporting verb that says a clause of its own is no log line
        "UN Says It Has Reports Of Cluster Munitions Use In Kharkiv",
    ],
)
def test_a_carrier_or_a_report_is_no_strike(pipeline: Pipeline, text: str) -> None:
    strikes = ("air_strike", "missile_strike", "shelling")
    assert not [e for e in _events(pipeline, text) if e.fw_type in strikes]


@pytest.mark.parametrize(
    ("text", "place"),
    [
        # a place of four or five capitals after a locative word: no acronym
        ("RU FPV hit a tractor in IRPIN outskirts", "Irpin"),
        # a field in capitals closed by a field mark, wherever it stands in the line
        ("Bakhmut dir. / KLISHCHIIVKA / 14.05.2024: RU assault repelled", "Klishchiivka"),
        ("Geolocated: UA drone hits RU ammo truck near OLESHKY (Kherson obl.)", "Oleshky"),
    ],
)
def test_capitals_of_a_log_name_its_place(pipeline: Pipeline, text: str, place: str) -> None:
    events = _events(pipeline, text)
    assert events and _place(events[0]) == place, events


def test_an_acronym_after_a_locative_word_is_still_no_place(pipeline: Pipeline) -> None:
    article = Article(id="t", path="t.txt", text="Cuts in AIDS programmes hit Kharkiv.")
    (processed,) = list(pipeline.process([article]))
    assert "AIDS" not in {m.text for m in processed.places if m.place is not None}


def test_a_record_s_field_place_beats_the_country_its_sentence_names(
    pipeline: Pipeline,
) -> None:
    text = (
        "Location: Yevpatoriia, Crimea (occupied). Incident: FSB officers detained a teacher "
        "accused of working for Ukraine."
    )
    events = _events(pipeline, text)
    assert events and _place(events[0]) in ("Yevpatoriya", "Yevpatoriia", "Evpatoriya"), events


@pytest.mark.parametrize("verb", ["tore through", "slammed into", "smashed into", "crashed into"])
def test_a_weapon_that_tears_or_slams_into_a_building_strikes_it(
    pipeline: Pipeline, verb: str
) -> None:
    text = f"On 14 May, a Russian missile {verb} a warehouse in Pavlohrad."
    assert first_type(pipeline, text, PUBLISHED) == "missile_strike"


def test_debris_of_a_downed_drone_is_part_of_the_interception(pipeline: Pipeline) -> None:
    text = (
        "On 14 May, Ukrainian air defence shot down a Russian drone over Bila Tserkva; "
        "falling debris damaged a garage."
    )
    events = _events(pipeline, text)
    assert [e.fw_type for e in events] == ["interception"], events
    assert events[0].notes and "damage" in events[0].notes


def test_a_log_entry_s_one_settlement_places_its_events(pipeline: Pipeline) -> None:
    text = "Geolocated: UA troops raise the flag over ROBOTYNE (Zaporizhzhia obl.) | liberated"
    events = [e for e in _events(pipeline, text) if e.fw_type == "retake"]
    assert events and _place(events[0]) == "Robotyne", events


def test_a_log_entry_s_settlement_does_not_replace_a_region_the_event_names(
    pipeline: Pipeline,
) -> None:
    text = "Near Kriachky residents heard blasts. Ballistic rockets are hitting Kyiv region."
    events = [e for e in _events(pipeline, text) if e.fw_type == "missile_strike"]
    assert events and events[0].place and events[0].place.place
    assert events[0].place.place.feature.startswith("ADM1"), events[0].place.place


@pytest.mark.parametrize(
    ("text", "fw_type"),
    [
        ("The Russian Defence Ministry claimed the capture of Synkivka on Tuesday.", "capture"),
        ("Kherson partisans claimed the attack on a Russian checkpoint", "clash"),
        ("The General Staff confirmed the strike on the Saky airfield", "missile_strike"),
    ],
)
def test_an_event_a_party_claims_or_confirms_is_reported(
    pipeline: Pipeline, text: str, fw_type: str
) -> None:
    assert first_type(pipeline, text, PUBLISHED) == fw_type
