"""Store: SQLite by default (no server), any SQLAlchemy URL for a team database.

Articles are keyed by a hash of their normalised text, so storing the same
article twice stores it once; each batch is one transaction, so a crash never
leaves half an article behind.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, delete, event, or_, select
from sqlalchemy.orm import Session, sessionmaker

from frontwatch.models import (
    Article,
    Event,
    Incident,
    PlaceMention,
    ProcessedArticle,
    TimeExpr,
    from_jsonable,
    to_jsonable,
)
from frontwatch.store.schema import (
    ArticleRow,
    Base,
    EventRow,
    IncidentRow,
    PlaceMentionRow,
    TimeExprRow,
)

DEFAULT_DB = "frontwatch.db"


def db_url(db: str | None = None) -> str:
    """A SQLAlchemy URL from ``--db`` (a path or URL), else $FRONTWATCH_DB, else ./frontwatch.db."""
    value = db or os.environ.get("FRONTWATCH_DB") or DEFAULT_DB
    if "://" in value:
        return value
    return f"sqlite:///{Path(value).expanduser().resolve()}"


@dataclass(slots=True)
class EventFilter:
    side: str | None = None
    types: Sequence[str] | None = None  # fw_type values
    status: str | None = None
    since: date | None = None
    until: date | None = None
    article_id: str | None = None
    incident_id: str | None = None
    bbox: tuple[float, float, float, float] | None = None  # west, south, east, north
    text: str | None = None
    limit: int | None = None
    offset: int = 0


class Store:
    def __init__(self, db: str | None = None) -> None:
        self.url = db_url(db)
        if self.url.startswith("sqlite:///"):
            Path(self.url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
        self.engine: Engine = create_engine(self.url)
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
        Base.metadata.create_all(self.engine)
        self._session = sessionmaker(self.engine, expire_on_commit=False)

    def close(self) -> None:
        self.engine.dispose()

    # --- writing -------------------------------------------------------------

    def known_ids(self, ids: Iterable[str]) -> set[str]:
        wanted = list(set(ids))
        if not wanted:
            return set()
        with self._session() as session:
            found: set[str] = set()
            for chunk in _chunks(wanted, 500):
                rows = session.scalars(select(ArticleRow.id).where(ArticleRow.id.in_(chunk)))
                found.update(rows)
            return found

    def save(self, batch: Sequence[ProcessedArticle]) -> tuple[int, int]:
        """Store a batch in one transaction; (stored, already present)."""
        known = self.known_ids(p.article.id for p in batch)
        stored = 0
        seen: set[str] = set()
        with self._session.begin() as session:
            for processed in batch:
                if processed.article.id in known or processed.article.id in seen:
                    continue
                seen.add(processed.article.id)
                _add_processed(session, processed)
                stored += 1
        return stored, len(batch) - stored

    def replace_article(self, processed: ProcessedArticle) -> None:
        """Re-store one article's findings (after a re-date), in one transaction."""
        with self._session.begin() as session:
            session.execute(delete(EventRow).where(EventRow.article_id == processed.article.id))
            session.execute(
                delete(PlaceMentionRow).where(PlaceMentionRow.article_id == processed.article.id)
            )
            session.execute(
                delete(TimeExprRow).where(TimeExprRow.article_id == processed.article.id)
            )
            session.execute(delete(ArticleRow).where(ArticleRow.id == processed.article.id))
            _add_processed(session, processed)

    def set_incidents(self, incidents: Sequence[Incident], by_event: dict[str, Incident]) -> None:
        with self._session.begin() as session:
            session.execute(delete(IncidentRow))
            for incident in incidents:
                session.add(
                    IncidentRow(
                        id=incident.id, status=incident.status, payload=to_jsonable(incident)
                    )
                )
            for row in session.scalars(select(EventRow)):
                found = by_event.get(row.id)
                row.incident_id = found.id if found else None
                row.incident_status = found.status if found else None

    # --- reading -------------------------------------------------------------

    def article(self, article_id: str) -> Article | None:
        with self._session() as session:
            row = session.get(ArticleRow, article_id)
            return from_jsonable(Article, row.payload) if row else None

    def articles(self) -> list[Article]:
        with self._session() as session:
            rows = session.scalars(select(ArticleRow).order_by(ArticleRow.path, ArticleRow.id))
            return [from_jsonable(Article, r.payload) for r in rows]

    def article_ids_for_path(self, path: str) -> list[str]:
        with self._session() as session:
            return list(session.scalars(select(ArticleRow.id).where(ArticleRow.path == path)))

    def article_extra(self, article_id: str) -> dict[str, Any]:
        with self._session() as session:
            row = session.get(ArticleRow, article_id)
            return dict(row.extra) if row else {}

    def place_mentions(self, article_id: str | None = None) -> list[tuple[str, PlaceMention]]:
        query = select(PlaceMentionRow).order_by(PlaceMentionRow.article_id, PlaceMentionRow.start)
        if article_id:
            query = query.where(PlaceMentionRow.article_id == article_id)
        with self._session() as session:
            return [
                (r.article_id, from_jsonable(PlaceMention, r.payload))
                for r in session.scalars(query)
            ]

    def time_exprs(self, article_id: str) -> list[TimeExpr]:
        query = select(TimeExprRow).where(TimeExprRow.article_id == article_id)
        with self._session() as session:
            rows = session.scalars(query.order_by(TimeExprRow.start))
            return [from_jsonable(TimeExpr, r.payload) for r in rows]

    def event(self, event_id: str) -> Event | None:
        with self._session() as session:
            row = session.get(EventRow, event_id)
            return _event_from_row(row) if row else None

    def events(self, flt: EventFilter | None = None) -> list[Event]:
        flt = flt or EventFilter()
        query = _filtered(select(EventRow), flt).order_by(
            EventRow.date_start.is_(None),
            EventRow.date_start,
            EventRow.date_end,
            EventRow.article_id,
            EventRow.id,
        )
        if flt.offset:
            query = query.offset(flt.offset)
        if flt.limit is not None:
            query = query.limit(flt.limit)
        with self._session() as session:
            return [_event_from_row(r) for r in session.scalars(query)]

    def incidents(self) -> list[Incident]:
        with self._session() as session:
            rows = session.scalars(select(IncidentRow).order_by(IncidentRow.id))
            return [from_jsonable(Incident, r.payload) for r in rows]

    def incident(self, incident_id: str) -> Incident | None:
        with self._session() as session:
            row = session.get(IncidentRow, incident_id)
            return from_jsonable(Incident, row.payload) if row else None


