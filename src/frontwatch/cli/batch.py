"""`frontwatch bench`, `batch` and `load`: speed measured, and corpora beyond one machine."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from frontwatch.cli import app
from frontwatch.cli.common import DbOption, console, err_console, fail, parse_publication_date
from frontwatch.cli.progress import counted
from frontwatch.models import ReadProblem


def _missing(paths: list[str]) -> list[str]:
    return [p for p in paths if p != "-" and not Path(p).exists()]


@app.command()
def bench(
    corpora: Annotated[
        list[str] | None,
        typer.Argument(
            help="The fixed corpus's root (data/bench_corpus.toml), or other "
            "corpus files and folders (XML, JSONL, text); default: the demo."
        ),
    ] = None,
    articles: Annotated[
        int | None,
        typer.Option(
            "--articles",
            "-n",
            min=1,
            help="Articles per run: the fixed corpus "
            "scaled to about N, or the first N texts of other paths (default 500).",
        ),
    ] = None,
    jobs: Annotated[
        int, typer.Option("--jobs", "-j", min=1, help="Processes for the pipeline run.")
    ] = 1,
    rounds: Annotated[
        int, typer.Option("--rounds", min=1, help="Alternating floor/pipeline rounds; best kept.")
    ] = 1,
    scaling: Annotated[
        bool, typer.Option("--scaling", help="Also 1 vs 2 local processes and Dask workers.")
    ] = False,
    scaling_articles: Annotated[
        int, typer.Option("--scaling-articles", min=2, help="Articles for the scaling runs.")
    ] = 200,
    demo: Annotated[
        Path, typer.Option("--demo", help="Fallback corpus when no corpus gives texts.")
    ] = Path("demo/articles"),
    out: Annotated[Path, typer.Option("--out", "-o", help="Where to write the JSON.")] = Path(
        "frontwatch-bench.json"
    ),
    manifest: Annotated[
        Path | None,
        typer.Option("--manifest", help="Another fixed corpus than data/bench_corpus.toml."),
    ] = None,
) -> None:
    """Whole pipeline vs bare nlp.pipe of the same model on the same texts; JSON path last."""
    from frontwatch.bench import (
        DEFAULT_ARTICLES,
        BenchOptions,
        run_bench,
        table_rows,
        write_result,
    )

    corpora = corpora or []
    for name in _missing(corpora):
        fail(f"{name}: no such file or folder")
    if not corpora and not demo.exists():
        fail(f"{demo}: no such folder; pass corpus paths or --demo")
    options = BenchOptions(
        corpora=corpora,
        fallback=str(demo),
        articles=articles,
        jobs=jobs,
        rounds=rounds,
        scaling=scaling,
        scaling_articles=min(scaling_articles, articles or DEFAULT_ARTICLES),
        manifest=str(manifest) if manifest else None,
    )
    try:
        result = run_bench(
            options, say=lambda msg: err_console.print(f"[dim]bench: {escape(msg)}[/]")
        )
    except (ValueError, RuntimeError, OSError) as exc:
        fail(str(exc))
    table = Table(title="frontwatch bench", show_header=True)
    table.add_column("measure")
    table.add_column("value", justify="right")
    for name, value in table_rows(result):
        table.add_row(escape(name), escape(value))
    console.print(table)
    path = write_result(result, out)
    # The JSON path is the last line printed, for scripts.
    print(path)


@app.command()
def batch(
    inputs: Annotated[list[str], typer.Argument(help="Files or folders (recursive).")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for the Parquet output.")],
    scheduler: Annotated[
        str | None,
        typer.Option("--scheduler", help="Dask scheduler (tcp://host:8786); default: local."),
    ] = None,
    workers: Annotated[
        int, typer.Option("--workers", "-w", min=1, help="Workers of the local cluster.")
    ] = 2,
    partition_size: Annotated[
        int, typer.Option("--partition-size", min=1, help="Articles per task and Parquet part.")
    ] = 64,
    date: Annotated[
        str | None, typer.Option("--date", help="Publication date for articles that state none.")
    ] = None,
    overwrite: Annotated[
        bool, typer.Option("--overwrite", help="Replace the parts of an earlier run in --out.")
    ] = False,
) -> None:
    """Run the per-article stages on Dask and write partitioned Parquet (then `load` it)."""
    from frontwatch.batch.cluster import BatchError, run_batch

    user_date = parse_publication_date(date, "--date")
    missing = _missing(inputs)
    for name in missing:
        err_console.print(f"error: {escape(name)}: no such file or folder", highlight=False)
    present = [p for p in inputs if p not in missing]
    if not present:
        raise typer.Exit(1)

    def show_problem(problem: ReadProblem) -> None:
        err_console.print(escape(str(problem)), highlight=False)

    from frontwatch.read import count_documents

    total = count_documents(present)  # articles, not files: the total from the start
    with counted(err_console, "batch", total, "articles") as progress:
        try:
            report = run_batch(
                present,
                out,
                scheduler=scheduler,
                workers=workers,
                partition_size=partition_size,
                user_date=user_date,
                overwrite=overwrite,
                on_problem=show_problem,
                on_progress=progress.advance,
            )
        except BatchError as exc:
            fail(str(exc))
    for line in report.failed:
        err_console.print(escape(line), highlight=False)
    rate = report.articles / report.seconds if report.seconds else 0.0
    err_console.print(
        f"{report.articles} article(s) in {report.partitions} partition(s), "
        f"{report.duplicates} duplicate(s) skipped, {rate:.1f} articles/s, "
        f"{report.errors + len(missing)} problem(s) -> {out}",
        highlight=False,
    )
    if report.errors or missing:
        raise typer.Exit(1)


@app.command()
def load(
    folder: Annotated[Path, typer.Argument(help="The --out folder of `frontwatch batch`.")],
    db: DbOption = None,
) -> None:
    """Load a batch's Parquet into the store (loading twice changes nothing), then fuse."""
    from frontwatch.batch.load import LoadError, load_parquet
    from frontwatch.batch.parquet import partitions
    from frontwatch.store import Store

    if not folder.is_dir():
        fail(f"{folder}: no such folder")
    store = Store(db)
    with counted(err_console, "load", len(partitions(folder)), "partitions") as progress:
        try:
            report = load_parquet(folder, store, on_progress=lambda _n: progress.advance())
        except LoadError as exc:
            fail(str(exc))
    err_console.print(
        f"{report.stored} new article(s) stored, {report.already} already present, "
        f"{report.events} event(s), {report.incidents} incident(s) -> {store.url}",
        highlight=False,
    )


