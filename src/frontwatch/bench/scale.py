"""`make bench-scale`: what one fixed batch of real articles costs as the store grows.

The store is filled with a synthetic corpus made without the language model:
stories (one happening: a type, a place in the theatre, a day in three years)
each told by one to four articles, some of them near-copies of another, so that
copy detection and incident grouping have real work. At each size the same batch
of real articles (the fixed bench corpus) is timed twice, each time in fresh copies of
the store: its whole ingest (the language model, store and fusion: what `frontwatch
ingest` does with it) and its store and fusion alone (processed once beforehand), the
part that depends on the store's size.
"""

from __future__ import annotations

import random
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from frontwatch.bench.timing import peak_rss_mb
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
)

START = date(2022, 2, 24)
DAYS = 3 * 365
TOWNS = 400  # synthetic places spread over the theatre
_TYPES = ["shelling", "missile_strike", "air_strike", "clash", "advance", "attack_repelled",
          "casualties", "withdraw", "retake", "interception"]  # fmt: skip
_WORDS = [
    "forces",
    "army",
    "regional",
    "governor",
    "said",
    "officials",
    "reported",
    "overnight",
    "attack",
    "near",
    "town",
    "village",
    "district",
    "shelling",
    "strike",
    "drone",
    "missile",
    "civilians",
    "wounded",
    "killed",
    "damaged",
    "buildings",
    "infrastructure",
    "frontline",
    "positions",
    "troops",
    "units",
    "artillery",
]


def _towns(rng: random.Random) -> list[Place]:
    return [
        Place(
            f"syn:{k}",
            f"Town{k}",
            round(rng.uniform(44.5, 52.3), 4),
            round(rng.uniform(22.2, 40.2), 4),
            "PPL",
            "UA",
            f"Region{k % 24}",
        )  # fmt: skip
        for k in range(TOWNS)
    ]


def synthetic_articles(n: int, seed: int = 0, start_index: int = 0) -> Iterator[ProcessedArticle]:
    """``n`` processed articles (no model), the ``start_index``-th onwards of one seeded
    sequence: about 2.2 articles a story, a fifth of the retellings near-copies."""
    towns = _towns(random.Random(seed))
    index = 0
    story = 0
    while index < start_index + n:
        rng = random.Random(f"{seed}:{story}")
        town = rng.choice(towns)
        day = START + timedelta(days=rng.randrange(DAYS))
        fw_type = rng.choice(_TYPES)
        base = _story_text(rng, town.name)
        for telling in range(rng.choice((1, 1, 2, 2, 3, 4))):
            made = _article(rng, story, telling, base, town, day, fw_type)  # (same draws)
            if index >= start_index:
                yield made
            index += 1
            if index >= start_index + n:
                return
        story += 1


def _story_text(rng: random.Random, town: str) -> str:
    sentences = [
        " ".join(rng.choice(_WORDS) for _ in range(rng.randint(10, 22))).capitalize() + "."
        for _ in range(rng.randint(3, 9))
    ]
    sentences.insert(rng.randrange(len(sentences)), f"Shelling hit {town} on Monday.")
    return " ".join(sentences)


def _article(
    rng: random.Random, story: int, telling: int, base: str, town: Place, day: date, fw_type: str
) -> ProcessedArticle:
    if telling == 0 or rng.random() < 0.2:  # the first telling, or a near-copy of it
        text = base if telling == 0 else f"{base} Reporting by desk {telling}."
    else:
        text = f"{_story_text(rng, town.name)} Story {story}, account {telling}."
    article = Article(
        id=content_id(text), path=f"synthetic/{story}/{telling}", text=text,
        outlet=f"Outlet{rng.randrange(60)}", published=day + timedelta(days=rng.randint(0, 1)),
        date_source=DateSource.METADATA,
    )  # fmt: skip
    start = text.find(town.name)
    mention = PlaceMention(start, start + len(town.name), town.name, place=town, sent=0)
    when = TimeExpr(0, 0, "on Monday", day, day, TimePrecision.DAY)
    sentence = text[: text.find(".") + 1]
    event = Event(
        id=content_id(f"{article.id}:0"), article_id=article.id, fw_type=fw_type,
        trigger="hit", trigger_start=max(0, start - 4), trigger_end=max(3, start - 1),
        status=Status.CLAIMED, actor1=Actor("Russian forces", "RU", ActorKind.FORCE), place=mention,
        time=when, claim=Claim(0, len(sentence), sentence, Actor("the governor", "UA")),
    )  # fmt: skip
    return ProcessedArticle(article, [mention], [when], [], [event], [(0, len(text))])


