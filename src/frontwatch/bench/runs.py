"""The timed runs: the floor (bare ``nlp.pipe``), the pipeline, start-up, one geoparse."""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from frontwatch.bench.corpus import Corpus, clean_all
from frontwatch.bench.timing import StageTimer, children_cpu, clocks, instrumented, rss_mb
from frontwatch.models import Article

ANNOTATE_BATCH = 32  # the batch size frontwatch.annotate.annotate uses
WARMUP_TEXTS = 16
GEOPARSE_WORDS = 600


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
    kind_seconds: dict[str, float] = field(default_factory=dict)  # per kind of text
    kind_cpu: dict[str, float] = field(default_factory=dict)  # the same in CPU seconds
    kind_tokens: dict[str, int] = field(default_factory=dict)  # filled by the floor
    # Resident memory the run added after its first batch (models and gazetteer loaded
    # by then), and the articles it processed after that batch.
    rss_growth_mb: float = 0.0
    rss_growth_articles: int = 0

    @property
    def articles_per_s(self) -> float:
        return self.articles / self.seconds if self.seconds else 0.0

    @property
    def tokens_per_s(self) -> float:
        return self.tokens / self.seconds if self.seconds else 0.0


def kind_spans(kinds: Sequence[str]) -> Iterator[tuple[str, int, int]]:
    """(kind, start, end) of each run of one kind (the corpus keeps kinds together)."""
    start = 0
    for i in range(1, len(kinds) + 1):
        if i == len(kinds) or kinds[i] != kinds[start]:
            yield kinds[start], start, i
            start = i


def run_floor(texts: Sequence[str], kinds: Sequence[str] | None = None) -> Run:
    """Bare ``nlp.pipe`` of the model over the texts: nothing but the language model,
    one ``nlp.pipe`` per kind of text (each timed apart)."""
    from frontwatch.annotate import load_nlp

    nlp = load_nlp()
    kinds = kinds or ["all"] * len(texts)
    run = Run(0.0, 0.0, len(texts))
    with nlp.select_pipes(disable=own_components()):
        start, cpu = clocks()
        for kind, lo, hi in kind_spans(kinds):
            t0, c0 = clocks()
            n = sum(len(doc) for doc in nlp.pipe(texts[lo:hi], batch_size=ANNOTATE_BATCH))
            _add_kind(run, kind, t0, c0)
            run.kind_tokens[kind] = run.kind_tokens.get(kind, 0) + n
        end, cpu_end = clocks()
    run.seconds, run.cpu_seconds = end - start, cpu_end - cpu
    run.tokens = sum(run.kind_tokens.values())
    return run


