"""Shared fixtures: the language model once per session, the demo corpus, the gold file,
and a store with the demo corpus ingested once."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from spacy.language import Language

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "demo" / "articles"
GOLD_PATH = ROOT / "tests" / "fixtures" / "seeds.gold.json"


@pytest.fixture(scope="session")
def nlp() -> Language:
    from frontwatch.annotate import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def pipeline():  # type: ignore[no-untyped-def]
    """One pipeline for the event tests (a test module may keep its own)."""
    from frontwatch.pipeline import Pipeline

    return Pipeline()


@pytest.fixture(scope="session")
def demo_dir() -> Path:
    return DEMO


@pytest.fixture(scope="session")
def gold() -> dict[str, Any]:
    return json.loads(GOLD_PATH.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def demo_store(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """A store with the three demo articles ingested (read-only for tests)."""
    from frontwatch.pipeline import ingest
    from frontwatch.store import Store

    store = Store(str(tmp_path_factory.mktemp("demo") / "demo.db"))
    report = ingest([DEMO], store)
    assert report.stored == 3
    return store
