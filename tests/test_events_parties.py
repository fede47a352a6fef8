"""Who acts in notes, logs and headlines (issue 17, fourth pass): two parties named together,
a weapon that decides a killing's kind, a headline's place subject, plans, interceptions,
and the strategic developments and protests ACLED codes. The texts are written for these
tests (none from demo/articles or the eval corpora)."""

from __future__ import annotations

from datetime import date

import pytest

from eventkit import reported_events, side_of
from frontwatch.export.acled import acled_codes
from frontwatch.lexicons import type_info
from frontwatch.models import Event, Status
from frontwatch.pipeline import Pipeline


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


def _events(pipeline: Pipeline, text: str, published: date = date(2023, 5, 20)) -> list[Event]:
    return reported_events(pipeline, text, published)


def _sub(event: Event) -> str | None:
    recoded = acled_codes(event, None).get("sub_event_type")
    return recoded or type_info(event.fw_type).get("acled_sub_event_type")


@pytest.mark.parametrize(
    ("text", "first", "second"),
    [
        ("On 11 May, Ukrainian and Russian troops fought for the station in Marinka.", "UA", "RU"),
        ("On 11 May, Russian and Ukrainian units clashed in the woods near Kreminna.", "RU", "UA"),
        (
            "On 11 May, heavy fighting between Russian paratroopers and Ukrainian marines "
            "continued near Krynky.",
            "RU",
            "UA",
        ),
    ],
)
def test_the_first_named_party_is_actor1(
    pipeline: Pipeline, text: str, first: str, second: str
) -> None:
    (clash,) = [e for e in _events(pipeline, text) if e.fw_type == "clash"]
    assert (side_of(clash), side_of(clash, 2)) == (first, second)


@pytest.mark.parametrize(
    "text",
    [
        "On 2 May, a farmer was wounded by a grenade dropped from a drone near Beryslav.",
        "On 2 May, Russian troops killed a driver with a drone-dropped grenade in Kozatske.",
    ],
)
def test_a_killing_by_a_drone_is_a_drone_strike(pipeline: Pipeline, text: str) -> None:
    events = _events(pipeline, text)
    assert events and _sub(events[0]) == "Air/drone strike"


def test_the_dead_are_not_the_weapon(pipeline: Pipeline) -> None:
    (event,) = _events(pipeline, "On 2 May, two drone pilots were killed in Kupiansk.")
    assert event.fw_type == "casualties"


def test_a_place_subject_of_a_headline_was_hit(pipeline: Pipeline) -> None:
    (event,) = _events(pipeline, "Kherson shelled twice before dawn")
    place = event.place.place if event.place and event.place.place else None
    assert place is not None and place.feature.startswith("PPL")  # the city, not the oblast
    assert event.actor1 is None or "Kherson" not in event.actor1.name


def test_a_place_opening_a_log_line_is_the_town(pipeline: Pipeline) -> None:
    (event,) = _events(pipeline, "Zaporizhzhia: three injured in a missile strike")
    place = event.place.place if event.place and event.place.place else None
    assert place is not None and place.feature.startswith("PPL")


def test_a_plan_has_oneside_of(pipeline: Pipeline) -> None:
    text = (
        "The brigade commander said his men were preparing to fight to recapture Andriivka.\n\n"
        '"There will be fighting for every house," the commander said.'
    )
    plans = [e for e in _events(pipeline, text) if e.fw_type == "clash"]
    assert plans and all(e.status == Status.PLANNED for e in plans)
    assert len({side_of(e) for e in plans}) == 1


@pytest.mark.parametrize(
    ("text", "attacker", "defender"),
    [
        (
            "On 4 June, Russian air defence shot down three Ukrainian drones over Belgorod.",
            "UA",
            "RU",
        ),
        (
            "On 4 June, Ukrainian gunners downed a Russian cruise missile near Vinnytsia.",
            "RU",
            "UA",
        ),
        ("On 4 June, air defence shot down eight drones over Kyiv.", "RU", "UNKNOWN"),
    ],
)
def test_an_interception_is_the_attackers(
    pipeline: Pipeline, text: str, attacker: str, defender: str
) -> None:
    (event,) = [e for e in _events(pipeline, text) if e.fw_type == "interception"]
    assert (side_of(event), side_of(event, 2)) == (attacker, defender)