def _add_kind(run: Run, kind: str, t0: float, c0: float) -> None:
    t1, c1 = clocks()
    run.kind_seconds[kind] = run.kind_seconds.get(kind, 0.0) + t1 - t0
    run.kind_cpu[kind] = run.kind_cpu.get(kind, 0.0) + c1 - c0


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
    parse, place, place_cpu = [], [], []
    mentions = 0
    for _ in range(repeats):
        t0 = time.perf_counter()
        doc = nlp(text)
        t1, c1 = time.perf_counter(), time.process_time()
        mentions = len(resolve_places(doc, article, gazetteer))
        place.append(time.perf_counter() - t1)
        place_cpu.append(time.process_time() - c1)
        parse.append(t1 - t0)
    return {
        "words": len(text.split()),
        "parse_s": round(min(parse), 4),
        "resolve_places_s": round(min(place), 4),
        # CPU time: what the wall clock shows on a machine no one else is using
        "resolve_places_cpu_s": round(min(place_cpu), 4),
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
    """First-call costs out of the timings: the model's first batch, the Ukrainian and
    Russian pipelines and lemma dictionaries (as the model is loaded before the floor),
    and every word of the texts in the vocabulary (the first pass over new words would
    pay for adding them, favouring whichever run comes second)."""
    from frontwatch.annotate import load_nlp
    from frontwatch.annotate.blank import BLANK_LANGUAGES, warm

    for language in sorted(BLANK_LANGUAGES):
        warm(language)
    nlp = load_nlp()
    list(nlp.pipe(texts[:WARMUP_TEXTS], batch_size=ANNOTATE_BATCH))
    for text in texts:
        nlp.make_doc(text)


def run_pipeline(
    corpus: Corpus, jobs: int = 1, batch_size: int | None = None, tokens: int = 0
) -> Run:
    """Everything ``ingest`` does after reading, into a temporary SQLite store, timed by
    stage and by kind of text (each kind in batches of its own; fusion, over all of them
    at the end, is in the whole only)."""
    from frontwatch import pipeline as stages
    from frontwatch.store import Store

    batch_size = batch_size or stages.BATCH_SIZE * (8 if jobs > 1 else 1)
    pipeline = stages.Pipeline()
    timer = StageTimer()
    events = 0
    kinds = corpus.kinds or ["all"] * len(corpus.documents)
    run = Run(0.0, 0.0, len(corpus.documents), tokens)
    first: tuple[float, int] | None = None  # RSS and articles done after the first batch
    with tempfile.TemporaryDirectory(prefix="fw-bench-") as tmp:
        store = Store(str(Path(tmp) / "bench.db"))
        with instrumented(timer):
            start, cpu = clocks()
            kids = children_cpu()
            articles = _timed_clean(corpus)
            for kind, lo, hi in kind_spans(kinds):
                t0, c0 = clocks()
                for chunk in _chunks(articles[lo:hi], batch_size):
                    processed = list(pipeline.process(chunk, n_process=jobs))
                    events += sum(len(p.events) for p in processed)
                    store.save(processed)
                    first = first or (rss_mb(), len(chunk))
                _add_kind(run, kind, t0, c0)
            stages.fuse_store(store)
            end, cpu_end = clocks()
        rss_after = rss_mb()
        store.close()
    run.seconds, run.cpu_seconds, run.events = end - start, cpu_end - cpu, events
    run.stages = dict(timer.seconds, other=max(0.0, run.seconds - sum(timer.seconds.values())))
    run.stages_cpu = dict(timer.cpu, other=max(0.0, run.cpu_seconds - sum(timer.cpu.values())))
    run.children_cpu_seconds = children_cpu() - kids
    if first:
        run.rss_growth_mb = max(0.0, rss_after - first[0])
        run.rss_growth_articles = len(articles) - first[1]
    return run


def _timed_clean(corpus: Corpus) -> list[Article]:
    return clean_all(corpus)  # inside ``instrumented``: clean is timed as its own stage


def _chunks(items: Sequence[Article], size: int) -> Iterator[Sequence[Article]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def measure_startup() -> dict[str, float]:
    """Imports, model and gazetteer, in a fresh interpreter: what a user waits for."""
    code = (
        "import time; t0 = time.perf_counter(); import frontwatch.bench.runs as b; "
        "b.startup_probe(t0)"
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


def startup_probe(t0: float) -> None:
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


def measure_gazetteer() -> dict[str, Any]:
    """The gazetteer index: its size, what its last build cost (recorded by the build),
    and how long a fresh process takes to open it and load the recogniser's first-word
    set (best of three processes)."""
    code = "import frontwatch.bench.runs as b; b.gazetteer_probe()"
    loads = []
    for _ in range(3):
        done = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=120
        )
        if done.returncode != 0:
            raise RuntimeError(f"gazetteer probe failed: {done.stderr.strip().splitlines()[-1:]}")
        loads.append(json.loads(done.stdout.strip().splitlines()[-1]))
    best = min(loads, key=lambda probe: probe["load_s"])
    return best


def gazetteer_probe() -> None:
    from frontwatch.resolve.gazetteer import Gazetteer

    t0 = time.perf_counter()
    gazetteer = Gazetteer.open()
    t_open = time.perf_counter()
    gazetteer.first_words()
    gazetteer.lookup("Kyiv")
    t_loaded = time.perf_counter()
    meta = gazetteer.meta()
    path = gazetteer.path
    print(
        json.dumps(
            {
                "index_mb": round(path.stat().st_size / 1e6, 1) if path else None,
                "open_s": round(t_open - t0, 3),
                "load_s": round(t_loaded - t0, 3),
                "build_s": float(meta["build_s"]) if "build_s" in meta else None,
                "build_cpu_s": float(meta["build_cpu_s"]) if "build_cpu_s" in meta else None,
                "places": int(meta["places"]) if "places" in meta else None,
                "names": int(meta["names"]) if "names" in meta else None,
            }
        )
    )
