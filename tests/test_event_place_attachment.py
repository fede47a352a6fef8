"""Which of a sentence's places an event takes (sentences written for this test): a town
named further out beats the country a phrase of the trigger names; an event with no place
of its own takes its sentence's other event's; "?"s standing for characters lost in
encoding do not cut a place off from its event; a bare name that is a city and its
oblast, after a part of a town and "of" or after "near", is the city."""

from __future__ import annotations

from datetime import date

import pytest

from frontwatch.evaluate.events import main_event
from frontwatch.models import Article
from frontwatch.pipeline import Pipeline
from frontwatch.resolve.gazetteer import Gazetteer


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline(Gazetteer.open())


def _main_place(pipeline: Pipeline, text: str) -> str | None:
    article = Article(id="p1", path="p.txt", text=text, language="en", published=date(2022, 9, 3))
    event = main_event(next(pipeline.process([article])).events)
    assert event is not None
    return event.place.place.name if event.place and event.place.place else None


@pytest.mark.parametrize(
    ("text", "place"),
    [
        # the country the shelling's phrase names gives way to the town in it
        ("Kupiansk nurse, wounded in the morning during shelling in Ukraine, dies - governor",
         "Kupyansk"),
        # the destruction's place is the explosion's, named in the same line
        ("Some 90 occupiers were destroyed - Syniehubov reported the details of the explosion"
         " in Balakliia", "Balakliya"),
        # "??" for a lost no-break space: the first of the pair in the area of ...
        ("Artillery hit Ukrainian positions in the area of ??Orikhiv and Hulyaipole - the ministry",
         "Orikhiv"),
    ],
)  # fmt: skip
def test_the_event_takes_the_place_its_sentence_gives(
    pipeline: Pipeline, text: str, place: str
) -> None:
    assert _main_place(pipeline, text) == place


def test_a_country_alone_stays_the_country(pipeline: Pipeline) -> None:
    # nothing finer in the line: the country is kept
    assert _main_place(pipeline, "Shelling from Russia damaged two schools overnight") == "Russia"


@pytest.mark.parametrize(
    ("text", "name", "place"),
    [
        ("Shelling damaged homes in a microdistrict of Mykolaiv", "Mykolaiv", "Mykolayiv"),
        ("Shelling damaged homes in the streets of Kharkiv", "Kharkiv", "Kharkiv"),
        ("Shelling hit the centre of Kherson on Tuesday", "Kherson", "Kherson"),
        ("Shelling hit the center of Chernihiv", "Chernihiv", "Chernihiv"),
        ("Drones struck the suburbs of Zaporizhzhia", "Zaporizhzhia", "Zaporizhzhya"),
        ("Ten residents of Sumy were evacuated after shelling", "Sumy", "Sumy"),
        ("A shell landed on the outskirts of Mykolaiv", "Mykolaiv", "Mykolayiv"),
        ("The mayor of Kherson said two died in the shelling", "Kherson", "Kherson"),
        ("A drone fell on a house near Chernihiv", "Chernihiv", "Chernihiv"),
        # a region word still makes it the oblast
        ("Drones struck the suburbs of Zaporizhzhia Oblast", "Zaporizhzhia Oblast",
         "Zaporizhzhia Oblast"),
    ],
)  # fmt: skip
def test_a_part_of_a_town_names_the_city_not_the_oblast(
    pipeline: Pipeline, text: str, name: str, place: str
) -> None:
    article = Article(id="p2", path="p.txt", text=text, language="en", published=date(2022, 9, 3))
    found = {m.text: m.place.name for m in next(pipeline.process([article])).places if m.place}
    assert found.get(name) == place