def run_scale(
    batch: Sequence[ProcessedArticle],
    sizes: Sequence[int],
    ingest: Callable[[Any], object],
    db: str | None = None,
    say: Callable[[str], None] = lambda _msg: None,
    chunk: int = 2000,
    repeats: int = 3,
) -> dict[str, Any]:
    """At each size: the store filled to it (stored and fused incrementally, ``chunk``
    articles at a time, as ingest does), then the batch timed ``repeats`` times, each in
    a fresh copy of it (SQLite: a copy of the file; PostgreSQL: ``CREATE DATABASE ...
    TEMPLATE``; another database: in it, taken out again by a full fusion), the median
    kept. Two timings: ``ingest(store)``, the batch's ingest (language model, store and
    fusion: what ``frontwatch ingest`` does with it), and the store and fusion of the
    batch already processed. Both are run once, untimed, before the first size, so that
    one-time loading (lexicons, the model's first call) is not charged to it."""
    from frontwatch.store import Store, safe_url

    def store_and_fuse(target: Any) -> None:
        time_batch(target, batch)

    ids = [p.article.id for p in batch]
    with tempfile.TemporaryDirectory(prefix="fw-bench-scale-") as tmp:
        store = Store(db or str(Path(tmp) / "scale.db"))
        filled, fill_seconds, store_articles = 0, [], []
        timed: dict[str, list[float]] = {k: [] for k in ("ingest", "ingest_cpu", "sf", "sf_cpu")}
        for size in sorted(sizes):
            t0 = time.perf_counter()
            filled = _fill(store, filled, size, chunk, say)
            fill_seconds.append(round(time.perf_counter() - t0, 2))
            store_articles.append(store.article_count())
            if len(store_articles) == 1:  # warm up, untimed
                for work in (ingest, store_and_fuse):
                    _timed_in_copy(store, work, ids, Path(tmp))
            say(f"store at {store_articles[-1]:,} articles: timing the batch of {len(batch)} ...")
            for key, work in (("ingest", ingest), ("sf", store_and_fuse)):
                runs = [_timed_in_copy(store, work, ids, Path(tmp)) for _ in range(repeats)]
                timed[key].append(round(statistics.median(r[0] for r in runs), 3))
                timed[f"{key}_cpu"].append(round(statistics.median(r[1] for r in runs), 3))
            say(
                f"  ingest {timed['ingest'][-1]:.2f} s (CPU {timed['ingest_cpu'][-1]:.2f} s), "
                f"store and fusion {timed['sf'][-1]:.2f} s (CPU {timed['sf_cpu'][-1]:.2f} s); "
                f"filled in {fill_seconds[-1]:.0f} s, peak {peak_rss_mb():.0f} MB"
            )
        url = store.url
        store.close()
    return {
        "store_articles": store_articles,
        "batch_seconds": timed["ingest"],  # the batch's ingest, median of the repeats
        "batch_cpu_seconds": timed["ingest_cpu"],  # this process's CPU: steadier when busy
        "store_fusion_seconds": timed["sf"],  # the same batch, processed already
        "store_fusion_cpu_seconds": timed["sf_cpu"],
        "batch_ratio": _ratio(timed["ingest"]),
        "store_fusion_ratio": _ratio(timed["sf"]),
        "batch_articles": len(batch),
        "repeats": repeats,
        "fill_seconds": fill_seconds,
        "fill_chunk": chunk,
        "peak_rss_mb": peak_rss_mb(),
        "database": safe_url(url) if db else "sqlite (temporary file)",
    }


def _ratio(seconds: list[float]) -> float | None:
    """The largest size's time over the smallest's."""
    return round(seconds[-1] / seconds[0], 3) if seconds and seconds[0] > 0 else None


