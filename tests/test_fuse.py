"""Incidents across articles: grouping, sources and status (contested, corroborated, ...).

The per-article stages are stood in for by hand-built events on the seed texts
(tests/fusekit.py), so these tests pin down fusion itself.
"""

from __future__ import annotations

from datetime import date

import pytest

from frontwatch.fuse import fuse, fuse_store
from frontwatch.fuse.incidents import incident_rules
from frontwatch.models import Place, Status
from frontwatch.store import Store
from frontwatch.store import fusion as tables
from fusekit import (
    BAKHMUT,
    article,
    event,
    luhansk_article,
    mention,
    referendum_article,
)


def _incident_of(fusion, event_id):
    return fusion.incidents.by_event[event_id]


def test_luhansk_statements_form_one_contested_incident():
    p = luhansk_article()
    f = fuse([p.article], p.events, [(p.article.id, m) for m in p.places])
    ids = [e.id for e in p.events]
    mod, office, heday = (_incident_of(f, ids[i]) for i in (1, 2, 3))
    assert mod is office is heday
    assert mod.status == "contested"
    assert mod.sources == [p.article.id]
    # Bakhmut (Donetsk Oblast) is another region: another incident.
    bakhmut = next(e.id for e in p.events if e.place and e.place.text == "Bakhmut")
    assert _incident_of(f, bakhmut) is not mod
    # The breakthrough claim placed in "eastern Uzbekistan" (suspect) locates nothing:
    # it joins the incident on the other claims' place, which stays Luhansk.
    assert _incident_of(f, ids[0]) is mod
    assert f.incidents.details[mod.id]["location"]["admin1"] == "Luhansk"
    assert all(i.summary.find("Uzbekistan") < 0 for i in f.incidents.incidents)


def test_without_the_other_side_the_claim_is_only_claimed():
    p = luhansk_article()
    russian_only = [e for e in p.events if e.claim and e.claim.claimant.side == "RU"]
    f = fuse([p.article], russian_only, [(p.article.id, m) for m in p.places])
    statuses = {i.status for i in f.incidents.incidents}
    assert statuses == {"claimed"}


def test_referendum_result_is_contested_by_western_officials():
    p = referendum_article()
    f = fuse([p.article], p.events, [])
    result, condemned = (_incident_of(f, e.id) for e in p.events)
    assert result is condemned
    assert result.status == "contested"
    assert "denies" in f.incidents.details[result.id]["why"]


def test_suspect_article_flags():
    p = luhansk_article()
    f = fuse([p.article], p.events, [(p.article.id, m) for m in p.places])
    flags = " | ".join(f.flags[p.article.id])
    assert "scattered_places: eastern Uzbekistan" in flags
    assert "garbled_names:" in flags and "Unan" in flags and "Udong" in flags
    assert "Kramatorsk and Kramatorsk" in flags
    clean = article("Troops advanced on Bakhmut and Soledar again and again over the weekend.")
    assert fuse([clean], [], []).flags[clean.id] == []


def _two_reports(second_side: str, second_type: str, same_provenance: bool = False):
    a = article(
        "Reuters could not independently verify the report. Fighting near Bakhmut.",
        published=date(2023, 2, 15),
    )
    b = article(
        "Officials said fighting raged near Bakhmut on Wednesday, AFP said.",
        published=date(2023, 2, 16),
        origin="Reuters" if same_provenance else None,
    )
    ma, mb = mention(a.text, "Bakhmut", BAKHMUT), mention(b.text, "Bakhmut", BAKHMUT)
    ea = event(
        a,
        0,
        "clash",
        "Fighting near Bakhmut.",
        "Fighting",
        side1="RU",
        side2="UA",
        claimant=("Reuters", "UNKNOWN", "outlet"),
        status=Status.HAPPENED,
        place=ma,
        when=date(2023, 2, 15),  # the Wednesday article b reports
    )
    eb = event(
        b,
        0,
        second_type,
        b.text,
        "fighting",
        side1=second_side,
        side2="UA",
        claimant=("Officials", "THIRD", "group"),
        place=mb,
        when=date(2023, 2, 15),
    )
    return fuse([a, b], [ea, eb], [(a.id, ma), (b.id, mb)]), ea, eb


def test_independent_reports_corroborate():
    f, ea, eb = _two_reports("RU", "clash")
    inc = f.incidents.by_event[ea.id]
    assert inc is f.incidents.by_event[eb.id]
    assert inc.status == "corroborated"
    assert len(inc.sources) == 2


