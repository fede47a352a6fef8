"""Incremental fusion (frontwatch.fuse.incremental) gives what a full recomputation gives.

Stores are filled batch by batch with ``fuse_new`` after each batch, then compared,
row for row (incidents with their ids, events' links, copy links, flags, entities,
incident details with tallies' links, fusion's index aside), with what ``fuse_store``
computes over the same store. A random synthetic store (stories told by several
articles, near-copies, named claimants with variant spellings, tallies, wide dates) is
split into random batches; a hand-made case has a late article that bridges two copy
clusters stored in earlier batches, and a late report that joins an existing incident.
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

import frontwatch.fuse as fuse
from frontwatch.bench.scale import synthetic_articles
from frontwatch.fuse import fuse_new, fuse_store, mark_pending
from frontwatch.models import (
    Actor,
    ActorKind,
    Article,
    Claim,
    DateSource,
    Event,
    Place,
    PlaceMention,
    ProcessedArticle,
    Status,
    TimeExpr,
    TimePrecision,
    content_id,
    to_jsonable,
)
from frontwatch.store import Store
from frontwatch.store import fusion as tables

_NAMES = ["Serhiy Haidai", "Haidai", "Serhii Haidai", "Oleh Syniehubov", "Pavlo Kyrylenko"]


def snapshot(store: Store) -> dict[str, Any]:
    return {
        "incidents": sorted((to_jsonable(i) for i in store.incidents()), key=lambda i: i["id"]),
        "events": sorted(
            (e.id, e.incident_id, str(e.incident_status), to_jsonable(e.claim) if e.claim else None)
            for e in store.events()
        ),
        "links": sorted(
            (r.article_id, r.copy_of, r.similarity, r.origin_name, r.provenance)
            for r in tables.article_links(store).values()
        ),
        "entities": sorted(
            (r.id, r.canonical, r.mentions, str(r.payload)) for r in tables.entities(store)
        ),
        "details": sorted((k, str(v)) for k, v in tables.incident_details(store).items()),
        "flags": sorted((a.id, tuple(a.flags)) for a in store.articles()),
    }


def _varied(rng: random.Random, p: ProcessedArticle) -> ProcessedArticle:
    """A synthetic article with a named claimant (spellings vary), now and then a tally
    or a date known only to the month."""
    ev = p.events[0]
    sentence = ev.claim.sentence if ev.claim else ""
    if rng.random() < 0.15:
        sentence = sentence.rstrip(".") + " in a day."
    claimant = Actor(rng.choice(_NAMES), "UA", ActorKind.PERSON, role="governor")
    time = ev.time
    if time is not None and rng.random() < 0.1 and time.date_start:
        first = time.date_start.replace(day=1)
        time = replace(time, date_start=first, date_end=first + timedelta(days=27),
                       precision=TimePrecision.MONTH)  # fmt: skip
    claim = Claim(0, len(sentence), sentence, claimant)
    return replace(p, events=[replace(ev, claim=claim, time=time)])


def _fill(db: Path, articles: list[ProcessedArticle], cuts: list[int]) -> Store:
    store = Store(str(db))
    start = 0
    for end in [*cuts, len(articles)]:
        mark_pending(store)
        store.save(articles[start:end])
        fuse_new(store)
        start = end
    return store


def _check(store: Store) -> dict[str, Any]:
    incremental = snapshot(store)
    fuse_store(store)
    assert incremental == snapshot(store)
    return incremental


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_incremental_fusion_equals_a_full_recomputation_on_a_random_store(
    tmp_path: Path, seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    rng = random.Random(seed)
    articles = [_varied(rng, p) for p in synthetic_articles(160, seed=seed)]
    rng.shuffle(articles)
    cuts = sorted(rng.sample(range(1, len(articles)), 5))
    fulls: list[int] = []
    real = fuse.fuse_store
    monkeypatch.setattr(fuse, "fuse_store", lambda s: fulls.append(1) or real(s))
    store = _fill(tmp_path / "inc.db", articles, cuts)
    assert len(fulls) == 1  # the first batch only: every later one went the incremental way
    monkeypatch.setattr(fuse, "fuse_store", real)
    found = _check(store)
    assert any(len(i["event_ids"]) > 1 for i in found["incidents"])
    assert any(copy_of for _a, copy_of, *_r in found["links"])
    assert any("sums" in d for _k, d in found["details"])  # tallies were linked
    store.close()


TOWN = Place("syn:bridge", "Brydzhivka", 48.5, 37.5, "PPL", "UA", "Donetsk")
DAY = date(2023, 5, 2)


def _words(seed: str, n: int) -> str:
    rng = random.Random(seed)
    vocab = [f"w{k}" for k in range(400)]
    return " ".join(rng.choice(vocab) for _ in range(n))


def _report(text: str, claimant: str, published: date, outlet: str) -> ProcessedArticle:
    text = f"Shelling hit {TOWN.name} overnight. {text}."
    art = Article(content_id(text), f"t/{content_id(text)}", text, outlet=outlet,
                  published=published, date_source=DateSource.METADATA)  # fmt: skip
    start = text.index(TOWN.name)
    mention = PlaceMention(start, start + len(TOWN.name), TOWN.name, place=TOWN, sent=0)
    when = TimeExpr(0, 0, "overnight", DAY, DAY, TimePrecision.DAY)
    sentence = text[: text.index(".") + 1]
    event = Event(
        id=content_id(f"{art.id}:0"), article_id=art.id, fw_type="shelling", trigger="hit",
        trigger_start=9, trigger_end=12, status=Status.CLAIMED,
        actor1=Actor("Russian forces", "RU", ActorKind.FORCE), place=mention, time=when,
        claim=Claim(0, len(sentence), sentence, Actor(claimant, "UA", ActorKind.PERSON)),
    )  # fmt: skip
    return ProcessedArticle(art, [mention], [when], [], [event], [(0, len(text))])


def test_a_late_article_bridges_copy_clusters_and_joins_an_incident(tmp_path: Path) -> None:
    one, two = _words("one", 60), _words("two", 60)
    a = _report(one, "Serhiy Haidai", DAY, "Outlet A")
    b = _report(two, "Pavlo Kyrylenko", DAY, "Outlet B")
    a_copy = _report(one + " w1 w2", "Serhiy Haidai", DAY + timedelta(days=1), "Outlet C")
    late = _report(f"{one} {two}", "Haidai", DAY - timedelta(days=1), "Outlet D")  # the origin
    batches = [[a, b], [a_copy], [late]]
    store = Store(str(tmp_path / "bridge.db"))
    for batch in batches:
        mark_pending(store)
        store.save(batch)
        fuse_new(store)
        if batch is batches[1]:
            links = tables.article_links(store)
            assert links[a_copy.article.id].copy_of == a.article.id  # a copy across batches
            assert links[b.article.id].copy_of is None
            before = {e.id: e.incident_id for e in store.events()}
    found = _check(store)
    links = tables.article_links(store)
    # The late article, published earlier and holding both texts, is now the origin of
    # one cluster that bridges a's and b's: one source, where there were two.
    assert {links[p.article.id].copy_of for p in (a, b, a_copy)} == {late.article.id}
    assert len({links[p.article.id].provenance for p in batches[0] + batches[1]}) == 1
    incidents = found["incidents"]
    joined = [i for i in incidents if late.events[0].id in i["event_ids"]]
    assert len(joined) == 1 and len(joined[0]["event_ids"]) == 4
    # It keeps the id of its earliest-stored member (a's or b's event), not the late one's.
    assert joined[0]["id"] == before[a.events[0].id] or joined[0]["id"] == before[b.events[0].id]
    store.close()


# Bodies' names as fusion keeps them in classes (fuse/classes.py): one block with a
# curated entry and namesakes on other sides, one with no entry whose majority spelling
# (its canonical name) changes as batches arrive, known-as names, roles.
_BODIES = [
    ("Russian Ministry of Defence", "RU", None, None),
    ("Russia's Defence Ministry", "RU", None, None),
    ("Defence Ministry", "UA", None, None),
    ("Defence Ministry", "UNKNOWN", "defence ministry", None),
    ("Ministry of Defence", "UNKNOWN", None, None),
    ("Kharkiv Regional Council", "UA", None, None),
    ("Regional Council of Kharkiv", "UA", None, None),
    ("Regional Council of Kharkiv", "RU", None, None),
    ("Kharkiv Regional Council", "UNKNOWN", None, "Kharkiv Oblast Council"),
    ("Russian forces", "UNKNOWN", None, None),
]


def _with_body(rng: random.Random, p: ProcessedArticle) -> ProcessedArticle:
    p = _varied(rng, p)
    if rng.random() < 0.3:
        return p
    name, side, role, known = rng.choice(_BODIES)
    body = Actor(name, side, ActorKind.GOVERNMENT, role=role, canonical=known, start=1, end=2)
    return replace(p, events=[replace(p.events[0], actor2=body)])


def _classes(store: Store) -> list[tuple[Any, ...]]:
    from sqlalchemy import select

    from frontwatch.store.fuse_index import FuseClassRow

    with store._session() as session:
        rows = session.scalars(select(FuseClassRow)).all()
        return sorted((r.key, r.sig, r.sort, r.weight, str(r.payload), r.articles) for r in rows)


@pytest.mark.parametrize("seed", [4, 5, 6])
def test_bodies_name_classes_give_what_every_mention_gives(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    articles = [_with_body(rng, p) for p in synthetic_articles(150, seed=seed)]
    rng.shuffle(articles)
    store = _fill(tmp_path / "classes.db", articles, sorted(rng.sample(range(1, 150), 6)))
    classes = _classes(store)
    found = _check(store)  # entities, canonical names on the events, incidents
    assert _classes(store) == classes  # the classes kept are the ones a full run writes
    assert max(weight for _k, _s, _o, weight, *_r in classes) > 20
    council = [e for e in found["entities"] if "Council" in e[1]]
    assert any("Regional Council of Kharkiv" in p and "Kharkiv Regional Council" in p
               for *_e, p in council)  # fmt: skip
    store.close()


def test_union_sorted_merges_a_long_list_with_short_ones() -> None:
    from frontwatch.fuse.entities import union_sorted

    rng = random.Random(3)
    for _ in range(500):
        lists = [
            sorted(
                {f"{rng.choice('abc')}{rng.randrange(60):02d}" for _ in range(rng.randrange(40))}
            )
            for _ in range(rng.randrange(4))
        ]
        lists.append(sorted({f"b{k:03d}" for k in range(rng.randrange(200))}))  # a long one
        assert union_sorted(lists) == sorted({x for ids in lists for x in ids})
