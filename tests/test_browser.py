"""The page in a real headless browser (Debian's Chromium driven by Playwright).

Each test starts uvicorn on 127.0.0.1 (a free port) over a hand-built store, and saves
a screenshot under test-output/.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn

from frontwatch.serve import create_app
from serve_sample import XSS, build_store

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
OUTPUT = Path(__file__).resolve().parent.parent / "test-output"


def ensure_chromium() -> Path:
    """Debian's chromium, installed with apt-get where missing (never a downloaded browser)."""
    if CHROMIUM.exists():
        return CHROMIUM
    apt = shutil.which("apt-get")
    prefix: list[str] = []
    if apt and os.geteuid() != 0:
        sudo = shutil.which("sudo")
        ok = sudo and subprocess.run([sudo, "-n", "true"], capture_output=True).returncode == 0
        prefix = [sudo] if ok and sudo else []
        if not prefix:
            apt = None
    if not apt:
        pytest.skip("no /usr/bin/chromium and no usable apt-get to install Debian's chromium")
    env = os.environ | {"DEBIAN_FRONTEND": "noninteractive"}
    install = [*prefix, apt, "install", "-y", "-q", "chromium"]
    if subprocess.run(install, capture_output=True, env=env).returncode != 0:
        subprocess.run([*prefix, apt, "update", "-q"], capture_output=True, env=env)
        result = subprocess.run(install, capture_output=True, text=True, env=env)
        if result.returncode != 0:
            pytest.fail(f"apt-get install chromium failed: {result.stderr.strip()[-500:]}")
    assert CHROMIUM.exists(), "apt-get installed chromium but /usr/bin/chromium is missing"
    return CHROMIUM


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    store = build_store(tmp_path_factory.mktemp("browser") / "sample.db")
    yield store
    store.close()


@pytest.fixture(scope="module")
def base_url(sample: Any) -> Iterator[str]:
    """uvicorn in a thread on a port the OS picks; stopped when the module's tests end."""
    config = uvicorn.Config(
        create_app(store=sample, token=""), host="127.0.0.1", port=0, log_level="warning"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    port = server.servers[0].sockets[0].getsockname()[1]
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    path = ensure_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        launched = pw.chromium.launch(executable_path=str(path), headless=True, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture()
def page(browser: Any, base_url: str) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1400, "height": 850})
    opened = context.new_page()
    errors: list[str] = []
    dialogs: list[str] = []
    opened.on("pageerror", lambda exc: errors.append(str(exc)))
    opened.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    opened.errors, opened.dialogs = errors, dialogs
    opened.goto(base_url + "/")
    opened.wait_for_selector("body[data-ready='1']", timeout=20000)
    yield opened
    context.close()
    assert not errors, f"script errors on the page: {errors}"
    assert not dialogs, f"the page opened dialogs: {dialogs}"


def settle(page: Any) -> None:
    """Wait for map zooms and cluster fades to finish (polled from here: the page's CSP
    forbids the string evaluation that wait_for_function uses)."""
    moving = page.locator(".leaflet-zoom-anim, .leaflet-cluster-anim")
    for _ in range(100):
        if moving.count() == 0:
            break
        page.wait_for_timeout(50)
    page.wait_for_timeout(400)


def shot(page: Any, name: str) -> None:
    settle(page)
    OUTPUT.mkdir(exist_ok=True)
    page.screenshot(path=str(OUTPUT / f"{name}.png"))


def api(base_url: str, path: str, **params: Any) -> Any:
    return httpx.get(f"{base_url}{path}", params=params, timeout=10).json()


def markers_on_map(page: Any) -> int:
    """Events drawn: single markers plus the counts written on clusters, once still."""
    settle(page)
    singles = page.locator(".leaflet-marker-pane .fw-marker").count()
    clustered = page.eval_on_selector_all(
        ".leaflet-marker-pane .marker-cluster span",
        "ns => ns.reduce((n, s) => n + Number(s.textContent), 0)",
    )
    return int(singles + clustered)


def test_page_loads_the_events_as_markers(page: Any, base_url: str) -> None:
    rows = api(base_url, "/api/events", limit=1000)["items"]
    count = page.locator("#count")
    assert count.get_attribute("data-total") == str(len(rows)) == "7"
    assert markers_on_map(page) == len(rows)
    brussels = next(r for r in rows if r["location"] == "Brussels")
    assert page.locator(f".fw-marker[data-event-id='{brussels['event_id']}']").count() == 1
    # the base layer: Natural Earth outlines drawn as vector paths, no tile images
    assert page.locator(".leaflet-overlay-pane path").count() > 30
    assert page.locator(".leaflet-tile").count() == 0
    assert "Natural Earth" in page.inner_text(".leaflet-control-attribution")
    shot(page, "page_loaded")


