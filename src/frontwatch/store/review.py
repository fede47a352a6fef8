"""Tables and thin store functions for review: the log, reviewed events, incident aliases.

- ``fw_review_log``: the analysts' corrections, append-only (an undo is a new entry
  naming the one it undoes). Each entry keeps *anchors* of the events it is about
  (article, type, trigger span, sentence) so that it finds the same events again
  after ``frontwatch reprocess`` gave them new ids.
- ``fw_event_reviews``: per reviewed event, the machine record it started from and
  the reviewed status; the event row itself carries the reviewed values (so every
  reader — fusion, exports, API, map — sees them) and ``review_status``.
- ``fw_incident_aliases``: incident ids that disappeared (joined into an older one,
  re-identified) and the incident they now name.

Migration 0003 creates them. The logic (what a correction means) is in frontwatch.review.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, DateTime, Integer, String, Text, delete, func, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from frontwatch.models import Event, Incident, IncidentStatus, ReviewStatus, from_jsonable
from frontwatch.store import Store
from frontwatch.store.schema import Base, EventRow

# An alias chain longer than this is a loop (it cannot happen; never hang on one).
_MAX_HOPS = 50


class ReviewRow(Base):
    """One entry of the analysts' log: who, when, what, old and new values, why."""

    __tablename__ = "fw_review_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    by: Mapped[str] = mapped_column(String(120))
    action: Mapped[str] = mapped_column(String(16))  # set verify reject undo merge split
    target: Mapped[str] = mapped_column(String(64), index=True)  # event or incident id
    anchors: Mapped[dict] = mapped_column(JSON)  # event id -> anchor (see event_anchor)
    changes: Mapped[dict] = mapped_column(JSON)  # field -> {"old", "new"}; merge/split: events
    note: Mapped[str | None] = mapped_column(Text)
    undoes: Mapped[int | None] = mapped_column(Integer)


class EventReviewRow(Base):
    """A reviewed event: the machine record under it and its review status."""

    __tablename__ = "fw_event_reviews"

    event_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    review_status: Mapped[str] = mapped_column(String(16))
    machine: Mapped[dict] = mapped_column(JSON)  # the Event as the pipeline made it
    fields: Mapped[list] = mapped_column(JSON)  # corrected fields


class IncidentAliasRow(Base):
    """An incident id that is gone, and the incident it now names."""

    __tablename__ = "fw_incident_aliases"

    alias: Mapped[str] = mapped_column(String(32), primary_key=True)
    incident_id: Mapped[str] = mapped_column(String(32))
    at: Mapped[datetime] = mapped_column(DateTime)
    reason: Mapped[str | None] = mapped_column(Text)


@dataclass(slots=True)
class Entry:
    """A log entry as the review logic reads it."""

    id: int
    at: datetime
    by: str
    action: str
    target: str
    anchors: dict[str, Any]
    changes: dict[str, Any]
    note: str | None
    undoes: int | None

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "at": self.at.isoformat(timespec="seconds") + "Z",
            "by": self.by,
            "action": self.action,
            "target": self.target,
            "changes": self.changes,
            "note": self.note,
            "undoes": self.undoes,
        }


def now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None, microsecond=0)


def event_anchor(ev: Event) -> dict[str, Any]:
    """What finds an event again when re-extraction gives it another id."""
    return {
        "article_id": ev.article_id,
        "fw_type": ev.fw_type,
        "trigger": [ev.trigger_start, ev.trigger_end],
        "sentence": ev.claim.sentence if ev.claim else ev.trigger,
    }


def append(store: Store, entry: Entry) -> int:
    """Add an entry to the log; its id."""
    with store.write_session(lock="review") as session:
        # The next number, not the database's sequence: a log loaded from a dump keeps
        # its numbers, and PostgreSQL's sequence would not know them.
        last = session.scalar(select(func.max(ReviewRow.id)))
        row = ReviewRow(
            id=(last or 0) + 1,
            at=entry.at,
            by=entry.by,
            action=entry.action,
            target=entry.target,
            anchors=entry.anchors,
            changes=entry.changes,
            note=entry.note,
            undoes=entry.undoes,
        )
        session.add(row)
        session.flush()
        return int(row.id)


def entries(store: Store, target: str | None = None) -> list[Entry]:
    query = select(ReviewRow).order_by(ReviewRow.id)
    if target is not None:
        query = query.where(ReviewRow.target == target)
    with store._session() as session:
        return [
            Entry(r.id, r.at, r.by, r.action, r.target, r.anchors, r.changes, r.note, r.undoes)
            for r in session.scalars(query)
        ]


def review_states(store: Store) -> dict[str, EventReviewRow]:
    with store._session() as session:
        return {r.event_id: r for r in session.scalars(select(EventReviewRow))}


