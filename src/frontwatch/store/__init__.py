"""Store: SQLite by default (no server), PostgreSQL (or any SQLAlchemy URL) for a team.

Guarantees (tested in tests/test_store.py, test_postgres.py, test_resume.py):
- Articles are keyed by a hash of their text: storing an article twice stores
  it once, also when several processes store it at the same moment
  (``INSERT ... ON CONFLICT DO NOTHING``; retried on deadlocks and lock timeouts).
- Each batch is one transaction: a crash or kill never leaves half an article.
- The schema is managed by Alembic; opening a database upgrades it to the newest
  revision (``frontwatch.store.migrate``).
- ``dump``/``load`` round-trip a database losslessly through JSON Lines.
- Every query is built by SQLAlchemy with bound parameters.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import (
    Engine,
    Table,
    bindparam,
    delete,
    func,
    insert,
    or_,
    select,
    update,
)
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, SQLAlchemyError
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
from frontwatch.store import migrate
from frontwatch.store.engine import _engine, _lock, _lost_race, _one_line
from frontwatch.store.rows import (
    ARTICLES,
    EVENTS,
    INCIDENTS,
    PLACES,
    TIMES,
    _article_values,
    _event_from_row,
    _fit,
    _insert_articles,
    _insert_findings,
    _now,
)
from frontwatch.store.schema import (
    ArticleRow,
    EventRow,
    IncidentRow,
    PlaceMentionRow,
    TimeExprRow,
)

DEFAULT_DB = "frontwatch.db"
# Attempts at a write transaction that lost a race (deadlock, lock timeout, duplicate).
WRITE_ATTEMPTS = 5

T = TypeVar("T")

_MICROSECOND = timedelta(microseconds=1)


class StoreError(Exception):
    """The database cannot be opened or written; the message is one line for the user."""


def db_url(db: str | None = None) -> str:
    """A SQLAlchemy URL from ``--db`` (a path or URL), else $FRONTWATCH_DB, else ./frontwatch.db.

    ``postgresql://`` and ``postgres://`` URLs use psycopg 3, the driver frontwatch ships.
    """
    value = db or os.environ.get("FRONTWATCH_DB") or DEFAULT_DB
    for prefix in ("postgresql://", "postgres://"):
        if value.startswith(prefix):
            return "postgresql+psycopg://" + value.removeprefix(prefix)
    if "://" in value:
        return value
    return f"sqlite:///{Path(value).expanduser().resolve()}"


def safe_url(url: str) -> str:
    """The URL with any password hidden, for messages."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url


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
    regions: Sequence[str] | None = None  # admin1 codes (place.admin1) or country codes
    language: str | None = None  # the article's language code
    limit: int | None = None
    offset: int = 0
    include_rejected: bool = False  # events an analyst rejected (docs/review.md)


@dataclass(slots=True)
class LoadReport:
    """What ``Store.load`` did: rows new to this database and rows it already had."""

    articles: int = 0
    articles_already: int = 0
    incidents: int = 0
    incidents_already: int = 0


