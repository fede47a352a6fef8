"""Grouping rules that mean "the same happening", corroboration that needs one place and
day, tallies linked not merged, analysts' merges and splits, ids that stay."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from frontwatch.fuse import fuse
from frontwatch.fuse.incidents import (
    ArticleContext,
    Overrides,
    build_incidents,
    incident_rules,
)
from frontwatch.fuse.items import is_tally
from frontwatch.lexicons import load_toml
from frontwatch.models import Actor, Claim, Event, Place, PlaceMention, Status, TimeExpr

RULES = load_toml("incident_rules.toml")
# Invented places (not the gazetteer's): two villages 8 km apart, a town 60 km away,
# and the region around them.
VILLAGE_A = Place("t:a", "Avdiyka", 47.00, 35.00, "PPL", "UA", "Z", None)
VILLAGE_B = Place("t:b", "Borivka", 47.00, 35.105, "PPL", "UA", "Z", None)
TOWN_FAR = Place("t:c", "Chornovo", 47.54, 35.00, "PPL", "UA", "Z", None)
REGION = Place("t:z", "Zed Oblast", 47.20, 35.20, "ADM1", "UA", "Z", None)
DAY = date(2022, 9, 10)


def _event(
    n: int,
    sentence: str,
    place: Place | None,
    day: date | None = DAY,
    *,
    fw_type: str = "shelling",
    claimant: str | None = None,
    claimant_side: str = "UA",
    side1: str = "RU",
    article: str | None = None,
    reported: bool = False,
) -> Event:
    time = None
    if day:
        time = TimeExpr(0, 1, "x", None if reported else day, day, "day")
    return Event(
        id=f"e{n:03d}",
        article_id=article or f"a{n:03d}",
        fw_type=fw_type,
        trigger="shelled",
        trigger_start=0,
        trigger_end=7,
        status=Status.CLAIMED,
        actor1=Actor("troops", side1),
        actor2=Actor("troops", "UA" if side1 == "RU" else "RU"),
        place=PlaceMention(0, 1, place.name, place=place) if place else None,
        time=time,
        claim=Claim(
            0,
            len(sentence),
            sentence,
            Actor(claimant, claimant_side, "org") if claimant else None,
        ),
    )


def _contexts(events: list[Event], provenance: dict[str, str] | None = None):
    start = datetime(2024, 1, 1)
    out = {}
    for k, ev in enumerate(sorted(events, key=lambda e: e.id)):
        prov = (provenance or {}).get(ev.article_id, f"article:{ev.article_id}")
        out[ev.article_id] = ArticleContext(
            ev.article_id, prov, ev.time.date_end if ev.time else DAY, stored=start + timedelta(k)
        )
    return out


def _incidents(events: list[Event], **kw):
    return build_incidents(events, _contexts(events, kw.pop("provenance", None)), **kw)


def _together(result, a: Event, b: Event) -> bool:
    return result.by_event[a.id] is result.by_event[b.id]


@pytest.mark.parametrize("cue", RULES["tallies"]["cues"])
def test_every_tally_cue_marks_a_tally(cue):
    sentence = f"Officials said troops shelled the oblast{cue}the villages were hit."
    assert is_tally(_event(0, sentence, REGION), incident_rules())


def test_a_single_shelling_is_no_tally():
    assert not is_tally(_event(0, "Troops shelled Avdiyka at night.", VILLAGE_A), incident_rules())


def test_daily_reports_across_a_week_are_not_one_incident():
    events = [
        _event(k, f"Troops shelled Avdiyka, report {k}.", VILLAGE_A, DAY + timedelta(k))
        for k in range(7)
    ]
    result = _incidents(events)
    assert len(result.incidents) == 7  # no chain from day to day


def test_reports_of_one_day_and_the_next_join_when_dated_by_their_report():
    # Known only by its report: on or shortly before it (D-1..D), so D and D+1 overlap.
    a = _event(1, "Troops shelled Avdiyka.", VILLAGE_A, DAY, reported=True)
    b = _event(2, "Avdiyka was shelled.", VILLAGE_A, DAY + timedelta(1), reported=True)
    c = _event(3, "Avdiyka shelled again.", VILLAGE_A, DAY + timedelta(2), reported=True)
    result = _incidents([a, b, c])
    assert _together(result, a, b)
    assert not _together(result, a, c)  # b and c overlap too, but a and c do not


@pytest.mark.parametrize(
    "other, together",
    [(VILLAGE_A, True), (VILLAGE_B, False), (TOWN_FAR, False), (REGION, True)],
)
def test_same_settlement_or_a_distance_fitting_both_precisions(other, together):
    a = _event(1, "Troops shelled Avdiyka.", VILLAGE_A)
    b = _event(2, "Troops shelled the place.", other)
    assert _together(_incidents([a, b]), a, b) is together


def test_a_region_event_joins_no_two_settlements_apart():
    a = _event(1, "Troops shelled Avdiyka.", VILLAGE_A)
    r = _event(2, "Troops shelled the oblast.", REGION)
    c = _event(3, "Troops shelled Chornovo.", TOWN_FAR)
    result = _incidents([a, r, c])
    assert not _together(result, a, c)


def test_two_independent_sources_at_one_settlement_and_day_corroborate():
    a = _event(1, "Troops shelled Avdiyka.", VILLAGE_A, claimant="Regional governor")
    b = _event(2, "Avdiyka was shelled, police said.", VILLAGE_A, claimant="Police")
    result = _incidents([a, b])
    incident = result.by_event[a.id]
    assert incident.status == "corroborated"
    assert "Avdiyka" in result.details[incident.id]["why"]


def test_one_claimant_relayed_by_two_outlets_is_not_corroborated():
    a = _event(1, "Troops shelled Avdiyka, the governor said.", VILLAGE_A, claimant="Governor")
    b = _event(2, "Avdiyka was shelled, the governor said.", VILLAGE_A, claimant="Governor")
    result = _incidents([a, b])
    assert _together(result, a, b)
    assert result.by_event[a.id].status == "claimed"


def test_the_same_wire_is_one_source():
    a = _event(1, "Troops shelled Avdiyka.", VILLAGE_A, claimant="Governor")
    b = _event(2, "Avdiyka was shelled.", VILLAGE_A, claimant="Police")
    wire = {"a001": "wire:reuters", "a002": "wire:reuters"}
    result = _incidents([a, b], provenance=wire)
    assert result.by_event[a.id].status == "claimed"


def test_sources_agreeing_only_on_a_region_do_not_corroborate():
    a = _event(1, "Troops shelled the oblast.", REGION, claimant="Governor")
    b = _event(2, "The oblast was shelled.", REGION, claimant="Police")
    result = _incidents([a, b])
    incident = result.by_event[a.id]
    assert _together(result, a, b)
    assert incident.status == "claimed"
    assert "region" in result.details[incident.id]["why"]


def test_a_tally_is_linked_to_what_it_sums_not_merged():
    a = _event(1, "Troops shelled Avdiyka.", VILLAGE_A, claimant="Governor")
    b = _event(2, "Troops shelled Borivka.", VILLAGE_B, claimant="Governor")
    toll = _event(3, "Troops shelled the oblast 40 times in a day.", REGION, claimant="Governor")
    result = _incidents([a, b, toll])
    tally = result.by_event[toll.id]
    assert tally is not result.by_event[a.id] and tally is not result.by_event[b.id]
    assert set(result.details[tally.id]["sums"]) == {
        result.by_event[a.id].id,
        result.by_event[b.id].id,
    }
    assert result.details[result.by_event[a.id].id]["summed_by"] == [tally.id]


def test_the_id_stays_as_an_incident_grows_and_the_older_survives_a_join():
    a = _event(1, "Troops shelled Avdiyka.", VILLAGE_A, DAY, reported=True)
    c = _event(3, "Avdiyka shelled.", VILLAGE_A, DAY + timedelta(2), reported=True)
    first = _incidents([a, c])
    assert not _together(first, a, c)
    # A later report overlapping both would bridge them: still the same id for a's part.
    b = _event(2, "Avdiyka shelled again.", VILLAGE_A, DAY + timedelta(1), reported=True)
    grown = _incidents([a, b, c])
    assert grown.by_event[a.id].id == first.by_event[a.id].id


def test_an_analysts_merge_and_split_hold():
    a = _event(1, "Troops shelled Avdiyka.", VILLAGE_A)
    b = _event(2, "Troops shelled Chornovo.", TOWN_FAR)
    merged = _incidents([a, b], overrides=Overrides(together=[frozenset({a.id, b.id})]))
    assert _together(merged, a, b)
    assert merged.by_event[a.id].id == _incidents([a]).by_event[a.id].id  # the older id
    c = _event(3, "Avdiyka was shelled.", VILLAGE_A)
    split = Overrides(apart=[(frozenset({c.id}), frozenset({a.id}))])
    result = _incidents([a, c], overrides=split)
    assert not _together(result, a, c)


def test_seed_luhansk_stays_contested_with_the_real_pipeline(demo_store):
    contested = [i for i in demo_store.incidents() if i.status == "contested"]
    assert any("Luhansk" in i.summary for i in contested)


def test_fuse_passes_store_order_to_ids():
    a = _event(1, "Troops shelled Avdiyka.", VILLAGE_A)
    b = _event(2, "Avdiyka was shelled.", VILLAGE_A)
    from frontwatch.models import Article

    arts = [Article(e.article_id, "x", e.claim.sentence, published=DAY) for e in (a, b)]
    early = {"a002": datetime(2024, 1, 1), "a001": datetime(2024, 1, 2)}
    result = fuse(arts, [a, b], [], ingested=early)
    only_b = fuse(arts[1:], [b], [], ingested=early)
    assert result.incidents.by_event[a.id].id == only_b.incidents.by_event[b.id].id


def test_tallies_of_one_day_do_not_corroborate_each_other():
    a = _event(1, "Troops shelled Avdiyka 12 times in a day.", VILLAGE_A, claimant="Governor")
    b = _event(2, "Avdiyka was shelled 9 times in a day.", VILLAGE_A, claimant="Police")
    result = _incidents([a, b])
    assert _together(result, a, b)
    assert result.by_event[a.id].status == "claimed"


def test_one_sentence_reposted_word_for_word_is_one_report():
    a = _event(1, "Troops shelled Avdiyka at night.", VILLAGE_A)
    b = _event(2, "Troops shelled Avdiyka at night.", VILLAGE_A)
    result = _incidents([a, b])
    assert _together(result, a, b)
    assert result.by_event[a.id].status == "claimed"
