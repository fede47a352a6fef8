"""The page and the report with a Ukrainian article beside the English sample: the
language selector uses the API's `language` filter, and Cyrillic evidence renders as
written (in the page, the event view and the self-contained report)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from frontwatch.models import (
    Actor,
    Article,
    Claim,
    DateSource,
    Event,
    Place,
    PlaceMention,
    ProcessedArticle,
    Status,
    TimeExpr,
    content_id,
)
from frontwatch.serve import create_app
from frontwatch.serve.report import write_report
from frontwatch.store import Store
from serve_sample import build_store
from test_browser import api, base_url, browser, markers_on_map, page, shot  # noqa: F401
from test_report import embedded

# A governor's post of the kind the Ukrainian path reads (written for this test).
TEXT = "Внаслідок обстрілу Нікополя поранено двох людей, повідомив голова ОВА.\n"
SENTENCE = TEXT.strip()
NIKOPOL = Place("gn:700051", "Nikopol", 47.5667, 34.4061, "PPLA2", "UA", "Dnipropetrovsk", 700051)


def ukrainian_post() -> ProcessedArticle:
    article = Article(
        id=content_id(TEXT),
        path="sample/nikopol.txt",
        text=TEXT,
        outlet="Telegram",
        published=date(2022, 10, 5),
        date_source=DateSource.DATE_LINE,
        language="uk",
        url="https://t.me/example/1",
    )
    start = TEXT.index("Нікополя")
    place = PlaceMention(start, start + len("Нікополя"), "Нікополя", place=NIKOPOL)
    speaker_at = TEXT.index("голова ОВА")
    speaker = Actor("голова ОВА", side="UA", kind="person", start=speaker_at, end=speaker_at + 10)
    when = TimeExpr(-1, -1, "", None, date(2022, 10, 5), precision="reported_by")
    trigger = TEXT.index("обстрілу")
    event = Event(
        id="uk-nikopol",
        article_id=article.id,
        fw_type="shelling",
        trigger="обстрілу",
        trigger_start=trigger,
        trigger_end=trigger + len("обстрілу"),
        status=Status.CLAIMED,
        place=place,
        time=when,
        claim=Claim(0, len(SENTENCE), SENTENCE, claimant=speaker, channel="Telegram"),
    )
    return ProcessedArticle(article, [place], [], [speaker], [event])


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    store = build_store(tmp_path_factory.mktemp("languages") / "sample.db")
    store.save([ukrainian_post()])
    yield store
    store.close()


def test_the_api_filters_the_events_by_the_articles_language(sample: Store) -> None:
    client = TestClient(create_app(store=sample, token=""))
    rows = client.get("/api/events", params={"language": "uk", "limit": 100}).json()["items"]
    assert [(r["event_id"], r["language"], r["evidence"]) for r in rows] == [
        ("uk-nikopol", "uk", SENTENCE)
    ]
    english = client.get("/api/events", params={"language": "en", "limit": 100}).json()
    assert english["total"] == 7 and all(r["language"] == "en" for r in english["items"])


def test_the_report_carries_cyrillic_evidence_as_written(sample: Store, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    write_report(sample, out)
    page_text = out.read_bytes().decode("utf-8")
    assert '<meta charset="utf-8">' in page_text
    data = embedded(page_text, "frontwatch-data")
    (row,) = [r for r in data["events"] if r["language"] == "uk"]
    assert row["evidence"] == SENTENCE and row["location"] == "Nikopol"
    assert data["articles"][row["article_id"]]["text"] == TEXT


def test_language_selector_shows_only_that_languages_events(
    page: Any,  # noqa: F811
    base_url: str,  # noqa: F811
) -> None:
    options = page.eval_on_selector_all(
        "select[name=language] option", "ns => ns.map(n => [n.value, n.textContent])"
    )
    assert options == [["", "all"], ["en", "English (en)"], ["uk", "Ukrainian (uk)"]]
    page.select_option("select[name=language]", "uk")
    expected = api(base_url, "/api/events", language="uk", limit=1000)["items"]
    assert page.locator("#count").get_attribute("data-shown") == str(len(expected)) == "1"
    assert markers_on_map(page) == 1
    assert "language=uk" in page.url
    shot(page, "language_uk")
    page.locator(".fw-marker[data-event-id='uk-nikopol']").click()
    view = page.locator(".event-view[data-event-id='uk-nikopol']")
    view.wait_for()
    quote = page.locator(".event-view .claim-sentence")
    assert quote.inner_text().strip() == SENTENCE
    assert quote.get_attribute("lang") == "uk"
    assert page.inner_text(".event-view mark.sp-trigger") == "обстрілу"
    # the glyphs are drawn: the sentence is as wide as text of its length, not empty boxes
    assert quote.bounding_box()["width"] > 200
    shot(page, "language_uk_event")
    page.select_option("select[name=language]", "en")
    assert page.locator("#count").get_attribute("data-shown") == "7"
