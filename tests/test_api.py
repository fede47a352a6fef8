"""The HTTP API over a hand-built store: filters, pagination, evidence spans, OpenAPI, writes."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from frontwatch.cli import app as cli_app
from frontwatch.lexicons import taxonomy
from frontwatch.serve import create_app
from frontwatch.store import Store
from serve_sample import XSS, build_store

TOKEN = "s3cret-token"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    built = build_store(tmp_path_factory.mktemp("api") / "sample.db")
    yield built
    built.close()


@pytest.fixture(scope="module")
def client(store: Store) -> TestClient:
    return TestClient(create_app(store=store, token=""))


def all_events(client: TestClient, **params: Any) -> list[dict[str, Any]]:
    response = client.get("/api/events", params={"limit": 1000, **params})
    assert response.status_code == 200, response.text
    return list(response.json()["items"])


# --- reading events ----------------------------------------------------------------


def test_events_lists_every_stored_event_in_date_order(client: TestClient, store: Store) -> None:
    rows = all_events(client)
    assert len(rows) == len(store.events()) == 7
    dates = [r["date_start"] for r in rows]
    assert dates == sorted(dates)


def test_event_rows_use_the_export_columns(client: TestClient) -> None:
    from frontwatch.export import EVENT_COLUMNS

    row = all_events(client)[0]
    assert list(row) == EVENT_COLUMNS


@pytest.mark.parametrize(
    ("params", "keep"),
    [
        ({"side": "ua"}, lambda r: r["actor1_side"] == "UA"),
        ({"status": "claimed"}, lambda r: r["status"] == "claimed"),
        ({"since": "2022-09-24"}, lambda r: r["date_end"] >= "2022-09-24"),
        ({"until": "2022-09-21"}, lambda r: r["date_start"] <= "2022-09-21"),
        ({"bbox": "35,45,40,50"}, lambda r: 35 <= r["longitude"] <= 40),
        ({"q": "Lyman"}, lambda r: "Lyman" in r["evidence"]),
    ],
)
def test_each_filter_keeps_exactly_the_matching_events(
    client: TestClient, params: dict[str, str], keep: Any
) -> None:
    everything = all_events(client)
    expected = [r["event_id"] for r in everything if keep(r)]
    got = [r["event_id"] for r in all_events(client, **params)]
    assert got == expected
    assert 0 < len(got) < len(everything)


def test_type_filter_takes_an_acled_event_type(client: TestClient) -> None:
    battles = {n for n, info in taxonomy().items() if info["acled_event_type"] == "Battles"}
    rows = all_events(client, type="Battles")
    assert rows and {r["fw_type"] for r in rows} <= battles
    assert len(rows) == sum(r["fw_type"] in battles for r in all_events(client))


def test_bbox_around_ukraine_leaves_brussels_out(client: TestClient) -> None:
    locations = {r["location"] for r in all_events(client, bbox="22,44,41,53")}
    assert "Brussels" not in locations and "Kyiv" in locations


def test_pages_cover_the_list_once(client: TestClient) -> None:
    everything = [r["event_id"] for r in all_events(client)]
    seen: list[str] = []
    offset: int | None = 0
    while offset is not None:
        page = client.get("/api/events", params={"limit": 3, "offset": offset}).json()
        assert len(page["items"]) <= 3
        seen += [r["event_id"] for r in page["items"]]
        offset = page["next_offset"]
    assert seen == everything


@pytest.mark.parametrize(
    ("params", "words"),
    [
        ({"side": "XX"}, "unknown side"),
        ({"status": "rumoured"}, "unknown status"),
        ({"type": "picnic"}, "unknown type"),
        ({"bbox": "1,2"}, "bbox"),
        ({"bbox": "40,50,30,45"}, "bbox"),
        ({"since": "2022-10-01", "until": "2022-09-01"}, "since is after until"),
        ({"since": "yesterday"}, "date"),
        ({"limit": "0"}, "greater than"),
        ({"limit": "100000"}, "less than"),
    ],
)
def test_bad_filters_are_a_422_that_says_why(
    client: TestClient, params: dict[str, str], words: str
) -> None:
    response = client.get("/api/events", params=params)
    assert response.status_code == 422
    assert words in response.text


def test_one_event_points_back_to_its_sentence(client: TestClient, store: Store) -> None:
    row = all_events(client, q="Lyman", status="claimed")[0]
    body = client.get(f"/api/events/{row['event_id']}").json()
    article = store.article(body["event"]["article_id"])
    assert article is not None
    event = body["event"]
    assert article.text[event["evidence_start"] : event["evidence_end"]] == event["evidence"]
    assert body["detail"]["trigger"] == "captured"
    marked = {m["kind"]: event["evidence"][m["start"] : m["end"]] for m in body["marks"]}
    assert marked["trigger"] == "captured" and marked["place"] == "Lyman"
    assert marked["date"] == "on Wednesday"
    assert body["article"]["outlet"] == "Reuters"
    assert event["unverified"] is True


def test_unknown_ids_are_404(client: TestClient) -> None:
    for path in ("/api/events/nope", "/api/incidents/nope", "/api/articles/nope"):
        response = client.get(path)
        assert response.status_code == 404
        assert "nope" in response.json()["detail"]


def test_geojson_has_one_point_per_event(client: TestClient) -> None:
    response = client.get("/api/events.geojson")
    assert response.headers["content-type"].startswith("application/geo+json")
    collection = response.json()
    assert collection["type"] == "FeatureCollection"
    by_place = {f["properties"]["location"]: f for f in collection["features"]}
    assert len(collection["features"]) == 7
    assert by_place["Brussels"]["geometry"]["coordinates"] == [4.3488, 50.8505]
    filtered = client.get("/api/events.geojson", params={"side": "THIRD"}).json()
    assert [f["properties"]["actor1_side"] for f in filtered["features"]] == ["THIRD"]


# --- incidents, articles, entities ---------------------------------------------------


def test_incident_puts_competing_claims_in_side_columns(client: TestClient) -> None:
    (listed,) = client.get("/api/incidents").json()["items"]
    assert listed["status"] == "contested" and listed["n_events"] == 2
    assert listed["sides"] == ["RU", "UA"]
    view = client.get(f"/api/incidents/{listed['id']}").json()
    columns = {c["side"]: c["claims"] for c in view["columns"]}
    assert set(columns) == {"UA", "RU"}
    assert [c["status"] for c in columns["RU"]] == ["claimed"]
    assert [c["status"] for c in columns["UA"]] == ["failed"]
    assert "repelled" in columns["UA"][0]["evidence"]
    assert columns["RU"][0]["claimed_by"] == "Russian Ministry of Defence"


def test_articles_are_paginated_with_a_total(client: TestClient) -> None:
    first = client.get("/api/articles", params={"limit": 5}).json()
    assert first["total"] == 7 and len(first["items"]) == 5 and first["next_offset"] == 5
    rest = client.get("/api/articles", params={"limit": 5, "offset": 5}).json()
    assert len(rest["items"]) == 2 and rest["next_offset"] is None
    assert all(a["n_events"] == 1 for a in first["items"] + rest["items"])


def test_article_spans_mark_places_people_dates_and_triggers(client: TestClient) -> None:
    (row,) = all_events(client, q="Bilohorivka")
    view = client.get(f"/api/articles/{row['article_id']}").json()
    text = view["text"]
    marked = {(s["kind"], text[s["start"] : s["end"]]) for s in view["spans"]}
    assert ("place", "Bilohorivka") in marked
    assert ("person", "Serhiy Haidai") in marked
    assert ("date", "on Tuesday") in marked
    assert ("trigger", "shelled") in marked
    evidence = [s for s in view["spans"] if s["kind"] == "evidence"]
    assert [text[s["start"] : s["end"]] for s in evidence] == [row["evidence"]]
    assert evidence[0]["event_id"] == row["event_id"]


def test_article_text_comes_back_verbatim_for_the_page_to_escape(client: TestClient) -> None:
    (row,) = all_events(client, q="shot down")
    view = client.get(f"/api/articles/{row['article_id']}").json()
    assert XSS in view["text"] and XSS in view["title"]


def test_entities_have_spellings_and_counts(client: TestClient) -> None:
    found = client.get("/api/entities", params={"limit": 1000}).json()["items"]
    by_name = {(e["name"], e["kind"]): e for e in found}
    lyman = by_name[("Lyman", "place")]
    assert lyman["count"] == 2 and lyman["spellings"] == ["Lyman"]
    mod = by_name[("Russian Ministry of Defence", "org")]
    assert mod["spellings"] == ["Russia's defence ministry"] and mod["side"] == "RU"
    people = client.get("/api/entities", params={"kind": "person"}).json()["items"]
    assert [e["name"] for e in people] == ["Serhiy Haidai"]


def test_meta_offers_the_filter_vocabulary(client: TestClient) -> None:
    meta = client.get("/api/meta").json()
    assert {"UA", "RU", "RU-INST", "THIRD"} <= set(meta["sides"])
    assert "claimed" in meta["statuses"] and "shelling" in meta["types"]
    assert meta["counts"] == {"articles": 7, "events": 7, "incidents": 1}
    assert meta["writable"] is False


# --- OpenAPI --------------------------------------------------------------------------


def test_openapi_describes_every_api_route(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert spec["openapi"].startswith("3.")
    assert spec["info"]["title"] == "frontwatch"
    routes = {
        (method.lower(), route.path)
        for route in client.app.routes  # type: ignore[attr-defined]
        if getattr(route, "path", "").startswith("/api/")
        for method in getattr(route, "methods", ())
    }
    documented = {(m, p) for p, ops in spec["paths"].items() for m in ops}
    assert routes and routes <= documented
    params = {p["name"] for p in spec["paths"]["/api/events"]["get"]["parameters"]}
    assert {"side", "type", "status", "since", "until", "bbox", "q", "limit", "offset"} <= params
    for path, ops in spec["paths"].items():
        for method, op in ops.items():
            assert op.get("summary"), f"{method} {path} has no summary"
            assert any(code.startswith("2") for code in op["responses"]), path
    assert client.get("/docs").status_code == 200


# --- writes -----------------------------------------------------------------------------


@pytest.fixture()
def writable(tmp_path: Path) -> Iterator[TestClient]:
    built = build_store(tmp_path / "w.db")
    yield TestClient(create_app(store=built, token=TOKEN, max_upload=2000))
    built.close()


def post(client: TestClient, body: bytes, token: str | None = TOKEN, **params: str) -> Any:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return client.post("/api/ingest", content=body, headers=headers, params=params)


def test_writes_are_disabled_without_a_token(client: TestClient) -> None:
    response = post(client, b"Some text.", filename="a.txt")
    assert response.status_code == 403
    assert "FRONTWATCH_TOKEN" in response.json()["detail"]


def test_token_comes_from_the_environment(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FRONTWATCH_TOKEN", TOKEN)
    env_client = TestClient(create_app(store=store))
    assert env_client.get("/api/meta").json()["writable"] is True
    assert post(env_client, b"x", token="wrong", filename="a.txt").status_code == 401


@pytest.mark.parametrize(
    ("body", "params", "code", "words"),
    [
        (b"x" * 2001, {"filename": "big.txt"}, 413, "upload limit"),
        (b"  \n ", {"filename": "a.txt"}, 400, "empty upload"),
        (b"Some text.", {"filename": "a.exe"}, 415, "unsupported file type"),
        (b"<rss><channel></channel></rss>", {"filename": "f.rss"}, 400, "f.rss"),
        (b"Some text.", {"filename": "a.txt", "date": "soon"}, 422, "date"),
    ],
)
def test_bad_uploads_get_a_clear_4xx(
    writable: TestClient, body: bytes, params: dict[str, str], code: int, words: str
) -> None:
    response = post(writable, body, **params)
    assert response.status_code == code, response.text
    assert words in response.text
    assert writable.get("/api/meta").json()["counts"]["articles"] == 7  # nothing lost or added


def test_wrong_token_is_401(writable: TestClient) -> None:
    assert post(writable, b"Some text.", token="nope", filename="a.txt").status_code == 401
    assert post(writable, b"Some text.", token=None, filename="a.txt").status_code == 401


def test_an_uploaded_article_is_stored_once(writable: TestClient) -> None:
    text = (
        b" date 2022-10-05 Ukrainian forces recaptured the village of Davydiv Brid "
        b"in Kherson region, the governor said on Telegram.\n"
    )
    first = post(writable, text, filename="davydiv.txt")
    assert first.status_code == 201, first.text
    (article_id,) = first.json()["article_ids"]
    view = writable.get(f"/api/articles/{article_id}").json()
    assert view["file"] == "upload:davydiv.txt" and view["published"] == "2022-10-05"
    again = post(writable, text, filename="davydiv.txt")
    assert again.status_code == 200 and again.json()["stored"] == 0
    assert writable.get("/api/meta").json()["counts"]["articles"] == 8


# --- the commands -------------------------------------------------------------------------


def test_serve_refuses_a_missing_database(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli_app, ["serve", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 2
    assert "no such database" in " ".join(result.output.split())
    assert not (tmp_path / "none.db").exists()


def test_serve_and_report_refuse_a_file_that_is_no_database(tmp_path: Path) -> None:
    bad = tmp_path / "notes.db"
    bad.write_text("not a database, just notes\n" * 100)
    for args in (["serve"], ["report", "-o", str(tmp_path / "r.html")]):
        result = CliRunner().invoke(cli_app, [*args, "--db", str(bad)])
        assert result.exit_code == 2, result.output
        assert "cannot open database" in " ".join(result.output.split())
        assert "Traceback" not in result.output
    assert bad.read_text().startswith("not a database")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_serve_command_answers_on_its_port(store: Store) -> None:
    port = free_port()
    db = store.url.removeprefix("sqlite:///")
    env = {k: v for k, v in os.environ.items() if k != "FRONTWATCH_TOKEN"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "frontwatch", "serve", "--db", db, "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    try:
        body = None
        for _ in range(100):
            try:
                body = httpx.get(f"http://127.0.0.1:{port}/api/meta", timeout=2).json()
                break
            except httpx.TransportError:
                time.sleep(0.2)
        assert body is not None, "frontwatch serve did not answer"
        assert body["counts"]["events"] == 7 and body["writable"] is False
    finally:
        proc.terminate()
        proc.wait(timeout=10)