def test_same_wire_is_not_independent():
    f, ea, eb = _two_reports("RU", "clash", same_provenance=True)
    inc = f.incidents.by_event[ea.id]
    assert inc is f.incidents.by_event[eb.id]
    assert f.incidents.details[inc.id]["independent_sources"] == 1
    assert inc.status == "claimed"


def test_far_apart_or_other_type_is_not_one_incident():
    f, ea, eb = _two_reports("RU", "referendum")
    assert f.incidents.by_event[ea.id] is not f.incidents.by_event[eb.id]


def test_third_party_intelligence_is_assessed():
    a = article(
        "Units are making slow advances, the U.K. Ministry of Defense said.",
        published=date(2022, 9, 28),
    )
    ev = event(
        a,
        0,
        "advance",
        a.text,
        "advances",
        side1="UA",
        claimant=("U.K. Ministry of Defense", "THIRD", "org"),
        status=Status.ASSESSED,
        channel="intelligence update",
        when=date(2022, 9, 28),
    )
    f = fuse([a], [ev], [])
    assert f.incidents.by_event[ev.id].status == "assessed"


def test_rules_file_groups_cover_known_types():
    from frontwatch.lexicons import taxonomy

    rules = incident_rules()
    for fw_type in rules.group_of_type:
        assert fw_type in taxonomy(), fw_type
    for fw_type in rules.outcomes:
        assert fw_type in taxonomy(), fw_type


def test_fuse_store_writes_incidents_entities_and_flags(tmp_path):
    store = Store(str(tmp_path / "fw.db"))
    p, q = luhansk_article(), referendum_article()
    store.save([p, q])
    n = fuse_store(store)
    assert n == len(store.incidents()) >= 3
    ev = store.event(p.events[3].id)
    assert ev is not None and ev.incident_status == "contested"
    assert ev.claim is not None and ev.claim.claimant is not None
    assert ev.claim.claimant.canonical == "Serhiy Haidai"
    stored = store.article(p.article.id)
    assert stored is not None and any(f.startswith("scattered_places") for f in stored.flags)
    people = {e.canonical for e in tables.entities(store, "person")}
    assert "Serhiy Haidai" in people
    # Fusing again changes nothing.
    before = [(i.id, i.status, i.event_ids) for i in store.incidents()]
    assert fuse_store(store) == n
    assert [(i.id, i.status, i.event_ids) for i in store.incidents()] == before


@pytest.mark.parametrize(
    "relative, other, together", [("D", "D", True), ("D", "D-1", False), ("D", "D-9", False)]
)
def test_relative_times_compare_within_an_article(relative, other, together):
    p = luhansk_article()
    p.events[1].time.relative = relative
    p.events[2].time.relative = other
    f = fuse([p.article], p.events[1:3], [])
    same = f.incidents.by_event[p.events[1].id] is f.incidents.by_event[p.events[2].id]
    assert same is together


# --- commands ------------------------------------------------------------------------


@pytest.fixture()
def fused_db(tmp_path):
    path = str(tmp_path / "fw.db")
    store = Store(path)
    store.save([luhansk_article(), referendum_article()])
    fuse_store(store)
    store.close()
    return path


def _cli(*args: str):
    from typer.testing import CliRunner

    from frontwatch.cli import app

    return CliRunner().invoke(app, list(args))


