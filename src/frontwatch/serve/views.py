"""What the API and the static report show: plain JSON shapes built from the store.

Event rows are ``frontwatch.export.event_row`` rows, so the API, the page and the
CSV export use the same field names. Everything here is read-only.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from frontwatch.export import EVENT_COLUMNS, event_row
from frontwatch.lexicons import side_bloc, sides, taxonomy
from frontwatch.models import (
    Actor,
    Article,
    Event,
    Incident,
    IncidentStatus,
    Status,
    from_jsonable,
    to_jsonable,
)
from frontwatch.query import incident_title
from frontwatch.store import EventFilter, Store

# Span kinds an article view marks, in drawing order (later kinds sit inside earlier ones).
SPAN_KINDS = ("evidence", "dateline", "place", "date", "person", "trigger")


# Reading every article in one query costs about 1/25 of reading each one by id
# (measured on a 7,000-article SQLite store: 0.27 ms a row against 7 ms a lookup).
BULK_READ_RATIO = 25


class ArticleCache:
    """Articles by id, read once per request or report."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._seen: dict[str, Article | None] = {}

    def prefetch(self, ids: Iterable[str]) -> None:
        """Read the articles about to be needed, in one query when that is cheaper."""
        wanted = set(ids) - self._seen.keys()
        if len(wanted) < 2:
            return
        total = self.store.counts().get("articles", 0)
        if len(wanted) * BULK_READ_RATIO < total:
            return  # a few among many: lookups by id are cheaper
        for article in self.store.articles():
            if article.id in wanted:
                self._seen[article.id] = article

    def get(self, article_id: str) -> Article | None:
        if article_id not in self._seen:
            self._seen[article_id] = self.store.article(article_id)
        return self._seen[article_id]


def event_rows(
    store: Store, events: Sequence[Event], cache: ArticleCache | None = None
) -> list[dict[str, Any]]:
    cache = cache or ArticleCache(store)
    cache.prefetch(ev.article_id for ev in events)
    return [event_row(ev, cache.get(ev.article_id)) for ev in events]


