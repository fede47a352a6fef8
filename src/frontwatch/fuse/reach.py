"""What a new batch can reach: LSH band keys, entity name blocks, and the incremental
fusion of entities (frontwatch.fuse.incremental; docs/fusion.md)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from sqlalchemy import update
from sqlalchemy.orm import Session

from frontwatch.fuse.classes import (
    class_mention,
    class_rows,
    class_signature,
    effective,
    is_classed,
)
from frontwatch.fuse.copies import CopyLink, copy_rules
from frontwatch.fuse.entities import (
    ORG,
    PERSON,
    Entity,
    Mention,
    _is_named,
    _surname,
    actor_mentions,
    org_key,
    person_key,
    place_mentions,
    resolve_actors,
    resolve_places,
    skeleton,
    union_sorted,
)
from frontwatch.fuse.minhash import LSH, signature
from frontwatch.models import Event, PlaceMention, from_jsonable
from frontwatch.store import fuse_index as idx
from frontwatch.store import fusion as tables

if TYPE_CHECKING:
    from frontwatch.fuse.incremental import Batch

# Flags fusion sets (recomputed each run); others' flags are kept.
_OUR_FLAGS = ("scattered_places", "garbled_names", "duplicated_phrases", "copy_of")


def is_ours(flag: str) -> bool:
    return flag.split(":", 1)[0] in _OUR_FLAGS


def our_flags(flags: Iterable[str], link: CopyLink | None) -> list[str]:
    """An article's flags with its copy link (if any) as this fusion found it."""
    kept = {f for f in flags if not f.startswith("copy_of")}
    if link is not None:
        kept.add(f"copy_of: {link.origin_id}")
    return sorted(kept)


def band_keys(items: set[bytes]) -> list[tuple[int, int]]:
    """(band, key) of a shingle set's MinHash bands, as signed 64-bit integers when a band
    is 8 bytes (the rules' 128 permutations in 28 bands of 2), else a hash of it; none
    for a text too short to be called a copy."""
    rules = copy_rules()
    if len(items) < rules.min_shingles:
        return []
    lsh = LSH(rules.lsh_threshold, rules.num_perm)
    sig = signature(items, rules.num_perm)
    found = []
    for band, (start, end) in enumerate(lsh.ranges):
        raw = sig[start:end].tobytes()
        key = int.from_bytes(raw[:8].ljust(8, b"\0"), "little", signed=True)
        if len(raw) > 8:
            import hashlib

            key = int.from_bytes(hashlib.sha1(raw).digest()[:8], "little", signed=True)
        found.append((band, key))
    return found


def mention_key(m: Mention) -> str:
    """The block a name is compared in: a person's surname skeleton, a body's name."""
    if m.kind == PERSON:
        key = person_key(m.name)
        return f"person:{skeleton(_surname(key))}" if key else "person:"
    if m.kind == ORG:
        return f"org:{org_key(m.name)}"
    return f"place:{m.place_id}"


def entity_values(e: Entity) -> dict[str, Any]:
    """An entity's fw_entities row."""
    return {
        "id": e.id,
        "kind": e.kind,
        "canonical": e.canonical,
        "side": e.side,
        "mentions": e.mentions,
        "payload": {
            "role": e.role,
            "spellings": e.spellings,
            "articles": e.articles,
            "matched_by": e.matched_by,
        },
    }


def canonicals(
    mentions: list[Mention], by_mention: dict[int, Entity]
) -> tuple[dict[str, dict[str, str]], dict[str, str]]:
    """(event id -> slot -> canonical name, event id -> claimant's canonical name)."""
    canonical: dict[str, dict[str, str]] = {}
    claimants: dict[str, str] = {}
    for i, actor in enumerate(mentions):
        entity = by_mention.get(i)
        if entity is None:
            continue
        for event_id, slot in actor.slots:
            canonical.setdefault(event_id, {})[slot] = entity.canonical
            if slot == "claimant":
                claimants[event_id] = entity.canonical
    return canonical, claimants


def sorted_mentions(
    events: list[Event], extras: dict[str, dict[str, Any]]
) -> list[tuple[str, Mention]]:
    """``actor_mentions`` of these events (in ``Store.events()`` order) and extras, each
    with a sort key that puts it where the full run's list has it (by the event it first
    appears in; extras after every event, by article)."""
    where: dict[tuple[str, int, int, str], str] = {}
    for ev in events:
        ds = ev.time.date_start.isoformat() if ev.time and ev.time.date_start else "~"
        de = ev.time.date_end.isoformat() if ev.time and ev.time.date_end else "~"
        slots = ("actor1", "actor2", "claimant")
        actors = (ev.actor1, ev.actor2, ev.claim.claimant if ev.claim else None)
        for n, (slot, actor) in enumerate(zip(slots, actors, strict=True)):
            if actor is not None and _is_named(actor, (ev.id, slot)):
                key = (ev.article_id, actor.start, actor.end, actor.name)
                where.setdefault(key, f"0|{ds}|{de}|{ev.article_id}|{ev.id}|{n}")
    ordered = {a: extras[a] for a in sorted(extras)}
    found = actor_mentions(events, ordered)
    out = []
    extra_n: dict[str, int] = {}
    for m in found:
        sort = where.get((m.article_id, m.start, m.end, m.name))
        if sort is None:
            extra_n[m.article_id] = extra_n.get(m.article_id, -1) + 1
            sort = f"1|{m.article_id}|{extra_n[m.article_id]:06d}"
        out.append((sort, m))
    return out


