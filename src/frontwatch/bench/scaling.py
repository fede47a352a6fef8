"""Scaling on one machine: 1 vs 2 local processes (spaCy ``n_process``) and Dask workers."""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from frontwatch.bench.corpus import Corpus, clean_all
from frontwatch.bench.runs import Run, run_pipeline
from frontwatch.bench.timing import clocks, process_cpu
from frontwatch.models import Article


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
        start, client_cpu = clocks()
        process_on_client(client, chunked(articles, size), Path(tmp), report)
        end, client_cpu_end = clocks()
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


def run_scaling(corpus: Corpus, n: int, say: Callable[[str], None]) -> dict[str, Any]:
    """1 vs 2 local processes (spaCy ``n_process``) and 1 vs 2 Dask workers, same texts."""
    small = Corpus(
        corpus.documents[:n], corpus.sources, corpus.repeated, corpus.name, corpus.kinds[:n]
    )
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
