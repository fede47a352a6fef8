"""Incremental fusion's incidents: the part of the store a batch can regroup, regrouped
by ``build_incidents`` exactly as the whole store would be (docs/fusion.md,
"Incremental fusion"); then the tallies that sum what changed."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from frontwatch.fuse.entities import _is_named
from frontwatch.fuse.incidents import (
    ArticleContext,
    IncidentResult,
    build_incidents,
    item_blocks,
)
from frontwatch.fuse.items import (
    IncidentRules,
    _Item,
    compatible,
    incident_rules,
    is_speech,
    make_item,
)
from frontwatch.fuse.judge import tally_reach
from frontwatch.models import Actor, Event, Incident, from_jsonable, to_jsonable
from frontwatch.store import fuse_index as idx
from frontwatch.store import fusion as tables
from frontwatch.store.review import successors, write_aliases
from frontwatch.store.schema import EventRow, IncidentRow

if TYPE_CHECKING:
    from frontwatch.fuse.incremental import Batch

_FAR = 10**8  # beyond any ordinal day


class _Part:
    """The events being regrouped, as rows and as items."""

    def __init__(self, session: Session, batch: Batch, rules: IncidentRules) -> None:
        self.session, self.batch, self.rules = session, batch, rules
        self.rows: dict[str, Any] = {}
        self.items: dict[str, _Item] = {}
        self.contexts: dict[str, ArticleContext] = {}
        self.incidents: set[str] = set()  # old incidents of the part

    def add(self, rows: Iterable[Any]) -> list[_Item]:
        """Take these rows in; the items of those new to the part."""
        from frontwatch.fuse.incremental import context_of

        fresh = [r for r in rows if r.id not in self.rows]
        need = {r.article_id for r in fresh} - set(self.contexts)
        stored = idx.fuse_articles(self.session, need - set(self.batch.articles))
        for article_id in need:
            fused = self.batch.articles.get(article_id) or stored[article_id]
            self.contexts[article_id] = context_of(fused)
        added = []
        for r in fresh:
            self.rows[r.id] = r
            if r.incident_id:
                self.incidents.add(r.incident_id)
            ev = from_jsonable(Event, r.payload)
            if str(ev.status) in self.rules.skip_status and not is_speech(ev, self.rules):
                continue
            ctx = self.contexts[r.article_id]
            item = make_item(ev, ctx, self.claimant(r.id, ev), self.rules)
            self.items[r.id] = item
            added.append(item)
        return added

    def claimant(self, event_id: str, ev: Event) -> str | None:
        """The claimant's canonical name as the full run gives it (``claimant_names``)."""
        if event_id in self.batch.canonical and "claimant" in self.batch.canonical[event_id]:
            return self.batch.canonical[event_id]["claimant"]
        claimant: Actor | None = ev.claim.claimant if ev.claim else None
        if claimant is None or not _is_named(claimant, (event_id, "claimant")):
            return None
        return claimant.canonical

    def names(self) -> dict[str, str]:
        found = {}
        for event_id, it in self.items.items():
            name = self.claimant(event_id, it.event)
            if name is not None:
                found[event_id] = name
        return found


def _gap(a_lo: int | None, a_hi: int | None, b_lo: int | None, b_hi: int | None) -> int:
    if a_lo is None or a_hi is None or b_lo is None or b_hi is None:
        return 0  # an undated event stays in its block's sweep throughout
    return max(a_lo, b_lo) - min(a_hi, b_hi)


def _spans(members: list[_Item], window: int) -> list[tuple[int, int, list[_Item]]]:
    """A block's members in runs whose sweep windows overlap, each with the days it
    covers: one query a run, so that a batch spread over years reads only the days
    around its events, not the whole block between its first and last (an undated
    member, only in an article's block, reads all of it)."""
    if any(it.lo is None or it.hi is None for it in members):
        return [(-_FAR, _FAR, members)]
    runs: list[tuple[int, int, list[_Item]]] = []
    for it in sorted(members, key=lambda it: (it.lo or 0, it.hi or 0)):
        lo, hi = (it.lo or 0) - window, (it.hi or 0) + window
        if runs and lo <= runs[-1][1]:
            start, end, those = runs[-1]
            those.append(it)
            runs[-1] = (start, max(end, hi), those)
        else:
            runs.append((lo, hi, [it]))
    return runs


