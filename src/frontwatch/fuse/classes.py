"""Name classes: what incremental fusion keeps of a body's name block instead of every
mention of it (docs/fusion.md, "Incremental fusion"; store/fuse_index.py).

A body's name ("Russian forces") can be in most articles of a store, and its block was
recomputed whole from every stored mention in each batch. Within a body's block
(``org_key``), ``resolve_actors`` gives two mentions with the same name, side, role and
known-as name the same fate: the block's first mention decides who joins its cluster
(sides agree, no other curated entry), whatever the position of the others, and
mentions left out of it become entities that merge by id. So the block resolves the
same when each distinct name (a class) stands once, at its first mention's place in the
order, weighted by how many mentions it stands for and carrying their articles: the
entities' counts, majorities, spellings and articles come out as from every mention.
People's blocks are not classed (a surname alone joins a full name of its own article,
so two identical names can fare differently) and are still read whole.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from frontwatch.fuse.entities import ORG, Mention, union_sorted

CLASSED = "org:"  # the blocks kept as classes: bodies' names


def is_classed(key: str) -> bool:
    return key.startswith(CLASSED)


def class_signature(m: Mention, slotted: bool) -> str:
    """What makes two mentions of one block the same to entity resolution (``slotted``:
    they fill event slots, so the canonical name fusion gives is written back on them)."""
    basis = json.dumps([m.name, m.side, m.role, m.known_as, slotted], ensure_ascii=False)
    return hashlib.sha1(basis.encode()).hexdigest()[:32]


def effective(m: Mention, canonical: str | None, slotted: bool) -> Mention:
    """The mention as the next fusion reads it: a slot's actor carries the canonical name
    this fusion gave it (store/fusion.py ``write_canonicals``) as its known-as name."""
    if slotted and canonical is not None and m.known_as != canonical:
        return replace(m, known_as=canonical)
    return m


def class_mention(row: Any) -> Mention:
    """A stored class as one weighted mention, at its first mention's place."""
    p = row.payload
    articles = row.articles.split("\n") if row.articles else []
    return Mention(
        p["article_id"], p["name"], ORG, p.get("side"), p.get("role"), int(p.get("start", -1)),
        int(p.get("end", -1)), known_as=p.get("known_as"), weight=int(row.weight),
        articles=articles,
    )  # fmt: skip


def class_rows(
    items: Iterable[tuple[str, str, Mention, str | None, bool]],
) -> list[dict[str, Any]]:
    """fw_fuse_classes rows from (block key, sort, mention or class, its canonical name,
    whether slotted) of bodies' names, each as the next fusion reads it: per block and
    signature, the first in the order, the weights summed, the articles merged."""
    groups: dict[tuple[str, str, bool], list[tuple[str, Mention, str | None]]] = {}
    for key, sort, m, canonical, slotted in items:
        m = effective(m, canonical, slotted)
        groups.setdefault((key, class_signature(m, slotted), slotted), []).append(
            (sort, m, canonical)
        )
    rows = []
    for (key, sig, slotted), members in sorted(groups.items()):
        members.sort(key=lambda x: x[0])
        sort, first, canonical = members[0]
        articles = union_sorted(
            [m.articles if m.articles is not None else [m.article_id] for _s, m, _c in members]
        )
        payload = {
            "article_id": first.article_id, "name": first.name, "side": first.side,
            "role": first.role, "start": first.start, "end": first.end,
            "known_as": first.known_as, "canonical": canonical, "slotted": slotted,
        }  # fmt: skip
        rows.append({"key": key, "sig": sig, "sort": sort, "payload": payload,
                     "weight": sum(m.weight for _s, m, _c in members),
                     "articles": "\n".join(articles)})  # fmt: skip
    return rows