@app.command("bench-scale")
def bench_scale(
    corpus: Annotated[
        str, typer.Argument(help="The bench corpus root (the fixed batch of real articles).")
    ],
    sizes: Annotated[
        str, typer.Option("--sizes", help="Store sizes (articles), comma-separated.")
    ] = "1000,10000,50000,100000,200000",
    db: DbOption = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="Where to write the JSON.")] = Path(
        "demo/out/bench-scale.json"
    ),
) -> None:
    """The fixed batch's store-and-fusion time as a synthetic store grows; JSON path last."""
    import time

    from frontwatch.bench import build_corpus, clean_all, write_result
    from frontwatch.bench.scale import run_scale
    from frontwatch.pipeline import Pipeline, ingest_articles

    try:
        wanted = [int(s) for s in sizes.split(",") if s.strip()]
    except ValueError:
        fail(f"--sizes must be numbers separated by commas, got {sizes!r}")
    if not wanted or min(wanted) < 1:
        fail("--sizes needs at least one size of 1 or more")
    if not Path(corpus).is_dir():
        fail(f"{corpus}: no such folder")

    def say(msg: str) -> None:
        err_console.print(f"[dim]bench-scale: {escape(msg)}[/]")

    try:
        articles = clean_all(build_corpus([corpus], "demo/articles", None))
    except (ValueError, OSError) as exc:
        fail(str(exc))
    say(f"processing the batch of {len(articles)} real articles once ...")
    started = time.perf_counter()
    pipeline = Pipeline()
    batch = list(pipeline.process(articles))
    pipeline_s = round(time.perf_counter() - started, 2)
    result = run_scale(batch, wanted, lambda s: ingest_articles(articles, s, pipeline), db, say)
    result["batch_pipeline_seconds"] = pipeline_s  # the model and per-article stages, once
    rows = zip(
        result["store_articles"], result["batch_seconds"], result["store_fusion_seconds"],
        strict=True,
    )  # fmt: skip
    for size, seconds, alone in rows:
        console.print(
            f"{size:>9,} articles: ingest {seconds:6.2f} s, store and fusion {alone:5.2f} s",
            highlight=False,
        )  # fmt: skip
    console.print(
        f"largest / smallest: ingest x{result['batch_ratio']}, "
        f"store and fusion x{result['store_fusion_ratio']}; "
        f"peak RSS {result['peak_rss_mb']:.0f} MB", highlight=False,
    )  # fmt: skip
    print(write_result(result, out))
