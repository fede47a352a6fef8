"""Tables and thin store functions for the fuse stage (copies, entities, incident details).

The tables share ``Base`` with the rest of the store; migration 0002 creates
them; the functions take a ``Store`` and write in one transaction each, so a
failed fusion never leaves half its results behind.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    DateTime,
    Float,
    Integer,
    String,
    Text,
    delete,
    select,
    update,
)
from sqlalchemy.orm import Mapped, mapped_column

from frontwatch.store import Store
from frontwatch.store.fuse_index import NOT_DUMPED as INDEX_NOT_DUMPED
from frontwatch.store.schema import ArticleRow, Base, EventRow


class ArticleLinkRow(Base):
    """How an article relates to its origin: a near-duplicate copy, a named wire service."""

    __tablename__ = "fw_article_links"

    article_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    copy_of: Mapped[str | None] = mapped_column(String(32), index=True)
    similarity: Mapped[float | None] = mapped_column(Float)
    origin_name: Mapped[str | None] = mapped_column(String(200))  # "Reuters"
    provenance: Mapped[str] = mapped_column(String(240), index=True)  # what counts as one source


class EntityRow(Base):
    """A canonical person, body or place with every spelling it was found under."""

    __tablename__ = "fw_entities"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16), index=True)  # person | org | place
    canonical: Mapped[str] = mapped_column(Text)
    side: Mapped[str | None] = mapped_column(String(16))
    mentions: Mapped[int] = mapped_column(Integer)
    payload: Mapped[dict] = mapped_column(JSON)


class IncidentDetailRow(Base):
    """What an incident is about (place, time, sides, claims); the Incident row stays lean."""

    __tablename__ = "fw_incident_details"

    incident_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    payload: Mapped[dict] = mapped_column(JSON)


class FusionStateRow(Base):
    """Whether fusion is up to date with the articles stored.

    Every writer of fusion's inputs raises ``wanted`` (in a transaction of its own,
    before it writes); fusion reads ``wanted`` when it starts and, once all its
    results are committed, sets ``done`` to it. ``done < wanted`` therefore means a
    fusion is owed, whatever moment a writer or a fusion was killed at: the next
    ingest (even one with nothing new) or ``frontwatch fuse`` recomputes it.
    """

    __tablename__ = "fw_fusion_state"

    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    wanted: Mapped[int] = mapped_column(Integer)
    done: Mapped[int] = mapped_column(Integer)


class WatchSourceRow(Base):
    """What ``frontwatch watch`` knows of one source (a feed URL or a file in a folder)."""

    __tablename__ = "fw_watch_sources"

    source: Mapped[str] = mapped_column(Text, primary_key=True)
    etag: Mapped[str | None] = mapped_column(Text)
    last_modified: Mapped[str | None] = mapped_column(Text)
    size: Mapped[int | None] = mapped_column(BigInteger)  # files: size and mtime seen
    mtime_ns: Mapped[int | None] = mapped_column(BigInteger)
    new: Mapped[int] = mapped_column(Integer, default=0)  # totals since first watched
    seen: Mapped[int] = mapped_column(Integer, default=0)
    failed: Mapped[int] = mapped_column(Integer, default=0)
    checked_at: Mapped[datetime | None] = mapped_column(DateTime)


_STATE = "fusion"
# Book-keeping of this database's own runs, not data: left out of `export --what db`.
# (fusion's index, store/fuse_index.py, is derived: a loaded store rebuilds it)
NOT_DUMPED = frozenset({FusionStateRow.__tablename__}) | INDEX_NOT_DUMPED


def mark_pending(store: Store) -> None:
    """Record that fusion's inputs are about to change (call before writing them)."""
    with store.write_session(lock="fusion-state") as session:
        row = session.get(FusionStateRow, _STATE)
        if row is None:
            session.add(FusionStateRow(name=_STATE, wanted=1, done=0))
        else:
            row.wanted += 1


def pending_generation(store: Store) -> tuple[int, bool]:
    """(the generation fusion would bring the store to, whether one is owed)."""
    with store._session() as session:
        row = session.get(FusionStateRow, _STATE)
        if row is None:
            return 0, False
        return row.wanted, row.done < row.wanted


def mark_fused(store: Store, generation: int, full: int | None = None) -> None:
    """Fusion's results for ``generation`` are all committed (``full``: by the full
    fusion that ``mark_full_pending`` numbered)."""
    with store.write_session(lock="fusion-state") as session:
        mark_fused_in(session, generation)
        if full is not None:
            row = session.get(FusionStateRow, _FULL)
            if row is not None and row.done < full:
                row.done = full


def mark_fused_in(session: Any, generation: int) -> None:
    """``mark_fused`` inside the caller's transaction (incremental fusion commits its
    results and this mark together)."""
    row = session.get(FusionStateRow, _STATE)
    if row is None:
        session.add(FusionStateRow(name=_STATE, wanted=generation, done=generation))
    elif row.done < generation:
        row.done = generation


_FULL = "full"


def mark_full_pending(store: Store) -> int:
    """Say that only a full fusion can bring the store up to date (a full fusion about to
    run, an article re-processed): the number to hand to ``mark_fused`` when one did."""
    with store.write_session(lock="fusion-state") as session:
        row = session.get(FusionStateRow, _FULL)
        if row is None:
            row = FusionStateRow(name=_FULL, wanted=1, done=0)
            session.add(row)
        else:
            row.wanted += 1
        return int(row.wanted)


