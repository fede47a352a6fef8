"""Review: corrections, rejections, verifications, merges and splits kept as a log on top
of the machine record, holding through re-ingest, reprocess and new articles; incident
ids that keep resolving; the review API behind the write token."""

from __future__ import annotations

import json
import shutil
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from frontwatch import review as rv
from frontwatch.fuse import fuse_store
from frontwatch.lexicons import load_toml
from frontwatch.models import Place
from frontwatch.review.queue import queue_rules, reasons
from frontwatch.serve import create_app
from frontwatch.store import EventFilter, Store
from frontwatch.store import review as log
from fusekit import luhansk_article, referendum_article

DEMO = Path(__file__).resolve().parents[1] / "demo" / "articles"
TOKEN = "s3cret"

# Synthetic reports (not from any corpus): short wire-style items about villages of the
# seeds' regions and days, so that some join the seeds' incidents and most do not.
PLACES = ["Bilohorivka", "Lysychansk", "Kupiansk", "Izium", "Bakhmut", "Kramatorsk",
          "Sloviansk", "Lyman", "Siversk", "Soledar"]  # fmt: skip
VERBS = [
    ("Russian forces shelled {p} overnight, killing {n} civilians, the regional governor said.",
     "shelling"),
    ("Ukrainian troops repelled an attack near {p}, the General Staff said on Telegram.",
     "attack_repelled"),
    ("Russia's defence ministry said its forces had advanced towards {p}.", "advance"),
    ("A missile hit an apartment block in {p}, emergency services said; {n} people died.",
     "missile_strike"),
]  # fmt: skip


