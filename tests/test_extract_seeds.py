"""What the events-and-claims issue asks of the seed articles, checked on the demo store."""

from __future__ import annotations

from typing import Any

import pytest

from frontwatch.evaluate.seeds import score
from frontwatch.export import event_row
from frontwatch.store import Store


@pytest.fixture(scope="module")
def rows(demo_store: Store) -> list[dict[str, Any]]:
    articles = {a.id: a for a in demo_store.articles()}
    return [event_row(e, articles[e.article_id]) for e in demo_store.events()]


def _one(rows: list[dict[str, Any]], file_part: str, fw_type: str, **where: Any) -> dict[str, Any]:
    found = [
        r
        for r in rows
        if file_part in r["file"]
        and r["fw_type"] == fw_type
        and all(r[k] == v for k, v in where.items())
    ]
    assert len(found) == 1, (fw_type, where, found)
    return found[0]


def test_gold_events_found_with_source_and_status(rows: list[dict[str, Any]], gold: dict) -> None:
    result = score(gold, rows)
    print(result.summary())
    # What the README states: 11 of 15 with source and status too, 3 events it does not list.
    assert result.complete >= 11
    assert len(result.spurious) <= 3


def test_referendum_result_is_hedged_and_sourced(rows: list[dict[str, Any]]) -> None:
    row = _one(rows, "000_", "referendum_result", status="claimed")
    assert row["claimed_by"] == "Russian state media"
    assert "allegedly" in row["hedges"]
    assert "98" in row["quantities"]


def test_ukrainian_claims_are_unverified(rows: list[dict[str, Any]]) -> None:
    for fw_type in ("retake", "river_crossing"):
        row = _one(rows, "001_", fw_type, status="claimed")
        assert row["claimed_by_side"] == "UA" and row["unverified"] is True


def test_breakthrough_claim_and_denial(rows: list[dict[str, Any]]) -> None:
    claim = _one(rows, "002_", "breakthrough")
    assert claim["claimed_by"] == "Ministry of Defence of Russia" and claim["status"] == "claimed"
    assert claim["channel"] == "Telegram"
    denial = _one(rows, "002_", "denial")
    assert denial["status"] == "denied" and denial["claimed_by"] == "Serhiy Haidai"


def test_un_address_is_planned_not_done(rows: list[dict[str, Any]]) -> None:
    row = _one(rows, "001_", "aid_request")
    assert row["status"] == "planned"
    assert row["date_start"] == "2022-09-21"


def test_mass_grave_quantity_without_fatalities(rows: list[dict[str, Any]]) -> None:
    row = _one(rows, "001_", "mass_grave")
    assert row["quantities"] == "146 bodies"
    assert row["fatalities"] is None  # bodies found are not deaths counted by this event
    assert row["location"] and "Iz" in row["location"]
