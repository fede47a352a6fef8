"""Fusion's index: what an incremental fusion needs to find what a new batch can change
without reading the whole store (docs/fusion.md, "Incremental fusion").

All of it is derived data, rewritten by every full fusion (``frontwatch fuse``) and
extended by each incremental one in the same transaction as its results; migration
0005 creates the tables. An article with no ``fw_fuse_articles`` row is not fused yet.

  fw_fuse_articles      per article: its copy cluster's root, provenance, named wire,
                        suspect spans and flags, publication and store times
  fw_fuse_buckets       per article: its MinHash LSH band keys (copy candidates)
  fw_fuse_events        per event: the incident blocks it is in, with its time span
  fw_fuse_mentions      per name of a person or body: its entity block, as compared
  fw_fuse_classes       per body's name block and distinct name (name, side, role,
                        known-as): how many mentions, their articles, the first one
                        (migration 0006; fuse/classes.py)
  fw_fuse_entity_blocks per entity: the blocks its mentions came from
  fw_fuse_incidents     per incident and admin-1 region: its span and whether a tally
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Float,
    Index,
    Integer,
    String,
    Text,
    delete,
    func,
    select,
)
from sqlalchemy.orm import Mapped, Session, mapped_column

from frontwatch.store.schema import ArticleRow, Base, EventRow, PlaceMentionRow


class FuseArticleRow(Base):
    __tablename__ = "fw_fuse_articles"

    article_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    root: Mapped[str] = mapped_column(String(32), index=True)  # origin of its copy cluster
    provenance: Mapped[str] = mapped_column(String(240))
    origin_name: Mapped[str | None] = mapped_column(String(200))
    jaccard: Mapped[float | None] = mapped_column(Float)  # best verified similarity (a copy)
    containment: Mapped[float | None] = mapped_column(Float)
    published: Mapped[date | None] = mapped_column(Date)
    stored: Mapped[datetime | None] = mapped_column(DateTime)
    spans: Mapped[list] = mapped_column(JSON)  # suspect mention spans, [[start, end], ...]
    flags: Mapped[list] = mapped_column(JSON)  # the suspect-text flags fusion set


class FuseBucketRow(Base):
    __tablename__ = "fw_fuse_buckets"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    key: Mapped[int] = mapped_column(BigInteger, index=True)  # a band of the signature
    band: Mapped[int] = mapped_column(Integer)
    article_id: Mapped[str] = mapped_column(String(32))  # not indexed: never looked up by it


class FuseEventRow(Base):
    __tablename__ = "fw_fuse_events"

    event_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    block: Mapped[str] = mapped_column(String(300), primary_key=True)
    article_id: Mapped[str] = mapped_column(String(32))
    lo: Mapped[int | None] = mapped_column(Integer)  # ordinal days; None: undated
    hi: Mapped[int | None] = mapped_column(Integer)


class FuseMentionRow(Base):
    """A person or body named in an article, in the form entity fusion compares."""

    __tablename__ = "fw_fuse_mentions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    key: Mapped[str] = mapped_column(String(300), index=True)  # its entity block
    article_id: Mapped[str] = mapped_column(String(32))
    sort: Mapped[str] = mapped_column(String(200))  # its place in the full run's order
    payload: Mapped[dict] = mapped_column(JSON)  # the Mention, and the canonical name given


class FuseClassRow(Base):
    """Identical names of bodies in one block: what entity fusion needs of them all."""

    __tablename__ = "fw_fuse_classes"

    key: Mapped[str] = mapped_column(String(300), primary_key=True)  # its entity block
    sig: Mapped[str] = mapped_column(String(40), primary_key=True)  # of name, side, role ...
    sort: Mapped[str] = mapped_column(String(200))  # its first mention's place in the order
    weight: Mapped[int] = mapped_column(Integer)  # how many mentions
    payload: Mapped[dict] = mapped_column(JSON)  # the first mention, and the canonical name
    articles: Mapped[str] = mapped_column(Text)  # its mentions' article ids, sorted, one a line


class FuseEntityBlockRow(Base):
    __tablename__ = "fw_fuse_entity_blocks"

    key: Mapped[str] = mapped_column(String(300), primary_key=True)
    entity_id: Mapped[str] = mapped_column(String(32), primary_key=True, index=True)


class FuseIncidentRow(Base):
    __tablename__ = "fw_fuse_incidents"

    incident_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    region: Mapped[str] = mapped_column(String(200), primary_key=True, index=True)
    tally: Mapped[bool] = mapped_column(Boolean)
    lo: Mapped[int] = mapped_column(Integer)
    hi: Mapped[int] = mapped_column(Integer)


Index("ix_fw_fuse_events_block", FuseEventRow.block, FuseEventRow.lo)
# The widest span, read by every incremental fusion, from an index (migration 0006).
Index("ix_fw_fuse_events_span", FuseEventRow.hi - FuseEventRow.lo)
Index("ix_fw_fuse_incidents_span", FuseIncidentRow.hi - FuseIncidentRow.lo)
Index(
    "ix_fw_fuse_incidents_reach", FuseIncidentRow.tally, FuseIncidentRow.region, FuseIncidentRow.lo
)

INDEX_MODELS: list[Any] = [FuseArticleRow, FuseBucketRow, FuseEventRow, FuseMentionRow,
                           FuseClassRow, FuseEntityBlockRow, FuseIncidentRow]  # fmt: skip
NOT_DUMPED = frozenset(str(m.__tablename__) for m in INDEX_MODELS)


# --- reading -----------------------------------------------------------------------------

_CHUNK = 500


def chunks(items: Iterable[Any], size: int = _CHUNK) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def unfused_article_ids(session: Session) -> list[str]:
    """Articles stored but not fused yet (no fw_fuse_articles row), by id."""
    fused = select(FuseArticleRow.article_id)
    query = select(ArticleRow.id).where(ArticleRow.id.not_in(fused)).order_by(ArticleRow.id)
    return list(session.scalars(query))


def article_rows(session: Session, ids: Iterable[str]) -> dict[str, Any]:
    """id -> (id, payload, published, ingested_at, extra, copy_of) of these articles."""
    cols = (ArticleRow.id, ArticleRow.payload, ArticleRow.published, ArticleRow.ingested_at,
            ArticleRow.extra, ArticleRow.copy_of)  # fmt: skip
    found: dict[str, Any] = {}
    for chunk in chunks(sorted(set(ids))):
        for row in session.execute(select(*cols).where(ArticleRow.id.in_(chunk))):
            found[row.id] = row
    return found


def fuse_articles(session: Session, ids: Iterable[str]) -> dict[str, FuseArticleRow]:
    found: dict[str, FuseArticleRow] = {}
    for chunk in chunks(sorted(set(ids))):
        query = select(FuseArticleRow).where(FuseArticleRow.article_id.in_(chunk))
        for row in session.scalars(query):
            found[row.article_id] = row
    return found


def cluster_members(session: Session, roots: Iterable[str]) -> set[str]:
    """Articles whose copy cluster has one of these roots."""
    found: set[str] = set()
    for chunk in chunks(sorted(set(roots))):
        query = select(FuseArticleRow.article_id).where(FuseArticleRow.root.in_(chunk))
        found.update(session.scalars(query))
    return found


def bucket_hits(session: Session, keys: Iterable[tuple[int, int]]) -> set[tuple[int, int, str]]:
    """(band, key, article id) of stored articles sharing one of these (band, key)."""
    wanted = set(keys)
    found: set[tuple[int, int, str]] = set()
    for chunk in chunks(sorted({k for _b, k in wanted})):
        query = select(FuseBucketRow.key, FuseBucketRow.band, FuseBucketRow.article_id)
        for key, band, article_id in session.execute(query.where(FuseBucketRow.key.in_(chunk))):
            if (band, key) in wanted:
                found.add((band, key, article_id))
    return found


_EVENT_ORDER = (
    EventRow.date_start.asc().nulls_last(),
    EventRow.date_end.asc().nulls_last(),
    EventRow.article_id,
    EventRow.id,
)
_EVENT_COLS = (EventRow.id, EventRow.article_id, EventRow.date_start, EventRow.date_end,
               EventRow.payload, EventRow.incident_id, EventRow.incident_status)  # fmt: skip


def event_order(row: Any) -> tuple[Any, ...]:
    """The order of ``Store.events()`` (dates, undated last; article; id), in Python."""
    return (row.date_start is None, row.date_start or date.min,
            row.date_end is None, row.date_end or date.min, row.article_id, row.id)  # fmt: skip


def events_of_articles(session: Session, ids: Iterable[str]) -> list[Any]:
    rows: list[Any] = []
    for chunk in chunks(sorted(set(ids))):
        query = select(*_EVENT_COLS).where(EventRow.article_id.in_(chunk))
        rows.extend(session.execute(query))
    return rows


def events_by_id(session: Session, ids: Iterable[str]) -> list[Any]:
    rows: list[Any] = []
    for chunk in chunks(sorted(set(ids))):
        rows.extend(session.execute(select(*_EVENT_COLS).where(EventRow.id.in_(chunk))))
    return rows


def events_of_incidents(session: Session, incident_ids: Iterable[str]) -> set[str]:
    found: set[str] = set()
    for chunk in chunks(sorted(set(incident_ids))):
        query = select(EventRow.id).where(EventRow.incident_id.in_(chunk))
        found.update(session.scalars(query))
    return found


def widest_span(session: Session) -> int:
    """The widest span (days) of an indexed event: how far back a block query looks."""
    return int(session.scalar(select(func.max(FuseEventRow.hi - FuseEventRow.lo))) or 0)


def block_rows(session: Session, block: str, lo: int, hi: int, widest: int) -> list[Any]:
    """Indexed events of a block that are undated or whose span meets [lo, hi]
    (``widest``: the widest span, so that the index on (block, lo) bounds the scan)."""
    cols = (FuseEventRow.event_id, FuseEventRow.lo, FuseEventRow.hi)
    query = select(*cols).where(
        FuseEventRow.block == block,
        FuseEventRow.lo >= lo - widest,
        FuseEventRow.lo <= hi,
        FuseEventRow.hi >= lo,
    )
    rows = list(session.execute(query))
    if "|article:" in block:  # only an article's block holds undated events
        undated = select(*cols).where(FuseEventRow.block == block, FuseEventRow.lo.is_(None))
        rows += list(session.execute(undated))
    return rows


def mentions_in(session: Session, keys: Iterable[str]) -> list[Any]:
    """(id, sort, payload) of the stored mentions in these entity blocks."""
    rows: list[Any] = []
    cols = (FuseMentionRow.id, FuseMentionRow.sort, FuseMentionRow.payload)
    for chunk in chunks(sorted(set(keys))):
        rows.extend(session.execute(select(*cols).where(FuseMentionRow.key.in_(chunk))))
    return rows


def entities_by_id(session: Session, ids: Iterable[str]) -> list[Any]:
    from frontwatch.store.fusion import EntityRow

    rows: list[Any] = []
    for chunk in chunks(sorted(set(ids))):
        rows.extend(session.scalars(select(EntityRow).where(EntityRow.id.in_(chunk))))
    return rows


def classes_in(session: Session, keys: Iterable[str]) -> list[FuseClassRow]:
    """The name classes of these entity blocks."""
    rows: list[FuseClassRow] = []
    for chunk in chunks(sorted(set(keys))):
        rows.extend(session.scalars(select(FuseClassRow).where(FuseClassRow.key.in_(chunk))))
    return rows


def entity_blocks(
    session: Session, *, keys: Iterable[str] = (), ids: Iterable[str] = ()
) -> set[tuple[str, str]]:
    """(key, entity id) rows for these keys or these entity ids."""
    found: set[tuple[str, str]] = set()
    cols = (FuseEntityBlockRow.key, FuseEntityBlockRow.entity_id)
    for chunk in chunks(sorted(set(keys))):
        found.update(session.execute(select(*cols).where(FuseEntityBlockRow.key.in_(chunk))))
    for chunk in chunks(sorted(set(ids))):
        query = select(*cols).where(FuseEntityBlockRow.entity_id.in_(chunk))
        found.update(session.execute(query))
    return {(k, e) for k, e in found}


def place_mentions_at(session: Session, place_ids: Iterable[str]) -> list[tuple[str, Any]]:
    """(article id, payload) of every mention of these places, in ``Store.place_mentions``
    order."""
    rows: list[Any] = []
    for chunk in chunks(sorted(set(place_ids))):
        query = select(PlaceMentionRow.article_id, PlaceMentionRow.start, PlaceMentionRow.payload)
        rows.extend(session.execute(query.where(PlaceMentionRow.place_id.in_(chunk))))
    rows.sort(key=lambda r: (r.article_id, r.start))
    return [(r.article_id, r.payload) for r in rows]


def place_mentions_of(session: Session, ids: Iterable[str]) -> list[tuple[str, Any]]:
    rows: list[Any] = []
    for chunk in chunks(sorted(set(ids))):
        query = select(PlaceMentionRow.article_id, PlaceMentionRow.start, PlaceMentionRow.payload)
        rows.extend(session.execute(query.where(PlaceMentionRow.article_id.in_(chunk))))
    rows.sort(key=lambda r: (r.article_id, r.start))
    return [(r.article_id, r.payload) for r in rows]


def widest_incident(session: Session) -> int:
    """The widest span (days) of an indexed incident (bounds ``tally_rows``' scan)."""
    return int(session.scalar(select(func.max(FuseIncidentRow.hi - FuseIncidentRow.lo))) or 0)


def tally_rows(
    session: Session, regions: Iterable[str], lo: int, hi: int, tally: bool, widest: int
) -> set[str]:
    """Incidents (tallies or not) in one of these regions whose span meets [lo, hi]
    (``widest``: the widest span, so that the index on (tally, region, lo) bounds the
    scan to the days around the span, not all that come before it)."""
    query = select(FuseIncidentRow.incident_id).where(
        FuseIncidentRow.region.in_(sorted(set(regions))),
        FuseIncidentRow.tally.is_(tally),
        FuseIncidentRow.lo >= lo - widest,
        FuseIncidentRow.lo <= hi,
        FuseIncidentRow.hi >= lo,
    )
    return set(session.scalars(query))


def incident_reach(
    session: Session, ids: Iterable[str]
) -> dict[str, tuple[bool, set[str], int, int]]:
    """incident id -> (tally, regions, lo, hi) from the index."""
    found: dict[str, tuple[bool, set[str], int, int]] = {}
    for chunk in chunks(sorted(set(ids))):
        query = select(FuseIncidentRow).where(FuseIncidentRow.incident_id.in_(chunk))
        for row in session.scalars(query):
            tally, regions, lo, hi = found.get(row.incident_id, (row.tally, set(), row.lo, row.hi))
            regions.add(row.region)
            found[row.incident_id] = (tally, regions, lo, hi)
    return found


def insert_rows(session: Session, model: Any, rows: list[dict[str, Any]]) -> None:
    """Insert plain rows (Core: no ORM bookkeeping), in chunks."""
    table = model.__table__
    for chunk in chunks(rows, 2000):
        session.connection().execute(table.insert(), chunk)


def delete_where(session: Session, column: Any, values: Iterable[Any]) -> None:
    for chunk in chunks(sorted(set(values))):
        session.execute(delete(column.table).where(column.in_(chunk)))


def clear_index(session: Session) -> None:
    for model in INDEX_MODELS:
        session.execute(delete(model))


def article_extras(session: Session, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    for chunk in chunks(sorted(set(ids))):
        query = select(ArticleRow.id, ArticleRow.extra).where(ArticleRow.id.in_(chunk))
        for article_id, extra in session.execute(query):
            found[article_id] = dict(extra or {})
    return found


def write_index(store: Any, rows: dict[Any, list[dict[str, Any]]]) -> None:
    """Replace the whole index, in one transaction."""
    with store.write_session(lock="fusion") as session:
        clear_index(session)
        for model, values in rows.items():
            insert_rows(session, model, values)
