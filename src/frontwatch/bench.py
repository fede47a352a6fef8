"""Benchmark: the whole pipeline against bare ``nlp.pipe`` of the same model, in one run.

The floor is what the language model alone costs: ``nlp.pipe`` of the model
frontwatch loads, over the cleaned texts of the same articles. The pipeline is
everything ``frontwatch ingest`` does after reading: clean -> annotate ->
resolve -> extract -> store (a temporary SQLite file, one transaction per
batch) -> fuse. Every stage function that ``frontwatch.pipeline`` calls is
timed through a thin wrapper, so each stage's share is measured in the same
run, and a stage added to the pipeline later is timed without touching this
file. Start-up (imports + model + gazetteer) is measured in a fresh process.
"""

from __future__ import annotations

import contextlib
import functools
import inspect
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from frontwatch.models import Article, RawDocument, content_id
from frontwatch.read import iter_files, read_file

DEFAULT_ARTICLES = 500
ANNOTATE_BATCH = 32  # the batch size frontwatch.annotate.annotate uses
WARMUP_TEXTS = 16


# --- corpus ------------------------------------------------------------------


@dataclass(slots=True)
class Corpus:
    documents: list[RawDocument]
    sources: dict[str, int]  # file -> documents taken from it
    repeated: int = 0  # documents that are repeats of earlier ones (demo corpus only)


def corpus_documents(path: str | Path) -> Iterator[RawDocument]:
    """Texts from one corpus file or folder: geoparsing XML (``<text>`` elements),
    JSON Lines (``text`` or else ``headline``), or anything ``frontwatch ingest`` reads."""
    for file in iter_files([path]):
        suffix = Path(file).suffix.lower()
        if suffix == ".md":  # a corpus folder's README, not an article
            continue
        if suffix == ".xml":
            yield from _xml_texts(Path(file))
        elif suffix in (".jsonl", ".ndjson"):
            yield from _jsonl_texts(Path(file))
        else:
            yield from (d for d in read_file(file) if isinstance(d, RawDocument))


def _xml_texts(file: Path) -> Iterator[RawDocument]:
    import defusedxml.ElementTree as SafeET

    try:
        root = SafeET.parse(file).getroot()
    except Exception:  # not XML we can read: skip, as a benchmark input
        return
    for index, element in enumerate(root.iter("text")):
        text = (element.text or "").strip()
        if text:
            yield RawDocument(path=f"{file}#{index}", text=text, fmt="txt", item=index)


def _jsonl_texts(file: Path) -> Iterator[RawDocument]:
    with file.open(encoding="utf-8", errors="replace") as fh:
        for index, line in enumerate(fh):
            try:
                obj = json.loads(line)
            except json.JSONDecodeError:
                continue
            if not isinstance(obj, dict):
                continue
            text = obj.get("text") or obj.get("headline")
            if isinstance(text, str) and text.strip():
                yield RawDocument(path=f"{file}:{index + 1}", text=text, fmt="jsonl", item=index)


def build_corpus(paths: Sequence[str | Path], fallback: str | Path, n: int) -> Corpus:
    """``n`` documents taken round-robin from every corpus file, so each contributes;
    the fallback corpus (the demo articles), repeated, when the paths give none."""
    by_source: dict[str, list[RawDocument]] = {}
    texts: set[str] = set()
    for path in paths:
        for doc in corpus_documents(path):
            if doc.text in texts:  # UCDP repeats a headline for every row coded from it
                continue
            texts.add(doc.text)
            by_source.setdefault(doc.path.split("#")[0].rsplit(":", 1)[0], []).append(doc)
    if not by_source:
        for doc in corpus_documents(fallback):
            by_source.setdefault(doc.path, []).append(doc)
    if not by_source:
        raise ValueError(f"no texts found in {', '.join(map(str, paths)) or fallback}")
    picked = _round_robin(by_source, n)
    sources: dict[str, int] = {}
    for source, _doc in picked:
        sources[source] = sources.get(source, 0) + 1
    distinct = sum(len(docs) for docs in by_source.values())
    return Corpus([doc for _s, doc in picked], sources, max(0, n - distinct))