@pytest.mark.parametrize(
    ("text", "sub"),
    [
        (
            "On 12 May, Russian troops set up a base in the village hospital in Velykyi Burluk.",
            "Headquarters or base established",
        ),
        (
            "On 12 May, Russian forces were seen digging trenches near Vasylivka.",
            "Change to group/activity",
        ),
        (
            "On 12 May, residents of Kakhovka held a rally against the occupation authorities.",
            "Peaceful protest",
        ),
        (
            "On 12 May, a boy was killed when an unexploded shell exploded in a field in Izium.",
            "Remote explosive/landmine/IED",
        ),
    ],
)
def test_acled_sub_event_types(pipeline: Pipeline, text: str, sub: str) -> None:
    events = [e for e in _events(pipeline, text) if e.status != Status.BACKGROUND]
    assert events and _sub(events[0]) == sub
    assert events[0].time is not None and events[0].time.date_start == date(2023, 5, 12)


def test_a_field_work_reported_has_its_doer(pipeline: Pipeline) -> None:
    (event,) = _events(
        pipeline, "On 12 May, Russian forces were seen digging trenches near Vasylivka."
    )
    assert side_of(event) == "RU"


def test_a_protest_abroad_is_not_placed_in_what_it_opposes(pipeline: Pipeline) -> None:
    text = (
        "On 12 May, thousands of Poles rallied against the Russian invasion of Ukraine in Warsaw."
    )
    events = [e for e in _events(pipeline, text) if e.fw_type == "protest"]
    assert events
    place = events[0].place.place if events[0].place else None
    assert place is None or place.country != "RU"
    assert events[0].actor1 is None or side_of(events[0]) != "UA"


@pytest.mark.parametrize(
    "text",
    [
        "On 12 May, Ukrainian air defence shot down a drone over Sumy. No damage was reported.",
        "On 12 May, Russian forces fired at Nikopol. There was no damage and no fighting.",
    ],
)
def test_no_damage_is_no_event(pipeline: Pipeline, text: str) -> None:
    assert not [e for e in _events(pipeline, text) if e.fw_type == "property_destruction"]
    assert not [e for e in _events(pipeline, text) if e.fw_type == "clash"]


def test_a_date_before_the_verb_is_no_particle(pipeline: Pipeline) -> None:
    """ "On 3 May, ... held a rally": "On" is the date's, not the verb's "hold on"."""
    events = _events(pipeline, "On 3 May, residents held a rally in the square in Kherson.")
    assert "defence" not in [e.fw_type for e in events]


@pytest.mark.parametrize(
    "text",
    [
        "Destroyed Russian T-72B3 near Novodarivka, Zaporizhzhia Oblast",  # a model name split
        "Burned-out Russian tank near Pryiutne. 47.60, 36.45",  # coordinates after the line
        "Ukrainian artillery pounds Russian dugouts at Dibrova",  # present tense as a noun
    ],
)
def test_log_lines_give_an_event(pipeline: Pipeline, text: str) -> None:
    assert [e for e in _events(pipeline, text) if e.status != Status.PLANNED]


def test_a_present_tense_headline_verb_keeps_its_weapon(pipeline: Pipeline) -> None:
    (event,) = _events(pipeline, "Ukrainian artillery pounds Russian dugouts at Dibrova")
    assert _sub(event) == "Shelling/artillery/missile attack"


def test_an_execution_of_a_captive_is_an_attack(pipeline: Pipeline) -> None:
    text = "On 12 May, Russian soldiers executed a captured Ukrainian marine near Krynky."
    (event,) = _events(pipeline, text)
    assert (_sub(event), event.fatalities) == ("Attack", 1)


def test_a_place_label_the_tagger_took_for_a_person(pipeline: Pipeline) -> None:
    (event,) = _events(pipeline, "Selydove: school hit by two Iskander missiles")
    place = event.place.place if event.place and event.place.place else None
    assert place is not None and place.name.startswith("Selydove")
    assert event.claim is None or event.claim.claimant is None


def test_an_interception_headline_names_what_was_shot_down(pipeline: Pipeline) -> None:
    (event,) = _events(pipeline, "Russian Su-34 shot down near Avdiivka")
    assert side_of(event) == "RU" and (event.actor2 is None or side_of(event, 2) == "UA")


