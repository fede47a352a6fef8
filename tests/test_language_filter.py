"""The language filter: events and articles of one language, through the query layer
and the API (the page's and the report's language choice reads the same rows)."""

from __future__ import annotations

import json
from pathlib import Path

from fastapi.testclient import TestClient

from frontwatch import query
from frontwatch.pipeline import ingest
from frontwatch.serve import create_app
from frontwatch.store import Store


def test_events_and_articles_filter_by_language(tmp_path: Path) -> None:
    src = tmp_path / "posts.jsonl"
    posts = [
        {"text": "Вночі окупанти обстріляли Нікополь, загинули двоє.", "date": "2024-05-02"},
        {
            "text": "Russian forces shelled the city of Nikopol overnight, killing two people.",
            "date": "2024-05-02",
        },
    ]
    src.write_text("".join(json.dumps(p) + "\n" for p in posts), encoding="utf-8")
    store = Store(f"sqlite:///{tmp_path / 'x.db'}")
    ingest([src], store)
    every = query.event_list(store, query.parse_filters())
    assert {r["language"] for r in every} == {"uk", "en"}
    for language in ("uk", "en"):
        rows = query.event_list(store, query.parse_filters(language=language))
        assert rows and {r["language"] for r in rows} == {language}, language
    client = TestClient(create_app(store=store, token="s3cret"))
    answer = client.get("/api/events", params={"language": "uk", "limit": 100}).json()
    assert answer["total"] >= 1 and {r["language"] for r in answer["items"]} == {"uk"}
    cyrillic = answer["items"][0]["evidence"]
    assert "обстріляли" in cyrillic  # the evidence stays in its language, unescaped
    articles = client.get("/api/articles", params={"language": "en"}).json()
    assert articles["total"] == 1
    store.close()
