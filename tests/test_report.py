"""`frontwatch report`: one self-contained HTML file that works from disk, offline."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from frontwatch.cli import app as cli_app
from frontwatch.models import (
    Article,
    Claim,
    Event,
    ProcessedArticle,
    Status,
    TimeExpr,
    content_id,
)
from frontwatch.serve.report import json_for_script, write_report
from frontwatch.store import Store
from serve_sample import XSS, build_store
from test_browser import CHROMIUM_ARGS, OUTPUT, ensure_chromium


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    folder = tmp_path_factory.mktemp("report")
    store: Store = build_store(folder / "sample.db")
    out = folder / "report.html"
    result = CliRunner().invoke(
        cli_app,
        ["report", "-o", str(out), "--db", str(folder / "sample.db"), "--title", "Lyman <week>"],
    )
    assert result.exit_code == 0, result.output
    assert "7 event(s), 1 incident(s), 7 article(s)" in result.output
    yield out
    store.close()


def embedded(page: str, element_id: str) -> Any:
    found = re.search(rf'<script type="application/json" id="{element_id}">(.*?)</script>', page)
    assert found, element_id
    return json.loads(found.group(1))


def test_report_is_one_file_with_nothing_to_fetch(report: Path) -> None:
    page = report.read_text("utf-8")
    assert not re.search(r"<(script|img|iframe)[^>]*\ssrc=", page)
    assert not re.search(r"<link[^>]*stylesheet", page)
    assert not re.search(r'(href|src)="/static', page)  # no asset paths left
    assert "<title>Lyman &lt;week&gt;</title>" in page
    assert report.stat().st_size < 5_000_000
    data = embedded(page, "frontwatch-data")
    assert len(data["events"]) == 7 and len(data["incidents"]) == 1
    assert set(data["event_views"]) == {e["event_id"] for e in data["events"]}
    assert embedded(page, "frontwatch-basemap")["admin1"]["features"]
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)
    assert policy and "default-src 'none'" in policy.group(1)
    assert "'unsafe-inline'" not in policy.group(1).split("script-src")[1].split(";")[0]


def test_report_keeps_article_text_out_of_the_markup(report: Path) -> None:
    page = report.read_text("utf-8")
    assert XSS not in page
    assert "<b>Outlet</b>" not in page
    data = embedded(page, "frontwatch-data")
    assert any(XSS in a["text"] for a in data["articles"].values())


@pytest.mark.parametrize("text", ["</script><script>alert(1)</script>", "a & b <!-- c", "\u2028"])
def test_json_for_script_round_trips_and_never_closes_the_element(text: str) -> None:
    encoded = json_for_script({"text": text})
    assert "<" not in encoded and ">" not in encoded and "\u2028" not in encoded
    assert json.loads(encoded) == {"text": text}


def test_report_refuses_a_missing_database(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli_app, ["report", "-o", str(tmp_path / "r.html"), "--db", str(tmp_path / "no.db")]
    )
    assert result.exit_code == 2
    assert "no such database" in " ".join(result.output.split())
    assert not (tmp_path / "r.html").exists()


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    path = ensure_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(path), headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def background_article() -> ProcessedArticle:
    """A 2014 context mention: eight years before every other event in the sample."""
    text = "Officials recalled that Russia seized Crimea in 2014.\n"
    article = Article(id=content_id(text), path="sample/background.txt", text=text)
    start = text.index("in 2014")
    when = TimeExpr(start, start + 7, "in 2014", date(2014, 1, 1), date(2014, 12, 31), "year")
    event = Event(
        id="bg-2014",
        article_id=article.id,
        fw_type="capture",
        trigger="seized",
        trigger_start=text.index("seized"),
        trigger_end=text.index("seized") + 6,
        status=Status.BACKGROUND,
        time=when,
        claim=Claim(0, len(text) - 1, text.strip()),
    )
    return ProcessedArticle(article, [], [when], [], [event])


def test_timeline_focuses_on_most_events_and_offers_every_date(
    tmp_path: Path, chromium: Any
) -> None:
    store = build_store(tmp_path / "s.db")
    store.save([background_article()])
    out = tmp_path / "r.html"
    write_report(store, out)
    store.close()
    page = chromium.new_page(viewport={"width": 1400, "height": 850})
    page.goto(out.as_uri())
    page.wait_for_selector("body[data-ready='1']", timeout=20000)
    days = page.eval_on_selector_all("#timeline .bars rect", "ns => ns.map(n => n.dataset.day)")
    assert days and min(days) >= "2022-09-20" and "2014-01-01" not in days
    assert page.inner_text("#outside-domain").startswith("1 earlier and 0 later")
    assert page.get_attribute("#count", "data-shown") == "8"  # off the timeline, not hidden
    page.click("#full-range")
    days = page.eval_on_selector_all("#timeline .bars rect", "ns => ns.map(n => n.dataset.day)")
    assert "2014-01-01" in days and page.inner_text("#outside-domain") == ""
    page.close()


def test_report_opens_from_disk_in_a_browser_without_network(report: Path, chromium: Any) -> None:
    browser = chromium
    context = browser.new_context(viewport={"width": 1400, "height": 850})
    fetched: list[str] = []
    context.route(
        "**/*",
        lambda route: (
            route.continue_()
            if route.request.url.startswith(("file:", "data:"))
            else (fetched.append(route.request.url), route.abort())
        ),
    )
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("dialog", lambda d: (errors.append(f"dialog {d.message}"), d.dismiss()))
    page.goto(report.as_uri())
    page.wait_for_selector("body[data-ready='1']", timeout=20000)
    assert page.get_attribute("#count", "data-total") == "7"
    assert page.locator(".leaflet-marker-pane .fw-marker, .marker-cluster").count() > 0
    assert page.locator(".incident-list li").count() == 1
    page.click(".incident-list a")
    page.locator(".incident-view .side-column[data-side='RU']").wait_for()
    assert page.locator(".incident-view .side-column").count() == 2
    OUTPUT.mkdir(exist_ok=True)
    page.screenshot(path=str(OUTPUT / "report_incident.png"))
    page.click("#home")
    page.fill("input[name=text]", "shot down")
    page.click(".event-list a")
    page.click(".event-view .article-link")
    page.locator(".article-view").wait_for()
    assert XSS in page.inner_text("#article-text")
    assert page.locator("#panel script").count() == 0
    page.screenshot(path=str(OUTPUT / "report_article.png"))
    context.close()
    assert not errors, errors
    assert not fetched, f"the report fetched {fetched}"


def test_timeline_squeezes_empty_stretches(tmp_path: Path, chromium: Any) -> None:
    store = build_store(tmp_path / "s.db")
    store.save([background_article()])
    out = tmp_path / "r.html"
    write_report(store, out)
    store.close()
    page = chromium.new_page(viewport={"width": 1400, "height": 850})
    page.goto(out.as_uri())
    page.wait_for_selector("body[data-ready='1']", timeout=20000)
    page.click("#full-range")  # every date: 2014 and 2022 on one axis
    gaps = page.eval_on_selector_all("#timeline .gap", "ns => ns.map(n => Number(n.dataset.days))")
    assert gaps and max(gaps) > 2500  # eight empty years, drawn as one break
    first = page.locator("#timeline rect[data-day='2022-09-20']").first.bounding_box()
    last = page.locator("#timeline rect[data-day='2022-10-12']").first.bounding_box()
    axis = page.locator("#timeline svg").bounding_box()
    assert last["x"] - first["x"] > axis["width"] / 2  # the weeks studied keep the width
    page.close()


def test_report_links_the_sources_and_names_the_towns(report: Path, chromium: Any) -> None:
    page = chromium.new_page(viewport={"width": 1400, "height": 850})
    page.goto(report.as_uri())
    page.wait_for_selector("body[data-ready='1']", timeout=20000)
    assert "Poltava" in page.locator(".place-label.town").all_text_contents()
    page.click(".event-list a")
    page.locator(".event-view a.source-url").wait_for()
    assert page.get_attribute(".event-view a.source-url", "href").startswith("https://")
    page.close()