def test_date_brush_filters_the_map(page: Any, base_url: str) -> None:
    first = page.locator("#timeline rect[data-day='2022-09-20']").first.bounding_box()
    second = page.locator("#timeline rect[data-day='2022-09-21']").first.bounding_box()
    y = first["y"] + first["height"] / 2
    page.mouse.move(first["x"] - 3, y)
    page.mouse.down()
    page.mouse.move(second["x"] + second["width"] / 2, y, steps=5)
    page.mouse.move(second["x"] + second["width"] + 3, y, steps=5)
    page.mouse.up()
    since = page.get_attribute("#range", "data-since")
    until = page.get_attribute("#range", "data-until")
    assert (since, until) == ("2022-09-20", "2022-09-21")
    expected = api(base_url, "/api/events", since=since, until=until, limit=1000)["items"]
    assert 0 < len(expected) < 7
    count = page.locator("#count")
    assert count.get_attribute("data-shown") == str(len(expected))
    assert markers_on_map(page) == len(expected)
    kept = {r["event_id"] for r in expected}
    drawn = page.eval_on_selector_all(".fw-marker", "ns => ns.map(n => n.dataset.eventId)")
    assert set(drawn) <= kept
    listed = page.eval_on_selector_all(".event-list a", "ns => ns.map(n => n.dataset.eventId)")
    assert set(listed) == kept
    shot(page, "date_brush")
    # a click outside the selection clears it
    axis = page.locator("#timeline svg").bounding_box()
    page.mouse.click(axis["x"] + axis["width"] - 30, y)
    assert page.get_attribute("#range", "data-since") == ""
    assert count.get_attribute("data-shown") == "7"


def test_side_filter_matches_the_api(page: Any, base_url: str) -> None:
    page.select_option("select[name=side]", "RU")
    expected = api(base_url, "/api/events", side="RU", limit=1000)["items"]
    assert page.locator("#count").get_attribute("data-shown") == str(len(expected))
    assert markers_on_map(page) == len(expected) > 0


def test_clicking_a_marker_shows_the_claim_and_its_sentence(page: Any, base_url: str) -> None:
    (row,) = api(base_url, "/api/events", q="missile hit")["items"]
    settle(page)  # a marker still fading in or zooming can miss the click on a busy machine
    page.locator(f".fw-marker[data-event-id='{row['event_id']}']").click()
    view = page.locator(f".event-view[data-event-id='{row['event_id']}']")
    view.wait_for()
    assert page.inner_text(".event-view .claim-sentence").strip() == row["evidence"]
    assert page.inner_text(".event-view mark.sp-trigger") == row["trigger"] == "hit"
    assert page.inner_text(".event-view mark.sp-place") == "Kherson"
    assert row["claimed_by"] in page.inner_text(".event-view .facts")
    shot(page, "marker_claim")
    page.click(".event-view .article-link")
    page.locator(".article-view").wait_for()
    focus = page.locator(".article-text .focus")
    assert "".join(focus.all_inner_texts()) == row["evidence"]


def test_incident_view_puts_claims_side_by_side(page: Any, base_url: str) -> None:
    (incident,) = api(base_url, "/api/incidents")["items"]
    page.click(f".incident-list a[href='#incident/{incident['id']}']")
    page.locator(".incident-view").wait_for()
    columns = page.locator(".incident-columns .side-column")
    assert sorted(columns.evaluate_all("ns => ns.map(n => n.dataset.side)")) == ["RU", "UA"]
    ru = page.locator(".side-column[data-side='RU']")
    ua = page.locator(".side-column[data-side='UA']")
    assert ru.locator("mark.sp-trigger").inner_text() == "captured"
    assert ua.locator("mark.sp-trigger").inner_text() == "repelled"
    # side by side: the two columns share a row
    ru_box, ua_box = ru.bounding_box(), ua.bounding_box()
    assert abs(ru_box["y"] - ua_box["y"]) < 2 and ru_box["x"] != ua_box["x"]
    shot(page, "incident")