def geojson(rows: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """A FeatureCollection with the same shape as ``frontwatch export --format geojson``."""
    features = []
    for row in rows:
        geometry = None
        if row.get("latitude") is not None and row.get("longitude") is not None:
            geometry = {"type": "Point", "coordinates": [row["longitude"], row["latitude"]]}
        features.append(
            {"type": "Feature", "id": row["event_id"], "geometry": geometry, "properties": row}
        )
    return {"type": "FeatureCollection", "features": features}


def article_summary(article: Article, n_events: int | None = None) -> dict[str, Any]:
    summary: dict[str, Any] = {
        "id": article.id,
        "title": article.title,
        "outlet": article.outlet,
        "origin": article.origin,
        "url": article.url,
        "file": article.path,
        "published": article.published.isoformat() if article.published else None,
        "date_source": str(article.date_source),
        "dateline": article.dateline,
        "language": article.language,
        "flags": list(article.flags),
    }
    if n_events is not None:
        summary["n_events"] = n_events
    return summary


def article_view(store: Store, article: Article) -> dict[str, Any]:
    """An article with its text and the spans of places, people, dates, triggers, evidence."""
    events = store.events(EventFilter(article_id=article.id))
    view = article_summary(article, len(events))
    view["text"] = article.text
    view["boilerplate"] = list(article.boilerplate)
    view["spans"] = article_spans(store, article, events)
    view["events"] = event_rows(store, events)
    return view


def article_spans(store: Store, article: Article, events: Sequence[Event]) -> list[dict[str, Any]]:
    spans: list[dict[str, Any]] = []
    if article.dateline_span:
        start, end = article.dateline_span
        spans.append(_span("dateline", start, end, f"dateline: {article.dateline or ''}"))
    for _aid, mention in store.place_mentions(article.id):
        place = mention.place
        label = f"{place.name} ({place.admin1 or '?'}, {place.country})" if place else "unresolved"
        if mention.role != "location":
            label += f"; as {mention.role}"
        if mention.flags:
            label += f"; {', '.join(mention.flags)}"
        spans.append(_span("place", mention.start, mention.end, label, flags=mention.flags))
    for expr in store.time_exprs(article.id):
        spans.append(_span("date", expr.start, expr.end, _time_label(expr)))
    for actor in _article_actors(store, article.id, events):
        label = f"{actor.canonical or actor.name} ({actor.side})"
        if actor.role:
            label += f", {actor.role}"
        spans.append(_span("person", actor.start, actor.end, label, side=actor.side))
    for ev in events:
        status = str(ev.status)
        spans.append(
            _span("trigger", ev.trigger_start, ev.trigger_end, f"{ev.fw_type}, {status}", ev.id)
        )
        if ev.claim:
            spans.append(
                _span(
                    "evidence",
                    ev.claim.sentence_start,
                    ev.claim.sentence_end,
                    f"evidence for {ev.fw_type}",
                    ev.id,
                )
            )
    size = len(article.text)
    unique = {(s["kind"], s["start"], s["end"], s.get("event_id")): s for s in spans}
    kept = [s for s in unique.values() if 0 <= s["start"] < s["end"] <= size]
    return sorted(kept, key=lambda s: (s["start"], -s["end"], SPAN_KINDS.index(s["kind"])))


def _span(
    kind: str, start: int, end: int, label: str, event_id: str | None = None, **extra: Any
) -> dict[str, Any]:
    span = {"kind": kind, "start": start, "end": end, "label": label}
    if event_id:
        span["event_id"] = event_id
    span.update({k: v for k, v in extra.items() if v})
    return span


def _time_label(expr: Any) -> str:
    if expr.date_start and expr.date_end and expr.date_start != expr.date_end:
        value = f"{expr.date_start}..{expr.date_end}"
    elif expr.date_start or expr.date_end:
        value = str(expr.date_start or expr.date_end)
    else:
        value = f"relative: {expr.relative or '?'}"
    return f"{value} ({expr.precision})"


def _article_actors(store: Store, article_id: str, events: Sequence[Event]) -> list[Actor]:
    """People and bodies with offsets: those the events name, and any the store kept."""
    found: list[Actor] = []
    for ev in events:
        found.extend(a for a in (ev.actor1, ev.actor2) if a)
        if ev.claim and ev.claim.claimant:
            found.append(ev.claim.claimant)
    for raw in store.article_extra(article_id).get("actors", []) or []:
        if isinstance(raw, dict):
            found.append(from_jsonable(Actor, raw))
    return [a for a in found if a.start >= 0 and a.end > a.start]


def evidence_marks(ev: Event) -> list[dict[str, Any]]:
    """Spans inside the evidence sentence, relative to it: trigger, place, date, people."""
    claim = ev.claim
    if claim is None:
        return []
    found = [("trigger", ev.trigger_start, ev.trigger_end, ev.fw_type)]
    if ev.place:
        found.append(("place", ev.place.start, ev.place.end, ev.place.text))
    if ev.time:
        found.append(("date", ev.time.start, ev.time.end, _time_label(ev.time)))
    for actor in (ev.actor1, ev.actor2, claim.claimant):
        if actor is not None:
            found.append(("person", actor.start, actor.end, f"{actor.name} ({actor.side})"))
    marks = []
    for kind, start, end, label in found:
        if claim.sentence_start <= start < end <= claim.sentence_end:
            rel_start, rel_end = start - claim.sentence_start, end - claim.sentence_start
            marks.append({"kind": kind, "start": rel_start, "end": rel_end, "label": label})
    unique = {(m["kind"], m["start"], m["end"]): m for m in marks}
    return sorted(unique.values(), key=lambda m: (m["start"], -m["end"]))


def event_view(ev: Event, article: Article | None) -> dict[str, Any]:
    """One event for the evidence panel: its row, the full record, marks in its sentence."""
    return {
        "event": event_row(ev, article),
        "detail": to_jsonable(ev),
        "marks": evidence_marks(ev),
        "article": article_summary(article) if article else None,
    }


# --- incidents ---------------------------------------------------------------


@dataclass(slots=True)
class _Column:
    bloc: str
    label: str
    claims: list[dict[str, Any]] = field(default_factory=list)


def incident_summary(incident: Incident, rows: Sequence[dict[str, Any]]) -> dict[str, Any]:
    dates = sorted(d for r in rows for d in (r["date_start"], r["date_end"]) if d)
    blocs = sorted({claim_bloc(r) for r in rows})
    return {
        "id": incident.id,
        "status": incident.status,
        "summary": incident.summary,
        "event_ids": list(incident.event_ids),
        "sources": list(incident.sources),
        "n_events": len(rows),
        "fw_types": sorted({r["fw_type"] for r in rows}),
        "locations": sorted({r["location"] for r in rows if r["location"]}),
        "date_start": dates[0] if dates else None,
        "date_end": dates[-1] if dates else None,
        "sides": blocs,
    }


def claim_bloc(row: dict[str, Any]) -> str:
    """Whose claim an event row is: the claimant's bloc, else the outlet's own report."""
    return side_bloc(row.get("claimed_by_side")) or "UNKNOWN"


def incident_view(store: Store, incident: Incident) -> dict[str, Any]:
    """An incident with its claims in one column per side, for a side-by-side view."""
    events = [ev for eid in incident.event_ids if (ev := store.event(eid))]
    rows = event_rows(store, events)
    view = incident_summary(incident, rows)
    labels = {code: str(info.get("label", code)) for code, info in sides().items()}
    columns: dict[str, _Column] = {}
    for ev, row in zip(events, rows, strict=True):
        bloc = claim_bloc(row)
        column = columns.setdefault(bloc, _Column(bloc, labels.get(bloc, bloc)))
        column.claims.append(row | {"marks": evidence_marks(ev)})
    view["columns"] = [
        {"side": c.bloc, "label": c.label, "claims": c.claims}
        for c in sorted(columns.values(), key=lambda c: _side_order(c.bloc))
    ]
    view["events"] = rows
    view["title"] = incident_title(view, [ev.fw_type for ev in events])
    return view


def _side_order(code: str) -> tuple[int, str]:
    order = list(sides())
    return (order.index(code) if code in order else len(order), code)


# --- entities ----------------------------------------------------------------


def entities(store: Store) -> list[dict[str, Any]]:
    """People, bodies and places with the spellings seen and how often they occur.

    Built from what the store keeps (event actors and claimants, place mentions);
    the same shape will carry the fusion stage's canonical entities.
    """
    spellings: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    side_of: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for ev in store.events():
        actors = [ev.actor1, ev.actor2, ev.claim.claimant if ev.claim else None]
        for actor in actors:
            if actor is None:
                continue
            key = (actor.canonical or actor.name, str(actor.kind))
            spellings[key][actor.name] += 1
            side_of[key][actor.side] += 1
    for _aid, mention in store.place_mentions():
        if mention.place is None:
            continue
        key = (mention.place.name, "place")
        spellings[key][mention.text] += 1
    out = []
    for (name, kind), seen in spellings.items():
        entry: dict[str, Any] = {
            "name": name,
            "kind": kind,
            "spellings": sorted(seen),
            "count": sum(seen.values()),
        }
        if side_of.get((name, kind)):
            entry["side"] = side_of[(name, kind)].most_common(1)[0][0]
        out.append(entry)
    return sorted(out, key=lambda e: (-e["count"], e["kind"], e["name"]))


# --- vocabulary ----------------------------------------------------------------


def meta(store: Store) -> dict[str, Any]:
    """What the filters and legend offer: sides, types, statuses, and the store's size."""
    rows = store.counts()
    return {
        "sides": {code: str(info.get("label", code)) for code, info in sides().items()},
        "types": {
            name: {
                "label": str(info.get("label", name)),
                "family": str(info.get("family", "")),
                "acled_event_type": str(info.get("acled_event_type", "")),
            }
            for name, info in taxonomy().items()
        },
        "statuses": [s.value for s in Status],
        "incident_statuses": [s.value for s in IncidentStatus],
        "columns": list(EVENT_COLUMNS),  # the order of the page's CSV export
        "counts": {name: rows.get(name, 0) for name in ("articles", "events", "incidents")},
    }


def incident_views(store: Store) -> list[dict[str, Any]]:
    """Every incident's full view with its list row (title, group), in the list's order."""
    from frontwatch.query import incident_list

    by_id = {inc.id: inc for inc in store.incidents()}
    return [incident_view(store, by_id[row["id"]]) | row for row in incident_list(store)]


def snapshot(store: Store, counter: Callable[[int], Any] | None = None) -> dict[str, Any]:
    """Everything the page needs, in one object: the static report inlines this.
    ``counter(total)`` (a context manager with ``advance()``) is told of each article
    and event view made, the long part of a large store's report."""
    cache = ArticleCache(store)
    events = store.events()
    articles = store.articles()
    data: dict[str, Any] = {
        "meta": meta(store),
        "events": event_rows(store, events, cache),
        "incidents": incident_views(store),
        "articles": {},
        "event_views": {},
    }
    with (counter or _uncounted)(len(articles) + len(events)) as progress:
        for a in articles:
            data["articles"][a.id] = article_view(store, a)
            progress.advance()
        for ev in events:
            data["event_views"][ev.id] = event_view(ev, cache.get(ev.article_id))
            progress.advance()
    return data


class _Uncounted:
    def __enter__(self) -> _Uncounted:
        return self

    def __exit__(self, *_exc: object) -> None:
        return None

    def advance(self, n: int = 1) -> None:
        return None


def _uncounted(_total: int) -> _Uncounted:
    return _Uncounted()
