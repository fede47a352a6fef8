"""The one query layer and its two callers: the API answers 422 and the CLI exits
non-zero for the same bad filters; every list endpoint pages the same way; the server
refuses foreign Hosts, sends its security headers and serves its docs offline."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from frontwatch import query
from frontwatch.cli import app as cli_app
from frontwatch.serve import create_app
from frontwatch.store import Store
from serve_sample import build_store

LISTS = ("/api/events", "/api/incidents", "/api/entities", "/api/articles")


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Store, Path]]:
    path = tmp_path_factory.mktemp("query") / "sample.db"
    store = build_store(path)
    yield store, path
    store.close()


@pytest.fixture(scope="module")
def client(db: tuple[Store, Path]) -> TestClient:
    return TestClient(create_app(store=db[0], token="s3cret"))


def cli(*args: str) -> Any:
    return CliRunner().invoke(cli_app, list(args))


# --- the query layer ----------------------------------------------------------------


@pytest.mark.parametrize(
    "kwargs",
    [
        {"side": "XX"},
        {"status": "bogus"},
        {"type_": "picnic"},
        {"since": "2022-10-01", "until": "2022-09-01"},
        {"since": "yesterday"},
        {"region": "Atlantis"},
        {"language": "english!"},
        {"review": "approved"},  # no review vocabulary registered yet
    ],
)
def test_bad_filters_are_value_errors(kwargs: dict[str, str]) -> None:
    with pytest.raises(ValueError):
        query.parse_filters(**kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize(("limit", "offset"), [(0, 0), (query.MAX_PAGE + 1, 0), (10, 2**63)])
def test_pages_out_of_range_are_value_errors(limit: int, offset: int) -> None:
    with pytest.raises(ValueError):
        query.parse_page(limit, offset)


def test_incident_types_take_a_group_but_event_types_do_not() -> None:
    assert query.parse_filters(type_="front", scope="incidents").type_name == "front"
    with pytest.raises(ValueError):
        query.parse_filters(type_="front")


def test_incident_title_says_what_where_when_and_whose_word(db: tuple[Store, Path]) -> None:
    (row,) = query.incident_list(db[0])
    assert row["title"] == "Capture, Lyman, 21 September 2022: contested (RU vs UA)"


# --- the API ----------------------------------------------------------------------------


@pytest.mark.parametrize("path", LISTS)
def test_every_list_answers_total_and_one_list_and_pages_alike(
    client: TestClient, path: str
) -> None:
    whole = client.get(path, params={"limit": 1000}).json()
    assert isinstance(whole["items"], list) and whole["total"] == len(whole["items"]) > 0
    seen: list[Any] = []
    offset: int | None = 0
    while offset is not None:
        page = client.get(path, params={"limit": 2, "offset": offset}).json()
        assert page["total"] == whole["total"] and len(page["items"]) <= 2
        seen += page["items"]
        offset = page["next_offset"]
    assert seen == whole["items"]


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/api/events", {"side": "XX"}),
        ("/api/events", {"since": "2022-13-45"}),
        ("/api/events", {"limit": "5000"}),
        ("/api/events", {"status": "bogus"}),
        ("/api/events", {"offset": str(2**63)}),
        ("/api/events", {"offset": str(2**64)}),
        ("/api/incidents", {"status": "happened"}),  # an event status, not an incident's
        ("/api/incidents", {"type": "foo"}),
        ("/api/entities", {"kind": "planet"}),
        ("/api/articles", {"limit": "0"}),
        ("/api/articles", {"until": "later"}),
    ],
)
def test_bad_requests_are_422_in_one_shape(
    client: TestClient, path: str, params: dict[str, str]
) -> None:
    response = client.get(path, params=params)
    assert response.status_code == 422, response.text
    body = response.json()
    assert list(body) == ["detail"] and isinstance(body["detail"], str) and body["detail"]


def test_incidents_and_entities_filter(client: TestClient) -> None:
    contested = client.get("/api/incidents", params={"status": "contested"}).json()
    assert contested["total"] == 1
    assert client.get("/api/incidents", params={"status": "claimed"}).json()["total"] == 0
    assert client.get("/api/incidents", params={"side": "THIRD"}).json()["total"] == 0
    assert client.get("/api/incidents", params={"side": "RU"}).json()["total"] == 1
    people = client.get("/api/entities", params={"kind": "person"}).json()
    assert [e["kind"] for e in people["items"]] == ["person"] * people["total"]
    spelled = client.get("/api/entities", params={"q": "haidai"}).json()["items"]
    assert [e["name"] for e in spelled] == ["Serhiy Haidai"]


def test_region_filter_keeps_events_of_that_oblast(client: TestClient) -> None:
    everything = client.get("/api/events", params={"limit": 1000}).json()["items"]
    kept = client.get("/api/events", params={"region": "Kharkiv"}).json()
    assert kept["total"] == sum(r["admin1_code"] == "Kharkiv" for r in everything) >= 1
    assert {r["location"] for r in kept["items"]} == {"Izium"}


def test_openapi_documents_4xx_answers(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    for path in LISTS:
        answers = spec["paths"][path]["get"]["responses"]
        assert "422" in answers
        schema = answers["422"]["content"]["application/json"]["schema"]
        assert schema["$ref"].endswith("/Problem")
    assert {"401", "403", "413", "415"} <= set(spec["paths"]["/api/ingest"]["post"]["responses"])
    assert "404" in spec["paths"]["/api/events/{event_id}"]["get"]["responses"]


@pytest.mark.parametrize("page", ["/docs", "/redoc"])
def test_docs_reference_nothing_outside_the_server(client: TestClient, page: str) -> None:
    html = client.get(page).text
    refs = re.findall(r'(?:src|href|spec-url)="([^"]+)"', html)
    assert refs and all(r.startswith("/") and not r.startswith("//") for r in refs), refs
    for ref in refs:
        assert client.get(ref).status_code == 200, ref
    assert "<script>" not in html.replace(" ", "")  # no inline script: the CSP forbids it


# --- issue 22: bad requests are 4xx, never 500 ------------------------------------------


def test_non_ascii_authorization_is_401_not_500(client: TestClient) -> None:
    for raw in (b"Bearer caf\xc3\xa9", b"Bearer \xff\xfe", "Bearer s3cr\xe9t".encode("latin-1")):
        response = client.post(
            "/api/ingest",
            content=b"Some text.",
            params={"filename": "a.txt"},
            headers=[(b"authorization", raw)],
        )
        assert response.status_code == 401, (raw, response.text)


def test_security_headers_on_every_answer(client: TestClient) -> None:
    for path in ("/", "/api/meta", "/api/events?side=XX", "/docs", "/api/nope"):
        headers = client.get(path).headers
        assert headers["x-content-type-options"] == "nosniff", path
        csp = headers["content-security-policy"]
        assert "frame-ancestors 'none'" in csp and "script-src 'self'" in csp, path
        assert "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]


def test_a_foreign_host_is_refused(client: TestClient) -> None:
    """A DNS-rebinding page reaches 127.0.0.1 under its own name: its Host is foreign."""
    assert client.get("/api/meta", headers={"Host": "attacker.example"}).status_code == 400
    assert client.get("/api/meta", headers={"Host": "attacker.example:8000"}).status_code == 400
    for own in ("127.0.0.1:8000", "localhost:8000", "localhost"):
        assert client.get("/api/meta", headers={"Host": own}).status_code == 200, own


def test_allowed_hosts_come_from_the_environment(
    db: tuple[Store, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FRONTWATCH_ALLOWED_HOSTS", "desk.lan")
    named = TestClient(create_app(store=db[0], token=""))
    assert named.get("/api/meta", headers={"Host": "desk.lan:8000"}).status_code == 200
    assert named.get("/api/meta", headers={"Host": "other.lan"}).status_code == 400


# --- the CLI: the same validation --------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["events", "--status", "bogus"],
        ["incidents", "--type", "foo"],
        ["events", "--since", "2022-10-01", "--until", "2022-09-01"],
        ["events", "--region", "Atlantis"],
        ["events", "--limit", "0"],
        ["export", "--side", "XX"],
    ],
)
def test_cli_refuses_what_the_api_refuses(db: tuple[Store, Path], args: list[str]) -> None:
    result = cli(*args, "--db", str(db[1]))
    assert result.exit_code != 0
    assert "Traceback" not in result.output and "error:" in result.output


@pytest.mark.parametrize("command", ["events", "incidents", "entities", "show", "export"])
def test_read_commands_refuse_a_missing_database_and_create_nothing(
    tmp_path: Path, command: str
) -> None:
    args = [command, "abc"] if command == "show" else [command]
    result = cli(*args, "--db", str(tmp_path / "missing" / "x.db"))
    assert result.exit_code != 0 and "no such database" in " ".join(result.output.split())
    assert not (tmp_path / "missing").exists()


def test_version() -> None:
    from frontwatch import __version__

    result = cli("--version")
    assert result.exit_code == 0 and result.output.strip() == f"frontwatch {__version__}"


def test_events_limit_region_and_text(db: tuple[Store, Path]) -> None:
    rows = json.loads(cli("events", "--db", str(db[1]), "--json").output)
    two = json.loads(cli("events", "--db", str(db[1]), "--json", "--limit", "2").output)
    assert two == rows[:2]
    lyman = json.loads(cli("events", "--db", str(db[1]), "--json", "--q", "Lyman").output)
    assert lyman and all("Lyman" in r["evidence"] for r in lyman)
    kharkiv = json.loads(cli("events", "--db", str(db[1]), "--json", "--region", "Kharkiv").output)
    assert [r["location"] for r in kharkiv] == ["Izium"]


def test_output_dash_is_stdout(db: tuple[Store, Path], tmp_path: Path, monkeypatch: Any) -> None:
    monkeypatch.chdir(tmp_path)
    result = cli("export", "--db", str(db[1]), "--format", "csv", "-o", "-")
    assert result.exit_code == 0 and result.output.startswith("event_id,")
    assert not (tmp_path / "-").exists()


# --- sources: the article's address travels with its events -------------------------------


def test_an_ingested_url_is_in_the_csv_export(tmp_path: Path) -> None:
    import csv
    import io

    url = "https://news.example.org/2022/10/05/davydiv-brid"
    line = {
        "text": "Ukrainian forces recaptured the village of Davydiv Brid in Kherson region, "
        "the governor said on Tuesday.",
        "date": "2022-10-05",
        "url": url,
        "title": "Village retaken",
    }
    source = tmp_path / "feed.jsonl"
    source.write_text(json.dumps(line) + "\n", encoding="utf-8")
    db = str(tmp_path / "u.db")
    assert cli("ingest", str(source), "--db", db).exit_code == 0
    result = cli("export", "--db", db, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert rows and {r["url"] for r in rows} == {url}


def test_api_event_and_article_views_carry_the_url(client: TestClient) -> None:
    row = client.get("/api/events", params={"limit": 1}).json()["items"][0]
    assert "url" in row
    view = client.get(f"/api/events/{row['event_id']}").json()
    assert view["event"]["url"] == view["article"]["url"]


@pytest.mark.parametrize(
    ("first", "last", "shown"),
    [
        ("2022-05-06", "2022-05-06", "6 May 2022"),
        ("2022-05-06", "2022-05-08", "6–8 May 2022"),
        ("2022-04-30", "2022-05-02", "30 April–2 May 2022"),
        ("2022-12-30", "2023-01-02", "30 December 2022–2 January 2023"),
    ],
)
def test_incident_title_dates_read_like_a_headline(first: str, last: str, shown: str) -> None:
    row = {"fw_types": ["shelling"], "locations": ["Kupiansk"], "status": "contested",
           "date_start": first, "date_end": last, "sides": ["RU", "UA", "UNKNOWN"]}  # fmt: skip
    assert query.incident_title(row) == f"Shelling, Kupiansk, {shown}: contested (RU vs UA)"


# --- names for the base map ---------------------------------------------------------------


def test_map_labels_name_towns_and_oblasts_without_districts() -> None:
    from frontwatch.geo import haversine_km
    from frontwatch.serve.labels import place_labels

    labels = place_labels()
    by_name = {(lab["name"], lab["kind"]): lab for lab in labels}
    assert ("Poltava", "town") in by_name and ("Poltava Oblast", "oblast") in by_name
    assert by_name[("Kharkiv", "town")]["tier"] < by_name[("Poltava", "town")]["tier"]
    towns = [lab for lab in labels if lab["kind"] == "town"]
    for big in towns[:20]:  # no district of a big city labelled as a town of its own
        reach = big["population"] ** 0.5 / 100
        inside = [
            t["name"]
            for t in towns
            if t is not big
            and t["population"] <= big["population"]
            and haversine_km(t["lat"], t["lon"], big["lat"], big["lon"]) < reach
        ]
        assert not inside, (big["name"], inside)
