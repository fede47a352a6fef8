"""Issue 17, seventh pass: where a log line is. One-word headers closed by a date, a town
or axis word, or written in capitals; "dir." and "obl."; coordinates a log gives; a
line's weapon for its bare count; the header's region holding the line's town. Every
text is written for these tests (none from demo/articles, the eval corpora or the blind
sets)."""

from __future__ import annotations

from datetime import date

import pytest

from eventkit import reported_events
from frontwatch.models import Article, Event, PlaceFlag, PlaceMention
from frontwatch.pipeline import Pipeline
from frontwatch.resolve.places.points import points
from frontwatch.resolve.places.resolve import _weighted_median

PUBLISHED = date(2024, 5, 16)


def _events(pipeline: Pipeline, text: str) -> list[Event]:
    return reported_events(pipeline, text, PUBLISHED)


def _places(pipeline: Pipeline, text: str) -> list[PlaceMention]:
    article = Article(id="t", path="t.txt", text=text, published=PUBLISHED)
    (processed,) = list(pipeline.process([article]))
    return processed.places


def _where(event: Event) -> tuple[str | None, str | None]:
    place = event.place.place if event.place else None
    return (place.name, place.admin1) if place else (None, None)


@pytest.mark.parametrize(
    ("text", "place"),
    [
        # a one-word header before a date or a clock time
        ("Nikopol 14.05.24 — RU artillery shelled the embankment, 1 WIA", "Nikopol"),
        ("Huliaipole 06:40 local — RU MLRS barrage on the town centre", "Hulyaypole"),
        # before a word for a town
        ("Orikhiv town 💥 — RU glide bomb hit the hospital yard", "Orikhiv"),
        # in capitals before any lowercase word
        ("KLISHCHIIVKA retaken by AFU — 17.09.2023 — footage shows the flag", "Klishchiivka"),
    ],
)
def test_a_one_word_header_places_the_line(pipeline: Pipeline, text: str, place: str) -> None:
    events = _events(pipeline, text)
    assert events and _where(events[0])[0] == place, events


def test_a_capital_word_that_names_no_war_zone_town_is_no_header(pipeline: Pipeline) -> None:
    # "NATO" opens the line in capitals but is no settlement of the war zone
    places = _places(pipeline, "NATO warned on Tuesday about new drills")
    assert not [m for m in places if m.place and m.place.country == "UA"]


def test_an_axis_abbreviation_is_an_area_and_not_the_line_s_town(pipeline: Pipeline) -> None:
    text = "Geolocated: UA troops raise the flag over ANDRIIVKA (Bakhmut dir.) | liberated"
    events = [e for e in _events(pipeline, text) if e.fw_type == "retake"]
    assert events and _where(events[0]) == ("Andriivka", "UA-14"), events
    places = _places(pipeline, "Kupiansk dir. — RU assault repelled")
    axis = next(m for m in places if m.text == "Kupiansk")
    assert axis.place is not None and PlaceFlag.COARSE in axis.flags  # the hromada


def test_an_axis_header_places_a_line_that_names_only_the_city(pipeline: Pipeline) -> None:
    events = _events(pipeline, "AVDEEVKA dir. — RU MoD claims full capture of the city")
    assert events and events[0].place and events[0].place.place
    assert events[0].place.place.admin1 == "UA-14", events


def test_a_ministry_abbreviation_is_no_place(pipeline: Pipeline) -> None:
    places = _places(pipeline, "RU MoD: AD downed 3 UA UAVs over the region")
    assert not [m for m in places if m.text == "MoD" and m.place is not None]


def test_coordinate_pairs_are_read_and_dates_are_not() -> None:
    found = points("📍48.14, 37.75 | 12.05.2024 | (47.61N, 35.22E) 27.07.2023 and 1.5 2.5")
    assert [(lat, lon) for _, _, lat, lon in found] == [(48.14, 37.75), (47.61, 35.22)]
    assert points("40.71, -74.00")[0][2:] == (40.71, -74.0)


