"""Benchmarks of the fuse stage: near-duplicate detection and incident grouping.

``bench_copies`` makes families of articles (an original and edited variants of
it: a new first paragraph, added boilerplate, another outlet line, a cut tail,
scattered word edits), runs ``find_copies`` over all of them and reports the
time, precision and recall of the copy links, and the Jaccard similarity each
kind of edit keeps (which is how the thresholds in incident_rules.toml were
chosen). ``bench_grouping`` times ``build_incidents`` on growing numbers of
synthetic events at a constant density, to show the cost is near-linear.

Timings are measured here, by a command, never asserted by tests.
"""

from __future__ import annotations

import gc
import random
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from frontwatch.fuse.copies import Doc, copy_rules, find_copies, shingles, similarity
from frontwatch.fuse.incidents import ArticleContext, build_incidents
from frontwatch.models import (
    Actor,
    Claim,
    Event,
    Place,
    PlaceMention,
    Status,
    TimeExpr,
    TimePrecision,
)

# Stock lines many different stories share: they must not make stories copies.
_STOCK = [
    "Reuters could not independently verify the battlefield reports.",
    "Russia calls its invasion a special military operation.",
    "The ministry did not provide details.",
]
_BOILERPLATE = [
    "Reporting by the Kyiv bureau; Editing by the world desk.",
    "Sign up for our newsletter to get the latest news on the war in Ukraine.",
    "Our Standards: The Trust Principles.",
]


@dataclass(slots=True)
class CopyBench:
    variants: int
    families: int
    seconds: float  # wall clock
    cpu_seconds: float  # this process only (steadier on a shared machine)
    docs_per_second: float
    precision: float
    recall: float
    jaccard_by_edit: dict[str, float]  # the lowest Jaccard a variant of each kind kept
    highest_other: float  # the highest Jaccard between articles of different families


@dataclass(slots=True)
class GroupBench:
    events: int
    seconds: float  # wall clock, best of the repeats
    cpu_seconds: float  # this process only, best of the repeats
    microseconds_per_event: float  # from cpu_seconds
    incidents: int


@dataclass(slots=True)
class BenchReport:
    copies: CopyBench
    grouping: list[GroupBench] = field(default_factory=list)


def _vocabulary(texts: Sequence[str]) -> list[str]:
    words = sorted({w for t in texts for w in re.findall(r"[A-Za-z][a-z']+", t)})
    return words or [f"word{i}" for i in range(2000)]


def _sentence(rng: random.Random, words: list[str]) -> str:
    body = " ".join(rng.choice(words) for _ in range(rng.randint(12, 28)))
    return body[0].upper() + body[1:] + "."


def _article(rng: random.Random, words: list[str]) -> str:
    paragraphs = [
        " ".join(_sentence(rng, words) for _ in range(rng.randint(1, 3)))
        for _ in range(rng.randint(6, 12))
    ]
    paragraphs.insert(rng.randint(1, len(paragraphs)), rng.choice(_STOCK))
    return "\n\n".join(paragraphs)


