"""Review: an analyst's corrections, kept as an append-only log on top of the machine record.

Actions (each an entry of ``fw_review_log``, with who, when, old and new values, note):

  set     correct fields of an event (place, date, type, sides, actors, status, fatalities)
  verify  an analyst confirms the event as it stands
  reject  the event is wrong (it leaves default exports, map, report and incidents)
  undo    takes back an earlier entry (the entry stays in the log)
  merge   two incidents are one (their events, as they were then, stay together)
  split   events leave an incident and form their own

``refresh(store)`` replays the log over the machine record: each reviewed event row
carries the reviewed values and a ``review_status`` (machine, corrected, verified,
rejected), so fusion, exports, the API and the page all see them. It runs after
every review action, fusion and reprocess; entries find their events again through
anchors when re-extraction changed an event's id (frontwatch.review.replay). The
queue of what most needs a human is frontwatch.review.queue. See docs/review.md.
"""

from __future__ import annotations

import getpass
import os
import re
from dataclasses import replace
from datetime import date
from typing import Any

from frontwatch.models import (
    Actor,
    Event,
    Place,
    PlaceMention,
    PlaceRole,
    Status,
    TimeBasis,
    TimeExpr,
    TimePrecision,
    from_jsonable,
    to_jsonable,
)
from frontwatch.store import Store
from frontwatch.store import review as log

__all__ = ["ReviewError", "correct", "decide", "merge", "overrides", "refresh", "split", "undo"]

FIELDS = ("place", "date", "type", "sides", "actors", "status", "fatalities")
EVENT_ACTIONS = ("set", "verify", "reject")


class ReviewError(ValueError):
    """A correction that cannot be made; the message is one line for the user."""


def reviewer(by: str | None = None) -> str:
    if by:
        return by
    try:
        return os.environ.get("FRONTWATCH_REVIEWER") or getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


# --- values ----------------------------------------------------------------------------

_LATLON = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*$")


def parse_value(field: str, text: str, gazetteer: Any = None) -> Any:
    """The JSON form of a corrected value, from what the analyst typed."""
    text = text.strip()
    if field == "place":
        return to_jsonable(_place(text, gazetteer))
    if field == "date":
        return _dates(text)
    if field == "type":
        from frontwatch.lexicons import taxonomy

        if text not in taxonomy():
            raise ReviewError(
                f"unknown type {text!r}; see `frontwatch types` or data/taxonomy.toml"
            )
        return text
    if field == "sides":
        return _sides(text)
    if field == "actors":
        names = [n.strip() or None for n in text.split(";")]
        return (names + [None])[:2] if len(names) < 2 else names[:2]
    if field == "status":
        try:
            return str(Status(text))
        except ValueError:
            raise ReviewError(
                f"unknown status {text!r}; use one of {', '.join(s.value for s in Status)}"
            ) from None
    if field == "fatalities":
        if not text.isdigit():
            raise ReviewError(f"fatalities must be a whole number, got {text!r}")
        return int(text)
    raise ReviewError(f"unknown field {field!r}; use one of {', '.join(FIELDS)}")


def _place(text: str, gazetteer: Any) -> Place:
    found = _LATLON.match(text)
    if found:
        lat, lon = float(found.group(1)), float(found.group(2))
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise ReviewError(f"{text!r}: latitude must be within ±90, longitude within ±180")
        return Place(f"point:{lat:.5f},{lon:.5f}", f"{lat:.5f},{lon:.5f}", lat, lon, "PPL",
                     "", None, None, 0, "review")  # fmt: skip
    if gazetteer is None:
        from frontwatch.resolve.gazetteer import Gazetteer

        gazetteer = Gazetteer.open()
    places = gazetteer.lookup(text)
    if not places:
        raise ReviewError(f"no place named {text!r} in the gazetteer; give lat,lon instead")
    return places[0]


def _dates(text: str) -> list[str]:
    parts = [p.strip() for p in text.split("..")] if ".." in text else [text, text]
    try:
        start, end = (date.fromisoformat(p) for p in parts[:2])
    except ValueError:
        raise ReviewError(
            f"date must be YYYY-MM-DD or YYYY-MM-DD..YYYY-MM-DD, got {text!r}"
        ) from None
    if end < start:
        raise ReviewError(f"date range {text!r} ends before it starts")
    return [start.isoformat(), end.isoformat()]


