"""Issue 17, ninth pass: places of log lines and records (unit brackets, hashtags, typed
arrows, capitals titles, banners, the record's field over a river or a country), the
assault a defence repelled, later deaths and bodies, back references. Every text is written
for these tests (none from demo/articles, the eval corpora or the blind sets)."""

from __future__ import annotations

from datetime import date

import pytest

from eventkit import reported_events
from frontwatch.lexicons import side_bloc
from frontwatch.models import Event, Status
from frontwatch.pipeline import Pipeline
from styles_kit import sub_event_type

PUBLISHED = date(2024, 6, 10)
DAY = date(2024, 6, 8)


def _main(pipeline: Pipeline, text: str) -> Event:
    events = reported_events(pipeline, text, PUBLISHED)
    assert events, text
    return events[0]


def _place(event: Event) -> tuple[str | None, str | None]:
    place = event.place.place if event.place else None
    return (place.name, place.admin1) if place else (None, None)


@pytest.mark.parametrize(
    ("text", "name", "admin1"),
    [
        # an oblast named with a lowercase "oblast" though its name has many namesakes
        (
            "A Shahed drone hit a warehouse in Kostopil (Rivne oblast) on 8 June.",
            "Kostopil",
            "UA-56",
        ),
        # a town tagged as a person, vouched for by the unit in brackets after it
        (
            "Krasnaya Yaruga (Belgorod oblast, Russia), 8 June 2024: the governor said "
            "Ukrainian shelling damaged a school.",
            "Krasnaya Yaruga",
            "RU-BEL",
        ),
        # "rn" is a raion: the town before it, not the raion's namesake town
        (
            "Lancet (RU) hit UA howitzer nr Vysokopillia, Beryslav rn | 08.06.2024 | #Kherson",
            "Vysokopillya",
            "UA-65",
        ),
        # a post's hashtag of a war-zone town
        (
            "#Rylsk #KurskObl 08/06/2024 night: UA drone downed over a grain elevator, "
            "no casualties",
            "Ryl’sk",
            "RU-KRS",
        ),
        # typed arrows and spaced slashes part a log's fields
        (
            "Kupyansk -> 08.06.2024 ~14:00 -> RU MLRS on the town centre -> 2 civ WIA",
            "Kupyansk",
            "UA-63",
        ),
        ("2024-06-08 / Shostka (Sumy obl.) / RU drone strike on a car / 1 KIA", "Shostka", "UA-59"),
    ],
)
def test_a_log_line_s_town(pipeline: Pipeline, text: str, name: str, admin1: str) -> None:
    assert _place(_main(pipeline, text)) == (name, admin1)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a record's title in capitals before its town
        (
            "CIVILIAN HARM - BILOPILLIA (SUMY OBLAST) - 8 JUNE 2024\n"
            "Russian forces shelled the town centre in the afternoon. A man was wounded.",
            "Bilopillia",
        ),
        (
            "INCIDENT 2024/06/08 - KOVEL (Volyn oblast)\nWeapon: Shahed-type drones (Russia)\n"
            "Outcome: a warehouse burnt down",
            "Kovel",
        ),
        # a banner line above the record's own header line
        (
            "=== SHELLING LOG: KURSK OBLAST (RU) ===\nTetkino | 08 Jun 2024 | shelling by "
            "Ukrainian forces\nHarm: one woman injured",
            "Tëtkino",
        ),
        # the field's town, not the reservoir the fire came over
        (
            "Date: 8 June 2024\nLocation: Marhanets, Dnipropetrovsk oblast\nType: Artillery "
            "shelling\nNarrative: Russian forces shelled the town from across the Kakhovka "
            "reservoir; two houses were damaged.",
            "Marhanets",
        ),
        # "Village:" is a place field; "Drone" in a field is no village Drany
        (
            "Date: 8 June 2024\nVillage: Prykolotne (Kupiansk raion, Kharkiv oblast)\n"
            "Type: Drone strike\nHarm: a tractor driver injured",
            "Prykolotne",
        ),
    ],
)
def test_a_record_s_town(pipeline: Pipeline, text: str, name: str) -> None:
    event = _main(pipeline, text)
    assert _place(event)[0] == name
    assert event.time is not None and event.time.date_start == DAY


def test_the_assault_a_defence_repelled_is_the_attacker_s(pipeline: Pipeline) -> None:
    text = (
        "Ukrainian paratroopers dug in near Kurdiumivka repelled an assault by Russian "
        "motorised infantry on 8 June 2024."
    )
    events = reported_events(pipeline, text, PUBLISHED)
    assert len(events) == 1
    assert side_bloc(events[0].actor1.side if events[0].actor1 else None) == "RU"