class Store:
    def __init__(self, db: str | None = None) -> None:
        self.url = db_url(db)
        try:
            self.engine: Engine = _engine(self.url)
            # Writers take the SQLite write lock when they begin, not half way through.
            self._writer = self.engine.execution_options(fw_write=True)
            migrate.upgrade(self._writer)
        except (SQLAlchemyError, migrate.SchemaError, OSError, ImportError) as exc:
            raise StoreError(
                f"cannot open database {safe_url(self.url)}: {_one_line(exc)}"
            ) from exc
        self._session = sessionmaker(self.engine, expire_on_commit=False)
        self._write_session = sessionmaker(self._writer, expire_on_commit=False)

    def close(self) -> None:
        self.engine.dispose()

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def schema_revision(self) -> str | None:
        with self.engine.connect() as conn:
            return migrate.current_revision(conn)

    def counts(self) -> dict[str, int]:
        """Rows per table."""
        return {t.name: self._count(t) for t in (ARTICLES, PLACES, TIMES, EVENTS, INCIDENTS)}

    def _count(self, table: Table) -> int:
        with self.engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(table)).scalar_one()

    # --- writing -------------------------------------------------------------

    def known_ids(self, ids: Iterable[str]) -> set[str]:
        wanted = list(set(ids))
        if not wanted:
            return set()
        with self.engine.connect() as conn:
            found: set[str] = set()
            for chunk in _chunks(wanted, 500):
                found.update(conn.scalars(select(ARTICLES.c.id).where(ARTICLES.c.id.in_(chunk))))
            return found

    def save(self, batch: Sequence[ProcessedArticle]) -> tuple[int, int]:
        """Store a batch in one transaction; (stored, already present).

        Safe to run from several processes at once: an article another process
        stored first counts as already present, and is never stored twice.
        """
        return self._retrying(lambda: self._save_once(batch))

    def _save_once(self, batch: Sequence[ProcessedArticle]) -> tuple[int, int]:
        unique: dict[str, ProcessedArticle] = {}
        for processed in batch:
            unique.setdefault(processed.article.id, processed)
        known = self.known_ids(unique)
        # One order in every process: two batches never wait on each other in a cycle.
        fresh = [unique[i] for i in sorted(unique) if i not in known]
        if not fresh:
            return 0, len(batch)
        # Each article its own store time, a microsecond apart in the order the batch
        # brought them: "stored first" (which names an incident) is then the same
        # whether a corpus arrives in one batch or in many.
        now = _now()
        arrival = {article_id: i for i, article_id in enumerate(unique)}
        with self._writer.begin() as conn:
            rows = [_article_values(p, now + _MICROSECOND * arrival[p.article.id]) for p in fresh]
            inserted = _insert_articles(conn, rows)
            _insert_findings(conn, [p for p in fresh if p.article.id in inserted])
        return len(inserted), len(batch) - len(inserted)

    def replace_article(self, processed: ProcessedArticle) -> None:
        """Re-store one article's findings (after a re-date, a reprocess), in one transaction;
        the article keeps its store time. Only a full fusion brings fusion up to date after it."""
        from frontwatch.store.fusion import mark_full_pending

        mark_full_pending(self)

        def replace() -> None:
            article_id = processed.article.id
            with self._writer.begin() as conn:
                # Its store time stays: re-dating or reprocessing is not storing anew.
                stored = conn.scalar(
                    select(ARTICLES.c.ingested_at).where(ARTICLES.c.id == article_id)
                )
                for table in (EVENTS, PLACES, TIMES):
                    conn.execute(delete(table).where(table.c.article_id == article_id))
                conn.execute(delete(ARTICLES).where(ARTICLES.c.id == article_id))
                conn.execute(insert(ARTICLES), [_article_values(processed, stored or _now())])
                _insert_findings(conn, [processed])

        self._retrying(replace)

    def set_incidents(self, incidents: Sequence[Incident], by_event: dict[str, Incident]) -> None:
        """Replace every incident, and each event's link to its incident, in one transaction."""

        def replace() -> None:
            with self._writer.begin() as conn:
                _lock(conn, "incidents")
                conn.execute(delete(INCIDENTS))
                rows = [
                    {"id": i.id, "status": i.status, "payload": to_jsonable(i)} for i in incidents
                ]
                if rows:
                    conn.execute(insert(INCIDENTS), [_fit(INCIDENTS, r) for r in rows])
                conn.execute(update(EVENTS).values(incident_id=None, incident_status=None))
                links = [
                    {"b_id": event_id, "b_incident": found.id, "b_status": found.status}
                    for event_id, found in by_event.items()
                ]
                if links:
                    conn.execute(
                        update(EVENTS)
                        .where(EVENTS.c.id == bindparam("b_id"))
                        .values(
                            incident_id=bindparam("b_incident"),
                            incident_status=bindparam("b_status"),
                        ),
                        links,
                    )

        self._retrying(replace)

    @contextmanager
    def write_session(self, lock: str | None = None) -> Iterator[Session]:
        """An ORM session in one write transaction, committed when the block ends.

        ``lock`` names a cross-process lock held until then (a PostgreSQL advisory
        lock; SQLite writers are serial anyway): two processes replacing the same
        derived rows (fusion) then take turns instead of colliding.
        """
        with self._write_session.begin() as session:
            if lock:
                _lock(session.connection(), lock)
            yield session

    def dump(self) -> Iterator[dict[str, Any]]:
        """The whole database as JSON-ready records: a header, articles, incidents."""
        from frontwatch.store.dump import dump_records

        yield from dump_records(self.engine)

    def load(
        self, records: Iterable[dict[str, Any]], batch_size: int = 100, checked: bool = False
    ) -> LoadReport:
        """Store records made by ``dump`` (the header may be left out), in batches.

        Articles and incidents this database already has are left as they are.
        Records are checked first (DumpError names a bad one) unless ``checked``
        says ``dump.check_record`` made them.
        """
        from frontwatch.store.dump import check_record, load_batch
        from frontwatch.store.fusion import mark_full_pending

        # Imported rows carry another database's fusion results: only a full fusion
        # (the next ingest's or `frontwatch fuse`) makes them one with this one's.
        mark_full_pending(self)
        if not checked:
            records = (check_record(r) for r in records)
        report = LoadReport()
        batch: list[dict[str, Any]] = []

        def flush(records: list[dict[str, Any]]) -> None:
            self._retrying(lambda: load_batch(self._writer, records, report))

        for record in records:
            if record["kind"] == "header":
                continue
            batch.append(record)
            if len(batch) >= batch_size:
                flush(batch)
                batch = []
        if batch:
            flush(batch)
        return report

    def _retrying(self, work: Callable[[], T]) -> T:
        """``work()``, again after a short wait when it lost a race with another writer."""
        for attempt in range(1, WRITE_ATTEMPTS + 1):
            try:
                return work()
            except DBAPIError as exc:
                if attempt == WRITE_ATTEMPTS or not _lost_race(exc):
                    raise
                time.sleep(0.05 * 2**attempt)
        raise AssertionError("unreachable")

    # --- reading -------------------------------------------------------------

    def article(self, article_id: str) -> Article | None:
        with self._session() as session:
            row = session.get(ArticleRow, article_id)
            return from_jsonable(Article, row.payload) if row else None

    def articles(self, limit: int | None = None, offset: int = 0) -> list[Article]:
        """Articles by path, all or one page of them (a page decodes only its own rows)."""
        query = select(ArticleRow.payload).order_by(ArticleRow.path, ArticleRow.id)
        query = query.limit(limit).offset(offset)  # limit None: no limit
        with self._session() as session:
            return [from_jsonable(Article, payload) for payload in session.scalars(query)]

    def article_count(self) -> int:
        return self._count(ARTICLES)

    def article_ids_for_path(self, path: str) -> list[str]:
        with self._session() as session:
            return list(session.scalars(select(ArticleRow.id).where(ArticleRow.path == path)))

    def article_extra(self, article_id: str) -> dict[str, Any]:
        with self._session() as session:
            row = session.get(ArticleRow, article_id)
            return dict(row.extra) if row else {}

    def place_mentions(self, article_id: str | None = None) -> list[tuple[str, PlaceMention]]:
        query = select(PlaceMentionRow.article_id, PlaceMentionRow.payload).order_by(
            PlaceMentionRow.article_id, PlaceMentionRow.start
        )
        if article_id:
            query = query.where(PlaceMentionRow.article_id == article_id)
        with self._session() as session:
            return [
                (aid, from_jsonable(PlaceMention, payload))
                for aid, payload in session.execute(query)
            ]

    def time_exprs(self, article_id: str) -> list[TimeExpr]:
        query = select(TimeExprRow).where(TimeExprRow.article_id == article_id)
        with self._session() as session:
            rows = session.scalars(query.order_by(TimeExprRow.start))
            return [from_jsonable(TimeExpr, r.payload) for r in rows]

    def event_counts(self, article_ids: Iterable[str]) -> dict[str, int]:
        """Number of events of each article, in one query."""
        ids = list(article_ids)
        with self._session() as session:
            rows = session.execute(
                select(EventRow.article_id, func.count())
                .where(EventRow.article_id.in_(ids))
                .group_by(EventRow.article_id)
            )
            found = {article_id: count for article_id, count in rows}
        return {i: found.get(i, 0) for i in ids}

    def event(self, event_id: str) -> Event | None:
        with self._session() as session:
            row = session.get(EventRow, event_id)
            return _event_from_row(row) if row else None

    def events(self, flt: EventFilter | None = None) -> list[Event]:
        flt = flt or EventFilter()
        # Columns, not ORM objects: a row's identity-map bookkeeping costs more than
        # decoding its payload, and nothing here is written back.
        columns = (EventRow.payload, EventRow.incident_id, EventRow.incident_status)
        query = _filtered(select(*columns), flt).order_by(
            # Undated last, explicitly: SQLite and PostgreSQL put NULLs at opposite ends.
            EventRow.date_start.asc().nulls_last(),
            EventRow.date_end.asc().nulls_last(),
            EventRow.article_id,
            EventRow.id,
        )
        if flt.offset:
            query = query.offset(flt.offset)
        if flt.limit is not None:
            query = query.limit(flt.limit)
        with self._session() as session:
            return [_event_from_row(r) for r in session.execute(query)]

    def event_count(self, flt: EventFilter | None = None) -> int:
        """How many events the filter keeps (its limit and offset aside)."""
        query = _filtered(select(func.count()).select_from(EventRow), flt or EventFilter())
        with self._session() as session:
            return int(session.execute(query).scalar_one())

    def incidents(self) -> list[Incident]:
        with self._session() as session:
            rows = session.scalars(select(IncidentRow).order_by(IncidentRow.id))
            return [from_jsonable(Incident, r.payload) for r in rows]

    def incident(self, incident_id: str) -> Incident | None:
        """The incident with this id, or the one an older id of it now names (an alias)."""
        from frontwatch.store.review import resolve_alias

        with self._session() as session:
            row = session.get(IncidentRow, incident_id)
            if row is None and (current := resolve_alias(session, incident_id)):
                row = session.get(IncidentRow, current)
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
    if flt.regions:
        codes = list(flt.regions)
        query = query.where(or_(EventRow.admin1.in_(codes), EventRow.country.in_(codes)))
    if flt.language:
        language = ArticleRow.payload["language"].as_string()
        query = query.where(
            EventRow.article_id.in_(select(ArticleRow.id).where(language == flt.language))
        )
    if not flt.include_rejected:
        query = query.where(
            or_(EventRow.review_status.is_(None), EventRow.review_status != "rejected")
        )
    return query


def _chunks(items: list[str], size: int) -> Iterable[list[str]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]
