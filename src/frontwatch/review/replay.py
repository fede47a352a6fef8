"""Replaying the review log over the machine record.

Every entry names the events it is about by id *and* by anchor (article, type,
trigger span, sentence). An id still stored is the event; otherwise the article's
events are searched for the same type at an overlapping trigger, then the same
sentence and type, then an overlapping trigger of any type: so `reprocess` with a
newer extraction that moved or re-typed an event keeps its review.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from frontwatch.fuse.incidents import Overrides
from frontwatch.models import Event, from_jsonable, to_jsonable
from frontwatch.review import EVENT_ACTIONS, apply_value
from frontwatch.store import EventFilter, Store
from frontwatch.store import review as log


@dataclass(slots=True)
class _Finder:
    """Finds the current event of an anchor; caches each article's events."""

    store: Store
    known: dict[str, bool] = field(default_factory=dict)
    by_article: dict[str, list[Event]] = field(default_factory=dict)

    def exists(self, event_id: str) -> bool:
        if event_id not in self.known:
            self.known[event_id] = self.store.event(event_id) is not None
        return self.known[event_id]

    def find(self, event_id: str, anchor: dict[str, Any] | None) -> str | None:
        if self.exists(event_id):
            return event_id
        if not anchor:
            return None
        article_id = anchor["article_id"]
        if article_id not in self.by_article:
            flt = EventFilter(article_id=article_id, include_rejected=True)
            self.by_article[article_id] = self.store.events(flt)
        best = _best_match(self.by_article[article_id], anchor)
        return best.id if best else None


def _best_match(events: list[Event], anchor: dict[str, Any]) -> Event | None:
    start, end = anchor["trigger"]

    def overlaps(ev: Event) -> bool:
        return ev.trigger_start < end and start < ev.trigger_end

    def sentence(ev: Event) -> str:
        return ev.claim.sentence if ev.claim else ev.trigger

    same_type = [ev for ev in events if ev.fw_type == anchor["fw_type"]]
    for candidates in (
        [ev for ev in same_type if overlaps(ev)],
        [ev for ev in same_type if sentence(ev) == anchor["sentence"]],
        [ev for ev in events if overlaps(ev)],
    ):
        if candidates:
            return min(candidates, key=lambda ev: (abs(ev.trigger_start - start), ev.id))
    return None


def effective(entries: list[log.Entry]) -> list[log.Entry]:
    """The entries still in force, in log order (undos and what they undid left out)."""
    undone = {e.undoes for e in entries if e.action == "undo"}
    return [e for e in entries if e.action != "undo" and e.id not in undone]


def _reviewed(machine: dict[str, Any], entries: list[log.Entry]) -> tuple[Event, str, list[str]]:
    """The event with the corrections applied, its review status and corrected fields.

    Status: rejected while the last decision is a rejection; verified when the last
    decision is a verification and no correction came after it; corrected when fields
    were corrected; else machine.
    """
    ev = from_jsonable(Event, machine)
    fields: set[str] = set()
    decision: str | None = None
    corrected_since = False
    for entry in entries:
        if entry.action == "set":
            for name, change in entry.changes.items():
                apply_value(ev, name, change["new"])
                fields.add(name)
            corrected_since = True
        else:  # verify | reject
            decision, corrected_since = entry.action, False
    if decision == "reject":
        status = "rejected"
    elif decision == "verify" and not corrected_since:
        status = "verified"
    else:
        status = "corrected" if fields else "machine"
    return ev, status, sorted(fields)


def refresh(store: Store) -> int:
    """Replay the log: reviewed values and status on each reviewed event, the machine
    record back on events no longer reviewed. The number of reviewed events."""
    entries = log.entries(store)
    states = log.review_states(store)
    if not entries and not states:
        return 0
    finder = _Finder(store)
    by_event: dict[str, list[log.Entry]] = {}
    for entry in effective(entries):
        if entry.action in EVENT_ACTIONS:
            current = finder.find(entry.target, entry.anchors.get(entry.target))
            if current is not None:
                by_event.setdefault(current, []).append(entry)
    reviewed: dict[str, tuple[Event, str, list[str], dict[str, Any]]] = {}
    for event_id, found in by_event.items():
        if event_id in states:
            machine = dict(states[event_id].machine)
        else:
            stored = store.event(event_id)
            if stored is None:
                continue
            stored.incident_id = stored.incident_status = None
            machine = to_jsonable(stored)
        ev, status, fields = _reviewed(machine, found)
        reviewed[event_id] = (ev, status, fields, machine)
    restored = {eid: dict(s.machine) for eid, s in states.items() if eid not in reviewed}
    log.write_reviewed(store, reviewed, restored)
    return len(reviewed)


def overrides(store: Store) -> Overrides:
    """The analysts' merges and splits in force, as event ids of now."""
    result = Overrides()
    live = [e for e in effective(log.entries(store)) if e.action in ("merge", "split")]
    if not live:
        return result
    finder = _Finder(store)

    def current(entry: log.Entry, ids: list[str]) -> frozenset[str]:
        found = (finder.find(i, entry.anchors.get(i)) for i in ids)
        return frozenset(i for i in found if i is not None)

    together: list[frozenset[str]] = []
    apart: list[tuple[frozenset[str], frozenset[str]]] = []
    for entry in live:
        events = current(entry, entry.changes.get("events", []))
        if entry.action == "merge":
            joined = set(events)
            for group in [g for g in together if g & joined]:
                joined |= group
                together.remove(group)
            together.append(frozenset(joined))
            # A merge takes back the splits it contradicts.
            apart = [(a, b) for a, b in apart if not (a & joined and b & joined)]
        else:
            rest = current(entry, entry.changes.get("rest", []))
            together = [g - events for g in together if len(g - events) > 1]
            together.append(events)
            apart.append((events, rest))
    result.together, result.apart = together, apart
    return result