def test_a_place_header_is_no_subject(pipeline: Pipeline) -> None:
    text = (
        "Melitopol (Zaporizhzhia): On 8 June 2024, Russian soldiers detained a schoolteacher "
        "and took him to an unknown location."
    )
    event = _main(pipeline, text)
    assert event.actor1 is not None and event.actor1.name == "Russian soldiers"


def test_soldiers_firing_on_a_car_attack_civilians(pipeline: Pipeline) -> None:
    text = (
        "On 8 June 2024, Russian soldiers at a roadblock near Vasylivka opened fire on a car "
        "with two residents, killing one of them."
    )
    event = _main(pipeline, text)
    assert sub_event_type(event) == "Attack"
    assert event.fatalities == 1


def test_a_participle_after_the_comma_is_the_main_clause_s(pipeline: Pipeline) -> None:
    text = (
        "On 8 June 2024, Russian soldiers fired on a van carrying a couple trying to reach "
        "Zaporizhzhia, killing the driver."
    )
    event = _main(pipeline, text)
    assert event.status == Status.HAPPENED and event.fatalities == 1


@pytest.mark.parametrize(
    ("text", "dead"),
    [
        # a death among the wounded of a killing told before
        (
            "On 8 June 2024, Russian soldiers opened fire on a minibus near Vasylivka, killing "
            "the driver and wounding two passengers. One of the passengers died in hospital "
            "three days later.",
            2,
        ),
        # "that attack" points back: no new event between the attack and its later dead
        (
            "On 7 June 2024 Russian artillery shelled Kurakhove, the head of the town "
            "administration said. Three people were wounded. On 9 June he said a man wounded "
            "in that attack had died.",
            1,
        ),
        # a surname the story gave a person is no respelled village
        (
            "On 7 June 2024 Russian artillery shelled Kurakhove, the head of the town "
            "administration Roman Padun said. Three people were wounded. On 9 June Padun "
            "reported that a man wounded in the shelling had died.",
            1,
        ),
        # the body of another person found later is one more dead
        (
            "On 7 June 2024, a Russian glide bomb hit a house in Velykyi Burluk. Police said a "
            "woman was killed; the body of her son was recovered from the ruins the next day.",
            2,
        ),
        # "were reported killed": the reporting verb's subject is the dead
        (
            "On 7 June 2024, a Russian missile hit a hotel in Kramatorsk. Two people were "
            "reported killed and six injured.",
            2,
        ),
        # the dead of strikes "earlier in the month" are not this strike's
        (
            "On 7 June 2024, Russian drones struck Velykyi Burluk, killing a man. Drone attacks "
            "on the village earlier in the month had killed three people.",
            1,
        ),
    ],
)
def test_the_toll(pipeline: Pipeline, text: str, dead: int) -> None:
    assert _main(pipeline, text).fatalities == dead


def test_the_attack_an_accusation_charges(pipeline: Pipeline) -> None:
    text = (
        "The Russian-installed mayor accused the Ukrainian army of a drone attack on a market "
        "in Kakhovka on 7 June 2024."
    )
    event = _main(pipeline, text)
    assert event.fw_type == "air_strike"
    assert side_bloc(event.actor1.side if event.actor1 else None) == "UA"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # "Summary:" is a field label, no village Samary
        (
            "Date: 2024-06-08\nLocation: Myrhorod\nOblast: Poltava\nType: Missile strike\n"
            "Summary: A Russian missile hit a warehouse on the edge of the town; one guard was "
            "injured.",
            "Myrhorod",
        ),
        # a place field vouches for its town under a title line
        (
            "CIVILIAN HARM RECORD - KHARKIV OBLAST\nDate: 2024-06-08\nLocation: Bohodukhiv\n"
            "Summary: A Russian glide bomb hit a street in the afternoon. Two women were injured.",
            "Bohodukhiv",
        ),
        # a header of an oblast, then its town
        (
            "KHARKIV OBLAST | ZOLOCHIV\nDate: 2024-06-08\nSummary: Russian artillery hit a "
            "residential street in the morning.",
            "Zolochiv",
        ),
        # a header line with a label; a table's rows are a record's fields
        (
            "Record: Zhytomyr city, 7 June 2024\nType: Russian drone attack on an industrial "
            "site\nDamage: roof of a workshop",
            "Zhytomyr",
        ),
        (
            "| Field | Value |\n|---|---|\n| Date | 7 Jun 2024 |\n| Place | Okhtyrka, Sumy "
            "oblast |\n| Type | Drone strike |",
            "Okhtyrka",
        ),
    ],
)
def test_a_record_s_field_town(pipeline: Pipeline, text: str, name: str) -> None:
    assert _place(_main(pipeline, text))[0] == name


