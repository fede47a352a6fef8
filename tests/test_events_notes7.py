"""Issue 17, seventh pass: ACLED-style notes. One event for an entry and a capture in one
sentence; a landing by helicopter is an air assault; an attempt that was repelled
happened; the subject's apposition is not the object's; the noun of a withdrawal; a
headline's verb tagged as a plural after an acronym. Every text is written for these
tests (none from demo/articles, the eval corpora or the blind sets)."""

from __future__ import annotations

from datetime import date

from eventkit import reported_events
from frontwatch.export.acled import acled_codes
from frontwatch.lexicons import type_info
from frontwatch.models import Event, Status
from frontwatch.pipeline import Pipeline

PUBLISHED = date(2024, 5, 16)


def _events(pipeline: Pipeline, text: str, published: date = PUBLISHED) -> list[Event]:
    return reported_events(pipeline, text, published)


def test_an_entry_and_a_capture_in_one_sentence_are_one_event(pipeline: Pipeline) -> None:
    text = (
        "On 14 May 2024, Ukrainian forces entered Vesele (Kupiansk raion, Kharkiv oblast) and "
        "took control of the village after Russian troops withdrew."
    )
    kinds = [e.fw_type for e in _events(pipeline, text)]
    assert kinds[0] == "capture" and "advance" not in kinds, kinds


def test_an_advance_made_does_not_fold_into_a_capture_planned(pipeline: Pipeline) -> None:
    text = (
        "Ukrainian troops advanced near Robotyne on Tuesday. Kyiv plans to take the "
        "village of Verbove next."
    )
    kinds = [e.fw_type for e in _events(pipeline, text)]
    assert "advance" in kinds, kinds


def test_troops_landed_by_helicopter_are_an_air_assault(pipeline: Pipeline) -> None:
    text = "On 12 May 2024, Russian paratroopers landed by helicopter near Vovchansk."
    events = _events(pipeline, text)
    assert events and events[0].fw_type == "clash", events


def test_an_attempt_repelled_by_someone_happened(pipeline: Pipeline) -> None:
    text = (
        "VERKHNIY LYUBAZH (Kursk obl) — 12.05.2024 — UA attempt to cross the border with "
        "armour repelled by RU border guards, per RU MoD."
    )
    repelled = [e for e in _events(pipeline, text) if e.fw_type == "attack_repelled"]
    assert repelled and repelled[0].status != Status.PLANNED, repelled


def test_an_apposition_after_the_verb_is_not_the_subject_s(pipeline: Pipeline) -> None:
    text = (
        "On 12 May 2024, Russian forces regained control of Pogrebki (Kursk oblast, Russia), "
        "the village held by Ukrainian troops since August, according to the Russian "
        "Ministry of Defence."
    )
    events = [e for e in _events(pipeline, text) if e.fw_type == "retake"]
    assert events and events[0].actor1 and events[0].actor1.side == "RU", events
    sub = acled_codes(events[0], None).get("sub_event_type") or type_info("retake").get(
        "acled_sub_event_type"
    )
    assert sub == "Government regains territory"  # Russia's own ground


def test_a_confirmed_withdrawal_from_a_town_is_reported(pipeline: Pipeline) -> None:
    text = "Ocheretyne 14.05.2024 — AFU confirms withdrawal from the town after heavy fighting."
    kinds = {e.fw_type for e in _events(pipeline, text)}
    assert "withdraw" in kinds, kinds
    grain = _events(pipeline, "Moscow announced its withdrawal from the grain deal.")
    assert not [e for e in grain if e.fw_type == "withdraw"]


def test_an_acronym_s_verb_tagged_as_a_plural_is_a_verb(pipeline: Pipeline) -> None:
    text = "KRYNKY 🇺🇦 12.05.2024 — AFU retakes village after 3-day op, RU MoD admits pullback."
    kinds = {e.fw_type for e in _events(pipeline, text)}
    assert "retake" in kinds, kinds