def _fill(store: Any, filled: int, size: int, chunk: int, say: Callable[[str], None]) -> int:
    """Grow the store from ``filled`` to ``size`` synthetic articles; the new count."""
    from frontwatch.fuse import fuse_new, mark_pending

    started, first = time.perf_counter(), filled
    for part in _chunks(synthetic_articles(size - filled, start_index=filled), chunk):
        mark_pending(store)
        store.save(part)
        fuse_new(store)
        filled += len(part)
        if filled % (chunk * 10) == 0:
            rate = (filled - first) / max(time.perf_counter() - started, 1e-9)
            say(f"  filling: {filled:,} of {size:,} articles ({rate:.0f} a second)")
    return filled


def _timed_in_copy(
    store: Any, work: Callable[[Any], object], ids: Sequence[str], tmp: Path
) -> tuple[float, float]:
    """(wall, CPU seconds) of ``work`` on a copy of ``store``, which is left as it was
    (its engine's connections closed: it reconnects when next used); on a database it
    cannot copy, on the store itself, the articles ``ids`` taken out again after."""
    from sqlalchemy.engine import make_url

    from frontwatch.store import Store

    url = make_url(store.url)
    if store.dialect == "sqlite" and url.database:
        store.close()
        copy = tmp / "timed.db"
        shutil.copyfile(url.database, copy)
        target = Store(str(copy))
        seconds, cpu = _clocked(work, target)
        target.close()
        copy.unlink()
        return seconds, cpu
    if store.dialect == "postgresql":
        copy_url = _pg_copy(store)
        target = Store(copy_url)
        seconds, cpu = _clocked(work, target)
        target.close()
        _pg_admin(copy_url, f'DROP DATABASE IF EXISTS "{make_url(copy_url).database}"')
        return seconds, cpu
    seconds, cpu = _clocked(work, store)
    remove_articles(store, ids)
    return seconds, cpu


def _clocked(work: Callable[[Any], object], target: Any) -> tuple[float, float]:
    cpu, started = time.process_time(), time.perf_counter()
    work(target)
    return time.perf_counter() - started, time.process_time() - cpu


def _pg_copy(store: Any) -> str:
    """A copy of a PostgreSQL store's database (``CREATE DATABASE ... TEMPLATE``, a copy
    of its files); its URL."""
    from sqlalchemy.engine import make_url

    url = make_url(store.url)
    store.close()  # a template must have no other connection
    name = f"{url.database}_timed"[:63]
    copy = url.set(database=name).render_as_string(False)
    _pg_admin(copy, f'DROP DATABASE IF EXISTS "{name}"')
    _pg_admin(copy, f'CREATE DATABASE "{name}" TEMPLATE "{url.database}"')
    return copy


def _pg_admin(url: str, sql: str) -> None:
    """Run one statement outside a transaction on the server's ``postgres`` database."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    engine = create_engine(make_url(url).set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.execute(text(sql))
    finally:
        engine.dispose()


def time_batch(store: Any, batch: Sequence[ProcessedArticle]) -> float:
    """Seconds to store the processed batch and bring fusion up to date (what ingest
    does after the language model): the incremental fusion ingest runs."""
    from frontwatch.fuse import fuse_new, mark_pending

    started = time.perf_counter()
    mark_pending(store)
    store.save(batch)
    fuse_new(store)
    return time.perf_counter() - started


def remove_articles(store: Any, ids: Sequence[str]) -> None:
    """Take articles and everything found in them out of the store, then recompute
    fusion over what is left (the benchmark's own undo, on a database it cannot copy)."""
    from sqlalchemy import delete

    from frontwatch.fuse import fuse_store
    from frontwatch.store.schema import ArticleRow, EventRow, PlaceMentionRow, TimeExprRow

    with store.write_session() as session:
        for start in range(0, len(ids), 500):
            chunk = list(ids[start : start + 500])
            for table in (EventRow, PlaceMentionRow, TimeExprRow):
                session.execute(delete(table).where(table.article_id.in_(chunk)))
            session.execute(delete(ArticleRow).where(ArticleRow.id.in_(chunk)))
    fuse_store(store)


def _chunks(items: Iterator[ProcessedArticle], size: int) -> Iterator[list[ProcessedArticle]]:
    chunk: list[ProcessedArticle] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