@pytest.mark.parametrize(
    ("text", "name", "sub"),
    [
        # "no casualty data" negates the harm, not the line
        (
            "2024-06-08 | VASYLIVKA (occ., Zaporizhzhia obl) | UA drone strike on RU barracks, "
            "fire visible | no casualty data",
            "Vasylivka",
            "Air/drone strike",
        ),
        # an IED that detonates
        (
            "MELITOPOL (occ.) | 08.06.2024 | IED under car of occupation official detonates "
            "→ 1 KIA",
            "Melitopol",
            "Remote explosive/landmine/IED",
        ),
        # a header closed by a square bracket, by an ISO date, a hashtag tagged as money
        (
            "VELYKA PYSARIVKA [Sumy obl] — 2024-06-08 — RU mortars from across border → 1 WIA",
            "Velyka Pysarivka",
            "Shelling/artillery/missile attack",
        ),
        (
            "KRAMATORSK 2024-06-08 — RU missile on city centre, café hit → 2 KIA, 9 WIA",
            "Kramatorsk",
            "Shelling/artillery/missile attack",
        ),
        ("#Bilopillia #Sumy 2024-06-08 RU FPV on a car → 1 KIA", "Bilopillia", "Air/drone strike"),
    ],
)
def test_a_log_line_s_event(pipeline: Pipeline, text: str, name: str, sub: str) -> None:
    event = _main(pipeline, text)
    assert _place(event)[0] == name
    assert sub_event_type(event) == sub
    assert side_bloc(event.actor1.side if event.actor1 else None) == "RU" or "UA drone" in text


def test_the_fighting_a_brigade_reports_is_the_battle_told_before(pipeline: Pipeline) -> None:
    text = (
        "On 7 June 2024, Ukrainian forces attacked Russian positions near Staromaiorske "
        "(Volnovakha raion, Donetsk). A Ukrainian brigade later said that three of its "
        "soldiers were killed in the fighting."
    )
    events = reported_events(pipeline, text, PUBLISHED)
    assert len(events) == 1 and events[0].fatalities == 3


@pytest.mark.parametrize(
    ("text", "dead", "injured"),
    [
        # "the blast" is the bomb's: no explosion of its own takes the toll
        (
            "On 7 June 2024, Russian aircraft dropped a glide bomb on Velykyi Burluk. Two "
            "residents were injured; the blast destroyed a pharmacy.",
            None,
            2,
        ),
        # the remains of a house are no bodies; the tenant's body is a dead of the shelling
        (
            "Rescuers in Nikopol spent the morning pulling apart the remains of a house "
            "destroyed by Russian shelling late on 7 June 2024. The body of its 80-year-old "
            "tenant was found under the debris.",
            1,
            None,
        ),
        # "both of them"; a road named after a city is no place
        (
            "On 7 June 2024, Russian soldiers opened fire on two women walking along the "
            "Kharkiv highway in Tsyrkuny, killing both of them.",
            2,
            None,
        ),
    ],
)
def test_one_strike_and_its_harm(
    pipeline: Pipeline, text: str, dead: int | None, injured: int | None
) -> None:
    events = reported_events(pipeline, text, PUBLISHED)
    assert len(events) == 1, events
    assert (events[0].fatalities, events[0].injuries) == (dead, injured)
    assert _place(events[0])[0] != "Kharkiv"


@pytest.mark.parametrize(
    "text",
    [
        "On 7 June 2024, Russian soldiers in occupied Kamianka-Dniprovska seized grain and two "
        "trucks from a farm and drove them away towards Crimea.",
        "On 7 June 2024, Russian servicemen loaded computers and furniture from the school in "
        "Oleshky onto trucks.",
    ],
)
def test_property_taken_is_looting(pipeline: Pipeline, text: str) -> None:
    event = _main(pipeline, text)
    assert sub_event_type(event) == "Looting/property destruction"
    assert not [e for e in reported_events(pipeline, text, PUBLISHED) if e.fw_type == "advance"]


