"""Canonical entities: one person, body or place across articles and spellings.

People and bodies are matched in three steps, each on the rule of evidence of
``resolve/names.py`` (the one extraction uses too), so that a likeness alone never
joins two different actors:

1. the actor table (data/actors.toml): a listed alias, or a spelling of one
   (``names.variant_key``: Gaidai = Haidai = Гайдай), with no first name that differs;
2. inside one article, a surname alone ("Hayday") joins a full name with that surname;
3. across articles, names join when they are the same name or a spelling of it, and
   their roles and sides agree.

Each entity's ``matched_by`` says which rule joined each of its spellings. Comparisons
are blocked by surname skeleton (``names.fold``), so the cost is near-linear.
Places are grouped by gazetteer entry: the resolve stage already did the work.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from frontwatch.lexicons import ActorEntry, actor_matching, actor_table, side_bloc
from frontwatch.models import Actor, ActorKind, Event, PlaceMention
from frontwatch.resolve.names import fold, given_conflict, name_evidence, strict_key

PERSON, ORG, PLACE = "person", "org", "place"
_POSSESSIVE = re.compile(r"[’']s\b")


@dataclass(slots=True)
class Mention:
    """One name in one article, with the event slots it fills."""

    article_id: str
    name: str
    kind: str  # person | org | place
    side: str | None = None
    role: str | None = None
    start: int = -1
    end: int = -1
    place_id: str | None = None
    slots: list[tuple[str, str]] = field(default_factory=list)  # (event id, slot)
    known_as: str | None = None  # the canonical name extraction's actor lexicon gave
    # A class of identical names (fuse/classes.py) stands for ``weight`` mentions in the
    # sorted ``articles``; a single mention has weight 1 and its own article.
    weight: int = 1
    articles: list[str] | None = None


@dataclass(slots=True)
class Entity:
    id: str
    kind: str
    canonical: str
    side: str | None
    role: str | None
    spellings: dict[str, int]
    articles: list[str]
    mentions: int
    matched_by: str  # the rule that joined each spelling ("Gaidai: listed alias"), or gazetteer


@dataclass(frozen=True, slots=True)
class _Rules:
    entries: tuple[ActorEntry, ...]
    honorifics: frozenset[str]
    org_drop: frozenset[str]
    role_drop: frozenset[str]
    spelling: dict[str, str]
    role: float


@cache
def _rules() -> _Rules:
    data = actor_matching()
    norm, fz = data["normalise"], data["fuzzy"]
    return _Rules(
        entries=actor_table(),
        honorifics=frozenset(norm["honorifics"]),
        org_drop=frozenset(norm["org_drop"]),
        role_drop=frozenset(norm["role_drop"]),
        spelling=dict(norm["spelling"]),
        role=float(fz["role"]),
    )


# --- keys ------------------------------------------------------------------------


def person_key(name: str) -> str:
    """Folded name without honorifics or possessive: "Mr Serhiy Gaidai" -> "serhiy gaidai"."""
    words = strict_key(_POSSESSIVE.sub("", name)).split()
    honorifics = _rules().honorifics
    # "Luhansk Governor Serhiy Haidai": the name starts after the last title word.
    titles = [i for i, w in enumerate(words[:-1]) if w in honorifics]
    if titles:
        words = words[titles[-1] + 1 :]
    return " ".join(w for w in words if w not in ("the",))


def org_key(name: str) -> str:
    """Word-order-free key of a body: "Ministry of Defense" == "Defense Ministry"."""
    rules = _rules()
    words = strict_key(_POSSESSIVE.sub("", name)).split()
    kept = {rules.spelling.get(w, w) for w in words if w not in rules.org_drop}
    return " ".join(sorted(kept))


def skeleton(word: str) -> str:
    """Transliteration-blind sound of a name (``names.fold``): Haidai, Gaidai, Heday -> "hada"."""
    return fold(word).replace(" ", "")


def _surname(key: str) -> str:
    return key.split()[-1] if key else ""


def _given(key: str) -> str | None:
    words = key.split()
    return words[0] if len(words) > 1 else None


def _sides_agree(a: str | None, b: str | None) -> bool:
    known = {side_bloc(s) for s in (a, b) if s and s != "UNKNOWN"}
    return len(known) <= 1


def _role_words(role: str) -> set[str]:
    rules = _rules()
    words = strict_key(role).split()
    return {rules.spelling.get(w, w) for w in words if w not in rules.role_drop}


def _roles_agree(a: str | None, b: str | None) -> bool:
    """Roles agree when most words of the shorter are in the longer (or one is unknown)."""
    if not a or not b:
        return True
    wa, wb = _role_words(a), _role_words(b)
    if not wa or not wb:
        return True
    return len(wa & wb) / min(len(wa), len(wb)) >= _rules().role


# --- alias matching ------------------------------------------------------------------


@cache
def _alias_index() -> tuple[dict[tuple[str, str], int], dict[str, list[int]]]:
    """(kind, key) -> entry, and surname skeleton -> person entries."""
    exact: dict[tuple[str, str], int] = {}
    by_skeleton: dict[str, list[int]] = {}
    for idx, entry in enumerate(_rules().entries):
        kind = _entry_kind(entry)
        for name in (entry.name, *entry.aliases):
            key = person_key(name) if kind == PERSON else org_key(name)
            exact.setdefault((kind, key), idx)
            if kind == PERSON:
                by_skeleton.setdefault(skeleton(_surname(key)), []).append(idx)
    return exact, by_skeleton


def match_alias(mention: Mention) -> int | None:
    """The curated entry a mention names: the one extraction already named (``known_as``:
    "Генштаб" -> General Staff of the Armed Forces of Ukraine, from lexicon.uk.toml), a
    listed alias, or a spelling of one (resolve/names.py)."""
    keyed = person_key if mention.kind == PERSON else org_key
    key = keyed(mention.name)
    exact, by_skeleton = _alias_index()
    found = exact.get((mention.kind, key))
    if found is None and mention.known_as:
        found = exact.get((mention.kind, keyed(mention.known_as)))
    if found is not None:
        entry = _rules().entries[found]
        return found if _sides_agree(entry.side, mention.side) else None
    if mention.kind == ORG:
        return _match_org_alias(key, mention)
    if _given(key) is None:
        return None
    rules = _rules()
    for idx in by_skeleton.get(skeleton(_surname(key)), []):
        entry = rules.entries[idx]
        names = (entry.name, *entry.aliases)
        spelt = any(name_evidence(key, person_key(n)) == "spelling" for n in names)
        if (
            spelt
            and _sides_agree(entry.side, mention.side)
            and _roles_agree(entry.role, mention.role)
        ):
            return idx
    return None


def _match_org_alias(key: str, mention: Mention) -> int | None:
    """A shortened body name ("The Russian Ministry", role "defence ministry"): its words
    all in one curated name, and a stated role that agrees (no role, no guess)."""
    words = set(key.split())
    if not words or not mention.role:
        return None
    found = None
    for idx, entry in enumerate(_rules().entries):
        if _entry_kind(entry) != ORG or not _sides_agree(entry.side, mention.side):
            continue
        if not _roles_agree(entry.role, mention.role):
            continue
        if any(words <= set(org_key(n).split()) for n in (entry.name, *entry.aliases)):
            if found is not None:
                return None  # ambiguous: two curated bodies fit
            found = idx
    return found


# --- clustering ------------------------------------------------------------------------


class _Clusters:
    """Union-find over mentions that never joins two different curated entries, nor two
    groups whose full names have differing first names (chains of bare surnames across
    articles must not join Donald and Melania Trump)."""

    def __init__(self, alias: list[int | None], names: list[str] | None = None) -> None:
        self.parent = list(range(len(alias)))
        self.alias = list(alias)
        self.full = [[n] if _given(n) else [] for n in (names or [""] * len(alias))]

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        if None not in (self.alias[ra], self.alias[rb]) and self.alias[ra] != self.alias[rb]:
            return False
        same_entry = self.alias[ra] is not None and self.alias[ra] == self.alias[rb]
        if not same_entry and any(
            given_conflict(x, y) for x in self.full[ra] for y in self.full[rb]
        ):
            return False
        keep, drop = min(ra, rb), max(ra, rb)
        self.parent[drop] = keep
        self.full[keep] = sorted(set(self.full[keep]) | set(self.full[drop]))
        if self.alias[keep] is None:
            self.alias[keep] = self.alias[drop]
        return True


def _cluster_people(mentions: list[Mention], clusters: _Clusters) -> None:
    keys = [person_key(m.name) for m in mentions]
    by_article: dict[str, list[int]] = {}
    for i, m in enumerate(mentions):
        by_article.setdefault(m.article_id, []).append(i)
    # 2. Inside an article: a surname alone joins the nearest full name before it with that
    # surname (or, with none before, the nearest after).
    for members in by_article.values():
        full = [i for i in members if _given(keys[i]) is not None]
        for i in members:
            if _given(keys[i]) is not None:
                continue
            fits = [
                j
                for j in full
                if name_evidence(keys[i], keys[j]) == "surname"
                and _sides_agree(mentions[i].side, mentions[j].side)
            ]
            start = mentions[i].start
            for j in sorted(
                fits, key=lambda j: (mentions[j].start > start, abs(start - mentions[j].start))
            ):
                if clusters.union(i, j):
                    break
    # 3. Across articles, blocked by surname skeleton.
    blocks: dict[str, list[int]] = {}
    for i, key in enumerate(keys):
        if key:
            blocks.setdefault(skeleton(_surname(key)), []).append(i)
    for members in blocks.values():
        representatives: list[int] = []
        for i in members:
            for j in representatives:
                if _same_person(mentions[i], keys[i], mentions[j], keys[j]) and clusters.union(
                    i, j
                ):
                    break
            else:
                representatives.append(i)


def _same_person(a: Mention, ka: str, b: Mention, kb: str) -> bool:
    """Across articles: the same name or a spelling of it, sides and roles agreeing (a
    surname alone needs a full mention in its own article, step 2)."""
    if not (_sides_agree(a.side, b.side) and _roles_agree(a.role, b.role)):
        return False
    return name_evidence(ka, kb) in ("same name", "spelling", "initial")


def _cluster_orgs(mentions: list[Mention], clusters: _Clusters) -> None:
    first: dict[str, int] = {}
    for i, m in enumerate(mentions):
        key = org_key(m.name)
        if not key:
            continue
        if key in first and _sides_agree(m.side, mentions[first[key]].side):
            clusters.union(i, first[key])
        else:
            first.setdefault(key, i)


# --- building entities -------------------------------------------------------------------


def _entity_id(kind: str, canonical: str, side: str | None = None, role: str | None = None) -> str:
    """Stable id; namesakes on different sides or in different roles get different ids."""
    words = " ".join(sorted(_role_words(role))) if role else ""
    basis = f"{kind}\0{fold(canonical)}\0{side_bloc(side) or ''}\0{words}"
    return f"{kind[0]}-{hashlib.sha1(basis.encode()).hexdigest()[:12]}"


def _majority(values: Iterable[tuple[str | None, int]]) -> str | None:
    counts: Counter[str] = Counter()
    for v, weight in values:
        if v and v != "UNKNOWN":
            counts[v] += weight
    return min(counts, key=lambda v: (-counts[v], v)) if counts else None


def _spelling_counts(members: Iterable[Mention]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for m in members:
        counts[m.name.strip()] += m.weight
    return counts


def union_sorted(lists: Iterable[list[str]]) -> list[str]:
    """The sorted union of sorted lists, each without repeats. The usual case is one long list
    (a name in most articles) and a few short ones: those are put into the long one by
    bisection, copying its runs between them, rather than sorting everything again."""
    pool = [ids for ids in lists if ids]
    if not pool:
        return []
    longest = max(range(len(pool)), key=lambda i: len(pool[i]))
    base = pool[longest]
    if len(pool) == 1:
        return list(base)
    extra = sorted({x for i, ids in enumerate(pool) if i != longest for x in ids})
    if len(extra) * 8 > len(base):
        return sorted({*base, *extra})
    out: list[str] = []
    start = 0
    for x in extra:
        at = bisect_left(base, x, start)
        out.extend(base[start:at])
        if at == len(base) or base[at] != x:
            out.append(x)
        start = at
    out.extend(base[start:])
    return out


def _articles(group: Iterable[Mention]) -> list[str]:
    singles = sorted({m.article_id for m in group if m.articles is None})
    return union_sorted([singles, *(m.articles for m in group if m.articles is not None)])


def _canonical_spelling(members: list[Mention]) -> str:
    counts = _spelling_counts(members)
    full = [n for n in counts if _given(person_key(n)) or members[0].kind != PERSON]
    pool = full or list(counts)
    # People: the fullest name; bodies: the plainest ("Russian Defense Ministry", not "The ...").
    sign = -1 if members[0].kind == PERSON else 1
    return min(pool, key=lambda n: (-counts[n], sign * len(n), n))


def _build(group: list[Mention], alias: int | None, matched_by: str) -> Entity:
    kind = group[0].kind
    side: str | None
    role: str | None
    if alias is not None:
        entry = _rules().entries[alias]
        canonical, side, role = entry.name, entry.side, entry.role
    else:
        # A name the extraction lexicon (data/actors.toml) already settled wins over spellings.
        canonical = _majority((m.known_as, m.weight) for m in group) or _canonical_spelling(group)
        side = _majority((m.side, m.weight) for m in group)
        role = _majority((m.role, m.weight) for m in group)
    spellings = _spelling_counts(group)
    return Entity(
        id=_entity_id(kind, canonical, side, role),
        kind=kind,
        canonical=canonical,
        side=side,
        role=role,
        spellings=dict(sorted(spellings.items(), key=lambda kv: (-kv[1], kv[0]))),
        articles=_articles(group),
        mentions=sum(m.weight for m in group),
        matched_by=matched_by,
    )


def resolve_actors(mentions: list[Mention]) -> tuple[list[Entity], dict[int, Entity]]:
    """Entities for person and org mentions, and mention index -> its entity."""
    entities: list[Entity] = []
    by_mention: dict[int, Entity] = {}
    for kind, cluster_fn in ((PERSON, _cluster_people), (ORG, _cluster_orgs)):
        idx = [i for i, m in enumerate(mentions) if m.kind == kind]
        subset = [mentions[i] for i in idx]
        names = [person_key(m.name) if kind == PERSON else "" for m in subset]
        clusters = _Clusters([match_alias(m) for m in subset], names)
        cluster_fn(subset, clusters)
        groups: dict[int, list[int]] = {}
        for local in range(len(subset)):
            groups.setdefault(clusters.find(local), []).append(local)
        for root, members in sorted(groups.items()):
            alias = clusters.alias[root]
            group = [subset[m] for m in members]
            entity = _build(group, alias, _why(group, alias))
            entities.append(entity)
            for m in members:
                by_mention[idx[m]] = entity
    return _merge_same_id(entities, by_mention)


def _spelling_rule(name: str, kind: str, alias: int | None, others: list[str]) -> str:
    """The rule of evidence that put ``name`` into its entity (resolve/names.py)."""
    if alias is not None:
        entry = _rules().entries[alias]
        listed = (entry.name, *entry.aliases)
        if kind == ORG:
            return "listed alias" if org_key(name) in {org_key(n) for n in listed} else "role"
        key = person_key(name)
        if key in {person_key(n) for n in listed}:
            return "listed alias"
        if any(name_evidence(key, person_key(n)) == "spelling" for n in listed):
            return "spelling of a listed alias"
        return "surname after a full mention"
    if kind == ORG:
        return "same words"
    rules = [name_evidence(person_key(name), person_key(o)) for o in others]
    for rule in ("same name", "spelling", "initial", "surname"):
        if rule in rules:
            return "surname after a full mention" if rule == "surname" else rule
    return "same name"


def _why(group: list[Mention], alias: int | None) -> str:
    """matched_by: each spelling with the rule that joined it ("Gaidai: listed alias")."""
    names = sorted({m.name.strip() for m in group})
    kind = group[0].kind
    if len(names) == 1 and alias is None:
        return "same name" if kind == PERSON else "same words"
    return "; ".join(
        f"{n}: {_spelling_rule(n, kind, alias, [o for o in names if o != n])}" for n in names
    )


def _merge_same_id(
    entities: list[Entity], by_mention: dict[int, Entity]
) -> tuple[list[Entity], dict[int, Entity]]:
    """Two clusters that settled on one canonical name are one entity."""
    merged: dict[str, Entity] = {}
    for entity in entities:
        seen = merged.get(entity.id)
        if seen is None:
            merged[entity.id] = entity
            continue
        for name, count in entity.spellings.items():
            seen.spellings[name] = seen.spellings.get(name, 0) + count
        seen.articles = union_sorted([seen.articles, entity.articles])
        seen.mentions += entity.mentions
    remap = {i: merged[e.id] for i, e in by_mention.items()}
    return list(merged.values()), remap


def resolve_places(mentions: list[Mention]) -> list[Entity]:
    groups: dict[str, list[Mention]] = {}
    names: dict[str, str] = {}
    for m in mentions:
        if m.place_id:
            groups.setdefault(m.place_id, []).append(m)
    for m in mentions:
        if m.place_id and m.place_id not in names:
            names[m.place_id] = m.role or m.name
    entities = []
    for place_id, group in sorted(groups.items()):
        entity = _build(group, None, "gazetteer")
        entity.canonical = names[place_id]
        entity.id = f"p-{place_id}"
        entity.role = None
        entities.append(entity)
    return entities


# --- gathering mentions ------------------------------------------------------------------


def _entry_kind(entry: ActorEntry) -> str:
    """Fusion tells people from bodies only: forces, governments and outlets are bodies."""
    return PERSON if entry.kind == PERSON else ORG


def _actor_kind(actor: Actor) -> str:
    return PERSON if actor.kind == PERSON else ORG


_NAMED_KINDS = frozenset({"person", "org", "force", "government"})


def _is_named(actor: Actor, slot: tuple[str, str] | None) -> bool:
    """A name worth an entity: a person or body written with a capital ("Ukrainian
    forces", "Serhiy Haidai"), not a description ("troops", "two defence lines in ...")."""
    words = actor.name.split()
    if not words or actor.kind == "outlet" or len(words) > 8:
        return False
    if words[0].lower() == "the":
        words = words[1:]
    claimant = slot is not None and slot[1] == "claimant"
    if not any(w[:1].isupper() for w in words) and not (claimant and actor.role):
        return False  # "troops"; but a speaker with a role ("the office", presidential) counts
    return actor.kind in _NAMED_KINDS or claimant


def actor_mentions(events: Iterable[Event], extras: dict[str, dict[str, Any]]) -> list[Mention]:
    """One mention per distinct (article, span, name), with every event slot it fills."""
    found: dict[tuple[str, int, int, str], Mention] = {}

    def add(article_id: str, actor: Actor, slot: tuple[str, str] | None) -> None:
        if not _is_named(actor, slot):
            return
        key = (article_id, actor.start, actor.end, actor.name)
        if key not in found:
            found[key] = Mention(
                article_id,
                actor.name,
                _actor_kind(actor),
                actor.side,
                actor.role,
                actor.start,
                actor.end,
                known_as=actor.canonical,
            )
        if slot:
            found[key].slots.append(slot)

    for ev in events:
        for slot, actor in (
            ("actor1", ev.actor1),
            ("actor2", ev.actor2),
            ("claimant", ev.claim.claimant if ev.claim else None),
        ):
            if actor is not None:
                add(ev.article_id, actor, (ev.id, slot))
    for article_id, extra in extras.items():
        for raw in extra.get("actors") or []:
            if isinstance(raw, dict) and raw.get("name"):
                actor = Actor(
                    name=str(raw["name"]),
                    side=str(raw.get("side") or "UNKNOWN"),
                    kind=ActorKind(raw.get("kind") or "group"),
                    role=raw.get("role"),
                    start=int(raw.get("start", -1)),
                    end=int(raw.get("end", -1)),
                )
                add(article_id, actor, None)
    return list(found.values())


def place_mentions(pairs: Iterable[tuple[str, PlaceMention]]) -> list[Mention]:
    found = []
    for article_id, pm in pairs:
        if pm.place is None or pm.role == "actor" or "suspect_far" in pm.flags:
            continue  # unresolved, a government ("Kyiv said"), or a likely translation error
        found.append(
            Mention(
                article_id,
                pm.text,
                PLACE,
                role=pm.place.name,
                start=pm.start,
                end=pm.end,
                place_id=pm.place.id,
            )
        )
    return found