def test_the_gazetteer_finds_the_nearest_settlement(pipeline: Pipeline) -> None:
    near = pipeline.gazetteer.nearest(48.14, 37.75, 10.0)
    assert near is not None and near.name.startswith("Avdi"), near
    assert pipeline.gazetteer.nearest(0.0, -30.0, 10.0) is None  # mid-ocean: nothing near


def test_a_log_s_point_places_its_events(pipeline: Pipeline) -> None:
    text = "📍48.14, 37.75 | 14.05.2024 | RU FPV hit a civilian car on the bypass road | 1 KIA"
    events = _events(pipeline, text)
    assert events and _where(events[0])[0] and _where(events[0])[1] == "UA-14", events
    assert events[0].place and PlaceFlag.POINT in events[0].place.flags


def test_a_log_s_point_beats_a_far_city_its_hashtag_names(pipeline: Pipeline) -> None:
    # the tag names the oblast's capital, 60 km off; the point is where it happened
    text = "RYLSK 📍51.57, 34.68 | 14.05.2024 | UA drone hit a fuel depot, fire #Kursk"
    events = _events(pipeline, text)
    assert events and _where(events[0]) != ("Kursk", "RU-KRS"), events
    assert events[0].place and events[0].place.place
    assert events[0].place.place.admin1 == "RU-KRS"


def test_a_point_outside_the_war_zone_is_no_place(pipeline: Pipeline) -> None:
    places = _places(pipeline, "Drill at 52.52, 13.40 on Monday")
    assert not [m for m in places if PlaceFlag.POINT in m.flags]


@pytest.mark.parametrize(
    ("text", "fw_type"),
    [
        ("HULIAIPOLE | KAB on the market | 2 KIA, 5 WIA", "air_strike"),
        ("Pokrovsk 08:15 — RU Iskander-M on a dormitory, 3 KIA", "missile_strike"),
    ],
)
def test_a_line_s_bare_count_takes_the_line_s_weapon(
    pipeline: Pipeline, text: str, fw_type: str
) -> None:
    events = _events(pipeline, text)
    assert events and events[0].fw_type == fw_type, events
    assert events[0].actor1 and events[0].actor1.side == "RU"  # the theatre's attacker


def test_a_death_in_prose_takes_no_weapon_of_another_clause(pipeline: Pipeline) -> None:
    text = "Two soldiers were killed near Toretsk on Monday; a drone was shot down later."
    events = _events(pipeline, text)
    assert events and events[0].fw_type == "casualties", events


def test_the_line_s_town_beats_the_header_s_region(pipeline: Pipeline) -> None:
    events = _events(pipeline, "Sumy obl. | VELYKA PYSARIVKA | 2x KAB on the centre | 1 KIA")
    assert events and _where(events[0]) == ("Velyka Pysarivka", "UA-59"), events


def test_a_named_oblast_chooses_between_two_namesake_towns(pipeline: Pipeline) -> None:
    # Zolochiv of Lviv oblast is three times the size of Zolochiv of Kharkiv oblast
    events = _events(pipeline, "Kharkiv obl. | ZOLOCHIV | KAB hit the post office | 2 WIA")
    assert events and _where(events[0]) == ("Zolochiv", "UA-63"), events


def test_the_median_of_an_even_split_lies_halfway() -> None:
    assert _weighted_median([(36.0, 1.0), (24.0, 1.0)]) == 30.0
    assert _weighted_median([(1.0, 1.0), (2.0, 3.0)]) == 2.0
    assert _weighted_median([(5.0, 1.0)]) == 5.0


@pytest.mark.parametrize(
    ("text", "mine"),
    [
        ("A car drove over an anti-tank mine outside Vasylivka; two people were killed.", True),
        ("A tractor ran over a landmine in a field near Balakliia.", True),
        ("Footage shows the flag raised over the coal mine in Toretsk.", False),
    ],
)
def test_a_mine_is_run_over_not_flown_over(pipeline: Pipeline, text: str, mine: bool) -> None:
    kinds = {e.fw_type for e in _events(pipeline, text)}
    assert ("mine_ied" in kinds) is mine, kinds


