"""The per-article stages on Dask distributed, written as partitioned Parquet.

The client reads and cleans the input (cheap), cuts it into partitions of
articles and submits one task per partition; a worker runs
``Pipeline.process`` (annotate -> resolve -> extract) with a pipeline it loads
once and keeps (``worker_pipeline``), and returns Arrow tables that the client
writes as ``part-NNNNN.parquet``. At most a few partitions per worker are in
flight, so memory stays flat however large the input.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import pyarrow as pa

from frontwatch.batch.parquet import PART_GLOB, TABLES, to_tables, write_partition
from frontwatch.clean import clean
from frontwatch.models import Article, ReadProblem
from frontwatch.read import read_paths

if TYPE_CHECKING:
    from distributed import Client

    from frontwatch.pipeline import Pipeline

PARTITION_SIZE = 64
IN_FLIGHT_PER_WORKER = 2


class BatchError(Exception):
    """A batch that cannot start (bad output folder, unreachable scheduler)."""


@lru_cache(maxsize=1)
def worker_pipeline() -> Pipeline:
    """The pipeline of this worker process: model and gazetteer loaded once, then reused."""
    from frontwatch.annotate import load_nlp
    from frontwatch.pipeline import Pipeline

    load_nlp()
    return Pipeline()


def warm_worker() -> bool:
    """Load the model on a worker before timing starts (``client.run(warm_worker)``)."""
    worker_pipeline()
    return True


def process_partition(articles: list[Article]) -> dict[str, pa.Table]:
    """The task a worker runs: the per-article stages over one partition, as tables."""
    return to_tables(list(worker_pipeline().process(articles)))


@dataclass(slots=True)
class BatchReport:
    read: int = 0
    articles: int = 0  # distinct articles processed
    duplicates: int = 0
    partitions: int = 0
    failed: list[str] = field(default_factory=list)  # one line per failed partition
    problems: list[ReadProblem] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def errors(self) -> int:
        return sum(p.fatal for p in self.problems) + len(self.failed)


def iter_articles(
    paths: Iterable[str | Path],
    report: BatchReport,
    user_date: date | None = None,
    on_problem: Callable[[ReadProblem], None] | None = None,
) -> Iterator[Article]:
    """Cleaned articles from the input, each distinct text once (as ``ingest`` stores it)."""
    seen: set[str] = set()
    for item in read_paths(paths):
        if isinstance(item, ReadProblem):
            report.problems.append(item)
            if on_problem:
                on_problem(item)
            continue
        report.read += 1
        article = clean(item, user_date)
        if article.id in seen:
            report.duplicates += 1
            continue
        seen.add(article.id)
        yield article


def chunked(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    chunk: list[Article] = []
    for article in articles:
        chunk.append(article)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def prepare_out(out: Path, overwrite: bool) -> None:
    """Make the output folder; refuse to mix with an earlier run's parts unless told to."""
    if out.exists() and not out.is_dir():
        raise BatchError(f"{out}: exists and is not a folder")
    old = [p for name in TABLES for p in (out / name).glob(PART_GLOB)]
    if old and not overwrite:
        raise BatchError(f"{out}: already holds {len(old)} Parquet part(s); use --overwrite")
    for part in old:
        part.unlink()
    out.mkdir(parents=True, exist_ok=True)


@contextmanager
def dask_client(scheduler: str | None = None, workers: int = 2) -> Iterator[Client]:
    """A client on ``scheduler``, or on a LocalCluster of ``workers`` single-threaded processes."""
    from distributed import Client, LocalCluster

    if scheduler:
        try:
            client = Client(scheduler, timeout="20s")
        except OSError as exc:
            raise BatchError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from exc
        with client:
            yield client
        return
    with (
        LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=40,  # logging.ERROR: worker chatter would bury the progress bar
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client


def process_on_client(
    client: Client,
    parts: Iterable[list[Article]],
    out: Path,
    report: BatchReport,
    on_progress: Callable[[int], None] | None = None,
) -> None:
    """Submit the partitions with bounded look-ahead and write each result as it arrives."""
    from distributed import as_completed

    workers = max(1, len(client.scheduler_info().get("workers", {})))
    limit = workers * IN_FLIGHT_PER_WORKER
    source = enumerate(parts)
    pending = as_completed()
    meta: dict[object, tuple[int, list[Article]]] = {}

    def submit_next() -> bool:
        try:
            index, chunk = next(source)
        except StopIteration:
            return False
        future = client.submit(process_partition, chunk, pure=False)
        meta[future.key] = (index, chunk)
        pending.add(future)
        return True

    while len(meta) < limit and submit_next():
        pass
    for future in pending:
        index, chunk = meta.pop(future.key)
        try:
            tables = future.result()
        except Exception as exc:  # a failing partition is reported, the others go on
            first = chunk[0].path
            report.failed.append(
                f"error: partition {index} ({len(chunk)} article(s) from {first}): "
                f"{type(exc).__name__}: {exc}"
            )
        else:
            write_partition(out, index, tables)
            report.partitions += 1
            report.articles += len(chunk)
        future.release()
        if on_progress:
            on_progress(len(chunk))
        submit_next()


def run_batch(
    paths: Iterable[str | Path],
    out: Path,
    scheduler: str | None = None,
    workers: int = 2,
    partition_size: int = PARTITION_SIZE,
    user_date: date | None = None,
    overwrite: bool = False,
    on_problem: Callable[[ReadProblem], None] | None = None,
    on_progress: Callable[[int], None] | None = None,
) -> BatchReport:
    """Read, clean and process every article under ``paths`` on Dask; Parquet in ``out``."""
    prepare_out(out, overwrite)
    report = BatchReport()
    articles = iter_articles(paths, report, user_date, on_problem)
    with dask_client(scheduler, workers) as client:
        start = time.perf_counter()
        process_on_client(client, chunked(articles, partition_size), out, report, on_progress)
        report.seconds = time.perf_counter() - start
    return report