def _grow(part: _Part, frontier: list[_Item]) -> None:
    """Add every event compatible with one of the part inside a block and the sweep
    window, and every member of an old incident of the part, until nothing is added."""
    rules, session = part.rules, part.session
    seen_incidents: set[str] = set()
    widest = idx.widest_span(session)
    while frontier:
        by_block: dict[str, list[_Item]] = {}
        for it in frontier:
            for block in item_blocks(it):
                by_block.setdefault(block, []).append(it)
        found: dict[str, list[_Item]] = {}
        for block, members in sorted(by_block.items()):
            for lo, hi, near_members in _spans(members, rules.window_days):
                rows = idx.block_rows(session, block, lo, hi, widest)
                for it in near_members:
                    near = [r for r in rows if _gap(it.lo, it.hi, r.lo, r.hi) <= rules.window_days]
                    if len(near) > rules.max_block:
                        from frontwatch.fuse.incremental import TooDense

                        raise TooDense(block)
                    for r in near:
                        if r.event_id not in part.rows:
                            found.setdefault(r.event_id, []).append(it)
        added = {it.event.id: it for it in part.add(idx.events_by_id(session, found))}
        frontier = [
            c for eid, c in added.items() if any(compatible(f, c, rules) for f in found[eid])
        ]
        for eid in set(added) - {c.event.id for c in frontier}:
            # Loaded to be tested, not joined: out of the part again.
            part.rows.pop(eid, None)
            part.items.pop(eid, None)
        part.incidents = {part.rows[e].incident_id for e in part.rows if part.rows[e].incident_id}
        mates = idx.events_of_incidents(session, part.incidents - seen_incidents)
        seen_incidents |= part.incidents
        frontier += part.add(idx.events_by_id(session, mates - set(part.rows)))


def regroup(session: Session, batch: Batch) -> int:
    """Regroup what the batch reaches and write it; the number of incidents stored."""
    rules = incident_rules()
    part = _Part(session, batch, rules)
    seeds = idx.events_of_articles(session, set(batch.new) | batch.changed)
    seeds += idx.events_by_id(session, batch.claimant_changed - {r.id for r in seeds})
    seed_ids = {r.id for r in seeds}
    _grow(part, part.add(seeds))
    rows = sorted(part.rows.values(), key=idx.event_order)
    events = [from_jsonable(Event, r.payload) for r in rows]
    result = build_incidents(events, part.contexts, part.names())
    old = _old_incidents(session, part.incidents)
    old_sums = {s for d in idx_details(session, set(old)).values() for s in d.get("sums", [])}
    _write_incidents(session, part, result, old)
    _write_blocks(session, part, seed_ids)
    members_of = {inc.id: [part.items[e] for e in inc.event_ids] for inc in result.incidents}
    _link_tallies(session, result, members_of, old, old_sums)
    write_aliases(session, successors(list(old.values()), result.by_event),
                  {inc.id for inc in result.incidents})  # fmt: skip
    return int(session.scalar(select(func.count()).select_from(IncidentRow)) or 0)


def _old_incidents(session: Session, ids: set[str]) -> dict[str, Incident]:
    found: dict[str, Incident] = {}
    for chunk in idx.chunks(sorted(ids)):
        query = select(IncidentRow.id, IncidentRow.payload).where(IncidentRow.id.in_(chunk))
        for incident_id, payload in session.execute(query):
            found[incident_id] = from_jsonable(Incident, payload)
    return found