def _sub(event: Event) -> str | None:
    recoded = acled_codes(event, None).get("sub_event_type")
    return recoded or type_info(event.fw_type).get("acled_sub_event_type")


def test_a_person_seized_is_an_abduction_not_a_capture(pipeline: Pipeline) -> None:
    text = (
        "On 2 April 2022, Russian soldiers seized the deputy mayor of Kakhovka (Kakhovka raion, "
        "Kherson oblast) at the town council."
    )
    events = _events(pipeline, text)
    assert events and events[0].fw_type == "abduction", events
    assert _sub(events[0]) == "Abduction/forced disappearance"
    assert not [e for e in _events(pipeline, "Ukrainian troops captured 12 soldiers.")
                if e.fw_type == "capture"]  # prisoners taken: no ground  # fmt: skip
    assert _events(pipeline, "Russian troops seized the airport in Hostomel.")[0].fw_type == (
        "capture"
    )


def test_a_detention_with_no_trace_is_a_disappearance(pipeline: Pipeline) -> None:
    text = (
        "On 20 March 2022, Russian soldiers detained a teacher in Nova Mayachka (Kakhovka raion, "
        "Kherson oblast). Her whereabouts remain unknown."
    )
    events = _events(pipeline, text)
    assert events and events[0].fw_type == "abduction", events
    plain = _events(pipeline, "The SBU detained a Russian agent in Odesa on Tuesday.")
    assert plain and plain[0].fw_type == "arrest", plain


def test_killing_soldiers_who_surrendered_is_an_attack(pipeline: Pipeline) -> None:
    text = (
        "On 12 May 2024, Russian servicemen shot dead two Ukrainian soldiers who had "
        "surrendered near Ocheretyne (Pokrovsk raion, Donetsk oblast). Fatalities: 2."
    )
    events = _events(pipeline, text)
    assert events and _sub(events[0]) == "Attack", events


def test_a_planted_device_that_went_off_is_an_ied(pipeline: Pipeline) -> None:
    text = (
        "On 12 May 2024, an explosive device planted under a car went off in occupied "
        "Tokmak (Polohy raion, Zaporizhzhia oblast), wounding a Russian-appointed official."
    )
    events = _events(pipeline, text)
    assert events and _sub(events[0]) == "Remote explosive/landmine/IED", events


def test_a_toll_after_a_sentence_of_no_report_is_the_attack_s(pipeline: Pipeline) -> None:
    text = (
        "On 21 January 2024, a bus stop in the Kyivskyi district of Donetsk city was hit by "
        "shelling. The origin of the fire could not be established. 8 people were killed."
    )
    events = _events(pipeline, text, date(2024, 1, 22))
    assert events and events[0].fatalities == 8, events


def test_an_unattributed_toll_goes_on_with_the_attributed_attack(pipeline: Pipeline) -> None:
    text = (
        "According to the Bryansk governor, Ukrainian forces shelled Suzemka (Bryansk oblast, "
        "Russia) on 3 April 2024. One civilian was killed and a barn was set on fire."
    )
    events = _events(pipeline, text, date(2024, 4, 4))
    assert events and events[0].fw_type == "shelling" and events[0].fatalities == 1, events


def test_a_fire_set_is_no_peace_cause(pipeline: Pipeline) -> None:
    assert not _events(pipeline, "Two people died in a house fire in Winnipeg on Monday.")


def test_the_number_of_dead_is_a_toll(pipeline: Pipeline) -> None:
    text = (
        "On 12 May 2024, Russian forces struck a cafe in Kostiantynivka (Kramatorsk raion, "
        "Donetsk oblast) with a missile. Over 30 people were injured. Rescuers finished on "
        "14 May, bringing the number of dead to 9."
    )
    events = _events(pipeline, text, date(2024, 5, 15))
    assert events and events[0].fatalities == 9 and events[0].injuries, events