def full_owed(store: Store) -> bool:
    """True until a full fusion completed since the last ``mark_full_pending`` (and on a
    store never fully fused, or made before fusion's index existed)."""
    with store._session() as session:
        row = session.get(FusionStateRow, _FULL)
        return row is None or row.done < row.wanted


@dataclass(slots=True)
class ArticleInfo:
    """The columns of a stored article that fusion orders and groups by."""

    id: str
    published: date | None
    ingested_at: datetime | None


_TABLES = [ArticleLinkRow.__table__, EntityRow.__table__, IncidentDetailRow.__table__]


def ensure_tables(store: Store) -> None:
    """Nothing to do: migration 0002 makes these tables whenever a Store is opened."""


def article_infos(store: Store) -> dict[str, ArticleInfo]:
    with store._session() as session:
        rows = session.execute(select(ArticleRow.id, ArticleRow.published, ArticleRow.ingested_at))
        return {r.id: ArticleInfo(r.id, r.published, r.ingested_at) for r in rows}


def article_extras(store: Store) -> dict[str, dict[str, Any]]:
    """Every article's per-article findings (sentences, actors where stored)."""
    with store._session() as session:
        rows = session.execute(select(ArticleRow.id, ArticleRow.extra).order_by(ArticleRow.id))
        return {r.id: dict(r.extra or {}) for r in rows}


def save_fusion(
    store: Store,
    links: Sequence[ArticleLinkRow],
    flags: Mapping[str, list[str]],
    entities: Sequence[EntityRow],
    details: Mapping[str, dict[str, Any]],
    canonical_by_event: Mapping[str, dict[str, str]],
) -> None:
    """Replace every fusion result in one transaction.

    ``flags``: article id -> its article-level flags (written into the Article
    payload); ``canonical_by_event``: event id -> {"actor1"|"actor2"|"claimant":
    canonical name}, written into the event's Actor.canonical.
    """
    with store.write_session(lock="fusion") as session:
        for table in (ArticleLinkRow, EntityRow, IncidentDetailRow):
            session.execute(delete(table))
        session.add_all(links)
        session.add_all(entities)
        session.add_all(
            IncidentDetailRow(incident_id=iid, payload=payload) for iid, payload in details.items()
        )
        copy_of = {link.article_id: link.copy_of for link in links}
        # Columns, not ORM rows (each would carry its article's whole text), and only the
        # rows whose flags or copy link changed are written back, in one statement.
        changes = []
        query = select(ArticleRow.id, ArticleRow.payload, ArticleRow.copy_of)
        for article_id, payload, old_copy in session.execute(query):
            wanted = sorted(flags.get(article_id, []))
            new_copy = copy_of.get(article_id)
            if payload.get("flags") != wanted or new_copy != old_copy:
                changes.append(
                    {"id": article_id, "payload": {**payload, "flags": wanted}, "copy_of": new_copy}
                )
        if changes:
            session.execute(update(ArticleRow), changes)
        if canonical_by_event:
            write_canonicals(session, canonical_by_event)


def write_canonicals(session: Any, canonical_by_event: Mapping[str, dict[str, str]]) -> None:
    """Each event's actors' canonical names, set in its stored JSON directly (decoding
    every event into a model and back cost more than all the rest of this write)."""
    ids = list(canonical_by_event)
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        query = select(EventRow.id, EventRow.payload).where(EventRow.id.in_(chunk))
        changes = []
        for event_id, payload in session.execute(query):
            wanted = with_canonicals(payload, canonical_by_event[event_id])
            if wanted != payload:
                changes.append({"id": event_id, "payload": wanted})
        if changes:  # an ORM bulk UPDATE by primary key: one statement, many rows
            session.execute(update(EventRow), changes)


def with_canonicals(payload: dict[str, Any], names: Mapping[str, str]) -> dict[str, Any]:
    """An event's JSON form with ``names`` ({"actor1"|"actor2"|"claimant": canonical})
    set on the actors it has; the same dict when nothing changes."""
    out = payload
    for slot in ("actor1", "actor2"):
        actor = payload.get(slot)
        if isinstance(actor, dict) and slot in names and actor.get("canonical") != names[slot]:
            out = {**out, slot: {**actor, "canonical": names[slot]}}
    claim = payload.get("claim")
    claimant = claim.get("claimant") if isinstance(claim, dict) else None
    if (
        isinstance(claim, dict)
        and isinstance(claimant, dict)
        and "claimant" in names
        and claimant.get("canonical") != names["claimant"]
    ):
        out = {**out, "claim": {**claim, "claimant": {**claimant, "canonical": names["claimant"]}}}
    return out


def article_links(store: Store) -> dict[str, ArticleLinkRow]:
    ensure_tables(store)
    with store._session() as session:
        return {r.article_id: r for r in session.scalars(select(ArticleLinkRow))}


def entities(store: Store, kind: str | None = None) -> list[EntityRow]:
    ensure_tables(store)
    query = select(EntityRow).order_by(EntityRow.mentions.desc(), EntityRow.canonical)
    if kind:
        query = query.where(EntityRow.kind == kind)
    with store._session() as session:
        return list(session.scalars(query))


def incident_details(store: Store, ids: Iterable[str] | None = None) -> dict[str, dict[str, Any]]:
    ensure_tables(store)
    query = select(IncidentDetailRow)
    if ids is not None:
        query = query.where(IncidentDetailRow.incident_id.in_(list(ids)))
    with store._session() as session:
        return {r.incident_id: dict(r.payload) for r in session.scalars(query)}
