"""Place accuracy on short texts with gold points (`frontwatch eval places CORPUS`).

The corpus is JSON Lines, one text a line: ``text`` (required), ``date``
(YYYY-MM-DD, optional: the article date), ``lat`` and ``lon`` (the gold point).
Each text runs through the whole pipeline, as an article would. Two readings:

- event: the main event's place (the first event that happened or is claimed, as
  in `frontwatch eval events`): the share within ``WITHIN_KM`` of the gold point
  and the median error (over texts with an event place);
- mention: the nearest of all the text's resolved place mentions (location role):
  "did we find the place at all".

Texts without a point count as misses in the shares. Users can build such a file
for their own region and test frontwatch on it.
"""

from __future__ import annotations

import json
import statistics
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from frontwatch.evaluate.events import main_event
from frontwatch.geo import haversine_km
from frontwatch.models import Article, DateSource, content_id

WITHIN_KM = 25.0


@dataclass(slots=True)
class Gold:
    text: str
    lat: float
    lon: float
    published: date | None


@dataclass(slots=True)
class PlaceScores:
    texts: int = 0
    event_errors: list[float] = field(default_factory=list)
    mention_errors: list[float] = field(default_factory=list)
    misses: list[dict[str, object]] = field(default_factory=list)

    def as_dict(self) -> dict[str, float | int | None]:
        n = self.texts or 1

        def share(errors: list[float]) -> float:
            return round(sum(e <= WITHIN_KM for e in errors) / n, 4)

        def median(errors: list[float]) -> float | None:
            return round(statistics.median(errors), 1) if errors else None

        return {
            "texts": self.texts,
            f"event_within_{WITHIN_KM:g}km": share(self.event_errors),
            "event_median_km": median(self.event_errors),
            "event_coverage": round(len(self.event_errors) / n, 4),
            f"mention_within_{WITHIN_KM:g}km": share(self.mention_errors),
            "mention_median_km": median(self.mention_errors),
        }


def read_corpus(path: Path) -> list[Gold]:
    """The corpus's texts; a bad line raises ValueError naming its line number."""
    rows = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
                day = str(rec.get("date") or "")[:10]
                rows.append(
                    Gold(
                        str(rec["text"]),
                        float(rec["lat"]),
                        float(rec["lon"]),
                        date.fromisoformat(day) if day else None,
                    )  # fmt: skip
                )
            except (ValueError, KeyError, TypeError) as exc:
                raise ValueError(f"line {number}: {exc}") from exc
    return rows


def _article(gold: Gold, path: str) -> Article:
    return Article(
        id=content_id(f"{gold.published}\n{gold.text}"),
        path=path,
        text=gold.text,
        published=gold.published,
        date_source=DateSource.METADATA if gold.published else DateSource.UNKNOWN,
    )


def evaluate_places(
    path: Path, on_item: Callable[[], None] | None = None, limit: int | None = None
) -> PlaceScores:
    """Run the pipeline over every text of the corpus and score its places."""
    from frontwatch.pipeline import Pipeline

    golds = read_corpus(path)[:limit]
    pipeline = Pipeline()
    scores = PlaceScores()
    for gold, processed in zip(
        golds, pipeline.process([_article(g, str(path)) for g in golds]), strict=True
    ):
        scores.texts += 1
        event = main_event(processed.events)
        place = event.place.place if event and event.place else None
        if place is not None:
            scores.event_errors.append(haversine_km(place.lat, place.lon, gold.lat, gold.lon))
        errors = [
            haversine_km(m.place.lat, m.place.lon, gold.lat, gold.lon)
            for m in processed.places
            if m.place is not None and m.role == "location"
        ]
        if errors:
            scores.mention_errors.append(min(errors))
        if (not errors or min(errors) > WITHIN_KM) and len(scores.misses) < 50:
            scores.misses.append({"text": gold.text[:200], "place": place.name if place else None})
        if on_item:
            on_item()
    return scores