def test_enemy_losses_are_the_claimants_enemys_dead(pipeline: Pipeline) -> None:
    text = "Enemy losses near Vuhledar amounted to 70 servicemen - Russian Defense Ministry"
    (event,) = _events(pipeline, text)
    assert (side_of(event), side_of(event, 2)) == ("RU", "UA")
    assert _sub(event) == "Armed clash"  # the dead are fighters


@pytest.mark.parametrize(
    "text",
    [
        "Geolocated: shelling of the grain terminal in Izmail",  # a participle label
        "Confirmed: destroyed Russian BMP-3 near Marinka",
    ],
)
def test_a_label_before_a_colon_leaves_the_line_verbless(pipeline: Pipeline, text: str) -> None:
    assert _events(pipeline, text)


def test_partisans_are_on_ukrainesside_of(pipeline: Pipeline) -> None:
    (event,) = _events(pipeline, "On 12 May, partisans blew up a railway bridge near Tokmak.")
    assert side_of(event) == "UA"


def test_a_strike_on_a_date_is_no_defence(pipeline: Pipeline) -> None:
    assert not _events(pipeline, "Miners held a strike on Monday in Pavlohrad.")


@pytest.mark.parametrize(
    ("text", "dead"),
    [
        ("On 12 May, Russian forces shelled Beryslav. The death toll rose to 4.", 4),
        ("On 12 May, a drone hit a fuel depot in Kursk. One fatality was reported.", 1),
        ("On 12 May, Russian troops attacked near Siversk, leaving 6 soldiers dead.", 6),
        ("On 12 May, Russian forces shelled Beryslav. No fatalities were reported.", 0),
    ],
)
def test_tolls_in_the_words_of_notes(pipeline: Pipeline, text: str, dead: int) -> None:
    events = _events(pipeline, text)
    assert events and (events[0].fatalities or 0) == dead


def test_a_label_split_off_by_the_parser_still_opens_the_line(pipeline: Pipeline) -> None:
    events = _events(pipeline, "VIDEO: Russian tank hit by FPV drone near Pryiutne")
    assert events and _sub(events[0]) == "Air/drone strike"


@pytest.mark.parametrize(
    "text",
    [
        "On 12 May 2023, police dispersed a crowd in Skadovsk and detained 4 men.",
        "On 12 May 2023, shelling by Russian forces damaged the hospital in Beryslav.",
        "On 12 May 2023, soldiers threw a grenade into a cellar in Marinka, killing 2 civilians.",
    ],
)
def test_the_sentences_date_dates_the_events_hung_on_its_verb(
    pipeline: Pipeline, text: str
) -> None:
    events = _events(pipeline, text)
    assert events
    assert all(e.time is not None and e.time.date_start == date(2023, 5, 12) for e in events)


@pytest.mark.parametrize(
    ("text", "sub"),
    [
        ("On 12 May, Russia and Ukraine exchanged prisoners near the border.", "Agreement"),
        (
            "On 12 May, occupation police dispersed a rally in Nova Kakhovka.",
            "Protest with intervention",
        ),
        ("On 12 May, Russian soldiers raped a woman in Kozacha Lopan.", "Sexual violence"),
    ],
)
def test_more_acled_sub_event_types(pipeline: Pipeline, text: str, sub: str) -> None:
    events = _events(pipeline, text)
    assert events and _sub(events[0]) == sub


def test_the_force_that_breaks_up_a_protest_is_actor2(pipeline: Pipeline) -> None:
    text = "On 12 May, Russian police dispersed a rally in Nova Kakhovka."
    (event,) = [e for e in _events(pipeline, text) if e.fw_type == "protest"]
    assert event.actor1 is None and side_of(event, 2) == "RU"


def test_a_verb_the_tagger_compounded_between_two_nouns(pipeline: Pipeline) -> None:
    events = _events(pipeline, "Drone debris damages roof of a school in Kupiansk")
    assert events and events[0].place is not None and events[0].place.text == "Kupiansk"


def test_a_place_inside_a_name_gives_way_to_one_standing_alone(pipeline: Pipeline) -> None:
    text = "Smoke over Feodosia — Black Sea Fleet landing ship hit by cruise missiles"
    events = _events(pipeline, text)
    assert events and events[0].place is not None and events[0].place.text == "Feodosia"