def synthetic_articles(folder: Path, count: int, start: date) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for k in range(count):
        place = PLACES[k % len(PLACES)]
        sentence, _ = VERBS[(k // len(PLACES)) % len(VERBS)]
        day = start + timedelta(days=k % 12)
        text = sentence.format(p=place, n=1 + k % 7)
        body = f" date {day.isoformat()} {text}\n\nReport number {k} of the desk on {place}.\n"
        (folder / f"wire_{k:03d}.txt").write_text(body, "utf-8")


def _api(client: TestClient, path: str, body: dict[str, Any], token: str | None = TOKEN) -> Any:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return client.post(path, json=body, headers=headers)


def _resolves(client: TestClient, incident_ids: list[str]) -> list[str]:
    """The ids that no longer resolve through the API."""
    return [i for i in incident_ids if client.get(f"/api/incidents/{i}").status_code != 200]


def _placed(store: Store) -> list[Any]:
    return [
        ev
        for ev in store.events()
        if ev.place and ev.place.place and ev.fw_type not in ("statement", "denial")
    ]


def test_reviews_hold_through_reingest_reprocess_and_300_new_articles(tmp_path):
    from frontwatch.pipeline import ingest
    from frontwatch.review.reprocess import reprocess_store

    seeds = tmp_path / "seeds"
    shutil.copytree(DEMO, seeds)
    store = Store(str(tmp_path / "fw.db"))
    ingest([seeds], store)
    client = TestClient(create_app(store=store, token=TOKEN))
    placed = _placed(store)
    fix, wrong, good = placed[0], placed[1], placed[2]
    singles = [i for i in store.incidents() if len(i.event_ids) == 1]
    keep_a, keep_b = singles[0], singles[-1]
    # An incident made only of the event rejected below is gone with it (by design).
    ids_seen = [i.id for i in store.incidents() if i.event_ids != [wrong.id]]

    # The API refuses writes without the token ...
    assert _api(client, f"/api/events/{fix.id}/review", {"verify": True}, None).status_code == 401
    assert _api(client, "/api/incidents/merge", {"incidents": [keep_a.id, keep_b.id]}, "bad")\
        .status_code == 401  # fmt: skip
    # ... and takes them with it.
    answer = _api(
        client,
        f"/api/events/{fix.id}/review",
        {"set": {"place": "48.5,37.9", "date": "2022-09-19", "fatalities": "2"},
         "note": "the governor's later report", "by": "ana"},
    )  # fmt: skip
    assert answer.status_code == 200, answer.text
    assert answer.json()["review_status"] == "corrected"
    rv.decide(store, wrong.id, "reject", note="a headline, not an event", by="ana")
    rv.decide(store, good.id, "verify", note="seen in footage", by="bo")
    merged = _api(client, "/api/incidents/merge",
                  {"incidents": [keep_a.id, keep_b.id], "note": "one happening"})  # fmt: skip
    assert merged.status_code == 200, merged.text
    merged_events = set(keep_a.event_ids) | set(keep_b.event_ids)
    older = store.event(sorted(merged_events)[0])
    assert older is not None

    def holds() -> None:
        ev = store.event(fix.id)
        assert ev is not None and ev.review_status == "corrected"
        assert ev.place and ev.place.place and ev.place.place.lat == 48.5
        assert ev.time and ev.time.date_start == date(2022, 9, 19) and ev.fatalities == 2
        assert set(ev.reviewed) == {"place", "date", "fatalities"}
        assert store.event(good.id).review_status == "verified"  # type: ignore[union-attr]
        assert store.event(wrong.id).review_status == "rejected"  # type: ignore[union-attr]
        assert wrong.id not in {e.id for e in store.events()}
        assert wrong.id in {e.id for e in store.events(EventFilter(include_rejected=True))}
        assert wrong.id not in {i for inc in store.incidents() for i in inc.event_ids}
        incidents = {store.event(e).incident_id for e in merged_events}  # type: ignore[union-attr]
        assert len(incidents) == 1
        assert store.incident(keep_a.id).id == store.incident(keep_b.id).id  # type: ignore[union-attr]
        assert not _resolves(client, ids_seen + [keep_a.id, keep_b.id])

    holds()
    ingest([seeds], store)  # re-ingest: nothing new
    holds()
    report = reprocess_store(store)
    assert report.articles == 3
    holds()
    synthetic_articles(tmp_path / "wire", 300, date(2022, 9, 16))
    assert ingest([tmp_path / "wire"], store).stored == 300
    holds()
    ids_seen += [i.id for i in store.incidents()]
    synthetic_articles(tmp_path / "more", 30, date(2022, 9, 18))
    ingest([tmp_path / "more"], store)
    assert not _resolves(client, ids_seen)  # every id of the store still resolves

    entries = client.get("/api/review-log").json()
    assert [e["action"] for e in entries] == ["set", "reject", "verify", "merge"]
    assert all(e["note"] and e["at"] for e in entries)
    assert entries[0]["by"] == "ana" and entries[0]["changes"]["fatalities"]["new"] == 2


@pytest.fixture()
def fused(tmp_path):
    store = Store(str(tmp_path / "fw.db"))
    store.save([luhansk_article(), referendum_article()])
    fuse_store(store)
    return store


def test_undo_puts_the_machine_record_back(fused):
    ev = fused.events()[0]
    before = ev.fw_type
    rv.correct(fused, ev.id, {"type": "shelling"}, note="typo")
    assert fused.event(ev.id).fw_type == "shelling"  # type: ignore[union-attr]
    rv.undo(fused, ev.id, note="no, it was right")
    back = fused.event(ev.id)
    assert back is not None and back.fw_type == before and back.review_status == "machine"
    actions = [e.action for e in log.entries(fused)]
    assert actions == ["set", "undo"]  # the log keeps both


def test_a_review_finds_its_event_again_when_reextraction_changes_its_id(fused):
    p = luhansk_article()
    old_id = p.events[1].id
    rv.decide(fused, old_id, "verify", note="checked")
    before = fused.incidents()
    old_incident = fused.event(old_id).incident_id  # type: ignore[union-attr]
    renamed = {ev.id: ev.id + "-v2" for ev in p.events}
    for ev in p.events:  # a new extraction: other ids, the same triggers
        ev.id = renamed[ev.id]
    fused.replace_article(p)
    log.forget_states(fused, [old_id])
    fuse_store(fused)
    assert fused.event(old_id) is None
    again = fused.event(old_id + "-v2")
    assert again is not None and again.review_status == "verified"
    # The incident's id followed its (renamed) earliest event; the old id is an alias.
    by_event = {e: inc for inc in fused.incidents() for e in inc.event_ids}
    log.record_aliases(fused, before, by_event, renamed)
    found = fused.incident(old_incident)  # type: ignore[arg-type]
    assert found is not None and again.id in found.event_ids


def test_split_takes_events_out_and_keeps_them_out(fused):
    incident = max(fused.incidents(), key=lambda i: len(i.event_ids))
    assert len(incident.event_ids) > 1
    leaving = incident.event_ids[-1]
    rv.split(fused, incident.id, [leaving], note="another attack")
    fuse_store(fused)
    assert fused.event(leaving).incident_id != fused.event(incident.event_ids[0]).incident_id  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("date", "2022-13-01", "YYYY-MM-DD"),
        ("date", "2022-09-05..2022-09-01", "ends before"),
        ("type", "teleport", "unknown type"),
        ("sides", "RU,MARS", "unknown side"),
        ("status", "maybe", "unknown status"),
        ("fatalities", "many", "whole number"),
        ("place", "95,10", "latitude"),
    ],
)
def test_bad_values_say_what_is_wrong(fused, field, value, message):
    ev = fused.events()[0]
    with pytest.raises(rv.ReviewError, match=message):
        rv.correct(fused, ev.id, {field: value})
    assert log.entries(fused) == []