def _round_robin(groups: dict[str, list[RawDocument]], n: int) -> list[tuple[str, RawDocument]]:
    out: list[tuple[str, RawDocument]] = []
    longest = max(len(g) for g in groups.values())
    while len(out) < n:
        for k in range(longest):
            for source, group in groups.items():
                if k < len(group) and len(out) < n:
                    out.append((source, group[k]))
    return out


def clean_all(corpus: Corpus) -> list[Article]:
    """Cleaned articles; a repeated text gets its own id, so the store keeps every copy."""
    from frontwatch import pipeline as stages

    seen: dict[str, int] = {}
    out = []
    for raw in corpus.documents:
        article = stages.clean(raw)
        copies = seen.get(article.id, 0)
        seen[article.id] = copies + 1
        if copies:
            article = replace(article, id=content_id(f"{article.text}\x00copy {copies}"))
        out.append(article)
    return out


# --- timing ------------------------------------------------------------------


@dataclass(slots=True)
class StageTimer:
    seconds: dict[str, float] = field(default_factory=dict)  # wall clock
    cpu: dict[str, float] = field(default_factory=dict)  # this process's CPU time

    def add(self, name: str, dt: float, dcpu: float = 0.0) -> None:
        self.seconds[name] = self.seconds.get(name, 0.0) + dt
        self.cpu[name] = self.cpu.get(name, 0.0) + dcpu


def _clocks() -> tuple[float, float]:
    return time.perf_counter(), time.process_time()


def children_cpu() -> float:
    """CPU seconds of this process's finished children (spaCy's ``n_process`` workers),
    after reaping any that have exited."""
    import multiprocessing

    deadline = time.monotonic() + 5
    while multiprocessing.active_children() and time.monotonic() < deadline:
        time.sleep(0.05)
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def process_cpu() -> float:
    """CPU seconds of the calling process (run on Dask workers through ``client.run``)."""
    return time.process_time()


def _timed(name: str, fn: Callable[..., Any], timer: StageTimer) -> Callable[..., Any]:
    if inspect.isgeneratorfunction(fn):

        @functools.wraps(fn)
        def gen_wrapper(*args: Any, **kwargs: Any) -> Iterator[Any]:
            it = iter(fn(*args, **kwargs))
            while True:
                t0, c0 = _clocks()
                try:
                    item = next(it)
                except StopIteration:
                    t1, c1 = _clocks()
                    timer.add(name, t1 - t0, c1 - c0)
                    return
                t1, c1 = _clocks()
                timer.add(name, t1 - t0, c1 - c0)
                yield item

        return gen_wrapper

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        t0, c0 = _clocks()
        try:
            return fn(*args, **kwargs)
        finally:
            t1, c1 = _clocks()
            timer.add(name, t1 - t0, c1 - c0)

    return wrapper


@contextlib.contextmanager
def instrumented(timer: StageTimer) -> Iterator[None]:
    """Time every stage function ``frontwatch.pipeline`` calls, and ``Store.save``."""
    from frontwatch import pipeline as stages
    from frontwatch.store import Store

    originals: dict[str, Any] = {
        name: obj
        for name, obj in vars(stages).items()
        if inspect.isfunction(obj)
        and obj.__module__.startswith("frontwatch.")
        and obj.__module__ != stages.__name__
    }
    save = Store.save
    try:
        for name, fn in originals.items():
            setattr(stages, name, _timed(name, fn, timer))
        Store.save = _timed("store", save, timer)  # type: ignore[method-assign]
        yield
    finally:
        for name, fn in originals.items():
            setattr(stages, name, fn)
        Store.save = save  # type: ignore[method-assign]


# --- runs --------------------------------------------------------------------


@dataclass(slots=True)
class Run:
    seconds: float
    cpu_seconds: float
    articles: int
    tokens: int = 0
    events: int = 0
    stages: dict[str, float] = field(default_factory=dict)
    stages_cpu: dict[str, float] = field(default_factory=dict)
    children_cpu_seconds: float = 0.0

    @property
    def articles_per_s(self) -> float:
        return self.articles / self.seconds if self.seconds else 0.0

    @property
    def tokens_per_s(self) -> float:
        return self.tokens / self.seconds if self.seconds else 0.0