def _filtered(query: Any, flt: EventFilter) -> Any:
    if flt.side:
        query = query.where(EventRow.side1 == flt.side)
    if flt.types:
        query = query.where(EventRow.fw_type.in_(list(flt.types)))
    if flt.status:
        query = query.where(EventRow.status == flt.status)
    if flt.since:
        query = query.where(or_(EventRow.date_end >= flt.since, EventRow.date_start >= flt.since))
    if flt.until:
        query = query.where(
            or_(
                EventRow.date_start <= flt.until,
                EventRow.date_start.is_(None) & (EventRow.date_end <= flt.until),
            )
        )
    if flt.article_id:
        query = query.where(EventRow.article_id == flt.article_id)
    if flt.incident_id:
        query = query.where(EventRow.incident_id == flt.incident_id)
    if flt.bbox:
        west, south, east, north = flt.bbox
        query = query.where(
            EventRow.longitude.between(west, east), EventRow.latitude.between(south, north)
        )
    if flt.text:
        query = query.where(EventRow.evidence.contains(flt.text, autoescape=True))
    return query


def _add_processed(session: Session, processed: ProcessedArticle) -> None:
    article = processed.article
    session.add(
        ArticleRow(
            id=article.id,
            path=article.path,
            title=article.title,
            outlet=article.outlet,
            published=article.published,
            date_source=str(article.date_source),
            ingested_at=datetime.now(UTC).replace(tzinfo=None),
            copy_of=None,
            payload=to_jsonable(article),
            extra=to_jsonable({"sentences": processed.sentences, **processed.extra}),
        )
    )
    session.flush()  # the article row first: the rows below refer to it
    for mention in processed.places:
        session.add(
            PlaceMentionRow(
                article_id=article.id,
                start=mention.start,
                end=mention.end,
                role=mention.role,
                place_id=mention.place.id if mention.place else None,
                payload=to_jsonable(mention),
            )
        )
    for expr in processed.times:
        session.add(TimeExprRow(article_id=article.id, start=expr.start, payload=to_jsonable(expr)))
    for ev in processed.events:
        session.add(_event_row(ev))


def _event_row(ev: Event) -> EventRow:
    place = ev.place.place if ev.place else None
    return EventRow(
        id=ev.id,
        article_id=ev.article_id,
        fw_type=ev.fw_type,
        status=str(ev.status),
        side1=ev.actor1.side if ev.actor1 else None,
        side2=ev.actor2.side if ev.actor2 else None,
        date_start=ev.time.date_start if ev.time else None,
        date_end=ev.time.date_end if ev.time else None,
        latitude=place.lat if place else None,
        longitude=place.lon if place else None,
        admin1=place.admin1 if place else None,
        country=place.country if place else None,
        incident_id=ev.incident_id,
        incident_status=ev.incident_status,
        evidence=ev.claim.sentence if ev.claim else "",
        payload=to_jsonable(ev),
    )


def _event_from_row(row: EventRow) -> Event:
    ev = from_jsonable(Event, row.payload)
    ev.incident_id, ev.incident_status = row.incident_id, row.incident_status
    return ev


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def _chunks(items: list[str], size: int) -> Iterable[list[str]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]