def mention_values(
    sorted_found: list[tuple[str, Mention]], by_mention: dict[int, Entity]
) -> list[dict[str, Any]]:
    """fw_fuse_mentions rows for these mentions (indices as in ``by_mention``)."""
    rows = []
    for i, (sort, m) in enumerate(sorted_found):
        entity = by_mention.get(i)
        payload = {
            "article_id": m.article_id, "name": m.name, "kind": m.kind, "side": m.side,
            "role": m.role, "start": m.start, "end": m.end, "known_as": m.known_as,
            "slots": [list(slot) for slot in m.slots],
            "canonical": entity.canonical if entity else None,
        }  # fmt: skip
        rows.append({"key": mention_key(m), "article_id": m.article_id, "sort": sort,
                     "payload": payload})  # fmt: skip
    return rows


def index_classes(mention_rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """fw_fuse_classes rows from a full fusion's fw_fuse_mentions rows."""
    items = [(r["key"], r["sort"], m, r["payload"].get("canonical"), bool(m.slots))
             for r in mention_rows if is_classed(r["key"])
             for m in (_mention(r["payload"]),)]  # fmt: skip
    return class_rows(items)


def stored_mention(payload: dict[str, Any]) -> Mention:
    """A stored mention as a full fusion reads it now: the canonical name the last
    fusion gave a slot's actor is its known-as name (classes.effective)."""
    m = _mention(payload)
    return effective(m, payload.get("canonical"), bool(m.slots))


def _mention(payload: dict[str, Any]) -> Mention:
    return Mention(
        payload["article_id"], payload["name"], payload["kind"], payload.get("side"),
        payload.get("role"), int(payload.get("start", -1)), int(payload.get("end", -1)),
        slots=[(str(e), str(s)) for e, s in payload.get("slots", [])],
        known_as=payload.get("known_as"),
    )  # fmt: skip


def fuse_entities(session: Session, batch: Batch) -> None:
    """Entities of the blocks the new mentions fall in, each block whole (people's from
    the stored mentions, bodies' from their name classes, fuse/classes.py), with every
    block one of their entities (old or new) came from."""
    rows = sorted(idx.events_of_articles(session, batch.new), key=idx.event_order)
    events = [from_jsonable(Event, r.payload) for r in rows]
    first = sorted_mentions(events, idx.article_extras(session, batch.new))
    keys = {mention_key(m) for _s, m in first}
    while True:
        old_ids = {e for _k, e in idx.entity_blocks(session, keys=keys)}
        more = {k for k, _e in idx.entity_blocks(session, ids=old_ids)} - keys
        if more:
            keys |= more
            continue
        pool = _pool(session, keys, first)
        entities, by_mention = resolve_actors([m for _s, m, _r in pool])
        more = {k for k, _e in idx.entity_blocks(session, ids={e.id for e in entities})} - keys
        if not more:
            break
        keys |= more
    idx.delete_where(session, tables.EntityRow.id, old_ids)
    idx.delete_where(session, idx.FuseEntityBlockRow.key, keys)
    _insert(session, tables.EntityRow, [entity_values(e) for e in entities])
    _insert(session, idx.FuseEntityBlockRow, block_values([m for _s, m, _r in pool], by_mention))
    members = _canonicals(session, batch, pool, by_mention)
    write_classes(session, keys, pool, by_mention, members)


def _pool(
    session: Session, keys: set[str], first: list[tuple[str, Mention]]
) -> list[tuple[str, Mention, Any]]:
    """(sort, mention, stored row or None) of these blocks, in the full run's order: the
    stored mentions of people's blocks, the classes of bodies' ones, the new mentions."""
    stored = [
        (r.sort, stored_mention(r.payload), r)
        for r in idx.mentions_in(session, {k for k in keys if not is_classed(k)})
    ]
    stored += [(r.sort, class_mention(r), r)
               for r in idx.classes_in(session, {k for k in keys if is_classed(k)})]  # fmt: skip
    return sorted(stored + [(sort, m, None) for sort, m in first], key=lambda x: x[0])


def write_classes(
    session: Session, keys: set[str], pool: list[tuple[str, Mention, Any]],
    by_mention: dict[int, Entity], members: dict[int, list[tuple[str, Mention]]],
) -> None:  # fmt: skip
    """The name classes of these blocks, rewritten from the pool just resolved (a class
    whose canonical name changed from its mentions, ``members``: they may part)."""
    classed = {k for k in keys if is_classed(k)}
    items = []
    for i, (sort, m, row) in enumerate(pool):
        key = mention_key(m)
        if key not in classed:
            continue
        name = by_mention[i].canonical if i in by_mention else None
        if i in members:
            items += [(key, s, member, name, bool(member.slots)) for s, member in members[i]]
        else:
            slotted = bool(row.payload.get("slotted")) if row is not None else bool(m.slots)
            items.append((key, sort, m, name, slotted))
    idx.delete_where(session, idx.FuseClassRow.key, classed)
    _insert(session, idx.FuseClassRow, class_rows(items))


def _canonicals(
    session: Session, batch: Batch, pool: list[tuple[str, Mention, Any]],
    by_mention: dict[int, Entity],
) -> dict[int, list[tuple[str, Mention]]]:  # fmt: skip
    """Canonical names that are new or changed: written on the events and the mentions
    (a class's change on every mention of it: those are returned, by pool index)."""
    new_rows, changed = [], []
    expanded: dict[int, list[tuple[str, Mention]]] = {}
    for i, (sort, m, row) in enumerate(pool):
        name = by_mention[i].canonical if i in by_mention else None
        if row is not None and row.payload.get("canonical") == name:
            continue
        members = [(m, row)]
        if isinstance(row, idx.FuseClassRow):
            members = _class_members(session, row)
            expanded[i] = [(r.sort, member) for member, r in members]
        for member, stored in members:
            for event_id, slot in member.slots:
                if name is not None:
                    batch.canonical.setdefault(event_id, {})[slot] = name
                if slot == "claimant" and stored is not None:
                    batch.claimant_changed.add(event_id)
            if stored is None:
                new_rows.extend(mention_values([(sort, m)], {0: by_mention[i]} if name else {}))
            else:
                changed.append({"id": stored.id, "payload": {**stored.payload, "canonical": name}})
    _insert(session, idx.FuseMentionRow, new_rows)
    for chunk in idx.chunks(changed):
        session.execute(update(idx.FuseMentionRow), chunk)
    tables.write_canonicals(session, batch.canonical)
    return expanded


def _class_members(session: Session, row: Any) -> list[tuple[Mention, Any]]:
    """The stored mentions a class stands for, each as the next fusion reads it."""
    found = []
    for r in idx.mentions_in(session, [row.key]):
        m = stored_mention(r.payload)
        if class_signature(m, bool(m.slots)) == row.sig:
            found.append((m, r))
    return found


def fuse_places(session: Session, batch: Batch) -> None:
    """Place entities of the places the new articles mention, as from all their mentions:
    a stored entity takes the new mentions in (counts, spellings, articles) when they
    give the name it already has; otherwise it is rebuilt from every mention of it."""
    new = [
        (a, from_jsonable(PlaceMention, p)) for a, p in idx.place_mentions_of(session, batch.new)
    ]
    by_place: dict[str, list[Mention]] = {}
    for m in place_mentions(new):
        if m.place_id:
            by_place.setdefault(m.place_id, []).append(m)
    if not by_place:
        return
    old = {r.id: r for r in idx.entities_by_id(session, {f"p-{p}" for p in by_place})}
    entities, whole = [], set()
    for place_id, found in sorted(by_place.items()):
        row = old.get(f"p-{place_id}")
        if row is not None and all((m.role or m.name) == row.canonical for m in found):
            entities.append(_grown_place(row, found))
        else:
            whole.add(place_id)
    if whole:
        pairs = [(a, from_jsonable(PlaceMention, p))
                 for a, p in idx.place_mentions_at(session, whole)]  # fmt: skip
        entities += [e for e in resolve_places(place_mentions(pairs)) if e.id[2:] in whole]
    idx.delete_where(session, tables.EntityRow.id, {f"p-{p}" for p in by_place})
    _insert(session, tables.EntityRow, [entity_values(e) for e in entities])


def _grown_place(row: Any, found: list[Mention]) -> Entity:
    """A stored place entity with new mentions of it (``resolve_places``' result for all)."""
    spellings = dict(row.payload["spellings"])
    for m in found:
        spellings[m.name.strip()] = spellings.get(m.name.strip(), 0) + 1
    articles = union_sorted([row.payload["articles"], sorted({m.article_id for m in found})])
    return Entity(
        row.id, row.kind, row.canonical, row.side, None,
        dict(sorted(spellings.items(), key=lambda kv: (-kv[1], kv[0]))), articles,
        row.mentions + len(found), row.payload["matched_by"],
    )  # fmt: skip


def _insert(session: Session, model: Any, rows: list[dict[str, Any]]) -> None:
    idx.insert_rows(session, model, rows)


def block_values(mentions: list[Mention], by_mention: dict[int, Entity]) -> list[dict[str, str]]:
    """fw_fuse_entity_blocks rows: each entity with the blocks its mentions came from."""
    pairs = {(mention_key(m), by_mention[i].id) for i, m in enumerate(mentions) if i in by_mention}
    return [{"key": k, "entity_id": e} for k, e in sorted(pairs)]
