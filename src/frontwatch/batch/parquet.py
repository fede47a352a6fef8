"""Partitioned Parquet for processed articles: one file per partition and table.

Layout: ``DIR/<table>/part-NNNNN.parquet`` for the tables articles, mentions,
times, events and claims. Every row keeps the model's JSON form (``payload``)
so that ``read_partition`` rebuilds the exact ``ProcessedArticle``s, plus flat
columns (ids, dates, coordinates, sides) for analysts reading the Parquet
directly with pandas, DuckDB or Spark. ``claims`` is derived from the events
(one row per event with a claim) and is not needed to rebuild them.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from frontwatch.models import (
    Actor,
    Article,
    Event,
    PlaceMention,
    ProcessedArticle,
    TimeExpr,
    from_jsonable,
    to_jsonable,
)

TABLES = ("articles", "mentions", "times", "events", "claims")
PART_GLOB = "part-*.parquet"

_STR, _INT, _FLOAT, _DATE, _BOOL = pa.string(), pa.int64(), pa.float64(), pa.date32(), pa.bool_()

SCHEMAS: dict[str, pa.Schema] = {
    "articles": pa.schema(
        [
            ("id", _STR),
            ("path", _STR),
            ("fmt", _STR),
            ("title", _STR),
            ("outlet", _STR),
            ("published", _DATE),
            ("date_source", _STR),
            ("dateline", _STR),
            ("language", _STR),
            ("text", _STR),
            ("payload", _STR),  # Article, to_jsonable
            ("actors", _STR),  # list[Actor], to_jsonable
            ("sentences", _STR),  # list of [start, end]
            ("extra", _STR),
        ]
    ),
    "mentions": pa.schema(
        [
            ("article_id", _STR),
            ("seq", _INT),
            ("start", _INT),
            ("end", _INT),
            ("text", _STR),
            ("role", _STR),
            ("place_id", _STR),
            ("place_name", _STR),
            ("latitude", _FLOAT),
            ("longitude", _FLOAT),
            ("country", _STR),
            ("payload", _STR),
        ]
    ),
    "times": pa.schema(
        [
            ("article_id", _STR),
            ("seq", _INT),
            ("start", _INT),
            ("end", _INT),
            ("text", _STR),
            ("date_start", _DATE),
            ("date_end", _DATE),
            ("precision", _STR),
            ("relative", _STR),
            ("payload", _STR),
        ]
    ),
    "events": pa.schema(
        [
            ("id", _STR),
            ("article_id", _STR),
            ("seq", _INT),
            ("fw_type", _STR),
            ("status", _STR),
            ("trigger", _STR),
            ("side1", _STR),
            ("side2", _STR),
            ("date_start", _DATE),
            ("date_end", _DATE),
            ("latitude", _FLOAT),
            ("longitude", _FLOAT),
            ("fatalities", _INT),
            ("payload", _STR),
        ]
    ),
    "claims": pa.schema(
        [
            ("event_id", _STR),
            ("article_id", _STR),
            ("claimant", _STR),
            ("claimant_side", _STR),
            ("channel", _STR),
            ("outlet", _STR),
            ("hedges", pa.list_(_STR)),
            ("unverified", _BOOL),
            ("sentence_start", _INT),
            ("sentence_end", _INT),
            ("sentence", _STR),
        ]
    ),
}


def _json(value: Any) -> str:
    return json.dumps(to_jsonable(value), ensure_ascii=False, separators=(",", ":"))


def _article_row(p: ProcessedArticle) -> dict[str, Any]:
    a = p.article
    return {
        "id": a.id,
        "path": a.path,
        "fmt": a.fmt,
        "title": a.title,
        "outlet": a.outlet,
        "published": a.published,
        "date_source": str(a.date_source),
        "dateline": a.dateline,
        "language": a.language,
        "text": a.text,
        "payload": _json(a),
        "actors": _json(p.actors),
        "sentences": _json(p.sentences),
        "extra": _json(p.extra),
    }


def _mention_row(article_id: str, seq: int, m: PlaceMention) -> dict[str, Any]:
    place = m.place
    return {
        "article_id": article_id,
        "seq": seq,
        "start": m.start,
        "end": m.end,
        "text": m.text,
        "role": m.role,
        "place_id": place.id if place else None,
        "place_name": place.name if place else None,
        "latitude": place.lat if place else None,
        "longitude": place.lon if place else None,
        "country": place.country if place else None,
        "payload": _json(m),
    }


def _time_row(article_id: str, seq: int, t: TimeExpr) -> dict[str, Any]:
    return {
        "article_id": article_id,
        "seq": seq,
        "start": t.start,
        "end": t.end,
        "text": t.text,
        "date_start": t.date_start,
        "date_end": t.date_end,
        "precision": t.precision,
        "relative": t.relative,
        "payload": _json(t),
    }


def _event_row(seq: int, ev: Event) -> dict[str, Any]:
    place = ev.place.place if ev.place else None
    return {
        "id": ev.id,
        "article_id": ev.article_id,
        "seq": seq,
        "fw_type": ev.fw_type,
        "status": str(ev.status),
        "trigger": ev.trigger,
        "side1": ev.actor1.side if ev.actor1 else None,
        "side2": ev.actor2.side if ev.actor2 else None,
        "date_start": ev.time.date_start if ev.time else None,
        "date_end": ev.time.date_end if ev.time else None,
        "latitude": place.lat if place else None,
        "longitude": place.lon if place else None,
        "fatalities": ev.fatalities,
        "payload": _json(ev),
    }


def _claim_row(ev: Event) -> dict[str, Any] | None:
    claim = ev.claim
    if claim is None:
        return None
    claimant = claim.claimant
    return {
        "event_id": ev.id,
        "article_id": ev.article_id,
        "claimant": (claimant.canonical or claimant.name) if claimant else None,
        "claimant_side": claimant.side if claimant else None,
        "channel": claim.channel,
        "outlet": claim.outlet,
        "hedges": list(claim.hedges),
        "unverified": claim.unverified,
        "sentence_start": claim.sentence_start,
        "sentence_end": claim.sentence_end,
        "sentence": claim.sentence,
    }


def to_tables(batch: Sequence[ProcessedArticle]) -> dict[str, pa.Table]:
    """The five tables for a batch of processed articles (empty tables keep their schema)."""
    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLES}
    for p in batch:
        aid = p.article.id
        rows["articles"].append(_article_row(p))
        rows["mentions"].extend(_mention_row(aid, i, m) for i, m in enumerate(p.places))
        rows["times"].extend(_time_row(aid, i, t) for i, t in enumerate(p.times))
        rows["events"].extend(_event_row(i, ev) for i, ev in enumerate(p.events))
        rows["claims"].extend(r for ev in p.events if (r := _claim_row(ev)) is not None)
    return {name: pa.Table.from_pylist(rows[name], schema=SCHEMAS[name]) for name in TABLES}


def part_name(index: int) -> str:
    return f"part-{index:05d}.parquet"


def write_partition(out: Path, index: int, tables: dict[str, pa.Table]) -> None:
    """Write one partition; each file is written under a temporary name, then renamed,
    so an interrupted run never leaves a half-written part behind."""
    for name in TABLES:
        folder = out / name
        folder.mkdir(parents=True, exist_ok=True)
        tmp = folder / f".{part_name(index)}.tmp"
        pq.write_table(tables[name], tmp, compression="zstd")
        tmp.replace(folder / part_name(index))


def partitions(out: Path) -> list[str]:
    """Part file names present for every table (a partition missing a table is skipped)."""
    present = [
        {p.name for p in (out / name).glob(PART_GLOB)} if (out / name).is_dir() else set()
        for name in TABLES
        if name != "claims"  # derived; not needed to rebuild the articles
    ]
    return sorted(set.intersection(*present)) if present else []


def read_partition(out: Path, part: str) -> list[ProcessedArticle]:
    """The ``ProcessedArticle``s of one partition, rebuilt losslessly from the payloads."""
    articles = pq.read_table(out / "articles" / part).to_pylist()
    by_article: dict[str, dict[str, list[Any]]] = defaultdict(lambda: defaultdict(list))
    for table, model in (("mentions", PlaceMention), ("times", TimeExpr), ("events", Event)):
        rows = pq.read_table(out / table / part, columns=["article_id", "seq", "payload"])
        for row in sorted(rows.to_pylist(), key=lambda r: (r["article_id"], r["seq"])):
            item = from_jsonable(model, json.loads(row["payload"]))
            by_article[row["article_id"]][table].append(item)
    return [_rebuild(row, by_article[row["id"]]) for row in articles]


def _rebuild(row: dict[str, Any], found: dict[str, list[Any]]) -> ProcessedArticle:
    return ProcessedArticle(
        article=from_jsonable(Article, json.loads(row["payload"])),
        places=found["mentions"],
        times=found["times"],
        actors=[from_jsonable(Actor, a) for a in json.loads(row["actors"])],
        events=found["events"],
        sentences=[(int(s), int(e)) for s, e in json.loads(row["sentences"])],
        extra=json.loads(row["extra"]),
    )


def count_rows(out: Path, tables: Iterable[str] = TABLES) -> dict[str, int]:
    """Rows per table across all partitions (from the Parquet footers; cheap)."""
    counts = {}
    for name in tables:
        files = sorted((out / name).glob(PART_GLOB)) if (out / name).is_dir() else []
        counts[name] = sum(pq.ParquetFile(f).metadata.num_rows for f in files)
    return counts