class _Gazetteer:
    def lookup(self, name: str) -> list[Place]:
        return [Place("t:k", "Kupiansk", 49.71, 37.61, "PPL", "UA", "UA-63")] if name else []


def test_place_by_name_and_sides_and_actors(fused):
    ev = fused.events()[0]
    rv.correct(fused, ev.id, {"place": "Kupiansk"}, gazetteer=_Gazetteer())
    rv.correct(fused, ev.id, {"sides": "UA,RU", "actors": "Kharkiv brigade;Wagner"})
    got = fused.event(ev.id)
    assert got is not None and got.place and got.place.place.name == "Kupiansk"  # type: ignore[union-attr]
    assert got.actor1 and got.actor1.side == "UA" and got.actor1.name == "Kharkiv brigade"
    assert got.actor2 and got.actor2.side == "RU" and got.actor2.name == "Wagner"


def test_every_queue_rule_is_used(fused):
    from frontwatch.models import PlaceMention

    rules = load_toml("review.toml")["queue"]
    q = queue_rules()
    types = set(load_toml("taxonomy.toml")["types"])
    assert set(q.type_weight) <= types and set(rules["low_confidence_types"]) <= types
    ev = fused.events()[0]
    ev.incident_status = "contested"
    for fw_type in rules["low_confidence_types"]:
        ev.fw_type = fw_type
        assert f"low-confidence type: {fw_type}" in reasons(ev, [], 2, q)
    found = reasons(ev, ["garbled_names: Unan"], 1, q)
    assert "contested" in found and "suspect text: garbled_names" in found
    for precision, feature in (("region", "ADM1"), ("country", "PCLI")):
        assert precision in rules["coarse_precision"]
        ev.place = PlaceMention(0, 1, "x", place=Place("x", "Somewhere", 1, 1, feature, "UA"))
        assert any(r.startswith("coarse place") for r in reasons(ev, [], 2, q))


def test_queue_puts_the_deadliest_first_and_leaves_reviewed_out(fused):
    from frontwatch.review.queue import review_queue

    first = review_queue(fused)
    assert first
    rv.correct(fused, first[-1]["event_id"], {"fatalities": "40"})
    rows = review_queue(fused)
    assert rows[0]["event_id"] == first[-1]["event_id"]
    rv.decide(fused, rows[0]["event_id"], "verify")
    assert rows[0]["event_id"] not in {r["event_id"] for r in review_queue(fused)}


def _cli(*args: str):
    from typer.testing import CliRunner

    from frontwatch.cli import app

    return CliRunner().invoke(app, list(args))


