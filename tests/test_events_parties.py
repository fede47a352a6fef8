"""Who acts in notes, logs and headlines (issue 17, fourth pass): two parties named together,
a weapon that decides a killing's kind, plans and interceptions. The texts are written for these
tests (none from demo/articles or the eval corpora)."""

from __future__ import annotations

from datetime import date

import pytest

from frontwatch.export.acled import acled_codes
from frontwatch.lexicons import side_bloc, type_info
from frontwatch.models import Article, Event, Status
from frontwatch.pipeline import Pipeline


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


def _events(pipeline: Pipeline, text: str, published: date = date(2023, 5, 20)) -> list[Event]:
    article = Article(id="t", path="t.txt", text=text, published=published)
    (processed,) = list(pipeline.process([article]))
    return [e for e in processed.events if e.fw_type not in ("statement", "denial")]


def _side(event: Event, which: int = 1) -> str | None:
    actor = event.actor1 if which == 1 else event.actor2
    return side_bloc(actor.side) if actor else None


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
    assert (_side(clash), _side(clash, 2)) == (first, second)


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


def test_a_plan_has_one_side(pipeline: Pipeline) -> None:
    text = (
        "The brigade commander said his men were preparing to fight to recapture Andriivka.\n\n"
        '"There will be fighting for every house," the commander said.'
    )
    plans = [e for e in _events(pipeline, text) if e.fw_type == "clash"]
    assert plans and all(e.status == Status.PLANNED for e in plans)
    assert len({_side(e) for e in plans}) == 1


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
    assert (_side(event), _side(event, 2)) == (attacker, defender)