def test_article_text_with_a_script_tag_renders_as_text(page: Any, base_url: str) -> None:
    (row,) = api(base_url, "/api/events", q="shot down")["items"]
    page.goto(f"{base_url}/#article/{row['article_id']}/{row['event_id']}")
    page.locator(".article-view").wait_for()
    assert XSS in page.inner_text("#article-text")
    assert XSS in page.inner_text(".article-view h2")
    assert "<b>Outlet</b>" in page.inner_text(".article-view .meta-line")
    assert page.locator("#panel script, #panel b, #panel img").count() == 0
    page.goto(f"{base_url}/#event/{row['event_id']}")
    page.locator(".event-view").wait_for()
    assert XSS in page.inner_text(".event-view .claim-sentence")
    assert page.locator("#panel script").count() == 0
    shot(page, "xss_as_text")


def test_article_view_marks_places_people_dates_and_triggers(page: Any, base_url: str) -> None:
    (row,) = api(base_url, "/api/events", q="Bilohorivka was shelled")["items"]
    page.goto(f"{base_url}/#article/{row['article_id']}")
    page.locator(".article-view").wait_for()
    marked = {
        kind: page.locator(f"#article-text mark.sp-{kind}").all_inner_texts()
        for kind in ("place", "person", "date", "trigger")
    }
    assert "Bilohorivka" in marked["place"]
    assert "Serhiy Haidai" in marked["person"]
    assert "on Tuesday" in marked["date"]
    assert marked["trigger"] == ["shelled"]
    shot(page, "article_spans")


# --- the second edition: labels, re-fit, shared views, export, timeline ---------------------


def map_box_contains(page: Any, event_id: str) -> bool:
    marker = page.locator(f".fw-marker[data-event-id='{event_id}']")
    if marker.count() == 0:
        return False
    box, frame = marker.first.bounding_box(), page.locator("#map").bounding_box()
    if not box or not frame:
        return False
    return bool(
        frame["x"] <= box["x"] <= frame["x"] + frame["width"]
        and frame["y"] <= box["y"] <= frame["y"] + frame["height"]
    )


def test_base_map_names_towns_and_oblasts_as_text(page: Any) -> None:
    """Poltava: no event of the sample names it, the base layer does (from the gazetteer)."""
    towns = page.locator(".leaflet-pane .place-label.town")
    assert "Poltava" in towns.all_text_contents()
    shot(page, "labels")
    drawn = ".place-label-box:not(.crowded) .place-label"  # those a crowded map hides
    # more names as the map zooms in, fewer as it zooms out; oblasts in between
    page.locator(".leaflet-control-zoom-in").click()
    settle(page)
    assert page.locator(".place-label.oblast", has_text="Kharkiv Oblast").count() == 1
    closer = page.locator(drawn).count()
    for _ in range(3):
        page.locator(".leaflet-control-zoom-out").click()
        settle(page)
    assert 0 < page.locator(drawn).count() < closer
    assert page.locator(".place-label.oblast").count() == 0


def test_filtering_refits_the_map_to_what_is_left(page: Any, base_url: str) -> None:
    (brussels,) = api(base_url, "/api/events", side="THIRD")["items"]
    kyiv = next(
        r for r in api(base_url, "/api/events", limit=1000)["items"] if r["location"] == "Kyiv"
    )
    page.select_option("select[name=side]", "THIRD")
    settle(page)
    assert page.get_attribute("#map", "data-fitted") == brussels["event_id"]
    assert map_box_contains(page, brussels["event_id"])
    page.select_option("select[name=side]", "")
    settle(page)
    assert map_box_contains(page, kyiv["event_id"]) and map_box_contains(page, brussels["event_id"])


def test_incident_opened_under_filters_shows_its_own_events(page: Any, base_url: str) -> None:
    (incident,) = api(base_url, "/api/incidents")["items"]
    page.select_option("select[name=side]", "THIRD")  # hides both of the incident's events
    settle(page)
    page.evaluate(f"location.hash = '#incident/{incident['id']}'")
    page.locator(".incident-view").wait_for()
    settle(page)
    assert markers_on_map(page) >= len(incident["event_ids"])
    assert page.get_attribute("#map", "data-fitted") == " ".join(incident["event_ids"])
    assert "side=THIRD" in page.evaluate("location.hash")  # the filters stay in the URL


def test_opening_an_event_flies_to_it(page: Any, base_url: str) -> None:
    (row,) = api(base_url, "/api/events", side="THIRD")["items"]
    page.evaluate(f"location.hash = '#event/{row['event_id']}'")
    page.locator(".event-view").wait_for()
    page.wait_for_selector(f".fw-marker.selected[data-event-id='{row['event_id']}']")
    assert float(page.get_attribute("#map", "data-zoom") or 0) >= 7
    assert map_box_contains(page, row["event_id"])