def _write_incidents(
    session: Session, part: _Part, result: IncidentResult, old: dict[str, Incident]
) -> None:
    ids = set(old) | {inc.id for inc in result.incidents}
    idx.delete_where(session, IncidentRow.id, ids)
    idx.delete_where(session, tables.IncidentDetailRow.incident_id, ids)
    session.flush()
    rows = [
        {"id": i.id, "status": str(i.status), "payload": to_jsonable(i)} for i in result.incidents
    ]
    idx.insert_rows(session, IncidentRow, rows)
    links = []
    for event_id in part.rows:
        found = result.by_event.get(event_id)
        links.append({"id": event_id, "incident_id": found.id if found else None,
                      "incident_status": str(found.status) if found else None})  # fmt: skip
    for chunk in idx.chunks(links):
        session.execute(update(EventRow), chunk)


def _write_blocks(session: Session, part: _Part, seed_ids: set[str]) -> None:
    idx.delete_where(session, idx.FuseEventRow.event_id, seed_ids)
    rows = [
        {"event_id": event_id, "block": block, "article_id": it.event.article_id,
         "lo": it.lo, "hi": it.hi}
        for event_id in sorted(seed_ids & set(part.items))
        for it in (part.items[event_id],)
        for block in item_blocks(it)
    ]  # fmt: skip
    idx.insert_rows(session, idx.FuseEventRow, rows)


def _link_tallies(
    session: Session,
    result: IncidentResult,
    members_of: dict[str, list[_Item]],
    old: dict[str, Incident],
    old_sums: set[str],
) -> None:
    """``sums`` and ``summed_by`` of every incident the change can reach, from the index
    (as frontwatch.fuse.judge.link_tallies gives them over the whole store)."""
    before = idx.incident_reach(session, old)
    idx.delete_where(session, idx.FuseIncidentRow.incident_id, old)
    reach: dict[str, tuple[bool, set[str], int, int]] = {}
    index_rows = []
    details = {i: dict(d) for i, d in result.details.items()}
    for incident_id, members in members_of.items():
        regions, span = tally_reach(members)
        tally = bool(details[incident_id].get("tally"))
        details[incident_id].pop("sums", None)
        details[incident_id].pop("summed_by", None)
        if span is None:
            continue
        reach[incident_id] = (tally, regions, span[0], span[1])
        index_rows += [
            {"incident_id": incident_id, "region": region, "tally": tally,
             "lo": span[0], "hi": span[1]}
            for region in sorted(regions)
        ]  # fmt: skip
    idx.insert_rows(session, idx.FuseIncidentRow, index_rows)
    wide = idx.widest_incident(session)
    tallies = {i for i, (tally, *_r) in reach.items() if tally}
    for tally, regions, lo, hi in [*before.values(), *reach.values()]:
        if not tally and regions:
            tallies |= idx.tally_rows(session, regions, lo, hi, True, wide)
    reach.update(idx.incident_reach(session, set(tallies) - set(reach)))
    outside = idx_details(session, tallies - set(details))
    details.update(outside)
    summed = {i for i, (tally, *_r) in reach.items() if not tally and i in members_of} | old_sums
    for t in sorted(tallies):
        _tally, regions, lo, hi = reach[t]
        summed |= set(details[t].get("sums", []))
        details[t]["sums"] = (
            sorted(idx.tally_rows(session, regions, lo, hi, False, wide)) if regions else []
        )
        summed |= set(details[t]["sums"])
    missing = summed - set(details)
    details.update(idx_details(session, missing))
    reach.update(idx.incident_reach(session, summed - set(reach)))
    for n in sorted(summed):
        if n not in reach:
            continue
        _tally, regions, lo, hi = reach[n]
        by = sorted(idx.tally_rows(session, regions, lo, hi, True, wide))
        details[n].pop("summed_by", None)
        if by:
            details[n]["summed_by"] = by
    idx.delete_where(session, tables.IncidentDetailRow.incident_id, details)
    rows = [{"incident_id": i, "payload": details[i]} for i in sorted(details)]
    idx.insert_rows(session, tables.IncidentDetailRow, rows)


def idx_details(session: Session, ids: set[str]) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    for chunk in idx.chunks(sorted(ids)):
        table = tables.IncidentDetailRow
        query = select(table.incident_id, table.payload).where(table.incident_id.in_(chunk))
        for incident_id, payload in session.execute(query):
            found[incident_id] = dict(payload)
    return found