def _sides(text: str) -> list[str | None]:
    from frontwatch.lexicons import sides

    known = sides()
    codes = [c.strip().upper() or None for c in text.split(",")]
    for code in codes:
        if code and code not in known:
            raise ReviewError(f"unknown side {code!r}; use one of {', '.join(sorted(known))}")
    return (codes + [None])[:2]


def current_value(ev: Event, field: str) -> Any:
    """An event's value of a field, in the same JSON form as ``parse_value`` gives."""
    if field == "place":
        return to_jsonable(ev.place.place) if ev.place and ev.place.place else None
    if field == "date":
        t = ev.time
        if t is None or not (t.date_start or t.date_end):
            return None
        return [str(t.date_start or t.date_end), str(t.date_end or t.date_start)]
    if field == "type":
        return ev.fw_type
    if field == "sides":
        return [ev.actor1.side if ev.actor1 else None, ev.actor2.side if ev.actor2 else None]
    if field == "actors":
        return [ev.actor1.name if ev.actor1 else None, ev.actor2.name if ev.actor2 else None]
    if field == "status":
        return str(ev.status)
    if field == "fatalities":
        return ev.fatalities
    raise ReviewError(f"unknown field {field!r}")


def apply_value(ev: Event, field: str, value: Any) -> None:
    """Put a reviewed value on the event (the JSON form of ``parse_value``)."""
    if field == "place":
        place = from_jsonable(Place, value) if value else None
        ev.place = (
            PlaceMention(ev.trigger_start, ev.trigger_end, place.name, PlaceRole.LOCATION, place)
            if place
            else None
        )
    elif field == "date":
        start, end = (date.fromisoformat(v) for v in value) if value else (None, None)
        precision = TimePrecision.DAY if start == end else TimePrecision.RANGE
        text = ev.time.text if ev.time else "(reviewed)"
        ev.time = TimeExpr(ev.trigger_start, ev.trigger_end, text, start, end, precision)
        ev.time_basis = TimeBasis.OWN
    elif field == "type":
        ev.fw_type = value
    elif field == "sides":
        ev.actor1 = _actor(ev.actor1, side=value[0])
        ev.actor2 = _actor(ev.actor2, side=value[1])
    elif field == "actors":
        ev.actor1 = _actor(ev.actor1, name=value[0])
        ev.actor2 = _actor(ev.actor2, name=value[1])
    elif field == "status":
        ev.status = Status(value)
    elif field == "fatalities":
        ev.fatalities = value


def _actor(actor: Actor | None, name: str | None = None, side: str | None = None) -> Actor | None:
    if actor is None and name is None and side is None:
        return None
    base = actor or Actor(name or "unknown")
    changed = replace(base)
    if name is not None:
        changed.name, changed.canonical = name, name
    if side is not None:
        changed.side = side
    return changed


# --- actions ----------------------------------------------------------------------------


def _event(store: Store, event_id: str) -> Event:
    ev = store.event(event_id)
    if ev is None:
        raise ReviewError(f"no event with id {event_id!r} (see `frontwatch events`)")
    return ev


def _entry(action: str, target: str, by: str | None, note: str | None, **kw: Any) -> log.Entry:
    return log.Entry(
        id=0,
        at=log.now(),
        by=reviewer(by),
        action=action,
        target=target,
        anchors=kw.get("anchors", {}),
        changes=kw.get("changes", {}),
        note=note,
        undoes=kw.get("undoes"),
    )


def correct(
    store: Store,
    event_id: str,
    values: dict[str, str],
    note: str | None = None,
    by: str | None = None,
    gazetteer: Any = None,
) -> log.Entry:
    """Correct fields of an event (values as typed: ``{"place": "Izium"}``)."""
    ev = _event(store, event_id)
    if not values:
        raise ReviewError("nothing to set; give --set FIELD=VALUE")
    changes = {}
    for field, text in values.items():
        new = parse_value(field, text, gazetteer)
        changes[field] = {"old": current_value(ev, field), "new": new}
    entry = _entry("set", ev.id, by, note, anchors={ev.id: log.event_anchor(ev)}, changes=changes)
    return _record(store, entry)