def test_incidents_command_lists_and_filters(fused_db):
    import json

    result = _cli("incidents", "--db", fused_db, "--json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    contested = [r for r in rows if r["status"] == "contested"]
    assert len(contested) == 2
    only = json.loads(_cli("incidents", "--db", fused_db, "--status", "contested", "--json").output)
    assert [r["incident_id"] for r in only] == [r["incident_id"] for r in contested]
    front = json.loads(_cli("incidents", "--db", fused_db, "--type", "front", "--json").output)
    assert front and all(r["group"] == "front" for r in front)
    assert _cli("incidents", "--db", fused_db).exit_code == 0


def test_incidents_command_rejects_bad_filters(fused_db):
    result = _cli("incidents", "--db", fused_db, "--status", "maybe")
    assert result.exit_code == 2 and "unknown --status" in result.output
    assert "Traceback" not in result.output


def test_show_puts_competing_claims_side_by_side(fused_db):
    import json

    rows = json.loads(_cli("incidents", "--db", fused_db, "--json").output)
    luhansk = next(r for r in rows if r["status"] == "contested" and r["group"] == "front")
    result = _cli("show", luhansk["incident_id"], "--db", fused_db)
    assert result.exit_code == 0, result.output
    out = " ".join(result.output.split())
    assert "RU: Russia" in out and "UA: Ukraine" in out
    assert "Ministry of Defence of Russia" in out and "Serhiy Haidai" in out
    assert "not in line with the facts" in out


def test_entities_command(fused_db):
    import json

    result = _cli("entities", "--db", fused_db, "--kind", "person", "--json")
    assert result.exit_code == 0, result.output
    people = {r["canonical"]: r for r in json.loads(result.output)}
    assert set(people["Serhiy Haidai"]["spellings"]) == {"Heday", "Serhiy Haidai"}
    assert "Heday: listed alias" in people["Serhiy Haidai"]["matched_by"]  # why it joined
    assert _cli("entities", "--db", fused_db, "--kind", "thing").exit_code == 2
    assert _cli("entities", "--db", fused_db).exit_code == 0


def test_bench_fuse_command_runs_small():
    import json

    result = _cli("bench-fuse", "--variants", "120", "--events", "50,100", "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.output[result.output.index("{") :])
    assert report["copies"]["variants"] == 120
    assert report["copies"]["recall"] > 0.9 and report["copies"]["precision"] == 1.0
    assert [g["events"] for g in report["grouping"]] == [50, 100]


def test_show_warns_of_suspect_text(fused_db):
    import json

    rows = json.loads(_cli("incidents", "--db", fused_db, "--json").output)
    luhansk = next(r for r in rows if r["status"] == "contested" and r["group"] == "front")
    assert any(c["article_flags"] for c in luhansk["claims"])
    out = " ".join(_cli("show", luhansk["incident_id"], "--db", fused_db).output.split())
    assert "suspect text: scattered_places" in out


# --- the seeds through the real pipeline (extraction and places as they are) ---------


def test_seed_luhansk_statements_are_one_contested_incident(demo_store):
    events = demo_store.events()
    denial = next(
        e
        for e in events
        if e.fw_type == "denial"
        and e.claim
        and e.claim.claimant
        and e.claim.claimant.canonical == "Serhiy Haidai"
    )
    assert denial.incident_status == "contested"
    members = [e for e in events if e.incident_id == denial.incident_id]
    claimant_sides = {e.claim.claimant.side for e in members if e.claim and e.claim.claimant}
    assert "RU" in claimant_sides and "UA" in claimant_sides
    assert any(e.fw_type == "attack_repelled" for e in members)
    assert len({e.article_id for e in members}) == 1


def test_seed_haidai_spellings_are_one_entity(demo_store):
    people = tables.entities(demo_store, "person")
    haidai = [e for e in people if e.canonical == "Serhiy Haidai"]
    assert len(haidai) == 1
    spellings = set(haidai[0].payload["spellings"])
    assert {"Heday"} <= spellings
    assert any("Gaidai" in s for s in spellings) and any("Haidai" in s for s in spellings)
    assert len(haidai[0].payload["articles"]) == 2


def test_seed_referendum_result_is_contested(demo_store):
    result = next(
        e
        for e in demo_store.events()
        if e.fw_type == "referendum_result"
        and e.claim
        and e.claim.claimant
        and e.claim.claimant.side == "RU"
        and e.incident_id
    )
    assert result.incident_status == "contested"
    incident = demo_store.incident(result.incident_id)
    assert incident is not None
    detail = tables.incident_details(demo_store, [incident.id])[incident.id]
    assert any(c["outcome"] == "deny" and c["claimant_side"] != "RU" for c in detail["claims"])


def test_a_dispute_inside_a_background_event_still_contests():
    """Extraction may type "condemned the referenda as shams ... steps Moscow took in Crimea
    in 2014" as a background capture placed in Crimea; the dispute is what counts."""
    crimea = Place("adm1:UA-43", "Crimea", 45.3, 34.4, "ADM1", "UA", "UA-43")
    p = referendum_article()
    condemned = p.events[1]
    condemned.fw_type, condemned.status = "capture", Status.BACKGROUND
    condemned.place = mention(p.article.text, "Crimea", crimea)
    condemned.time.date_start = condemned.time.date_end = date(2014, 3, 16)
    f = fuse([p.article], p.events, [])
    result = f.incidents.by_event[p.events[0].id]
    assert f.incidents.by_event[condemned.id] is result
    assert result.status == "contested"
    assert f.incidents.details[result.id]["location"] is None  # Crimea places nothing here


def test_planned_and_background_events_join_no_incident():
    p = referendum_article()
    p.events[0].status = Status.PLANNED
    p.events[1].claim.sentence = "Western officials spoke about the vote."
    p.events[1].fw_type, p.events[1].status = "capture", Status.BACKGROUND
    f = fuse([p.article], p.events, [])
    assert f.incidents.by_event == {}