def test_filters_and_the_open_item_live_in_the_url(page: Any, base_url: str) -> None:
    (row,) = api(base_url, "/api/events", side="RU")["items"][:1]
    page.goto("about:blank")
    page.goto(f"{base_url}/#event/{row['event_id']}?side=RU&since=2022-09-20&until=2022-09-30")
    page.wait_for_selector("body[data-ready='1']")
    page.locator(f".event-view[data-event-id='{row['event_id']}']").wait_for()
    assert page.input_value("select[name=side]") == "RU"
    assert page.input_value("#since") == "2022-09-20" and page.input_value("#until") == "2022-09-30"
    expected = api(base_url, "/api/events", side="RU", since="2022-09-20", until="2022-09-30")
    assert page.get_attribute("#count", "data-shown") == str(expected["total"])
    page.click("#home")
    page.select_option("select[name=status]", "claimed")
    assert (
        page.evaluate("location.hash")
        == "#?side=RU&status=claimed&since=2022-09-20&until=2022-09-30"
    )


def test_date_fields_set_the_range(page: Any, base_url: str) -> None:
    page.fill("#since", "2022-09-21")
    page.fill("#until", "2022-09-26")
    page.locator("#until").dispatch_event("change")
    expected = api(base_url, "/api/events", since="2022-09-21", until="2022-09-26")
    assert page.get_attribute("#range", "data-since") == "2022-09-21"
    assert page.get_attribute("#count", "data-shown") == str(expected["total"])


@pytest.mark.parametrize("kind", ["csv", "geojson"])
def test_export_this_view_gives_exactly_what_is_shown(page: Any, base_url: str, kind: str) -> None:
    import csv
    import io
    import json

    from frontwatch.export import EVENT_COLUMNS

    page.select_option("select[name=side]", "RU")
    listed = page.eval_on_selector_all(".event-list a", "ns => ns.map(n => n.dataset.eventId)")
    with page.expect_download() as got:
        page.click(f"button[data-export='{kind}']")
    text = Path(got.value.path()).read_text("utf-8")
    if kind == "csv":
        rows = list(csv.DictReader(io.StringIO(text)))
        assert list(rows[0]) == EVENT_COLUMNS
        ids = [r["event_id"] for r in rows]
        api_rows = {r["event_id"]: r for r in api(base_url, "/api/events", side="RU")["items"]}
        for r in rows:  # the same values as the server's rows
            assert r["evidence"] == api_rows[r["event_id"]]["evidence"]
    else:
        ids = [f["id"] for f in json.loads(text)["features"]]
    assert sorted(ids) == sorted(listed) and ids


def test_undated_events_are_counted_beside_the_timeline(page: Any, base_url: str) -> None:
    rows = api(base_url, "/api/events", limit=1000)["items"]
    undated = sum(not (r["date_start"] or r["date_end"]) for r in rows)
    assert page.get_attribute("#undated", "data-count") == str(undated)


def test_incident_list_is_titled_filtered_and_by_date(page: Any, base_url: str) -> None:
    (incident,) = api(base_url, "/api/incidents")["items"]
    item = page.locator(".incident-list li")
    assert item.locator(".incident-title").inner_text() == incident["title"]
    page.select_option(".incident-filters select[name=istatus]", "claimed")
    assert page.locator(".incident-list li").count() == 0
    page.select_option(".incident-filters select[name=istatus]", "contested")
    page.select_option(".incident-filters select[name=iside]", "RU")
    assert page.locator(".incident-list li").count() == 1
    assert "istatus=contested" in page.evaluate("location.hash")


def test_event_view_links_the_source_only_when_it_is_http(page: Any, base_url: str) -> None:
    rows = api(base_url, "/api/events", limit=1000)["items"]
    web = next(r for r in rows if (r["url"] or "").startswith("https:"))
    page.evaluate(f"location.hash = '#event/{web['event_id']}'")
    link = page.locator(".event-view a.source-url")
    link.wait_for()
    assert link.get_attribute("href") == web["url"]
    script = next(r for r in rows if (r["url"] or "").startswith("javascript:"))
    page.evaluate(f"location.hash = '#event/{script['event_id']}'")
    page.locator(f".event-view[data-event-id='{script['event_id']}']").wait_for()
    assert page.locator(".event-view a.source-url").count() == 0
    assert page.inner_text(".event-view .source-url") == script["url"]