def test_cli_review_log_merge_and_export(fused, tmp_path):
    db = fused.url.removeprefix("sqlite:///")
    ev = fused.events()[0]
    result = _cli("review", ev.id, "--reject", "--note", "duplicate", "--by", "cy", "--db", db)
    assert result.exit_code == 0, result.output
    shown = _cli("show", ev.id, "--db", db).output
    assert "rejected" in shown and "review #1" in shown and "duplicate" in shown
    out = _cli("review-log", "--json", "--db", db)
    rows = json.loads(out.stdout)
    assert rows[0]["by"] == "cy" and rows[0]["note"] == "duplicate"
    exported = _cli("export", "--format", "jsonl", "--db", db).stdout.splitlines()
    assert ev.id not in {json.loads(line)["event_id"] for line in exported}
    exported = _cli("export", "--format", "jsonl", "--include-rejected", "--db", db)
    statuses = {json.loads(r)["event_id"]: json.loads(r)["review_status"]
                for r in exported.stdout.splitlines()}  # fmt: skip
    assert statuses[ev.id] == "rejected"
    a, b = [i.id for i in fused.incidents()][:2]
    assert _cli("incidents", "merge", a, b, "--note", "same", "--db", db).exit_code == 0
    assert _cli("show", a, "--db", db).exit_code == 0
    assert _cli("show", b, "--db", db).exit_code == 0  # the joined one resolves too
    bad = _cli("review", "nope", "--verify", "--db", db)
    assert bad.exit_code != 0 and "no event" in bad.output


def test_articles_lists_and_redate_asks_for_a_path_of_many(tmp_path):
    feed = tmp_path / "two.jsonl"
    feed.write_text(
        json.dumps({"text": "Troops shelled Kupiansk on Monday.", "published": "2022-09-12"})
        + "\n"
        + json.dumps({"text": "Fighting near Lyman continued.", "published": "2022-09-13"})
        + "\n",
        "utf-8",
    )
    db = str(tmp_path / "fw.db")
    assert _cli("ingest", str(feed), "--db", db).exit_code == 0
    listed = json.loads(_cli("articles", "--json", "--db", db).stdout)
    assert len(listed) == 2 and {r["published"] for r in listed} == {"2022-09-12", "2022-09-13"}
    refused = _cli("redate", str(feed), "2022-09-20", "--db", db)
    assert refused.exit_code != 0 and "--all" in refused.output
    assert _cli("redate", listed[0]["article_id"], "2022-09-20", "--db", db).exit_code == 0
    assert _cli("redate", str(feed), "2022-09-21", "--all", "--db", db).exit_code == 0
    after = json.loads(_cli("articles", "--json", "--db", db).stdout)
    assert {r["published"] for r in after} == {"2022-09-21"}


def test_api_split_and_merge_need_the_token_and_old_ids_resolve(fused):
    client = TestClient(create_app(store=fused, token=TOKEN))
    incident = max(fused.incidents(), key=lambda i: len(i.event_ids))
    body = {"events": [incident.event_ids[-1]], "note": "two attacks"}
    path = f"/api/incidents/{incident.id}/split"
    assert _api(client, path, body, None).status_code == 401
    assert _api(client, path, {"events": ["nope"]}).status_code == 422
    assert _api(client, path, body).status_code == 200
    a, b = sorted(fused.incidents(), key=lambda i: i.id)[:2]
    assert _api(client, "/api/incidents/merge", {"incidents": [a.id, b.id]}).status_code == 200
    for old in (a.id, b.id, incident.id):
        assert client.get(f"/api/incidents/{old}").status_code == 200
    readonly = TestClient(create_app(store=fused, token=""))
    assert _api(readonly, path, body).status_code == 403
    assert client.get("/api/review/queue").status_code == 200


def test_incidents_filter_by_review_status(fused):
    client = TestClient(create_app(store=fused, token=TOKEN))
    incident = fused.incidents()[0]
    for event_id in incident.event_ids:
        assert _api(client, f"/api/events/{event_id}/review", {"verify": True}).status_code == 200
    rows = client.get("/api/incidents", params={"review": "verified"}).json()["items"]
    assert [r["id"] for r in rows] == [incident.id]
    assert client.get("/api/incidents", params={"review": "nonsense"}).status_code == 422