@pytest.mark.parametrize(
    ("text", "fw_type"),
    [
        # a sentence after the line's header, its place in the header
        ("Vovchansk 05:10 local — RU MLRS barrage on the aggregate plant", "shelling"),
        # the header cut after a date's first figure, a harm negated with a participle
        ("SIVERSK dir. | 14 Jun 2024 | RU/UA firefights in the tree line E of the town, "
         "no confirmed losses", "clash"),
        # a weapon naming the strike it modifies: the strike, of the weapon's kind
        ("KURAKHOVE dir. | 02.11.24 | TOS-1A strike on AFU positions at the dam", "shelling"),
        # a log line's participle with its agent, hung by the parser on another noun
        ("NOVOPROKOPIVKA / 02.09.23 / RU assault on the western edge repelled by AFU, "
         "1 BMP burning", "attack_repelled"),  # (after the assault it repelled)
        # the line's name and its participle: a headline's passive
        ("ANDRIIVKA retaken by AFU — 15.09.2023 — drone footage shows the flag", "retake"),
    ],
)  # fmt: skip
def test_log_line_shapes_give_their_event(pipeline: Pipeline, text: str, fw_type: str) -> None:
    events = [e for e in _events(pipeline, text) if e.fw_type == fw_type]
    assert events and events[0].place is not None and events[0].place.place is not None


def test_an_incident_after_a_dash_is_no_byline(pipeline: Pipeline) -> None:
    events = _events(pipeline, "Kherson 21:30 local — RU artillery barrage on the port")
    assert events and events[0].claim and events[0].claim.claimant is None, events


def test_a_hashtag_mark_is_no_word_before_a_name(pipeline: Pipeline) -> None:
    text = "BREAKING: explosions at #Kacha airfield near Sevastopol ~02:10 local, UA strike"
    names = {m.text for m in _places(pipeline, text) if m.place is not None}
    assert "Kacha" in names, names


def test_a_site_word_closes_a_one_word_header(pipeline: Pipeline) -> None:
    events = _events(pipeline, "Kramatorsk station — RU Iskander strike, 3 KIA")
    assert events and _where(events[0]) == ("Kramatorsk", "UA-14"), events


def test_a_clock_time_after_a_header_s_name_is_cut_from_it(pipeline: Pipeline) -> None:
    events = _events(pipeline, "Mykolaiv 22:15 local — RU artillery barrage on the shipyard")
    assert events and _where(events[0])[1] == "UA-48", events


RECORD = """Type: enforced disappearance
Date: 2022-04-20
Place: Nova Kakhovka, Kakhovka raion, Kherson oblast
Victim: male, school director
Perpetrator: Russian military"""


def test_a_record_s_type_date_place_and_perpetrator_fields_make_its_event(
    pipeline: Pipeline,
) -> None:
    events = reported_events(pipeline, RECORD, date(2022, 4, 25))
    assert events and events[0].fw_type == "abduction", events
    event = events[0]
    assert _where(event)[1] == "UA-65"
    assert event.time and event.time.date_start == date(2022, 4, 20)
    assert event.actor1 and event.actor1.side == "RU"


def test_a_type_field_without_a_place_field_gives_nothing(pipeline: Pipeline) -> None:
    text = "Type: enforced disappearance\nStatus: under review"
    assert not reported_events(pipeline, text, date(2022, 4, 25))


def test_a_perpetrator_field_after_a_pipe_names_the_attacker(pipeline: Pipeline) -> None:
    text = (
        "Date: 2023-07-02 | Location: Kupiansk, Kharkiv oblast | Incident: shelling of a "
        "bakery | Attributed to: Russian armed forces | 2 killed"
    )
    events = reported_events(pipeline, text, date(2023, 7, 3))
    assert events and events[0].actor1 and events[0].actor1.side == "RU", events


