"""The one pass: read -> clean -> annotate -> resolve -> extract -> store -> fuse.

Each stage is a module with a typed input and output; this file only wires them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

from frontwatch.annotate import annotate
from frontwatch.annotate.blank import BLANK_LANGUAGES, annotate_blank
from frontwatch.clean import clean
from frontwatch.extract import extract_events
from frontwatch.extract.lexical import extract_lexical
from frontwatch.fuse import fuse_new, fuse_store, fusion_owed, mark_pending  # noqa: F401
from frontwatch.models import Article, ProcessedArticle, RawDocument, ReadProblem
from frontwatch.read import read_paths
from frontwatch.resolve.cyrillic_places import resolve_cyrillic_places
from frontwatch.resolve.cyrillic_times import find_cyrillic_times
from frontwatch.resolve.gazetteer import Gazetteer
from frontwatch.resolve.places import resolve_places
from frontwatch.resolve.time import find_times
from frontwatch.store import Store

BATCH_SIZE = 64


class Pipeline:
    """The per-article stages, with the model and gazetteer loaded once."""

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        self.gazetteer = gazetteer or Gazetteer.open()

    def process(
        self, articles: Sequence[Article], n_process: int = 1
    ) -> Iterator[ProcessedArticle]:
        # English (and any language without a path of its own) through the model;
        # Ukrainian and Russian through their blank pipelines, in the same order.
        model_docs = annotate(
            (a.text for a in articles if a.language not in BLANK_LANGUAGES), n_process=n_process
        )
        for article in articles:
            if article.language in BLANK_LANGUAGES:
                doc = next(annotate_blank([article.text], article.language))
            else:
                doc = next(model_docs)
            yield self.process_doc(article, doc)

    def process_doc(self, article: Article, doc: Doc) -> ProcessedArticle:
        extra: dict[str, Any] = {}
        if article.language in BLANK_LANGUAGES:
            places = resolve_cyrillic_places(doc, article, self.gazetteer)
            times = find_cyrillic_times(article)
            events, actors = extract_lexical(doc, article, places, times)
        else:
            places = resolve_places(doc, article, self.gazetteer)
            times = find_times(doc, article)
            events, actors = extract_events(doc, article, places, times, extra)
        sentences = [(s.start_char, s.end_char) for s in doc.sents]
        return ProcessedArticle(article, places, times, actors, events, sentences, extra)


@dataclass(slots=True)
class IngestReport:
    read: int = 0
    stored: int = 0
    already: int = 0
    events: int = 0
    problems: list[ReadProblem] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return sum(p.fatal for p in self.problems)


def ingest(
    paths: Iterable[str | Path],
    store: Store,
    user_date: date | None = None,
    pipeline: Pipeline | None = None,
    on_problem: Callable[[ReadProblem], None] | None = None,
    on_progress: Callable[[int], None] | None = None,
    batch_size: int = BATCH_SIZE,
    n_process: int = 1,
) -> IngestReport:
    """Read, process and store every article under ``paths``; one transaction per batch.

    Articles already in the store (same normalised text) are skipped before the
    language model runs, so re-ingesting is cheap and changes nothing.
    """
    return ingest_items(
        read_paths(paths), store, user_date, pipeline, on_problem, on_progress, batch_size,
        n_process,
    )  # fmt: skip


def ingest_items(
    items: Iterable[RawDocument | ReadProblem],
    store: Store,
    user_date: date | None = None,
    pipeline: Pipeline | None = None,
    on_problem: Callable[[ReadProblem], None] | None = None,
    on_progress: Callable[[int], None] | None = None,
    batch_size: int = BATCH_SIZE,
    n_process: int = 1,
) -> IngestReport:
    """``ingest`` of documents already read (a feed fetched by ``watch``, say)."""
    report = IngestReport()
    pipeline = pipeline or Pipeline()
    if n_process > 1:  # spaCy starts its processes per call: give each call more to do
        batch_size *= 8 * n_process
    pending: list[Article] = []

    def flush() -> None:
        store_batch(pending, store, pipeline, report, n_process)
        if on_progress:
            on_progress(len(pending))
        pending.clear()

    for item in items:
        if isinstance(item, ReadProblem):
            report.problems.append(item)
            if on_problem:
                on_problem(item)
            continue
        report.read += 1
        pending.append(clean(item, user_date))
        if len(pending) >= batch_size:
            flush()
    if pending:
        flush()
    if report.stored or fusion_owed(store):  # also repairs a run killed before its fusion
        fuse_new(store)
    return report


def ingest_articles(
    articles: Sequence[Article], store: Store, pipeline: Pipeline | None = None
) -> IngestReport:
    """``ingest`` of articles already read and cleaned, as one batch (what
    `make bench-scale` times): the known ones skipped, the rest processed, stored and
    fused."""
    report = IngestReport(read=len(articles))
    store_batch(articles, store, pipeline or Pipeline(), report)
    if report.stored or fusion_owed(store):
        fuse_new(store)
    return report


def store_batch(
    articles: Sequence[Article],
    store: Store,
    pipeline: Pipeline,
    report: IngestReport,
    n_process: int = 1,
) -> None:
    """One batch of an ingest: the articles not stored yet processed and saved in one
    transaction (fusion is owed from before the save: a kill after it leaves it owed)."""
    known = store.known_ids(a.id for a in articles)
    # the first of each: a copy later in the same batch is already present, and is
    # neither processed nor counted (its events would be thrown away)
    unique: dict[str, Article] = {}
    for article in articles:
        if article.id not in known:
            unique.setdefault(article.id, article)
    fresh = list(unique.values())
    report.already += len(articles) - len(fresh)
    processed = list(pipeline.process(fresh, n_process=n_process)) if fresh else []
    if processed:
        mark_pending(store)  # before the save: a kill after it leaves fusion owed
    stored, already = store.save(processed)
    report.stored += stored
    report.already += already
    report.events += sum(len(p.events) for p in processed)
