"""The one JSON form of the models: what the store, exports and API write and read."""

from __future__ import annotations

import json
from datetime import date

from frontwatch.models import (
    Actor,
    ActorKind,
    Article,
    Claim,
    DateSource,
    Event,
    Incident,
    IncidentStatus,
    Place,
    PlaceFlag,
    PlaceMention,
    PlaceRole,
    ProcessedArticle,
    Quantity,
    Status,
    Tense,
    TimeBasis,
    TimeExpr,
    TimePrecision,
    from_jsonable,
    to_jsonable,
)


def _event() -> Event:
    place = Place("gn:1", "Izium", 49.2, 37.3, "PPLA2", "UA", "UA-63", 1, 45000)
    return Event(
        id="e1",
        article_id="a1",
        fw_type="shelling",
        trigger="shelled",
        trigger_start=10,
        trigger_end=17,
        status=Status.CLAIMED,
        actor1=Actor("Russian forces", "RU", "force", "Armed Forces of Russia", None, 0, 14),
        actor2=None,
        place=PlaceMention(21, 26, "Izium", place=place, flags=["suspect_far"], sent=0),
        time=TimeExpr(30, 39, "on Monday", date(2022, 9, 12), date(2022, 9, 12), relative="D-1"),
        quantities=[Quantity(3.0, "bodies", "three", "at least", 40, 45)],
        claim=Claim(0, 60, "Russian forces shelled Izium.", hedges=["reportedly"], unverified=True),
        fatalities=3,
    )


def test_a_model_survives_json_and_back() -> None:
    event = _event()
    data = json.loads(json.dumps(to_jsonable(event)))  # what a JSON column stores
    assert from_jsonable(Event, data) == event


def test_the_json_form_is_plain() -> None:
    data = to_jsonable(_event())
    assert data["status"] == "claimed"  # an enum as its value
    assert data["time"]["date_start"] == "2022-09-12"  # a date as ISO text
    assert data["actor2"] is None
    assert data["place"]["place"]["lat"] == 49.2
    assert data["quantities"][0]["qualifier"] == "at least"


def test_tuples_dicts_and_absent_fields() -> None:
    article = Article(
        id="a1", path="x.txt", text="KYIV - text", published=date(2022, 3, 1),
        date_source=DateSource.DATELINE, dateline_span=(0, 4), flags=["copy_of: a0"],
    )  # fmt: skip
    processed = ProcessedArticle(article, sentences=[(0, 11)], extra={"k": [1, 2]})
    back = from_jsonable(ProcessedArticle, to_jsonable(processed))
    assert back.article.dateline_span == (0, 4)
    assert back.article.date_source is DateSource.DATELINE
    assert back.extra == {"k": [1, 2]}
    data = to_jsonable(Incident("i1", "corroborated", ["e1"]))
    del data["summary"]  # a field added later is missing from old rows: its default
    assert from_jsonable(Incident, data) == Incident("i1", "corroborated", ["e1"])


def test_closed_sets_come_back_as_their_enums() -> None:
    """Stored strings decode to enum members, and an enum member is written as its value."""
    event = from_jsonable(Event, json.loads(json.dumps(to_jsonable(_event()))))
    assert event.actor1 is not None and event.actor1.kind is ActorKind.FORCE
    assert event.place is not None and event.place.role is PlaceRole.LOCATION
    assert event.place.flags == [PlaceFlag.SUSPECT_FAR]
    assert isinstance(event.place.flags[0], PlaceFlag)
    assert event.time is not None and event.time.precision is TimePrecision.DAY
    assert event.time.tense is Tense.PAST
    assert event.time_basis is TimeBasis.REPORTED_BY
    incident = from_jsonable(Incident, {"id": "i", "status": "contested"})
    assert incident.status is IncidentStatus.CONTESTED
    assert json.dumps(to_jsonable(incident)).count('"contested"') == 1


def test_a_value_outside_a_closed_set_is_refused() -> None:
    import pytest

    with pytest.raises(ValueError):
        from_jsonable(TimeExpr, {"start": 0, "end": 1, "text": "x", "precision": "fortnight"})