def test_a_header_town_is_its_own_name_inside_the_unit_after_it(pipeline: Pipeline) -> None:
    # "Sloviansk" is also an alternate name of Nikopol (Dnipropetrovsk oblast) in the
    # gazetteer's sources, a town of about the same size
    events = _events(pipeline, "Sloviansk, Donetsk region: market burned after rocket attack")
    assert events and _where(events[0])[1] == "UA-14", events


def test_a_site_named_after_a_town_abroad_yields_to_the_header(pipeline: Pipeline) -> None:
    # "Drama" is a Greek town; here it names the theatre of the header's city
    text = "MARIUPOL ⚠️ 16.03.2022 | RU airstrike on the Drama Theatre, hundreds sheltering"
    events = reported_events(pipeline, text, date(2022, 3, 17))
    assert events and _where(events[0]) == ("Mariupol", "UA-14"), events


def test_a_record_with_dashes_for_colons_reads_its_fields(pipeline: Pipeline) -> None:
    text = (
        "Date/time — 18.09.2023, ~17:30 local\n"
        "Location — Shebekino, Belgorod oblast (Russian Federation)\n"
        "Incident — drone-dropped munition struck a civilian car on the outskirts\n"
        "Casualties — 1 killed, 0 injured\n"
        "Attribution — Ukrainian forces (per regional governor)"
    )
    events = reported_events(pipeline, text, date(2023, 9, 19))
    assert events and _where(events[0])[1] == "RU-BEL", events
    assert events[0].actor1 and events[0].actor1.side == "UA"
    assert events[0].time and events[0].time.date_start == date(2023, 9, 18)


def test_a_count_updated_on_the_line_is_not_added_to(pipeline: Pipeline) -> None:
    text = "ODESA 🚀 02:50 loc — 3x Kh-22 into apt blocks | initial: 9 KIA → [UPD 11:40] 11 KIA"
    events = _events(pipeline, text)
    assert events and events[0].fatalities == 11, events


def test_a_name_before_a_street_word_is_no_settlement(pipeline: Pipeline) -> None:
    text = "KAB hit a block near Sobornyi ave. in Zaporizhzhia"
    names = {m.text for m in _places(pipeline, text)}
    assert "Sobornyi" not in names and "Zaporizhzhia" in names, names


def test_a_claim_verb_the_tagger_hung_on_its_noun_reports_it(pipeline: Pipeline) -> None:
    events = _events(pipeline, "RU MoD claims capture of OCHERETINO (NW of Avdeyevka) — 05/05/24")
    assert events and events[0].fw_type == "capture", events
    assert events[0].claim and events[0].claim.claimant


def test_armed_forces_crossing_the_border_advance(pipeline: Pipeline) -> None:
    text = "06.08.24 05:30 MSK | SUDZHA dir., Kursk obl. (RU) | AFU mech units crossed the border"
    assert [e.fw_type for e in _events(pipeline, text)][:1] == ["advance"]
    assert not _events(pipeline, "Thousands of refugees crossed the border into Poland.")


def test_people_pulled_out_alive_are_no_withdrawal(pipeline: Pipeline) -> None:
    text = "Rescuers said 20 people had been pulled out alive from the rubble in Chernihiv."
    assert "withdraw" not in {e.fw_type for e in _events(pipeline, text)}


def test_an_event_abroad_keeps_its_place_when_no_header_names_another(
    pipeline: Pipeline,
) -> None:
    for text, name in (
        ("The navy said a Russian submarine in the Black Sea fired cruise missiles on Tuesday.",
         "Black Sea"),
        ("Georgian troops shelled positions near Tskhinvali on Friday, officials said.",
         "Ts’khinvali"),
    ):  # fmt: skip
        events = reported_events(pipeline, text, date(2022, 3, 10))
        assert events and _where(events[0])[0] == name, events
