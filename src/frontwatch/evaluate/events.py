"""Headline-level evaluation against UCDP GED events (`frontwatch eval events`).

The corpus (JSON Lines; see the README of the eval corpora) gives, for each UCDP event,
the headline(s) it was coded from and the gold date range, attacker side (``side_a``),
admin-1 region, point and deaths. UCDP codes one event per place and day, so rows are
grouped by ``source_article``: one headline, possibly several gold rows. The first
source names the outlet, the date (used as the article date) and the headline text.

For each headline frontwatch's *main event* is the first event in the text that
happened or is claimed (not planned, background, a statement or a denial). Then:

- place: right when it lies in a gold row's admin-1 region (our place's admin-1 code
  against the gazetteer's entry for the gold region name), or within 50 km of a gold
  point whose ``where_prec`` is 1 or 2;
- date: right when the event's date falls in a gold row's [date_start, date_end];
- attacker side: our actor1's side (by bloc) against UCDP's ``side_a``;
- fatalities: our count against the sum of ``deaths_best``, exactly and within the
  summed low–high range (only over headlines where we counted deaths).

Accuracy is over all headlines (no event counts as wrong), and coverage says how many
headlines got an event at all.

Headlines that name their source after a dash ("... - Russian Defense Ministry", "... -
Basurin": a tail of at most five words, no digit, not opening with a pronoun or an
article-and-clause, and no lower-case past form in "-ed") are scored apart: how many give
an event, and on how many every event is claimed by that source (its claimant's name or
canonical name is the tail, or the tail names it) with a status other than ``happened``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from frontwatch.evaluate.timeml import ucdp_sources
from frontwatch.geo import haversine_km
from frontwatch.lexicons import side_bloc
from frontwatch.models import Article, DateSource, Event, Status, content_id
from frontwatch.resolve.gazetteer import Gazetteer

NEAR_KM = 50.0
_SKIP_STATUS = frozenset({Status.PLANNED, Status.CONDITIONAL, Status.BACKGROUND})
_SKIP_TYPES = frozenset({"statement", "denial"})
_UCDP_SIDES = {"russia": "RU", "ukraine": "UA"}
_DASH_TAIL = re.compile(r"\s[-–—]\s+([^-–—]+?)[\s\"”»'.]*$")
_CLAUSE_OPENERS = frozenset({"they", "there", "we", "it", "he", "she", "one", "a", "an"})
DASH_TAIL_WORDS = 5


@dataclass(slots=True)
class Headline:
    text: str
    published: date
    outlet: str
    rows: list[dict[str, Any]]


@dataclass(slots=True)
class EventScores:
    headlines: int = 0
    with_event: int = 0
    place: int = 0
    date: int = 0
    side: int = 0
    fatalities_counted: int = 0
    fatalities_exact: int = 0
    fatalities_in_range: int = 0
    dash_headlines: int = 0
    dash_with_event: int = 0
    dash_claimant_right: int = 0
    examples: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, float | int]:
        n = self.headlines or 1
        k = self.fatalities_counted or 1
        return {
            "headlines": self.headlines,
            "coverage": round(self.with_event / n, 4),
            "place_accuracy": round(self.place / n, 4),
            "date_accuracy": round(self.date / n, 4),
            "attacker_side_accuracy": round(self.side / n, 4),
            "headlines_with_fatalities": self.fatalities_counted,
            "fatalities_exact": round(self.fatalities_exact / k, 4),
            "fatalities_in_range": round(self.fatalities_in_range / k, 4),
            "dash_source_headlines": self.dash_headlines,
            "dash_source_event": round(self.dash_with_event / (self.dash_headlines or 1), 4),
            "dash_source_claimant_right": round(
                self.dash_claimant_right / (self.dash_headlines or 1), 4
            ),
        }


def read_headlines(path: Path) -> Iterator[Headline]:
    groups: dict[str, list[dict[str, Any]]] = {}
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                row = json.loads(line)
                groups.setdefault(row.get("source_article", ""), []).append(row["gold"])
    for source_article, rows in groups.items():
        sources = ucdp_sources(source_article)
        if sources:
            outlet, published, text = sources[0]
            yield Headline(text, published, outlet, rows)


def headline_article(headline: Headline, path: str) -> Article:
    return Article(
        id=content_id(f"{headline.published}\n{headline.text}"),
        path=path,
        text=headline.text,
        outlet=headline.outlet,
        published=headline.published,
        date_source=DateSource.METADATA,
    )


def main_event(events: list[Event]) -> Event | None:
    kept = [e for e in events if e.status not in _SKIP_STATUS and e.fw_type not in _SKIP_TYPES]
    return min(kept, key=lambda e: e.trigger_start) if kept else None


def dash_source(text: str) -> str | None:
    """The source a headline names after a dash, by the rule in the module docstring."""
    found = _DASH_TAIL.search(text)
    if found is None:
        return None
    tail = found.group(1).strip()
    words = tail.split()
    if not words or len(words) > DASH_TAIL_WORDS or any(ch.isdigit() for ch in tail):
        return None
    if words[0].lower() in _CLAUSE_OPENERS:
        return None
    if any(w.islower() and w.endswith("ed") for w in words):
        return None
    return tail


def claimed_by(events: list[Event], source: str) -> bool:
    """Every event is claimed by ``source`` and none is stated as plain fact."""
    if not events:
        return False
    want = source.lower()
    for event in events:
        claimant = event.claim.claimant if event.claim else None
        if claimant is None or event.status == Status.HAPPENED:
            return False
        names = {claimant.name.lower(), (claimant.canonical or "").lower()} - {""}
        if not any(n in want or want in n for n in names):
            return False
    return True


def score_dash_source(scores: EventScores, headline: Headline, events: list[Event]) -> None:
    source = dash_source(headline.text)
    if source is None:
        return
    scores.dash_headlines += 1
    scores.dash_with_event += main_event(events) is not None
    scores.dash_claimant_right += claimed_by(events, source)


def score_headline(
    scores: EventScores, headline: Headline, event: Event | None, gazetteer: Gazetteer
) -> None:
    scores.headlines += 1
    if event is None:
        return
    scores.with_event += 1
    checks = {
        "place": _place_right(event, headline.rows, gazetteer),
        "date": _date_right(event, headline.rows),
        "side": _side_right(event, headline.rows),
    }
    scores.place += checks["place"]
    scores.date += checks["date"]
    scores.side += checks["side"]
    if event.fatalities is not None:
        best = sum(int(r.get("deaths_best") or 0) for r in headline.rows)
        low = sum(int(r.get("deaths_low") or 0) for r in headline.rows)
        high = sum(int(r.get("deaths_high") or 0) for r in headline.rows)
        scores.fatalities_counted += 1
        scores.fatalities_exact += event.fatalities == best
        scores.fatalities_in_range += low <= event.fatalities <= high
    if len(scores.examples) < 200 and not all(checks.values()):
        scores.examples.append({"headline": headline.text, "fw_type": event.fw_type, **checks})


def _place_right(event: Event, rows: list[dict[str, Any]], gazetteer: Gazetteer) -> bool:
    place = event.place.place if event.place else None
    if place is None:
        return False
    for row in rows:
        if (
            row.get("latitude") is not None
            and int(row.get("where_prec") or 9) <= 2
            and (
                haversine_km(place.lat, place.lon, float(row["latitude"]), float(row["longitude"]))
                <= NEAR_KM
            )
        ):
            return True
        region = _region_code(str(row.get("adm_1") or ""), gazetteer)
        if region and region in (place.admin1, place.id.removeprefix("adm1:")):
            return True
    return False


def _region_code(name: str, gazetteer: Gazetteer) -> str | None:
    if not name:
        return None
    for candidate in gazetteer.lookup(name):
        if candidate.feature.startswith("ADM1"):
            return candidate.admin1 or candidate.id.removeprefix("adm1:")
    return None


def _date_right(event: Event, rows: list[dict[str, Any]]) -> bool:
    time = event.time
    day = (time.date_start or time.date_end) if time else None
    if day is None:
        return False
    for row in rows:
        start, end = row.get("date_start"), row.get("date_end")
        if start and end and date.fromisoformat(start) <= day <= date.fromisoformat(end):
            return True
    return False


def _side_right(event: Event, rows: list[dict[str, Any]]) -> bool:
    ours = side_bloc(event.actor1.side) if event.actor1 else None
    for row in rows:
        gold_side = str(row.get("side_a") or "").lower()
        code = next((c for word, c in _UCDP_SIDES.items() if word in gold_side), None)
        if code and code == ours:
            return True
    return False


def evaluate_events(
    path: Path, on_item: Callable[[], None] | None = None, limit: int | None = None
) -> EventScores:
    """Run the pipeline over every headline of a UCDP JSONL file and score it."""
    from frontwatch.pipeline import Pipeline

    pipeline = Pipeline()
    headlines = list(read_headlines(path))[:limit]
    articles = [headline_article(h, str(path)) for h in headlines]
    scores = EventScores()
    for headline, processed in zip(headlines, pipeline.process(articles), strict=True):
        score_headline(scores, headline, main_event(processed.events), pipeline.gazetteer)
        score_dash_source(scores, headline, processed.events)
        if on_item:
            on_item()
    return scores


# --- precision on text with little or no war: events per article -------------------------

VIOLENT_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})


@dataclass(slots=True)
class PrecisionScores:
    """Events per article of a corpus (GeoVirus: disease news, no war at all)."""

    articles: int = 0
    passed_gate: int = 0
    events: int = 0
    violent: int = 0
    by_type: dict[str, int] = field(default_factory=dict)
    sample: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        n = self.articles or 1
        return {
            "articles": self.articles,
            "articles_passing_relevance_gate": self.passed_gate,
            "events_per_article": round(self.events / n, 4),
            "violent_events_per_article": round(self.violent / n, 4),
            "events_by_type": dict(sorted(self.by_type.items())),
        }


def evaluate_precision(
    path: Path, limit: int | None = None, on_item: Callable[[], None] | None = None
) -> PrecisionScores:
    """Run the pipeline over a geoparsing corpus (GeoVirus, LGL, GeoWebNews XML) and count
    the events it gives per article, violent ones (ACLED Battles, Explosions/Remote
    violence, Violence against civilians) apart."""
    from frontwatch.evaluate.geoparse import read_corpus
    from frontwatch.lexicons import type_info
    from frontwatch.pipeline import Pipeline

    _fmt, docs = read_corpus(path)
    texts = [d.text for d in docs[:limit] if d.text.strip()]
    articles = [Article(id=content_id(t), path=str(path), text=t) for t in texts]
    scores = PrecisionScores()
    for processed in Pipeline().process(articles):
        scores.articles += 1
        scores.passed_gate += bool(processed.extra.get("relevance", {}).get("relevant"))
        for event in processed.events:
            kind = str(type_info(event.fw_type).get("acled_event_type"))
            scores.events += 1
            scores.violent += kind in VIOLENT_TYPES
            scores.by_type[event.fw_type] = scores.by_type.get(event.fw_type, 0) + 1
            if len(scores.sample) < 400:
                claim = event.claim.sentence if event.claim else ""
                scores.sample.append(
                    {"fw_type": event.fw_type, "status": str(event.status), "evidence": claim}
                )
        if on_item:
            on_item()
    return scores