def decide(
    store: Store, event_id: str, action: str, note: str | None = None, by: str | None = None
) -> log.Entry:
    """Verify or reject an event."""
    if action not in ("verify", "reject"):
        raise ReviewError(f"unknown decision {action!r}")
    ev = _event(store, event_id)
    new = {"verify": "verified", "reject": "rejected"}[action]
    changes = {"review_status": {"old": ev.review_status, "new": new}}
    entry = _entry(action, ev.id, by, note, anchors={ev.id: log.event_anchor(ev)}, changes=changes)
    return _record(store, entry)


def undo(store: Store, target: str, note: str | None = None, by: str | None = None) -> log.Entry:
    """Take back the latest entry about an event or incident that is still in force."""
    entries = log.entries(store)
    undone = {e.undoes for e in entries if e.action == "undo"}
    live = [
        e for e in entries if e.action != "undo" and e.id not in undone and _about(e, target, store)
    ]
    if not live:
        raise ReviewError(f"nothing to undo for {target!r}")
    last = live[-1]
    entry = _entry(
        "undo",
        last.target,
        by,
        note,
        anchors=last.anchors,
        changes={"undone": last.action, "entry": last.id},
        undoes=last.id,
    )
    return _record(store, entry)


def _about(entry: log.Entry, target: str, store: Store) -> bool:
    if entry.target == target or target in entry.anchors:
        return True
    return entry.action in ("merge", "split") and target in entry.changes.get("incidents", [])


def merge(
    store: Store, first: str, second: str, note: str | None = None, by: str | None = None
) -> log.Entry:
    """Two incidents are one: their events (as they are now) stay together."""
    a, b = _incident(store, first), _incident(store, second)
    if a.id == b.id:
        raise ReviewError(f"{first} and {second} are already one incident ({a.id})")
    events = sorted(set(a.event_ids) | set(b.event_ids))
    entry = _entry(
        "merge",
        a.id,
        by,
        note,
        anchors=_anchors(store, events),
        changes={"incidents": [a.id, b.id], "events": events},
    )
    return _record(store, entry)


def split(
    store: Store,
    incident_id: str,
    event_ids: list[str],
    note: str | None = None,
    by: str | None = None,
) -> log.Entry:
    """The given events leave the incident and form one of their own."""
    incident = _incident(store, incident_id)
    leaving = sorted(set(event_ids))
    strangers = [e for e in leaving if e not in incident.event_ids]
    if strangers:
        raise ReviewError(f"not events of {incident.id}: {', '.join(strangers)}")
    rest = sorted(set(incident.event_ids) - set(leaving))
    if not leaving or not rest:
        raise ReviewError("a split needs some of the incident's events, not none or all")
    entry = _entry(
        "split",
        incident.id,
        by,
        note,
        anchors=_anchors(store, leaving + rest),
        changes={"incidents": [incident.id], "events": leaving, "rest": rest},
    )
    return _record(store, entry)


def _incident(store: Store, incident_id: str) -> Any:
    found = store.incident(incident_id)  # an alias finds the incident it joined
    if found is None:
        raise ReviewError(f"no incident with id {incident_id!r} (see `frontwatch incidents`)")
    return found


def _anchors(store: Store, event_ids: list[str]) -> dict[str, Any]:
    out = {}
    for event_id in event_ids:
        ev = store.event(event_id)
        if ev is not None:
            out[event_id] = log.event_anchor(ev)
    return out


def _record(store: Store, entry: log.Entry) -> log.Entry:
    """Append the entry, replay the log and fuse again (statuses, merges, splits)."""
    from frontwatch.fuse import fuse_store

    entry.id = log.append(store, entry)
    fuse_store(store)  # replays the log first (refresh), then groups with the overrides
    return entry


from frontwatch.review.replay import overrides, refresh  # noqa: E402
