"""Scoring of the hand-written reporting-style fixture (tests/fixtures/reporting_styles.jsonl):
ACLED-style event notes, OSINT incident-log lines and civilian-harm records, each written
for these tests from general knowledge of how such texts read (not copied from any corpus).

Run `python tests/styles_kit.py [FILE]` for the figures and the misses: FILE is another JSONL file
in the same format (default: the fixture above)."""

from __future__ import annotations

import json
import sys
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

from frontwatch.export.acled import acled_codes
from frontwatch.geo import haversine_km
from frontwatch.lexicons import side_bloc, type_info
from frontwatch.models import Article, Event, Status
from frontwatch.pipeline import Pipeline

FIXTURE = Path(__file__).parent / "fixtures" / "reporting_styles.jsonl"
NEAR_KM = 25.0
_SKIP_STATUS = frozenset({Status.PLANNED, Status.CONDITIONAL, Status.BACKGROUND})
_SKIP_TYPES = frozenset({"statement", "denial"})


def rows(path: Path = FIXTURE) -> list[dict[str, Any]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def reported(events: list[Event]) -> list[Event]:
    return [e for e in events if e.fw_type not in _SKIP_TYPES and e.status not in _SKIP_STATUS]


def sub_event_type(event: Event) -> str | None:
    recoded = acled_codes(event, None).get("sub_event_type")
    return recoded or type_info(event.fw_type).get("acled_sub_event_type")


def _near(event: Event, row: dict[str, Any]) -> bool:
    place = event.place.place if event.place else None
    if place is None or place.lat is None or place.lon is None:
        return False
    return haversine_km(place.lat, place.lon, row["lat"], row["lon"]) <= NEAR_KM


def _dated(event: Event, row: dict[str, Any]) -> bool:
    when = event.time
    if when is None or when.date_start is None:
        return False
    end = when.date_end or when.date_start
    return when.date_start <= date.fromisoformat(row["date"]) <= end


def score(pipeline: Pipeline, path: Path = FIXTURE) -> tuple[dict[str, float], list[str]]:
    counts: Counter[str] = Counter()
    misses: list[str] = []
    for i, row in enumerate(rows(path)):
        article = Article(
            id=f"s{i}", path=f"s{i}.txt", text=row["text"],
            published=date.fromisoformat(row["published"]),
        )  # fmt: skip
        (processed,) = list(pipeline.process([article]))
        events = reported(processed.events)
        style = row["style"]
        counts[style] += 1
        got: dict[str, bool] = {"found": bool(events)}
        got["near"] = any(_near(e, row) for e in events)
        if style == "acled_note" and events:
            main = events[0]
            got["date"] = _dated(main, row)
            got["sub"] = sub_event_type(main) == row["sub_event_type"]
            got["deaths"] = (main.fatalities or 0) == row["deaths"]
            if row["side"]:
                counts[f"{style}:sided"] += 1
                got["side"] = side_bloc(main.actor1.side if main.actor1 else None) == row["side"]
        for key, ok in got.items():
            counts[f"{style}:{key}"] += ok
        if not all(got.values()) or (style == "acled_note" and not events):
            misses.append(f"{style} {sorted(k for k, v in got.items() if not v)}: {row['text']}")
            for e in events:
                misses.append("    " + _describe(e))
    return _figures(counts), misses


def _describe(e: Event) -> str:
    place = e.place.place if e.place else None
    return (
        f"{e.fw_type} {e.status.value} a1={e.actor1.name if e.actor1 else None}/"
        f"{e.actor1.side if e.actor1 else None} a2={e.actor2.name if e.actor2 else None} "
        f"place={e.place.text if e.place else None}/{place.name if place else None} "
        f"time={e.time.date_start if e.time else None}..{e.time.date_end if e.time else None} "
        f"dead={e.fatalities} sub={sub_event_type(e)}"
    )


def _figures(counts: Counter[str]) -> dict[str, float]:
    figures: dict[str, float] = {}
    for style in [s for s in counts if ":" not in s]:  # the file's styles, in its order
        n = counts[style] or 1
        figures[f"{style}:found"] = counts[f"{style}:found"] / n
        figures[f"{style}:near"] = counts[f"{style}:near"] / n
    n = counts["acled_note"] or 1
    for key in ("date", "sub", "deaths"):
        figures[f"acled_note:{key}"] = counts[f"acled_note:{key}"] / n
    figures["acled_note:side"] = counts["acled_note:side"] / (counts["acled_note:sided"] or 1)
    return figures


if __name__ == "__main__":
    figs, missed = score(Pipeline(), Path(sys.argv[1]) if len(sys.argv) > 1 else FIXTURE)
    print("\n".join(missed))
    for k, v in figs.items():
        print(f"{k:24} {v:.3f}")
    sys.exit(0)