def run_floor(texts: Sequence[str]) -> Run:
    """Bare ``nlp.pipe`` of the model over the texts: nothing but the language model."""
    from frontwatch.annotate import load_nlp

    nlp = load_nlp()
    with nlp.select_pipes(disable=own_components()):
        start, cpu = _clocks()
        tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=ANNOTATE_BATCH))
        end, cpu_end = _clocks()
    return Run(end - start, cpu_end - cpu, len(texts), tokens)


GEOPARSE_WORDS = 600


def text_of_words(texts: Sequence[str], words: int = GEOPARSE_WORDS) -> str:
    """The first text with at least ``words`` words, cut there; else the texts joined."""
    for text in texts:
        split = text.split()
        if len(split) >= words:
            return " ".join(split[:words])
    return " ".join(" ".join(texts).split()[:words])


def measure_geoparse(texts: Sequence[str], repeats: int = 3) -> dict[str, Any]:
    """Parse and place resolution of one article of 600 words, best of ``repeats``."""
    from frontwatch.annotate import load_nlp
    from frontwatch.models import Article
    from frontwatch.resolve.gazetteer import Gazetteer
    from frontwatch.resolve.places import resolve_places

    text = text_of_words(texts)
    nlp, gazetteer = load_nlp(), Gazetteer.open()
    article = Article(id="geoparse", path="geoparse", text=text)
    parse, place = [], []
    mentions = 0
    for _ in range(repeats):
        t0 = time.perf_counter()
        doc = nlp(text)
        t1 = time.perf_counter()
        mentions = len(resolve_places(doc, article, gazetteer))
        place.append(time.perf_counter() - t1)
        parse.append(t1 - t0)
    return {
        "words": len(text.split()),
        "parse_s": round(min(parse), 4),
        "resolve_places_s": round(min(place), 4),
        "mentions": mentions,
    }


def own_components() -> list[str]:
    """Components frontwatch adds to the model (its own code: not part of the floor)."""
    from frontwatch.annotate import load_nlp

    return [
        name
        for name, pipe in load_nlp().pipeline
        if str(getattr(pipe, "__module__", "")).startswith("frontwatch")
    ]


def warm_up(texts: Sequence[str]) -> None:
    """First-call costs out of the timings: the model's first batch, and every word of
    the texts in the vocabulary (the first pass over new words would pay for adding them,
    favouring whichever run comes second)."""
    from frontwatch.annotate import load_nlp

    nlp = load_nlp()
    list(nlp.pipe(texts[:WARMUP_TEXTS], batch_size=ANNOTATE_BATCH))
    for text in texts:
        nlp.make_doc(text)


def run_pipeline(
    corpus: Corpus, jobs: int = 1, batch_size: int | None = None, tokens: int = 0
) -> Run:
    """Everything ``ingest`` does after reading, into a temporary SQLite store, timed by stage."""
    from frontwatch import pipeline as stages
    from frontwatch.store import Store

    batch_size = batch_size or stages.BATCH_SIZE * (8 if jobs > 1 else 1)
    pipeline = stages.Pipeline()
    timer = StageTimer()
    events = 0
    with tempfile.TemporaryDirectory(prefix="fw-bench-") as tmp:
        store = Store(str(Path(tmp) / "bench.db"))
        with instrumented(timer):
            start, cpu = _clocks()
            kids = children_cpu()
            articles = _timed_clean(corpus)
            for chunk in _chunks(articles, batch_size):
                processed = list(pipeline.process(chunk, n_process=jobs))
                events += sum(len(p.events) for p in processed)
                store.save(processed)
            stages.fuse_store(store)
            end, cpu_end = _clocks()
        store.close()
    seconds, cpu_seconds = end - start, cpu_end - cpu
    stage_s = dict(timer.seconds, other=max(0.0, seconds - sum(timer.seconds.values())))
    stage_cpu = dict(timer.cpu, other=max(0.0, cpu_seconds - sum(timer.cpu.values())))
    run = Run(seconds, cpu_seconds, len(articles), tokens, events, stage_s, stage_cpu)
    run.children_cpu_seconds = children_cpu() - kids
    return run


