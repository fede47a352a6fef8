"""Rows of the store's tables: what a model becomes in a row, and back; inserts that
skip what is already stored."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Table, insert
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Row
from sqlalchemy.exc import IntegrityError

from frontwatch.models import (
    Event,
    IncidentStatus,
    PlaceMention,
    ProcessedArticle,
    from_jsonable,
    to_jsonable,
)
from frontwatch.store.schema import (
    ArticleRow,
    EventRow,
    IncidentRow,
    PlaceMentionRow,
    TimeExprRow,
)

# Article rows per INSERT statement (10 parameters each: well under SQLite's limit).
_ROWS_PER_STATEMENT = 100

ARTICLES: Table = ArticleRow.__table__  # type: ignore[assignment]
PLACES: Table = PlaceMentionRow.__table__  # type: ignore[assignment]
TIMES: Table = TimeExprRow.__table__  # type: ignore[assignment]
EVENTS: Table = EventRow.__table__  # type: ignore[assignment]
INCIDENTS: Table = IncidentRow.__table__  # type: ignore[assignment]


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _article_values(processed: ProcessedArticle, ingested_at: datetime) -> dict[str, Any]:
    article = processed.article
    return _fit(
        ARTICLES,
        {
            "id": article.id,
            "path": article.path,
            "title": article.title,
            "outlet": article.outlet,
            "published": article.published,
            "date_source": str(article.date_source),
            "ingested_at": ingested_at,
            "copy_of": None,
            "payload": to_jsonable(article),
            "extra": to_jsonable({"sentences": processed.sentences, **processed.extra}),
        },
    )


def _key(table: Table) -> Any:
    """The one primary-key column of a table keyed by an id."""
    (column,) = table.primary_key.columns
    return column


def _insert_ignoring(conn: Connection, table: Table) -> Any:
    """An INSERT that skips rows whose primary key exists (None where the dialect has none)."""
    if conn.dialect.name == "postgresql":
        return postgresql.insert(table).on_conflict_do_nothing(index_elements=[_key(table).name])
    if conn.dialect.name == "sqlite":
        return sqlite.insert(table).on_conflict_do_nothing(index_elements=[_key(table).name])
    return None


def _insert_articles(conn: Connection, rows: list[dict[str, Any]]) -> set[str]:
    """Insert article rows; the ids that were not there yet (another process may have
    stored some first: those are skipped, not an error)."""
    return insert_new_rows(conn, ARTICLES, rows)


def insert_new_rows(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> set[str]:
    """Insert rows keyed by their primary key, one statement per chunk, skipping ids already
    stored; the ids inserted."""
    statement = _insert_ignoring(conn, table)
    inserted: set[str] = set()
    for start in range(0, len(rows), _ROWS_PER_STATEMENT):
        chunk = rows[start : start + _ROWS_PER_STATEMENT]
        if statement is not None:  # rowcount is not reliable here (psycopg): ask for the ids
            inserted.update(conn.scalars(statement.values(chunk).returning(_key(table))))
            continue
        for values in chunk:
            try:
                with conn.begin_nested():
                    conn.execute(insert(table), values)
                inserted.add(values[_key(table).name])
            except IntegrityError:
                pass
    return inserted


def _insert_findings(conn: Connection, batch: Sequence[ProcessedArticle]) -> None:
    """The rows that hang off articles: place mentions, time expressions, events."""
    places: list[dict[str, Any]] = []
    times: list[dict[str, Any]] = []
    events: list[dict[str, Any]] = []
    for processed in batch:
        article_id = processed.article.id
        places += [_fit(PLACES, _place_values(article_id, m)) for m in processed.places]
        times += [
            {"article_id": article_id, "start": t.start, "payload": to_jsonable(t)}
            for t in processed.times
        ]
        events += {ev.id: _event_values(ev) for ev in processed.events}.values()
    if places:
        conn.execute(insert(PLACES), places)
    if times:
        conn.execute(insert(TIMES), times)
    if events:
        statement = _insert_ignoring(conn, EVENTS)
        conn.execute(insert(EVENTS) if statement is None else statement, events)


def _place_values(article_id: str, mention: PlaceMention) -> dict[str, Any]:
    return {
        "article_id": article_id,
        "start": mention.start,
        "end": mention.end,
        "role": mention.role,
        "place_id": mention.place.id if mention.place else None,
        "payload": to_jsonable(mention),
    }


def _event_values(ev: Event) -> dict[str, Any]:
    place = ev.place.place if ev.place else None
    return _fit(
        EVENTS,
        {
            "id": ev.id,
            "article_id": ev.article_id,
            "fw_type": ev.fw_type,
            "status": str(ev.status),
            "side1": ev.actor1.side if ev.actor1 else None,
            "side2": ev.actor2.side if ev.actor2 else None,
            "date_start": ev.time.date_start if ev.time else None,
            "date_end": ev.time.date_end if ev.time else None,
            "latitude": place.lat if place else None,
            "longitude": place.lon if place else None,
            "admin1": place.admin1 if place else None,
            "country": place.country if place else None,
            "incident_id": ev.incident_id,
            "incident_status": ev.incident_status,
            "review_status": None if ev.review_status == "machine" else ev.review_status,
            "evidence": ev.claim.sentence if ev.claim else "",
            "payload": to_jsonable(ev),
        },
    )


def _fit(table: Table, values: dict[str, Any]) -> dict[str, Any]:
    """Values PostgreSQL accepts: strings cut to their column's length (SQLite does not
    check) and without NUL characters. Only the filter columns change; the payload
    keeps the full value."""
    for name, value in values.items():
        if not isinstance(value, str):
            continue
        value = value.replace("\x00", "")
        length = getattr(table.c[name].type, "length", None)
        values[name] = value[:length] if length else value
    return values


def _event_from_row(row: EventRow | Row[Any]) -> Event:
    ev = from_jsonable(Event, row.payload)
    ev.incident_id = row.incident_id
    ev.incident_status = IncidentStatus(row.incident_status) if row.incident_status else None
    return ev
