"""How far incidents can be trusted, measured on UCDP headlines.

Every headline of a UCDP GED corpus becomes an article (as `frontwatch eval events`
makes them: the first source's outlet, date and text), is stored and fused. Then:

- ``wide_share``: of the incidents with more than one event, the share whose
  members' dates span more than ``MAX_SPAN_DAYS`` days (each member's own date
  range, its article date where it has none);
- ``corroborated_apart``: corroborated incidents whose members lie more than
  ``MAX_KM`` apart or more than one day apart.

Run: ``python -m frontwatch.evaluate.incidents CORPUS.jsonl --db /tmp/x.db``; a
database that already holds the headlines is only fused again (fast, for tuning
the grouping rules).
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from datetime import date
from itertools import combinations
from pathlib import Path
from typing import Any

from frontwatch.geo import haversine_km
from frontwatch.models import Event
from frontwatch.store import Store

MAX_SPAN_DAYS = 3
MAX_KM = 50.0
MAX_DAYS_APART = 1


@dataclass(slots=True)
class IncidentScores:
    incidents: int = 0
    multi: int = 0
    wide: int = 0
    corroborated: int = 0
    corroborated_apart: int = 0
    contested: int = 0
    examples: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, float | int]:
        return {
            "incidents": self.incidents,
            "multi_event_incidents": self.multi,
            "wide_over_3_days": self.wide,
            "wide_share": round(self.wide / (self.multi or 1), 4),
            "corroborated": self.corroborated,
            "corroborated_apart": self.corroborated_apart,
            "contested": self.contested,
        }


def store_headlines(corpus: Path, store: Store) -> int:
    """Process and store the corpus's headlines (those already stored are skipped)."""
    from frontwatch.evaluate.events import headline_article, read_headlines
    from frontwatch.fuse import fuse_store
    from frontwatch.pipeline import Pipeline

    articles = [headline_article(h, str(corpus)) for h in read_headlines(corpus)]
    known = store.known_ids(a.id for a in articles)
    fresh = [a for a in articles if a.id not in known]
    if fresh:
        pipeline = Pipeline()
        processed = list(pipeline.process(fresh))
        for start in range(0, len(processed), 64):
            store.save(processed[start : start + 64])
    fuse_store(store)
    return len(fresh)


def _span(ev: Event, published: date | None) -> tuple[date, date] | None:
    t = ev.time
    lo = (t.date_start or t.date_end) if t else None
    hi = (t.date_end or t.date_start) if t else None
    if lo is None or hi is None:
        lo = hi = published
    return (lo, hi) if lo and hi else None


def measure(store: Store) -> IncidentScores:
    events = {ev.id: ev for ev in store.events()}
    published = {a.id: a.published for a in store.articles()}
    scores = IncidentScores()
    for incident in store.incidents():
        scores.incidents += 1
        members = [events[i] for i in incident.event_ids if i in events]
        spans = [s for ev in members if (s := _span(ev, published.get(ev.article_id)))]
        if len(members) > 1:
            scores.multi += 1
            if spans and (max(s[1] for s in spans) - min(s[0] for s in spans)).days > MAX_SPAN_DAYS:
                scores.wide += 1
                scores.examples.append(_example("wide", incident.id, members))
        scores.contested += incident.status == "contested"
        if incident.status != "corroborated":
            continue
        scores.corroborated += 1
        if _apart(members, published):
            scores.corroborated_apart += 1
            scores.examples.append(_example("corroborated_apart", incident.id, members))
    return scores


def _apart(members: list[Event], published: dict[str, date | None]) -> bool:
    for a, b in combinations(members, 2):
        pa = a.place.place if a.place else None
        pb = b.place.place if b.place else None
        if pa and pb and haversine_km(pa.lat, pa.lon, pb.lat, pb.lon) > MAX_KM:
            return True
        sa, sb = _span(a, published.get(a.article_id)), _span(b, published.get(b.article_id))
        if sa and sb and (max(sa[0], sb[0]) - min(sa[1], sb[1])).days > MAX_DAYS_APART:
            return True
    return False


def _example(kind: str, incident_id: str, members: list[Event]) -> dict[str, Any]:
    return {
        "kind": kind,
        "incident": incident_id,
        "events": [
            {
                "type": ev.fw_type,
                "place": ev.place.place.name if ev.place and ev.place.place else None,
                "date": [str(ev.time.date_start), str(ev.time.date_end)] if ev.time else None,
                "sentence": (ev.claim.sentence if ev.claim else ev.trigger)[:120],
            }
            for ev in members[:6]
        ],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--db", required=True)
    parser.add_argument("--json", action="store_true", help="also print the examples")
    args = parser.parse_args(argv)
    if not args.corpus.is_file():
        print(f"error: {args.corpus}: no such file", file=sys.stderr)
        return 2
    store = Store(args.db)
    store_headlines(args.corpus, store)
    scores = measure(store)
    out: dict[str, Any] = scores.as_dict()
    if args.json:
        out["examples"] = scores.examples[:40]
    print(json.dumps(out, indent=1, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