def _edits(rng: random.Random, words: list[str]) -> dict[str, Callable[[str], str]]:
    def intro(text: str) -> str:
        return "\n\n".join([_sentence(rng, words), *text.split("\n\n")[1:]])

    def boilerplate(text: str) -> str:
        return text + "\n\n" + "\n\n".join(_BOILERPLATE)

    def outlet(text: str) -> str:
        return "By a staff writer, with agencies\n\n" + text

    def cut(text: str) -> str:
        paras = text.split("\n\n")
        return "\n\n".join(paras[: max(2, int(len(paras) * 0.6))])

    def reworded(text: str) -> str:
        tokens = text.split(" ")
        for i in rng.sample(range(len(tokens)), k=max(1, len(tokens) // 50)):
            tokens[i] = rng.choice(words)
        return " ".join(tokens)

    return {"intro": intro, "boilerplate": boilerplate, "outlet": outlet, "cut": cut,
            "reworded": reworded}  # fmt: skip


def bench_copies(n_variants: int = 10_000, texts: Sequence[str] = (), seed: int = 0) -> CopyBench:
    """Near-duplicate detection over ``n_variants`` generated articles (about 5 per family)."""
    rng = random.Random(seed)
    words = _vocabulary(texts)
    docs: list[Doc] = []
    family: dict[str, int] = {}
    edit_of: dict[str, str] = {}
    origin_of: dict[int, str] = {}
    day = date(2023, 1, 1)
    f = 0
    while len(docs) < n_variants:
        base = _article(rng, words)
        origin = f"f{f}-orig"
        docs.append(Doc(origin, base, day + timedelta(days=f % 300)))
        family[origin], origin_of[f] = f, origin
        for name, edit in _edits(rng, words).items():
            if len(docs) >= n_variants:
                break
            doc_id = f"f{f}-{name}"
            docs.append(Doc(doc_id, edit(base), day + timedelta(days=f % 300 + 1)))
            family[doc_id], edit_of[doc_id] = f, name
        f += 1
    rng.shuffle(docs)
    started, cpu = time.perf_counter(), time.process_time()
    links = find_copies(docs)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    right = sum(family[a] == family[link.origin_id] for a, link in links.items())
    variants = len(edit_of)
    lowest: dict[str, float] = {}
    k = copy_rules().shingle_words
    texts_by_id = {d.id: d.text for d in docs}
    for doc_id, name in list(edit_of.items())[:500]:
        orig = origin_of[family[doc_id]]
        jac, _ = similarity(shingles(texts_by_id[doc_id], k), shingles(texts_by_id[orig], k))
        lowest[name] = min(lowest.get(name, 1.0), jac)
    highest_other = _highest_other(docs[:400], family, k)
    return CopyBench(
        variants=len(docs),
        families=f,
        seconds=round(seconds, 2),
        cpu_seconds=round(cpu, 2),
        docs_per_second=round(len(docs) / seconds, 1),
        precision=round(right / len(links), 4) if links else 1.0,
        recall=round(right / variants, 4) if variants else 1.0,
        jaccard_by_edit={name: round(v, 3) for name, v in sorted(lowest.items())},
        highest_other=round(highest_other, 3),
    )


def _highest_other(docs: Sequence[Doc], family: dict[str, int], k: int) -> float:
    sets = [shingles(d.text, k) for d in docs]
    best = 0.0
    for i in range(len(docs)):
        for j in range(i + 1, len(docs)):
            if family[docs[i].id] != family[docs[j].id]:
                best = max(best, similarity(sets[i], sets[j])[0])
    return best


# --- grouping -------------------------------------------------------------------------

_TYPES = ["advance", "breakthrough", "attack_repelled", "clash", "shelling", "missile_strike",
          "casualties", "denial", "withdraw", "retake"]  # fmt: skip
_SIDES = ["UA", "RU", "RU-INST", "THIRD"]


def synthetic_events(n: int, seed: int = 0, per_region_day: float = 0.5) -> tuple[
    list[Event], dict[str, ArticleContext]
]:  # fmt: skip
    """``n`` events over 24 regions and as many days as keep the density constant."""
    rng = random.Random(seed)
    regions = [
        Place(
            f"adm1:R{r}",
            f"Region {r}",
            46 + (r % 6),
            30 + 1.5 * (r // 6),
            "ADM1",
            "UA",
            f"Region {r}",
        )  # fmt: skip
        for r in range(24)
    ]
    days = max(1, round(n / (len(regions) * per_region_day)))
    start = date(2023, 1, 1)
    events: list[Event] = []
    contexts: dict[str, ArticleContext] = {}
    for i in range(n):
        article_id = f"a{i // 4}"
        day = start + timedelta(days=rng.randrange(days))
        contexts.setdefault(article_id, ArticleContext(article_id, f"article:{article_id}", day))
        place = rng.choice(regions)
        side = rng.choice(_SIDES)
        fw_type = rng.choice(_TYPES)
        sentence = "Forces denied the withdrawal." if fw_type == "denial" else "Forces attacked."
        events.append(
            Event(
                id=f"e{i}",
                article_id=article_id,
                fw_type=fw_type,
                trigger="attacked",
                trigger_start=7,
                trigger_end=15,
                status=Status.CLAIMED,
                actor1=Actor("forces", side),
                actor2=Actor("forces", "UA" if side != "UA" else "RU"),
                place=PlaceMention(0, 6, place.name, place=place),
                time=TimeExpr(0, 0, "today", day, day, TimePrecision.DAY),
                claim=Claim(0, len(sentence), sentence, Actor("official", side)),
            )
        )
    return events, contexts


def bench_grouping(sizes: Sequence[int], seed: int = 0, repeats: int = 3) -> list[GroupBench]:
    results = []
    for n in sizes:
        events, contexts = synthetic_events(n, seed)
        walls, cpus, count = [], [], 0
        for _ in range(repeats):
            gc.collect()
            started, cpu = time.perf_counter(), time.process_time()
            count = len(build_incidents(events, contexts).incidents)
            walls.append(time.perf_counter() - started)
            cpus.append(time.process_time() - cpu)
        best = min(cpus)
        results.append(
            GroupBench(n, round(min(walls), 3), round(best, 3), round(best / n * 1e6, 1), count)
        )
    return results


def report_dict(report: BenchReport) -> dict[str, Any]:
    from dataclasses import asdict

    return asdict(report)