def _timed_clean(corpus: Corpus) -> list[Article]:
    return clean_all(corpus)  # inside ``instrumented``: clean is timed as its own stage


def _chunks(items: Sequence[Article], size: int) -> Iterator[Sequence[Article]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def run_dask(
    articles: Sequence[Article], workers: int, partition_size: int | None = None
) -> dict[str, Any]:
    """Throughput of ``Pipeline.process`` on a LocalCluster of ``workers`` processes,
    models loaded first (cluster start and model load are reported apart)."""
    from frontwatch.batch.cluster import (
        BatchReport,
        chunked,
        dask_client,
        process_on_client,
        warm_worker,
    )

    # The same partitions for 1 and 2 workers: enough of them to keep both busy.
    size = partition_size or max(1, min(32, len(articles) // 16))
    t0 = time.perf_counter()
    with (
        tempfile.TemporaryDirectory(prefix="fw-bench-dask-") as tmp,
        dask_client(None, workers) as client,
    ):
        client.run(warm_worker)
        ready = time.perf_counter() - t0
        report = BatchReport()
        workers_cpu = sum(client.run(process_cpu).values())
        start, client_cpu = _clocks()
        process_on_client(client, chunked(articles, size), Path(tmp), report)
        end, client_cpu_end = _clocks()
        workers_cpu = sum(client.run(process_cpu).values()) - workers_cpu
    seconds = end - start
    return {
        "workers": workers,
        "articles": report.articles,
        "seconds": round(seconds, 3),
        "articles_per_s": round(report.articles / seconds, 2) if seconds else 0.0,
        "workers_cpu_s": round(workers_cpu, 3),
        "client_cpu_s": round(client_cpu_end - client_cpu, 3),
        "start_and_model_load_s": round(ready, 2),
        "failed_partitions": len(report.failed),
    }


def measure_startup() -> dict[str, float]:
    """Imports, model and gazetteer, in a fresh interpreter: what a user waits for."""
    code = (
        "import time; t0 = time.perf_counter(); import frontwatch.bench as b; b._startup_probe(t0)"
    )
    wall0 = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=300
    )
    wall = time.perf_counter() - wall0
    if done.returncode != 0:
        raise RuntimeError(f"start-up probe failed: {done.stderr.strip().splitlines()[-1:]}")
    probe = json.loads(done.stdout.strip().splitlines()[-1])
    return {**probe, "process_wall_s": round(wall, 3)}


def _startup_probe(t0: float) -> None:
    from frontwatch.annotate import load_nlp
    from frontwatch.models import RawDocument
    from frontwatch.pipeline import Pipeline, clean
    from frontwatch.resolve.gazetteer import Gazetteer

    t_imports = time.perf_counter()
    load_nlp()
    t_model = time.perf_counter()
    gazetteer = Gazetteer.open()
    gazetteer.first_words()  # loaded lazily by the first article otherwise
    gazetteer.lookup("Kyiv")
    pipeline = Pipeline(gazetteer)
    t_gazetteer = time.perf_counter()
    # One short article through every stage: lexicons and other lazily loaded data.
    probe = RawDocument("probe", "KYIV, Oct 3 (Reuters) - Shelling hit Kharkiv on Monday.", "txt")
    list(pipeline.process([clean(probe)]))
    t_ready = time.perf_counter()
    print(
        json.dumps(
            {
                "imports_s": round(t_imports - t0, 3),
                "model_s": round(t_model - t_imports, 3),
                "gazetteer_s": round(t_gazetteer - t_model, 3),
                "first_article_s": round(t_ready - t_gazetteer, 3),
                "startup_s": round(t_ready - t0, 3),
                # CPU seconds of the whole process so far, interpreter start included:
                # barely changed by other work on a shared machine.
                "startup_cpu_s": round(time.process_time(), 3),
            }
        )
    )


def peak_rss_mb() -> float:
    """Peak resident memory of this process (and of its finished children), MB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return round(max(own, children) / 1024, 1)  # Linux reports KiB


# --- the whole benchmark -----------------------------------------------------


@dataclass(slots=True)
class BenchOptions:
    corpora: list[str]
    fallback: str = "demo/articles"
    articles: int = DEFAULT_ARTICLES
    jobs: int = 1
    rounds: int = 1
    scaling: bool = False
    scaling_articles: int = 200


def run_bench(
    options: BenchOptions, say: Callable[[str], None] = lambda _msg: None
) -> dict[str, Any]:
    """All measurements as one JSON-ready dict."""
    say("start-up (fresh process) ...")
    startup = measure_startup()
    from frontwatch.annotate import MODEL_NAME, load_nlp

    corpus = build_corpus(options.corpora, options.fallback, options.articles)
    texts = [a.text for a in clean_all(corpus)]
    nlp = load_nlp()
    warm_up(texts)
    floors: list[Run] = []
    pipes: list[Run] = []
    tokens = 0
    for r in range(options.rounds):
        # Alternate which runs first, so neither always gets the quieter moment.
        for what in ("floor", "pipeline") if r % 2 == 0 else ("pipeline", "floor"):
            say(f"round {r + 1}/{options.rounds}: {what} over {len(texts)} texts ...")
            if what == "floor":
                floors.append(run_floor(texts))
                tokens = floors[-1].tokens
            else:
                pipes.append(run_pipeline(corpus, options.jobs))
    for run in pipes:
        run.tokens = tokens
    geoparse = measure_geoparse(texts)
    floor = max(floors, key=lambda run: run.articles_per_s)
    pipe = max(pipes, key=lambda run: run.articles_per_s)
    floor_cpu = min(run.cpu_seconds for run in floors)
    pipe_cpu = min(run.cpu_seconds for run in pipes)
    result: dict[str, Any] = {
        "floor_articles_per_s": round(floor.articles_per_s, 3),
        "pipeline_articles_per_s": round(pipe.articles_per_s, 3),
        "ratio_to_floor": round(pipe.articles_per_s / floor.articles_per_s, 3),
        "startup_s": startup["startup_s"],
        "startup_cpu_s": startup["startup_cpu_s"],
        "peak_rss_mb": peak_rss_mb(),
        "floor_tokens_per_s": round(floor.tokens_per_s, 1),
        "pipeline_tokens_per_s": round(pipe.tokens_per_s, 1),
        "jobs": options.jobs,
        "pipeline_articles_per_s_per_core": round(pipe.articles_per_s / options.jobs, 3),
        "pipeline_tokens_per_s_per_core": round(pipe.tokens_per_s / options.jobs, 1),
        "articles": len(texts),
        "tokens": floor.tokens,
        "events": pipe.events,
        "floor_s": round(floor.seconds, 3),
        "pipeline_s": round(pipe.seconds, 3),
        "stages_s": {k: round(v, 3) for k, v in sorted(pipe.stages.items())},
        "stage_share": {
            k: round(v / pipe.seconds, 4) for k, v in sorted(pipe.stages.items()) if pipe.seconds
        },
        # CPU time of this process: far less disturbed than the wall clock by other
        # work on a shared machine; meaningless with jobs > 1 (children not counted).
        "floor_cpu_s": round(floor_cpu, 3),
        "pipeline_cpu_s": round(pipe_cpu, 3),
        "ratio_to_floor_cpu": round(floor_cpu / pipe_cpu, 3) if options.jobs == 1 else None,
        # The floor plus our own stages: the annotate stage is the floor's work, so this
        # is free of the run-to-run noise between the two (what our stages add, alone).
        "ratio_floor_plus_stages": round(
            floor.seconds / (floor.seconds + _own_stage_seconds(pipe.stages)), 3
        ),
        # The issue's own terms: what our stages add to the model's cost (at most 1/3).
        "stages_over_floor": round(_own_stage_seconds(pipe.stages) / floor.seconds, 3),
        "stages_cpu_s": {k: round(v, 3) for k, v in sorted(pipe.stages_cpu.items())},
        "rounds": [
            {
                "floor_articles_per_s": round(f.articles_per_s, 3),
                "pipeline_articles_per_s": round(p.articles_per_s, 3),
                "floor_cpu_s": round(f.cpu_seconds, 3),
                "pipeline_cpu_s": round(p.cpu_seconds, 3),
                # one floor and one pipeline run back to back: the same moment's machine
                "ratio": round(p.articles_per_s / f.articles_per_s, 3),
            }
            for f, p in zip(floors, pipes, strict=True)
        ],
        "startup": startup,
        "geoparse_600_words": geoparse,
        "corpus": {"sources": corpus.sources, "repeated": corpus.repeated},
        "model": MODEL_NAME,
        "model_components": list(nlp.pipe_names),
        "floor_components": [p for p in nlp.pipe_names if p not in own_components()],
        "machine": _machine(),
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    if options.scaling:
        result["scaling"] = run_scaling(corpus, options.scaling_articles, say)
    result["peak_rss_mb"] = peak_rss_mb()
    return result


def _own_stage_seconds(stages: dict[str, float]) -> float:
    """Seconds of every stage but the model's (annotate)."""
    return sum(v for k, v in stages.items() if k != "annotate")


def run_scaling(corpus: Corpus, n: int, say: Callable[[str], None]) -> dict[str, Any]:
    """1 vs 2 local processes (spaCy ``n_process``) and 1 vs 2 Dask workers, same texts."""
    small = Corpus(corpus.documents[:n], corpus.sources, corpus.repeated)
    local = {}
    for jobs in (1, 2):
        say(f"scaling: pipeline with {jobs} local process(es) over {len(small.documents)} ...")
        local[jobs] = run_pipeline(small, jobs, batch_size=len(small.documents))
    articles = clean_all(small)
    dask = {}
    for workers in (1, 2):
        say(f"scaling: Dask LocalCluster with {workers} worker(s) ...")
        dask[workers] = run_dask(articles, workers)
    local_speedup = local[2].articles_per_s / local[1].articles_per_s
    dask_speedup = dask[2]["articles_per_s"] / dask[1]["articles_per_s"]
    return {
        "articles": len(articles),
        "local_articles_per_s": {str(j): round(r.articles_per_s, 3) for j, r in local.items()},
        "local_cpu_s": {
            str(j): {
                "parent": round(r.cpu_seconds, 3),
                "children": round(r.children_cpu_seconds, 3),
            }
            for j, r in local.items()
        },
        "local_speedup": round(local_speedup, 3),
        "local_efficiency": round(local_speedup / 2, 3),
        "local_speedup_cpu_model": round(_local_cpu_model(local[1], local[2]), 3),
        "dask": {str(w): d for w, d in dask.items()},
        "dask_speedup": round(dask_speedup, 3),
        "dask_efficiency": round(dask_speedup / 2, 3),
        "dask_speedup_cpu_model": round(_dask_cpu_model(dask[1], dask[2]), 3),
    }


def _local_cpu_model(one: Run, two: Run) -> float:
    """Speed-up 2 processes would give on 2 idle cores, from CPU seconds alone: one process
    takes its CPU time; with two, the parent (resolve, extract, store) and the two model
    processes share 2 cores, and the parent's own work cannot be split."""
    serial = one.cpu_seconds + one.children_cpu_seconds
    total = two.cpu_seconds + two.children_cpu_seconds
    parallel = max(two.cpu_seconds, two.children_cpu_seconds / 2, total / 2)
    return serial / parallel if parallel else 0.0


def _dask_cpu_model(one: dict[str, Any], two: dict[str, Any]) -> float:
    """The same for Dask: one worker takes its CPU time (the client overlaps on the other
    core); two workers and the client share 2 cores."""
    parallel = max(two["workers_cpu_s"] / 2, (two["workers_cpu_s"] + two["client_cpu_s"]) / 2)
    return one["workers_cpu_s"] / parallel if parallel else 0.0


def _machine() -> dict[str, Any]:
    load = os.getloadavg() if hasattr(os, "getloadavg") else (0.0, 0.0, 0.0)
    return {
        "cpus": os.cpu_count(),
        "cpus_usable": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None,
        "load_avg_1m_at_end": round(load[0], 2),
        "python": platform.python_version(),
        "platform": platform.platform(),
    }


def write_result(result: dict[str, Any], out: Path) -> Path:
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return out


def table_rows(result: dict[str, Any]) -> Iterable[tuple[str, str]]:
    """(measure, value) rows for the printed table."""
    yield "articles (tokens)", f"{result['articles']} ({result['tokens']})"
    yield (
        "floor: bare nlp.pipe",
        (
            f"{result['floor_articles_per_s']:.2f} articles/s, "
            f"{result['floor_tokens_per_s']:.0f} tok/s"
        ),
    )
    yield (
        f"pipeline (jobs={result['jobs']})",
        (
            f"{result['pipeline_articles_per_s']:.2f} articles/s, "
            f"{result['pipeline_tokens_per_s']:.0f} tok/s"
        ),
    )
    yield (
        "pipeline per core",
        (
            f"{result['pipeline_articles_per_s_per_core']:.2f} articles/s, "
            f"{result['pipeline_tokens_per_s_per_core']:.0f} tok/s"
        ),
    )
    yield "ratio to floor", f"{result['ratio_to_floor']:.3f}"
    if result["ratio_to_floor_cpu"] is not None:
        yield "ratio to floor, CPU time", f"{result['ratio_to_floor_cpu']:.3f}"
    yield "ratio, floor + our stages", f"{result['ratio_floor_plus_stages']:.3f}"
    yield "our stages / model time", f"{result['stages_over_floor']:.3f}"
    yield "ratio in each round", ", ".join(f"{r['ratio']:.3f}" for r in result["rounds"])
    for stage, share in sorted(result["stage_share"].items(), key=lambda kv: -kv[1]):
        cpu = result["stages_cpu_s"].get(stage, 0.0)
        yield (
            f"  stage {stage}",
            f"{share:6.1%}  ({result['stages_s'][stage]:.2f} s, CPU {cpu:.2f} s)",
        )
    s = result["startup"]
    yield "start-up", f"{s['startup_s']:.2f} s (CPU {s['startup_cpu_s']:.2f} s)"
    yield "  imports, model", f"{s['imports_s']:.2f} s, {s['model_s']:.2f} s"
    yield "  gazetteer, first article", f"{s['gazetteer_s']:.2f} s, {s['first_article_s']:.2f} s"
    g = result.get("geoparse_600_words")
    if g:
        yield (
            f"geoparse, one article of {g['words']} words",
            f"parse {g['parse_s'] * 1000:.0f} ms, places {g['resolve_places_s'] * 1000:.0f} ms "
            f"({g['mentions']} mentions)",
        )
    yield "peak RSS", f"{result['peak_rss_mb']:.0f} MB"
    yield "events extracted", str(result["events"])
    scaling = result.get("scaling")
    if scaling:
        local = scaling["local_articles_per_s"]
        yield (
            "local 1 -> 2 processes",
            (
                f"{local['1']:.2f} -> {local['2']:.2f} articles/s "
                f"(x{scaling['local_speedup']:.2f}, "
                f"efficiency {scaling['local_efficiency']:.0%}; "
                f"x{scaling['local_speedup_cpu_model']:.2f} from CPU time)"
            ),
        )
        dask = scaling["dask"]
        yield (
            "Dask 1 -> 2 workers",
            (
                f"{dask['1']['articles_per_s']:.2f} -> "
                f"{dask['2']['articles_per_s']:.2f} articles/s "
                f"(x{scaling['dask_speedup']:.2f}, "
                f"efficiency {scaling['dask_efficiency']:.0%}; "
                f"x{scaling['dask_speedup_cpu_model']:.2f} from CPU time)"
            ),
        )
    yield (
        "machine",
        (
            f"{result['machine']['cpus_usable']} usable CPU(s), "
            f"load {result['machine']['load_avg_1m_at_end']} at end"
        ),
    )