def test_the_weapon_named_under_the_target_s_town(pipeline: Pipeline) -> None:
    text = (
        "Russian forces struck a warehouse in Kremenchuk (Kremenchuk raion, Poltava) with "
        "Shahed-type drones on 7 June 2024."
    )
    assert sub_event_type(_main(pipeline, text)) == "Air/drone strike"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a date tagged into a name is no part of it, nor a person's name
        (
            "#Kherson #Nova_Kakhovka 2024-06-08 — footage shows UA drones hitting RU positions "
            "in Krynky on the left bank",
            "Krynky",
        ),
        ("08.06.2024 Svatove (occ. Luhansk): UA HIMARS strike on RU ammo depot", "Svatove"),
        # "2 UA KIA" is no village; a capitals field after the post's hashtag is its town
        (
            "#Zaporizhzhia | 2024-06-08 | VASYLIVKA: RU drone drops munition on UA trench, "
            "footage shows 2 UA KIA",
            "Vasylivka",
        ),
        # "no casualties reported" names no one who reports
        (
            "BOGUCHAR / 2024-06-08 / UA drone attack on an oil depot / fire / no casualties "
            "reported",
            "Boguchar",
        ),
        # a flag raised in a reduced passive
        ("🇺🇦 UA flag raised over STAROMAIORSKE (Volnovakha r-n) — 2024-06-08", "Staromaiorske"),
    ],
)
def test_a_log_line_s_town_and_report(pipeline: Pipeline, text: str, name: str) -> None:
    event = _main(pipeline, text)
    assert _place(event)[0] == name


def test_the_dead_a_log_counts_are_the_victims_not_the_attackers(pipeline: Pipeline) -> None:
    event = _main(pipeline, "KUPIANSK | 2024-06-08 | RU drone on trench, 2 UA KIA")
    assert event.fatalities == 2
    assert side_bloc(event.actor1.side if event.actor1 else None) == "RU"


@pytest.mark.parametrize(
    ("text", "sub"),
    [
        (
            "Police said that on 7 June 2024 a tractor set off a mine left in a field at "
            "Kurylivka. The driver was killed.",
            "Remote explosive/landmine/IED",
        ),
        (
            "Russian troops fired on a car of evacuees near Vovchansk on 7 June 2024, killing "
            "the driver.",
            "Attack",
        ),
        (
            "A grenade was thrown at the office of an occupation official in Tokmak on 7 June "
            "2024.",
            "Grenade",
        ),
        (
            "The ombudsman said on 9 June 2024 that occupation forces had taken a schoolteacher "
            "from her home in Skadovsk on 7 June. Her family has not been told where she is "
            "held.",
            "Abduction/forced disappearance",
        ),
    ],
)
def test_the_kind_of_violence(pipeline: Pipeline, text: str, sub: str) -> None:
    assert sub_event_type(_main(pipeline, text)) == sub


@pytest.mark.parametrize(
    ("text", "name", "sub"),
    [
        # "r-n" is one word, a raion; "geoconfirmed" is the line's status, not its verb
        (
            "15.06.2024 // STAROMAIORSKE (Volnovakha r-n, Donetsk obl) -> liberated by UA 68th "
            "Bde, geoconfirmed",
            "Staromaiorske",
            "Government regains territory",
        ),
        (
            "SVATOVE (occ. Luhanska obl.) | 2024-06-03 | UA HIMARS strike on RU barracks | RU "
            "losses unknown | src: RU milbloggers, geoconfirmed",
            "Svatove",
            "Shelling/artillery/missile attack",
        ),
        # "not yet geoconfirmed" negates the check, not the report
        (
            "🔴 Vovchansk, Kharkiv obl // 3 Jun 2024 // RU shelling of the town centre // src: "
            "local TG, not yet geoconfirmed",
            "Vovchansk",
            "Shelling/artillery/missile attack",
        ),
        # a record on one line, its fields parted by semicolons; "key=value" fields; bullets
        (
            "Date: 3 June 2024; Location: Bilopillia, Sumy oblast; Incident type: drone strike "
            "on a bakery; Perpetrator: Russian forces; Casualties: 1 killed",
            "Bilopillia",
            "Air/drone strike",
        ),
        (
            "record=SU-24-0101 ; date=2024-06-03 ; settlement=Krasnopillia (Sumy raion, Sumy "
            "oblast) ; weapon=glide bomb ; actor=RU ; killed=1",
            "Krasnopillya",
            "Air/drone strike",
        ),
        (
            "- date: 3 June 2024\n- settlement: Kupiansk, Kharkiv oblast\n- attacker: Russian "
            "artillery\n- killed: 1",
            "Kupyansk",
            "Shelling/artillery/missile attack",
        ),
        # an abduction in an occupied town is a conflict event
        (
            "Residents of occupied Skadovsk said armed men took a farmer from his house on 3 "
            "June 2024; his family has not been told where he is held.",
            "Skadovsk",
            "Abduction/forced disappearance",
        ),
    ],
)
def test_a_log_s_or_record_s_event(pipeline: Pipeline, text: str, name: str, sub: str) -> None:
    event = _main(pipeline, text)
    assert (_place(event)[0], sub_event_type(event)) == (name, sub)


def test_a_station_attendant_killed_is_one_dead(pipeline: Pipeline) -> None:
    text = (
        "A Ukrainian drone struck a filling station in Rylsk on 3 June 2024, killing a station "
        "attendant."
    )
    assert _main(pipeline, text).fatalities == 1