def test_a_note_s_fatalities_field_is_its_attack_s_toll(pipeline: Pipeline) -> None:
    text = (
        "On 13 April 2025, two Russian ballistic missiles struck the centre of Konotop "
        "(Konotop raion, Sumy oblast). Authorities reported 12 dead that day; on 14 April the "
        "toll was revised to 15, including two children. Fatalities: 15."
    )
    events = _events(pipeline, text, date(2025, 4, 15))
    assert events and events[0].fatalities == 15, events


def test_an_official_s_toll_after_the_writer_s_attack_is_its_toll(pipeline: Pipeline) -> None:
    text = (
        "On 7 May 2022, a Russian aircraft dropped a bomb on the school in Shypylivka "
        "(Sievierodonetsk raion, Luhansk oblast). On 8 May, the governor said 20 people had "
        "been pulled out alive and 40 had been killed."
    )
    events = _events(pipeline, text, date(2022, 5, 9))
    assert events and events[0].fatalities == 40, events


def test_a_toll_that_brings_the_number_to_n_is_the_total(pipeline: Pipeline) -> None:
    text = (
        "On 24 December 2022, Russian forces shelled central Kherson (Kherson raion, Kherson "
        "oblast); ten people were killed and 58 injured. One of the wounded died in hospital on "
        "25 December, bringing the number of dead to 11."
    )
    events = _events(pipeline, text, date(2022, 12, 26))
    assert events and events[0].fatalities == 11, events  # not 10 + 1 + 11
    assert events[0].place and events[0].place.place
    assert events[0].place.place.feature.startswith("PPL")  # "central Kherson": the city


def test_bodies_of_n_people_recovered_are_the_strike_s_dead(pipeline: Pipeline) -> None:
    text = (
        "A Russian drone hit an apartment building in Odesa (Odesa raion, Odesa oblast) on 2 "
        "March 2024. Rescuers worked for two days; by 4 March they had recovered the bodies of "
        "12 people."
    )
    events = _events(pipeline, text, date(2024, 3, 5))
    assert events and events[0].fatalities == 12, events
    assert "mass_grave" not in {e.fw_type for e in events}


def test_search_teams_are_no_peace_cause_and_a_clause_keeps_its_mood(pipeline: Pipeline) -> None:
    text = (
        "A Russian missile hit Mykolaiv on 29 March 2022. Search teams kept pulling bodies from "
        "the ruins, and by 1 April the number of dead had reached 36."
    )
    events = _events(pipeline, text, date(2022, 4, 2))
    assert events and events[0].fatalities == 36, events


def test_the_figure_a_toll_rises_to_beside_the_wounded(pipeline: Pipeline) -> None:
    text = (
        "On 8 April 2022, Russian forces hit the railway station in Pokrovsk with a missile. "
        "The first count was 19 dead; by 10 April the figure had risen to 25, with more than "
        "50 wounded."
    )
    events = _events(pipeline, text, date(2022, 4, 11))
    assert events and events[0].fatalities == 25 and events[0].injuries == 50, events


def test_ground_regained_is_a_retake(pipeline: Pipeline) -> None:
    text = "Ukrainian troops regained Bilozerka on 10 November 2022, the military said."
    events = _events(pipeline, text, date(2022, 11, 11))
    assert events and events[0].fw_type == "retake", events
    assert not _events(pipeline, "The economy regained momentum in March.")


def test_more_bodies_are_added_to_the_toll(pipeline: Pipeline) -> None:
    text = (
        "In the early hours of 1 July 2022, Russian missiles hit an apartment block in Zatoka "
        "(Bilhorod-Dnistrovskyi raion, Odesa oblast). By morning rescuers reported 9 people "
        "killed; two more bodies were recovered from the debris as the search continued."
    )
    events = _events(pipeline, text, date(2022, 7, 2))
    assert events and events[0].fatalities == 11, events
