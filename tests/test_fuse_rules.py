"""Every entry of the fuse data files, exercised: origins, groups and topics, outcomes,
dispute cues, idiom exceptions (incident_rules.toml); titles and spellings
(the [matching] section of actors.toml)."""

from __future__ import annotations

from datetime import date

import pytest

from frontwatch.fuse import fuse
from frontwatch.fuse.copies import canonical_service, named_origin
from frontwatch.fuse.entities import org_key, person_key
from frontwatch.fuse.incidents import ArticleContext, incident_rules, make_item
from frontwatch.fuse.suspect import repeated_phrases, suspect_rules
from frontwatch.lexicons import load_toml
from frontwatch.models import Actor, Claim, Event, Status
from fusekit import article, event

RULES = load_toml("incident_rules.toml")
MATCHING = load_toml("actors.toml")["matching"]
WIRES = [s for e in load_toml("outlets.toml").values() if e.get("wire") for s in e["spellings"]]


@pytest.mark.parametrize("service", WIRES)
@pytest.mark.parametrize("pattern", RULES["origins"]["patterns"])
def test_every_origin_pattern_names_every_service(service, pattern):
    phrase = pattern.replace("{service}", service).replace("\\(", "(").replace("\\)", ")")
    phrase = phrase.replace("(?:the )?", "the ")
    text = f"Officials said troops advanced, {phrase} on Tuesday."
    found = named_origin(text)
    assert found is not None and found == canonical_service(service)


def _ev(
    fw_type: str,
    sentence: str,
    status: Status = Status.CLAIMED,
    side1: str = "RU",
    side2: str = "UA",
    claimant_side: str = "UA",
) -> Event:
    return Event(
        "e",
        "a",
        fw_type,
        "x",
        0,
        1,
        status=status,
        actor1=Actor("forces", side1),
        actor2=Actor("forces", side2),
        claim=Claim(0, len(sentence), sentence, Actor("official", claimant_side)),
    )


CTX = ArticleContext("a", "article:a", date(2023, 2, 15))


@pytest.mark.parametrize(
    "group, fw_type", [(g, t) for g, v in RULES["groups"].items() for t in v["types"]]
)
def test_every_grouped_type_is_in_its_group(group, fw_type):
    assert make_item(_ev(fw_type, "Forces moved."), CTX, None, incident_rules()).group == group


@pytest.mark.parametrize(
    "group, cue", [(g, c) for g, v in RULES["groups"].items() for c in v["topics"]]
)
def test_every_topic_cue_places_a_denial(group, cue):
    rules = incident_rules()
    item = make_item(_ev("denial", f"They said the {cue} report is wrong."), CTX, None, rules)
    assert item.group == group


@pytest.mark.parametrize(
    "fw_type, outcome, favours",
    [
        (t, o, {"gain": "RU", "hold": "RU", "loss": "UA", "deny": "UA"}[o])
        for t, o in RULES["outcomes"].items()
        if isinstance(o, str)
    ],
)
def test_every_outcome(fw_type, outcome, favours):
    item = make_item(_ev(fw_type, "Forces moved."), CTX, None, incident_rules())
    assert (item.outcome, item.beneficiary) == (outcome, favours)


@pytest.mark.parametrize("status, outcome", list(RULES["outcomes"]["by_status"].items()))
def test_every_status_outcome(status, outcome):
    item = make_item(_ev("clash", "Forces moved.", Status(status)), CTX, None, incident_rules())
    expected = {"deny": ("deny", "UA"), "hold_other": ("hold", "UA")}[outcome]
    assert (item.outcome, item.beneficiary) == expected


@pytest.mark.parametrize("cue", RULES["disputes"]["cues"])
def test_every_dispute_cue_contests_a_claim(cue):
    a = article(
        f"Russia said 98% voted yes in the referendum. Kyiv called the vote {cue} today.",
        published=date(2022, 9, 28),
    )
    result = event(
        a,
        0,
        "referendum_result",
        "Russia said 98% voted yes in the referendum.",
        "voted",
        side1="RU",
        claimant=("Russia", "RU", "government"),
        when=date(2022, 9, 27),
    )
    said = event(
        a,
        1,
        "statement",
        f"Kyiv called the vote {cue} today.",
        "called",
        claimant=("Kyiv", "UA", "government"),
    )
    f = fuse([a], [result, said], [])
    assert f.incidents.by_event[result.id].status == "contested"


@pytest.mark.parametrize("word", suspect_rules().repeat_exceptions)
def test_idioms_are_not_doubled_phrases(word):
    assert repeated_phrases(f"Troops came {word} and {word} to the river.", suspect_rules()) == []
    assert repeated_phrases("access to Kramatorsk and Kramatorsk, two towns", suspect_rules())


@pytest.mark.parametrize("title", MATCHING["normalise"]["honorifics"])
def test_every_title_is_dropped_from_names(title):
    assert person_key(f"Kharkiv {title.title()} Oleh Synehubov") == "oleh synehubov"


@pytest.mark.parametrize("word, same", list(MATCHING["normalise"]["spelling"].items()))
def test_every_spelling_is_merged(word, same):
    assert org_key(f"Central {word} committee") == org_key(f"Central {same} committee")