def write_reviewed(
    store: Store,
    reviewed: Mapping[str, tuple[Event, str, list[str], dict[str, Any]]],
    restored: Mapping[str, dict[str, Any]],
) -> None:
    """Write reviewed events (id -> (event, status, fields, machine payload)) and put
    the machine record back on those no longer reviewed (id -> machine payload)."""
    from frontwatch.models import to_jsonable
    from frontwatch.store.rows import _event_values

    with store.write_session(lock="review") as session:
        for event_id, (ev, status, fields, machine) in reviewed.items():
            row = session.get(EventRow, event_id)
            if row is None:
                continue
            ev.review_status, ev.reviewed = ReviewStatus(status), fields
            ev.incident_id = row.incident_id
            ev.incident_status = (
                IncidentStatus(row.incident_status) if row.incident_status else None
            )
            for key, value in _event_values(ev).items():
                setattr(row, key, value)
            state = session.get(EventReviewRow, event_id)
            if state is None:
                session.add(EventReviewRow(event_id=event_id, review_status=status,
                                           machine=machine, fields=fields))  # fmt: skip
            else:
                state.review_status, state.fields = status, fields
        for event_id, machine in restored.items():
            row = session.get(EventRow, event_id)
            if row is not None:
                ev = from_jsonable(Event, machine)
                ev.incident_id = row.incident_id
                ev.incident_status = (
                    IncidentStatus(row.incident_status) if row.incident_status else None
                )
                for key, value in _event_values(ev).items():
                    setattr(row, key, value)
                row.payload = to_jsonable(ev)
            session.execute(delete(EventReviewRow).where(EventReviewRow.event_id == event_id))


def forget_states(store: Store, event_ids: Sequence[str]) -> None:
    """The events were re-extracted: their rows are machine records again."""
    with store.write_session(lock="review") as session:
        for start in range(0, len(event_ids), 500):
            chunk = list(event_ids[start : start + 500])
            session.execute(delete(EventReviewRow).where(EventReviewRow.event_id.in_(chunk)))


# --- aliases ----------------------------------------------------------------------------


def resolve_alias(session: Session, incident_id: str) -> str | None:
    """The incident an old id now names (following joins of joins), else None."""
    from frontwatch.store.schema import IncidentRow

    current, seen = incident_id, {incident_id}
    for _ in range(_MAX_HOPS):
        row = session.get(IncidentAliasRow, current)
        if row is None or row.incident_id in seen:
            return None
        current = row.incident_id
        seen.add(current)
        if session.get(IncidentRow, current) is not None:
            return current
    return None


def aliases(store: Store) -> dict[str, str]:
    with store._session() as session:
        return {r.alias: r.incident_id for r in session.scalars(select(IncidentAliasRow))}


def record_aliases(
    store: Store,
    before: Sequence[Incident],
    after_by_event: Mapping[str, Incident],
    renamed: Mapping[str, str] | None = None,
) -> int:
    """Keep every incident id of ``before`` that is gone as an alias of its successor:
    the new incident holding most of its events (``renamed``: old event id -> new one,
    after a reprocess). The number of aliases written."""
    found = successors(before, after_by_event, renamed)
    if not found:
        return 0
    with store.write_session(lock="review") as session:
        write_aliases(session, found, {inc.id for inc in after_by_event.values()})
    return len(found)


def successors(
    before: Sequence[Incident],
    after_by_event: Mapping[str, Incident],
    renamed: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """Gone incident id -> the new incident holding most of its events."""
    renamed = renamed or {}
    current = {inc.id for inc in after_by_event.values()}
    found: dict[str, str] = {}
    for old in before:
        if old.id in current:
            continue
        votes: dict[str, int] = {}
        for event_id in old.event_ids:
            successor = after_by_event.get(renamed.get(event_id, event_id))
            if successor is not None:
                votes[successor.id] = votes.get(successor.id, 0) + 1
        if votes:
            found[old.id] = min(votes, key=lambda i: (-votes[i], i))
    return found


def write_aliases(session: Session, found: Mapping[str, str], current: set[str]) -> None:
    """Write ``found`` (alias -> incident) in the caller's transaction; an id of
    ``current`` (an incident again) is no alias any more."""
    stamp = now()
    for alias, target in found.items():
        row = session.get(IncidentAliasRow, alias)
        if row is None:
            session.add(IncidentAliasRow(alias=alias, incident_id=target, at=stamp,
                                         reason="joined or re-identified"))  # fmt: skip
        else:
            row.incident_id, row.at = target, stamp
    session.flush()
    ids = sorted(current)
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        session.execute(delete(IncidentAliasRow).where(IncidentAliasRow.alias.in_(chunk)))
